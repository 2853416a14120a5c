"""The search index (generator/search.py, views/search.py): which pages, per standard, stable.

What a reader finds when typing is tested in a real browser: tests/browser/test_search.py.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from conftest import build, tree

from generator.views.search import ascii_spellings

BODY = re.compile(r"<main [^>]*data-pagefind-body")


def index_of(out: Path) -> dict[str, bytes]:
    return {k: v for k, v in tree(out).items() if k.startswith("pagefind/")}


def indexed_pages(out: Path, lang: str) -> set[str]:
    return {p.relative_to(out).as_posix() for p in (out / lang).rglob("*.html")
            if BODY.search(p.read_text(encoding="utf-8"))}


def entry(out: Path) -> dict:
    return json.loads((out / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))


def add_page(project: Path, rel: str, front: str, body: str) -> None:
    path = project / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}\n---\n{body}\n", encoding="utf-8")


def test_same_input_and_clock_give_a_byte_identical_index(mini: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert build(mini, a).returncode == 0
    assert build(mini, b, "2023-10-30T12:00", "--no-cache").returncode == 0
    first = index_of(a)
    assert "pagefind/pagefind.js" in first and "pagefind/pagefind-entry.json" in first
    assert first == index_of(b)
    assert list(entry(a)["languages"]) == ["nb", "nn"]


def test_one_index_per_standard_without_drafts_fallbacks_or_search_pages(
        mini: Path, tmp_path: Path) -> None:
    add_page(mini, "nb/utkast.md", "title: Utkast om Gammaby\ndraft: true", "Gammaby.")
    add_page(mini, "nb/senere.md", "title: Senere\npublish: 2030-01-01", "Deltaby.")
    out = tmp_path / "site"
    result = build(mini, out, "2023-10-30T12:00", "--drafts")
    assert result.returncode == 0, result.stderr
    assert (out / "nb/utkast/index.html").exists()  # the draft is built (with --drafts) …
    nb, nn = indexed_pages(out, "nb"), indexed_pages(out, "nn")
    assert "nb/utkast/index.html" not in nb  # … but not indexed
    assert not (out / "nb/senere").exists()  # a scheduled page is not even built
    assert "nb/om/index.html" in nb and (out / "nn/om/index.html").exists()
    assert "nn/om/index.html" not in nn  # the Bokmål text under /nn/ is not Nynorsk
    assert "nb/sok/index.html" not in nb and "nn/sok/index.html" not in nn
    assert "nb/kommuner/alfa/index.html" in nb and "nn/kommunar/alfa/index.html" in nn
    for page in nn:
        assert '<html lang="nn">' in (out / page).read_text(encoding="utf-8")
    languages = entry(out)["languages"]
    assert set(languages) == {"nb", "nn"}
    assert languages["nb"]["page_count"] == len(nb)
    assert languages["nn"]["page_count"] == len(nn)
    # nothing else on the site is indexed, in any language (root, 404, cards)
    assert sum(lang["page_count"] for lang in languages.values()) == len(nb) + len(nn)


def test_a_place_page_carries_its_name_its_ascii_spellings_and_result_fields(
        mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(mini, out).returncode == 0
    html = (out / "nn/kommunar/beta/index.html").read_text(encoding="utf-8")
    assert re.search(r'<p hidden data-pagefind-weight="10">Betå Beta Betaa</p>', html)
    assert re.search(r'<span data-pagefind-meta="place">Betå Beta Betaa</span>', html)
    place = (out / "nb/kommuner/alfa/index.html").read_text(encoding="utf-8")
    # a result shows the period and status the page shows (views, not computed again)
    shown = re.search(r'data-pagefind-meta="notices">([^<]*) – ([^,<]*), ([^<]*)</span>', place)
    assert shown, "no notice in the place page's search fields"
    title, status, period = shown.groups()
    assert f">{title}</h3>" in place and f"</svg>{status}</span>" in place
    assert re.search(r'data-pagefind-meta="status">[^<]+</span>', place)
    notice = (out / "nb/kunngjoringer/alfa-start/index.html").read_text(encoding="utf-8")
    assert re.search(r'<span data-pagefind-meta="places">[^<]*Alfa', notice)
    assert re.search(r'<span data-pagefind-meta="when">Publisert ', notice)


def test_a_title_with_norwegian_letters_is_also_indexed_in_ascii_spellings(
        mini: Path, tmp_path: Path) -> None:
    add_page(mini, "nb/motested.md", "title: Nytt møtested på Sjøsiden", "Tekst.")
    out = tmp_path / "site"
    assert build(mini, out).returncode == 0
    html = (out / "nb/motested/index.html").read_text(encoding="utf-8")
    assert '<p hidden data-pagefind-weight="7">motested moetested pa paa Sjosiden ' \
           'Sjoesiden</p>' in html


def test_ascii_spellings_cover_the_ways_names_are_typed_without_norwegian_letters() -> None:
    assert ascii_spellings("Ørland") == ["Ørland", "Orland", "Oerland"]
    assert ascii_spellings("Bærum") == ["Bærum", "Baerum"]
    assert ascii_spellings("Ålesund") == ["Ålesund", "Alesund", "Aalesund"]
    assert ascii_spellings("Molde") == ["Molde"]


def test_without_pagefind_the_build_fails_clearly_and_keeps_the_site(
        mini: Path, tmp_path: Path) -> None:
    from conftest import run_cli

    out = tmp_path / "site"
    assert build(mini, out).returncode == 0
    before = tree(out)
    env = {**os.environ, "PAGEFIND_BINARY_PATH": str(tmp_path / "no-such-pagefind")}
    result = run_cli("build", "--root", str(mini), "--out", str(out), "--clock",
                     "2023-11-20T12:00", env=env)
    assert result.returncode == 1
    assert "search-index-failed" in result.stderr or "search index" in result.stderr
    assert "Pagefind" in result.stderr
    assert tree(out) == before


def test_serve_indexes_after_the_reload_never_before_it(mini: Path) -> None:
    from conftest import CLOCK

    from generator.clock import resolve_clock
    from generator.incremental import Engine
    from generator.project import Project

    out = mini / ".cache" / "preview"
    engine = Engine(Project(mini), out, resolve_clock(CLOCK))
    assert engine.update().ok
    assert not (out / "pagefind").exists()  # the pages first …

    def quiet_polls() -> None:  # … the index on the quiet polls after them
        for _ in range(3):
            assert engine.poll() is None
            if engine._indexer is not None:
                engine._indexer.join(timeout=60)

    quiet_polls()
    first = entry(out)
    assert set(first["languages"]) == {"nb", "nn"}
    page = mini / "content/nb/om.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "Tekst på bokmål.", "Tekst om fjellbygda."), encoding="utf-8")
    outcome = engine.poll()
    assert outcome is not None and outcome.ok
    assert "fjellbygda" in (out / "nb/om/index.html").read_text(encoding="utf-8")
    assert entry(out) == first  # the edit was served without waiting for the index
    quiet_polls()
    assert entry(out)["languages"]["nb"]["hash"] != first["languages"]["nb"]["hash"]
    assert entry(out)["languages"]["nn"] == first["languages"]["nn"]


def test_a_build_that_changed_no_page_reuses_the_index_and_one_that_did_makes_it_again(
        mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(mini, out).returncode == 0
    entry_file = out / "pagefind" / "pagefind-entry.json"
    first = entry_file.stat().st_ino
    assert build(mini, out).returncode == 0  # nothing changed: the index is linked
    assert entry_file.stat().st_ino == first
    page = mini / "content/nb/om.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "Tekst på bokmål.", "Tekst om fjellbygda."), encoding="utf-8")
    assert build(mini, out).returncode == 0
    assert entry_file.stat().st_ino != first
    clean = tmp_path / "clean"
    assert build(mini, clean, "2023-10-30T12:00", "--no-cache").returncode == 0
    assert index_of(out) == index_of(clean)
