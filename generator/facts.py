"""The derivation layer: data + clock → the facts every output shows.

Every period, status, next change and visibility decision that a page, banner,
card, timeline, feed, calendar, JSON-LD block or open-data file shows is
computed here, once; renderers only format these facts.

Rules (the source of each is the developers' guide, principle 1, and issue #14):

* A period is inclusive of its written end day; `end_at` is the first instant
  after it; no end means open-ended (`Period.end is None`).
* An impact's **parts** are the periods of its reduced, closed or no-new-cases
  services that differ from its own period.  Its **span** runs from the earliest
  start to the latest end of its own period and its parts (open if any is open):
  exactly the dates shown for it.  Its status comes from the span: upcoming
  before, ongoing inside, ended after.
* A go-live belongs to each place: a member's own date wins over its wave's.
  Its status at the clock comes from dates.  The stored word only speaks about
  the future: `cancelled` and `postponed` stand; a date that has passed reads
  `live`; an approximate date (month, season) that has passed without news reads
  `overdue`; `live` without a date means live before our sources begin.
* A wave is «now» on the timeline while the banner names one of its go-lives
  or a notice about its members is ongoing (`soon` when one of those go-lives
  is still to come: «Nå og de nærmeste dagene», else just «Nå»); «past» once
  all its go-lives are live or cancelled; «overdue» when every go-live still
  open is approximate and has passed without news (not «later»: its own group);
  else «coming up».
* A go-live written as a day without a time is not `live` until that day is
  over: on the day it is `today` («tar i bruk i dag»).
* An assumed end (`end_assumed`) stays assumed in a span it ends.
* The site banner speaks about everywhere; a place's page shows none of it:
  its own banner items (its go-live, its notices) are its lead and first
  screen, and lines about other places would contradict them.
* Drafts are never shown (unless previewing); an announcement with a future
  `date` is a scheduled publish; `expires` hides a page.  A page is about the
  places it names, or, naming none, about every member of its waves.
* A place's **outlook** (what its go-live means for a resident) follows its
  go-live status: none (no go-live in the data), ahead, live, overdue,
  postponed or cancelled.  `changes_before` says whether a notice for the place
  that is not over starts before that go-live (any such notice when there is no
  date, or the switch is not ahead): then «nothing changes before …» would be
  false.
* `next_change` is the first future instant at which any of these facts
  changes (checked, not guessed), or a scheduled page appears or goes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from generator.model import Data, Impact, SourcePage, Text, Wave
from generator.when import DAY, Period, When

# impact and service statuses
UPCOMING, ONGOING, ENDED = "upcoming", "ongoing", "ended"
# go-live statuses beyond the stored ones (planned, decided, confirmed, postponed, cancelled)
LIVE, OVERDUE = "live", "overdue"
# timeline sections
PAST, NOW = "past", "now"
SETTLED = (LIVE, "cancelled")  # a go-live with one of these statuses is history


def period_status(period: Period, now: datetime) -> str:
    """UPCOMING before `period.start_at`, ENDED from `end_at`, else ONGOING."""
    if now < period.start_at:
        return UPCOMING
    end = period.end_at
    if end is not None and now >= end:
        return ENDED
    return ONGOING


def span(periods: Iterable[Period]) -> Period:
    """The smallest period covering all `periods` (open-ended if any is open)."""
    ps = list(periods)
    start = min(ps, key=lambda p: p.start_at).start
    if any(p.end is None for p in ps):
        return Period(start, None)
    last = max(ps, key=lambda p: p.end_at or p.start_at)
    # an assumed end stays assumed in the span (no firm end reaches as far)
    assumed = any(p.end_assumed and p.end_at == last.end_at for p in ps) and not any(
        not p.end_assumed and p.end_at == last.end_at for p in ps)
    return Period(start, last.end, assumed)


# --- go-lives --------------------------------------------------------------------------


def go_live_status(stored: str, when: When | None, now: datetime) -> str:
    """The status of a go-live at `now` (see the module docstring).

    The stored word only speaks about the future: an exact date that is over (a
    time that has come, or a day without a time that has ended) reads `live`
    whatever was stored, and one still ahead never reads `live` (a stored `live`
    then means the date is confirmed).  On the day itself, with no time known, a
    go-live is not yet `live`: `GoLive.today` says «i dag».
    """
    if stored in ("cancelled", "postponed") or when is None:
        return stored
    if when.is_exact:
        if now >= (when.start if when.has_time else when.end):
            return LIVE
        return "confirmed" if stored == LIVE else stored
    if stored == LIVE:
        return LIVE
    return OVERDUE if now >= when.end else stored


@dataclass(frozen=True)
class GoLive:
    """One go-live: the wave's members that share its date, or one member with its own."""

    key: str  # "pd5", or "pd5/rindal" for a member with its own date
    wave: Wave
    places: tuple[str, ...]
    when: When | None
    note: Text | None  # why this member's date differs
    status: str  # at the clock: see `go_live_status`
    today: bool = False  # a date without a time whose day it is: «tar i bruk i dag»

    @property
    def stored_status(self) -> str:
        """The status written in the wave's data (before the clock is applied)."""
        return self.wave.status

    @property
    def sequence(self) -> int:
        """A revision number for feeds and calendars: how many times the date was moved (RFC
        5545 §3.8.7.4 SEQUENCE)."""
        return len(self.wave.history)

    @property
    def previous(self) -> tuple[When, ...]:
        """Earlier planned dates, oldest first."""
        return tuple(h.go_live for h in self.wave.history)

    @property
    def revised(self) -> datetime | None:
        """When the plan last changed, if the data says."""
        dates = [h.changed.start for h in self.wave.history if h.changed]
        return max(dates) if dates else None

    @property
    def withdrawn(self) -> When | None:
        """An exact date published earlier that no longer holds (calendars cancel it)."""
        if self.when is not None and self.when.is_exact:
            return None
        exact = [w for w in self.previous if w.is_exact]
        return exact[-1] if exact else None


