"""``404.html``: one page for both standards, served for any missing address.

The default standard comes first, the other follows, each part in its own
``lang``.  Links are absolute paths under the base path, so the page works at
whatever depth the server shows it.  There is no ``nb/404.html``: servers
are configured with one error document, and this one speaks both standards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from generator import LANGUAGES
from generator.render import OutputFile
from generator.render.links import NOT_FOUND, local
from generator.render.theme import Theme
from generator.site import PLACES, SEARCH, TIMELINE, OutputPage, Site
from generator.views.context import Ctx, Link


@dataclass(frozen=True)
class Part:
    lang: str
    heading: str
    text: str
    links: list[Link]


def part(ctx: Ctx) -> Part:
    """The 404 page's text in the context's language, with links to the front page, the
    municipalities from A to Å, the search page and the timeline: the ways to find a
    page again.
    """
    site, lang = ctx.site, ctx.lang
    links = [Link(local(site, f"{lang}/"), ctx._("Go to the front page")),
             Link(local(site, site.section_url(PLACES, lang)), ctx._("Municipalities from A to Å")),
             Link(local(site, site.section_url(SEARCH, lang)), ctx._("Search the site")),
             Link(local(site, site.section_url(TIMELINE, lang)), ctx._("See the timeline"))]
    statement = site.page("accessibility", lang)  # the accessibility statement, if any
    if statement and statement.source:
        links.append(Link(local(site, statement.url), statement.source.title))
    return Part(lang, ctx._("Page not found"),
                ctx._("The address may be wrong, or the page has been moved or removed."),
                links)


def render_not_found(site: Site, theme: Theme,
                     markdown: Callable[[OutputPage], str]) -> Iterator[OutputFile]:
    """404.html: one page with both standards, the default language first."""
    first = site.config.default_language
    order = [first, *(code for code in LANGUAGES if code != first)]
    parts = [part(Ctx(site, code, theme.catalogs)) for code in order]
    html = theme.env_for(first).get_template("404.html").render(
        lang=first, parts=parts,
        css=local(site, "assets/style.css") + f"?v={theme.asset_version}")
    yield OutputFile(NOT_FOUND, html.encode("utf-8"))
