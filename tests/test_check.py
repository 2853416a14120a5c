"""`check`: findings with file:line, strict mode, JSON, stale translations, LIX."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import CLOCK, ROOT, run_cli

from generator.checks.plain_language import lix, sentences
from generator.model import SourcePage


def check(project: Path, *extra: str):
    return run_cli("check", "--root", str(project), "--clock", CLOCK, *extra)


def write(project: Path, rel: str, body: str, meta: str = "title: Om siden\nmenu: 2") -> None:
    (project / "content" / rel).write_text(f"---\n{meta}\n---\n{body}", encoding="utf-8")


def test_default_content_passes_strict() -> None:
    result = run_cli("check", "--root", str(ROOT), "--strict", "--clock", CLOCK)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings" in result.stdout


def test_check_writes_nothing(mini: Path) -> None:
    before = sorted(p.relative_to(mini) for p in mini.rglob("*"))
    assert check(mini).returncode == 0
    assert sorted(p.relative_to(mini) for p in mini.rglob("*")) == before


def test_broken_link_and_anchor_have_the_line(mini: Path) -> None:
    write(mini, "nb/om.md", "## Bakgrunn\n\n"
          "Se [tidslinjen](/nb/tidslinje/), [Alfa](/nb/kommuner/alfa/),\n"
          "[forsiden](../), [nyheten](../kunngjoringer/alfa-start/) og [over](#bakgrunn).\n"
          "Men [denne](/nb/finnes-ikke/) er borte.\n\n"
          "Og [dette ankeret](/nb/om/#mangler) finnes ikke.\n")
    result = check(mini)
    assert result.returncode == 1
    out = result.stdout
    assert "content/nb/om.md:9: error: The link '/nb/finnes-ikke/' leads to no page" in out
    assert "content/nb/om.md:11: error: The link '/nb/om/#mangler' leads to /nb/om/, but that " \
           "page has no heading or anchor '#mangler'." in out
    assert out.count("error:") == 2, out
    assert "1 error" not in out and "2 errors" in out


def test_relative_link_from_a_nested_page(mini: Path) -> None:
    write(mini, "nb/kunngjoringer/alfa-start.md",
          "Se [om](../../om/#bakgrunn) og [feil](../om/).\n",
          "title: Alfa starter\ntype: announcement\ndate: 2023-10-20\n"
          "translation_key: alfa-start\nmunicipalities: [alfa]")
    result = check(mini)
    assert "alfa-start.md:8: error: The link '../om/' leads to no page" in result.stdout
    assert result.stdout.count("error:") == 1


def test_accessibility_warnings_and_strict(mini: Path) -> None:
    write(mini, "nb/om.md", "## Bakgrunn\n\n#### For dypt\n\n![](/assets/icons.svg)\n\n"
          "Trykk [](/nb/) her. <b>Fet</b> tekst.\n\n# Ny tittel\n")
    result = check(mini)
    assert result.returncode == 0  # only warnings
    out = result.stdout
    assert "content/nb/om.md:7: warning: The heading jumps from level 2 to level 4." in out
    assert "content/nb/om.md:9: warning: The image '/assets/icons.svg' has no " \
        "alt text" in out
    assert "content/nb/om.md:11: warning: The link to '/nb/' has no text" in out
    assert "content/nb/om.md:11: warning: The HTML '<b>' will show as text" in out
    assert "content/nb/om.md:13: warning: A second main heading" in out
    assert check(mini, "--strict").returncode == 1


def test_plain_language_lix_and_long_sentences(mini: Path) -> None:
    long = " ".join(["ord"] * 30) + "."
    hard = ("Kommunehelsetjenestens journalsystemomlegging forutsetter omfattende "
            "opplæringsaktiviteter. ") * 3
    write(mini, "nb/om.md", f"## Bakgrunn\n\nKort setning.\n{long}\n\n{hard}\n")
    out = check(mini).stdout
    assert "content/nb/om.md:8: warning: A sentence of 30 words (more than 25)." in out
    assert "content/nb/om.md:5: warning: The text is hard to read: LIX" in out


def _page(body: str) -> SourcePage:
    return SourcePage("p.md", "nb", "p", "p", "T", None, "page", None, None, (), (), None,
                      False, None, None, None, None, None, body, 5, {}, "x")


def test_norwegian_abbreviations_and_dates_do_not_end_sentences() -> None:
    text = ("Vi åpner kl. 08.00 fredag 28. oktober. Ta med f.eks. ID-kort, bl.a. pass. "
            "Det tar ca. to timer, jf. brevet. Saken har nr. 12. Les mer i 2023. Da er det over.")
    found = list(sentences(_page(text)))
    assert [s.words for s in found] == [7, 6, 7, 4, 4, 4]


def test_lix_left_out_headings_lists_and_tables() -> None:
    page = _page("## Overskriftsord langeord\n\nEn to tre.\n\n- Listepunktet er langt\n\n"
                 "| Tabellinnhold | Tabell |\n|---|---|\n| a | b |\n")
    found = list(sentences(page))
    assert [(s.line, s.words) for s in found] == [(7, 3)]
    assert lix(found) == 3.0


def test_json_format(mini: Path) -> None:
    write(mini, "nb/om.md", "Se [her](/nb/borte/).\n")
    result = check(mini, "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["summary"]["errors"] == 1 and data["summary"]["warnings"] == 1
    broken = next(f for f in data["findings"] if f["level"] == "error")
    assert broken["path"] == "content/nb/om.md" and broken["line"] == 5
    assert broken["code"] == "broken-link"


def test_usage_error_exits_2(mini: Path) -> None:
    assert check(mini, "--format", "xml").returncode == 2


def test_content_errors_are_reported_by_check(mini: Path) -> None:
    write(mini, "nb/om.md", "Tekst\n", "title: Om\ntittel: feil")
    result = check(mini)
    assert result.returncode == 1
    assert "content/nb/om.md:3: error: Unknown key 'tittel'" in result.stdout


def test_stale_translation(mini: Path) -> None:
    nn = mini / "content/nn/kunngjeringar/alfa-start.md"
    before = nn.read_bytes()
    result = run_cli("translated", "--root", str(mini), str(nn))
    assert result.returncode == 0, result.stderr
    after = nn.read_bytes()
    lines = after.split(b"\n")
    assert lines[6].startswith(b"translated_from: ")
    assert b"\n".join(lines[:6] + lines[7:]) == before  # the rest is byte-for-byte the same
    assert "stale-translation" not in check(mini, "--format", "json").stdout
    nb = mini / "content/nb/kunngjoringer/alfa-start.md"
    nb.write_text(nb.read_text() + "Ny setning.\n")
    out = check(mini).stdout
    assert ("content/nn/kunngjeringar/alfa-start.md:7: warning: "
            "content/nb/kunngjoringer/alfa-start.md has changed since this translation") in out
    # updating the record clears it, and replaces the line instead of adding one
    assert run_cli("translated", "--root", str(mini), str(nn)).returncode == 0
    assert nn.read_bytes().count(b"translated_from:") == 1
    assert "has changed since" not in check(mini).stdout


def test_translated_keeps_crlf_and_needs_a_counterpart(mini: Path) -> None:
    nn = mini / "content/nn/kunngjeringar/alfa-start.md"
    nn.write_bytes(nn.read_bytes().replace(b"\n", b"\r\n"))
    assert run_cli("translated", "--root", str(mini), str(nn)).returncode == 0
    assert b"translated_from: " in nn.read_bytes() and b"\n" not in nn.read_bytes().replace(
        b"\r\n", b"")
    result = run_cli("translated", "--root", str(mini), str(mini / "content/nb/om.md"))
    assert result.returncode == 1
    assert "No page in the other standard" in result.stderr


def test_missing_translation_is_a_warning(mini: Path) -> None:
    result = check(mini, "--strict")
    assert result.returncode == 1  # the mini project lacks content/nn/om.md
    assert "content/nb/om.md: warning: No Nynorsk version of this page" in result.stdout
    assert "Check failed: 0 errors, 1 warning (--strict: warnings count as errors)." \
        in result.stdout


def test_menu_title_is_the_short_label_in_the_menu(mini: Path, tmp_path: Path) -> None:
    """Review finding 48: a long page title as a menu item; `menu_title` gives a short one."""
    from conftest import build, read

    write(mini, "nb/om.md", "Tekst.\n",
          meta="title: Om siden og hvordan den blir laget\nmenu: 2\nmenu_title: Om siden")
    out = tmp_path / "site"
    assert build(mini, out).returncode == 0
    html = read(out, "nb/om")
    nav = html.split('class="site-nav"')[1].split("</nav>")[0]
    assert ">Om siden</a>" in nav and "hvordan den blir laget" not in nav
    assert "<h1>Om siden og hvordan den blir laget</h1>" in html


def test_menu_title_without_menu_is_a_warning(mini: Path) -> None:
    write(mini, "nb/om.md", "Tekst.\n", meta="title: Om siden\nmenu_title: Om")
    data = json.loads(check(mini, "--format", "json").stdout)
    found = [f for f in data["findings"] if f["code"] == "menu-title-without-menu"]
    assert [(f["path"], f["line"], f["level"]) for f in found] == [
        ("content/nb/om.md", 3, "warning")]


def test_translated_names_the_errors_of_a_source_page_that_cannot_be_read(mini: Path) -> None:
    nb = mini / "content/nb/kunngjoringer/alfa-start.md"
    nn = mini / "content/nn/kunngjeringar/alfa-start.md"
    nb.write_text(nb.read_text().replace("---\n", "---\nmenu: [\n", 1))  # YAML cannot read it
    before = nn.read_bytes()
    result = run_cli("translated", "--root", str(mini), str(nn))
    assert result.returncode == 1
    assert "No page in the other standard" not in result.stderr
    assert "content/nb/kunngjoringer/alfa-start.md:" in result.stderr
    assert nn.read_bytes() == before
