"""What `partials/head-meta.html` puts in every page's head: feed and calendar
links, Open Graph tags and JSON-LD — all computed here, placed by the template."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from generator import LANGUAGES
from generator.render import jsonld
from generator.render.links import absolute, calendar_path, feed_path
from generator.site import PLACE, PLACES, REDUCTIONS, TIMELINE, OutputPage
from generator.views.context import Ctx, Link

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
    description: str | None = None  # <meta name="description">


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


@dataclass(frozen=True)
class Subscribe:
    """Visible «Abonner» links: a calendar (.ics) and a news feed (Atom), with one line on
    what each does.  Site-relative links; the same files `<head>` points to."""

    calendar: Link
    feed: Link
    explain: str


def subscribe_links(ctx: Ctx, place_id: str | None = None) -> Subscribe:
    """The visible «Abonner» links (iCalendar and Atom) of one place, or of the whole
    site without `place_id`, with the line that says what each does."""
    site, lang = ctx.site, ctx.lang
    if place_id:
        name = site.data.places[place_id].name(lang)
        explain = ctx._("Get the dates for {name} in your calendar app, or new notices about "
                        "{name} in a news reader. Both update by themselves.", name=name)
    else:
        explain = ctx._("Get all dates in your calendar app, or every new notice in a news "
                        "reader. Both update by themselves.")
    return Subscribe(
        calendar=Link(ctx.url(calendar_path(site, lang, place_id)),
                      ctx._("Calendar (.ics)")),
        feed=Link(ctx.url(feed_path(site, lang, place_id)), ctx._("News feed (Atom)")),
        explain=explain)


def description(ctx: Ctx, page: OutputPage, title: str) -> str:
    """The page's `meta description`: the editor's, else one sentence per page kind."""
    src = page.source
    if src and src.description:
        return src.description
    if page.kind == PLACE and page.subject:
        name = ctx.site.data.places[page.subject].name(ctx.lang)
        return ctx._("When {name} switches to Helseplattformen, which services have reduced "
                     "capacity, and whom to contact.", name=name)
    text = {TIMELINE: ctx._("When each municipality and hospital switches to Helseplattformen, "
                            "wave by wave."),
            PLACES: ctx._("Find your municipality: when it switches to Helseplattformen and "
                          "what it means for you."),
            REDUCTIONS: ctx._("Where health services have reduced capacity because of "
                              "Helseplattformen, for how long, and whom to contact.")}
    return text.get(page.kind) or f"{title} – {ctx.config.site_name(ctx.lang)}"


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
    text = description(ctx, page, title)
    og.append(("og:description", text))
    return HeadMeta(
        description=text,
        links=feed_links(ctx, page.subject if page.kind == PLACE else None),
        og=og,
        jsonld=[Markup(jsonld.serialize(item)) for item in jsonld.page_data(ctx, page)],
    )


def root_meta(ctx: Ctx) -> HeadMeta:
    """The language chooser links the feeds of both standards."""
    links = []
    for code in LANGUAGES:
        links += feed_links(Ctx(ctx.site, code, ctx.catalogs))
    return HeadMeta(links=links, description=" / ".join(
        ctx.catalogs[code].gettext("When your municipality switches to Helseplattformen, and "
                                   "what it means for you.") for code in LANGUAGES))
