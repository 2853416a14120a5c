"""Checks run by `python -m generator check`, one module per kind of finding.

Each module has `check(ctx, report)`: it reads the `Context` (the site model and
every loaded page, drafts and scheduled ones too) and adds findings to the
report.  None of them writes files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from generator.model import SourcePage
from generator.site import OutputPage, Site, _url


@dataclass
class Context:
    site: Site
    sources: list[SourcePage]  # every page loaded, also drafts and scheduled ones
    anchors: Callable[[OutputPage], set[str]]  # the ids a link may point to on a page
    files: frozenset[str] = field(default_factory=frozenset)  # other files: "assets/style.css"
    _own: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._own = {p.source.path: p.url for p in self.site.pages if p.source and not p.fallback}

    def url_of(self, page: SourcePage) -> str:
        """The page's own address (site-relative), also for pages not shown now."""
        return self._own.get(page.path) or _url(page, page.lang)
