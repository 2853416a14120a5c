"""Resident text: a fixed label is never glued to an editor's title, the status card
gives the place page's «what this means for you», and HelsaMi's address is one setting.

Impact titles are often written «Rauma: Noen helsetjenester …».  A label and its colon
before such a title («Redusert kapasitet: Rauma: …») reads badly and a screen reader
reads it as a list.  These tests build the small project with a title with and without
a place prefix, in Bokmål and Nynorsk, and read every output a resident gets: pages,
banner, card, Atom feeds, calendars, open data.
"""

from __future__ import annotations

import html as htmllib
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import build, read

from generator.clock import Clock, parse_clock
from generator.pipeline import Options, load_site, outputs, theme_for
from generator.project import Project
from generator.render.batch import PageBatch

PLACE = {"nb": "nb/kommuner", "nn": "nn/kommunar"}
CLOCK = "2023-11-01T12:00"  # the mini project's notice is ongoing, its service period too
IMPACT = "content/data/impacts/alfa.yaml"
OLD_TITLE = "title: {nb: Redusert kapasitet i Alfa, nn: Redusert kapasitet i Alfa}"
ATOM = "{http://www.w3.org/2005/Atom}"

TITLES = {  # kind: (nb, nn)
    "place prefix": ("Alfa: Færre besøk i heimen", "Alfa: Færre besøk i heimen"),
    "no prefix": ("Færre besøk i heimen", "Færre besøk i heimen"),
    "other colon": ("Heimetenester: færre besøk", "Heimetenester: færre besøk"),
}
CONCERNS = {"nb": "Gjelder: Alfa.", "nn": "Gjeld: Alfa."}
BY_SERVICE = {"nb": "tjeneste for tjeneste", "nn": "teneste for teneste"}


def render(project: Path, clock: str = CLOCK) -> dict[str, str]:
    """Every output file of the project at `clock`, as text."""
    loaded = load_site(Project(project), Clock(parse_clock(clock), "option"), Options())
    assert loaded.site is not None, [f.format() for f in loaded.report.errors]
    return {f.path: f.data.decode("utf-8")
            for f in outputs(loaded.site, theme_for(Project(project)), PageBatch(jobs=1))}


