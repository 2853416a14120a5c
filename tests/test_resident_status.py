"""A status word never contradicts the date or the status beside it (the default site, as a
resident reads it in Bokmål and Nynorsk at the clocks a tester used).

* A place's page shows only what concerns the place: no «Viktig nå» box about another
  municipality under its own «Nå:» line.
* A passed approximate date without news is not «later»: it has its own timeline group.
* The timeline's «now» heading promises «the next few days» only when a go-live is ahead.
* A go-live written as a day reads «tar i bruk i dag» on that day, past tense after it.
* «Nå:» is never followed by a sentence that says «nå» again.
* An assumed end date reads «omtrent 19. mai 2023» wherever the period is shown.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import read

LANGS = ("nb", "nn")
PLACES = {"nb": "nb/kommuner", "nn": "nn/kommunar"}
TIMELINE = {"nb": "nb/tidslinje", "nn": "nn/tidsline"}
REDUCTIONS = {"nb": "nb/redusert-kapasitet", "nn": "nn/redusert-kapasitet"}
SiteAt = Callable[[str], Path]


def text(markup: str) -> str:
    """What a reader sees: tags removed, entities decoded, white space collapsed."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    markup = re.sub(r"</?(time|a|strong|span|em|abbr)\b[^>]*>", "", markup)
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


def place_pages(site: Path, lang: str) -> dict[str, str]:
    """Every place page of `lang`: {place id: HTML}."""
    folder = site / PLACES[lang]
    return {p.parent.name: p.read_text(encoding="utf-8")
            for p in sorted(folder.glob("*/index.html"))}


def main_of(page: str) -> str:
    return page[page.index("<main"):page.index("</main>")]


def banner_of(page: str) -> str:
    """The text of the site banner («Viktig nå») of a page."""
    return text(page.split('class="notice notice--warning site-banner"')[1]
                .split("</section>")[0])


@pytest.mark.parametrize("clock", ["2023-10-30T12:00", "2023-11-03T08:00", "2023-11-10T12:00"])
@pytest.mark.parametrize("lang", LANGS)
def test_a_place_page_has_no_box_about_other_places(default_site_at: SiteAt, clock: str,
                                                    lang: str) -> None:
    site = default_site_at(clock)
    # the site banner is there on the other pages (the tester's clocks all have one) …
    assert "site-banner" in read(site, lang)
    pages = place_pages(site, lang)
    assert len(pages) > 30
    for pid, page in pages.items():
        # … but a place's page never carries it: its own go-live and notices are its lead
        # and «Nå:» line, and a line about Rauma or Rindal under Molde's «Nå: ingen …»
        # contradicted it.
        assert "site-banner" not in page, (clock, pid)
        others = {"rauma": "Rindal", "rindal": "Aukra", "molde": "Rauma", "smola": "Rauma",
                  "alesund": "Rauma", "aukra": "Rindal"}
        if pid in others:
            first = text(page[page.index("<h1"):page.index('class="notice notice--success')])
            assert others[pid] not in first, (clock, pid, first)


@pytest.mark.parametrize("lang", LANGS)
def test_rauma_page_has_its_own_notice_first_and_no_one_elses(default_site_at: SiteAt,
                                                              lang: str) -> None:
    page = text(main_of(read(default_site_at("2023-11-10T12:00"), f"{PLACES[lang]}/rauma")))
    now = {"nb": "Nå: Noen helsetjenester tar imot færre", "nn": "No: Nokre helsetenester"}
    assert now[lang] in page
    assert "Rindal" not in page.split({"nb": "Redusert kapasitet", "nn": "Redusert kapasitet"}
                                      [lang])[0]


SECTION = re.compile(r'<section aria-labelledby="phase-([a-z]+)">(.*?)</section>', re.S)


