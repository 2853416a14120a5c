"""Property-based: over generated data sets and clocks, every output tells the same story.

Members with their own dates, nested and open periods, the two daylight-saving
nights, postponements and cancellations, drafts: for each place and notice the
place page, banner, status card, timeline, Atom feed, iCalendar, open data and
JSON-LD agree on every date and status, and a status word never contradicts the
period shown beside it.  The renderers run in-process on an in-memory model.
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, date, datetime, timedelta
from xml.sax.saxutils import escape

from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.facts import ENDED, LIVE, ONGOING, UPCOMING, ImpactFacts, derive
from generator.load.config import SECTIONS
from generator.model import (
    WAVE_STATUSES,
    Config,
    Contact,
    Data,
    Impact,
    Member,
    Origin,
    Place,
    PlanChange,
    Service,
    ServiceImpact,
    SourcePage,
    Text,
    Wave,
)
from generator.project import Project
from generator.render import atom, card, ics, jsonld, opendata, sitemap
from generator.render.theme import load_theme
from generator.site import PLACE, Site
from generator.views.context import Ctx
from generator.views.data import IMPACT_STATUS, banner, span_view
from generator.views.pages import place_view, timeline_view
from generator.when import DAY, OSLO, Period, When, local

SETTINGS = settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "25")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
THEME = load_theme(Project(ROOT))
PLACES = ("p1", "p2", "p3", "p4")
SERVICES = ("s1", "s2")
# days around both daylight-saving changes of 2024 (31 March, 27 October)
DAYS = [date(2024, 3, 25) + timedelta(days=i) for i in range(12)] + \
       [date(2024, 10, 21) + timedelta(days=i) for i in range(12)]
ORIGIN = Origin("content/data/x.yaml", 1)


def day_when(d: date) -> When:
    return When(local(d), DAY, d.isoformat())


days = st.sampled_from(DAYS)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start = draw(days)
    if draw(st.booleans()) and draw(st.booleans()):
        return Period(day_when(start), None)  # open-ended
    end = draw(st.sampled_from([d for d in DAYS if d >= start]))
    return Period(day_when(start), day_when(end))


@st.composite
def waves(draw: st.DrawFn) -> list[Wave]:
    members = draw(st.permutations(PLACES))
    cut = draw(st.integers(0, len(PLACES)))
    out = []
    for n, group in enumerate((members[:cut], members[cut:])):
        if not group:
            continue
        go = draw(st.one_of(st.none(), days.map(day_when),
                            st.sampled_from([When(local(date(2024, 3, 1)), "month", "2024-03"),
                                             When(local(date(2024, 9, 1)), "season",
                                                  "2024-autumn")])))
        ms = tuple(Member(p, draw(st.one_of(st.none(), days.map(day_when))),
                          draw(st.one_of(st.none(), st.just(Text("Merknad", "Merknad")))))
                   for p in group)
        history = tuple(PlanChange(when, None, None) for when in
                        draw(st.lists(days.map(day_when), max_size=1)))  # a moved date
        out.append(Wave(f"w{n}", f"W{n}", go, draw(st.sampled_from(WAVE_STATUSES)), ms,
                        history, None, ORIGIN))
    return out


@st.composite
def impacts(draw: st.DrawFn) -> list[Impact]:
    out = []
    for n in range(draw(st.integers(0, 3))):
        period = draw(periods())
        services = tuple(
            ServiceImpact(draw(st.sampled_from(SERVICES)),
                          draw(st.sampled_from(("reduced", "no-new-cases", "closed", "normal"))),
                          draw(st.one_of(st.just(period), periods())), (), (), Contact())
            for _ in range(draw(st.integers(0, 3))))
        places = tuple(sorted(draw(st.sets(st.sampled_from(PLACES), min_size=1))))
        out.append(Impact(f"i{n}", places, None, day_when(DAYS[0]), period,
                          Text(f"Melding {n}", f"Melding {n}"), Text("Kort.", "Kort."), None, None,
                          Contact(), None, services, (), ORIGIN, draw(st.booleans())))
    return out


@st.composite
def announcements(draw: st.DrawFn) -> list[SourcePage]:
    """Announcements in both standards with a date, maybe a draft, publish or expires."""
    out = []
    for n in range(draw(st.integers(0, 2))):
        day = draw(days)
        publish = draw(st.one_of(st.none(), days.map(day_when)))
        expires = draw(st.one_of(st.none(), days.map(day_when)))
        draft = draw(st.booleans())
        places = tuple(sorted(draw(st.sets(st.sampled_from(PLACES), max_size=2))))
        for lang, folder in (("nb", "kunngjoringer"), ("nn", "kunngjeringar")):
            out.append(SourcePage(
                f"content/{lang}/{folder}/a{n}.md", lang, f"{folder}/a{n}", f"a{n}",
                f"Kunngjering {n}", None, "announcement", day_when(day), None, places, (),
                None, draft, publish, expires, None, None, None, "", 5, {}, ""))
    return out


# clocks in UTC, so that the hour that does not exist in Oslo is never asked for
clocks = st.builds(lambda d, h: datetime(d.year, d.month, d.day, tzinfo=UTC) + timedelta(hours=h),
                   days, st.integers(0, 23))


def config() -> Config:
    return Config("https://example.org", "/", "nb", Text("Test", "Test"), None,
                  Text("Org", "Org"), Contact(), 14, 40.0, 25, dict(SECTIONS))


def make_site(ws: list[Wave], ims: list[Impact], now: datetime,
              pages: list[SourcePage] = ()) -> Site:  # type: ignore[assignment]
    from generator.errors import Report
    from generator.site import build_site

    places = {p: Place(p, Text(p.upper(), p.upper()), "municipality", None, None, None, None,
                       "nb", None, Contact(), (), ORIGIN) for p in PLACES}
    data = Data({s: Service(s, Text(f"Tjeneste {s}", f"Teneste {s}")) for s in SERVICES},
                places, {w.id: w for w in ws}, tuple(ims))
    return build_site(Report(ROOT), config(), data, list(pages), now)


TIME = re.compile(r'<time datetime="([^"]+)">')


def shown_bounds(html: str) -> tuple[datetime, datetime | None]:
    """First instant and first instant after the last day of the dates shown in `html`;
    None when the text says the period is open-ended («fra …»)."""
    isos = sorted(date.fromisoformat(v) for v in TIME.findall(str(html)))
    start = datetime.combine(isos[0], datetime.min.time(), OSLO)
    open_end = re.search(r"\b(fra|frå) <time", str(html)) is not None
    end = None if open_end else \
        datetime.combine(isos[-1] + timedelta(days=1), datetime.min.time(), OSLO)
    return start, end


def ics_events(data: bytes) -> dict[str, dict[str, str]]:
    text = data.decode("utf-8").replace("\r\n ", "")
    out = {}
    for block in text.split("BEGIN:VEVENT")[1:]:
        fields = dict(line.split(":", 1) for line in block.split("\r\n") if ":" in line)
        out[fields["UID"]] = fields
    return out


@SETTINGS
@given(announcements(), clocks)
def test_scheduled_drafted_and_expired_pages_are_shown_exactly_while_due(
        pages: list[SourcePage], now: datetime) -> None:
    site = make_site([], [], now, pages)
    sitemap_xml = sitemap.sitemap(site)
    for page in pages:
        due = (not page.draft and page.date is not None and page.date.start <= now
               and (page.publish is None or page.publish.start <= now)
               and (page.expires is None or now < page.expires.start))
        shown = site.page(page.key, page.lang)
        assert (shown is not None) == due
        ctx = Ctx(site, page.lang, THEME.catalogs)
        feed = atom.feed(ctx, lambda p: "", None, atom.announcement_entries(site, page.lang))
        assert (page.title in feed.decode("utf-8")) == due
        assert (f"/{page.rel}/".encode() in sitemap_xml) == due
        for pid in page.places:
            news = place_view(ctx, site.page(f"{PLACE}/{pid}", page.lang))["news"]  # type: ignore
            assert any(n.text == page.title for n in news) == due
        # the build that shows it, or stops showing it, is scheduled
        future = [t for t in (page.date.start if page.date else None,
                              page.publish.start if page.publish else None,
                              page.expires.start if page.expires else None)
                  if t is not None and t > now]
        if future and not page.draft:
            assert site.next_change is not None and site.next_change <= min(future)


@SETTINGS
@given(waves(), impacts(), clocks)
def test_every_output_agrees_on_dates_and_statuses(ws: list[Wave], ims: list[Impact],
                                                   now: datetime) -> None:
    site = make_site(ws, ims, now)
    facts = site.facts
    # next_change: nothing shown changes before it, something does at it
    nc = site.next_change
    if nc is not None:
        before = derive(site.data, nc - timedelta(seconds=1), 14).snapshot()
        assert before == facts.snapshot() != derive(site.data, nc, 14).snapshot()
    drafts = {i.id for i in ims if i.draft}
    assert drafts.isdisjoint(f.id for f in facts.impacts)
    for lang in ("nb", "nn"):
        ctx = Ctx(site, lang, THEME.catalogs)
        labels = {key: ctx._(label) for key, (label, _, _) in IMPACT_STATUS.items()}
        calendar = ics_events(ics.calendar(ctx))
        feed = atom.feed(ctx, lambda page: "", None, []).decode("utf-8")
        lines = banner(ctx)
        records = {r["id"]: r for r in
                   (opendata.impact_record(site, f) for f in facts.impacts)}
        for f in facts.impacts:
            iid = f.id
            # status: one word everywhere, and it fits the dates shown beside it
            rec = records[iid]
            assert rec["status"] == f.status
            start, end = shown_bounds(rec_period_html(ctx, f))
            assert (now < start) == (f.status == UPCOMING)
            assert (end is not None and now >= end) == (f.status == ENDED)
            for pid in f.impact.places:
                view = place_view(ctx, site.page(f"{PLACE}/{pid}", lang))  # type: ignore[arg-type]
                shown = [v for v in view["current"] + view["archive"] if v.id == iid]
                assert [v.status_key for v in shown] == [f.status]
                page_html = str(shown[0].period.html())
                assert shown_bounds(page_html) == (start, end)
                c = card.card(ctx, pid)
                notices = [n for n in c.notices if iid in n.link.href]
                if f.status == ENDED:
                    assert notices == []
                else:
                    (n,) = notices
                    assert str(n.period) == page_html and n.status.label == labels[f.status]
                ld = [x for x in jsonld.page_data(ctx, site.page(f"{PLACE}/{pid}", lang))
                      if x.get("@type") == "SpecialAnnouncement" and x["url"].endswith(iid)]
                (announcement,) = ld
                if end is None:
                    assert "expires" not in announcement
                else:
                    assert datetime.fromisoformat(announcement["expires"]) == end
            # the banner lists exactly the ongoing notices, with the same period text
            mine = [str(line.text) for line in lines if f"#{iid}\"" in line.link.href + '"']
            if f.status == ONGOING:
                (line,) = mine
                assert str(rec_period_html(ctx, f)) in line
            else:
                assert mine == []
            # the calendar's main event starts and ends where the page says
            event = calendar[f"impact-{iid}-{lang}@example.org"]
            dtstart = event.get("DTSTART;VALUE=DATE") or event["DTSTART;TZID=Europe/Oslo"][:8]
            assert dtstart == f.own.start.start.strftime("%Y%m%d")
            if f.own.end is None:
                assert "DTEND;VALUE=DATE" not in event and "DTEND;TZID=Europe/Oslo" not in event
            # the feed carries every published notice, with the period the page shows
            assert f"Melding {iid[1:]}" in feed
            assert escape(span_view(ctx, f).text) in feed
        for iid in drafts:  # a draft is nowhere
            assert f"Melding {iid[1:]}" not in feed
            assert not any(iid in uid for uid in calendar)
            assert all(f"#{iid}" not in line.link.href for line in lines)
        # go-lives: the same date and status word on page, card, timeline and data
        timeline = timeline_view(ctx, site.page("timeline", lang))  # type: ignore[arg-type]
        for pid in PLACES:
            g = facts.go_live_of(pid)
            view = place_view(ctx, site.page(f"{PLACE}/{pid}", lang))  # type: ignore[arg-type]
            lead, c = view["lead"], card.card(ctx, pid)
            assert c.lead == lead
            record = opendata.place_record(site, site.data.places[pid])
            if g is None:
                assert lead.time is None and record["go_live"] is None
                continue
            assert record["go_live_status"] == g.status
            if g.when is not None:
                assert lead.time is not None and lead.time.iso == g.when.iso()
                assert record["go_live"]["start"] == g.when.start.isoformat(timespec="minutes")
            # a past date reads as past, a future one never does
            assert lead.past == (g.status == LIVE)
            if g.when is not None and g.when.is_exact and g.status not in ("cancelled",
                                                                             "postponed"):
                # a day without a time is past once it is over; on the day it is «i dag»
                over = g.when.start if g.when.has_time else g.when.end
                assert (now >= over) == lead.past
                assert g.today == (not g.when.has_time and g.when.start <= now < over)
                uid = f"golive-{g.key.replace('/', '-')}-{lang}@example.org"
                assert uid in calendar, uid
                event = calendar[uid]
                assert event.get("DTSTART;VALUE=DATE") == g.when.start.strftime("%Y%m%d")
            waves_shown = {w.id: w for w in timeline["waves"]}
            wv = waves_shown[g.wave.id]
            if g.key == g.wave.id:
                assert wv.status_key == g.status
            else:
                (m,) = [m for m in wv.members if m.link.href.endswith(f"/{pid}/")]
                assert m.go_live is not None and m.go_live.iso == g.when.iso()  # type: ignore
            # the banner names a go-live only while it is close and not settled
            named = any(g.when and g.when.iso() in str(line.text) and
                        site.data.places[pid].name(lang) in str(line.text) for line in lines)
            if named:
                assert g.when is not None and g.when.start - timedelta(days=14) <= now
        phases = {w.id: w.phase for w in timeline["waves"]}
        for item in facts.banner:  # what the banner calls important now is «now» on the timeline
            if item.kind == "golive":
                assert phases[facts.go_live(item.id).wave.id] == "now"
        assert phases == {w: facts.waves[w].phase for w in facts.waves}
        for w in timeline["waves"]:
            if w.phase == "past":
                assert w.status_key in (LIVE, "cancelled") or any(
                    m.status is not None for m in w.members)
        data_waves = {w["id"]: w for w in (opendata.wave_record(site, wf.wave)
                                           for wf in facts.waves.values())}
        for wid, wf in facts.waves.items():
            assert data_waves[wid]["status"] == wf.main.status
        json.dumps(records)  # open data stays serialisable


def rec_period_html(ctx: Ctx, f: ImpactFacts) -> str:
    return str(span_view(ctx, f).html())
