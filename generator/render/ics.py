"""iCalendar (RFC 5545): go-lives and reduced-capacity periods, per language and place.

Files: ``<lang>/calendar.ics`` (everything) and ``<lang>/<places>/<id>/calendar.ics``.

* A go-live with a time is a zero-length event in ``TZID=Europe/Oslo``; a
  go-live on a date is an all-day event (``VALUE=DATE``, DTEND the next day).
  Approximate go-lives (a month or a season) are left out: a calendar entry
  spanning a season says less than the timeline does.  If a wave loses an
  exact date it had (moved to «autumn»), its last exact date stays as a
  CANCELLED event so subscribers' copies are withdrawn.
* A notice is an event over its period (all-day when written as dates; DTEND
  exclusive); a service whose own period differs gets its own event.  An
  open-ended period is a DTSTART with no DTEND as a date-time (RFC 5545 §3.6.1:
  a moment, not a day), its summary and description say that no end is set.
* UID: record ids + language + host.  SEQUENCE: see `generator.events`.
  STATUS: TENTATIVE (planned, decided, postponed), CONFIRMED (confirmed,
  live), CANCELLED (cancelled); notices are CONFIRMED.
* DTSTAMP: the last dated change in the data, else the build clock (UTC).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from babel.lists import format_list

from generator import LANGUAGES, __version__
from generator.events import ICS_STATUS, impact_revised, impact_sequence
from generator.facts import GoLive, ImpactFacts, Part
from generator.render import OutputFile
from generator.render.links import absolute, calendar_path, impact_url, uid
from generator.render.theme import Theme
from generator.site import OutputPage, Site
from generator.views.context import Ctx
from generator.views.data import as_sentence, part_label, period_text
from generator.when import DAY, OSLO, Period, When

VTIMEZONE = (
    "BEGIN:VTIMEZONE", "TZID:Europe/Oslo",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
    "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
    "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE",
)


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> bytes:
    """One content line, folded at 75 octets without splitting a UTF-8 character."""
    data = line.encode("utf-8")
    parts, limit = [], 75
    while len(data) > limit:
        cut = limit
        while (data[cut] & 0xC0) == 0x80:  # never cut before a continuation byte
            cut -= 1
        parts.append(data[:cut])
        data = data[cut:]
        limit = 74  # continuation lines start with a space
    parts.append(data)
    return b"\r\n ".join(parts) + b"\r\n"


def _utc(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(dt: datetime) -> str:
    return dt.astimezone(OSLO).strftime("%Y%m%dT%H%M%S")


@dataclass(frozen=True)
class Event:
    uid: str
    summary: str
    description: str
    start: When
    end: When | None  # inclusive end as written; None: a point (or one day), or open
    status: str
    sequence: int
    stamp: datetime
    url: str
    location: str | None = None
    open_end: bool = False  # a period with no end: never shown as one day

    def lines(self) -> list[str]:
        """The event as iCalendar content lines (RFC 5545 §3.6.1 VEVENT): UID, DTSTAMP, all-day
        dates as VALUE=DATE with an exclusive DTEND (§3.6.1, §3.3.4), else times with
        TZID=Europe/Oslo, SEQUENCE and STATUS; not yet folded.
        """
        out = ["BEGIN:VEVENT", f"UID:{self.uid}", f"DTSTAMP:{_utc(self.stamp)}"]
        whole_days = not self.open_end and self.start.precision == DAY and (
            self.end is None or self.end.precision == DAY)
        if whole_days:
            first = self.start.start.date()
            last = self.end.start.date() if self.end else first
            out.append(f"DTSTART;VALUE=DATE:{first:%Y%m%d}")
            out.append(f"DTEND;VALUE=DATE:{last + timedelta(days=1):%Y%m%d}")
        else:
            out.append(f"DTSTART;TZID=Europe/Oslo:{_local(self.start.start)}")
            if self.end is not None:
                end = Period(self.start, self.end).end_at
                assert end is not None
                out.append(f"DTEND;TZID=Europe/Oslo:{_local(end)}")
        out += [f"SEQUENCE:{self.sequence}", f"STATUS:{self.status}",
                f"SUMMARY:{escape(self.summary)}"]
        if self.description:
            out.append(f"DESCRIPTION:{escape(self.description)}")
        if self.location:
            out.append(f"LOCATION:{escape(self.location)}")
        out += [f"URL:{self.url}", "TRANSP:TRANSPARENT", "CLASS:PUBLIC", "END:VEVENT"]
        return out


def _names(ctx: Ctx, place_ids: Iterable[str]) -> str:
    names = [ctx.site.data.places[p].name(ctx.lang) for p in place_ids
             if p in ctx.site.data.places]
    return format_list(names, locale=ctx.lang) if names else ""


def go_live_event(ctx: Ctx, g: GoLive, place_id: str | None) -> Event | None:
    """The calendar event of a go-live (for one place if `place_id`): at its date, or CANCELLED
    at the withdrawn date when the date is no longer exact; None if it never had one.
    """
    site = ctx.site
    when, status = g.when, ICS_STATUS[g.status]
    if when is None or not when.is_exact:
        when, status = g.withdrawn, "CANCELLED"
        if when is None:
            return None
    who = _names(ctx, g.places)
    subject = who if place_id or (who and len(g.places) <= 3) else g.wave.name
    summary = ctx.catalog.gettext("%(name)s switches to Helseplattformen") % {"name": subject}
    parts = []
    if who:
        parts.append(ctx._("Concerns: {names}.", names=who))
    if g.note:
        parts.append(g.note(ctx.lang))
    if g.wave.description:
        parts.append(g.wave.description(ctx.lang))
    page = site.place_url(place_id, ctx.lang) if place_id else \
        site.section_url("timeline", ctx.lang) + f"#wave-{g.wave.id}"
    return Event(uid(site, "golive", g.key, ctx.lang), summary, "\n\n".join(parts), when, None,
                 status, g.sequence, g.revised or site.now, absolute(site, page), who or None)


def impact_events(ctx: Ctx, facts: ImpactFacts) -> list[Event]:
    """The calendar events of a service impact (its derived `facts`): one for its whole period,
    then one per reduced service whose period differs, each with the impact's revision as
    SEQUENCE.
    """
    site, lang, impact = ctx.site, ctx.lang, facts.impact
    url = absolute(site, impact_url(site, lang, impact.id))
    stamp, seq = impact_revised(impact), impact_sequence(impact)
    where = _names(ctx, impact.places) or None

    def describe(period: Period, *texts: str | None) -> str:
        parts = [t for t in texts if t]
        if period.end is None:
            parts.append(ctx._("No end date has been announced."))
        return "\n\n".join(parts)

    def titled(title: str, period: Period) -> str:
        return title if period.end else f"{title} ({period_text(ctx, period).text})"

    urgent = impact.urgent(lang) if impact.urgent else None
    own = facts.own
    events = [Event(uid(site, "impact", impact.id, lang), titled(impact.title(lang), own),
                    describe(own, impact.summary(lang), urgent), own.start, own.end,
                    "CONFIRMED", seq, stamp, url, where, own.end is None)]
    seen: dict[tuple[str, str], int] = {}
    for s in impact.services:
        n = seen[(s.service, s.level)] = seen.get((s.service, s.level), 0) + 1
        part = next((p for p in facts.parts if (p.service, p.level, p.period)
                     == (s.service, s.level, s.period)), None)
        if part is None:
            continue
        summary = titled(part_summary(ctx, part, where), s.period)
        key = f"{s.service}-{s.level}" + (f"-{n}" if n > 1 else "")
        events.append(Event(uid(site, "impact", impact.id, key, lang), summary,
                            describe(s.period, as_sentence(impact.title(lang)),
                                     *(t(lang) for t in s.reduced), urgent),
                            s.period.start, s.period.end, "CONFIRMED", seq, stamp, url, where,
                            s.period.end is None))
    return events


def part_summary(ctx: Ctx, part: Part, where: str | None) -> str:
    """A service period's SUMMARY: «Psykososialt team: ingen nye saker – Rauma».  The
    notice's title opens the DESCRIPTION instead of being glued to the label: a title
    that starts «Rauma: » made «Rauma: Noen …: psykososialt team: ingen nye saker», three
    colons in a line a calendar shows whole (content review, resident text)."""
    label = part_label(ctx, part)
    label = label[:1].upper() + label[1:]
    return f"{label} \u2013 {where}" if where else label


def calendar(ctx: Ctx, place_id: str | None = None) -> bytes:
    """An iCalendar file (RFC 5545: CRLF lines folded at 75 octets, §3.1) of go-lives and
    impacts in the context's language, for one place if `place_id`.
    """
    site, lang = ctx.site, ctx.lang
    if place_id:
        one = site.facts.go_live_of(place_id)
        moves = [one] if one else []
    else:
        moves = site.facts.go_lives()
    events = [e for g in moves if (e := go_live_event(ctx, g, place_id))]
    for facts in site.facts.impacts_for(place_id):
        events += impact_events(ctx, facts)
    events.sort(key=lambda e: (e.start.start, e.uid))
    name = site.config.site_name(lang)
    if place_id:
        name = f"{site.data.places[place_id].name(lang)} – {name}"
    head = ["BEGIN:VCALENDAR", "VERSION:2.0",
            f"PRODID:-//helseplattformen-notices//{__version__}//{lang.upper()}",
            "CALSCALE:GREGORIAN", f"NAME:{escape(name)}", f"X-WR-CALNAME:{escape(name)}",
            "X-WR-TIMEZONE:Europe/Oslo", *VTIMEZONE]
    lines = head + [line for e in events for line in e.lines()] + ["END:VCALENDAR"]
    return b"".join(fold(line) for line in lines)


def render_calendars(site: Site, theme: Theme,
                     markdown: Callable[[OutputPage], str]) -> Iterator[OutputFile]:
    """The calendar for each language, and for each place in each language."""
    for lang in LANGUAGES:
        ctx = Ctx(site, lang, theme.catalogs)
        yield OutputFile(calendar_path(site, lang), calendar(ctx))
        for pid in sorted(site.data.places):
            yield OutputFile(calendar_path(site, lang, pid), calendar(ctx, pid))