def sections(site: Path, lang: str) -> dict[str, tuple[str, str]]:
    """The timeline's groups: {phase id: (heading, text)}."""
    page = read(site, TIMELINE[lang])
    out = {}
    for phase, body in SECTION.findall(page):
        heading = text(re.search(r"<h2[^>]*>(.*?)</h2>", body, re.S).group(1))  # type: ignore[union-attr]
        out[phase] = (heading, text(body))
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_a_passed_season_without_news_is_not_later(default_site_at: SiteAt, lang: str) -> None:
    groups = sections(default_site_at("2025-01-15T12:00"), lang)
    later = {"nb": "Senere", "nn": "Seinare"}[lang]
    assert groups["upcoming"][0] == later
    assert "KI 2" not in groups["upcoming"][1]
    heading, body = groups["overdue"]
    assert heading == {"nb": "Datoen er passert – ingen ny melding ennå",
                       "nn": "Datoen er passert – inga ny melding enno"}[lang]
    assert "KI 2" in body
    # before autumn 2024 ends, KI 2 is still coming up and the group is not shown
    groups = sections(default_site_at("2024-03-01T12:00"), lang)
    assert "overdue" not in groups
    assert "KI 2" in groups["upcoming"][1]


@pytest.mark.parametrize("lang", LANGS)
def test_now_heading_promises_the_next_days_only_with_a_go_live_ahead(default_site_at: SiteAt,
                                                                      lang: str) -> None:
    soon = {"nb": "Nå og de nærmeste dagene", "nn": "No og dei næraste dagane"}[lang]
    heading, body = sections(default_site_at("2023-10-30T12:00"), lang)["now"]
    assert heading == soon and "PD5" in body
    # a week after PD5 switched, its notices keep it «now», but nothing is days ahead
    heading, body = sections(default_site_at("2023-11-10T12:00"), lang)["now"]
    assert heading == {"nb": "Nå", "nn": "No"}[lang] and "PD5" in body


TODAY = {"nb": ("Rauma tar i bruk Helseplattformen i dag: fredag 3. november 2023.",
                "Bytter i dag", "tok i bruk", "I bruk"),
         "nn": ("Rauma tek i bruk Helseplattformen i dag: fredag 3. november 2023.",
                "Byter i dag", "tok i bruk", "I bruk")}


@pytest.mark.parametrize("lang", LANGS)
def test_the_switch_day_reads_today_until_it_is_over(default_site_at: SiteAt,
                                                     lang: str) -> None:
    lead, badge, past, live = TODAY[lang]
    site = default_site_at("2023-11-03T08:00")
    page = text(main_of(read(site, f"{PLACES[lang]}/rauma")))
    assert lead in page and badge in page
    assert past not in page.split(lead)[0] + lead and f"{lead} {live}" not in page
    banner = banner_of(read(site, lang))
    assert {"nb": "PD5 tar i bruk Helseplattformen i dag, fredag 3. november 2023.",
            "nn": "PD5 tek i bruk Helseplattformen i dag, fredag 3. november 2023."}[lang] \
        in banner
    # Rindal's own date is the next day: not «i dag»
    rindal = text(main_of(read(site, f"{PLACES[lang]}/rindal")))
    assert "i dag" not in rindal.split(".")[0]
    # the card says the same as the page
    card = text((site / PLACES[lang] / "rauma" / "card.html").read_text(encoding="utf-8"))
    assert "i dag" in card and past not in card
    # the day after: past tense, «I bruk»
    page = text(main_of(read(default_site_at("2023-11-10T12:00"), f"{PLACES[lang]}/rauma")))
    assert {"nb": "Rauma tok i bruk Helseplattformen: fredag 3. november 2023. I bruk",
            "nn": "Rauma tok i bruk Helseplattformen: fredag 3. november 2023. I bruk"}[lang] \
        in page


NOW_LINE = re.compile(r"<p><strong>(Nå|No):</strong>(.*?)</p>", re.S)


@pytest.mark.parametrize("clock", ["2023-10-20T09:00", "2023-10-30T12:00", "2023-11-10T12:00",
                                   "2024-03-01T12:00"])
@pytest.mark.parametrize("lang", LANGS)
def test_now_line_never_says_now_twice(default_site_at: SiteAt, clock: str, lang: str) -> None:
    word = {"nb": "nå", "nn": "no"}[lang]
    seen = 0
    for pid, page in place_pages(default_site_at(clock), lang).items():
        for _label, rest in NOW_LINE.findall(page):
            seen += 1
            words = re.findall(r"\w+", text(rest).lower())
            assert word not in words, (clock, pid, text(rest))
    assert seen > 30


ASSUMED = {"nb": "28. april–omtrent 19. mai 2023", "nn": "28. april–om lag 19. mai 2023"}


def unfold(ics: str) -> str:
    """iCalendar text with folded lines joined (RFC 5545 §3.1)."""
    return re.sub(r"\r?\n[ \t]", "", ics)


