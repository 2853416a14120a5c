"""Which pages to render again after files change: the dependency map of `serve`.

`plan(old, new, changed)` is pure: it compares the site model before and after
the change and returns the `OutputPage`s whose HTML can differ.  An edited
Markdown page affects

* its own pages in both languages (a missing translation shows its text too),
* announcement lists, when it is (or was) an announcement and what they show
  of it changed (title, date, description, places, address),
* the municipality pages that list it (the places it names, or its waves'
  members: `facts.page_places`),
* the pages whose Markdown links to it.

Anything else (data, config, templates, catalogs, static files) and any change
to what every page shows (the menu) means a full rebuild.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator import LANGUAGES
from generator.checks.scan import is_internal, links, resolve
from generator.errors import Message, msg
from generator.facts import page_places
from generator.model import SourcePage
from generator.site import PLACE, OutputPage, Site

CONTENT_DIRS = tuple(f"content/{lang}/" for lang in LANGUAGES)


@dataclass(frozen=True)
class Plan:
    full: bool
    pages: tuple[OutputPage, ...] = ()  # pages of the new site to render
    removed: tuple[str, ...] = ()  # output files of pages that are gone
    state: bool = False  # build-state.json changes
    reason: str | Message = ""  # why, for the editor
    machine: bool = True  # feeds, sitemap and other machine-readable outputs may change


def link_targets(page: SourcePage, url: str) -> frozenset[str]:
    """The site-relative paths a page's Markdown links to ("nb/om/")."""
    return frozenset(resolve(link.url, url)[0] for link in links(page)
                     if link.url and is_internal(link.url))


def listed(page: SourcePage) -> tuple:
    """What lists of pages show of a page (announcement lists, municipality pages)."""
    return (page.title, page.description, page.date, page.type, page.places, page.waves,
            page.lang)


def _menu(site: Site) -> list[tuple[str, str, int | None, int | None]]:
    """What every page shows of other pages: the menu and the footer links."""
    return [(p.url, p.source.title, p.source.menu, p.source.footer) for lang in LANGUAGES
            for p in site.menu(lang) + site.footer(lang) if p.source]


def plan(old: Site | None, new: Site, changed: Iterable[str],
         targets: Callable[[OutputPage], frozenset[str]] | None = None) -> Plan:
    """What to render after `changed` (project-relative paths) turned `old` into `new`."""
    changed = set(changed)
    if old is None:
        return Plan(True, tuple(new.pages), state=True, reason=msg("first build"))
    other = sorted(p for p in changed if not (p.startswith(CONTENT_DIRS) and p.endswith(".md")))
    if other:
        return Plan(True, tuple(new.pages), state=True, reason=msg("{file} changed", file=other[0]))
    if (old.config, old.now, old.drafts) != (new.config, new.now, new.drafts) \
            or _menu(old) != _menu(new):
        return Plan(True, tuple(new.pages), state=True, reason=msg("the menu changed"))
    targets = targets or (lambda p: link_targets(p.source, p.url) if p.source else frozenset())
    before = [p for p in old.pages if p.source and p.source.path in changed]
    after = [p for p in new.pages if p.source and p.source.path in changed]
    keys = {p.key for p in before + after}
    sources = [p.source for p in before + after if p.source]
    urls = {p.url for p in old.pages + new.pages if p.key in keys and p.source}
    shown_before = {(p.url, p.fallback, listed(p.source)) for p in before if p.source}
    shown_after = {(p.url, p.fallback, listed(p.source)) for p in after if p.source}
    # Lists show title, date, description and address: a change to the text alone
    # does not change them.
    announcement = shown_before != shown_after and any(
        s.type == "announcement" for s in sources)
    places = {pid for s in sources for site in (old, new) for pid in page_places(s, site.data)}
    pages = []
    for page in new.pages:
        src = page.source
        if page.key in keys and src:
            pages.append(page)
        elif announcement and src and src.list == "announcements":
            pages.append(page)
        elif announcement and page.kind == PLACE and page.subject in places:
            pages.append(page)
        elif src and urls & targets(page):
            pages.append(page)
    new_files = {p.output_path for p in new.pages}
    removed = tuple(sorted(p.output_path for p in old.pages if p.output_path not in new_files))
    # Feeds carry announcements in full; the sitemap and open data list every page.
    machine = bool(removed) or shown_before != shown_after or any(
        s.type == "announcement" for s in sources)
    return Plan(False, tuple(pages), removed, old.next_change != new.next_change,
                reason=msg("{n} page file changed", n=len(changed)) if len(changed) == 1
                else msg("{n} page files changed", n=len(changed)),
                machine=machine)
