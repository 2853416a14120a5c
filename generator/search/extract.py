"""What the search index takes from one built page: its words, weighted, and the fields
a result shows.

The page says what to index (templates, `generator/views/search.py`):

- `<main data-search-body>`: only pages whose `<main>` carries it are indexed (not
  drafts, fallbacks or search pages); nothing outside `<main>` is read;
- `<p hidden data-search-weight="N">words</p>`: words weighted N (place names);
- `<span data-search-meta="key">text</span>`: a field the result shows;
- any element with `data-search-ignore`: left out (the meta block, the search form,
  and what is the same on many pages: the banner, a place's first screen, the
  subscribe links, the embed code), so a word matches the pages about it;
- headings weigh more than text: `<h1>` 7 (also the result's title), `<h2>` 5,
  `<h3>`–`<h6>` 3; text 1 (the scale Pagefind uses, https://pagefind.app/docs/weighting/).

The HTML is the generator's own (editor Markdown is sanitised by nh3 first), so
regular expressions over it are enough; no general HTML parser is needed.
"""

from __future__ import annotations

import html
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter

from generator.search.words import words

LANG = re.compile(r'<html\b[^>]*\blang="([^"]+)"')
MAIN = re.compile(r"<main\b([^>]*)>(.*)</main>", re.DOTALL)
# tag names are lower case: the templates write them so, and nh3 so serialises editor HTML
SKIP = re.compile(r"<(script|style|svg|template)\b.*?</\1>", re.DOTALL)
IGNORED = re.compile(r"<(\w+)\b[^>]*\sdata-search-ignore\b[^>]*>")
META = re.compile(r'<span data-search-meta="([\w-]+)">([^<]*)</span>')
WEIGHTED = re.compile(r'<p hidden data-search-weight="(\d+)">([^<]*)</p>')
HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")

HEADING_WEIGHT = {1: 7, 2: 5}  # h3–h6: 3
TEXT_WEIGHT = 1
COUNTS = 1 << 20  # a term's value on a page: weight × COUNTS + occurrences (capped)


def packed(weight: int, count: int) -> int:
    """A term's weight and occurrences on a page in one int (a dict of str -> int is
    not tracked by Python's garbage collector, and pickles small)."""
    return weight * COUNTS + min(count, COUNTS - 1)


def unpacked(value: int) -> tuple[int, int]:
    """(weight, occurrences) of a `packed` value."""
    return divmod(value, COUNTS)


@dataclass
class PageRecord:
    """One indexed page: `url` relative to the site root ("nb/kommuner/rauma/"), `lang`
    (its `<html lang>`), `title` (its `<h1>`), `meta` ((key, text) pairs in page
    order), its terms as `words` (space-separated) and `values` (each term's `packed`
    highest weight on the page and times it occurs, in the same order), and `length`
    (words in the page).

    The terms are one string and one array, not a dict: a build holds every page's
    record at once (10,000 pages: tens of MB less, and fewer objects to pickle)."""

    url: str
    lang: str
    title: str
    meta: tuple[tuple[str, str], ...] = ()
    words: str = ""
    values: array[int] = field(default_factory=lambda: array("q"))
    length: int = 0

    @classmethod
    def of(cls, url: str, lang: str, title: str, meta: tuple[tuple[str, str], ...],
           terms: dict[str, int], length: int) -> PageRecord:
        """The record of a page whose `terms` are term -> `packed` value."""
        return cls(url, lang, title, meta, " ".join(terms), array("q", terms.values()), length)

    @property
    def terms(self) -> dict[str, int]:
        """term -> `packed` value (made anew on each call)."""
        return dict(zip(self.words.split(), self.values, strict=True))

    def items(self) -> Iterator[tuple[str, int]]:
        """(term, `packed` value) pairs, without making a dict."""
        return zip(self.words.split(), self.values, strict=True)


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
    fields = [(min(int(weight), 10), _plain(text), False)
              for weight, text in WEIGHTED.findall(body)]
    if fields:
        body = WEIGHTED.sub(" ", body)
    title = ""
    for level, inner in HEADING.findall(body):
        plain = _plain(inner)
        if level == "1" and not title:
            title = " ".join(plain.split())
        fields.append((HEADING_WEIGHT.get(int(level), 3), plain, True))
    fields.append((TEXT_WEIGHT, _plain(HEADING.sub(" ", body)), True))
    found, length = page_terms(fields, terms)
    return PageRecord.of(page_url(rel), lang.group(1), title, meta, found, length)


def _plain(fragment: str) -> str:
    return html.unescape(TAG.sub(" ", fragment))


def page_terms(fields: list[tuple[int, str, bool]], terms: Terms
               ) -> tuple[dict[str, int], int]:
    """(term -> `packed` (highest weight, occurrences), words on the page) of a page's
    `fields`: (weight, text, counted) where `counted` is False for words added to weigh
    a name (they are not the page's words: not in its length, not in occurrences)."""
    best: dict[str, int] = {}
    counts: Counter[str] = Counter()
    for weight, text, counted in sorted(fields, key=itemgetter(0)):
        found = words(text)
        if counted:
            counts.update(found)
        # a higher weight comes later and wins
        best.update(dict.fromkeys(counts if counted and not best else found, weight))
    out: dict[str, int] = {}
    most = COUNTS - 1
    for word, weight in best.items():
        count = counts.get(word, 0)
        value = weight * COUNTS + (count if count < most else most)  # packed(weight, count)
        for term in terms(word):
            known = out.get(term)
            # two words of one term (tjeneste, tjenester): the higher weight, both counts
            out[term] = value if known is None else \
                packed(max(known // COUNTS, weight), known % COUNTS + count)
    return out, counts.total()


def _drop_ignored(body: str) -> str:
    """`body` without the elements marked `data-search-ignore` (nested tags of the same
    name are matched, so a <div> in an ignored <div> ends nothing)."""
    kept: list[str] = []
    done = look = 0  # body[:done] is settled; the mark is looked for from `look`
    while (at := body.find("data-search-ignore", look)) >= 0:
        look = at + 1
        opening = body.rfind("<", done, at)
        start = IGNORED.match(body, opening) if opening >= 0 else None
        if start is None:  # the words, not in a tag: nothing to leave out
            continue
        name = start.group(1).lower()
        tags = re.compile(rf"<(/?){re.escape(name)}\b[^>]*>", re.IGNORECASE)
        depth, end = 0, len(body)
        for tag in tags.finditer(body, start.start()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = tag.end()
                break
        kept += (body[done:start.start()], " ")
        done = look = end
    return "".join(kept) + body[done:] if kept else body
