"""What the search index reads from a page, taken from what the page already shows.

The search index (`generator/search/`) reads the `<main>` of pages that carry
`data-search-body`; `SearchEntry.indexed` decides which do.  A page of one
written standard is indexed only in that standard: fallback pages (the other
standard's text under this one's address) and drafts are never indexed, and
scheduled or expired pages are not built at all (`site.visible`).

Place names and the names of services with reduced capacity are added as words
weighted above body text (the index adds their ASCII spellings itself, as for
every word: `generator/search/words.py`).  The result fields (places, period,
status) are the texts the page shows, formatted by the views that show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.site import CONTENT, PLACE, REDUCTIONS, SEARCH, OutputPage
from generator.views.context import Ctx

# Weights (data-search-weight, 1–10; text is 1, an <h1> 7: generator/search/extract.py).
PLACE_PAGE_WEIGHT = 10  # a place's own page: its name ranks it first
PLACE_MENTION_WEIGHT = 3  # a page about a place: above body text, below the place page
SERVICE_WEIGHT = 5  # a service named in a notice the page shows: "hjemmetjenester"


@dataclass(frozen=True)
class SearchEntry:
    """One page as the search index sees it.

    `terms`: extra words (place names), weighted by `weight`; `services`: names of
    services in the notices the page shows, weighted SERVICE_WEIGHT; `meta`: (key,
    text) pairs a result shows, in order.
    """

    indexed: bool
    terms: str = ""
    weight: int = 1
    meta: tuple[tuple[str, str], ...] = ()
    services: str = ""
    service_weight: int = SERVICE_WEIGHT


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
        impacts = [*view["ongoing"], *view["upcoming"]]
        entry = SearchEntry(True, meta=_notices(impacts), services=_services(impacts))
    else:
        entry = SearchEntry(True)
    return entry


def _notices(impacts: list[Any]) -> tuple[tuple[str, str], ...]:
    """Reduced-capacity notices as their pages show them: title – status, period."""
    texts = [f"{i.title} – {i.status.label}, {i.period.text}" for i in impacts]
    return (("notices", "; ".join(texts)),) if texts else ()


def _services(impacts: list[Any]) -> str:
    """The names of the services the notices reduce and the other words residents use for
    them (`search_words` in services.yaml), each once, in order."""
    names = [text for i in impacts for row in i.services
             for text in (row.name, row.search_words) if text]
    return " ".join(dict.fromkeys(names))


def _content_entry(ctx: Ctx, view: dict[str, Any], description: str | None) -> SearchEntry:
    names = [link.text for link in view.get("places", [])]
    meta = []
    if names:
        meta.append(("places", ", ".join(names)))
    if view.get("date") is not None:
        meta.append(("when", f"{ctx._('Published')} {view['date'].text}"))
    if description:
        meta.append(("description", description))
    return SearchEntry(True, " ".join(names), PLACE_MENTION_WEIGHT, tuple(meta))


def _place_entry(ctx: Ctx, view: dict[str, Any]) -> SearchEntry:
    meta: list[tuple[str, str]] = []
    lead, wave = view["lead"], view["wave"]
    # the go-live line the page leads with; without a date, what it says instead
    meta.append(("when", f"{lead.text}: {lead.time.text}" if lead.time is not None
                 else lead.text))
    if wave is not None:
        meta.append(("status", wave.status.label))
    meta.extend(_notices(view["current"]))
    return SearchEntry(True, view["name"], PLACE_PAGE_WEIGHT, tuple(meta),
                       _services(view["current"]))
