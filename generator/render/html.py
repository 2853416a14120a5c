"""HTML pages: one per `OutputPage`, plus the language chooser at the root."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from markupsafe import Markup

from generator.i18n.dates import format_instant, iso_instant
from generator.render import OutputFile
from generator.render.theme import Theme
from generator.site import CONTENT, OutputPage, Site
from generator.views import context as vc
from generator.views.data import TimeText, banner
from generator.views.meta import head_meta, root_meta
from generator.views.pages import TEMPLATES, VIEWS, content_view, title
from generator.views.search import search_entry

MarkdownFn = Callable[[OutputPage], str]


def render_pages(site: Site, theme: Theme, markdown: MarkdownFn,
                 pages: list[OutputPage] | None = None) -> Iterator[OutputFile]:
    """The HTML of `pages` (default: every page), each as `OutputFile(output_path, UTF-8
    bytes)`; the banner and build time are made once per language.
    """
    contexts = {lang: vc.Ctx(site, lang, theme.catalogs) for lang in theme.catalogs}
    banners = {lang: banner(ctx) for lang, ctx in contexts.items()}
    times = {lang: build_time(site, lang) for lang in contexts}
    # The banner is the same on every page of a language: its HTML is made once.
    banner_html = {lang: render_banner(theme, ctx, banners[lang])
                   for lang, ctx in contexts.items()}
    sections = {lang: render_banner(theme, ctx, banners[lang], heading=True)
                for lang, ctx in contexts.items()}
    for page in site.pages if pages is None else pages:
        ctx = contexts[page.lang]
        yield OutputFile(page.output_path,
                         render_page(site, theme, ctx, page, markdown, banners[page.lang],
                                     times[page.lang], banner_html[page.lang],
                                     sections[page.lang]))


def render_banner(theme: Theme, ctx: vc.Ctx, lines: list[Any], heading: bool = False) -> Markup:
    """The site-wide banner (templates/partials/banner.html) in the context's language.

    Before a page's h1 its title is not a heading (the outline starts with the h1);
    `heading=True` makes it an h2, for the front page, where it follows the h1."""
    if not lines:
        return Markup("")
    return Markup(theme.env_for(ctx.lang).get_template("partials/banner.html").render(
        ctx=ctx, lang=ctx.lang, banner=lines, icons=icons_url(ctx, theme), heading=heading))


def icons_url(ctx: vc.Ctx, theme: Theme) -> str:
    """The URL of the icon sprite file, with `?v=` of the assets' hash (cache busting)."""
    return ctx.url("assets/icons.svg") + f"?v={theme.asset_version}"


def search_urls(ctx: vc.Ctx, theme: Theme) -> dict[str, str]:
    """The search page of the context's language and the script of its form."""
    return {"search_url": ctx.url(ctx.site.section_url("search", ctx.lang)),
            "search_js": ctx.url("assets/search.js") + f"?v={theme.asset_version}"}


def build_time(site: Site, lang: str) -> TimeText:
    """The build's clock as shown in the footer (CLDR date and time in `lang`, Europe/Oslo) with
    its ISO 8601 instant.
    """
    return TimeText(format_instant(site.now, lang, weekday=False), iso_instant(site.now))