def is_today(stored: str, when: When | None, now: datetime) -> bool:
    """A go-live written as a day without a time, not cancelled or postponed, on that day:
    it switches «i dag» (it reads `live` only once the day is over)."""
    return (when is not None and when.precision == DAY and stored not in
            ("cancelled", "postponed") and when.start <= now < when.end)


def wave_go_lives(wave: Wave, data: Data, now: datetime) -> list[GoLive]:
    """The wave's own go-live first, then one per member with its own date."""
    shared = tuple(m.place for m in wave.members if m.go_live is None and m.place in data.places)
    out = [GoLive(wave.id, wave, shared, wave.go_live, None,
                  go_live_status(wave.status, wave.go_live, now),
                  is_today(wave.status, wave.go_live, now))]
    for m in wave.members:
        if m.go_live is not None and m.place in data.places:
            out.append(GoLive(f"{wave.id}/{m.place}", wave, (m.place,), m.go_live, m.note,
                              go_live_status(wave.status, m.go_live, now),
                              is_today(wave.status, m.go_live, now)))
    return out


# --- impacts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """A service period that differs from its impact's own period."""

    service: str
    level: str
    period: Period


@dataclass(frozen=True)
class ImpactFacts:
    impact: Impact
    own: Period  # the impact's own period, as written
    span: Period  # own period and every service period together
    parts: tuple[Part, ...]  # service periods that differ from `own`, in written order
    status: str  # of the span
    service_status: tuple[str, ...]  # one per `impact.services`

    @property
    def id(self) -> str:
        """The impact's id (from its data file)."""
        return self.impact.id


def impact_facts(impact: Impact, now: datetime) -> ImpactFacts:
    """The derived facts of `impact` at `now` (UTC): its own period, the span covering its
    services, the service periods that differ, and the status of each."""
    services = impact.services
    parts = tuple(Part(s.service, s.level, s.period) for s in services
                  if s.period != impact.period and s.level != "normal")
    whole = span([impact.period, *(p.period for p in parts)])
    return ImpactFacts(impact, impact.period, whole, parts, period_status(whole, now),
                       tuple(period_status(s.period, now) for s in services))


# --- pages -----------------------------------------------------------------------------


DRAFT, SCHEDULED, EXPIRED = "draft", "scheduled", "expired"


