"""Load the structured data under content/data/: services, places, waves, impacts.

Each record is checked on its own here (types, dates, both languages);
references between records are checked in `generator.validate`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import Report, msg
from generator.load.fields import Fields, ids_without_comma
from generator.load.files import describe_refused, list_files
from generator.load.impacts import warn_unready
from generator.load.source import load_yaml_file, loaded
from generator.load.yamlsrc import YDict, YList
from generator.model import (
    LEVELS,
    WAVE_STATUSES,
    Decision,
    Impact,
    Member,
    Origin,
    Place,
    PlanChange,
    Service,
    ServiceImpact,
    Text,
    Update,
    Wave,
)

PLACE_KEYS = ("id", "name", "county", "number", "inhabitants", "inhabitants_as_of", "language",
              "website", "contact", "decisions", "kind")
ORG_KINDS = ("hospital-trust", "owner", "other")
WAVE_KEYS = ("id", "name", "go_live", "status", "members", "history", "description")
IMPACT_KEYS = ("id", "municipalities", "wave", "published", "period", "title", "summary",
               "always_kept", "not_affected", "contact", "urgent", "services", "updates",
               "draft")
SERVICE_IMPACT_KEYS = ("service", "level", "period", "reduced", "kept", "contact")


@dataclass(frozen=True)
class Ref:
    """A reference to an id, kept with where it was written, for validation."""

    kind: str  # "place", "wave", "service"
    id: str
    path: Path
    line: int


@dataclass
class RawData:
    services: list[Service] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    waves: list[Wave] = field(default_factory=list)
    impacts: list[Impact] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    impact_waves: dict[str, str] = field(default_factory=dict)  # impact id -> wave id
    id_lines: dict[tuple[str, str], list[tuple[Path, int | None]]] = field(default_factory=dict)
    unread: set[str] = field(default_factory=set)  # data files that could not be read
    invalid: set[tuple[str, str]] = field(default_factory=set)  # (kind, id) of broken records


def _records(report: Report, path: Path, root: Path, what: str,
             unread: set[str] | None = None) -> list[tuple[Any, int]]:
    if not path.exists() and not path.is_symlink():
        return []
    doc = load_yaml_file(report, path, root)
    if not loaded(doc):
        if unread is not None:
            unread.add(path.name)
        return []
    if doc is None:
        return []
    if not isinstance(doc, list):
        if unread is not None:
            unread.add(path.name)
        report.error(path, getattr(doc, "line", 1),
                     msg("{file} must be a list, each entry starting with '- id: …'.",
                         file=path.name), code="not-a-list")
        return []
    assert isinstance(doc, YList)
    return [(item, doc.line_of(i)) for i, item in enumerate(doc)]


def _origin(report: Report, path: Path, line: int, item: Any = None) -> Origin:
    return Origin(report.rel(path), line, key_lines(item))


def key_lines(item: Any) -> dict[str, int]:
    """The line of each key of a YAML block and of the keys of blocks under it, as
    {"title": 5, "title.nb": 6, "title.nn": 7} ({} for anything but a block)."""
    if not isinstance(item, YDict):
        return {}
    out = {}
    for key, line in getattr(item, "key_lines", {}).items():
        out[str(key)] = line
        value = item.get(key)
        if isinstance(value, YDict):
            for sub, sub_line in getattr(value, "key_lines", {}).items():
                out[f"{key}.{sub}"] = sub_line
    return out


def load_data(report: Report, content: Path, root: Path) -> RawData:
    """Every record under content/data/ (services, places, waves, impacts) as `RawData`, each
    with its file and line; errors go to `report`, a file that cannot be read is listed in
    `unread`.
    """
    data_dir = content / "data"
    raw = RawData()
    for item, line in _records(report, data_dir / "services.yaml", root, "services",
                                  raw.unread):
        f = Fields(report, data_dir / "services.yaml", item, msg("a service"), line)
        f.known(("id", "name", "search_words"))
        sid, name = f.id("id"), f.bilingual("name", required=True, name_like=True)
        words = f.bilingual("search_words")
        if sid and name:
            raw.services.append(Service(sid, name, words))
            raw.id_lines.setdefault(("service", sid), []).append((f.path, f.line_of("id")))
        elif sid:
            raw.invalid.add(("service", sid))
    for filename, kind in (("municipalities.yaml", "municipality"),
                           ("organisations.yaml", "organisation")):
        path = data_dir / filename
        for item, line in _records(report, path, root, f"{kind}s", raw.unread):
            place = _place(report, path, item, line, kind)
            if place:
                raw.places.append(place)
                raw.id_lines.setdefault(("place", place.id), []).append(
                    (path, place.origin.line_of("id")))
            elif _written_id(item):
                raw.invalid.add(("place", _written_id(item)))
    path = data_dir / "waves.yaml"
    for item, line in _records(report, path, root, "waves", raw.unread):
        wave = _wave(report, path, item, line, raw)
        if wave:
            raw.waves.append(wave)
            raw.id_lines.setdefault(("wave", wave.id), []).append(
                (path, wave.origin.line_of("id") or 0))
        elif _written_id(item):
            raw.invalid.add(("wave", _written_id(item)))
    impacts_dir = data_dir / "impacts"
    files, refused = list_files(impacts_dir, content)
    for link in refused:
        message, hint = describe_refused(link, "content/data/impacts/")
        report.error(link, None, message, hint, code="refused-path")
    if files:
        for path in files:
            if path.name.endswith("~"):
                continue
            if path.suffix not in (".yaml", ".yml"):
                report.error(path, None, msg("Only .yaml files belong in content/data/impacts/."),
                             msg("Move or delete this file."), code="not-yaml")
                continue
            doc = load_yaml_file(report, path, root)
            if not loaded(doc):
                continue
            impact = _impact(report, path, doc, raw)
            if impact:
                raw.impacts.append(impact)
                raw.id_lines.setdefault(("impact", impact.id), []).append(
                    (path, impact.origin.line_of("id") or 1))
    return raw


def _written_id(item: Any) -> str:
    """The id a record was given, even when the record itself has errors."""
    value = item.get("id") if isinstance(item, dict) else None
    return value if isinstance(value, str) else ""


def _place(report: Report, path: Path, item: Any, line: int, kind: str) -> Place | None:
    f = Fields(report, path, item, msg("a municipality") if kind == "municipality"
               else msg("an organisation"), line)
    f.known(PLACE_KEYS if kind == "organisation" else
            tuple(k for k in PLACE_KEYS if k != "kind"))
    pid = f.id("id")
    name = f.bilingual("name", required=True, name_like=True)
    number = f.text("number")  # a number YAML made up (0301 → 193) is an error there
    if number is not None and not re.fullmatch(r"[0-9]{4}", number):
        f.error("number", msg("The municipality number '{number}' must be four digits 0–9.",
                              number=number),
                msg("Write it in quotes, like \"1508\"."), code="bad-number")
    decisions = []
    raw_dec = f.raw("decisions")
    if raw_dec is not None:
        if not isinstance(raw_dec, YList):  # every YAML list is loaded as a YList
            f.error("decisions", msg("'decisions' must be a list of '- date: …' entries."),
                    code="not-a-list")
        else:
            for i, d in enumerate(raw_dec):
                df = Fields(report, path, d, msg("a decision"), raw_dec.line_of(i))
                df.known(("date", "text"))
                when, text = df.when("date", required=True, approx=True), df.bilingual(
                    "text", required=True)
                if when and text:
                    decisions.append(Decision(when, text))
    place_kind = "municipality"
    if kind == "organisation":
        place_kind = f.choice("kind", ORG_KINDS, default="other") or "other"
    website = f.text("website")
    if website and not website.startswith(("https://", "http://")):
        f.error("website", msg("'{url}' is not a web address.", url=website),
                msg("Start it with https://."), code="bad-url")
        website = None
    result = Place(
        id=pid or "",
        name=name or Text("", ""),
        kind=place_kind,
        county=f.text("county"),
        number=number,
        inhabitants=f.integer("inhabitants", minimum=0, maximum=10_000_000),
        inhabitants_as_of=f.when("inhabitants_as_of"),
        language=f.choice("language", ("nb", "nn", "neutral"), default="neutral") or "neutral",
        website=website,
        contact=f.contact("contact"),
        decisions=tuple(sorted(decisions, key=lambda d: d.date.start)),
        origin=_origin(report, path, f.line, item),
    )
    return result if pid and name else None


def _wave(report: Report, path: Path, item: Any, line: int, raw: RawData) -> Wave | None:
    f = Fields(report, path, item, msg("a wave"), line)
    f.known(WAVE_KEYS)
    wid = f.id("id")
    name = f.text("name", required=True)
    members = []
    raw_members = f.raw("members")
    if raw_members is not None and not isinstance(raw_members, list):
        f.error("members", msg("'members' must be a list of municipality or organisation ids."),
                code="not-a-list")
        raw_members = []
    entries = ids_without_comma(report, path, raw_members, "members", f.line_of("members")) \
        if raw_members else None  # '[molde rauma]': reported; the ids still count
    if entries is None:
        entries = [(m, raw_members.line_of(i)) for i, m in enumerate(raw_members or [])]
    for m, mline in entries:
        if isinstance(m, str):
            mf = None
            pid: str | None = m
        else:
            mf = Fields(report, path, m, msg("a wave member"), mline)
            mf.known(("id", "go_live", "note"))
            pid = mf.id("id", ref=True)
        if not pid:
            continue
        raw.refs.append(Ref("place", pid, path, mline))
        if mf is None:
            members.append(Member(pid, line=mline))
        else:
            members.append(Member(pid, mf.when("go_live", approx=True), mf.bilingual("note"),
                                  mline))
    history = []
    raw_hist = f.raw("history")
    if raw_hist is not None and not isinstance(raw_hist, list):
        f.error("history", msg("'history' must be a list of earlier plans ('- go_live: …')."),
                code="not-a-list")
        raw_hist = []
    for i, h in enumerate(raw_hist or []):
        hf = Fields(report, path, h, msg("a history entry"), raw_hist.line_of(i))
        hf.known(("go_live", "changed", "note"))
        when = hf.when("go_live", required=True, approx=True)
        changed, note = hf.when("changed"), hf.bilingual("note")
        if when:
            history.append(PlanChange(when, changed, note))
    wave = Wave(
        id=wid or "",
        name=name or "",
        go_live=f.when("go_live", approx=True),
        status=f.choice("status", WAVE_STATUSES) or "planned",
        members=tuple(members),
        history=tuple(history),
        description=f.bilingual("description"),
        origin=_origin(report, path, f.line, item),
    )
    return wave if wid and name else None


def _impact(report: Report, path: Path, doc: Any, raw: RawData) -> Impact | None:
    f = Fields(report, path, doc, msg("a service impact file"), 1)
    f.known(IMPACT_KEYS)
    iid = f.id("id")
    places = []
    for pid, pline in f.id_list("municipalities"):
        raw.refs.append(Ref("place", pid, path, pline))
        places.append(pid)
    wave = f.id("wave", required=False, ref=True)
    if wave:
        raw.refs.append(Ref("wave", wave, path, f.line_of("wave")))
        if iid:
            raw.impact_waves[iid] = wave
    # a list written wrong (an id missing its comma, a bad id) is reported where it is
    if not places and not wave and not f.raw("municipalities") and f.raw("wave") is None \
            and not {"municipalities", "wave"} & f.unjoined:
        f.error(None, msg("A service impact must say who it concerns."),
                msg("Add 'municipalities: [id, …]' or 'wave: id'."), code="missing-audience")
    period = f.period("period", required=True)
    services = []
    raw_services = f.raw("services")
    if raw_services is not None and not isinstance(raw_services, list):
        f.error("services", msg("'services' must be a list of '- service: …' entries."),
                code="not-a-list")
        raw_services = []
    for i, s in enumerate(raw_services or []):
        sf = Fields(report, path, s, msg("a service entry"), raw_services.line_of(i))
        sf.known(SERVICE_IMPACT_KEYS)
        sid = sf.id("service", ref=True)
        if sid:
            raw.refs.append(Ref("service", sid, path, sf.line_of("service")))
        level = sf.choice("level", LEVELS)
        speriod = sf.period("period") or period
        # every field is read (and so checked) before the entry is judged whole
        reduced, kept = sf.bilingual_list("reduced"), sf.bilingual_list("kept")
        contact = sf.contact("contact")
        if sid and level and speriod:
            services.append(ServiceImpact(sid, level, speriod, reduced, kept, contact))
    updates = []
    raw_updates = f.raw("updates")
    if raw_updates is not None and not isinstance(raw_updates, list):
        f.error("updates", msg("'updates' must be a list of '- date: …' entries."),
                code="not-a-list")
        raw_updates = []
    for i, u in enumerate(raw_updates or []):
        uf = Fields(report, path, u, msg("an update"), raw_updates.line_of(i))
        uf.known(("date", "text"))
        when, text = uf.when("date", required=True), uf.bilingual("text", required=True)
        if when and text:
            updates.append(Update(when, text))
    title = f.bilingual("title", required=True)
    summary = f.bilingual("summary", required=True)
    published = f.when("published", required=True)
    # the optional fields are read (and so checked) before the record is judged whole:
    # one run reports every bad field of the file, not only the first
    always_kept, not_affected = f.bilingual("always_kept"), f.bilingual("not_affected")
    contact, urgent, draft = f.contact("contact"), f.bilingual("urgent"), f.flag("draft")
    if not (iid and period and title and summary and published):
        return None
    warn_unready(report, path, f, draft=draft, title=title, summary=summary, services=services)
    return Impact(
        id=iid, places=tuple(places), wave=wave, published=published, period=period,
        title=title, summary=summary, always_kept=always_kept,
        not_affected=not_affected, contact=contact,
        urgent=urgent, services=tuple(services),
        updates=tuple(sorted(updates, key=lambda u: u.date.start)),
        origin=_origin(report, path, 1, doc), draft=draft,
    )
