"""What the search index takes from one built page: its words, weighted, and the fields
a result shows.

The page says what to index (templates, `generator/views/search.py`):

- `<main data-search-body>`: only pages whose `<main>` carries it are indexed (not
  drafts, fallbacks or search pages); nothing outside `<main>` is read;
- `<p hidden data-search-weight="N">words</p>`: words weighted N (place names);
- `<span data-search-meta="key">text</span>`: a field the result shows;
- any element with `data-search-ignore`: left out (the meta block, the search form);
- headings weigh more than text: `<h1>` 7 (also the result's title), `<h2>` 5,
  `<h3>`–`<h6>` 3; text 1 (the scale Pagefind uses, https://pagefind.app/docs/weighting/).

The HTML is the generator's own (editor Markdown is sanitised by nh3 first), so
regular expressions over it are enough; no general HTML parser is needed.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.search.words import words

LANG = re.compile(r'<html\b[^>]*\blang="([^"]+)"')
MAIN = re.compile(r"<main\b([^>]*)>(.*)</main>", re.DOTALL)
SKIP = re.compile(r"<(script|style|svg|template)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
IGNORED = re.compile(r"<(\w+)\b[^>]*\sdata-search-ignore\b[^>]*>")
META = re.compile(r'<span data-search-meta="([\w-]+)">([^<]*)</span>')
WEIGHTED = re.compile(r'<p hidden data-search-weight="(\d+)">([^<]*)</p>')
HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")

HEADING_WEIGHT = {1: 7, 2: 5}  # h3–h6: 3
TEXT_WEIGHT = 1


@dataclass
class PageRecord:
    """One indexed page: `url` relative to the site root ("nb/kommuner/rauma/"), `lang`
    (its `<html lang>`), `title` (its `<h1>`), `meta` ((key, text) pairs in page
    order), `terms` (term -> (highest weight it has on the page, times it occurs)) and
    `length` (words in the page)."""

    url: str
    lang: str
    title: str
    meta: tuple[tuple[str, str], ...] = ()
    terms: dict[str, tuple[int, int]] = field(default_factory=dict)
    length: int = 0


def page_url(rel: str) -> str:
    """The address of the page at `rel` ("nb/om/index.html" -> "nb/om/")."""
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


Terms = Callable[[str], tuple[str, ...]]  # word -> its index terms (words.term_finder)


def extract(rel: str, text: str, terms: Terms) -> PageRecord | None:
    """The record of the page at `rel` (path under the site) with HTML `text`, or None
    when the page is not to be indexed."""
    lang, main = LANG.search(text), MAIN.search(text)
    if lang is None or main is None or "data-search-body" not in main.group(1):
        return None
    body = SKIP.sub(" ", main.group(2))
    meta = tuple((k, html.unescape(v)) for k, v in META.findall(body))
    body = _drop_ignored(body)
    record = PageRecord(page_url(rel), lang.group(1), "", meta)
    for weight, words_ in WEIGHTED.findall(body):
        _add(record, _plain(words_), min(int(weight), 10), terms, count=False)
    body = WEIGHTED.sub(" ", body)
    for level, inner in HEADING.findall(body):
        plain = _plain(inner)
        if level == "1" and not record.title:
            record.title = " ".join(plain.split())
        _add(record, plain, HEADING_WEIGHT.get(int(level), 3), terms)
    _add(record, _plain(HEADING.sub(" ", body)), TEXT_WEIGHT, terms)
    return record


def _plain(fragment: str) -> str:
    return html.unescape(TAG.sub(" ", fragment))


def _add(record: PageRecord, text: str, weight: int, terms: Terms,
         count: bool = True) -> None:
    """Add the words of `text` at `weight`; `count`: they are words of the page (a
    weighted name is not), counted in its length and in each term's occurrences."""
    found = record.terms
    counted = Counter(words(text))
    if count:
        record.length += counted.total()
    for word, n in counted.items():
        for term in terms(word):
            best, seen = found.get(term, (0, 0))
            found[term] = (max(best, weight), seen + n * count)


def _drop_ignored(body: str) -> str:
    """`body` without the elements marked `data-search-ignore` (nested tags of the same
    name are matched, so a <div> in an ignored <div> ends nothing)."""
    while (start := IGNORED.search(body)) is not None:
        name = start.group(1).lower()
        tags = re.compile(rf"<(/?){re.escape(name)}\b[^>]*>", re.IGNORECASE)
        depth, end = 0, len(body)
        for tag in tags.finditer(body, start.start()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = tag.end()
                break
        body = body[: start.start()] + " " + body[end:]
    return body
