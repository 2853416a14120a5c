"""Views of waves, places and service impacts, formatted for one language.

Every date and status comes from `generator.facts` (`ctx.site.facts`); this
module only turns those facts into words and `<time datetime>` values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.facts import ENDED, LIVE, ONGOING, OVERDUE, UPCOMING, GoLive, ImpactFacts, Part
from generator.i18n.catalogs import N_
from generator.i18n.dates import format_number, format_when, period_parts
from generator.model import Contact, Place
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
    """A `When` as text in the context's language (CLDR via Babel, at the precision it was
    written) with its ISO 8601 value for `<time datetime>`; memoised per context.
    """
    key = (when, weekday)
    found = ctx.memo.get(key)
    if found is None:  # the same dates recur on many pages; Babel is slow
        found = ctx.memo[key] = TimeText(format_when(when, ctx.lang, ctx._, weekday=weekday),
                                         when.iso())
    return found


def period_text(ctx: Ctx, period: Period) -> PeriodView:
    """A period's text and its start and end as `TimeText` (ISO 8601 for `<time>`); dates
    formatted by CLDR via `i18n.dates`; an open end reads «fra 28. oktober 2024».
    """
    key = ("period", period)
    found: PeriodView | None = ctx.memo.get(key)
    if found is not None:
        return found
    first, last = period_parts(period, ctx.lang)
    end = period.end
    start = TimeText(first, period.start.iso())
    if end is None:
        before, _, after = ctx._("from {date}").partition("{date}")
        view = PeriodView(f"{before}{first}{after}", start, None, before, after)
    else:
        view = PeriodView(f"{first}\u2013{last}" if last else first, start,
                          TimeText(last, end.iso()) if last else None)
    ctx.memo[key] = view
    return view


@dataclass(frozen=True)
class PeriodView:
    """A period as text, and its halves for two `<time>` elements."""

    text: str
    start: TimeText
    end: TimeText | None
    before: str = ""  # words around an open-ended start («fra », «frå »)
    after: str = ""

    def html(self) -> Markup:
        """The period as HTML: the dates in `<time datetime>` elements, the words around them
        escaped."""
        out = escape(self.before) + _time(self.start)
        if self.end:
            out += Markup("\u2013") + _time(self.end)
        return Markup(out + escape(self.after))


def _time(t: TimeText) -> Markup:
    return Markup('<time datetime="{}">{}</time>').format(t.iso, t.text)


@dataclass(frozen=True)
class PartView:
    """A service period that differs from its notice's own: «lavterskeltilbudet: …»."""

    label: str
    period: PeriodView


@dataclass(frozen=True)
class SpanView:
    """An impact's whole span and its differing service periods, the same way everywhere:
    «27. oktober–31. desember 2023; psykisk helse: ingen nye saker 27. oktober–17. november
    2023».  The lead is the span (from the first start to the last end), the period its
    status is of, so «Pågår nå» never stands beside a start still to come."""

    lead: PeriodView
    parts: list[PartView]

    @property
    def text(self) -> str:
        """The span as plain text: the lead period, then each differing part, joined by «; »."""
        return "; ".join([self.lead.text, *(f"{p.label} {p.period.text}" for p in self.parts)])

    def html(self) -> Markup:
        """The span as HTML: each period's dates in `<time>` elements, joined by «; »."""
        out = [self.lead.html(), *(Markup("{} {}").format(p.label, p.period.html())
                                   for p in self.parts)]
        return Markup("; ").join(out)


def part_label(ctx: Ctx, part: Part) -> str:
    """A differing service period's label in the context's language: the service name and its
    level, each starting in lower case («psykisk helse: ingen nye saker»)."""
    service = ctx.site.data.services.get(part.service)
    name = service.name(ctx.lang) if service else part.service
    level = ctx._(LEVELS[part.level][0])
    return f"{name[:1].lower() + name[1:]}: {level[:1].lower() + level[1:]}"


def span_view(ctx: Ctx, facts: ImpactFacts) -> SpanView:
    """The `SpanView` of an impact's derived `facts` in the context's language: its span
    (`facts.span`, the own period when no service period reaches outside it), then the
    service periods that differ."""
    return SpanView(period_text(ctx, facts.span),
                    [PartView(part_label(ctx, p), period_text(ctx, p.period))
                     for p in facts.parts])


