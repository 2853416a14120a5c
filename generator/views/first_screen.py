"""What a place page shows on a phone's first screen (360×800 CSS px).

A resident in a hurry asks, in this order: what is happening now, what comes
next, what I can always count on, and whom to call.  Everything here is a
formatting of values the other views already computed (statuses and periods
come from `impact_view`); nothing is derived from the clock again.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.facts import ONGOING, UPCOMING
from generator.model import Contact
from generator.views.context import Ctx
from generator.views.data import (
    Badge,
    BannerLine,
    GoLiveLead,
    ImpactView,
    SpanView,
    after_label,
    without_places,
)
from generator.views.phone import tel_links


@dataclass(frozen=True)
class Headline:
    """One impact as a line: title, link to its detail, period and status word."""

    title: str
    href: str
    period: SpanView  # the impact's period and its differing service periods, as everywhere
    status: Badge


@dataclass(frozen=True)
class FirstScreen:
    lead: GoLiveLead | None  # the go-live sentence of a place page
    now: list[Headline]
    next: list[Headline]
    none_now: str  # «Now:» when nothing is ongoing
    always_kept: str
    urgent: Markup  # with tel: links
    contact: Contact | None


def headline(view: ImpactView, place_name: str | None = None) -> Headline:
    """One line: the impact's periods exactly as the banner, card and detail show them
    («3. november–31. desember 2023; psykososialt team: ingen nye saker 27. oktober–17.
    november 2023»): one notice never shows two different periods on one page.  On the
    page of `place_name`, a title that starts «Rauma: » or «Ålesund og Giske: » (places the
    notice concerns) drops that prefix (the page's h1 already says it), which keeps the
    line short enough for the first screen; a title that still has a colon is put in «»,
    so «Nå:» is never followed by a second label."""
    title = view.title
    if place_name:
        title = without_places(title, [place_name, *(link.text for link in view.places)])
    return Headline(after_label(title), f"#{view.id}", view.period, view.status)


def first_screen(ctx: Ctx, current: list[ImpactView], contact: Contact | None,
                 lead: GoLiveLead | None = None, website: str | None = None,
                 before_go_live: bool = False, place_name: str | None = None) -> FirstScreen:
    """`current`: the impact views not ended, as the page lists them (statuses from
    `site.facts`).  The contact is the place's own, else the first current impact's,
    else the place's website.  `before_go_live` (`site.facts.before_go_live`): with no
    notice, «not reported yet» rather than «nothing announced»."""
    kept = next((v.always_kept for v in current if v.always_kept), None)
    urgent = next((v.urgent for v in current if v.urgent), None)
    return FirstScreen(
        lead=lead,
        now=[headline(v, place_name) for v in current if v.status_key == ONGOING],
        next=[headline(v, place_name) for v in current if v.status_key == UPCOMING],
        none_now=none_now(ctx, bool(current), before_go_live),
        always_kept=kept or ctx._("You always get necessary and urgent health care."),
        urgent=tel_links(urgent or ctx._("When it is urgent, call the out-of-hours medical "
                                         "service (legevakt) on 116 117. If life is in "
                                         "danger, call 113.")),
        contact=contact or next((v.contact for v in current if v.contact), None)
        or (Contact(url=website) if website else None),
    )


def none_now(ctx: Ctx, upcoming: bool, before_go_live: bool) -> str:
    """«Nå:» with nothing ongoing: short when a «Neste:» line follows (the first screen
    has room for little), else the page's own sentence."""
    if upcoming:
        return ctx._("No services are reduced now.")
    if before_go_live:
        return ctx._("No reduced capacity has been reported yet.")
    return ctx._("No reduced capacity is announced right now.")


def others(lines: list[BannerLine], place_id: str) -> list[BannerLine]:
    """Banner lines that do not concern this place (a place page shows its own first)."""
    return [line for line in lines if place_id not in line.places]
