"""Mistakes that used to make content vanish or pass with nothing said: each is now
named, with file and line, by `check` and by `build` alike (the page itself is built or
left out as before)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import CLOCK, build, run_cli

NB = "content/nb/kunngjoringer/alfa-start.md"
NN = "content/nn/kunngjeringar/alfa-start.md"
IMPACT = "content/data/impacts/alfa.yaml"


def check(project: Path, *extra: str, clock: str = CLOCK, lang: str = "en"):
    return run_cli("check", "--root", str(project), "--clock", clock, *extra,
                   env={**os.environ, "NOTICES_LANG": lang})


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def findings(result) -> list[dict]:
    return json.loads(result.stdout)["findings"]


def test_a_page_in_the_announcements_folder_without_the_type_is_warned(
        mini: Path, tmp_path: Path) -> None:
    for rel in (NB, NN):
        edit(mini, rel, "type: announcement\n", "")
    result = check(mini)
    assert result.returncode == 0, result.stdout
    for rel in (NB, NN):
        assert (f"{rel}:2: warning: This page is in the announcements folder but is not an "
                "announcement") in result.stdout
    assert "Add the line 'type: announcement'" in result.stdout
    out = tmp_path / "site"
    built = build(mini, out)
    assert built.returncode == 0, built.stderr
    assert f"{NB}:2: warning: This page is in the announcements folder" in built.stderr
    assert "2 warnings" in built.stdout or "3 warnings" in built.stdout


def test_an_announcement_dated_in_the_future_is_noted_with_its_day(mini: Path,
                                                                   tmp_path: Path) -> None:
    for rel in (NB, NN):
        edit(mini, rel, "date: 2023-10-20", "date: 2026-12-10")
    result = check(mini, lang="nb")
    assert result.returncode == 0, result.stdout
    assert (f"{NB}:4: merknad: Planlagt: denne kunngjøringen publiseres 10. desember 2026"
            in result.stdout)
    assert "Sjekken er godkjent: 0 feil" in result.stdout
    nn = check(mini, lang="nn")
    assert f"{NN}:4: merknad: Planlagd: denne kunngjeringa blir publisert 10. desember 2026" \
        in nn.stdout
    # notes never fail, not even --strict: they are no warnings
    as_json = json.loads(check(mini, "--format", "json", "--strict").stdout)
    assert as_json["summary"]["notes"] == 2
    assert not [f for f in as_json["findings"] if f["level"] == "warning"
                and f["path"] in (NB, NN)]
    assert {f["level"] for f in as_json["findings"] if f["code"] == "scheduled"} == {"note"}
    out = tmp_path / "site"
    built = build(mini, out)
    assert built.returncode == 0
    assert not (out / "nb/kunngjoringer/alfa-start/index.html").exists()
    assert "2 drafts or scheduled pages and notices are not on the site" in built.stdout
    assert "check" in built.stdout


def test_a_draft_page_and_a_draft_impact_are_noted(mini: Path, tmp_path: Path) -> None:
    edit(mini, NB, "title: Alfa starter\n", "title: Alfa starter\ndraft: true\n")
    edit(mini, IMPACT, "id: alfa-2023\n", "id: alfa-2023\ndraft: true\n")
    result = check(mini)
    assert result.returncode == 0, result.stdout
    assert f"{NB}:3: note: Draft: this page is not published ('draft: true')." in result.stdout
    assert "serve --drafts" in result.stdout
    assert "Draft: the service impact 'alfa-2023' is not published" in result.stdout
    # previewing drafts: they are shown, so nothing to note about the page
    assert "Draft: this page" not in check(mini, "--drafts").stdout
    built = build(mini, tmp_path / "site")
    assert "2 drafts or scheduled pages and notices are not on the site" in built.stdout
    github = check(mini, "--format", "github").stdout
    assert f"::notice file={NB},line=3" in github


BROKEN_FRONT_MATTER = {
    "tab": ("date: 2023-10-20", "\tdate: 2023-10-20"),
    "smart quotes": ("title: Alfa starter", "title: “Alfa: starter”"),
    "missing colon": ("municipalities: [alfa]", "municipalities [alfa]"),
}


@pytest.mark.parametrize("kind", sorted(BROKEN_FRONT_MATTER))
def test_a_broken_bokmal_file_gives_its_twin_no_translation_warnings(mini: Path,
                                                                    kind: str) -> None:
    edit(mini, NB, *BROKEN_FRONT_MATTER[kind])
    result = check(mini, "--format", "json")
    assert result.returncode == 1
    found = findings(result)
    assert any(f["path"] == NB and f["level"] == "error" for f in found), found
    assert not [f for f in found if f["path"] == NN], found


def test_an_empty_bokmal_file_gives_its_twin_no_translation_warnings(mini: Path) -> None:
    (mini / NB).write_text("", encoding="utf-8")
    found = findings(check(mini, "--format", "json"))
    assert not [f for f in found if f["path"] == NN], found


def test_an_empty_notice_file_is_one_error_naming_the_cause(mini: Path) -> None:
    (mini / IMPACT).write_text("", encoding="utf-8")
    result = check(mini, lang="nb")
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith(IMPACT)]
    assert lines == [f"{IMPACT}:1: feil: En fil om redusert kapasitet må være linjer med "
                     "'nøkkel: verdi', ikke tom."], result.stdout


def test_build_reports_raw_html_as_check_does(mini: Path, tmp_path: Path) -> None:
    edit(mini, NB, "Alfa tar i bruk systemet.", 'Alfa.\n\n<script>alert("hei")</script>\n\n'
         "<b>Viktig:</b> les dette.")
    checked = check(mini)
    built = build(mini, tmp_path / "site")
    assert built.returncode == 0
    for line in (10, 12):
        where = f"{NB}:{line}: warning: The HTML '<"
        assert where in checked.stdout and where in built.stderr, (checked.stdout,
                                                                  built.stderr)
    assert "0 warnings" not in built.stdout


def test_a_title_too_long_is_warned_at_its_line(mini: Path, tmp_path: Path) -> None:
    long = " ".join(["kommunen"] * 45)
    edit(mini, NB, "title: Alfa starter", f"title: {long}")
    result = check(mini, lang="nb")
    assert f"{NB}:2: advarsel: Tittelen har 45 ord og {len(long)} tegn" in result.stdout
    assert result.returncode == 0
    built = build(mini, tmp_path / "site")
    assert f"{NB}:2: warning: The title has 45 words" in built.stderr


def test_a_title_of_dots_is_warned(mini: Path) -> None:
    edit(mini, NB, "title: Alfa starter", 'title: "…"')
    assert f"{NB}:2: warning: The title '…' has no words" in check(mini).stdout


def test_an_impact_left_half_written_is_warned(mini: Path, tmp_path: Path) -> None:
    (mini / IMPACT).write_text(
        "id: alfa-2023\nmunicipalities: [alfa]\npublished: 2023-10-20\n"
        "period: {start: 2023-12-01}  # TODO: første og siste dag\n"
        'title: {nb: "…", nn: "…"}\n'
        "summary: {nb: Noen tjenester tar færre saker., nn: Nokre tenester tek færre saker.}\n",
        encoding="utf-8")
    result = check(mini)
    assert result.returncode == 0, result.stdout
    assert f"{IMPACT}:1: warning: This service impact lists no services" in result.stdout
    assert f"{IMPACT}:4: warning: The comment on this line still says TODO" in result.stdout
    assert f"{IMPACT}:5: warning: The title '…' has no words" in result.stdout
    built = build(mini, tmp_path / "site")
    assert f"{IMPACT}:1: warning: This service impact lists no services" in built.stderr
    # a draft is not ready on purpose: nothing but the note
    edit(mini, IMPACT, "id: alfa-2023\n", "id: alfa-2023\ndraft: true\n")
    assert "lists no services" not in check(mini).stdout


def test_build_and_check_agree_on_what_residents_would_see(mini: Path, tmp_path: Path) -> None:
    """Every finding of the kinds build reports is given by check too, at the same line,
    and build gives every one of them that check gives."""
    edit(mini, NB, "Alfa tar i bruk systemet.",
         "Alfa.\n\n• punkt\n\n1) nummer\n\n![](bilde.png)\n\n[](/nb/om/)\n\nTODO: tekst\n\n"
         "<i>kursiv</i>\n\n# To hovudtitlar\n")
    edit(mini, NN, "title: Alfa startar", "title: " + " ".join(["ord"] * 25))
    kinds = {"raw-html", "image-alt", "empty-link", "list-marker", "placeholder",
             "not-an-announcement", "long-title", "no-words"}
    checked = {(f["path"], f["line"], f["code"])
               for f in findings(check(mini, "--format", "json")) if f["code"] in kinds}
    built = build(mini, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    for path, line, _code in checked:
        assert f"{path}:{line}: warning:" in built.stderr, (path, line, built.stderr)
    assert {code for _p, _l, code in checked} == {"raw-html", "image-alt", "empty-link",
                                                  "list-marker", "placeholder", "long-title"}
    # the heading level is check's alone (the page's structure, not what it shows)
    assert "main heading" not in built.stderr