# Each status has its own icon within its table (shapes in templates/static/icons.svg), so
# the icon beside the word tells statuses apart even in forced colours.
WAVE_STATUS = {
    "overdue": (N_("Date passed, no news"), "warning", "warning"),
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
    """The status badge for `key` in `table` (label translated, icon, tone). Raises KeyError for
    an unknown key.
    """
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
    status: Badge | None  # only when this member has its own date


@dataclass(frozen=True)
class WaveView:
    id: str
    name: str
    go_live: TimeText | None
    status: Badge
    undated: str  # what to write when there is no go-live date
    status_key: str  # planned | decided | confirmed | postponed | overdue | live | cancelled
    phase: str
    members: list[MemberView]
    history: list[tuple[TimeText, str | None]]
    description: str | None


def place_link(ctx: Ctx, place: Place) -> Link:
    """A link to a place's page, named in the context's language."""
    return Link(ctx.url(ctx.site.place_url(place.id, ctx.lang)), place.name(ctx.lang))


def wave_view(ctx: Ctx, wave_id: str) -> WaveView:
    """What a page shows of the wave `wave_id`: name, go-live text, status badge (derived in
    `generator.facts`), phase and members with links.
    """
    site = ctx.site
    wf = site.facts.waves[wave_id]
    wave, main = wf.wave, wf.main
    own = {g.places[0]: g for g in wf.go_lives[1:]}
    members = []
    for m in wave.members:
        place = site.data.places.get(m.place)
        if place is None:
            continue
        g = own.get(m.place)
        members.append(MemberView(place_link(ctx, place),
                                  when_text(ctx, g.when) if g and g.when else None,
                                  m.note(ctx.lang) if m.note else None,
                                  badge(ctx, WAVE_STATUS, g.status) if g else None))
    return WaveView(
        id=wave.id, name=wave.name,
        go_live=when_text(ctx, main.when) if main.when else None,
        undated=ctx._("date not given") if main.status == LIVE else ctx._("date not set"),
        status=badge(ctx, WAVE_STATUS, main.status), status_key=main.status,
        phase=wf.phase, members=members,
        history=[(when_text(ctx, h.go_live), h.note(ctx.lang) if h.note else None)
                 for h in wave.history],
        description=wave.description(ctx.lang) if wave.description else None,
    )


@dataclass(frozen=True)
class GoLiveLead:
    """What a place's page and card say first: when it switches (or switched)."""

    text: str
    time: TimeText | None
    status: Badge | None
    past: bool  # the place uses Helseplattformen at the clock


def go_live_lead(ctx: Ctx, place_id: str) -> GoLiveLead:
    """The lead of a place's page about its go-live: its name, the date text, the status
    badge at the clock and whether it already uses Helseplattformen."""
    name = ctx.site.data.places[place_id].name(ctx.lang)
    g = ctx.site.facts.go_live_of(place_id)
    if g is None:
        return GoLiveLead(ctx._("No go-live date has been published for %(name)s.")
                          % {"name": name}, None, None, False)
    status = badge(ctx, WAVE_STATUS, g.status)
    if g.when is None:
        text = ctx._("%(name)s already uses Helseplattformen. Our sources do not give the "
                     "exact date.") if g.status == LIVE else ctx._("The date is not set yet.")
        return GoLiveLead(text % {"name": name} if "%(name)s" in text else text, None, status,
                          g.status == LIVE)
    if g.status == LIVE:
        text = ctx._("%(name)s took Helseplattformen into use")
    elif g.status in ("cancelled", "postponed", OVERDUE):
        text = ctx._("%(name)s was to switch to Helseplattformen")
    else:
        text = ctx._("%(name)s switches to Helseplattformen")
    return GoLiveLead(text % {"name": name}, when_text(ctx, g.when), status, g.status == LIVE)


@dataclass(frozen=True)
class ServiceRow:
    name: str
    level: Badge
    period: PeriodView | None  # None for normal service: no reduction has a period
    status: Badge | None  # likewise: «Kommer» under «Vanlig drift» would contradict it
    reduced: list[str]
    kept: list[str]
    contact: Contact
    search_words: str = ""  # the service's other names, for the search index only


@dataclass(frozen=True)
class ImpactView:
    id: str
    title: str
    summary: str
    status: Badge
    status_key: str
    period: SpanView
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


def impact_view(ctx: Ctx, facts: ImpactFacts) -> ImpactView:
    """What a page shows of a service impact (its derived `facts`): status at the clock,
    period and one row per service with its level.
    """
    site, lang, impact = ctx.site, ctx.lang, facts.impact
    rows = []
    for s, status in zip(impact.services, facts.service_status, strict=True):
        service = site.data.services.get(s.service)
        level = badge(ctx, LEVELS, s.level)
        changes = s.level != "normal"
        rows.append(ServiceRow(
            name=service.name(lang) if service else s.service,
            level=quiet(level) if status == ENDED else level,
            period=period_text(ctx, s.period) if changes else None,
            status=badge(ctx, IMPACT_STATUS, status) if changes else None,
            reduced=[t(lang) for t in s.reduced], kept=[t(lang) for t in s.kept],
            contact=s.contact or impact.contact,
            search_words=service.search_words(lang) if service and service.search_words else "",
        ))
    wave = site.data.waves.get(impact.wave) if impact.wave else None
    return ImpactView(
        id=impact.id, title=impact.title(lang), summary=impact.summary(lang),
        status=badge(ctx, IMPACT_STATUS, facts.status), status_key=facts.status,
        period=span_view(ctx, facts),
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
    language: str | None  # None for `neutral`: the row is left out


# `neutral` is also what a place without `language` gets, and the default content uses it
# where nobody checked the council's choice: it tells a resident nothing they can act on
# («Målform: nøytral» is jargon), and a sentence such as «writes both» would claim a fact
# no source gives.  So the row shows only a chosen standard (content review 2026-11).
LANGUAGE_CHOICE = {"nb": N_("Bokmål"), "nn": N_("Nynorsk")}


def place_facts(ctx: Ctx, place: Place) -> PlaceFacts:
    """A place's county, number and inhabitants (number formatted by CLDR, with its date),
    and its council's written standard when it chose one (None for `neutral`)."""
    return PlaceFacts(
        county=place.county, number=place.number,
        inhabitants=format_number(place.inhabitants, ctx.lang)
        if place.inhabitants is not None else None,
        inhabitants_as_of=when_text(ctx, place.inhabitants_as_of, weekday=False)
        if place.inhabitants_as_of else None,
        language=ctx._(LANGUAGE_CHOICE[place.language])
        if place.language in LANGUAGE_CHOICE else None,
    )


@dataclass(frozen=True)
class BannerLine:
    text: Markup
    link: Link
    places: tuple[str, ...] = ()  # the place ids the line concerns (a place page shows its own)


def golive_banner_text(ctx: Ctx, g: GoLive) -> Markup:
    """«PD5 tar i bruk Helseplattformen fredag 3. november 2023. Gjelder: …»"""
    data = ctx.site.data
    assert g.when is not None
    names = [data.places[p].name(ctx.lang) for p in g.places]
    subject = names[0] if g.key != g.wave.id and names else g.wave.name
    template = (ctx._("{wave} took Helseplattformen into use {when}.") if g.status == LIVE
                else ctx._("{wave} switches to Helseplattformen {when}."))
    text = Markup(escape(template)).format(wave=subject, when=_time(when_text(ctx, g.when)))
    if names and g.key == g.wave.id:
        text += " " + ctx._("Concerns: {names}.", names=_join(ctx, names))
    return text


def banner(ctx: Ctx) -> list[BannerLine]:
    """The site banner's lines at the clock: go-lives within banner_days and ongoing
    reductions, as `status.banner_items` derives them; only formatted here."""
    site, lines = ctx.site, []
    for item in site.facts.banner:
        if item.kind == "golive":
            g = site.facts.go_live(item.id)
            lines.append(BannerLine(golive_banner_text(ctx, g),
                                    Link(ctx.url(site.section_url("timeline", ctx.lang)),
                                         ctx._("See the timeline")), g.places))
        else:
            facts = site.facts.impact(item.id)
            lines.append(BannerLine(reduction_banner_text(ctx, facts), Link(
                ctx.url(site.section_url("reductions", ctx.lang)) + f"#{facts.id}",
                ctx._("What this means for you")), tuple(facts.impact.places)))
    return lines


def reduction_banner_text(ctx: Ctx, facts: ImpactFacts) -> Markup:
    """«Rauma: Noen helsetjenester tar imot færre. Redusert kapasitet <time>…</time>.»: the
    editor's title first, as its own sentence, then the fixed words, so a title that
    starts «Rauma: » never follows a label and its colon («Redusert kapasitet: Rauma: …»
    read badly and a screen reader reads it as a list).  A title that names none of the
    notice's places is followed by «Gjelder: Rauma.», as a go-live line is."""
    title = facts.impact.title(ctx.lang)
    names = [ctx.site.data.places[p].name(ctx.lang) for p in facts.impact.places
             if p in ctx.site.data.places]
    text = Markup(escape(ctx._("{title} Reduced capacity {period}."))).format(
        title=as_sentence(title), period=span_view(ctx, facts).html())
    if names and not any(name in title for name in names):
        text += " " + ctx._("Concerns: {names}.", names=_join(ctx, names))
    return text


def as_sentence(text: str) -> str:
    """`text` ending as a sentence: a full stop added unless it ends in «.», «!», «?» or
    «…» (a title typed with or without one reads the same)."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", "\u2026")) else text + "."


def without_places(title: str, names: list[str]) -> str:
    """`title` without a leading «Rauma: » or «Ålesund og Giske: » that names only places in
    `names`, the rest starting with a capital; else `title` as it is.  For a line that
    already says where (a place's own page), so a label before it is not followed by a
    second label («Nå: Rauma: …»)."""
    head, sep, rest = title.partition(": ")
    if not sep or not rest.strip():
        return title
    parts = [p for p in re.split(r",\s*|\s+(?:og|and|&)\s+", head.strip()) if p]
    if not parts or not all(p in names for p in parts):
        return title
    rest = rest.strip()
    return rest[:1].upper() + rest[1:]


def after_label(title: str) -> str:
    """`title` as it reads after a fixed label and its colon («Nå: …»): in «» when it has a
    colon of its own, so the line never reads as two labels."""
    return f"\u00ab{title}\u00bb" if ":" in title else title



def _join(ctx: Ctx, names: list[str]) -> str:
    from babel.lists import format_list
    return format_list(names, locale=ctx.lang)
