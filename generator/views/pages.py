"""Per-kind page views: what the template of each kind of page shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.facts import ENDED, NOW, ONGOING, OVERDUE, PAST, UPCOMING
from generator.i18n.collation import sort_key
from generator.render.card import snippet
from generator.site import CONTENT, PLACE, PLACES, REDUCTIONS, SEARCH, TIMELINE, OutputPage
from generator.views.context import Ctx, Link
from generator.views.data import (
    go_live_lead,
    impact_view,
    place_facts,
    place_link,
    status_words,
    wave_view,
    when_text,
)
from generator.views.first_screen import first_screen, without_first_screen
from generator.views.for_you import for_you
from generator.views.meta import subscribe_links

MarkdownFn = Callable[[OutputPage], str]


@dataclass(frozen=True)
class NewsItem:
    """An announcement on a place's page: link, title, language if a fallback, and the
    one-sentence description from its front matter (None if it has none)."""

    href: str
    text: str
    lang: str | None
    description: str | None


def title(ctx: Ctx, page: OutputPage) -> str:
    """The page's title: its front matter's, or the translated name of a generated page."""
    if page.source:
        return page.source.title
    if page.kind == TIMELINE:
        return ctx._("When does each municipality switch?")
    if page.kind == PLACES:
        return ctx._("Municipalities and hospitals")
    if page.kind == REDUCTIONS:
        return ctx._("Reduced capacity in health services")
    if page.kind == PLACE and page.subject:
        return ctx.site.data.places[page.subject].name(ctx.lang)
    if page.kind == SEARCH:
        return ctx._("Search")
    return ctx.config.site_name(ctx.lang)


def content_view(ctx: Ctx, page: OutputPage, body: str) -> dict[str, Any]:
    """Template values of a Markdown page: its body HTML and, for a listing page, the
    announcements it lists.
    """
    src = page.source
    assert src is not None
    site = ctx.site
    listing = []
    if src.list == "announcements":
        for item in site.announcements(ctx.lang):
            s = item.source
            assert s is not None
            listing.append({
                "link": Link(ctx.url(item.url), s.title, s.lang if item.fallback else None),
                "date": when_text(ctx, s.date, weekday=False) if s.date else None,
                "description": s.description,
            })
    places = [place_link(ctx, site.data.places[p]) for p in src.places if p in site.data.places]
    return {
        "body": body,
        "date": when_text(ctx, src.date, weekday=False) if src.date else None,
        "updated": when_text(ctx, src.updated, weekday=False) if src.updated else None,
        "is_announcement": src.type == "announcement",
        "places": places,
        "listing": listing,
        # The front page helps a reader find their place first.
        "home_places": places_view(ctx, page)["groups"] if page.url == f"{ctx.lang}/"
        else None,
    }


def timeline_view(ctx: Ctx, page: OutputPage) -> dict[str, Any]:
    """Template values of the timeline: the waves grouped by phase (now, coming up, past)."""
    facts = ctx.site.facts
    waves = [wave_view(ctx, w) for w in facts.waves]
    sections = []
    # NOW holds a go-live inside the banner window (`soon`: then the heading covers the
    # next days) or a wave whose notices are ongoing after its switch (then just «now»).
    soon = any(w.soon for w in facts.waves.values() if w.phase == NOW)
    for phase, heading in ((NOW, ctx._("Now and the next few days") if soon else ctx._("Now")),
                           (OVERDUE, ctx._("Date passed, no news yet")),
                           (UPCOMING, ctx._("Coming up")),
                           (PAST, ctx._("Already switched or ended"))):
        items = [w for w in waves if w.phase == phase]
        if phase == PAST:
            items.reverse()
        if phase == OVERDUE and not items:
            continue  # a group that is usually empty is shown only when it holds a wave
        sections.append({"id": phase, "heading": heading, "waves": items})
    shown = [w.status for w in waves] + [m.status for w in waves for m in w.members if m.status]
    return {"sections": sections, "waves": waves, "subscribe": subscribe_links(ctx),
            "status_words": status_words(ctx, shown)}


def places_view(ctx: Ctx, page: OutputPage) -> dict[str, Any]:
    """Template values of the place index: municipalities, then organisations, by name in the
    context's language.
    """
    site = ctx.site
    groups: dict[str, list[dict[str, Any]]] = {}
    for place in sorted(site.data.places.values(),
                        key=lambda p: (not p.is_municipality, sort_key(p.name(ctx.lang)))):
        wave = site.data.wave_of(place.id)
        g = site.facts.go_live_of(place.id)
        go = g.when if g else None
        heading = place.county or ctx._("Other") if place.is_municipality \
            else ctx._("Hospitals and other organisations")
        groups.setdefault(heading, []).append({
            "link": place_link(ctx, place),
            "wave": wave.name if wave else None,
            "go_live": when_text(ctx, go, weekday=False) if go else None,
        })
    return {"groups": sorted(groups.items(), key=lambda kv: (kv[0].startswith(
        ctx._("Hospitals and other organisations")), sort_key(kv[0])))}


def place_view(ctx: Ctx, page: OutputPage) -> dict[str, Any]:
    """Template values of one place's page: its wave, its own go-live, impacts and
    announcements.
    """
    site = ctx.site
    assert page.subject
    place = site.data.places[page.subject]
    wave = site.data.wave_of(place.id)
    member = wave.member(place.id) if wave else None
    impacts = site.facts.impacts_for(place.id)
    lead = go_live_lead(ctx, place.id)
    # with its description: a title about a neighbour («Rauma: …») on Molde's page says
    # why it is there («… bruker Rauma, Aukra, Vestnes, Hustadvika og Molde …»)
    news = [NewsItem(ctx.url(p.url), p.source.title, p.source.lang if p.fallback else None,
                     p.source.description)
            for p in site.pages_about(place.id, ctx.lang) if p.source]
    current = [impact_view(ctx, f) for f in impacts if f.status != ENDED]
    none_yet = site.facts.before_go_live(place.id)
    first = first_screen(ctx, current, place.contact, lead=lead, website=place.website,
                         before_go_live=none_yet, place_name=place.name(ctx.lang))
    # what the first screen says (always kept, whom to call) is not said twice
    current = [without_first_screen(v, first) for v in current]
    return {
        "first": first,
        "subscribe": subscribe_links(ctx, place.id),
        "embed": snippet(ctx, place.id),
        "place": place,
        "name": place.name(ctx.lang),
        "lead": lead,
        "facts": place_facts(ctx, place),
        "wave": wave_view(ctx, wave.id) if wave else None,
        "member": {"own_date": bool(member.go_live), "note": member.note(ctx.lang)
                   if member.note else None} if member else None,
        "current": current,
        "archive": [impact_view(ctx, f) for f in impacts if f.status == ENDED],
        # before a go-live, no notice means «not reported yet», never «nothing changes»
        "none_yet": none_yet,
        "news": news,
        # Newest first, as a resident asks «what is the latest?» (review finding 39).
        "decisions": [(when_text(ctx, d.date, weekday=False), d.text(ctx.lang))
                      for d in sorted(place.decisions, key=lambda d: d.date.start,
                                      reverse=True)],
        # …ending with what it means for a resident, from the go-live facts (finding 39)
        "for_you": for_you(ctx, place.id),
        "contact": place.contact,
        "website": place.website,
    }


def reductions_view(ctx: Ctx, page: OutputPage) -> dict[str, Any]:
    """Template values of the reductions page: impacts by status at the clock."""
    views = [(f.status, impact_view(ctx, f)) for f in ctx.site.facts.impacts]
    return {
        "subscribe": subscribe_links(ctx),
        "ongoing": [v for s, v in views if s == ONGOING],
        "upcoming": [v for s, v in views if s == UPCOMING],
        "archive": [v for s, v in reversed(views) if s == ENDED],
    }


def search_view(ctx: Ctx, page: OutputPage) -> dict[str, Any]:
    """The search page: its form, without JavaScript the A–Å list of places instead, and
    where nothing is found a link to the same search in the other written standard."""
    other = (ctx._("Search the pages in Nynorsk") if ctx.lang == "nb"
             else ctx._("Search the pages in Bokmål"))
    return {"places_url": ctx.url(ctx.site.section_url(PLACES, ctx.lang)),
            "other_search": other}


VIEWS: dict[str, Callable[[Ctx, OutputPage], dict[str, Any]]] = {
    TIMELINE: timeline_view,
    PLACES: places_view,
    PLACE: place_view,
    REDUCTIONS: reductions_view,
    SEARCH: search_view,
}
TEMPLATES = {CONTENT: "content.html", TIMELINE: "timeline.html", PLACES: "places.html",
             PLACE: "place.html", REDUCTIONS: "reductions.html", SEARCH: "search.html"}
