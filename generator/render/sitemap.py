"""``sitemap.xml`` (with hreflang alternates) and ``robots.txt`` pointing to it.

Every HTML page is listed once, with an ``xhtml:link rel="alternate"`` for
each real language version (itself included) and ``x-default`` — the same set its
head declares.  Cards and the 404 page are left out (they are not pages to
find), and so are fallbacks (the other standard's text under this standard's
address: no translation, and its canonical is the original).  ``lastmod``
comes from a page's `updated`/`date` when it has one.  Addresses are
percent-encoded (æ, ø, å in a file name: sitemaps.org, "Entity escaping";
RFC 3986).  Crawlers read ``robots.txt`` only at a host's root: under a sub-path, copy it
there (or add its Sitemap line to the host's own file).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import quote

from generator import LANGUAGES
from generator.render import OutputFile
from generator.render.links import ROBOTS, SITEMAP, absolute
from generator.render.theme import Theme
from generator.render.xmltext import DECLARATION, escape_attribute, escape_text
from generator.site import OutputPage, Site

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def _alternates(site: Site, page: OutputPage) -> list[tuple[str, str]]:
    urls = site.alternates(page)
    out = [(code, url) for code, url in urls.items()]
    default = urls.get(site.config.default_language)
    if default is not None:
        out.append(("x-default", default))
    return out


def sitemap(site: Site) -> bytes:
    """Written line by line (the same bytes as an indented ElementTree): a tree of
    every page's elements would hold tens of MB while the pages are rendered."""
    out = [DECLARATION, f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">']
    home = [(code, f"{code}/") for code in LANGUAGES] + [("x-default", "")]
    _url(out, site, "", home, None)
    for page in sorted(site.pages, key=lambda p: p.url):
        if page.fallback:
            continue
        src = page.source
        lastmod = None
        if src and not page.fallback and (src.updated or src.date):
            lastmod = (src.updated or src.date).iso()  # type: ignore[union-attr]
        _url(out, site, page.url, _alternates(site, page), lastmod)
    out.append("\n</urlset>\n")
    return "".join(out).encode("utf-8", "xmlcharrefreplace")


def location(site: Site, url: str) -> str:
    """The absolute URL, percent-encoded as the sitemap protocol requires (RFC 3986:
    æ, ø, å as UTF-8 %-escapes): https://…/nb/kommuner/%C3%A5fjord/."""
    return quote(absolute(site, url), safe=":/?#[]@!$&'()*+,;=%~")


def _url(out: list[str], site: Site, url: str, alternates: list[tuple[str, str]],
         lastmod: str | None) -> None:
    out.append(f"\n  <url>\n    <loc>{escape_text(location(site, url))}</loc>")
    if lastmod:
        out.append(f"\n    <lastmod>{escape_text(lastmod)}</lastmod>")
    for code, href in alternates:
        out.append(f'\n    <xhtml:link rel="alternate" hreflang="{escape_attribute(code)}" '
                   f'href="{escape_attribute(location(site, href))}" />')
    out.append("\n  </url>")


def robots(site: Site) -> bytes:
    return (f"User-agent: *\nDisallow:\n\nSitemap: {absolute(site, SITEMAP)}\n").encode()


def render_sitemap(site: Site, theme: Theme,
                   markdown: Callable[[OutputPage], str]) -> Iterator[OutputFile]:
    yield OutputFile(SITEMAP, sitemap(site))
    yield OutputFile(ROBOTS, robots(site))
