"""The pipeline in one place: load → validate → site model → render.

    content/ ─load─▶ config, data, pages ─validate─▶ Site ─renderers─▶ files

`commands/` call these; `publish` writes what they return.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

from generator import LANGUAGES
from generator.cache import BuildCache
from generator.clock import Clock
from generator.errors import Report, msg
from generator.load.config import fallback_config, load_config
from generator.load.data import load_data
from generator.load.files import describe_refused, escaping_links
from generator.load.layout import check_layout
from generator.load.names import windows_reserved
from generator.load.pages import load_pages
from generator.model import Config, Data, SourcePage
from generator.project import Project
from generator.render import OutputFile, html
from generator.render.batch import CachedMarkdown, PageBatch, Renderer_
from generator.render.state import state_file
from generator.render.theme import Theme, load_theme
from generator.site import Site, build_site
from generator.validate import validate_data


@dataclass(frozen=True)
class Options:
    drafts: bool = False
    base_path: str | None = None
    base_url: str | None = None


@dataclass
class Loaded:
    report: Report
    site: Site | None  # None if there are errors
    sources: list[SourcePage]
    # the model built despite errors, for the checks that still hold (`check`); None
    # only when config.yaml could not be read
    model: Site | None = None


def load_site(project: Project, clock: Clock, options: Options | None = None,
              keep_bodies: bool = True) -> Loaded:
    """Everything from content/ into one validated `Site` (None if there are errors).

    Every stage runs whatever the errors before it, so one run reports them all:
    what depends on a broken record or page is left out, not reported again
    (`assemble`). Without `keep_bodies`, Markdown bodies are read again where they
    are rendered (`load.pages.page_body`); pass the project root to `markdown_for` then.
    """
    options = options or Options()
    report = Report(project.root, year=clock.local.year)
    config = load_config(report, project.content, project.root, options.base_path,
                         options.base_url)
    check_layout(report, project.content)
    check_project_links(report, project)
    raw = load_data(report, project.content, project.root)
    data = validate_data(report, raw, clock.now)
    sources = load_pages(report, project.content, project.root, keep_bodies=keep_bodies)
    model = assemble(report, config, data, sources, clock.now, options.drafts)
    return Loaded(report, None if report.errors else model, sources, model)


def assemble(report: Report, config: Config | None, data: Data, sources: list[SourcePage],
             now: datetime, drafts: bool) -> Site | None:
    """`site.build_site` whatever errors `report` already holds, so that the page checks
    (unknown ids in front matter, translation keys, addresses) report in the same run as
    the data's errors. Without `config` (config.yaml could not be read) the pages are
    checked with default settings but without the generated pages, and None is returned.
    """
    site = build_site(report, config or fallback_config(), data, sources, now, drafts,
                      generated=config is not None)
    return site if config is not None else None


def check_project_links(report: Report, project: Project) -> None:
    """Links in the project's templates/ (static files too) and locale/ that lead outside
    the project, nowhere or in a loop, and entries that are not files: errors naming each
    (a link to /proc/self/environ would publish the build's secrets)."""
    for name in ("templates", "locale"):
        for path in escaping_links(project.root / name, project.root):
            message, hint = describe_refused(path, f"{name}/", "the project")
            report.error(path, None, message, hint, code="link-outside-project")
    # pages (content/nb, content/nn) are named by their loader; here the rest
    for folder in (project.content / "data", project.root / "templates", project.root / "locale"):
        for here, dirs, files in os.walk(folder):
            for name in sorted([*dirs, *files]):
                if windows_reserved(name):
                    report.error(Path(here) / name, None,
                                 msg("The name '{name}' is reserved on Windows, so the "
                                     "project cannot be checked out there.", name=name),
                                 msg("Rename the file or folder."), code="reserved-name")


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
    yield from html.render_static(site, theme)
    yield state_file(site)
    yield from batch.render(site, theme, markdown, extras=body_renderers(),
                            meanwhile=model_renderers())
    markdown.flush()


def extra_renderers() -> list[Renderer_]:
    """Renderers of machine-readable outputs (feeds, calendars, data …)."""
    return body_renderers() + model_renderers()


def body_renderers() -> list[Renderer_]:
    """The extra renderers that read pages' bodies (their Markdown as HTML), in parts
    that can run side by side."""
    from generator.render import atom

    return [partial(atom.render_feeds, langs=(lang,)) for lang in LANGUAGES]


def model_renderers() -> list[Renderer_]:
    """The extra renderers that read only the site model, never a body."""
    from generator.render import card, ics, notfound, opendata, sitemap

    return [sitemap.render_sitemap, ics.render_calendars, opendata.render_open_data,
            card.render_cards, notfound.render_not_found]


def theme_for(project: Project) -> Theme:
    """The project's theme (`render.theme.load_theme`)."""
    return load_theme(project)