@dataclass(frozen=True)
class Hidden:
    """Why a page is not on the site at the clock: `reason` DRAFT, SCHEDULED or EXPIRED,
    `key` the front matter key that says so ("draft", "publish", "date", "expires") and
    `when` the time it appears or went (None for a draft)."""

    reason: str
    key: str
    when: When | None = None


def page_hidden(page: SourcePage, now: datetime, drafts: bool) -> Hidden | None:
    """Why `page` is not shown at `now`, or None when it is: a draft (unless previewing),
    a `publish` time or an announcement's `date` still to come (a future date is a
    scheduled publish), an `expires` time passed."""
    if page.draft and not drafts:
        return Hidden(DRAFT, "draft")
    if page.publish and page.publish.start > now:
        return Hidden(SCHEDULED, "publish", page.publish)
    if page.type == "announcement" and page.date and page.date.start > now:
        return Hidden(SCHEDULED, "date", page.date)
    if page.expires and page.expires.start <= now:
        return Hidden(EXPIRED, "expires", page.expires)
    return None


def page_visible(page: SourcePage, now: datetime, drafts: bool) -> bool:
    """Shown at `now`: not a draft (unless previewing), published, dated, not expired
    (`page_hidden`)."""
    return page_hidden(page, now, drafts) is None


def page_schedule(page: SourcePage) -> list[datetime]:
    """The instants at which a page appears or goes."""
    out = [w.start for w in (page.publish, page.expires) if w]
    if page.type == "announcement" and page.date:
        out.append(page.date.start)
    return out


def page_places(page: SourcePage, data: Data) -> tuple[str, ...]:
    """The places a page is about: the ids it names, or, when it names none, every
    member of the waves it is tagged with (`waves: [id]` alone speaks for them all)."""
    ids = list(page.places)
    if not ids:
        for wid in page.waves:
            wave = data.waves.get(wid)
            ids += [m.place for m in wave.members] if wave else []
    return tuple(dict.fromkeys(p for p in ids if p in data.places))


# --- the whole picture -----------------------------------------------------------------


@dataclass(frozen=True)
class BannerItem:
    kind: str  # "golive" or "impact"
    id: str  # go-live key or impact id


@dataclass(frozen=True)
class WaveFacts:
    wave: Wave
    go_lives: tuple[GoLive, ...]  # the wave's own first
    phase: str  # NOW, UPCOMING, OVERDUE or PAST
    soon: bool = False  # a go-live of the wave is in the banner window and not yet live

    @property
    def main(self) -> GoLive:
        """The wave's shared go-live (its members without their own date)."""
        return self.go_lives[0]


# a place's outlook beyond the go-live statuses
NO_PLAN, AHEAD = "none", "ahead"


@dataclass(frozen=True)
class Outlook:
    """What a place's go-live means for a resident at the clock (see the module docstring)."""

    kind: str  # NO_PLAN, AHEAD, LIVE, OVERDUE, "postponed" or "cancelled"
    when: When | None  # the go-live, at the precision it was written; None if not dated
    changes_before: bool  # a notice for the place, not over, starts before `when`


@dataclass(frozen=True)
class Facts:
    """Everything shown about places, waves and impacts at one clock."""

    now: datetime
    window_days: int
    waves: dict[str, WaveFacts]
    impacts: tuple[ImpactFacts, ...]  # visible impacts, in content order
    banner: tuple[BannerItem, ...]
    by_place: dict[str, GoLive]  # each place's go-live (its own date first)

    def go_lives(self) -> list[GoLive]:
        """Every go-live, in the order the waves are written."""
        return [g for w in self.waves.values() for g in w.go_lives]

    def go_live_of(self, place_id: str) -> GoLive | None:
        """The place's go-live: its own date if it has one, else its wave's."""
        return self.by_place.get(place_id)

    def before_go_live(self, place_id: str) -> bool:
        """The place has a go-live still to come: no notice means «not reported yet»."""
        g = self.go_live_of(place_id)
        return g is not None and g.status not in SETTLED

    def outlook(self, place_id: str) -> Outlook:
        """What the place's go-live means for its residents at the clock: the kind follows
        `go_live_status`; `changes_before` from the statuses of its impacts."""
        g = self.go_live_of(place_id)
        kind = NO_PLAN if g is None else g.status
        if kind in ("planned", "decided", "confirmed"):
            kind = AHEAD
        when = g.when if g is not None else None
        open_ = [f.span.start_at for f in self.impacts_for(place_id) if f.status != ENDED]
        before = kind != LIVE and any(when is None or kind != AHEAD or start < when.start
                                      for start in open_)
        return Outlook(kind, when, before)

    def impact(self, impact_id: str) -> ImpactFacts:
        """The facts of the visible impact `impact_id`; StopIteration if it is not visible."""
        return next(i for i in self.impacts if i.id == impact_id)

    def impacts_for(self, place_id: str | None) -> list[ImpactFacts]:
        """The visible impacts concerning `place_id` (all of them for None), in content order."""
        return [i for i in self.impacts if place_id is None or place_id in i.impact.places]

    def go_live(self, key: str) -> GoLive:
        """The go-live with key `key` ("pd5" or "pd5/rindal"); StopIteration if there is none."""
        return next(g for g in self.go_lives() if g.key == key)

    def snapshot(self) -> tuple[object, ...]:
        """What a reader sees, as a value: two clocks with equal snapshots show the same."""
        return (tuple((w.phase, w.soon, tuple((g.status, g.today) for g in w.go_lives))
                      for w in self.waves.values()),
                tuple((i.status, i.service_status) for i in self.impacts), self.banner)


