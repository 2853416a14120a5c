"""The line that ends a place page's «Dette har skjedd»: what it means for you (content
review 2026-11, finding 39).

It is derived from the place's go-live facts at the clock, never typed per place: these
tests read it from built pages, in Bokmål and Nynorsk, before and after go-lives, for a
day, a month and a season, for a place with no plan, and for a postponed, cancelled or
overdue switch; and check that its words never contradict the date beside them.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import read

from generator.clock import Clock, parse_clock
from generator.pipeline import Options, load_site, outputs, theme_for
from generator.project import Project
from generator.render.batch import PageBatch

PLACE = {"nb": "nb/kommuner/{}", "nn": "nn/kommunar/{}"}
LINE = re.compile(r'<p class="for-you">(.*?)</p>', re.S)


def plain(markup: str) -> str:
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", "", markup))).strip()


def line_html(page: str) -> str:
    found = LINE.findall(page)
    assert len(found) == 1, f"expected one «for you» line, found {len(found)}"
    return str(found[0])


def line_of(page: str) -> str:
    return plain(line_html(page))


def render(project: Path, clock: str) -> dict[str, str]:
    """Every output file of the project at `clock`, as text."""
    loaded = load_site(Project(project), Clock(parse_clock(clock), "option"), Options())
    assert loaded.site is not None, [f.format() for f in loaded.report.errors]
    return {f.path: f.data.decode("utf-8")
            for f in outputs(loaded.site, theme_for(Project(project)), PageBatch(jobs=1))
            if f.path.endswith(".html")}


def page(files: dict[str, str], lang: str, place: str) -> str:
    return files[PLACE[lang].format(place) + "/index.html"]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- the default content, at the clocks where the answer changes -------------------------

BEFORE, AFTER_PD5, AFTER_KI2 = "2023-10-30T12:00", "2023-11-10T12:00", "2025-01-15T12:00"

EXPECTED = [  # clock, place, nb, nn
    (BEFORE, "heim", "For deg endrer ingenting seg før høsten 2024.",
     "For deg endrar ingenting seg før hausten 2024."),
    (BEFORE, "rindal", "For deg endrer ingenting seg før lørdag 4. november 2023.",
     "For deg endrar ingenting seg før laurdag 4. november 2023."),
    (BEFORE, "averoy", "For deg endrer ingenting seg før det er kjent når Averøy skal bytte.",
     "For deg endrar ingenting seg før det er kjent når Averøy skal byte."),
    (BEFORE, "orkland", "For deg endrer ingenting seg før datoen for byttet er bestemt.",
     "For deg endrar ingenting seg før datoen for bytet er bestemd."),
    # Rauma's psychosocial team takes no new cases from 27 October, before the go-live
    (BEFORE, "rauma", "Noen tjenester endrer seg for deg allerede før fredag 3. november 2023. "
     "Se «Redusert kapasitet» ovenfor.", "Nokre tenester endrar seg for deg allereie før "
     "fredag 3. november 2023. Sjå «Redusert kapasitet» ovanfor."),
    (AFTER_PD5, "rauma", "Fra fredag 3. november 2023 bruker Rauma Helseplattformen.",
     "Frå fredag 3. november 2023 brukar Rauma Helseplattformen."),
    (AFTER_PD5, "rindal", "Fra lørdag 4. november 2023 bruker Rindal Helseplattformen.",
     "Frå laurdag 4. november 2023 brukar Rindal Helseplattformen."),
    (BEFORE, "trondheim", "For deg har byttet allerede skjedd.",
     "For deg har bytet allereie skjedd."),
    (AFTER_KI2, "heim", "Byttet var planlagt til høsten 2024, og vi har ikke fått noen "
     "nyheter om det. Spør Heim hva som gjelder for deg.", "Bytet var planlagt til hausten "
     "2024, og vi har ikkje fått nokon nyheiter om det. Spør Heim kva som gjeld for deg."),
]


@pytest.mark.parametrize("lang", ["nb", "nn"])
@pytest.mark.parametrize("clock, place, nb, nn", EXPECTED,
                         ids=[f"{p}@{c[:10]}" for c, p, *_ in EXPECTED])
def test_the_line_says_what_the_go_live_means(default_site_at: Callable[[str], Path],
                                              lang: str, clock: str, place: str, nb: str,
                                              nn: str) -> None:
    line = line_of(read(default_site_at(clock), PLACE[lang].format(place)))
    assert line.startswith(nb if lang == "nb" else nn), line


@pytest.mark.parametrize("lang, helsami", [("nb", "Kan du ikke bruke HelsaMi"),
                                           ("nn", "Kan du ikkje bruke HelsaMi")])
def test_once_live_the_line_says_what_to_do(default_site_at: Callable[[str], Path], lang: str,
                                            helsami: str) -> None:
    site = default_site_at(AFTER_PD5)
    for place in ("rauma", "trondheim"):
        html = line_html(read(site, PLACE[lang].format(place)))
        assert '<a href="https://helsami.no">HelsaMi</a>' in html
        assert helsami in plain(html)
    assert "helsami" not in line_html(read(site, PLACE[lang].format("heim"))).lower()


def test_the_line_ends_what_has_happened_or_the_switch_section(
        default_site_at: Callable[[str], Path]) -> None:
    site = default_site_at(BEFORE)
    heim = read(site, PLACE["nb"].format("heim"))  # has dated entries
    section = heim.split("<h2>Dette har skjedd</h2>", 1)[1].split("<h2>", 1)[0]
    assert section.rstrip().endswith(line_html(heim) + "</p>")
    aukra = read(site, PLACE["nn"].format("aukra"))  # no entries: the switch section ends
    assert "<h2>Dette har skjedd</h2>" not in aukra
    section = aukra.split("<h2>Bytet til Helseplattformen</h2>", 1)[1].split("<h2>", 1)[0]
    assert section.rstrip().endswith(line_html(aukra) + "</p>")


def sentences(text: str) -> list[str]:
    """Split where a sentence ends: after «.», before a capital (dates and «kl.» go on in
    lower case or digits)."""
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«])", text) if s]


@pytest.mark.parametrize("clock", [BEFORE, AFTER_PD5, AFTER_KI2])
def test_the_line_never_contradicts_its_date_or_repeats_the_lead(
        default_site_at: Callable[[str], Path], clock: str) -> None:
    """On every place page in both standards: a date the line says is still ahead («før»)
    is after the clock; one it says is in use from («Fra», «Frå») or was planned («planlagt
    til») is not; and no sentence of the line is the lead's."""
    site = default_site_at(clock)
    now = clock[:16]
    pages = sorted(site.glob("n[bn]/kommun*/*/index.html"))
    assert len(pages) > 60
    for path in pages:
        html = path.read_text(encoding="utf-8")
        line = line_html(html)
        where = path.relative_to(site).as_posix()
        for before, iso in re.findall(r'(\S+) <time datetime="([^"]+)">', line):
            if before in ("før",):
                assert iso[:16] > now, (where, line)
            elif before in ("Fra", "Frå", "til"):
                assert iso[:16] <= now, (where, line)
            else:
                raise AssertionError(f"{where}: unexpected word before a date: {before!r}")
        lead = re.search(r'<p class="lead">(.*?)</p>', html, re.S)
        assert lead, where
        lead_text = plain(lead.group(1))
        for sentence in sentences(plain(line)):
            assert sentence not in lead_text, (where, sentence)


