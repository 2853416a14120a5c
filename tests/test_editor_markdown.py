"""Markdown typed the way Norwegian editors type it renders as they meant.

Dates at the start of a line stay dates, lists after a lead-in line and
sub-items indented two spaces are lists, and heading ids keep their letters;
in Bokmål and in Nynorsk, on built pages and in the default content.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CLOCK, ROOT, build, read, run_cli

from generator.markup import Renderer
from generator.mdext.dates import MONTHS, starts_with_date
from generator.mdext.slugs import slugify

MD = Renderer()

DATE_PARAGRAPHS = {
    "nb": ("3. november 2023 tar Rauma i bruk Helseplattformen.",
           "<p>3. november 2023 tar Rauma i bruk Helseplattformen.</p>"),
    "nn": ("3. november 2023 tek Rauma i bruk Helseplattformen.",
           "<p>3. november 2023 tek Rauma i bruk Helseplattformen.</p>"),
}


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_a_paragraph_that_starts_with_a_date_is_a_paragraph(lang: str) -> None:
    text, html = DATE_PARAGRAPHS[lang]
    assert MD.html(text) == html


@pytest.mark.parametrize("line", [
    "17. mai er nasjonaldagen.", "1. jan. 2024 byter vi system.", "1. januar 2024", "31. des.",
    "  4. Mars 2023: oppstart", "9. sept. 2024", "2. okt.", "5. febr. 2020", "05. juni",
])
def test_each_way_to_write_a_day_and_month_is_a_date(line: str) -> None:
    html = MD.html(line)
    assert "<ol" not in html and html.startswith("<p>") and line.strip()[:3] in html


@pytest.mark.parametrize("lang, items", [
    ("nb", ["14. februar 2019: Fellesnemnda vedtok å være med.",
            "16. februar 2021: Formannskapet i Holtålen vedtok å bli med."]),
    ("nn", ["14. februar 2019: Fellesnemnda vedtok å vere med.",
            "16. februar 2021: Formannskapet i Holtålen vedtok å bli med."]),
])
def test_a_bullet_that_starts_with_a_date_is_one_item(lang: str, items: list[str]) -> None:
    html = MD.html("\n".join(f"- {item}" for item in items))
    assert html == "<ul>\n" + "".join(f"<li>{i}</li>\n" for i in items) + "</ul>"


@pytest.mark.parametrize("text", [
    "1. Les brevet\n2. Ring oss", "32. mai", "3. novembers", "1. janus", "0. mai",
])
def test_numbers_that_are_no_dates_still_make_lists_or_stay_text(text: str) -> None:
    assert starts_with_date(text) is False


def test_a_real_numbered_list_stays_a_list() -> None:
    assert MD.html("1. Les brevet\n2. Ring oss") == \
        "<ol>\n<li>Les brevet</li>\n<li>Ring oss</li>\n</ol>"


LEAD_IN = {
    "nb": ("Dette blir redusert:\n- Helsestasjonen\n- Legevakten\n  - natt\n  - helg\n"
           "- Fysioterapi",
           ["Helsestasjonen", "Legevakten", "Fysioterapi"], ["natt", "helg"]),
    "nn": ("Dette blir redusert:\n- Helsestasjonen\n- Legevakta\n  - natt\n  - helg\n"
           "- Fysioterapi",
           ["Helsestasjonen", "Legevakta", "Fysioterapi"], ["natt", "helg"]),
}


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_a_list_right_after_its_lead_in_with_two_space_sub_items(lang: str) -> None:
    text, items, sub = LEAD_IN[lang]
    html = MD.html(text)
    assert html.startswith("<p>Dette blir redusert:</p>\n<ul>\n")
    outer = re.sub(r"<ul>\n(<li>(?:natt|helg)</li>\n)+</ul>\n", "", html)
    assert re.findall(r"<li>([^<]+)", outer) == items
    assert f"<li>{items[1]}<ul>\n<li>{sub[0]}</li>\n<li>{sub[1]}</li>\n</ul>" in html


@pytest.mark.parametrize("text, html", [
    ("Gjer slik:\n1. Les brevet\n2. Ring oss",
     "<p>Gjer slik:</p>\n<ol>\n<li>Les brevet</li>\n<li>Ring oss</li>\n</ol>"),
    ("1. Punkt\n  - underpunkt\n2. Neste",
     "<ol>\n<li>Punkt<ul>\n<li>underpunkt</li>\n</ul>\n</li>\n<li>Neste</li>\n</ol>"),
    ("- Molde\n\n  Gjeld frå 3. november.\n- Rauma",
     "<ul>\n<li>\n<p>Molde</p>\n<p>Gjeld frå 3. november.</p>\n</li>\n<li>\n<p>Rauma</p>\n"
     "</li>\n</ul>"),
    # Only a list starting at 1 may interrupt a paragraph (CommonMark §5.3): a number
    # inside a sentence that wraps to the line start stays text.
    ("Vi fekk plass nummer\n2. Det var bra.", "<p>Vi fekk plass nummer\n2. Det var bra.</p>"),
    ("Teksten held fram\n- - -", "<p>Teksten held fram</p>\n<hr>"),
])
def test_lists_the_way_people_type_them(text: str, html: str) -> None:
    assert MD.html(text) == html


@pytest.mark.parametrize("heading, slug", [
    ("Idé og kafé", "ide-og-kafe"), ("Sámi giella", "sami-giella"),
    ("Hva skjer nå?", "hva-skjer-na"), ("Kva skjer på sjukehuset", "kva-skjer-pa-sjukehuset"),
    ("Ærlig talt – økonomi", "aerlig-talt-okonomi"), ("Čáhcesuolu og Ŋ", "cahcesuolu-og-n"),
    ("Åfjord og Ørland", "afjord-og-orland"), ("Straße", "strasse"),
])
def test_heading_ids_transliterate(heading: str, slug: str) -> None:
    assert slugify(heading) == slug
    assert f'<h2 id="{slug}">' in MD.html(f"## {heading}")


PAGE = {
    "nb": "---\ntitle: Datoer\n---\n3. november 2023 tar Rauma i bruk systemet.\n\n"
          "## Idé og kafé\n\nDette blir redusert:\n- Helsestasjonen\n  - natt\n"
          "- 14. februar 2019: vedtak\n\n[Til kafeen](#ide-og-kafe)\n",
    "nn": "---\ntitle: Datoar\n---\n3. november 2023 tek Rauma i bruk systemet.\n\n"
          "## Idé og kafé\n\nDette blir redusert:\n- Helsestasjonen\n  - natt\n"
          "- 14. februar 2019: vedtak\n\n[Til kafeen](#ide-og-kafe)\n",
}


def test_built_pages_in_both_standards(mini: Path, tmp_path: Path) -> None:
    for lang, text in PAGE.items():
        (mini / "content" / lang / "datoar.md").write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    assert build(mini, out).returncode == 0
    for lang in ("nb", "nn"):
        html = read(out, f"/{lang}/datoar/")
        assert "<p>3. november 2023 t" in html and '<ol start="3">' not in html
        assert '<h2 id="ide-og-kafe">' in html
        assert "<li>Helsestasjonen<ul>\n<li>natt</li>" in html
        assert "<li>14. februar 2019: vedtak</li>" in html
    check = run_cli("check", "--root", str(mini), "--clock", CLOCK)
    assert "broken-anchor" not in check.stdout + check.stderr


@pytest.fixture(scope="module")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("default") / "site"
    result = run_cli("build", "--out", str(out), "--clock", CLOCK, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


def test_the_default_content_renders_no_date_as_a_list(default_site: Path) -> None:
    month = "|".join(MONTHS)
    pages = sorted(default_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        # a date read as a numbered list loses its day: '<ol start="14"><li>februar 2019'
        assert not re.search(rf"<ol[^>]*>\s*<li>\s*(?:<p>)?\s*(?:{month})\b", html, re.I), page
    dated = [(path, line) for path in sorted((ROOT / "content").rglob("*.md"))
             for line in path.read_text(encoding="utf-8").splitlines()
             if starts_with_date(re.sub(r"^\s*[-*+]\s+", "", line))]
    assert dated, "the default content has dates at line starts (the test would be empty)"
    for path, line in dated:
        lang, rel = path.relative_to(ROOT / "content").parts[0], path.stem
        day_month = re.match(r"\s*(?:[-*+]\s+)?(\d{1,2}\. \w+)", line).group(1)  # type: ignore[union-attr]
        found = [p for p in pages if day_month in p.read_text(encoding="utf-8")
                 and f"/{lang}/" in p.as_posix()]
        assert found, f"{path}: {line!r} ({rel}) is not shown as a date"


@pytest.mark.parametrize("lang, body, mark", [
    ("nb", "Dette blir redusert:\n\n• Helsestasjonen\n• Legevakten\n", "•"),
    ("nn", "Dette blir redusert:\n\n– Helsestasjonen\n– Legevakta\n", "–"),
    ("nb", "Slik gjør du:\n\n1) Les brevet\n2) Ring oss\n", "1)"),
    ("nn", "Slik gjer du:\n\n1) Les brevet\n2) Ring oss\n", "1)"),
])
def test_list_markers_markdown_would_show_as_text_are_named(mini: Path, lang: str, body: str,
                                                             mark: str) -> None:
    (mini / "content" / lang / "liste.md").write_text(f"---\ntitle: Liste\n---\n{body}",
                                                     encoding="utf-8")
    from generator.clock import Clock, parse_clock
    from generator.commands.check import check
    from generator.project import Project

    found = [f for f in check(Project(mini), Clock(parse_clock(CLOCK), "option"))
             if f.code == "list-marker"]
    assert [(f.path, f.line) for f in found] == [(f"content/{lang}/liste.md", 6),
                                                 (f"content/{lang}/liste.md", 7)]
    assert mark in str(found[0].message)


def test_code_blocks_are_not_read_for_list_markers(mini: Path) -> None:
    (mini / "content" / "nb" / "kode.md").write_text(
        "---\ntitle: Kode\n---\nEksempel:\n\n    • ikkje ein liste\n    1) heller ikkje\n",
        encoding="utf-8")
    result = run_cli("check", "--root", str(mini), "--clock", CLOCK, "--format", "json")
    assert '"list-marker"' not in result.stdout and "content/nb/kode.md" in result.stdout
