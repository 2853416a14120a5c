"""What `partials/head-meta.html` puts in every page's head: feed and calendar
links, Open Graph tags and JSON-LD — all computed here, placed by the template."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from generator import LANGUAGES
from generator.render import jsonld
from generator.render.links import absolute, calendar_path, feed_path
from generator.site import PLACE, OutputPage
from generator.views.context import Ctx

OG_LOCALES = {"nb": "nb_NO", "nn": "nn_NO"}
ATOM_TYPE, ICS_TYPE = "application/atom+xml", "text/calendar"


@dataclass(frozen=True)
class HeadLink:
    type: str
    href: str
    title: str
    lang: str


@dataclass(frozen=True)
class HeadMeta:
    links: list[HeadLink] = field(default_factory=list)
    og: list[tuple[str, str]] = field(default_factory=list)  # (property, content)
    jsonld: list[Markup] = field(default_factory=list)  # serialized, safe in <script>


def feed_links(ctx: Ctx, place_id: str | None = None) -> list[HeadLink]:
    """The head's links to the Atom feed and the calendar in the context's language (and a
    place's own, with `place_id`).
    """
    site, lang = ctx.site, ctx.lang
    links = [HeadLink(ATOM_TYPE, absolute(site, feed_path(site, lang)), ctx._("News feed"),
                      lang),
             HeadLink(ICS_TYPE, absolute(site, calendar_path(site, lang)), ctx._("Calendar"),
                      lang)]
    if place_id:
        name = site.data.places[place_id].name(lang)
        links += [HeadLink(ATOM_TYPE, absolute(site, feed_path(site, lang, place_id)),
                           f"{ctx._('News feed')}: {name}", lang),
                  HeadLink(ICS_TYPE, absolute(site, calendar_path(site, lang, place_id)),
                           f"{ctx._('Calendar')}: {name}", lang)]
    return links


def head_meta(ctx: Ctx, page: OutputPage, title: str) -> HeadMeta:
    """The head's metadata of a page: description, Open Graph properties (og:type article for
    announcements), feed links and schema.org JSON-LD.
    """
    site = ctx.site
    src = page.source
    og = [("og:type", "article" if src and src.type == "announcement" else "website"),
          ("og:title", title),
          ("og:url", absolute(site, page.url)),
          ("og:site_name", site.config.site_name(page.lang)),
          ("og:locale", OG_LOCALES[page.lang])]
    og += [("og:locale:alternate", OG_LOCALES[code]) for code in site.alternates(page)
           if code != page.lang]
    if src and src.description:
        og.append(("og:description", src.description))
    return HeadMeta(
        links=feed_links(ctx, page.subject if page.kind == PLACE else None),
        og=og,
        jsonld=[Markup(jsonld.serialize(item)) for item in jsonld.page_data(ctx, page)],
    )


def root_meta(ctx: Ctx) -> HeadMeta:
    """The language chooser links the feeds of both standards."""
    links = []
    for code in LANGUAGES:
        links += feed_links(Ctx(ctx.site, code, ctx.catalogs))
    return HeadMeta(links=links)
