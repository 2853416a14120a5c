"""An embeddable status card per place and standard: ``<lang>/<places>/<id>/card.html``.

A small standalone page for an ``<iframe>`` on a municipality's own site: the
next (or current) go-live, what it means for you (the place page's line), ongoing
and upcoming reductions, and a link to the
full page (``target="_top"``, so it opens outside the frame).  No script, its
own inline CSS, a canonical link to the place page, one ``<main>`` and an ``<h2>``
(the card sits inside another site's page, under that page's own h1).  Embed it
with :func:`snippet`, for example::

    <iframe src="https://…/nb/kommuner/rauma/card.html"
            title="Helseplattformen i Rauma: status"
            style="border:0;width:100%;max-width:30rem;height:47em"></iframe>

The height is in ``em`` of the embedding page, so it grows with the reader's text size
as the card's own text does; the browser suite checks the card fits at 320–480 px wide,
at 100 % and 200 % text, without scrolling inside the frame.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator import LANGUAGES
from generator.facts import ENDED
from generator.i18n.dates import format_instant, iso_instant
from generator.render import OutputFile
from generator.render.links import absolute, card_path, impact_url
from generator.render.theme import Theme
from generator.site import OutputPage, Site
from generator.views.context import Ctx, Link
from generator.views.data import (
    IMPACT_STATUS,
    Badge,
    GoLiveLead,
    TimeText,
    badge,
    go_live_lead,
    span_view,
)
from generator.views.for_you import for_you


@dataclass(frozen=True)
class CardNotice:
    link: Link
    period: Markup  # the same words and <time> elements as the page
    status: Badge


@dataclass(frozen=True)
class Card:
    lang: str
    name: str
    lead: GoLiveLead  # «Rauma tar i bruk Helseplattformen: …» or «… tok i bruk …»
    # what this means for you: the place page's line (`views.for_you`, from
    # `site.facts.outlook`), links opening outside the frame
    outlook: Markup
    notices: list[CardNotice]
    none_text: str  # shown when there are no notices
    details: Link
    as_of: TimeText


def card(ctx: Ctx, place_id: str) -> Card:
    """What a place's embeddable status card shows: its go-live and status, what this means
    for you (the place page's line, the same derived `Facts.outlook`), current notices and a
    link to its page.
    """
    site, lang = ctx.site, ctx.lang
    name = site.data.places[place_id].name(lang)
    lead = go_live_lead(ctx, place_id)
    notices = [CardNotice(Link(absolute(site, impact_url(site, lang, f.id)),
                               f.impact.title(lang)),
                          span_view(ctx, f).html(), badge(ctx, IMPACT_STATUS, f.status))
               for f in site.facts.impacts_for(place_id) if f.status != ENDED]
    return Card(
        lang=lang, name=name, lead=lead, outlook=for_you(ctx, place_id, embedded=True),
        notices=notices,
        none_text=ctx._("No reduced capacity has been reported yet.")
        if site.facts.before_go_live(place_id)
        else ctx._("No reduced capacity is announced right now."),
        details=Link(absolute(site, site.place_url(place_id, lang)),
                     ctx._("More about {name}", name=name)),
        as_of=TimeText(format_instant(site.now, lang, weekday=False), iso_instant(site.now)),
    )


# Fits the default content at 320–480 px wide with 100 % and 200 % text (browser suite):
# Rauma before its go-live, with the «for you» line, needs 45em at 320 px and 200 % text.
CARD_HEIGHT = "47em"


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
    """A status card (HTML, templates/card.html) per place in each language."""
    for lang in LANGUAGES:
        ctx = Ctx(site, lang, theme.catalogs)
        template = theme.env_for(lang).get_template("card.html")
        for pid in sorted(site.data.places):
            html = template.render(card=card(ctx, pid), site_name=site.config.site_name(lang))
            yield OutputFile(card_path(site, lang, pid), html.encode("utf-8"))
