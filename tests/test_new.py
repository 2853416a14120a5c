"""`new`: scaffolds in both standards that build and pass `check`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import CLOCK, ROOT, build, read, run_cli


def new(project: Path, *args: str):
    return run_cli("new", *args, "--root", str(project), "--clock", CLOCK)


def test_new_announcement_in_both_standards(mini: Path, tmp_path: Path) -> None:
    result = new(mini, "announcement", "--slug", "beta-starter", "--municipality", "beta",
                 "--municipality", "alfa", "--title", "Beta starter")
    assert result.returncode == 0, result.stderr
    nb = mini / "content/nb/kunngjoringer/beta-starter.md"
    nn = mini / "content/nn/kunngjeringar/beta-starter.md"
    assert "content/nb/kunngjoringer/beta-starter.md" in result.stdout
    assert "content/nn/kunngjeringar/beta-starter.md" in result.stdout
    for path in (nb, nn):
        text = path.read_text()
        assert "date: 2023-10-30\n" in text  # from the clock
        assert "municipalities: [beta, alfa]" in text
        assert "translation_key: beta-starter" in text
    out = tmp_path / "site"
    assert build(mini, out, CLOCK, "--drafts").returncode == 0
    page = read(out, "nb/kunngjoringer/beta-starter")
    assert "Beta starter" in page and "UTKAST" in page
    assert 'href="/nn/kunngjeringar/beta-starter/"' in page  # paired with its translation


def test_scaffolds_pass_check_apart_from_placeholders(mini: Path) -> None:
    assert new(mini, "announcement", "--slug", "ny", "--municipality", "alfa").returncode == 0
    assert new(mini, "impact", "--id", "beta-2024", "--municipality", "beta").returncode == 0
    assert new(mini, "page", "--slug", "personvern").returncode == 0
    assert (mini / "content/data/impacts/beta-2024.yaml").exists()
    for extra in ((), ("--drafts",)):
        result = run_cli("check", "--root", str(mini), "--clock", CLOCK, "--format", "json",
                         *extra)
        assert result.returncode == 0, result.stdout
        findings = json.loads(result.stdout)["findings"]
        codes = {f["code"] for f in findings if f["path"] != "content/nb/om.md"}
        assert codes == {"placeholder"}
        assert {f["level"] for f in findings} == {"warning"}


def test_unknown_municipality_suggests_and_writes_nothing(mini: Path) -> None:
    before = sorted(mini.rglob("*"))
    result = new(mini, "announcement", "--slug", "x", "--municipality", "alfaa")
    assert result.returncode == 1
    assert "Unknown municipality or organisation id 'alfaa'. Did you mean 'alfa'?" \
        in result.stderr
    assert sorted(mini.rglob("*")) == before


def test_refuses_to_overwrite(mini: Path) -> None:
    page = mini / "content/nb/om.md"
    before = page.read_bytes()
    result = new(mini, "page", "--slug", "om")
    assert result.returncode == 1
    assert "content/nb/om.md: error: The file exists already" in result.stderr
    assert page.read_bytes() == before
    assert not (mini / "content/nn/om.md").exists()


def test_bad_slug_and_missing_arguments(mini: Path) -> None:
    assert new(mini, "page", "--slug", "Æ Ø").returncode == 1
    assert run_cli("new", "announcement", "--root", str(mini), "--slug", "x").returncode == 2


@pytest.mark.parametrize("broken, line, quoted", [
    ("  county: Testfylke\n  name: X\n", 4, "  name: X"),  # a duplicate key
    ("  county: [Testfylke\n", 3, "  county: [Testfylke"),  # the file cannot be parsed
])
def test_a_place_file_with_errors_is_reported_not_an_unknown_id(
        mini: Path, broken: str, line: int, quoted: str) -> None:
    places = mini / "content/data/municipalities.yaml"
    text = places.read_text()
    places.write_text(text.replace("  county: Testfylke\n", broken, 1))
    before = sorted(mini.rglob("*"))
    for args in (("announcement", "--slug", "x", "--municipality", "beta"),
                 ("impact", "--id", "x", "--municipality", "beta")):
        result = new(mini, *args)
        assert result.returncode == 1
        assert "Unknown municipality" not in result.stderr
        assert f"content/data/municipalities.yaml:{line}: error: " in result.stderr
        assert f"    | {quoted}\n" in result.stderr
    assert sorted(mini.rglob("*")) == before


def test_the_editor_guide_quotes_what_new_impact_says_and_that_it_is_a_draft(
        mini: Path) -> None:
    result = run_cli("new", "impact", "--id", "alfa-2024", "--municipality", "alfa",
                     "--title", "Alfa: Noe redusert kapasitet",
                     cwd=mini, env={**os.environ, "NOTICES_LANG": "nb"})
    assert result.returncode == 0, result.stderr
    assert "draft: true" in (mini / "content/data/impacts/alfa-2024.yaml").read_text()
    guide = (ROOT / "docs/redaktorrettleiing.md").read_text(encoding="utf-8")
    from generator.invocation import python_command

    here = python_command(cwd=str(mini))  # the guide writes the command as «python»
    for line in result.stdout.splitlines()[2:]:  # the lines after the file names
        assert line.replace(f"{here} -m generator", "python -m generator") in guide, line
    assert "`check --drafts` en advarsel" in guide