# --- the small test project: a month, a postponed, cancelled or missing plan -------------

def test_a_month_and_a_day_and_a_missing_plan(mini: Path) -> None:
    waves = mini / "content/data/waves.yaml"
    edit(waves, "go_live: 2024-autumn", "go_live: 2024-04")
    files = render(mini, "2023-10-01T12:00")
    assert line_of(page(files, "nb", "beta")) == "For deg endrer ingenting seg før april 2024."
    assert line_of(page(files, "nn", "beta")) == "For deg endrar ingenting seg før april 2024."
    # Alfa's notice starts 27 October, before its go-live on 28 October
    assert line_of(page(files, "nb", "alfa")).startswith(
        "Noen tjenester endrer seg for deg allerede før lørdag 28. oktober 2023 kl. 22.00.")
    edit(waves, "    - beta\n", "    []\n")  # Beta belongs to no wave: no plan
    edit(waves, "  members:\n    []\n", "  members: []\n")
    files = render(mini, "2023-10-01T12:00")
    assert line_of(page(files, "nb", "beta")) == \
        "For deg endrer ingenting seg før det er kjent når Beta skal bytte."
    assert line_of(page(files, "nn", "beta")) == \
        "For deg endrar ingenting seg før det er kjent når Betå skal byte."


def test_a_notice_after_the_go_live_does_not_count_as_a_change_before(mini: Path) -> None:
    impact = mini / "content/data/impacts/alfa.yaml"
    edit(impact, "period: {start: 2023-10-27, end: 2023-11-17}",
         "period: {start: 2023-10-30, end: 2023-11-17}")
    edit(impact, "period: {start: 2023-10-27, end: 2023-11-03}",
         "period: {start: 2023-10-30, end: 2023-11-03}")
    files = render(mini, "2023-10-01T12:00")
    assert line_of(page(files, "nb", "alfa")) == \
        "For deg endrer ingenting seg før lørdag 28. oktober 2023 kl. 22.00."


@pytest.mark.parametrize("status, nb, nn", [
    ("postponed", "Byttet er utsatt, og den nye datoen er ikke kjent ennå. Til da endrer "
     "ingenting seg for deg.", "Bytet er utsett, og den nye datoen er ikkje kjend enno. Til då "
     "endrar ingenting seg for deg."),
    ("cancelled", "Byttet er avlyst. For deg endrer ingenting seg.",
     "Bytet er avlyst. For deg endrar ingenting seg."),
])
def test_a_postponed_or_cancelled_switch(mini: Path, status: str, nb: str, nn: str) -> None:
    edit(mini / "content/data/waves.yaml", "status: planned", f"status: {status}")
    files = render(mini, "2023-10-01T12:00")
    assert line_of(page(files, "nb", "beta")) == nb
    assert line_of(page(files, "nn", "beta")) == nn
