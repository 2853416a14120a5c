"""What every page needs: language, URLs, switcher, menu, banner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator import LANGUAGES
from generator.i18n.catalogs import Catalog
from generator.site import OutputPage, Site

LANG_NAMES = {"nb": "Bokmål", "nn": "Nynorsk"}


@dataclass(frozen=True)
class Link:
    href: str
    text: str
    lang: str | None = None
    current: bool = False


class Ctx:
    """Per-language helpers handed to views and templates as `ctx`."""

    def __init__(self, site: Site, lang: str, catalogs: dict[str, Catalog]):
        self.site = site
        self.lang = lang
        self.catalogs = catalogs
        self.catalog = catalogs[lang]
        self.config = site.config
        self.memo: dict[Any, Any] = {}  # formatted values, for this language and build

    def _(self, msgid: str, **kwargs: Any) -> str:
        text = self.catalog.gettext(msgid)
        return text.format(**kwargs) if kwargs else text

    def url(self, path: str) -> str:
        """Site-relative path ("nb/om/") -> link under the base path."""
        return self.config.base_path + path

    def absolute(self, path: str) -> str:
        """The absolute URL of site-relative `path` (base_url + base_path + path)."""
        return self.config.base_url + self.config.base_path + path

    def other_lang(self) -> str:
        """The other written standard's code ('nn' for 'nb' and back)."""
        return next(code for code in LANGUAGES if code != self.lang)


def alternates(ctx: Ctx, page: OutputPage) -> list[Link]:
    """The head's hreflang links of `page`: one per language version (absolute URLs) and
    'x-default' for the default language's version (Google's hreflang rules).
    """
    urls = ctx.site.alternates(page)
    links = [Link(ctx.absolute(u), LANG_NAMES[code], code) for code, u in urls.items()]
    default = urls.get(ctx.config.default_language)
    if default:
        links.append(Link(ctx.absolute(default), "", "x-default"))
    return links


def switcher(ctx: Ctx, page: OutputPage) -> Link:
    """The link to `page` in the other standard (its front page if there is no version),
    labelled in the language it leads to («Les på nynorsk»).
    """
    other = ctx.other_lang()
    target = ctx.site.versions(page).get(other, f"{other}/")
    # The link is written in the language it leads to: «Les på nynorsk».
    return Link(ctx.url(target), ctx.catalogs[other].gettext("Read in this written standard"),
                other)


def footer(ctx: Ctx, page: OutputPage) -> list[Link]:
    """The footer's links in the context's language; a fallback page is marked with the language
    of its text.
    """
    return [Link(ctx.url(p.url), p.source.title, p.source.lang if p.fallback else None,
                 current=p.url == page.url)
            for p in ctx.site.footer(ctx.lang) if p.source]


def menu(ctx: Ctx, page: OutputPage) -> list[Link]:
    """The main menu's links in the context's language (the front page left out), the current
    page marked.
    """
    site, lang = ctx.site, ctx.lang
    links = []
    for item in site.menu(lang):
        if item.source and item.url != f"{lang}/":
            label = item.source.menu_title or item.source.title
            links.append(Link(ctx.url(item.url), label, current=item.url == page.url))
    fixed = [("timeline", ctx._("Timeline")), ("places", ctx._("Municipalities")),
             ("reductions", ctx._("Reduced capacity"))]
    generated = [Link(ctx.url(site.section_url(name, lang)), label,
                      current=page.url == site.section_url(name, lang)) for name, label in fixed]
    return generated + links


def breadcrumbs(ctx: Ctx, page: OutputPage) -> list[Link]:
    """The way back up from a page, not counting the page itself (as GOV.UK does):
    front page, then the section a place or an announcement belongs to."""
    site, lang = ctx.site, ctx.lang
    home = f"{lang}/"
    if page.url == home:
        return []
    trail = [Link(ctx.url(home), ctx._("Front page"))]
    if page.kind == "place":
        trail.append(Link(ctx.url(site.section_url("places", lang)), ctx._("Municipalities")))
    elif page.source and page.source.type == "announcement":
        key = ("announcement-list", lang)
        if key not in ctx.memo:  # one scan per language, not one per announcement
            ctx.memo[key] = next((p for p in site.pages if p.lang == lang and p.source
                                  and p.source.list == "announcements"), None)
        listing = ctx.memo[key]
        if listing and listing.source:
            trail.append(Link(ctx.url(listing.url), listing.source.title))
    return trail
