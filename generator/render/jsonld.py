"""schema.org JSON-LD: `SpecialAnnouncement` for notices, `Event` for go-lives.

Shown in `<script type="application/ld+json">` on the reductions page (every
notice), the timeline (every go-live with an exact date) and each place page
(its notices and its go-live).  `serialize` escapes `<`, `>` and `&`, so no
value can close the script element.  Approximate go-lives («2024-autumn») get
no Event: schema.org's startDate needs a date.  previousStartDate lists the
earlier exact or month-precise dates from the wave's history.
"""

from __future__ import annotations

import json
from typing import Any

from babel.lists import format_list

from generator.facts import GoLive, ImpactFacts
from generator.model import Place
from generator.render.links import absolute, impact_url
from generator.site import PLACE, REDUCTIONS, TIMELINE, OutputPage
from generator.views.context import Ctx
from generator.when import MONTH

SCHEMA = "https://schema.org"


def serialize(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def area(ctx: Ctx, place: Place) -> dict[str, Any]:
    out: dict[str, Any] = {
        "@type": "AdministrativeArea" if place.is_municipality else "Place",
        "name": place.name(ctx.lang),
        "url": absolute(ctx.site, ctx.site.place_url(place.id, ctx.lang)),
    }
    if place.number:
        out["identifier"] = place.number
    return out


def organizer(ctx: Ctx) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": "Organization", "name": ctx.config.organisation(ctx.lang)}
    if ctx.config.contact.url:
        out["url"] = ctx.config.contact.url
    return out


def special_announcement(ctx: Ctx, facts: ImpactFacts) -> dict[str, Any]:
    site, lang, impact = ctx.site, ctx.lang, facts.impact
    out: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "SpecialAnnouncement",
        "@id": absolute(site, impact_url(site, lang, impact.id)),
        "url": absolute(site, impact_url(site, lang, impact.id)),
        "name": impact.title(lang),
        "text": impact.summary(lang),
        "inLanguage": lang,
        "datePosted": impact.published.iso(),
        "category": ctx._("Reduced capacity"),
        "spatialCoverage": [area(ctx, site.data.places[p]) for p in impact.places
                            if p in site.data.places],
    }
    end = facts.span.end_at  # the last day any part of the notice is in force
    if end is not None:
        out["expires"] = end.isoformat(timespec="minutes")
    return out


def event_status(g: GoLive) -> str:
    if g.status == "cancelled":
        return f"{SCHEMA}/EventCancelled"
    if g.status == "postponed":
        return f"{SCHEMA}/EventPostponed"
    if g.previous:
        return f"{SCHEMA}/EventRescheduled"
    return f"{SCHEMA}/EventScheduled"


def event(ctx: Ctx, g: GoLive) -> dict[str, Any] | None:
    site, lang = ctx.site, ctx.lang
    if g.when is None or not g.when.is_exact:
        return None
    anchor = absolute(site, site.section_url(TIMELINE, lang)) + f"#wave-{g.wave.id}"
    places = [site.data.places[p] for p in g.places if p in site.data.places]
    names = format_list([p.name(lang) for p in places], locale=lang) if places else g.wave.name
    out: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "Event",
        "@id": anchor + ("" if g.key == g.wave.id else f"-{g.key.split('/')[-1]}"),
        "url": anchor,
        "name": ctx.catalog.gettext("%(name)s switches to Helseplattformen") % {"name": names},
        "inLanguage": lang,
        "startDate": g.when.iso(),
        "eventStatus": event_status(g),
        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
        "location": [area(ctx, p) for p in places],
        "organizer": organizer(ctx),
    }
    previous = [w.iso() for w in g.previous if w.is_exact or w.precision == MONTH]
    if previous:
        out["previousStartDate"] = previous
    if g.wave.description:
        out["description"] = g.wave.description(lang)
    return out


def page_data(ctx: Ctx, page: OutputPage) -> list[dict[str, Any]]:
    """The JSON-LD objects of one HTML page (none for most pages)."""
    facts = ctx.site.facts
    items: list[dict[str, Any] | None] = []
    if page.kind == REDUCTIONS:
        items += [special_announcement(ctx, f) for f in facts.impacts]
    elif page.kind == TIMELINE:
        items += [event(ctx, g) for g in facts.go_lives()]
    elif page.kind == PLACE and page.subject:
        g = facts.go_live_of(page.subject)
        items += [event(ctx, g)] if g else []
        items += [special_announcement(ctx, f) for f in facts.impacts_for(page.subject)]
    return [i for i in items if i]
