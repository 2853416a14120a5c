"""Issue 14, bullet by bullet: every output shows the same derived dates and statuses.

Each test edits the small test project the way an editor would, builds it at a
clock, and reads what a resident sees, in Bokmål and in Nynorsk.
"""

from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path

import pytest
from conftest import build, run_cli

from generator.clock import Clock, ClockError, parse_clock
from generator.pipeline import Options, load_site, outputs, theme_for
from generator.project import Project
from generator.render.batch import PageBatch

PLACE = {"nb": "nb/kommuner", "nn": "nn/kommunar"}
TIMELINE = {"nb": "nb/tidslinje", "nn": "nn/tidsline"}


def render(project: Path, clock: str, drafts: bool = False) -> dict[str, str]:
    """Every output file of the project at `clock`, as text."""
    loaded = load_site(Project(project), Clock(parse_clock(clock), "option"),
                       Options(drafts=drafts))
    assert loaded.site is not None, [f.format() for f in loaded.report.errors]
    return {f.path: f.data.decode("utf-8")
            for f in outputs(loaded.site, theme_for(Project(project)), PageBatch(jobs=1))}


def text(markup: str) -> str:
    """What a reader sees: tags removed, entities decoded, white space collapsed."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    markup = re.sub(r"</?(time|a|strong|span|em)\b[^>]*>", "", markup)  # inline: no space
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


def main(files: dict[str, str], url: str) -> str:
    page = files[url + "/index.html"]
    return text(page.split("<main", 1)[1].split("</main>", 1)[0])


def banner(files: dict[str, str], lang: str) -> str:
    page = files[f"{lang}/index.html"]
    m = re.search(r'<section class="notice notice--warning site-banner".*?</section>', page, re.S)
    return text(m.group(0)) if m else ""


def edit(path: Path, old: str, new: str) -> None:
    before = path.read_text(encoding="utf-8")
    assert old in before, old
    path.write_text(before.replace(old, new, 1), encoding="utf-8")


def waves(mini: Path) -> Path:
    return mini / "content/data/waves.yaml"


def impact(mini: Path) -> Path:
    return mini / "content/data/impacts/alfa.yaml"


# --- A member's own date wins -------------------------------------------------------------

def test_member_own_date_is_used_by_banner_timeline_page_and_calendar(mini: Path) -> None:
    edit(waves(mini), "members: [alfa, test-hf]",
         "members:\n    - alfa\n    - id: test-hf\n      go_live: 2023-10-30")
    files = render(mini, "2023-10-20T12:00")
    for lang, monday in (("nb", "mandag"), ("nn", "måndag")):
        shown = banner(files, lang)
        assert f"Test HF {'tar' if lang == 'nb' else 'tek'} i bruk Helseplattformen {monday} " \
               "30. oktober 2023" in shown
        # the wave's own line names only the members that share its date
        w1 = shown.split("W1", 1)[1].split(".")[-2] if "W1" in shown else ""
        assert "Test HF" not in w1
        table = files[f"{TIMELINE[lang]}/index.html"].split("<tbody>", 1)[1].split("</tbody>")[0]
        assert f"Test HF ({monday} 30. oktober 2023)" in text(table)
        assert '<time datetime="2023-10-30">' in table
        assert f"{monday} 30. oktober 2023" in main(files, f"{PLACE[lang]}/test-hf")
        ics = files[f"{lang}/calendar.ics"]
        assert "DTSTART;VALUE=DATE:20231030" in ics


# --- One notice, one set of periods --------------------------------------------------------

RAUMA_LIKE = ("period: {start: 2023-10-27, end: 2023-11-17}",
              "period: {start: 2023-11-03, end: 2023-12-31}")
SERVICE = ("    period: {start: 2023-10-27, end: 2023-11-03}",
           "    period: {start: 2023-10-27, end: 2023-11-17}")


@pytest.mark.parametrize("lang, expected, ongoing", [
    ("nb", "27. oktober–31. desember 2023; helsestasjon: ingen nye saker 27. oktober–17. "
           "november 2023", "Pågår nå"),
    ("nn", "27. oktober–31. desember 2023; helsestasjon: ingen nye saker 27. oktober–17. "
           "november 2023", "Pågår no"),
])
def test_one_notice_shows_one_set_of_periods_everywhere(mini: Path, lang: str, expected: str,
                                                        ongoing: str) -> None:
    edit(impact(mini), *RAUMA_LIKE)
    edit(impact(mini), *SERVICE)
    files = render(mini, "2023-11-01T12:00")
    page = main(files, f"{PLACE[lang]}/alfa")
    assert expected in page and ongoing in page
    assert f"Redusert kapasitet {expected}." in banner(files, lang)
    card = text(files[f"{PLACE[lang]}/alfa/card.html"])
    assert expected in card and ongoing in card
    reductions = main(files, f"{lang}/redusert-kapasitet")
    assert expected in reductions
    # every date shown is marked up for machines too
    raw = files[f"{PLACE[lang]}/alfa/index.html"]
    for iso in ("2023-11-03", "2023-12-31", "2023-10-27", "2023-11-17"):
        assert f'<time datetime="{iso}">' in raw
    ics = files[f"{lang}/calendar.ics"]
    assert "DTSTART;VALUE=DATE:20231103" in ics and "DTSTART;VALUE=DATE:20231027" in ics
    data = json.loads(files["data/v1/impacts.json"])["impacts"][0]
    assert data["status"] == "ongoing"
    assert data["span"]["start"]["value"] == "2023-10-27"


def test_service_ending_after_the_notice_keeps_it_ongoing_and_shown(mini: Path) -> None:
    edit(impact(mini), *SERVICE[:1], "    period: {start: 2023-10-27, end: 2024-01-05}")
    files = render(mini, "2023-12-01T12:00")
    for lang, ongoing in (("nb", "Pågår nå"), ("nn", "Pågår no")):
        card = text(files[f"{PLACE[lang]}/alfa/card.html"])
        assert ongoing in card and "5. januar 2024" in card
    ld = re.findall(r'<script type="application/ld\+json">(.*?)</script>',
                    files["nb/kommuner/alfa/index.html"], re.S)
    expires = [json.loads(x)["expires"] for x in ld if "SpecialAnnouncement" in x]
    assert expires == ["2024-01-06T00:00+01:00"]  # after the last day shown


# --- Open ends -----------------------------------------------------------------------------

def test_open_end_reads_from_and_is_no_one_day_event(mini: Path) -> None:
    edit(impact(mini), RAUMA_LIKE[0], "period: {start: 2023-10-28}")
    edit(impact(mini), *SERVICE[:1], "")
    files = render(mini, "2023-10-30T12:00")
    for lang, word in (("nb", "fra"), ("nn", "frå")):
        expected = f"{word} 28. oktober 2023"
        assert expected in main(files, f"{PLACE[lang]}/alfa")
        assert expected in banner(files, lang)
        assert expected in text(files[f"{PLACE[lang]}/alfa/card.html"])
        ics = files[f"{lang}/calendar.ics"].replace("\r\n ", "")
        event = ics.split("UID:impact-alfa-2023-" + lang, 1)[1].split("END:VEVENT", 1)[0]
        assert "DTSTART;TZID=Europe/Oslo:20231028T000000" in event
        assert "DTEND" not in event and "VALUE=DATE" not in event
        assert expected in event


# --- Past go-lives read as past ------------------------------------------------------------

def test_past_go_live_reads_as_past_everywhere(mini: Path) -> None:
    files = render(mini, "2024-01-30T12:00")  # three months after W1's go-live
    for lang, took, in_use, confirmed in (("nb", "Alfa tok i bruk Helseplattformen", "I bruk",
                                            "Dato bekreftet"),
                                           ("nn", "Alfa tok i bruk Helseplattformen", "I bruk",
                                            "Dato stadfesta")):
        for shown in (main(files, f"{PLACE[lang]}/alfa"),
                      text(files[f"{PLACE[lang]}/alfa/card.html"])):
            assert took in shown and in_use in shown and confirmed not in shown
        timeline = files[f"{TIMELINE[lang]}/index.html"]
        past = text(timeline.split('id="phase-past"', 1)[1])
        assert "W1" in past and confirmed not in text(timeline)


def test_planned_season_that_passed_is_not_filed_as_live(mini: Path) -> None:
    files = render(mini, "2025-01-15T12:00")  # W2's «autumn 2024» has passed, no news
    for lang, word in (("nb", "Datoen er passert, ingen ny melding"),
                       ("nn", "Datoen er passert, inga ny melding")):
        timeline = files[f"{TIMELINE[lang]}/index.html"]
        past = text(timeline.split('id="phase-past"', 1)[1])
        assert "W2" not in past
        assert word in text(timeline)
        assert word in main(files, f"{PLACE[lang]}/beta")
        assert "Planlagt" not in main(files, f"{PLACE[lang]}/beta")


def test_places_live_before_our_sources_read_as_using_it(mini: Path) -> None:
    (waves(mini)).write_text(waves(mini).read_text() + "- id: w0\n  name: W0\n  status: live\n"
                             "  members: [test-hf]\n", encoding="utf-8")
    edit(waves(mini), "members: [alfa, test-hf]", "members: [alfa]")
    files = render(mini, "2023-10-30T12:00")
    assert "Test HF bruker allerede Helseplattformen" in main(files, "nb/kommuner/test-hf")
    assert "Test HF brukar allereie Helseplattformen" in main(files, "nn/kommunar/test-hf")


def test_default_content_trondheim_st_olav_and_owner_are_live() -> None:
    root = Path(__file__).resolve().parent.parent
    files = render(root, "2023-10-20T12:00")
    for pid, name in (("trondheim", "Trondheim"), ("st-olavs-hospital", "St. Olavs hospital"),
                      ("helse-midt-norge", "Helse Midt-Norge")):
        assert f"{name} bruker allerede Helseplattformen" in main(files, f"nb/kommuner/{pid}")
        assert f"{name} brukar allereie Helseplattformen" in main(files, f"nn/kommunar/{pid}")
    rindal = main(files, "nb/kommuner/rindal")
    assert "Rindal tar i bruk Helseplattformen: lørdag 4. november 2023" in rindal


# --- Not reported is not «none» -------------------------------------------------------------

def test_before_go_live_no_notice_reads_not_reported_yet(mini: Path) -> None:
    files = render(mini, "2023-10-20T12:00")
    assert "Det er ikke meldt om redusert kapasitet ennå." in main(files, "nb/kommuner/beta")
    assert "Det er ikkje meldt om redusert kapasitet enno." in main(files, "nn/kommunar/beta")
    assert "ennå" in text(files["nb/kommuner/beta/card.html"])
    after = render(mini, "2024-01-30T12:00")  # Alfa is live and its notice has ended
    shown = main(after, "nb/kommuner/alfa")  # after the go-live: nothing announced now
    assert "Vi har ikke fått melding om tjenester som tar imot færre." in shown
    assert "ennå" not in shown


# --- Scheduled publish ----------------------------------------------------------------------

def test_future_dated_announcement_is_scheduled(mini: Path, tmp_path: Path) -> None:
    for lang, folder in (("nb", "kunngjoringer"), ("nn", "kunngjeringar")):
        edit(mini / f"content/{lang}/{folder}/alfa-start.md", "date: 2023-10-20",
             "date: 2023-11-20")
    out = tmp_path / "site"
    assert build(mini, out, "2023-10-30T12:00").returncode == 0
    assert not (out / "nb/kunngjoringer/alfa-start").exists()
    assert "alfa-start" not in (out / "sitemap.xml").read_text()
    assert "Alfa starter" not in (out / "nb/feed.xml").read_text()
    eve = tmp_path / "eve"  # the day before: the publication is the next change
    assert build(mini, eve, "2023-11-19T12:00").returncode == 0
    state = json.loads((eve / "build-state.json").read_text())
    assert state["next_change"] == "2023-11-20T00:00:00+01:00"
    later = tmp_path / "later"
    assert build(mini, later, "2023-11-20T00:00").returncode == 0
    assert (later / "nb/kunngjoringer/alfa-start/index.html").exists()
    assert (later / "nn/kunngjeringar/alfa-start/index.html").exists()


# --- Unfinished notices ---------------------------------------------------------------------

def test_new_impact_is_a_draft_and_placeholders_never_reach_residents(mini: Path,
                                                                     tmp_path: Path) -> None:
    made = run_cli("new", "impact", "--id", "ny", "--municipality", "alfa", "--root", str(mini),
                   "--clock", "2023-10-30T12:00")
    assert made.returncode == 0, made.stderr
    out = tmp_path / "site"
    assert build(mini, out).returncode == 0
    leaked = [p for p in out.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".ics",
                                                                          ".json")
              and "TODO" in p.read_text(encoding="utf-8")]
    assert leaked == []
    edit(mini / "content/data/impacts/ny.yaml", "draft: true", "")
    result = build(mini, tmp_path / "other")
    assert result.returncode != 0
    assert "content/data/impacts/ny.yaml" in result.stderr and "TODO" in result.stderr


# --- Fallbacks are not translations ---------------------------------------------------------

def test_fallback_page_has_no_hreflang_and_points_to_the_original(mini: Path) -> None:
    files = render(mini, "2023-10-30T12:00")  # content/nn/om.md does not exist
    head = files["nn/om/index.html"].split("</head>", 1)[0]
    assert 'rel="canonical" href="https://example.org/nb/om/"' in head
    assert "hreflang=\"nb\" href=\"https://example.org/nb/om/\"" not in head
    assert not re.search(r'<link rel="alternate" hreflang=', head)
    original = files["nb/om/index.html"].split("</head>", 1)[0]
    assert "https://example.org/nn/om/" not in original
    assert "https://example.org/nn/om/" not in files["sitemap.xml"]


# --- Facts written are shown ----------------------------------------------------------------

def test_member_note_and_wave_tagged_announcement_are_shown(mini: Path) -> None:
    edit(waves(mini), "members: [alfa, test-hf]",
         "members:\n    - alfa\n    - id: test-hf\n      note: {nb: Starter med W1., "
         "nn: Startar med W1.}")
    for lang, folder in (("nb", "kunngjoringer"), ("nn", "kunngjeringar")):
        edit(mini / f"content/{lang}/{folder}/alfa-start.md", "municipalities: [alfa]",
             "waves: [w1]")
    files = render(mini, "2023-10-30T12:00")
    assert "Starter med W1." in main(files, "nb/kommuner/test-hf")
    assert "Startar med W1." in main(files, "nn/kommunar/test-hf")
    assert "Startar med W1." in main(files, TIMELINE["nn"])
    for lang in ("nb", "nn"):
        assert "Alfa start" in main(files, f"{PLACE[lang]}/test-hf")
        assert "alfa-start" in files[f"{PLACE[lang]}/test-hf/feed.xml"]


# --- Smaller ---------------------------------------------------------------------------------

def test_register_keeps_the_content_order(mini: Path) -> None:
    path = mini / "content/data/municipalities.yaml"
    alfa, beta = path.read_text(encoding="utf-8").split("- id: beta")
    path.write_text("- id: beta" + beta + "\n" + alfa, encoding="utf-8")
    files = render(mini, "2023-10-30T12:00")
    register = json.loads(files["data/v1/register.json"])
    assert [m["id"] for m in register["municipalities"]] == ["beta", "alfa"]


@pytest.mark.parametrize("clock", ["2024-03-31T02:30", "2023-03-26T02:00"])
def test_clock_in_the_dst_gap_is_an_error(mini: Path, tmp_path: Path, clock: str) -> None:
    with pytest.raises(ClockError, match="does not exist"):
        parse_clock(clock)
    result = build(mini, tmp_path / "site", clock)
    assert result.returncode != 0 and "does not exist" in result.stderr
    assert parse_clock("2024-03-31T03:30") == parse_clock("2024-03-31T01:30+00:00")


def test_announcement_naming_places_is_not_listed_for_the_rest_of_its_wave(mini: Path) -> None:
    for lang, folder in (("nb", "kunngjoringer"), ("nn", "kunngjeringar")):
        edit(mini / f"content/{lang}/{folder}/alfa-start.md", "municipalities: [alfa]",
             "municipalities: [alfa]\nwaves: [w1]")
    files = render(mini, "2023-10-30T12:00")
    for lang in ("nb", "nn"):
        assert "Alfa start" in main(files, f"{PLACE[lang]}/alfa")
        assert "Alfa start" not in main(files, f"{PLACE[lang]}/test-hf")
        assert "alfa-start" not in files[f"{PLACE[lang]}/test-hf/feed.xml"]
