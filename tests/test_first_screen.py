"""What a phone reader needs, checked in the built HTML: tap-able numbers, the statement
linked everywhere, breadcrumbs, a description on every page (the browser suite checks
layout; these check the markup)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, build, read

from generator.views.phone import tel_links


@pytest.mark.parametrize("text, numbers, shown", [
    ("Ring legevakten på 116 117. Ved fare for liv, ring 113.", ["116117", "113"], None),
    ("Ring +47 73 00 00 00 eller 815 00 300.", ["+4773000000", "+4781500300"],
     "Ring 73 00 00 00 eller 815 00 300."),
    ("Telefon 73000000, brann 110, politi 112.", ["+4773000000", "110", "112"],
     "Telefon 73 00 00 00, brann 110, politi 112."),
    ("I 2023 var det 1130 innbyggere og 12 345 678 kroner.", [], None),
])
def test_phone_numbers_become_tel_links(text: str, numbers: list[str],
                                        shown: str | None) -> None:
    """Numbers in prose are linked and shown as a contact's phone field is
    (generator/i18n/phones.py): national form, global tel: target."""
    html = str(tel_links(text))
    assert re.findall(r'href="tel:([^"]+)"', html) == numbers
    assert re.sub(r"<[^>]+>", "", html).replace("\u00a0", " ") == (shown or text)


def test_a_number_nobody_can_call_stays_plain_text() -> None:
    assert "href" not in str(tel_links("Saksnummer 10 00 00 00."))


def test_tel_links_escape_the_rest() -> None:
    assert str(tel_links("<b>113</b>")) == \
        '&lt;b&gt;<a class="tel" href="tel:113">113</a>&lt;/b&gt;'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("first") / "site"
    assert build(ROOT, out, "2023-11-10T12:00").returncode == 0
    return out


def test_every_page_has_a_meta_description(site: Path) -> None:
    missing = [p.relative_to(site).as_posix() for p in site.rglob("*.html")
               if not re.search(r'<meta name="description" content="[^"]{20,}"',
                                p.read_text(encoding="utf-8"))]
    assert not missing, missing


def test_the_accessibility_statement_is_linked_from_root_404_and_every_footer(site: Path) -> None:
    for name in ("index.html", "404.html"):
        html = (site / name).read_text(encoding="utf-8")
        assert 'href="/nb/tilgjengelighet/"' in html and 'href="/nn/tilgjenge/"' in html, name
    page = read(site, "nb/kommuner/rauma")
    assert 'href="https://uustatus.no/nb/erklaringer/publisert/' in page
    statement = read(site, "nb/tilgjengelighet")
    assert 'href="mailto:post@example.no"' in statement
    assert re.search(r'Publisert <time datetime="2023-10-20">', statement)


def test_a_bad_statement_address_is_named(mini: Path, tmp_path: Path) -> None:
    config = mini / "content" / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "accessibility_statement: uustatus.no/min-erklaering\n",
                      encoding="utf-8")
    result = build(mini, tmp_path / "site")
    assert result.returncode == 1
    assert "content/config.yaml:" in result.stderr and "uustatus.no/min-erklaering" in \
        result.stderr


def test_place_page_has_breadcrumbs_and_tel_links_first(site: Path) -> None:
    html = read(site, "nn/kommunar/rauma")
    crumbs = re.search(r'<nav class="wrap breadcrumbs"[^>]*>(.*?)</nav>', html, re.S)
    assert crumbs and re.findall(r">([^<]+)</a>", crumbs.group(1)) == ["Framside", "Kommunar"]
    first = html.index('class="status-now"')
    assert first < html.index('href="tel:116117"') < html.index("<h2>Redusert kapasitet</h2>")
    # The site banner's line about Rauma is not repeated on Rauma's own page.
    assert "site-banner" not in html