def text(markup: str) -> str:
    """What a reader sees: tags removed, entities decoded, white space collapsed."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    markup = re.sub(r"</?(time|a|strong|span|em)\b[^>]*>", "", markup)
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


def retitle(mini: Path, nb: str, nn: str) -> None:
    path = mini / IMPACT
    before = path.read_text(encoding="utf-8")
    assert OLD_TITLE in before
    path.write_text(before.replace(OLD_TITLE, f'title: {{nb: "{nb}", nn: "{nn}"}}'),
                    encoding="utf-8")


def ics_values(ics: str, name: str) -> list[str]:
    """The values of property `name` in an iCalendar file, lines unfolded, escapes undone."""
    lines = ics.replace("\r\n ", "").split("\r\n")
    return [re.sub(r"\\([,;\\])", r"\1", line.split(":", 1)[1]).replace("\\n", "\n")
            for line in lines if line.startswith(name + ":") or line.startswith(name + ";")]


def banner_lines(page: str) -> list[str]:
    m = re.search(r'<section class="notice notice--warning site-banner".*?</section>', page, re.S)
    assert m, "no banner"
    return [text(li) for li in re.findall(r"<li>(.*?)</li>", m.group(0), re.S)]


def first_screen(page: str) -> list[str]:
    m = re.search(r'<div class="status-now"[^>]*>(.*?)</div>', page, re.S)
    assert m
    return [text(p) for p in re.findall(r"<p>(.*?)</p>", m.group(1), re.S)]


@pytest.mark.parametrize("kind", list(TITLES))
@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_a_title_with_a_colon_never_follows_a_label_and_its_colon(mini: Path, lang: str,
                                                                   kind: str) -> None:
    """Wherever a title is shown, in every output a resident gets: no «Label: Alfa: …»."""
    nb, nn = TITLES[kind]
    retitle(mini, nb, nn)
    title = nb if lang == "nb" else nn
    files = render(mini)
    label_then_title = re.compile(r"\w:\s*" + re.escape(title))
    seen = 0
    for path, data in files.items():
        if path.endswith(".html"):
            shown = [text(data)]
        elif path.endswith(".ics"):
            shown = [v for name in ("SUMMARY", "DESCRIPTION", "LOCATION")
                     for v in ics_values(data, name)]
        elif path.endswith(".xml"):
            shown = [el.text or "" for el in ET.fromstring(data).iter()]
        elif path.endswith(".json"):
            shown = [data]
        else:
            continue
        for value in shown:
            seen += value.count(title)
            if ":" in title:
                assert not label_then_title.search(value), (path, value[:300])
    assert seen > 10  # the title is shown: the check above looked at something


@pytest.mark.parametrize("lang", ["nb", "nn"])
@pytest.mark.parametrize("kind", list(TITLES))
def test_the_banner_line_is_the_title_then_the_reduction(mini: Path, lang: str,
                                                         kind: str) -> None:
    """«Alfa: Færre besøk i heimen. Redusert kapasitet 27. oktober–17. november 2023; …»;
    a title that does not name the place is followed by «Gjelder: Alfa.»."""
    retitle(mini, *TITLES[kind])
    title = TITLES[kind][0 if lang == "nb" else 1]
    files = render(mini)
    lines = [line for line in banner_lines(files[f"{lang}/index.html"]) if title in line]
    assert len(lines) == 1, lines
    line = lines[0]
    assert line.startswith(f"{title}. Redusert kapasitet 27. oktober–17. november 2023; "), line
    assert ("Redusert kapasitet:" in line) is False
    assert (CONCERNS[lang] in line) == (kind != "place prefix"), line


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_a_title_ending_in_a_full_stop_gets_no_second(mini: Path, lang: str) -> None:
    retitle(mini, "Alfa: Færre besøk.", "Alfa: Færre besøk.")
    line = banner_lines(render(mini)[f"{lang}/index.html"])[0]
    assert line.startswith("Alfa: Færre besøk. Redusert kapasitet "), line


@pytest.mark.parametrize("lang", ["nb", "nn"])
@pytest.mark.parametrize("kind, shown", [("place prefix", "Færre besøk i heimen"),
                                         ("no prefix", "Færre besøk i heimen"),
                                         ("other colon", "«Heimetenester: færre besøk»")])
def test_the_place_pages_now_line_names_the_notice_once(mini: Path, lang: str, kind: str,
                                                        shown: str) -> None:
    """On Alfa's page «Nå:» is followed by the title without «Alfa: » (the h1 says it); a
    title with another colon is set in «» so the line never reads as two labels."""
    retitle(mini, *TITLES[kind])
    page = render(mini)[f"{PLACE[lang]}/alfa/index.html"]
    now = "Nå" if lang == "nb" else "No"
    assert first_screen(page)[0].startswith(f"{now}: {shown} (27. oktober"), first_screen(page)


def test_a_prefix_naming_all_the_notices_places_is_dropped_on_each_place_page(
        mini: Path) -> None:
    path = mini / IMPACT
    path.write_text(path.read_text(encoding="utf-8").replace(
        "municipalities: [alfa]", "municipalities: [alfa, beta]"), encoding="utf-8")
    retitle(mini, "Alfa og Beta: Færre besøk", "Alfa og Betå: Færre besøk")
    files = render(mini)
    for lang, now in (("nb", "Nå"), ("nn", "No")):
        for place in ("alfa", "beta"):
            assert first_screen(files[f"{PLACE[lang]}/{place}/index.html"])[0].startswith(
                f"{now}: Færre besøk ("), (lang, place)


@pytest.mark.parametrize("lang", ["nb", "nn"])
@pytest.mark.parametrize("kind", list(TITLES))
def test_the_service_table_caption_is_the_title_then_the_label(mini: Path, lang: str,
                                                               kind: str) -> None:
    retitle(mini, *TITLES[kind])
    title = TITLES[kind][0 if lang == "nb" else 1]
    page = render(mini)[f"{PLACE[lang]}/alfa/index.html"]
    captions = [text(c) for c in re.findall(r"<caption[^>]*>(.*?)</caption>", page, re.S)]
    assert captions == [f"{title} – {BY_SERVICE[lang]}"]


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_a_service_period_event_is_named_by_its_service_and_place(mini: Path,
                                                                  lang: str) -> None:
    """The calendar event of a service period: «Helsestasjon: ingen nye saker – Alfa», the
    title opening its description (it was «Alfa: …: helsestasjon: ingen nye saker»)."""
    retitle(mini, *TITLES["place prefix"])
    ics = render(mini)[f"{PLACE[lang]}/alfa/calendar.ics"]
    summaries = ics_values(ics, "SUMMARY")
    assert "Helsestasjon: ingen nye saker – Alfa" in summaries, summaries
    assert "Alfa: Færre besøk i heimen" in summaries  # the notice's own event: its title
    part = ics.replace("\r\n ", "").split("SUMMARY:Helsestasjon", 1)[1]
    assert ics_values(part, "DESCRIPTION")[0].startswith("Alfa: Færre besøk i heimen.")


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_feeds_and_open_data_carry_the_title_as_written(mini: Path, lang: str) -> None:
    retitle(mini, *TITLES["place prefix"])
    files = render(mini)
    feed = ET.fromstring(files[f"{lang}/feed.xml"])
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert "Alfa: Færre besøk i heimen" in titles
    data = next(json.loads(v) for k, v in files.items()
                if k.endswith(".json") and "Færre besøk" in v)
    assert "Alfa: Færre besøk i heimen" in json.dumps(data, ensure_ascii=False)


# --- the card's «what this means for you» ------------------------------------------------

BEFORE, AFTER_PD5, AFTER_KI2 = "2023-10-30T12:00", "2023-11-10T12:00", "2025-01-15T12:00"
FOR_YOU = re.compile(r'<p class="for-you">(.*?)</p>', re.S)


def card_lines(card: str) -> list[str]:
    body = card.split("<main>", 1)[1].split("</main>", 1)[0]
    return re.findall(r"<p>(.*?)</p>", body, re.S)


@pytest.mark.parametrize("clock", [BEFORE, AFTER_PD5, AFTER_KI2])
def test_the_card_gives_the_place_pages_answer(default_site_at: Callable[[str], Path],
                                               clock: str) -> None:
    """Every card, both standards, three clocks: the line after the lead is the place
    page's «for you» line, less only what the card says anyway (the pointer to the page's
    «Redusert kapasitet» section, and the date sentence its lead already gives)."""
    site = default_site_at(clock)
    cards = sorted(site.glob("n[bn]/kommun*/*/card.html"))
    assert len(cards) > 60
    kinds = set()
    for path in cards:
        card = path.read_text(encoding="utf-8")
        page = (path.parent / "index.html").read_text(encoding="utf-8")
        line = FOR_YOU.search(page)
        assert line, path
        on_page = text(line.group(1))
        on_card = text(card_lines(card)[1])
        assert on_card, path
        if "HelsaMi" in on_page:  # live: the card's lead says since when
            kinds.add("live")
            assert on_page.endswith(on_card), (path, on_card)
            assert "target=\"_top\"" in card_lines(card)[1]
        elif "«" in on_page:  # notices start before the switch: the card lists them below
            kinds.add("changes before")
            assert on_page.startswith(on_card) and "«" not in on_card, (path, on_card)
        else:
            kinds.add("waiting")
            assert on_card == on_page, path
    assert kinds >= ({"live", "waiting"} if clock != BEFORE else {"changes before"})


@pytest.mark.parametrize("lang, expected", [
    ("nb", "I HelsaMi kan du lese om din egen helse."),
    ("nn", "I HelsaMi kan du lese om di eiga helse."),
])
def test_the_card_of_a_place_in_use_links_helsami_outside_the_frame(
        default_site_at: Callable[[str], Path], lang: str, expected: str) -> None:
    card = (default_site_at(AFTER_PD5) / PLACE[lang] / "rauma" / "card.html").read_text(
        encoding="utf-8")
    line = card_lines(card)[1]
    assert text(line).startswith(expected)
    assert '<a href="https://helsami.no" target="_top">HelsaMi</a>' in line


# --- HelsaMi's address: one setting in content/config.yaml -------------------------------

def test_the_helsami_address_comes_from_config(mini: Path, tmp_path: Path) -> None:
    config = mini / "content/config.yaml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "helsami_url: https://helsami.example/innlogging\n", encoding="utf-8")
    files = render(mini, "2024-01-15T12:00")
    page = files["nb/kommuner/alfa/index.html"]
    line = FOR_YOU.search(page)
    assert line and '<a href="https://helsami.example/innlogging">HelsaMi</a>' in line.group(1)
    assert "helsami.no" not in "".join(files.values())


def test_without_the_setting_helsami_is_named_not_linked(mini: Path) -> None:
    files = render(mini, "2024-01-15T12:00")
    line = FOR_YOU.search(files["nb/kommuner/alfa/index.html"])
    assert line and "HelsaMi" in line.group(1) and "<a " not in line.group(1)


@pytest.mark.parametrize("value", ["http://helsami.no", "helsami.no", "https://helsa mi.no",
                                   "https://"])
def test_a_bad_helsami_address_is_an_error_naming_file_and_line(mini: Path, tmp_path: Path,
                                                                value: str) -> None:
    config = mini / "content/config.yaml"
    lines = config.read_text(encoding="utf-8").splitlines()
    config.write_text("\n".join([*lines, f'helsami_url: "{value}"']) + "\n", encoding="utf-8")
    result = build(mini, tmp_path / "out", CLOCK, "--lang", "nb")
    assert result.returncode == 1
    err = result.stderr
    assert f"content/config.yaml:{len(lines) + 1}:" in err, err
    assert "helsami_url" in err and "er ikke en nettadresse" in err, err
    assert "https://helsami.no" in err  # the hint shows the form
    assert not (tmp_path / "out").exists()


def test_the_default_content_sets_helsami_once(default_site_at: Callable[[str], Path]) -> None:
    """The default content's config gives HelsaMi's address; the place page links it."""
    root = Path(__file__).resolve().parents[1]
    assert re.search(r"^helsami_url: https://helsami\.no$",
                     (root / "content/config.yaml").read_text(encoding="utf-8"), re.M)
    page = read(default_site_at(AFTER_PD5), "nb/kommuner/rauma")
    line = FOR_YOU.search(page)
    assert line and '<a href="https://helsami.no">HelsaMi</a>' in line.group(1)
