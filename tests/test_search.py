"""The search index (generator/search/, views/search.py): which pages, per standard, stable,
small, and found the way residents type.

What a reader finds when typing is tested in a real browser: tests/browser/test_search.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import build, tree

from generator.search import RecordCache, index_site, read_records
from generator.search.extract import extract, unpacked
from generator.search.shards import SHARD_BYTES, pack
from generator.search.words import ascii_spellings, index_terms, stemmer, term_finder, words

BODY = re.compile(r"<main [^>]*data-search-body")


def index_of(out: Path) -> dict[str, bytes]:
    return {k: v for k, v in tree(out).items() if k.startswith("search/")}


def indexed_pages(out: Path, lang: str) -> set[str]:
    return {p.relative_to(out).as_posix() for p in (out / lang).rglob("*.html")
            if BODY.search(p.read_text(encoding="utf-8"))}


def manifest(out: Path, lang: str) -> dict:
    return json.loads((out / "search" / f"{lang}.json").read_text(encoding="utf-8"))


def docs(out: Path, lang: str) -> list[dict]:
    m = manifest(out, lang)
    folder = out / "search" / lang / m["version"] / "d"
    files = sorted(folder.glob("*.json"), key=lambda f: int(f.stem))
    found = [doc for f in files for doc in json.loads(f.read_text(encoding="utf-8"))]
    assert len(found) == m["pages"]
    return found


def add_page(project: Path, rel: str, front: str, body: str) -> None:
    path = project / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}\n---\n{body}\n", encoding="utf-8")


def test_same_input_and_clock_give_a_byte_identical_index(mini: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert build(mini, a).returncode == 0
    assert build(mini, b, "2023-10-30T12:00", "--no-cache").returncode == 0
    first = index_of(a)
    assert "search/nb.json" in first and "search/nn.json" in first
    assert first == index_of(b)
    # the build takes each page's words while rendering it; read from the files: the same
    again = tmp_path / "again"
    index_site(a, again / "search")
    assert {f"search/{k.removeprefix('again/search/')}": v
            for k, v in tree(tmp_path).items() if k.startswith("again/")} == first


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
    for lang, pages in (("nb", nb), ("nn", nn)):
        urls = {d["url"] + "index.html" for d in docs(out, lang)}
        assert urls == pages  # exactly the marked pages of this standard, nothing else
        assert manifest(out, lang)["pages"] == len(pages)
    words = b"".join(v for k, v in index_of(out).items() if "/nb/" in f"/{k}")
    assert b"gammaby" not in words.lower() and b"deltaby" not in words.lower()
    assert sorted(p.name for p in (out / "search").iterdir()) == ["nb", "nb.json", "nn",
                                                                   "nn.json"]


def test_a_place_page_carries_its_name_weighted_and_the_fields_a_result_shows(
        mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(mini, out).returncode == 0
    html = (out / "nn/kommunar/beta/index.html").read_text(encoding="utf-8")
    assert re.search(r'<p hidden data-search-weight="10">Betå</p>', html)
    place = (out / "nb/kommuner/alfa/index.html").read_text(encoding="utf-8")
    # a result shows the period and status the page shows (views, not computed again)
    shown = re.search(r'data-search-meta="notices">([^<]*) – ([^,<]*), ([^<]*)</span>', place)
    assert shown, "no notice in the place page's search fields"
    title, status, period = shown.groups()
    assert f">{title}</h3>" in place and f"</svg>{status}</span>" in place
    assert re.search(r'data-search-meta="status">[^<]+</span>', place)
    result = next(d for d in docs(out, "nb") if d["url"] == "nb/kommuner/alfa/")
    assert result["title"] == "Alfa"
    assert dict(result["meta"])["notices"] == f"{title} – {status}, {period}"
    notice = (out / "nb/kunngjoringer/alfa-start/index.html").read_text(encoding="utf-8")
    assert re.search(r'<span data-search-meta="places">[^<]*Alfa', notice)
    assert re.search(r'<span data-search-meta="when">Publisert ', notice)


def record(body: str, lang: str = "nb") -> dict[str, tuple[int, int]]:
    """term -> (weight, occurrences) of a page with `body` in its <main>."""
    html = (f'<html lang="{lang}"><body><header>Toppord</header>'
            f"<main id=main data-search-body>{body}</main><footer>Bunnord</footer>")
    found = extract(f"{lang}/x/index.html", html, term_finder())
    assert found is not None
    return {term: unpacked(value) for term, value in found.terms.items()}


def test_a_services_other_words_are_found_on_the_pages_that_show_it(mini: Path,
                                                                    tmp_path: Path) -> None:
    services = mini / "content/data/services.yaml"
    services.write_text(services.read_text(encoding="utf-8").replace(
        "  name: {nb: Hjemmetjenester, nn: Heimetenester}\n",
        "  name: {nb: Hjemmetjenester, nn: Heimetenester}\n"
        "  search_words: {nb: hjemmesykepleie, nn: heimesjukepleie}\n"), encoding="utf-8")
    out = tmp_path / "site"
    assert build(mini, out, "2023-10-30T12:00").returncode == 0
    stem = stemmer()
    records = {r.url: r for r in read_records(out)}
    assert stem("hjemmesykepleien") in records["nb/kommuner/alfa/"].terms
    assert stem("heimesjukepleia") in records["nn/kommunar/alfa/"].terms
    assert stem("hjemmesykepleie") not in records["nn/kommunar/alfa/"].terms
    page = (out / "nb/kommuner/alfa/index.html").read_text(encoding="utf-8")
    shown = re.sub(r"<[^>]+hidden[^>]*>.*?</p>", "", page, flags=re.S)
    assert "hjemmesykepleie" not in shown  # found, never shown


def test_every_word_is_found_stemmed_and_in_its_ascii_spellings() -> None:
    terms = record("<h1>Nytt møtested</h1><p>Hjemmetjenestene i Ørsta og Ålesund.</p>")
    stem = stemmer()
    for typed in ("møtested", "motested", "moetested", "hjemmetjenester", "hjemmetjeneste",
                  "orsta", "oersta", "ørsta", "alesund", "aalesund"):
        assert stem(typed) in terms, typed
    assert stem("toppord") not in terms and stem("bunnord") not in terms  # only <main>
    assert terms[stem("møtested")][0] == 7  # a title word weighs as a title
    # two words of one stem: the higher weight, every occurrence
    assert record("<h2>Tjeneste</h2><p>Tjenester og tjenester.</p>")[stem("tjeneste")] == (5, 3)


def test_hidden_result_fields_and_ignored_parts_are_not_words_but_weighted_names_are() -> None:
    terms = record('<h1>Side</h1><div hidden data-search-ignore><span data-search-meta="when">'
                   'Publisert 3. mai</span><div>indre</div></div><p>etter</p>'
                   '<p hidden data-search-weight="10">Rauma</p>'
                   '<form data-search-ignore><div><label>Søk etter kommune</label></div></form>')
    stem = stemmer()
    assert stem("publisert") not in terms and stem("indre") not in terms
    assert stem("etter") in terms  # the text after a nested ignored block is kept
    assert stem("kommune") not in terms
    assert terms[stem("rauma")] == (10, 0)
    # the mark written as words in the text is a word, and leaves later parts ignored
    terms = record("<p>Ordet data-search-ignore i teksten</p>"
                   '<div data-search-ignore><p>banner</p></div><p>teksten</p>')
    assert stem("teksten") in terms and stem("ordet") in terms
    assert stem("banner") not in terms


def test_what_many_pages_repeat_is_not_searched(default_site_at) -> None:  # noqa: ANN001
    out = default_site_at("2023-11-01T12:00")  # the banner announces PD5 on every page
    stem = stemmer()
    html = (out / "nb/om/index.html").read_text(encoding="utf-8")
    banner = re.search(r'<section class="notice[^"]*site-banner".*?</section>', html, re.S)
    assert banner, "no banner on the page at this clock"
    rest = html.replace(banner.group(0), "")
    def stems(fragment: str) -> set[str]:
        return {stem(w) for w in words(re.sub(r"<[^>]+>", " ", fragment))}

    only_banner = stems(banner.group(0)) - stems(rest)
    assert only_banner
    records = {r.url: r for r in read_records(out)}
    assert not only_banner & set(records["nb/om/"].terms)
    for record in records.values():  # the embed code and the subscribe links
        assert stem("iframe") not in record.terms and stem("abonner") not in record.terms


def test_every_place_result_says_when_it_switches_or_that_no_date_is_known(
        default_site_at) -> None:  # noqa: ANN001
    out = default_site_at("2023-11-01T12:00")
    for lang, section in (("nb", "kommuner"), ("nn", "kommunar")):
        places = [d for d in docs(out, lang) if d["url"].startswith(f"{lang}/{section}/")
                  and d["url"].count("/") == 3]
        assert len(places) > 20
        for place in places:
            when = dict(place["meta"]).get("when", "")
            page = (out / place["url"] / "index.html").read_text(encoding="utf-8")
            lead = re.search(r'<p class="lead">(.*?)</p>', page, re.S)
            assert when and lead and when.split(":")[0] in re.sub(r"<[^>]+>", "", lead.group(1))


def test_a_page_without_the_marker_is_not_indexed() -> None:
    html = '<html lang="nb"><main id=main><h1>Utkast</h1></main>'
    assert extract("nb/x/index.html", html, term_finder()) is None


def test_ascii_spellings_cover_the_ways_names_are_typed_without_norwegian_letters() -> None:
    assert ascii_spellings("ørland") == ["ørland", "orland", "oerland"]
    assert ascii_spellings("bærum") == ["bærum", "baerum"]
    assert ascii_spellings("ålesund") == ["ålesund", "alesund", "aalesund"]
    assert ascii_spellings("molde") == ["molde"]
    stem = stemmer()
    assert index_terms("tjenester", stem) == {stem("tjeneste")} == {"tjenest"}
    assert stem("kommunane") == stem("kommune")


def test_terms_are_packed_in_order_into_small_shards_that_a_binary_search_finds() -> None:
    encoded = {f"ra{chr(97 + i)}{chr(97 + j)}": list(range(1000))
               for i in range(3) for j in range(3)}
    encoded |= {"ra": [0, 1], "ørland": [0, 1], "zebra": [0, 1], "x" * 10: list(range(9000))}
    shards = pack(encoded)
    flat = [t for terms in shards for t in terms]
    assert flat == sorted(encoded, key=lambda t: t.encode("utf-16-be"))  # nothing lost
    assert flat.index("zebra") < flat.index("ørland")  # code-unit order, as JavaScript's
    for terms in shards:
        size = sum(len(t.encode()) + 4 + 4 * len(encoded[t]) for t in terms)
        assert size <= SHARD_BYTES or len(terms) == 1, terms
    assert len(shards) > 2


def test_the_preview_reads_again_only_the_pages_that_changed(mini: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    out = tmp_path / "site"
    assert build(mini, out).returncode == 0
    cache = RecordCache()
    read_records(out, cache)
    page = out / "nb/om/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " fjellbygda</h1>"),
                    encoding="utf-8")
    import generator.search as search

    read: list[str] = []
    real = search.extract
    monkeypatch.setattr(search, "extract", lambda rel, *a: read.append(rel) or real(rel, *a))
    records = read_records(out, cache)
    assert read == ["nb/om/index.html"]
    assert any(stemmer()("fjellbygda") in r.terms for r in records)
    assert index_site(out, cache=cache).pages == {"nb": len(indexed_pages(out, "nb")),
                                                  "nn": len(indexed_pages(out, "nn"))}


def test_serve_indexes_after_the_reload_never_before_it(mini: Path) -> None:
    from conftest import CLOCK

    from generator.clock import resolve_clock
    from generator.incremental import Engine
    from generator.project import Project

    out = mini / ".cache" / "preview"
    engine = Engine(Project(mini), out, resolve_clock(CLOCK))
    assert engine.update().ok
    assert not (out / "search").exists()  # the pages first …

    def quiet_polls() -> None:  # … the index on the quiet polls after them
        for _ in range(3):
            assert engine.poll() is None
            if engine._indexer is not None:
                engine._indexer.join(timeout=60)

    quiet_polls()
    first = {lang: manifest(out, lang) for lang in ("nb", "nn")}
    page = mini / "content/nb/om.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "Tekst på bokmål.", "Tekst om fjellbygda."), encoding="utf-8")
    outcome = engine.poll()
    assert outcome is not None and outcome.ok
    assert "fjellbygda" in (out / "nb/om/index.html").read_text(encoding="utf-8")
    assert manifest(out, "nb") == first["nb"]  # the edit was served without waiting
    quiet_polls()
    assert manifest(out, "nb")["version"] != first["nb"]["version"]
    assert manifest(out, "nn") == first["nn"]


def test_a_build_that_changed_no_page_reuses_the_index_and_one_that_did_makes_it_again(
        mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(mini, out).returncode == 0
    entry_file = out / "search" / "nb.json"
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


def test_a_build_takes_the_words_of_unchanged_pages_from_the_cache(mini: Path,
                                                                  tmp_path: Path) -> None:
    import sqlite3

    out = tmp_path / "site"
    assert build(mini, out).returncode == 0
    (db_path,) = (mini / ".cache").glob("build-*.sqlite")
    with sqlite3.connect(db_path) as db:
        stored = dict(db.execute("SELECT path, record FROM search"))
    assert {p for p in stored if stored[p] != "null"} == indexed_pages(out, "nb") | \
        indexed_pages(out, "nn")
    # an unchanged page's stored words are marked; another's are damaged
    marked = json.loads(stored["nb/kommuner/alfa/index.html"])
    marked[4] += " merkeord"  # [url, lang, title, meta, words, values, length]
    marked[5].append(7 << 20 | 1)
    with sqlite3.connect(db_path) as db:
        db.execute("UPDATE search SET record = ? WHERE path = ?",
                   (json.dumps(marked), "nb/kommuner/alfa/index.html"))
        db.execute("UPDATE search SET record = '[1, 2' WHERE path = 'nn/kommunar/alfa/index.html'")
    page = mini / "content/nb/om.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nNy setning.\n", encoding="utf-8")
    assert build(mini, out).returncode == 0
    shards = " ".join(p.read_text(encoding="utf-8") for p in (out / "search/nb").rglob("*.json"))
    assert '"merkeord"' in shards  # taken from the cache, not read from the page again
    with sqlite3.connect(db_path) as db:  # the damaged one was read again and stored anew
        (again,) = db.execute("SELECT record FROM search WHERE path = ?",
                              ("nn/kommunar/alfa/index.html",)).fetchone()
    assert json.loads(again)[0] == "nn/kommunar/alfa/"
    # with the cache as the build left it (every page's words from this bytes' record),
    # a one-page change gives the index a clean build gives
    page.write_text(page.read_text(encoding="utf-8") + "\nEnda en.\n", encoding="utf-8")
    with sqlite3.connect(db_path) as db:
        db.execute("DELETE FROM search WHERE path = 'nb/kommuner/alfa/index.html'")
    assert build(mini, out).returncode == 0
    clean = tmp_path / "clean"
    assert build(mini, clean, "2023-10-30T12:00", "--no-cache").returncode == 0
    assert index_of(out) == index_of(clean)
