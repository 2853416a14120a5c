"""The pipeline in one place: load → validate → site model → render.

    content/ ─load─▶ config, data, pages ─validate─▶ Site ─renderers─▶ files

`commands/` call these; `publish` writes what they return.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.cache import BuildCache
from generator.clock import Clock
from generator.errors import Report
from generator.load.config import load_config
from generator.load.data import load_data
from generator.load.layout import check_layout
from generator.load.pages import load_pages
from generator.model import SourcePage
from generator.project import Project
from generator.render import OutputFile, html
from generator.render.batch import CachedMarkdown, PageBatch
from generator.render.state import state_file
from generator.render.theme import Theme, load_theme
from generator.site import OutputPage, Site, build_site
from generator.validate import validate_data


@dataclass(frozen=True)
class Options:
    drafts: bool = False
    base_path: str | None = None
    base_url: str | None = None


@dataclass
class Loaded:
    report: Report
    site: Site | None
    sources: list[SourcePage]


def load_site(project: Project, clock: Clock, options: Options | None = None,
              keep_bodies: bool = True) -> Loaded:
    """Everything from content/ into one validated `Site` (None if there are errors).

    Without `keep_bodies`, Markdown bodies are read again where they are rendered
    (`load.pages.page_body`); pass the project root to `markdown_for` then.
    """
    options = options or Options()
    report = Report(project.root)
    config = load_config(report, project.content, project.root, options.base_path,
                         options.base_url)
    check_layout(report, project.content)
    raw = load_data(report, project.content, project.root)
    data = validate_data(report, raw, clock.now)
    sources = load_pages(report, project.content, project.root, keep_bodies=keep_bodies)
    if config is None or report.errors:
        return Loaded(report, None, sources)
    site = build_site(report, config, data, sources, clock.now, options.drafts)
    return Loaded(report, None if report.errors else site, sources)


Renderer_ = Callable[[Site, Theme, Callable[[OutputPage], str]], Iterable[OutputFile]]


def markdown_for(site: Site, cache: BuildCache | None = None,
                 root: Path | None = None) -> CachedMarkdown:
    """page -> HTML of its Markdown body (each body rendered once, kept in the build cache)."""
    return CachedMarkdown(site.config.base_path, cache, root)


def outputs(site: Site, theme: Theme, pages: PageBatch | None = None) -> Iterator[OutputFile]:
    """Every file of the site; new output kinds are added here, not in the loaders.

    `pages` renders the HTML pages (on every core, reusing unchanged ones when it
    has a build cache); without it, every page is rendered.
    """
    batch = pages or PageBatch()
    markdown = markdown_for(site, batch.cache, batch.root)
    yield from html.render_root(site, theme)
    yield from batch.render(site, theme, markdown)
    yield from html.render_static(site, theme)
    yield state_file(site)
    for renderer in extra_renderers():
        yield from renderer(site, theme, markdown)
    markdown.flush()


def extra_renderers() -> list[Renderer_]:
    """Renderers of machine-readable outputs (feeds, calendars, data …)."""
    from generator.render import atom, card, ics, notfound, opendata, sitemap

    return [atom.render_feeds, ics.render_calendars, opendata.render_open_data,
            card.render_cards, sitemap.render_sitemap, notfound.render_not_found]


def theme_for(project: Project) -> Theme:
    return load_theme(project)
