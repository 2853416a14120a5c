"""Page records -> the static search index of one written standard, as files.

Layout under the site's `search/` folder, per language (`nb`, `nn`):

    search/nb.json                    manifest: {"version", "pages", "per_file", "shards",
                                      "stop", "other"} (words.py: the words a query need
                                      not match; the other standard's spellings)
    search/nb/<version>/<n>.json      shard n: {term: [doc, score, Δdoc, score, …]}
    search/nb/<version>/d/<n>.json    what results show, for docs n × per_file onwards:
                                      [{"url", "title", "meta"}, …]

The terms, sorted, are packed in order into shards of about `SHARD_BYTES`; the
manifest lists each shard's first term (`shards`, space-separated), so the browser
finds a word's shard by binary search and downloads one small shard per word, never
the whole index (a word typed in part: that shard and the next ones that start with
it).  `version` is a digest of the language's index, so every file under it can be
cached for ever; only the manifest is fetched fresh.

Scores are integers: ten times the highest weight the term has on the page (a place
name 10, the title 7, …; `extract.py`) plus up to ten for how often it occurs,
saturated and normalised by page length as BM25 does (Robertson & Zaragoza 2009,
k1 = 1.2, b = 0.75).  The browser multiplies by the term's rarity (idf) and sums
over the words of the query (templates/static/search.js).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from generator.search.extract import COUNTS, PageRecord
from generator.search.words import STOP_WORDS, other_spellings

SHARD_BYTES = 24_000  # raw JSON; gzip makes it about a third
DOCS_PER_FILE = 16  # results' fields in one file: fewer files, still little to fetch
K1, B = 1.2, 0.75


@dataclass(frozen=True)
class LanguageIndex:
    """The files of one language's index: path under `search/` -> bytes."""

    lang: str
    files: dict[str, bytes]
    pages: int


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"),
                      sort_keys=True).encode("utf-8")


def postings(records: list[PageRecord]) -> dict[str, list[int]]:
    """term -> [doc, score, Δdoc, score, …] in doc order (doc: the record's position,
    each after the first as the difference from the one before).  A score is 10 × the
    term's highest weight on the page + a BM25 term-frequency part (0–10) from its
    occurrences, normalised by the page's length against the average."""
    average = sum(r.length for r in records) / len(records) if records else 0.0
    out: dict[str, list[int]] = {}
    last: dict[str, int] = {}
    for doc, record in enumerate(records):
        norm = K1 * (1 - B + B * record.length / average) if average else K1
        for term, value in record.items():
            weight, count = divmod(value, COUNTS)
            score = 10 * weight + round(10 * count / (count + norm)) if count else 10 * weight
            flat = out.get(term)
            if flat is None:
                out[term] = [doc, score]
            else:
                flat += (doc - last[term], score)
            last[term] = doc
    return out


def _size(term: str, encoded: list[int]) -> int:
    return len(term.encode()) + 4 + 4 * len(encoded)  # about its bytes in the JSON


def pack(encoded: dict[str, list[int]]) -> list[list[str]]:
    """The terms in sorted order (by UTF-16 code unit, as JavaScript compares strings),
    cut into consecutive shards of at most SHARD_BYTES (a term larger than that alone)."""
    shards: list[list[str]] = []
    size = SHARD_BYTES
    for term in sorted(encoded, key=lambda t: t.encode("utf-16-be")):
        grows = _size(term, encoded[term])
        if size + grows > SHARD_BYTES:
            shards.append([])
            size = 0
        shards[-1].append(term)
        size += grows
    return shards


def build_language(lang: str, records: list[PageRecord]) -> LanguageIndex:
    """The index files of `records` (all of language `lang`, any order)."""
    records = sorted(records, key=lambda r: r.url)
    encoded = postings(records)
    packed = pack(encoded)
    shards = [_json({t: encoded[t] for t in terms}) for terms in packed]
    shown = [{"url": r.url, "title": r.title, "meta": [list(m) for m in r.meta]}
             for r in records]
    docs = [_json(shown[i:i + DOCS_PER_FILE]) for i in range(0, len(shown), DOCS_PER_FILE)]
    digest = hashlib.blake2b(digest_size=5)
    for data in shards:
        digest.update(data + b"\0")
    for data in docs:
        digest.update(data + b"\0")
    version = digest.hexdigest()
    files = {f"{lang}/{version}/{n}.json": data for n, data in enumerate(shards)}
    files.update({f"{lang}/{version}/d/{n}.json": data for n, data in enumerate(docs)})
    files[f"{lang}.json"] = _json({"version": version, "pages": len(records),
                                   "per_file": DOCS_PER_FILE,
                                   "shards": " ".join(terms[0] for terms in packed),
                                   "stop": " ".join(sorted(STOP_WORDS)),
                                   "other": " ".join(f"{a}={b}" for a, b in other_spellings(lang))})
    return LanguageIndex(lang, files, len(records))
