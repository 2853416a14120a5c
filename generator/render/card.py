"""An embeddable status card per place and standard: ``<lang>/<places>/<id>/card.html``.

A small standalone page for an ``<iframe>`` on a municipality's own site: the
next (or current) go-live, ongoing and upcoming reductions, and a link to the
full page (``target="_top"``, so it opens outside the frame).  No script, its
own inline CSS, a canonical link to the place page, one ``<main>`` and an ``<h2>``
(the card sits inside another site's page, under that page's own h1).  Embed it
with :func:`snippet`, for example::

    <iframe src="https://…/nb/kommuner/rauma/card.html"
            title="Helseplattformen i Rauma: status"
            style="border:0;width:100%;max-width:30rem;height:30em"></iframe>

The height is in ``em`` of the embedding page, so it grows with the reader's text size
as the card's own text does; the browser suite checks the card fits at 320–480 px wide,
at 100 % and 200 % text, without scrolling inside the frame.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from markupsafe import escape

from generator import LANGUAGES
from generator.events import go_live_of, impacts_for
from generator.i18n.dates import format_instant, format_period, format_when, iso_instant
from generator.render import OutputFile
from generator.render.links import absolute, card_path, impact_url
from generator.render.theme import Theme
from generator.site import OutputPage, Site
from generator.status import ENDED, impact_status
from generator.views.context import Ctx, Link
from generator.views.data import IMPACT_STATUS, WAVE_STATUS, Badge, TimeText, badge


@dataclass(frozen=True)
class CardNotice:
    link: Link
    period: str
    status: Badge


@dataclass(frozen=True)
class Card:
    lang: str
    name: str
    headline: str  # «Rauma tar i bruk Helseplattformen»
    go_live: TimeText | None
    status: Badge | None
    notices: list[CardNotice]
    details: Link
    as_of: TimeText


def card(ctx: Ctx, place_id: str) -> Card:
    site, lang = ctx.site, ctx.lang
    place = site.data.places[place_id]
    name = place.name(lang)
    g = go_live_of(site.data, place_id)
    go = (TimeText(format_when(g.when, lang, ctx._, weekday=False), g.when.iso())
          if g and g.when else None)
    notices = [CardNotice(Link(absolute(site, impact_url(site, lang, i.id)), i.title(lang)),
                          format_period(i.period, lang),
                          badge(ctx, IMPACT_STATUS, impact_status(i, site.now)))
               for i in impacts_for(site.data, place_id)
               if impact_status(i, site.now) != ENDED]
    return Card(
        lang=lang, name=name,
        headline=ctx.catalog.gettext("%(name)s switches to Helseplattformen") % {"name": name},
        go_live=go, status=badge(ctx, WAVE_STATUS, g.status) if g else None,
        notices=notices,
        details=Link(absolute(site, site.place_url(place_id, lang)),
                     ctx._("More about {name}", name=name)),
        as_of=TimeText(format_instant(site.now, lang, weekday=False), iso_instant(site.now)),
    )


# Fits the default content at 320–480 px wide with 100 % and 200 % text (browser suite).
CARD_HEIGHT = "30em"


def snippet(ctx: Ctx, place_id: str) -> str:
    """The `<iframe>` to paste: a title unique to the place (WCAG 4.1.2, frame-title-unique)."""
    site = ctx.site
    name = site.data.places[place_id].name(ctx.lang)
    title = ctx._("Helseplattformen in {name}: status", name=name)
    return (f'<iframe src="{absolute(site, card_path(site, ctx.lang, place_id))}" '
            f'title="{escape(title)}" '
            f'style="border:0;width:100%;max-width:30rem;height:{CARD_HEIGHT}"></iframe>')


def render_cards(site: Site, theme: Theme,
                 markdown: Callable[[OutputPage], str]) -> Iterator[OutputFile]:
    env = theme.env
    for lang in LANGUAGES:
        ctx = Ctx(site, lang, theme.catalogs)
        env.install_gettext_callables(ctx.catalog.gettext, ctx.catalog.ngettext,  # type: ignore
                                      newstyle=True)
        template = env.get_template("card.html")
        for pid in sorted(site.data.places):
            html = template.render(card=card(ctx, pid), site_name=site.config.site_name(lang))
            yield OutputFile(card_path(site, lang, pid), html.encode("utf-8"))
