"""Issue #3: data pages follow the clock, data errors are precise, nb and nn agree.

The mini fixture has one impact, alfa-2023, from 2023-10-27 to 2023-11-17 (both
inclusive), for the municipality Alfa; its health-station line has its own
period 2023-10-27 to 2023-11-03.  Wave W1 goes live 2023-10-28 22:00.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import build, read, tree

from generator.clock import Clock, parse_clock
from generator.facts import ENDED, ONGOING, UPCOMING, derive, next_change, period_status
from generator.pipeline import load_site
from generator.project import Project
from generator.when import OSLO, Period, WhenError, parse_when

# --------------------------------------------------------------------------- HTML


class PageParser(HTMLParser):
    """What a reader sees in <main> and the banner: headings, sections, dates, badges."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_main = self.in_banner = False
        self.h2s: list[str] = []
        self.section_of: dict[str, str | None] = {}  # article id -> the h2 above it
        self.times: list[str] = []
        self.badges: list[str] = []
        self.banner_text = ""
        self.has_banner = False
        self.main_text: list[str] = []
        self._h2: list[str] | None = None
        self._depth_banner = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "main":
            self.in_main = True
        if tag == "section" and "site-banner" in classes:
            self.has_banner = self.in_banner = True
        if not self.in_main:
            return
        if tag == "h2":
            self._h2 = []
        if tag == "article" and a.get("id"):
            self.section_of[a["id"] or ""] = self.h2s[-1] if self.h2s else None
        if tag == "time":
            self.times.append(a.get("datetime") or "")
        if tag == "span" and "badge" in classes:
            self.badges.append(" ".join(c for c in classes if c.startswith("badge--")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main = False
        if tag == "section" and self.in_banner:
            self.in_banner = False
        if tag == "h2" and self._h2 is not None:
            self.h2s.append("".join(self._h2).strip())
            self._h2 = None

    def handle_data(self, data: str) -> None:
        if self.in_banner:
            self.banner_text += data
        if self.in_main:
            self.main_text.append(data)
            if self._h2 is not None:
                self._h2.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.main_text))


def parse(html: str) -> PageParser:
    p = PageParser()
    p.feed(html)
    return p


# ------------------------------------------------------------ status on the page

WORDS = {  # what a reader sees, per standard
    "nb": {"url": "nb/kommuner/alfa", "current": "Redusert kapasitet", "archive": "Arkiv",
           "now": "Nå", "next": "Neste",
           UPCOMING: "Ikke startet ennå", ONGOING: "Pågår nå", ENDED: "Avsluttet"},
    "nn": {"url": "nn/kommunar/alfa", "current": "Redusert kapasitet", "archive": "Arkiv",
           "now": "No", "next": "Neste",
           UPCOMING: "Ikkje starta enno", ONGOING: "Pågår no", ENDED: "Avslutta"},
}


@pytest.mark.parametrize("clock, status", [
    ("2023-10-01T12:00", UPCOMING),   # weeks before; also before W1's banner window
    ("2023-11-10T12:00", ONGOING),    # inside the period, after W1's go-live
    ("2023-11-20T12:00", ENDED),      # after the period
])
def test_place_page_follows_the_clock(mini: Path, tmp_path: Path, clock: str,
                                      status: str) -> None:
    out = tmp_path / "site"
    result = build(mini, out, clock)
    assert result.returncode == 0, result.stderr
    for words in WORDS.values():
        page = parse(read(out, words["url"]))
        assert "alfa-2023" in page.section_of, "the impact must be on the municipality page"
        section = page.section_of["alfa-2023"]
        article = re.search(r'<article class="impact[^"]*" id="alfa-2023".*?</article>',
                            read(out, words["url"]), re.S)
        assert article is not None
        label = parse(article.group(0).replace("article", "main")).text
        if status == ENDED:
            assert section == words["archive"]
            assert words[ENDED] in label
            assert not page.has_banner
        else:
            assert section == words["current"]
            assert words[status] in label
            assert words["archive"] not in page.h2s
        # The place's own reductions are in its first screen («Nå:»), not in the banner.
        assert not page.has_banner
        first = re.search(r'<div class="status-now"[^>]*>(.*?)</div>', read(out, words["url"]),
                          re.S)
        assert first is not None
        lines = {label: text for label, text in
                 re.findall(r"<strong>(\w+):</strong>(.*?)</p>", first.group(1), re.S)}
        assert ("Redusert kapasitet i Alfa" in lines[words["now"]]) == (status == ONGOING)
        assert ("Redusert kapasitet i Alfa" in lines.get(words["next"], "")) == \
            (status == UPCOMING)


