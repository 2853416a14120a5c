"""The search index: the site's own static index, one per written standard.

`index_site` reads the built pages (only `<main data-search-body>`, see `extract.py`),
stems their words (`words.py`) and writes small shards per word prefix under
`search/` (`shards.py`); the search page's script (templates/static/search.js)
fetches the manifest of its page's language, then one shard per word typed and the
results it shows.  Bokmål (`nb`) and Nynorsk (`nn`) pages go to separate indexes by
their `<html lang>`, so they never mix.

Why not Pagefind, which the site used before: its engine alone (a 68 KB WASM file and
13 KB of script, gzipped) spent most of the 100 KB a first query may download
(issue #19), and its metadata file grows with every page; this index needs 5 KB
of script and fetches only the shard of each word typed.  Nothing here runs a
program or a server: a static host serves it as it is.

The index is a pure function of the pages: the same site gives the same bytes
(`tests/test_search.py` builds twice and compares).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.parallel import map_chunks, worker_count
from generator.search.extract import PageRecord, Terms, extract
from generator.search.shards import build_language
from generator.search.words import term_finder

FOLDER = "search"  # under the output folder; search.js fetches FOLDER/<lang>.json
KEY_FILE = "search-index.json"  # in ROOT/.cache/: what the published index was made from
FORMAT = "1"  # bump when the index files change shape
PER_WORKER = 300  # pages a worker process must have to be worth starting


class SearchIndexError(Exception):
    """The index could not be written; the message says why."""


@dataclass(frozen=True)
class IndexResult:
    folder: Path  # where the index was written
    files: int  # files in it
    bytes: int  # their size on disk
    reused: bool = False  # linked from the previous site: no page had changed
    pages: dict[str, int] = field(default_factory=dict)  # language -> pages indexed


@dataclass
class RecordCache:
    """Records of pages already read, by path under the site and the file's size,
    modification time and inode: the preview keeps one, so an edit reads again only
    the pages it changed (it writes each page anew)."""

    records: dict[str, tuple[str, PageRecord | None]] = field(default_factory=dict)


def _pages(site: Path) -> list[tuple[str, Path]]:
    skip = (FOLDER + "/", f".{FOLDER}.new/")
    found = []
    for folder, dirs, files in os.walk(site):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".html"):
                path = Path(folder, name)
                rel = path.relative_to(site).as_posix()
                if not rel.startswith(skip):
                    found.append((rel, path))
    return found


def _read(rel: str, path: Path, terms: Terms, cache: RecordCache | None
          ) -> tuple[str, PageRecord | None]:
    st = path.stat()
    signature = f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"
    known = cache.records.get(rel) if cache else None
    if known is not None and known[0] == signature:
        return known
    return signature, extract(rel, path.read_text("utf-8", "replace"), terms)


def _read_chunk(pages: Sequence[tuple[str, Path]]) -> list[PageRecord | None]:
    terms = term_finder()
    return [_read(rel, path, terms, None)[1] for rel, path in pages]


def read_records_of(pages: list[tuple[str, Path]], jobs: int | None = None
                    ) -> list[PageRecord | None]:
    """The record of each page (None: not indexed), on up to `jobs` processes."""
    workers = worker_count(len(pages), jobs, PER_WORKER)
    size = -(-len(pages) // (workers * 4)) if pages else 1
    return [r for chunk in map_chunks(_read_chunk, pages, workers, size=size) for r in chunk]


def read_records(site: Path, cache: RecordCache | None = None,
                 jobs: int | None = None,
                 known: dict[str, PageRecord | None] | None = None,
                 pages: Iterable[str] | None = None) -> list[PageRecord]:
    """The records of the indexed pages under `site`, in path order.

    `pages`: the paths under `site` of the pages that may be indexed, when the caller
    knows them (the build: its HTML pages; not the cards, the 404 page …); default:
    every HTML file under `site`, found by walking it.
    `known`: records the build made while rendering (path -> record), used instead of
    reading those pages again.  With a `cache` (the preview), pages whose bytes it
    knows are not read again and it is updated; without one, the pages are read on up
    to `jobs` processes (default: one per core, when there are enough pages).  Raises
    OSError if a page cannot be read.
    """
    listed = _pages(site) if pages is None else [(rel, site / rel) for rel in sorted(pages)]
    if cache is None:
        known = known or {}
        rest = [(rel, path) for rel, path in listed if rel not in known]
        read = dict(zip([rel for rel, _ in rest], read_records_of(rest, jobs), strict=True))
        return [r for rel, _ in listed if (r := known[rel] if rel in known else read[rel])]
    terms = term_finder()
    cache.records = {rel: _read(rel, path, terms, cache) for rel, path in listed}
    return [r for _digest, r in cache.records.values() if r is not None]


def index_site(site: Path, output: Path | None = None, cache: RecordCache | None = None,
               known: dict[str, PageRecord | None] | None = None,
               jobs: int | None = None, pages: Iterable[str] | None = None) -> IndexResult:
    """Index the HTML pages under `site` into `output` (default `site/search/`);
    `cache`, `known` and `pages` as for `read_records`; `jobs`: processes to read
    pages on and to make the languages' files on (default: one per core, when there
    are enough pages).

    `output` is replaced whole, through a fresh folder beside it.  Raises
    SearchIndexError when the files cannot be written.
    """
    target = output or site / FOLDER
    fresh = target.with_name(f".{target.name}.new")
    by_lang: dict[str, list[PageRecord]] = {}
    try:
        for record in read_records(site, cache, jobs, known, pages):
            by_lang.setdefault(record.lang, []).append(record)
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        count, size = _write_languages(fresh, sorted(by_lang.items()), jobs)
        if target.exists():
            shutil.rmtree(target)
        fresh.rename(target)
    except OSError as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        raise SearchIndexError(f"{exc.filename or target}: {exc.strerror}") from None
    return IndexResult(target, count, size, pages={k: len(v) for k, v in by_lang.items()})


def _write_languages(folder: Path, languages: list[tuple[str, list[PageRecord]]],
                     jobs: int | None = None) -> tuple[int, int]:
    """Write the index files of each (lang, records) under `folder`: (files, bytes).

    The languages are independent: with enough pages each is made in its own process
    (up to `jobs`, default one per core), which writes its own files.
    """
    pages = sum(len(records) for _lang, records in languages)
    workers = min(len(languages), worker_count(pages, jobs, PER_WORKER))
    written = list(map_chunks(functools.partial(_write_language, folder), languages, workers,
                              size=1))
    return sum(n for n, _ in written), sum(b for _, b in written)


def _write_language(folder: Path, languages: Sequence[tuple[str, list[PageRecord]]]
                    ) -> tuple[int, int]:
    count = size = 0
    made: set[Path] = set()
    for lang, records in languages:
        for rel, data in build_language(lang, records).files.items():
            path = folder / rel
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            path.write_bytes(data)
            count, size = count + 1, size + len(data)
    return count, size


def input_key(pages: Iterable[tuple[str, str]]) -> str:
    """What an index is made from: every HTML page (path, digest of its bytes), the
    index format and the code that reads pages and writes the index."""
    h = hashlib.blake2b(digest_size=16)
    h.update(FORMAT.encode() + b"\0")
    for module in sorted(Path(__file__).parent.glob("*.py")):
        h.update(module.read_bytes())
    for path, digest in sorted(pages):
        h.update(f"{path}\0{digest}\0".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def reuse_index(site: Path, previous: Path | None, key: str | None,
                note: Path | None) -> IndexResult | None:
    """Hard-link the index of the `previous` site into `site` when `key` (input_key) is
    the one `note_index` recorded in `note` for it (a build that changed no page
    indexes nothing); None when it is not (then index the site and note it).

    The note holds a digest of the manifests too, so an index edited or replaced by
    hand is made again.  Raises SearchIndexError when linking fails.
    """
    old = previous / FOLDER if previous else None
    if key and note and old and old.is_dir() and _recorded(note, key, old):
        try:
            return _link_tree(old, site / FOLDER)
        except OSError as exc:
            raise SearchIndexError(f"{exc.filename or old}: {exc.strerror}") from None
    return None


def note_index(note: Path, key: str, result: IndexResult) -> None:
    """Record in `note` that the index `result` was made from `key` (for `reuse_index`)."""
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text(json.dumps({"key": key, "entry": _entry_digest(result.folder)}),
                    encoding="utf-8")


def _entry_digest(folder: Path) -> str:
    h = hashlib.blake2b(digest_size=16)
    try:
        for manifest in sorted(folder.glob("*.json")):
            h.update(manifest.name.encode() + b"\0" + manifest.read_bytes())
    except OSError:
        return ""
    return h.hexdigest()


def _recorded(note: Path, key: str, old: Path) -> bool:
    try:
        seen = json.loads(note.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(seen, dict) and seen.get("key") == key and \
        seen.get("entry") == _entry_digest(old) != ""


def _link_tree(old: Path, target: Path) -> IndexResult:
    count = size = 0
    for path in sorted(old.rglob("*")):
        if not path.is_file():
            continue
        dest = target / path.relative_to(old)
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, dest)
        except OSError:
            shutil.copyfile(path, dest)
        count += 1
        size += path.stat().st_size
    return IndexResult(target, count, size, reused=True)
