"""Open data: the register, the waves and the notices as JSON (schema in docs/open-data.md).

Files under ``data/v1/``: ``index.json``, ``register.json``, ``waves.json``,
``impacts.json``.  Every file carries ``schema_version``; a breaking change
gets a new folder (``data/v2/``).  Prose carries both standards
(``{"nb": …, "nn": …}``); URLs are absolute, one per standard.  Keys keep
the order written here and lists follow the content's order, so two builds
with the same clock give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from generator import LANGUAGES
from generator.events import impact_sequence
from generator.facts import ImpactFacts
from generator.model import Contact, Place, Text, Wave
from generator.render import OutputFile
from generator.render.links import (
    DATA_DIR,
    absolute,
    calendar_path,
    card_path,
    feed_path,
    impact_url,
)
from generator.render.theme import Theme
from generator.site import TIMELINE, OutputPage, Site
from generator.when import SEASON, Period, When

SCHEMA_VERSION = "1.1"  # 1.1: a period's `end_assumed`
SEASON_NAMES = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}


def text(t: Text | None) -> dict[str, str] | None:
    """`{'nb': …, 'nn': …}` of a `Text`, or None."""
    return {"nb": t.nb, "nn": t.nn} if t else None


def when(w: When | None) -> dict[str, str] | None:
    """{"value": "2023-04-28T22:00+02:00" | "2023-11-03" | "2024-09" | "2024-autumn",
    "precision": "minute" | "day" | "month" | "season", "start": first instant}."""
    if w is None:
        return None
    value = (f"{w.start.year}-{SEASON_NAMES[w.start.month]}" if w.precision == SEASON
             else w.iso())
    return {"value": value, "precision": w.precision,
            "start": w.start.isoformat(timespec="minutes")}


def period(p: Period) -> dict[str, Any]:
    """A period as open data: start and end as written (see `when`), 'end_exclusive', the
    instant the period is over (ISO 8601, minutes, with offset), or None if open-ended, and
    'end_assumed' (the source gave no end; the editor assumed this one).
    """
    end = p.end_at
    return {"start": when(p.start), "end": when(p.end),
            "end_exclusive": end.isoformat(timespec="minutes") if end else None,
            "end_assumed": p.end_assumed}


def contact(c: Contact) -> dict[str, str] | None:
    """`{'phone', 'email', 'url'}` (only those given) of a contact, or None."""
    if not c:
        return None
    return {k: v for k, v in (("phone", c.phone), ("email", c.email), ("url", c.url)) if v}


def per_lang(site: Site, path: Callable[[str], str]) -> dict[str, str]:
    """`{lang: absolute URL}` of `path(lang)` for every language."""
    return {lang: absolute(site, path(lang)) for lang in LANGUAGES}


def place_record(site: Site, place: Place) -> dict[str, Any]:
    """One municipality or organisation as a record of data/v1/register.json (fields in
    docs/open-data.md).
    """
    g = site.facts.go_live_of(place.id)
    out: dict[str, Any] = {
        "id": place.id,
        "name": text(place.name),
        "kind": place.kind,
        "county": place.county,
    }
    if place.is_municipality:
        out["number"] = place.number
        out["inhabitants"] = place.inhabitants
        out["inhabitants_as_of"] = when(place.inhabitants_as_of)
        out["language"] = place.language
    out |= {
        "website": place.website,
        "contact": contact(place.contact),
        "wave": g.wave.id if g else None,
        "go_live": when(g.when) if g else None,
        "go_live_status": g.status if g else None,
        "decisions": [{"date": when(d.date), "text": text(d.text)} for d in place.decisions],
        "impacts": [i.id for i in site.data.impacts if place.id in i.places],
        "urls": {
            "page": per_lang(site, lambda lang: site.place_url(place.id, lang)),
            "feed": per_lang(site, lambda lang: feed_path(site, lang, place.id)),
            "calendar": per_lang(site, lambda lang: calendar_path(site, lang, place.id)),
            "card": per_lang(site, lambda lang: card_path(site, lang, place.id)),
        },
    }
    return out


def wave_record(site: Site, wave: Wave) -> dict[str, Any]:
    """One wave as a record of data/v1/waves.json, its status derived at the build's clock
    (docs/open-data.md)."""
    facts = site.facts.waves[wave.id]
    own = {g.places[0]: g.status for g in facts.go_lives[1:]}
    return {
        "id": wave.id,
        "name": wave.name,
        "status": facts.main.status,
        "stored_status": wave.status,
        "go_live": when(wave.go_live),
        "sequence": len(wave.history),
        "members": [{"id": m.place, "go_live": when(m.go_live),
                     "status": own.get(m.place, facts.main.status), "note": text(m.note)}
                    for m in wave.members],
        "history": [{"go_live": when(h.go_live), "changed": when(h.changed),
                     "note": text(h.note)} for h in wave.history],
        "description": text(wave.description),
        "urls": {"page": per_lang(site, lambda lang: site.section_url(TIMELINE, lang)
                                  + f"#wave-{wave.id}")},
    }


def impact_record(site: Site, facts: ImpactFacts) -> dict[str, Any]:
    """One service impact (its derived `facts`) as a record of data/v1/impacts.json, with its
    status at the build's clock (docs/open-data.md).
    """
    impact = facts.impact
    return {
        "id": impact.id,
        "status": facts.status,
        "places": list(impact.places),
        "wave": impact.wave,
        "published": when(impact.published),
        "period": period(impact.period),
        "span": period(facts.span),
        "sequence": impact_sequence(impact),
        "title": text(impact.title),
        "summary": text(impact.summary),
        "always_kept": text(impact.always_kept),
        "not_affected": text(impact.not_affected),
        "urgent": text(impact.urgent),
        "contact": contact(impact.contact),
        "services": [{
            "service": s.service,
            "level": s.level,
            "status": status,
            "period": period(s.period),
            "reduced": [text(t) for t in s.reduced],
            "kept": [text(t) for t in s.kept],
            "contact": contact(s.contact),
        } for s, status in zip(impact.services, facts.service_status, strict=True)],
        "updates": [{"date": when(u.date), "text": text(u.text)} for u in impact.updates],
        "urls": {"page": per_lang(site, lambda lang: impact_url(site, lang, impact.id))},
    }


def envelope(site: Site, name: str, **body: Any) -> OutputFile:
    """An open-data file `data/v1/<name>`: `schema_version`, `status_as_of` (the clock, ISO 8601
    seconds) and `body`, as UTF-8 JSON indented by 2 with a final newline.
    """
    data = {"schema_version": SCHEMA_VERSION,
            "status_as_of": site.now.isoformat(timespec="seconds"), **body}
    payload = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return OutputFile(DATA_DIR + name, payload.encode("utf-8"))


def render_open_data(site: Site, theme: Theme,
                     markdown: Callable[[OutputPage], str]) -> Iterator[OutputFile]:
    """The open-data files under data/v1/ (register, waves, impacts); schema in docs/open-
    data.md.
    """
    data = site.data
    places = list(data.places.values())
    yield envelope(
        site, "register.json",
        municipalities=[place_record(site, p) for p in places if p.is_municipality],
        organisations=[place_record(site, p) for p in places if not p.is_municipality],
        services=[{"id": s.id, "name": text(s.name)} for s in data.services.values()],
    )
    yield envelope(site, "waves.json", waves=[wave_record(site, w) for w in data.waves.values()])
    yield envelope(site, "impacts.json",
                   impacts=[impact_record(site, f) for f in site.facts.impacts])
    yield envelope(
        site, "index.json",
        site_name=text(site.config.site_name),
        publisher=text(site.config.organisation),
        files={name: absolute(site, DATA_DIR + f"{name}.json")
               for name in ("register", "waves", "impacts")},
        feeds=per_lang(site, lambda lang: feed_path(site, lang)),
        calendars=per_lang(site, lambda lang: calendar_path(site, lang)),
    )
