"""File names and translation keys as editors on Windows and macOS make them.

A macOS (NFD) file name builds like the same name in NFC; two addresses that
differ only in case are an error naming both files; the sitemap's addresses
are percent-encoded; a translation_key written in one file only is a warning
naming both files, and the missing-translation warnings name real addresses.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from conftest import CLOCK, build, read

from generator.clock import Clock, parse_clock
from generator.commands.check import check
from generator.errors import Finding
from generator.project import Project

PAGE = {"nb": "---\ntitle: Åfjord\n---\nÅfjord kommune tar i bruk Helseplattformen.\n",
        "nn": "---\ntitle: Åfjord\n---\nÅfjord kommune tek i bruk Helseplattformen.\n"}


def findings(project: Path) -> list[Finding]:
    return check(Project(project), Clock(parse_clock(CLOCK), "option"))


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_a_macos_file_name_builds_like_the_same_name_in_nfc(mini: Path, tmp_path: Path,
                                                             form: str) -> None:
    for lang, text in PAGE.items():
        (mini / "content" / lang / unicodedata.normalize(form, "åfjord.md")).write_text(
            text, encoding="utf-8")
    out = tmp_path / "site"
    result = build(mini, out)
    assert result.returncode == 0, result.stderr
    for lang in ("nb", "nn"):
        assert "Åfjord kommune" in read(out, f"/{lang}/\u00e5fjord/")
        html = read(out, f"/{lang}/")  # paired: each links its translation
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "/nb/%C3%A5fjord/</loc>" in sitemap and "/nn/%C3%A5fjord/</loc>" in sitemap
    assert 'hreflang="nn" href="https://example.org/nn/%C3%A5fjord/"' in sitemap
    assert "åfjord" not in sitemap and "a\u030afjord" not in sitemap
    assert html


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_a_file_name_with_capitals_is_an_error_naming_the_lower_case_name(
        mini: Path, lang: str) -> None:
    # Om.md and om.md would be one address on Windows, macOS and many hosts: capitals are
    # refused (load.names.web_name), so two addresses never differ only in case
    folder = mini / "content" / lang
    (folder / "Om.md").write_text("---\ntitle: Om oss\n---\nTekst.\n", encoding="utf-8")
    found = [f for f in findings(mini) if f.code in ("bad-file-name", "url-case-clash")]
    assert [(f.path, f.level, f.code) for f in found] == [
        (f"content/{lang}/Om.md", "error", "bad-file-name")]
    assert str(found[0].hint).startswith("Name the file om.md ")


def test_a_one_sided_translation_key_names_both_files_and_the_fix(mini: Path) -> None:
    nb = mini / "content" / "nb" / "om.md"
    nb.write_text(nb.read_text(encoding="utf-8").replace("---\n", "---\ntranslation_key: om-oss\n",
                                                         1), encoding="utf-8")
    (mini / "content" / "nn" / "om.md").write_text("---\ntitle: Om sida\n---\nTekst.\n",
                                                   encoding="utf-8")
    found = findings(mini)
    one_sided = [f for f in found if f.code == "one-sided-translation-key"]
    assert [(f.path, f.line) for f in one_sided] == [("content/nb/om.md", 2)]
    assert "content/nn/om.md" in str(one_sided[0].message)
    assert str(one_sided[0].hint) == ("Add the line 'translation_key: om-oss' to "
                                      "content/nn/om.md, or remove it here.")
    missing = [str(f.message) for f in found if f.code == "missing-translation"]
    assert missing and all("/n" in m for m in missing)
    assert not any("shown at om-oss" in m or " om-oss " in m for m in missing)
    assert any("/nn/om/ belongs to content/nn/om.md" in m for m in missing)
