"""Stored XSS: no executable address survives, however the editor wrote it.

Inputs: the nine forms that ran `alert()` in Chromium before the sanitiser
(issue 16) and every case of markdown-it-py's XSS fixture file (vendored under
tests/fixtures/xss/, MIT).  They are checked in the rendered body, in a whole
build (pages and Atom feeds), and by `check --strict`; tests/browser/test_xss.py
clicks them in Chromium.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import CLOCK, FIXTURES

from generator import cli
from generator.checks.urls import addresses, scheme
from generator.markup import Renderer
from generator.sanitize import clean

FORMS = {
    "entity-colon": "[x](javascript&#58;alert(1))",
    "entity-j": "[x](&#106;avascript:alert(1))",
    "named-colon": "[x](javascript&colon;alert(1))",
    "entity-tab": "[x](java&#9;script:alert(1))",
    "named-tab": "[x](java&Tab;script:alert(1))",
    "entity-newline": "[x](java&#10;script:alert(1))",
    "named-newline": "[x](java&NewLine;script:alert(1))",
    "reference-link": "[x][r]\n\n[r]: javascript&#58;alert(1)",
    "hex-padded": "[x](&#x0006A;avascript&#x3a;alert(1))",
}
ALLOWED = {None, "http", "https", "mailto", "tel"}


def fixture_inputs() -> list[str]:
    """The Markdown inputs of markdown-it's fixture format: text between the first
    and second '.' line of each case."""
    text = (FIXTURES / "xss/markdown-it-py-xss.md").read_text(encoding="utf-8")
    cases = re.findall(r"(?ms)^\.\n(.*?)^\.\n(.*?)^\.$", text)
    return [source for source, _expected in cases]


def all_inputs(buildable: bool = False) -> dict[str, str]:
    """Every input; with `buildable`, only those the loader accepts (one fixture case
    writes the control character &#x0C;, which is refused before any rendering)."""
    inputs = dict(FORMS)
    inputs.update({f"markdown-it-{i}": text for i, text in enumerate(fixture_inputs())})
    if buildable:
        inputs = {name: text for name, text in inputs.items() if _accepted(text)}
    return inputs


def _accepted(text: str) -> bool:
    from generator.load.files import FileProblem, _refuse_bad_references

    try:
        _refuse_bad_references(text)
        return True
    except FileProblem:
        return False


def test_refused_fixture_input_is_the_control_reference() -> None:
    refused = set(all_inputs()) - set(all_inputs(buildable=True))
    assert len(refused) == 1 and "&#x0C;" in all_inputs()[refused.pop()]


def bad_addresses(page: str) -> list[str]:
    """Addresses in `page` whose scheme a browser would run or fetch as a document."""
    return [url for _tag, url in addresses(page) if scheme(url) not in ALLOWED]


def test_fixture_file_has_its_cases() -> None:
    assert len(fixture_inputs()) == 13  # markdown-it-py 4.3.0's xss.md


@pytest.mark.parametrize("name", sorted(all_inputs()))
def test_no_executable_address_in_body(name: str) -> None:
    made = Renderer("/").html(all_inputs()[name])
    assert bad_addresses(made) == [], made
    assert not re.search(r"(?i)<script|\son\w+=", made), made


def test_the_forms_were_executable_before_cleaning() -> None:
    """The test can fail: Python-Markdown alone publishes each form as a live address."""
    raw = Renderer("/")
    for name, text in FORMS.items():
        assert bad_addresses(raw.markdown_html(text)), name


def test_cleaning_keeps_what_markdown_makes() -> None:
    text = ("# Tittel\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n[TOC]\n\n1. én\n2. to\n\n"
            "[lenke](/nb/om/#del \"T\") <post@a.no> [tlf](tel:+4711111111) "
            "![kart](/kart.png) `kode` **fet** *kursiv*\n\nAvsnitt\n{: #anker .klasse lang=nn }\n")
    made = Renderer("/base/").html(text)
    for piece in ('<th scope="col" style="text-align: left;">a</th>',
                  '<div class="table-wrap" tabindex="0">', '<div class="toc">',
                  '<a href="/base/nb/om/#del" title="T">lenke</a>',
                  '<a href="mailto:post@a.no">', '<a href="tel:+4711111111">',
                  '<img alt="kart" src="/base/kart.png">', "<code>kode</code>",
                  "<strong>fet</strong>", "<em>kursiv</em>",
                  '<p class="klasse" id="anker" lang="nn">Avsnitt</p>', '<h1 id="tittel">'):
        assert piece in made, (piece, made)


@pytest.mark.parametrize("hostile", [
    '<a href="javascript&#58;alert(1)">x</a>', '<img src=x onerror="alert(1)">',
    '<a href="vbscript:x">x</a>', '<iframe src="https://a"></iframe>',
    '<svg><script>alert(1)</script></svg>', '<a href="data:text/html,x">x</a>',
    '<p style="background:url(javascript:x)">x</p>', '<form action="https://a"><input></form>',
    '<a href=" &#14;javascript:alert(1)">x</a>', '<div tabindex="1" onfocus="alert(1)">x</div>',
])
def test_sanitiser_removes(hostile: str) -> None:
    made = clean(hostile)
    assert bad_addresses(made) == []
    assert not re.search(r"(?i)<(script|iframe|form|input|svg)|\s(on\w+|style|action)=", made), \
        made


def test_build_publishes_no_executable_address(mini: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    body = "\n\n".join(all_inputs(buildable=True).values()) + "\n"
    ann = mini / "content/nb/kunngjoringer/alfa-start.md"
    ann.write_text(ann.read_text(encoding="utf-8") + "\n" + body, encoding="utf-8")
    out = tmp_path / "site"
    code = cli.main(["build", "--root", str(mini), "--out", str(out), "--clock", CLOCK])
    assert code == 0, capsys.readouterr().err
    pages = list(out.rglob("*.html"))
    feeds = list(out.rglob("*.xml"))
    assert any("<feed" in f.read_text(encoding="utf-8") for f in feeds)
    for path in pages + feeds:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".xml":
            text = html.unescape(text)  # Atom content is escaped HTML
        bad = [u for u in bad_addresses(text) if u != "data:,"]  # the templates' blank icon
        assert bad == [], (path, bad)


@pytest.mark.parametrize("name", sorted(FORMS))
def test_check_strict_reports_the_form(name: str, mini: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    page = mini / "content/nb/om.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\n" + FORMS[name] + "\n", encoding="utf-8")
    line = text.count("\n") + 2 + FORMS[name].count("\n")  # the address is on the last line
    assert cli.main(["check", "--root", str(mini), "--clock", CLOCK, "--strict"]) == 1
    captured = capsys.readouterr()
    err = captured.out + captured.err
    assert f"content/nb/om.md:{line}: error: The address" in err, err
    assert "uses 'javascript:'" in err


def test_check_strict_fails_on_a_third_party_image(mini: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    page = mini / "content/nb/om.md"
    page.write_text(page.read_text(encoding="utf-8") +
                    "\n![](https://tracker.example/pixel.gif)\n\n![Kart](/assets/kart.png)\n",
                    encoding="utf-8")
    assert cli.main(["check", "--root", str(mini), "--clock", CLOCK, "--strict"]) == 1
    captured = capsys.readouterr()
    err = captured.out + captured.err
    assert "error: The image 'https://tracker.example/pixel.gif' is loaded from another site" \
        in err
    assert "kart.png' is loaded" not in err
