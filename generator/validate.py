"""Cross-checks between data records, and the resolved `Data` they give.

Loaders check each record alone; here we check what records say about each
other: unknown ids (with the nearest one suggested), duplicate ids, a member in
two waves, a wave marked live with a go-live after the build clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from generator.errors import Report, suggest
from generator.load.data import RawData
from generator.model import Data, Wave
from generator.when import OSLO

KIND_WORDS = {"place": "municipality or organisation", "wave": "wave", "service": "service",
              "impact": "service impact"}
KIND_FILES = {"place": "data/municipalities.yaml or data/organisations.yaml",
              "wave": "data/waves.yaml", "service": "data/services.yaml"}
KIND_SOURCES = {"place": {"municipalities.yaml", "organisations.yaml"},
                "wave": {"waves.yaml"}, "service": {"services.yaml"}}


def validate_data(report: Report, raw: RawData, now: datetime) -> Data:
    """The checked `Data` from raw records at the clock `now`: duplicate ids, unknown ids (with
    the nearest suggested), a place twice in a wave or in two waves, and a wave marked live
    with a go-live after `now` are errors in `report`.
    """
    for (kind, rid), where in sorted(raw.id_lines.items(), key=lambda kv: kv[0]):
        if len(where) > 1:
            first = where[0]
            for path, line in where[1:]:
                report.error(path, line, f"The {KIND_WORDS[kind]} id '{rid}' is used twice "
                             f"(also in {report.rel(first[0])}:{first[1]}).",
                             "Every id must be unique; rename one of them.")
    services = {s.id: s for s in raw.services}
    places = {p.id: p for p in raw.places}
    waves = {w.id: w for w in raw.waves}
    known: dict[str, Mapping[str, object]] = {"place": places, "wave": waves, "service": services}
    for ref in raw.refs:
        if KIND_SOURCES[ref.kind] & raw.unread or (ref.kind, ref.id) in raw.invalid:
            continue  # the record or its file has its own error; no echo errors
        if ref.id not in known[ref.kind]:
            hint = suggest(ref.id, known[ref.kind]) or f"Add it to {KIND_FILES[ref.kind]} first."
            report.error(ref.path, ref.line, f"Unknown {KIND_WORDS[ref.kind]} id '{ref.id}'.",
                         hint)
    member_of: dict[str, str] = {}
    for wave in raw.waves:
        seen: set[str] = set()
        for member in wave.members:
            member_line = member.line or wave.origin.line
            if member.place in seen:
                report.error(wave.origin.path, member_line,
                             f"'{member.place}' is listed twice in wave '{wave.id}'.",
                             "Remove one of the lines.")
            seen.add(member.place)
            other = member_of.get(member.place)
            if other and other != wave.id:
                report.error(wave.origin.path, member_line,
                             f"'{member.place}' is a member of both wave '{other}' and wave "
                             f"'{wave.id}'.", "A municipality or organisation switches in one "
                             "wave only; remove it from one of them.")
            member_of.setdefault(member.place, wave.id)
        if wave.status == "live" and wave.go_live is not None:
            if wave.go_live.start > now:
                report.error(wave.origin.path, wave.origin.line,
                             f"Wave '{wave.id}' is marked live, but its go-live "
                             f"({wave.go_live.text}) is after the build clock.",
                             "Use status 'confirmed' until it has happened, or fix the date.")
    impacts = []
    for impact in raw.impacts:
        affected = list(impact.places)
        if impact.wave in waves:
            affected += [m.place for m in waves[impact.wave].members]
        affected = sorted({p for p in affected if p in places})
        impacts.append(replace(impact, places=tuple(affected)))
    impacts.sort(key=lambda i: (i.period.start_at, i.id))
    return Data(services=services, places=dict(sorted(places.items())),
                waves=dict(sorted(waves.items(), key=_wave_order)),
                impacts=tuple(impacts))


def _wave_order(item: tuple[str, Wave]) -> tuple[int, datetime, str]:
    """Waves in time order: undated waves already live first, undated plans last."""
    wave = item[1]
    if wave.go_live is not None:
        return (1, wave.go_live.start, wave.id)
    return (0 if wave.status == "live" else 2, datetime.min.replace(tzinfo=OSLO), wave.id)