@pytest.mark.parametrize("clock", ["2023-05-01T12:00", "2023-11-10T12:00"])
@pytest.mark.parametrize("lang", LANGS)
def test_an_assumed_end_is_never_shown_as_a_firm_date(default_site_at: SiteAt, clock: str,
                                                      lang: str) -> None:
    site = default_site_at(clock)
    alesund = site / PLACES[lang] / "alesund"
    shown = {
        "place page": text(read(site, f"{PLACES[lang]}/alesund")),
        "reductions": text(read(site, REDUCTIONS[lang])),
        "card": text((alesund / "card.html").read_text(encoding="utf-8")),
        "feed": htmllib.unescape((alesund / "feed.xml").read_text(encoding="utf-8")),
        "calendar": unfold((alesund / "calendar.ics").read_text(encoding="utf-8")),
    }
    if clock == "2023-05-01T12:00":  # ongoing: in the banner of every other page too
        shown["banner"] = banner_of(read(site, lang))
    else:  # ended: the card lists only notices not over
        del shown["card"]
    for where, body in shown.items():
        assert ASSUMED[lang] in body, where
        firm = re.findall(r"(\w+ )?19\. mai 2023", body)
        assert firm and all(w.strip() in ("omtrent", "lag") for w in firm), (where, firm)


def test_end_assumed_is_validated(mini: Path) -> None:
    from test_data import errors_for, line_of

    path = mini / "content/data/impacts/alfa.yaml"
    text_ = path.read_text(encoding="utf-8")
    period = next(ln for ln in text_.splitlines() if ln.startswith("period:"))
    path.write_text(text_.replace(period, "period: {start: 2023-11-03, end_assumed: true}"),
                    encoding="utf-8")
    errors = errors_for(mini)
    assert any("end_assumed: true' needs an 'end' date" in e for e in errors), errors
    line = line_of(path, "period:")
    assert any(e.startswith(f"content/data/impacts/alfa.yaml:{line}:") for e in errors), errors
    path.write_text(text_.replace(period, period.replace("}", ", end_assumed: ja}")),
                    encoding="utf-8")
    assert any("must be true or false" in e for e in errors_for(mini))


KEPT = {"nb": ("Dette gjelder alltid", "Hvem du kan kontakte"),
        "nn": ("Dette gjeld alltid", "Kven du kan kontakte")}


@pytest.mark.parametrize("clock", ["2023-10-30T12:00", "2023-11-10T12:00"])
@pytest.mark.parametrize("lang", LANGS)
def test_a_place_page_says_always_kept_and_whom_to_call_once(default_site_at: SiteAt,
                                                             clock: str, lang: str) -> None:
    page = text(main_of(read(default_site_at(clock), f"{PLACES[lang]}/rauma")))
    for heading in KEPT[lang]:
        assert page.count(heading) == 1, (heading, page.count(heading))
    assert page.count("116 117") == 1


@pytest.mark.parametrize("lang", LANGS)
def test_news_about_a_neighbour_says_why_it_is_on_the_page(default_site_at: SiteAt,
                                                           lang: str) -> None:
    page = read(default_site_at("2023-11-10T12:00"), f"{PLACES[lang]}/molde")
    news = text(page.split('<ul class="listing">')[1].split("</ul>")[0])
    assert news.startswith("Rauma:") and "Molde" in news, news


@pytest.mark.parametrize("clock", ["2023-10-30T12:00", "2023-11-03T08:00", "2025-01-15T12:00"])
@pytest.mark.parametrize("lang", LANGS)
def test_every_status_word_on_the_timeline_is_explained(default_site_at: SiteAt, clock: str,
                                                        lang: str) -> None:
    page = read(default_site_at(clock), TIMELINE[lang])
    words = {text(w) for w in re.findall(r'<span class="badge[^"]*">(.*?)</span>', page,
                                         re.S)}
    explained = page.split('<dl class="status-words">')[1].split("</dl>")[0]
    terms = {text(t) for t in re.findall(r"<dt>(.*?)</dt>", explained, re.S)}
    assert words and words == terms, (words, terms)
    if clock < "2024-04-27":  # KI 1's date is decided, not yet live
        assert {"nb": "Vedtatt", "nn": "Vedteke"}[lang] in terms
