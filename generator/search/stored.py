"""Page records kept in the build cache (ROOT/.cache/, generator/cache.py), so a build
that changed some pages takes the words of the unchanged ones from there instead of
reading and parsing every page again.

A record is stored as JSON under the page's path with the digest of the page's bytes
(`cache.digest`, as the cache's `outputs` table has it); a record whose digest is not
the page's now is not used.  A page that is not indexed is stored too (as `null`), so
it is not read again either.  Whatever cannot be read back is read from the page.
The cache file's name carries a fingerprint of the generator's code, so records made
by other code are never used.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterable
from pathlib import Path

from generator.cache import BuildCache
from generator.search import read_records_of
from generator.search.extract import PageRecord


def to_text(record: PageRecord | None) -> str:
    """`record` as compact JSON: [url, lang, title, meta, words, values, length] or null."""
    if record is None:
        return "null"
    return json.dumps([record.url, record.lang, record.title, record.meta, record.words,
                       record.values.tolist(), record.length], ensure_ascii=False,
                      separators=(",", ":"))


def from_text(text: str) -> PageRecord | None:
    """The record `to_text` wrote.  Raises ValueError when `text` is not one."""
    value = json.loads(text)
    if value is None:
        return None
    try:
        url, lang, title, meta, words, values, length = value
        shown = tuple((k, v) for k, v in meta)
        packed = array("q", values)
    except (TypeError, ValueError, OverflowError) as exc:
        raise ValueError(f"not a page record: {exc}") from None
    if not (isinstance(url, str) and isinstance(lang, str) and isinstance(title, str)
            and isinstance(words, str) and isinstance(length, int)
            and len(words.split()) == len(packed)):
        raise ValueError("not a page record")
    record = PageRecord(url, lang, title, shown, words, packed, length)
    return record


def stored_records(store: BuildCache, digests: dict[str, str]
                   ) -> dict[str, PageRecord | None]:
    """The records stored for the pages in `digests` (path -> digest of its bytes now)
    whose stored digest is that one: path -> record (None: a page not indexed)."""
    found: dict[str, PageRecord | None] = {}
    for path, (digest, text) in store.search_records().items():
        if digests.get(path) == digest:
            try:
                found[path] = from_text(text)
            except ValueError:
                continue  # damaged: the page is read again
    return found


def store_records(store: BuildCache, records: dict[str, PageRecord | None],
                  digests: dict[str, str], stored: Iterable[str] = ()) -> None:
    """Keep `records` (path -> record) with their pages' `digests` for the next build;
    `stored`: paths whose record is in the cache already with that digest (not written
    again).  Pages not in `digests` are dropped from the cache."""
    already = set(stored)
    rows = {path: (digests[path], to_text(record)) for path, record in records.items()
            if path in digests and path not in already}
    store.save_search_records(rows, set(digests))


def page_records(site: Path, pages: list[str], rendered: dict[str, PageRecord | None],
                 digests: dict[str, str], store: BuildCache | None,
                 jobs: int | None = None) -> dict[str, PageRecord | None]:
    """The record of each of `pages` (paths under `site`): the one `rendered` made in
    this build, else the one stored for the same bytes (`digests`: path -> digest of
    the page's bytes), else read from the page now; with a `store`, what is new is kept
    there for the next build.  Raises OSError if a page cannot be read."""
    known = dict(rendered)
    stored = stored_records(store, {p: d for p, d in digests.items() if p not in known}) \
        if store is not None else {}
    known.update(stored)
    rest = [(path, site / path) for path in pages if path not in known]
    known.update(zip([path for path, _ in rest], read_records_of(rest, jobs), strict=True))
    if store is not None:
        store_records(store, known, digests, stored)
    return known
