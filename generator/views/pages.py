"""Per-kind page views: what the template of each kind of page shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.model import Member, Wave
from generator.render.card import snippet
from generator.site import CONTENT, PLACE, PLACES, REDUCTIONS, TIMELINE, OutputPage
from generator.status import ENDED, NOW, ONGOING, PAST, UPCOMING, impact_status
from generator.views.context import Ctx, Link
from generator.views.data import (
    impact_view,
    place_facts,
    place_link,
    wave_view,
    when_text,
)
from generator.views.first_screen import first_screen
from generator.views.meta import subscribe_links

MarkdownFn = Callable[[OutputPage], str]


def title(ctx: Ctx, page: OutputPage) -> str:
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
    return ctx.config.site_name(ctx.lang)


def content_view(ctx: Ctx, page: OutputPage, body: str) -> dict[str, Any]:
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
    waves = [wave_view(ctx, w) for w in ctx.site.data.waves.values()]
    sections = []
    for phase, heading in ((NOW, ctx._("Happening now")), (UPCOMING, ctx._("Coming up")),
                           (PAST, ctx._("Already switched or ended"))):
        items = [w for w in waves if w.phase == phase]
        if phase == PAST:
            items.reverse()
        sections.append({"id": phase, "heading": heading, "waves": items})
    return {"sections": sections, "waves": waves, "subscribe": subscribe_links(ctx)}


def places_view(ctx: Ctx, page: OutputPage) -> dict[str, Any]:
    site = ctx.site
    groups: dict[str, list[dict[str, Any]]] = {}
    for place in sorted(site.data.places.values(),
                        key=lambda p: (not p.is_municipality, p.name(ctx.lang).lower())):
        wave = site.data.wave_of(place.id)
        member = wave.member(place.id) if wave else None
        go = (member.go_live if member and member.go_live else wave.go_live) if wave else None
        heading = place.county or ctx._("Other") if place.is_municipality \
            else ctx._("Hospitals and other organisations")
        groups.setdefault(heading, []).append({
            "link": place_link(ctx, place),
            "wave": wave.name if wave else None,
            "go_live": when_text(ctx, go, weekday=False) if go else None,
        })
    return {"groups": sorted(groups.items(), key=lambda kv: (kv[0].startswith(
        ctx._("Hospitals and other organisations")), kv[0]))}


def place_view(ctx: Ctx, page: OutputPage) -> dict[str, Any]:
    site = ctx.site
    assert page.subject
    place = site.data.places[page.subject]
    wave = site.data.wave_of(place.id)
    member = wave.member(place.id) if wave else None
    impacts = [i for i in site.data.impacts if place.id in i.places]
    current = [impact_view(ctx, i) for i in impacts if impact_status(i, site.now) != ENDED]
    archive = [impact_view(ctx, i) for i in impacts if impact_status(i, site.now) == ENDED]
    news = [Link(ctx.url(p.url), p.source.title, p.source.lang if p.fallback else None)
            for p in site.pages_about(place.id, ctx.lang) if p.source]
    name = place.name(ctx.lang)
    lead = place_lead(ctx, name, wave, member)
    return {
        "first": first_screen(ctx, current, place.contact, lead=lead, website=place.website),
        "subscribe": subscribe_links(ctx, place.id),
        "embed": snippet(ctx, place.id),
        "place": place,
        "name": place.name(ctx.lang),
        "lead": lead,
        "facts": place_facts(ctx, place),
        "wave": wave_view(ctx, wave) if wave else None,
        "member": {"go_live": when_text(ctx, member.go_live), "note": member.note(ctx.lang)
                   if member.note else None} if member and member.go_live else None,
        "current": current,
        "archive": archive,
        "news": news,
        "decisions": [(when_text(ctx, d.date, weekday=False), d.text(ctx.lang))
                      for d in place.decisions],
        "contact": place.contact,
        "website": place.website,
    }


def place_lead(ctx: Ctx, name: str, wave: Wave | None, member: Member | None) -> dict[str, Any]:
    """The first sentence of a place page: when it switches, as precisely as known."""
    go = member.go_live if member and member.go_live else wave.go_live if wave else None
    if go is not None:
        return {"text": ctx._("%(name)s switches to Helseplattformen") % {"name": name},
                "time": when_text(ctx, go)}
    if wave is not None and wave.status == "live":
        return {"text": ctx._("%(name)s already uses Helseplattformen. Our sources do not give "
                              "the exact date.") % {"name": name}, "time": None}
    return {"text": ctx._("The date is not set yet."), "time": None}


def reductions_view(ctx: Ctx, page: OutputPage) -> dict[str, Any]:
    site = ctx.site
    views = [(impact_status(i, site.now), impact_view(ctx, i)) for i in site.data.impacts]
    return {
        "subscribe": subscribe_links(ctx),
        "ongoing": [v for s, v in views if s == ONGOING],
        "upcoming": [v for s, v in views if s == UPCOMING],
        "archive": [v for s, v in reversed(views) if s == ENDED],
    }


VIEWS: dict[str, Callable[[Ctx, OutputPage], dict[str, Any]]] = {
    TIMELINE: timeline_view,
    PLACES: places_view,
    PLACE: place_view,
    REDUCTIONS: reductions_view,
}
TEMPLATES = {CONTENT: "content.html", TIMELINE: "timeline.html", PLACES: "places.html",
             PLACE: "place.html", REDUCTIONS: "reductions.html"}
