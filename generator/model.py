"""The site model: plain, immutable dataclasses.

Loaders produce `Data` and `SourcePage`s; `site.build_site` joins them into one
`Site`, which every renderer reads.  Nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.when import Period, When


@dataclass(frozen=True)
class Text:
    """Prose written in both standards."""

    nb: str
    nn: str

    def __call__(self, lang: str) -> str:
        return self.nn if lang == "nn" else self.nb


@dataclass(frozen=True)
class Origin:
    """Where a record was written, for error messages."""

    path: str
    line: int | None
    # the line of each key of the record and of the keys one level below it
    # ({"title": 5, "title.nn": 7}), for messages about one value
    keys: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False,
                                    repr=False)

    def line_of(self, key: str) -> int | None:
        """The line of `key` ('title', 'title.nn'), else of the key before the dot, else
        the record's own line."""
        return self.keys.get(key) or self.keys.get(key.split(".", 1)[0]) or self.line


@dataclass(frozen=True)
class Contact:
    phone: str | None = None  # as shown: "71 16 60 00" (generator.i18n.phones)
    tel: str | None = None  # for a tel: link: "+4771166000"
    email: str | None = None
    url: str | None = None

    def __bool__(self) -> bool:
        return bool(self.phone or self.email or self.url)


@dataclass(frozen=True)
class Decision:
    date: When
    text: Text


@dataclass(frozen=True)
class Place:
    """A municipality or an organisation (hospital trust …) that switches."""

    id: str
    name: Text
    kind: str  # "municipality", "hospital-trust", "owner", "other"
    county: str | None
    number: str | None
    inhabitants: int | None
    inhabitants_as_of: When | None
    language: str  # "nb", "nn" or "neutral"
    website: str | None
    contact: Contact
    decisions: tuple[Decision, ...]
    origin: Origin

    @property
    def is_municipality(self) -> bool:
        """True for a municipality, False for an organisation (hospital, …)."""
        return self.kind == "municipality"


@dataclass(frozen=True)
class Member:
    place: str
    go_live: When | None = None  # only when a source gives this member its own date
    note: Text | None = None
    line: int | None = field(default=None, compare=False)  # where it is listed, for messages


@dataclass(frozen=True)
class PlanChange:
    go_live: When
    changed: When | None
    note: Text | None


WAVE_STATUSES = ("planned", "decided", "confirmed", "postponed", "live", "cancelled")


@dataclass(frozen=True)
class Wave:
    id: str
    name: str
    go_live: When | None
    status: str
    members: tuple[Member, ...]
    history: tuple[PlanChange, ...]
    description: Text | None
    origin: Origin

    def member(self, place_id: str) -> Member | None:
        """The wave's member entry for `place_id`, or None."""
        return next((m for m in self.members if m.place == place_id), None)


@dataclass(frozen=True)
class Service:
    id: str
    name: Text
    # other words residents use for the service («hjemmesykepleie»): found by search
    search_words: Text | None = None


LEVELS = ("normal", "reduced", "no-new-cases", "closed")


@dataclass(frozen=True)
class ServiceImpact:
    service: str
    level: str
    period: Period
    reduced: tuple[Text, ...]
    kept: tuple[Text, ...]
    contact: Contact


@dataclass(frozen=True)
class Update:
    date: When
    text: Text


@dataclass(frozen=True)
class Impact:
    """A notice of changed capacity, for some places, service by service."""

    id: str
    places: tuple[str, ...]  # every affected place (explicit ones and the wave's members)
    wave: str | None
    published: When
    period: Period
    title: Text
    summary: Text
    always_kept: Text | None
    not_affected: Text | None
    contact: Contact
    urgent: Text | None
    services: tuple[ServiceImpact, ...]
    updates: tuple[Update, ...]
    origin: Origin
    draft: bool = False  # not published until the editor removes `draft: true`


@dataclass(frozen=True)
class Data:
    services: dict[str, Service] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    waves: dict[str, Wave] = field(default_factory=dict)
    impacts: tuple[Impact, ...] = ()
    # Records left out for errors of their own, as (kind, id); id "*" when a whole file
    # could not be read. A reference to them is no second error (`has_error`).
    broken: frozenset[tuple[str, str]] = frozenset()

    def has_error(self, kind: str, record_id: str) -> bool:
        """Whether the `kind` ("place", "wave", "service") record `record_id` was left out
        for an error of its own (so a reference to it is not reported again)."""
        return (kind, record_id) in self.broken or (kind, "*") in self.broken

    def wave_of(self, place_id: str) -> Wave | None:
        """The wave `place_id` is a member of, or None."""
        return next((w for w in self.waves.values() if w.member(place_id)), None)


@dataclass(frozen=True)
class Config:
    base_url: str
    base_path: str  # always starts and ends with "/"
    default_language: str
    site_name: Text
    tagline: Text | None
    organisation: Text
    contact: Contact
    banner_days: int
    lix_threshold: float
    max_sentence_words: int
    sections: dict[str, Text]
    feed_entries: int = 50  # the newest this many entries make up each Atom feed
    # The official accessibility statement (uustatus.no, as Digdir requires), linked in
    # every page's footer.
    accessibility_statement: str | None = None
    # HelsaMi, the patient portal where residents read their record (content/config.yaml
    # `helsami_url`); the «what this means for you» line links it.  None: named, not linked.
    helsami_url: str | None = None


@dataclass(frozen=True)
class SourcePage:
    """A Markdown page as written under content/<lang>/."""

    path: str  # relative to the project root, for messages
    lang: str
    rel: str  # path inside content/<lang>/ without ".md"
    key: str  # translation key
    title: str
    description: str | None
    type: str  # "page" or "announcement"
    date: When | None
    updated: When | None
    places: tuple[str, ...]
    waves: tuple[str, ...]
    menu: int | None
    draft: bool
    publish: When | None
    expires: When | None
    translated_from: str | None
    list: str | None
    slug: str | None
    # The Markdown body, or None when the build did not keep it in memory (a big
    # site's bodies are read again where they are rendered: load.pages.page_body).
    body: str | None
    body_line: int
    lines: dict[str, int]  # front matter key -> line
    source_hash: str  # hash of the file's text, for stale-translation checks
    footer: int | None = None  # listed in the footer, sorted by this number
    body_hash: str = ""  # hash of the body (cache.text_digest), set by the loader
    menu_title: str | None = None  # a short label for the main menu; the title if None
