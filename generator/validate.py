"""Cross-checks between data records, and the resolved `Data` they give.

Loaders check each record alone; here we check what records say about each
other: unknown ids (with the nearest one suggested), duplicate ids, a member in
two waves, a wave marked live with a go-live after the build clock.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime

from generator.errors import MAX_VALUE, Message, Report, msg
from generator.load.data import RawData
from generator.model import Data, Wave
from generator.when import OSLO

KIND_WORDS = {"place": msg("municipality or organisation"), "wave": msg("wave"),
              "service": msg("service"), "impact": msg("service impact")}
KIND_FILES = {"place": "data/municipalities.yaml or data/organisations.yaml",
              "wave": "data/waves.yaml", "service": "data/services.yaml"}
KIND_SOURCES = {"place": {"municipalities.yaml", "organisations.yaml"},
                "wave": {"waves.yaml"}, "service": {"services.yaml"}}


def nearest(word: str, known: Iterable[str], n: int = 3) -> list[str]:
    """Up to `n` known ids most like `word` (difflib ratio ≥ 0.6; a shared start counts
    too, so 'hjemme' finds 'hjemmetjenester'), best first."""
    ids = sorted(set(known))
    close = difflib.get_close_matches(word, ids, n=n, cutoff=0.6)
    start = [i for i in ids if i not in close and (i.startswith(word[:4]) or word.startswith(i))]
    return (close + start)[:n]


def either(words: list[str]) -> str | Message:
    """'a', 'a or b', 'a, b or c' as a message, so "or" is translated (eller) where the
    finding is printed; up to three words (`nearest` gives three at most)."""
    if len(words) == 1:
        return words[0]
    if len(words) == 2:
        return msg("{first} or {second}", first=words[0], second=words[1])
    return msg("{first}, {second} or {third}", first=words[0], second=words[1],
               third=", ".join(words[2:]))


def names_of(record: object) -> tuple[str, ...]:
    """The names an editor may write for a record instead of its id: its name in nb and nn
    (`Place`, `Service`: `Text`; `Wave`: one string) and a service's search words."""
    out: list[str] = []
    name = getattr(record, "name", None)
    if isinstance(name, str):
        out.append(name)
    elif name is not None:
        out += [name.nb, name.nn]
    words = getattr(record, "search_words", None)
    if words is not None:  # each search word is a name of its own ('hjemmesykepleie')
        out += [w for text in (words.nb, words.nn) for w in text.split()]
    return tuple(dict.fromkeys(out))


def matching_ids(word: str, known: Iterable[str] | Mapping[str, object], n: int = 3) -> list[str]:
    """Up to `n` ids of `known` an editor most likely meant by `word`, best first.

    Compared as addresses are made (`mdext.slugs.slugify`: any case, æ→ae, ø→o, å→a,
    spaces → '-'), against each id and, when `known` maps ids to records, the record's
    names (`names_of`): 'Tingvoll' → 'tingvoll', 'Ålesund' → 'alesund',
    'hjemmetjenester' → 'home-care' (named «Hjemmetjenester og praktisk bistand»).  First
    an id or name equal to the word; else names that begin with it (or it with them);
    only when neither, near spellings (`nearest`) of ids and of names.
    """
    from generator.mdext.slugs import slugify

    records = known if isinstance(known, Mapping) else dict.fromkeys(known)
    ids = sorted(records)
    key = slugify(word) or word.casefold()
    names = {i: [slugify(x) for x in names_of(records[i]) if slugify(x)] for i in ids}
    by_name: dict[str, str] = {}
    for i in ids:
        for name in names[i]:
            by_name.setdefault(name, i)
    found = [i for i in ids if i == key or key in names[i]]
    if not found and len(key) >= 4:
        found = [i for i in ids if any(x.startswith(key + "-") or key.startswith(x + "-")
                                       for x in names[i])]
    if found:  # the word names these: a near spelling of something else would mislead
        return found[:n]
    found += nearest(key, ids, n)
    found += [by_name[x] for x in nearest(key, by_name, n)]
    return list(dict.fromkeys(found))[:n]


def unknown_id_hint(word: str, known: Iterable[str] | Mapping[str, object],
                    where: str | Message) -> Message:
    """'Did you mean …?' with up to three ids the editor likely meant (`matching_ids`: also
    by a record's name, in any case), else every valid id when they fit in one message
    value (`MAX_VALUE`: a list is never cut), else where ids live.

    `known`: the valid ids, or a mapping of id -> record (`Place`, `Service`, `Wave`) so
    that names match too.
    """
    ids = sorted(known)
    near = [f"'{i}'" for i in matching_ids(word, known)]
    if near:
        return msg("Did you mean {ids}?", ids=either(near))
    listed = ", ".join(ids)
    if ids and len(listed) <= MAX_VALUE:
        return msg("Valid ids: {ids} (in {file}).", ids=listed, file=where)
    return msg("Add it to {file} first.", file=where)