def test_reductions_overview_moves_impact_to_archive(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(mini, out, "2023-11-17T23:59")
    assert parse(read(out, "nb/redusert-kapasitet")).section_of["alfa-2023"] == "Pågår nå"
    build(mini, out, "2023-11-18T00:00")
    assert parse(read(out, "nb/redusert-kapasitet")).section_of["alfa-2023"] == "Arkiv"
    assert parse(read(out, "nn/redusert-kapasitet")).section_of["alfa-2023"] == "Arkiv"


def test_banner_is_on_every_page_while_ongoing(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(mini, out, "2023-11-10T12:00")
    for url in ("nb", "nn", "nb/om", "nn/tidsline", "nb/kommuner/beta"):
        assert parse(read(out, url)).has_banner, url


# ------------------------------------------------------------------ data errors

def test_unknown_service_id_names_line_and_suggests_and_keeps_site(mini: Path,
                                                                   tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(mini, out).returncode == 0
    before = tree(out)
    path = mini / "content/data/impacts/alfa.yaml"
    text = path.read_text()
    path.write_text(text.replace("service: home-care", "service: home-car"))
    line = text.splitlines().index("  - service: home-care") + 1
    result = build(mini, out)
    assert result.returncode == 1
    assert (f"content/data/impacts/alfa.yaml:{line}: error: Unknown service id 'home-car'. "
            "Did you mean 'home-care'?") in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(out) == before


def errors_for(project: Path, clock: str = "2023-10-30T12:00") -> list[str]:
    loaded = load_site(Project(project), Clock(parse_clock(clock), "option"))
    return [f.format() for f in loaded.report.errors]


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_fixture_is_valid(mini: Path) -> None:
    assert errors_for(mini) == []


def test_unknown_municipality_in_wave_suggests_nearest(mini: Path) -> None:
    waves = mini / "content/data/waves.yaml"
    edit(waves, "members: [alfa, test-hf]", "members: [alfaa, test-hf]")
    assert errors_for(mini) == [
        f"content/data/waves.yaml:{line_of(waves, 'alfaa')}: error: Unknown municipality or "
        "organisation id 'alfaa'. Did you mean 'alfa'?"]


def test_unknown_municipality_in_impact_suggests_nearest(mini: Path) -> None:
    impact = mini / "content/data/impacts/alfa.yaml"
    edit(impact, "municipalities: [alfa]", "municipalities: [betta]")
    errors = errors_for(mini)
    assert errors == [f"content/data/impacts/alfa.yaml:{line_of(impact, 'betta')}: error: "
                      "Unknown municipality or organisation id 'betta'. Did you mean 'beta'?"]


def test_unknown_municipality_in_page_suggests_nearest(mini: Path) -> None:
    page = mini / "content/nb/kunngjoringer/alfa-start.md"
    edit(page, "municipalities: [alfa]", "municipalities: [alfaa]")
    errors = errors_for(mini)
    assert len(errors) == 1
    assert errors[0].startswith(f"content/nb/kunngjoringer/alfa-start.md:"
                                f"{line_of(page, 'alfaa')}: error: ")
    assert "'alfaa'" in errors[0] and "Did you mean 'alfa'?" in errors[0]


def test_unknown_wave_suggests_nearest(mini: Path) -> None:
    impact = mini / "content/data/impacts/alfa.yaml"
    edit(impact, "municipalities: [alfa]\n", "municipalities: [alfa]\nwave: ww1\n")
    assert errors_for(mini) == [
        f"content/data/impacts/alfa.yaml:{line_of(impact, 'wave: ww1')}: error: "
        "Unknown wave id 'ww1'. Did you mean 'w1'?"]


def test_unknown_id_far_from_everything_says_where_to_add_it(mini: Path) -> None:
    impact = mini / "content/data/impacts/alfa.yaml"
    edit(impact, "service: health-station", "service: zzzzzz")
    errors = errors_for(mini)
    assert len(errors) == 1
    assert "Unknown service id 'zzzzzz'" in errors[0]
    assert "data/services.yaml" in errors[0]


def test_period_ending_before_start(mini: Path) -> None:
    impact = mini / "content/data/impacts/alfa.yaml"
    edit(impact, "period: {start: 2023-10-27, end: 2023-11-17}",
         "period: {start: 2023-11-17, end: 2023-10-27}")
    errors = errors_for(mini)
    assert errors == [f"content/data/impacts/alfa.yaml:{line_of(impact, 'period:')}: error: "
                      "The period ends (2023-10-27) before it starts (2023-11-17). Check the "
                      "two dates; 'end' must be the same day as 'start' or later."]


def test_one_day_period_is_valid(mini: Path) -> None:
    impact = mini / "content/data/impacts/alfa.yaml"
    edit(impact, "period: {start: 2023-10-27, end: 2023-11-03}",
         "period: {start: 2023-10-27, end: 2023-10-27}")
    assert errors_for(mini) == []


NEUTRAL = "Write it as YYYY-MM-DD (year-month-day), with a time of day as YYYY-MM-DDThh:mm."


@pytest.mark.parametrize(("bad", "hint"), [
    ("2023-02-30", NEUTRAL), ("30.10.2023", "Write it as 2023-10-30."),
    ("2023-10-30T25:00", NEUTRAL), ("2023-03-26T02:30", NEUTRAL),
    ("2023-10-30T12:00+01:00", "Write it as 2023-10-30T12:00.")])
def test_dates_that_do_not_parse(mini: Path, bad: str, hint: str) -> None:
    impact = mini / "content/data/impacts/alfa.yaml"
    edit(impact, "published: 2023-10-20", f"published: '{bad}'")
    errors = errors_for(mini)
    assert len(errors) == 1
    assert errors[0].startswith(
        f"content/data/impacts/alfa.yaml:{line_of(impact, 'published:')}: error: 'published': ")
    assert bad in errors[0]
    assert hint in errors[0]


def test_member_in_two_waves(mini: Path) -> None:
    waves = mini / "content/data/waves.yaml"
    edit(waves, "    - beta\n", "    - beta\n    - alfa\n")
    errors = errors_for(mini)
    assert len(errors) == 1
    assert "'alfa' is a member of both wave 'w1' and wave 'w2'" in errors[0]
    # the line of the second membership, where the editor has to act
    assert errors[0].startswith(f"content/data/waves.yaml:{line_of(waves, '    - alfa')}: error:")


def test_member_listed_twice_in_one_wave(mini: Path) -> None:
    waves = mini / "content/data/waves.yaml"
    edit(waves, "    - beta\n", "    - beta\n    - beta\n")
    errors = errors_for(mini)
    assert len(errors) == 1
    assert "'beta' is listed twice in wave 'w2'" in errors[0]


@pytest.mark.parametrize("file, record, kind", [
    ("municipalities.yaml", "- id: beta\n  name: Gamma\n", "municipality or organisation"),
    ("organisations.yaml", "- id: alfa\n  name: Alfa HF\n", "municipality or organisation"),
    ("services.yaml", "- id: home-care\n  name: Omsorg\n", "service"),
    ("waves.yaml", "- id: w1\n  name: W1b\n", "wave"),
])
def test_duplicate_ids(mini: Path, file: str, record: str, kind: str) -> None:
    path = mini / "content/data" / file
    path.write_text(path.read_text().rstrip("\n") + "\n" + record)
    errors = errors_for(mini)
    dup = [e for e in errors if "is used twice" in e]
    assert len(dup) == 1, errors
    rid = record.split()[2]
    assert f"The {kind} id '{rid}' is used twice" in dup[0]
    assert dup[0].startswith("content/data/")


def test_duplicate_impact_ids(mini: Path) -> None:
    src = mini / "content/data/impacts/alfa.yaml"
    (src.parent / "alfa-copy.yaml").write_text(src.read_text())
    errors = errors_for(mini)
    assert any("The service impact id 'alfa-2023' is used twice" in e for e in errors), errors


def test_live_wave_with_future_date(mini: Path) -> None:
    waves = mini / "content/data/waves.yaml"
    edit(waves, "status: confirmed", "status: live")
    assert errors_for(mini, "2023-10-30T12:00") == []  # go-live 28 October has happened
    errors = errors_for(mini, "2023-10-28T21:59")
    assert errors == [f"content/data/waves.yaml:{line_of(waves, 'status: live')}: error: Wave 'w1' "
                      "is marked live, but its go-live (2023-10-28T22:00) is after the build "
                      "clock. Use status 'confirmed' until it has happened, or fix the date."]


@pytest.mark.parametrize("old, new, lang", [
    ("summary: {nb: Noen tjenester tar færre saker., nn: Nokre tenester tek færre saker.}",
     "summary: {nb: Noen tjenester tar færre saker.}", "Nynorsk"),
    ("summary: {nb: Noen tjenester tar færre saker., nn: Nokre tenester tek færre saker.}",
     "summary: {nn: Nokre tenester tek færre saker.}", "Bokmål"),
    ("summary: {nb: Noen tjenester tar færre saker., nn: Nokre tenester tek færre saker.}",
     "summary: {nb: Noen tjenester tar færre saker., nn: ''}", "Nynorsk"),
    ("- {nb: Færre besøk., nn: Færre besøk.}", "- {nb: Færre besøk.}", "Nynorsk"),
])
def test_missing_translation_of_prose(mini: Path, old: str, new: str, lang: str) -> None:
    impact = mini / "content/data/impacts/alfa.yaml"
    edit(impact, old, new)
    errors = errors_for(mini)
    assert len(errors) == 1, errors
    line = line_of(impact, new.split(":")[0] if new.startswith("summary") else new)
    assert errors[0].startswith(f"content/data/impacts/alfa.yaml:{line}: error: ")
    assert lang in errors[0]


def test_missing_translation_in_wave_note(mini: Path) -> None:
    waves = mini / "content/data/waves.yaml"
    edit(waves, "note: {nb: Utsatt fra våren., nn: Utsett frå våren.}",
         "note: {nb: Utsatt fra våren.}")
    errors = errors_for(mini)
    assert len(errors) == 1 and "Nynorsk" in errors[0]
    assert errors[0].startswith(f"content/data/waves.yaml:{line_of(waves, 'note:')}: error: ")


# ---------------------------------------------------------------- when.py, status.py

def oslo(*args: int) -> datetime:
    return datetime(*args, tzinfo=OSLO)


def test_parse_when_precisions() -> None:
    minute = parse_when("2023-04-28T22:00")
    assert minute.start == oslo(2023, 4, 28, 22, 0) and minute.end == minute.start
    assert minute.iso() == "2023-04-28T22:00+02:00"
    assert parse_when("2023-04-28 22.00").start == minute.start
    day = parse_when("2023-11-03")
    assert (day.start, day.end) == (oslo(2023, 11, 3), oslo(2023, 11, 4))
    assert day.iso() == "2023-11-03"
    month = parse_when("2024-09", allow_approx=True)
    assert (month.start, month.end, month.iso()) == (oslo(2024, 9, 1), oslo(2024, 10, 1),
                                                     "2024-09")
    autumn = parse_when("2024-autumn", allow_approx=True)
    assert (autumn.start, autumn.end) == (oslo(2024, 9, 1), oslo(2024, 12, 1))
    winter = parse_when("2023-winter", allow_approx=True)
    assert (winter.start, winter.end) == (oslo(2023, 12, 1), oslo(2024, 3, 1))


@pytest.mark.parametrize("text, approx", [
    ("2024-09", False), ("2024-autumn", False), ("2023-13-01", False), ("2023-02-29", False),
    ("2023-10-30T24:00", False), ("2023-03-26T02:30", False), ("2023-10-30Z", False),
    ("2023-10-30T12:00+01:00", False), ("tomorrow", True), ("", True),
])
def test_parse_when_rejects(text: str, approx: bool) -> None:
    with pytest.raises(WhenError):
        parse_when(text, allow_approx=approx)


def test_parse_when_rejects_numbers_and_nothing() -> None:
    for value in (20231103, None, True, 2.5):
        with pytest.raises(WhenError):
            parse_when(value)


def test_ambiguous_autumn_hour_is_the_first_one() -> None:
    # 02:30 happens twice on 29 October 2023; content means the first (summer time)
    assert parse_when("2023-10-29T02:30").iso() == "2023-10-29T02:30+02:00"


def period(start: str, end: str | None) -> Period:
    return Period(parse_when(start), parse_when(end) if end else None)


def test_period_status_at_the_boundaries() -> None:
    p = period("2023-10-27", "2023-11-17")
    start, end = oslo(2023, 10, 27), oslo(2023, 11, 18)
    assert p.start_at == start and p.end_at == end
    tick = timedelta(seconds=1)
    assert period_status(p, start - tick) == UPCOMING
    assert period_status(p, start) == ONGOING
    assert period_status(p, oslo(2023, 11, 17, 23, 59, 59)) == ONGOING  # end is inclusive
    assert period_status(p, end - tick) == ONGOING
    assert period_status(p, end) == ENDED


def test_period_across_dst_change_ends_at_local_midnight() -> None:
    p = period("2023-10-27", "2023-10-29")  # clocks go back early on 29 October
    assert p.end_at is not None
    assert p.end_at.isoformat() == "2023-10-30T00:00:00+01:00"
    assert p.end_at.astimezone(UTC) == datetime(2023, 10, 29, 23, 0, tzinfo=UTC)
    assert p.start_at.utcoffset() == timedelta(hours=2)
    just_before = datetime(2023, 10, 29, 22, 59, 59, tzinfo=UTC)
    assert period_status(p, just_before) == ONGOING
    assert period_status(p, p.end_at.astimezone(UTC)) == ENDED
    # the last day has 25 real hours
    last_day = parse_when("2023-10-29")
    assert last_day.end.astimezone(UTC) - last_day.start.astimezone(UTC) == timedelta(hours=25)


def test_period_across_spring_dst_change() -> None:
    p = period("2024-03-30", "2024-03-31")
    assert p.end_at is not None and p.end_at.isoformat() == "2024-04-01T00:00:00+02:00"


def test_open_ended_and_timed_periods() -> None:
    p = period("2023-04-28", None)
    assert p.end_at is None
    assert period_status(p, oslo(2030, 1, 1)) == ONGOING
    timed = period("2023-11-03T08:00", "2023-11-03T16:00")
    assert period_status(timed, oslo(2023, 11, 3, 15, 59)) == ONGOING
    assert period_status(timed, oslo(2023, 11, 3, 16, 0)) == ENDED


def test_impact_status_follows_its_longest_service_period(mini: Path) -> None:
    loaded = load_site(Project(mini), Clock(parse_clock("2023-10-30T12:00"), "option"))
    assert loaded.site is not None
    data = loaded.site.data

    def status(now: datetime) -> str:
        (impact,) = derive(data, now, 14).impacts
        return impact.status

    def banner(now: datetime) -> tuple:
        return derive(data, now, 14).banner

    assert status(oslo(2023, 10, 26, 23, 59)) == UPCOMING
    assert status(oslo(2023, 10, 27)) == ONGOING
    assert status(oslo(2023, 11, 18)) == ENDED
    assert {b.kind for b in banner(oslo(2023, 11, 10))} == {"impact"}
    assert banner(oslo(2023, 11, 18)) == ()
    # the go-live of W1 (28 October 22:00) is announced from 14 days ahead until it happens
    assert {b.id for b in banner(oslo(2023, 10, 14, 22, 0))} == {"w1"}
    assert banner(oslo(2023, 10, 14, 21, 59)) == ()
    assert next_change(data, oslo(2023, 10, 27), 14) == oslo(2023, 10, 28, 22, 0)
    # 11 November 22:00 (W1's banner window closing) changes nothing shown: W1's notice is
    # still in the banner and W1 stays «now» while it is ongoing
    assert next_change(data, oslo(2023, 11, 4), 14) == oslo(2023, 11, 18)
    # W2's «autumn 2024» passes without news on 1 December 2024
    assert next_change(data, oslo(2023, 11, 18), 14) == oslo(2024, 12, 1)
    assert next_change(data, oslo(2030, 1, 1), 14) is None


# ----------------------------------------------------------------- build-state.json

@pytest.mark.parametrize("clock, expected, visible", [
    ("2023-10-01T12:00", "2023-10-14T22:00:00+02:00", True),  # W1's banner window opens
    ("2023-10-26T12:00", "2023-10-27T00:00:00+02:00", True),  # the impact starts
    ("2023-10-30T12:00", "2023-11-04T00:00:00+01:00", True),  # health-station line ends
    # W1's window closes on 11 November 22:00, but nothing shown changes then (W1 stays
    # "now" while Alfa's impact is ongoing): the next change is the impact's end
    ("2023-11-10T12:00", "2023-11-18T00:00:00+01:00", True),
    ("2023-11-12T12:00", "2023-11-18T00:00:00+01:00", True),  # the impact ends
    ("2023-11-20T12:00", "2024-12-01T00:00:00+01:00", True),  # W2's autumn 2024 passes
    ("2025-01-01T12:00", None, False),
])
def test_next_change_in_build_state(mini: Path, tmp_path: Path, clock: str,
                                    expected: str | None, visible: bool) -> None:
    out = tmp_path / "site"
    assert build(mini, out, clock).returncode == 0
    state = json.loads((out / "build-state.json").read_text())
    assert state["next_change"] == expected
    assert datetime.fromisoformat(state["clock"]) == parse_clock(clock)
    if expected and visible:
        # the page built at that instant differs from the one built just before it
        before = tmp_path / "before"
        at = datetime.fromisoformat(expected)
        build(mini, before, (at - timedelta(minutes=1)).isoformat())
        after = tmp_path / "after"
        build(mini, after, at.isoformat())
        changed = [u for u in ("nb/kommuner/alfa", "nb/tidslinje", "nb/redusert-kapasitet")
                   if _main(read(before, u)) != _main(read(after, u))]
        assert changed, f"nothing visible changes at next_change {expected}"


def _main(html: str) -> str:
    return html.split('<footer', 1)[0]


def test_status_flips_at_the_dst_midnight_on_the_page(mini: Path, tmp_path: Path) -> None:
    impact = mini / "content/data/impacts/alfa.yaml"
    edit(impact, "period: {start: 2023-10-27, end: 2023-11-03}",
         "period: {start: 2023-10-27, end: 2023-10-29}")
    out = tmp_path / "site"
    build(mini, out, "2023-10-29T23:59")
    row = _station_row(read(out, "nb/kommuner/alfa"))
    assert "Pågår nå" in row
    assert '<time datetime="2023-10-29">29. oktober 2023</time>' in row
    state = json.loads((out / "build-state.json").read_text())
    assert state["next_change"] == "2023-10-30T00:00:00+01:00"
    build(mini, out, "2023-10-30T00:00")
    assert "Avsluttet" in _station_row(read(out, "nb/kommuner/alfa"))


def _station_row(html: str) -> str:
    match = re.search(r'<th scope="row">Helsestasjon</th>.*?</tr>', html, re.S)
    assert match, "health-station row missing"
    return match.group(0)


# --------------------------------------------------------- nb and nn carry the same facts

@pytest.fixture(scope="module")
def default_site(default_site_at: Callable[[str], Path]) -> Path:
    return default_site_at("2023-10-30T12:00")


def test_nb_and_nn_municipality_pages_carry_the_same_facts(default_site: Path) -> None:
    nb_dir, nn_dir = default_site / "nb/kommuner", default_site / "nn/kommunar"
    ids = sorted(p.name for p in nb_dir.iterdir() if p.is_dir())
    assert ids == sorted(p.name for p in nn_dir.iterdir() if p.is_dir())
    assert len(ids) > 30
    compared_times = 0
    for pid in ids:
        nb = parse((nb_dir / pid / "index.html").read_text())
        nn = parse((nn_dir / pid / "index.html").read_text())
        assert nb.times == nn.times, pid
        assert nb.badges == nn.badges, pid
        assert nb.section_of == nn.section_of, pid
        compared_times += len(nb.times)
    assert compared_times > 50


def test_nb_and_nn_timelines_carry_the_same_facts(default_site: Path) -> None:
    nb = parse(read(default_site, "nb/tidslinje"))
    nn = parse(read(default_site, "nn/tidsline"))
    assert nb.times and nb.times == nn.times
    assert nb.badges == nn.badges


def test_live_wave_without_a_date_is_in_the_past_on_the_timeline(default_site: Path) -> None:
    # PD2 and PD3 have switched (status live) but the sources give no date
    nb = parse(read(default_site, "nb/tidslinje"))
    past = "Har byttet eller er avlyst"  # the heading of the past phase
    assert nb.section_of["wave-pd3"] == past
    assert nb.section_of["wave-pd2"] == past
    assert nb.section_of["wave-ki5"] != past  # planned, no date: still to come


def test_tab_indentation_is_named(mini: Path) -> None:
    waves = mini / "content/data/waves.yaml"
    edit(waves, "    - beta\n", "\t- beta\n")
    errors = errors_for(mini)
    assert errors == [f"content/data/waves.yaml:{line_of(waves, '- beta')}: error: A tab "
                      "character is used for indentation. Indent with spaces only (two spaces "
                      "per level)."]