def render_page(site: Site, theme: Theme, ctx: vc.Ctx, page: OutputPage, markdown: MarkdownFn,
                banner_lines: list[Any], built: TimeText | None = None,
                banner_html: Markup | None = None, banner_section: Markup | None = None) -> bytes:
    """One page's HTML as UTF-8 bytes: its view values plus the shared ones (menu, alternates,
    banner before the h1 and as a section, head metadata) through its template. Raises
    jinja2.TemplateError when a template fails.
    """
    if banner_html is None:
        banner_html = render_banner(theme, ctx, banner_lines)
    if banner_section is None:
        banner_section = render_banner(theme, ctx, banner_lines, heading=True)
    env = theme.env_for(page.lang)
    if page.kind == CONTENT:
        extra = content_view(ctx, page, markdown(page))
    else:
        extra = VIEWS[page.kind](ctx, page)
    page_title = title(ctx, page)
    common: dict[str, object] = {
        "ctx": ctx,
        "page": page,
        "lang": page.lang,
        "title": page_title,
        "site_name": site.config.site_name(page.lang),
        "canonical": ctx.absolute(site.canonical(page)),
        "alternates": vc.alternates(ctx, page),
        "switch": vc.switcher(ctx, page),
        "menu": vc.menu(ctx, page),
        "footer_links": vc.footer(ctx, page),
        "home": ctx.url(f"{page.lang}/"),
        "banner": banner_lines,
        "banner_html": banner_html,
        "banner_section": banner_section,
        "breadcrumbs": vc.breadcrumbs(ctx, page),
        "css": ctx.url("assets/style.css") + f"?v={theme.asset_version}",
        "icons": icons_url(ctx, theme),
        "drafts": site.drafts,
        "build_time": built or build_time(site, page.lang),
        "is_front": page.url == f"{page.lang}/",
        **search_urls(ctx, theme),
    }
    common["meta"] = head_meta(ctx, page, page_title)
    common["search"] = search_entry(ctx, page, extra, str(page_title))
    template = env.get_template(TEMPLATES[page.kind])
    return template.render(**common, **extra).encode("utf-8")


def render_root(site: Site, theme: Theme) -> Iterator[OutputFile]:
    """The site root lets the reader choose the written standard; no script needed."""
    lang = site.config.default_language
    ctx = vc.Ctx(site, lang, theme.catalogs)
    env = theme.env_for(lang)
    choices = [vc.Link(ctx.url(f"{code}/"), site.config.site_name(code), code)
               for code in theme.catalogs]
    html = env.get_template("root.html").render(
        ctx=ctx, lang=lang, choices=choices, canonical=ctx.absolute(""), meta=root_meta(ctx),
        css=ctx.url("assets/style.css") + f"?v={theme.asset_version}",
        alternates=[vc.Link(ctx.absolute(f"{c.lang}/"), "", c.lang) for c in choices]
        + [vc.Link(ctx.absolute(""), "", "x-default")],
        prompts=[(c, ctx.catalogs[c.lang or lang].gettext("Choose this written standard"))
                 for c in choices],
        statements=accessibility_links(site, theme),
    )
    yield OutputFile("index.html", html.encode("utf-8"))


def accessibility_links(site: Site, theme: Theme) -> list[vc.Link]:
    """The accessibility statement in each standard (the page with translation key
    «accessibility»), for pages outside the normal layout: the root chooser, the 404 page."""
    links = []
    for code in theme.catalogs:
        found = site.page("accessibility", code)
        if found and found.source:
            links.append(vc.Link(site.config.base_path + found.url, found.source.title, code))
    return links


def render_static(site: Site, theme: Theme) -> Iterator[OutputFile]:
    """The theme's static files, as they are (`assets/…`)."""
    for name, path in sorted(theme.static.items()):
        data = path.read_bytes()
        yield OutputFile(name, compact_css(data) if name.endswith(".css") else data)


def compact_css(data: bytes) -> bytes:
    """Stylesheets ship without comments and without the spaces CSS ignores (around
    `{ } ; , >` and after `:`), about a fifth of the bytes.  Quoted strings such as
    `content: " ("` are kept exactly (CSS Syntax Level 3 §4: whitespace between tokens
    other than descendant combinators and value separators carries no meaning)."""
    text = re.sub(r"/\*.*?\*/", "", data.decode("utf-8"), flags=re.S)
    parts = re.split(r"(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')", text)
    for i in range(0, len(parts), 2):  # the odd ones are strings
        code = re.sub(r"\s+", " ", parts[i])
        code = re.sub(r"\s*([{};,>])\s*", r"\1", code)
        parts[i] = re.sub(r":\s+", ":", code).replace(";}", "}")
    return ("".join(parts).strip() + "\n").encode("utf-8")
