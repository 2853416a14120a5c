"""What the search index reads from a page, taken from what the page already shows.

Pagefind (see `generator/search.py`) indexes the `<main>` of pages that carry
`data-pagefind-body`; `SearchEntry.indexed` decides which do.  A page of one
written standard is indexed only in that standard: fallback pages (the other
standard's text under this one's address) and drafts are never indexed, and
scheduled or expired pages are not built at all (`site.visible`).

Place names are added as words weighted above body text, with their ASCII
spellings (Ørsta → Orsta, Oersta; Bærum → Baerum; Ålesund → Aalesund), since
Pagefind folds å to a but not ø or æ.  The result fields (places, period,
status) are the texts the page shows, formatted by the views that show them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from generator.site import CONTENT, PLACE, REDUCTIONS, SEARCH, OutputPage
from generator.views.context import Ctx

# Pagefind weights (data-pagefind-weight, 0–10; body text is 1, an <h1> is 7).
PLACE_PAGE_WEIGHT = 10  # a place's own page: its name ranks it first
PLACE_MENTION_WEIGHT = 3  # a page about a place: above body text, below the place page

# Common ASCII spellings of the Norwegian letters (Språkrådet: æ → ae, ø → oe/o, å → aa/a).
_SHORT = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})
_LONG = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


@dataclass(frozen=True)
class SearchEntry:
    """One page as the search index sees it.

    `terms`: extra words (place names and their ASCII spellings), weighted by
    `weight`; `title_ascii`: the title's words with æ, ø or å in ASCII spellings,
    weighted like a title; `meta`: (key, text) pairs a result shows, in order.
    """

    indexed: bool
    terms: str = ""
    weight: int = 1
    meta: tuple[tuple[str, str], ...] = ()
    title_ascii: str = ""


def ascii_spellings(name: str) -> list[str]:
    """`name` and the ways it is typed without æ, ø, å: "Bærum" -> ["Bærum", "Baerum"]."""
    out = [name]
    for table in (_SHORT, _LONG):
        folded = name.translate(table)
        if folded not in out:
            out.append(folded)
    return out


def _terms(names: list[str]) -> str:
    return " ".join(s for name in names for s in ascii_spellings(name))


def title_ascii(title: str) -> str:
    """The ASCII spellings of a title's words that have æ, ø or å ("Møte" -> "Mote Moete")."""
    words = [w for w in title.split() if any(c in w.lower() for c in "æøå")]
    return " ".join(s for w in words for s in ascii_spellings(w)[1:])


def indexed(page: OutputPage) -> bool:
    """Whether the page belongs in its standard's index: not a fallback, draft or search page."""
    if page.kind == SEARCH or page.fallback:
        return False
    return not (page.source is not None and page.source.draft)


def search_entry(ctx: Ctx, page: OutputPage, view: dict[str, Any], title: str) -> SearchEntry:
    """The page's entry, from `view` (what its template shows) and its `title`."""
    if not indexed(page):
        return SearchEntry(False)
    if page.kind == PLACE:
        entry = _place_entry(ctx, view)
    elif page.kind == CONTENT:
        assert page.source is not None
        entry = _content_entry(ctx, view, page.source.description)
    elif page.kind == REDUCTIONS:
        entry = SearchEntry(True, meta=_notices([*view["ongoing"], *view["upcoming"]]))
    else:
        entry = SearchEntry(True)
    if page.kind == PLACE:
        return entry  # the title is the place name: its spellings are in `terms`
    return dataclasses.replace(entry, title_ascii=title_ascii(title))


def _notices(impacts: list[Any]) -> tuple[tuple[str, str], ...]:
    """Reduced-capacity notices as their pages show them: title – status, period."""
    texts = [f"{i.title} – {i.status.label}, {i.period.text}" for i in impacts]
    return (("notices", "; ".join(texts)),) if texts else ()


def _content_entry(ctx: Ctx, view: dict[str, Any], description: str | None) -> SearchEntry:
    names = [link.text for link in view.get("places", [])]
    meta = []
    if names:
        meta.append(("places", ", ".join(names)))
    if view.get("date") is not None:
        meta.append(("when", f"{ctx._('Published')} {view['date'].text}"))
    if description:
        meta.append(("description", description))
    return SearchEntry(True, _terms(names), PLACE_MENTION_WEIGHT, tuple(meta))


def _place_entry(ctx: Ctx, view: dict[str, Any]) -> SearchEntry:
    meta: list[tuple[str, str]] = []
    lead, wave = view["lead"], view["wave"]
    if lead.time is not None:
        meta.append(("when", f"{lead.text}: {lead.time.text}"))
    if wave is not None:
        meta.append(("status", wave.status.label))
    meta.append(("place", _terms([view["name"]])))  # ranked by metaWeights in search.js
    meta.extend(_notices(view["current"]))
    return SearchEntry(True, _terms([view["name"]]), PLACE_PAGE_WEIGHT, tuple(meta))