def validate_data(report: Report, raw: RawData, now: datetime) -> Data:
    """The checked `Data` from raw records at the clock `now`: duplicate ids, unknown ids (with
    the nearest suggested), a place twice in a wave or in two waves, and a wave marked live
    with a go-live after `now` are errors in `report`.
    """
    for (kind, rid), where in sorted(raw.id_lines.items(), key=lambda kv: kv[0]):
        if len(where) > 1:
            first = where[0]
            for path, line in where[1:]:
                report.error(path, line, msg("The {kind} id '{id}' is used twice (also in "
                                             "{where}).", kind=KIND_WORDS[kind], id=rid,
                                             where=report.rel(first[0]) + ":" + str(first[1])),
                             msg("Every id must be unique; rename one of them."),
                             code="duplicate-id")
    services = {s.id: s for s in raw.services}
    places = {p.id: p for p in raw.places}
    waves = {w.id: w for w in raw.waves}
    known: dict[str, Mapping[str, object]] = {"place": places, "wave": waves,
                                              "service": services}
    broken = frozenset(raw.invalid | {(kind, "*") for kind, files in KIND_SOURCES.items()
                                      if files & raw.unread})
    for ref in raw.refs:
        if (ref.kind, ref.id) in broken or (ref.kind, "*") in broken:
            continue  # the record or its file has its own error; no echo errors
        if ref.id not in known[ref.kind]:
            report.error(ref.path, ref.line, msg("Unknown {kind} id '{id}'.",
                                                 kind=KIND_WORDS[ref.kind], id=ref.id),
                         unknown_id_hint(ref.id, known[ref.kind], KIND_FILES[ref.kind]),
                         code="unknown-id")
    member_of: dict[str, str] = {}
    for wave in raw.waves:
        seen: set[str] = set()
        for member in wave.members:
            member_line = member.line or wave.origin.line
            if member.place in seen:
                report.error(wave.origin.path, member_line,
                             msg("'{place}' is listed twice in wave '{wave}'.",
                                 place=member.place, wave=wave.id),
                             msg("Remove one of the lines."), code="duplicate-member")
            seen.add(member.place)
            other = member_of.get(member.place)
            if other and other != wave.id:
                report.error(wave.origin.path, member_line,
                             msg("'{place}' is a member of both wave '{first}' and wave "
                                 "'{second}'.", place=member.place, first=other, second=wave.id),
                             msg("A municipality or organisation switches in one wave only; "
                                 "remove it from one of them."), code="member-of-two-waves")
            member_of.setdefault(member.place, wave.id)
        if wave.status == "live" and wave.go_live is not None:
            if wave.go_live.start > now:
                report.error(wave.origin.path, wave.origin.line_of("status"),
                             msg("Wave '{wave}' is marked live, but its go-live ({date}) is "
                                 "after the build clock.", wave=wave.id, date=wave.go_live.text),
                             msg("Use status 'confirmed' until it has happened, or fix the "
                                 "date."), code="live-before-go-live")
    # Only references that resolve are kept: with errors above, checks still read the
    # data (every error in one run), and nothing may then meet an id that is not there.
    waves = {wid: replace(w, members=tuple(m for m in w.members if m.place in places))
             for wid, w in waves.items()}
    impacts = []
    for impact in raw.impacts:
        wave_id = impact.wave if impact.wave in waves else None
        affected = list(impact.places)
        if wave_id is not None:
            affected += [m.place for m in waves[wave_id].members]
        affected = sorted({p for p in affected if p in places})
        impacts.append(replace(impact, places=tuple(affected), wave=wave_id,
                               services=tuple(s for s in impact.services
                                              if s.service in services)))
    impacts.sort(key=lambda i: (i.period.start_at, i.id))
    return Data(services=services, places=places,  # content order (docs/open-data.md)
                waves=dict(sorted(waves.items(), key=_wave_order)),
                impacts=tuple(impacts), broken=broken)


def _wave_order(item: tuple[str, Wave]) -> tuple[int, datetime, str]:
    """Waves in time order: undated waves already live first, undated plans last
    (undated waves keep the content's order: the sort is stable)."""
    wave = item[1]
    if wave.go_live is not None:
        return (1, wave.go_live.start, wave.id)
    return (0 if wave.status == "live" else 2, datetime.min.replace(tzinfo=OSLO), "")