def _concerns_anyone(g: GoLive) -> bool:
    """A wave's own date matters unless every member has a date of its own."""
    return bool(g.places) or not g.wave.members


def _in_window(g: GoLive, now: datetime, window: timedelta) -> bool:
    return (g.when is not None and g.when.is_exact and g.stored_status not in
            ("cancelled", "postponed") and g.when.start - window <= now < g.when.end)


def derive(data: Data, now: datetime, window_days: int) -> Facts:
    """The facts at `now`; `window_days` is how long before a go-live the banner names it."""
    window = timedelta(days=window_days)
    impacts = tuple(impact_facts(i, now) for i in data.impacts)
    waves = {}
    for wave in data.waves.values():
        gls = tuple(wave_go_lives(wave, data, now))
        members = {m.place for m in wave.members}
        ongoing = any(f.status == ONGOING and (f.impact.wave == wave.id
                                               or members & set(f.impact.places))
                      for f in impacts)
        near = [g for g in gls if _concerns_anyone(g) and _in_window(g, now, window)]
        open_ = [g for g in gls if _concerns_anyone(g) and g.status not in SETTLED]
        if ongoing or near:
            phase = NOW
        elif not open_:
            phase = PAST
        elif all(g.status == OVERDUE for g in open_):
            phase = OVERDUE
        else:
            phase = UPCOMING
        waves[wave.id] = WaveFacts(wave, gls, phase, any(g.status != LIVE for g in near))
    banner = [BannerItem("golive", g.key) for w in waves.values() for g in w.go_lives
              if _concerns_anyone(g) and _in_window(g, now, window)]
    banner += [BannerItem("impact", f.id) for f in impacts if f.status == ONGOING]
    by_place = {p: g for w in waves.values() for g in w.go_lives for p in g.places}
    return Facts(now, window_days, waves, impacts, tuple(banner), by_place)


def _instants(data: Data, window_days: int) -> Iterator[datetime]:
    window = timedelta(days=window_days)
    for impact in data.impacts:
        for period in (impact.period, *(s.period for s in impact.services)):
            yield period.start_at
            if period.end_at:
                yield period.end_at
    for wave in data.waves.values():
        for when in (wave.go_live, *(m.go_live for m in wave.members)):
            if when is not None:
                yield from (when.start, when.end, when.start - window)


def next_change(data: Data, now: datetime, window_days: int,
                schedule: Iterable[datetime] = ()) -> datetime | None:
    """The first instant after `now` at which something shown changes.

    `schedule`: instants at which pages appear or go (each one changes the site).
    Candidate instants from the data are kept only where `Facts.snapshot` differs.
    """
    pages = [t for t in schedule if t > now]
    first_page = min(pages) if pages else None
    before = derive(data, now, window_days).snapshot()
    for t in sorted({t for t in _instants(data, window_days) if t > now}):
        if first_page is not None and t >= first_page:
            break
        if derive(data, t, window_days).snapshot() != before:
            return t
    return first_page
