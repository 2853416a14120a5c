"""Views of waves, places and service impacts, formatted for one language."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.i18n.catalogs import N_
from generator.i18n.dates import format_number, format_period, format_when, period_parts
from generator.model import Contact, Impact, Place, Wave
from generator.status import (
    ENDED,
    ONGOING,
    UPCOMING,
    banner_items,
    impact_status,
    period_status,
    wave_phase,
)
from generator.views.context import Ctx, Link
from generator.views.phone import tel_links
from generator.when import Period, When


@dataclass(frozen=True)
class TimeText:
    """A date as text plus the value for `<time datetime>`."""

    text: str
    iso: str


@dataclass(frozen=True)
class Badge:
    """A status or severity: always words, plus an icon name, never colour alone."""

    label: str
    icon: str  # "info", "warning", "stop", "check", "clock"
    tone: str  # css modifier


def when_text(ctx: Ctx, when: When, weekday: bool = True) -> TimeText:
    key = (when, weekday)
    found = ctx.memo.get(key)
    if found is None:  # the same dates recur on many pages; Babel is slow
        found = ctx.memo[key] = TimeText(format_when(when, ctx.lang, ctx._, weekday=weekday),
                                         when.iso())
    return found


def period_text(ctx: Ctx, period: Period) -> PeriodView:
    first, last = period_parts(period, ctx.lang)
    end = period.end
    return PeriodView(
        text=format_period(period, ctx.lang),
        start=TimeText(first, period.start.iso()),
        end=TimeText(last, end.iso()) if end and last else None,
    )


@dataclass(frozen=True)
class PeriodView:
    """A period as text, and its halves for two `<time>` elements."""

    text: str
    start: TimeText
    end: TimeText | None


# Each status has its own icon within its table (shapes in templates/static/icons.svg), so
# the icon beside the word tells statuses apart even in forced colours.
WAVE_STATUS = {
    "planned": (N_("Planned"), "clock", "neutral"),
    "decided": (N_("Decided"), "info", "neutral"),
    "confirmed": (N_("Date confirmed"), "calendar", "info"),
    "postponed": (N_("Postponed"), "pause", "warning"),
    "live": (N_("In use"), "check", "success"),
    "cancelled": (N_("Cancelled"), "cross", "neutral"),
}
LEVELS = {
    "normal": (N_("Normal service"), "check", "success"),
    "reduced": (N_("Reduced capacity"), "warning", "warning"),
    "no-new-cases": (N_("No new cases"), "minus", "danger"),
    "closed": (N_("Closed"), "stop", "danger"),
}
IMPACT_STATUS = {
    UPCOMING: (N_("Upcoming"), "clock", "info"),
    ONGOING: (N_("Ongoing now"), "half", "warning"),
    ENDED: (N_("Ended"), "flag", "neutral"),
}


def badge(ctx: Ctx, table: dict[str, tuple[str, str, str]], key: str) -> Badge:
    label, icon, tone = table[key]
    return Badge(ctx._(label), icon, tone)


def quiet(b: Badge) -> Badge:
    """The same badge without the alarm colour: for a level whose period has ended."""
    return Badge(b.label, b.icon, "neutral")


@dataclass(frozen=True)
class MemberView:
    link: Link
    go_live: TimeText | None  # only when this member has its own date
    note: str | None


@dataclass(frozen=True)
class WaveView:
    id: str
    name: str
    go_live: TimeText | None
    status: Badge
    undated: str  # what to write when there is no go-live date
    status_key: str  # planned | decided | confirmed | postponed | live | cancelled
    phase: str
    members: list[MemberView]
    history: list[tuple[TimeText, str | None]]
    description: str | None


def place_link(ctx: Ctx, place: Place) -> Link:
    return Link(ctx.url(ctx.site.place_url(place.id, ctx.lang)), place.name(ctx.lang))


def wave_view(ctx: Ctx, wave: Wave) -> WaveView:
    site = ctx.site
    members = []
    for m in wave.members:
        place = site.data.places.get(m.place)
        if place is None:
            continue
        members.append(MemberView(place_link(ctx, place),
                                  when_text(ctx, m.go_live) if m.go_live else None,
                                  m.note(ctx.lang) if m.note else None))
    return WaveView(
        id=wave.id, name=wave.name,
        go_live=when_text(ctx, wave.go_live) if wave.go_live else None,
        undated=ctx._("date not given") if wave.status == "live" else ctx._("date not set"),
        status=badge(ctx, WAVE_STATUS, wave.status), status_key=wave.status,
        phase=wave_phase(wave, site.data, site.now, site.config.banner_days),
        members=members,
        history=[(when_text(ctx, h.go_live), h.note(ctx.lang) if h.note else None)
                 for h in wave.history],
        description=wave.description(ctx.lang) if wave.description else None,
    )


@dataclass(frozen=True)
class ServiceRow:
    name: str
    level: Badge
    period: PeriodView
    status: Badge
    reduced: list[str]
    kept: list[str]
    contact: Contact


@dataclass(frozen=True)
class ImpactView:
    id: str
    title: str
    summary: str
    status: Badge
    status_key: str
    period: PeriodView
    published: TimeText
    places: list[Link]
    wave: str | None
    always_kept: str | None
    not_affected: str | None
    urgent: str | None
    contact: Contact
    services: list[ServiceRow]
    updates: list[tuple[TimeText, str]]

    @property
    def urgent_html(self) -> Markup | None:
        """The urgent-help text with its phone numbers as `tel:` links."""
        return tel_links(self.urgent) if self.urgent else None


def overall_period(impact: Impact) -> Period:
    """The impact's own period widened to cover its services, so «ongoing now» never sits
    beside a period that has not started yet (the status counts the services too)."""
    periods = [impact.period, *(s.period for s in impact.services)]
    start = min(periods, key=lambda p: p.start_at).start
    ends = [p for p in periods if p.end is not None]
    end = None if len(ends) < len(periods) else max(ends, key=lambda p: p.end_at).end
    return Period(start, end)


def impact_view(ctx: Ctx, impact: Impact) -> ImpactView:
    site, lang = ctx.site, ctx.lang
    status = impact_status(impact, site.now)
    rows = []
    for s in impact.services:
        service = site.data.services.get(s.service)
        s_status = period_status(s.period, site.now)
        level = badge(ctx, LEVELS, s.level)
        rows.append(ServiceRow(
            name=service.name(lang) if service else s.service,
            level=quiet(level) if s_status == ENDED else level,
            period=period_text(ctx, s.period),
            status=badge(ctx, IMPACT_STATUS, s_status),
            reduced=[t(lang) for t in s.reduced], kept=[t(lang) for t in s.kept],
            contact=s.contact or impact.contact,
        ))
    wave = site.data.waves.get(impact.wave) if impact.wave else None
    return ImpactView(
        id=impact.id, title=impact.title(lang), summary=impact.summary(lang),
        status=badge(ctx, IMPACT_STATUS, status), status_key=status,
        period=period_text(ctx, overall_period(impact)),
        published=when_text(ctx, impact.published, weekday=False),
        places=[place_link(ctx, site.data.places[p]) for p in impact.places],
        wave=wave.name if wave else None,
        always_kept=impact.always_kept(lang) if impact.always_kept else None,
        not_affected=impact.not_affected(lang) if impact.not_affected else None,
        urgent=impact.urgent(lang) if impact.urgent else None,
        contact=impact.contact, services=rows,
        updates=[(when_text(ctx, u.date, weekday=False), u.text(lang)) for u in impact.updates],
    )


@dataclass(frozen=True)
class PlaceFacts:
    county: str | None
    number: str | None
    inhabitants: str | None
    inhabitants_as_of: TimeText | None
    language: str


LANGUAGE_CHOICE = {"nb": N_("Bokmål"), "nn": N_("Nynorsk"), "neutral": N_("Neutral")}


def place_facts(ctx: Ctx, place: Place) -> PlaceFacts:
    return PlaceFacts(
        county=place.county, number=place.number,
        inhabitants=format_number(place.inhabitants, ctx.lang)
        if place.inhabitants is not None else None,
        inhabitants_as_of=when_text(ctx, place.inhabitants_as_of, weekday=False)
        if place.inhabitants_as_of else None,
        language=ctx._(LANGUAGE_CHOICE[place.language]),
    )


@dataclass(frozen=True)
class BannerLine:
    text: str
    link: Link
    places: tuple[str, ...] = ()  # the place ids the line concerns (a place page shows its own)


def banner(ctx: Ctx) -> list[BannerLine]:
    site, lines = ctx.site, []
    for item in banner_items(site.data, site.now, site.config.banner_days):
        if item.kind == "golive":
            wave = site.data.waves[item.id]
            assert wave.go_live is not None
            names = [site.data.places[m.place].name(ctx.lang) for m in wave.members
                     if m.place in site.data.places]
            text = ctx._("{wave} switches to Helseplattformen {when}.", wave=wave.name,
                         when=format_when(wave.go_live, ctx.lang, ctx._))
            if names:
                text += " " + ctx._("Concerns: {names}.", names=_join(ctx, names))
            lines.append(BannerLine(text, Link(ctx.url(site.section_url("timeline", ctx.lang)),
                                               ctx._("See the timeline")),
                                    tuple(m.place for m in wave.members)))
        else:
            impact = next(i for i in site.data.impacts if i.id == item.id)
            text = ctx._("Reduced capacity: {title} ({period}).", title=impact.title(ctx.lang),
                         period=format_period(overall_period(impact), ctx.lang))
            lines.append(BannerLine(text, Link(
                ctx.url(site.section_url("reductions", ctx.lang)) + f"#{impact.id}",
                ctx._("What this means for you")), tuple(impact.places)))
    return lines


def _join(ctx: Ctx, names: list[str]) -> str:
    from babel.lists import format_list
    return format_list(names, locale=ctx.lang)
