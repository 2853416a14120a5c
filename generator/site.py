"""Build the one site model: pages × {nb, nn}, translations, URLs, fallbacks.

Input: config, validated data, source pages and the clock.  Output: a `Site`
that every renderer reads.  Drafts and scheduled pages are filtered here;
missing translations become fallback pages (the other standard's text under
the reader's language) and are listed in `Site.missing`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from generator import LANGUAGES
from generator.errors import Report, suggest
from generator.model import Config, Data, SourcePage
from generator.status import change_instants, next_change
from generator.translations import check_shared_facts

CONTENT, TIMELINE, PLACES = "content", "timeline", "places"
PLACE, REDUCTIONS = "place", "reductions"


@dataclass(frozen=True)
class OutputPage:
    key: str
    lang: str  # the language of the URL and the interface
    url: str  # relative to the base path: "nb/om/"
    kind: str
    source: SourcePage | None = None  # the Markdown shown (may be in the other language)
    fallback: bool = False
    subject: str | None = None  # place id for kind "place"

    @property
    def content_lang(self) -> str:
        """The language of the text shown: the source's (a fallback shows the other standard's
        text), else the page's own.
        """
        return self.source.lang if self.source else self.lang

    @property
    def output_path(self) -> str:
        """The file the page is written to, relative to the site root: its URL + 'index.html'.
        """
        return self.url + "index.html"


@dataclass(frozen=True)
class Missing:
    key: str
    lang: str  # the language the page is missing in
    source: str  # path of the page that exists


@dataclass
class Site:
    config: Config
    data: Data
    now: datetime
    pages: list[OutputPage]
    drafts: bool = False
    missing: list[Missing] = field(default_factory=list)
    next_change: datetime | None = None
    _by_key: dict[tuple[str, str], OutputPage] = field(default_factory=dict, repr=False)
    _lists: dict[tuple[str, str], list[OutputPage]] = field(default_factory=dict, repr=False)
    _about: dict[str, dict[str, list[OutputPage]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_key = {(p.key, p.lang): p for p in self.pages}

    def page(self, key: str, lang: str) -> OutputPage | None:
        """The page with translation key `key` in `lang`, or None."""
        return self._by_key.get((key, lang))

    def alternates(self, page: OutputPage) -> dict[str, str]:
        """`{lang: url}` of every language version of `page` (itself included), in LANGUAGES
        order; the hreflang set of its head and the sitemap.
        """
        out = {}
        for lang in LANGUAGES:
            other = self.page(page.key, lang)
            if other:
                out[lang] = other.url
        return out

    def announcements(self, lang: str) -> list[OutputPage]:
        """The announcements shown in `lang`, newest `date` first (undated ones count as
        now; ties by translation key, descending); sorted once per language."""
        found = self._lists.get(("announcements", lang))
        if found is None:  # asked for by every listing and place page: sort once
            items = [p for p in self.pages if p.lang == lang and p.source
                     and p.source.type == "announcement"]
            found = sorted(items, key=lambda p: (p.source.date.start if p.source and
                                                 p.source.date else self.now, p.key),
                           reverse=True)
            self._lists[("announcements", lang)] = found
        return list(found)

    def pages_about(self, place_id: str, lang: str) -> list[OutputPage]:
        """The announcements in `lang` tagged with `place_id`, newest first (one pass for all
        places).
        """
        about = self._about.get(lang)
        if about is None:  # one pass for all places, not one pass per place page
            about = {}
            for p in self.announcements(lang):
                for pid in p.source.places if p.source else ():
                    if p not in about.setdefault(pid, []):
                        about[pid].append(p)
            self._about[lang] = about
        return list(about.get(place_id, []))

    def prepare(self) -> None:
        """Compute the lists every page asks for now (e.g. before forking workers)."""
        for lang in LANGUAGES:
            self.menu(lang)
            self.footer(lang)
            self.pages_about("", lang)

    def menu(self, lang: str) -> list[OutputPage]:
        """Pages with `menu: N` in front matter, in that order."""
        return self._ordered("menu", lang)

    def footer(self, lang: str) -> list[OutputPage]:
        """Pages with `footer: N` (the accessibility statement …), in that order."""
        return self._ordered("footer", lang)

    def _ordered(self, field_name: str, lang: str) -> list[OutputPage]:
        found = self._lists.get((field_name, lang))
        if found is None:  # asked for by every page: compute once per language
            items = [(getattr(p.source, field_name), p.key, p) for p in self.pages
                     if p.lang == lang and p.source
                     and getattr(p.source, field_name) is not None]
            found = [p for _, _, p in sorted(items, key=lambda t: (t[0], t[1]))]
            self._lists[(field_name, lang)] = found
        return list(found)

    def section_url(self, name: str, lang: str) -> str:
        """The site-relative URL of section `name` in `lang`, e.g. 'nb/tidslinje/'. Raises
        KeyError for an unknown section.
        """
        return f"{lang}/{self.config.sections[name](lang)}/"

    def place_url(self, place_id: str, lang: str) -> str:
        """The site-relative URL of a municipality's or organisation's page, e.g.
        'nb/kommuner/rauma/'.
        """
        return f"{self.section_url(PLACES, lang)}{place_id}/"


def visible(page: SourcePage, now: datetime, drafts: bool) -> bool:
    """True if `page` is shown at `now`: not a draft (unless `drafts`), `publish` reached,
    `expires` not reached (both instants, Europe/Oslo).
    """
    if page.draft and not drafts:
        return False
    if page.publish and page.publish.start > now:
        return False
    return not (page.expires and page.expires.start <= now)


def build_site(report: Report, config: Config, data: Data, sources: Iterable[SourcePage],
               now: datetime, drafts: bool = False) -> Site:
    """The `Site` model from loaded config, data and pages at the instant `now`: checks page
    references and shared facts, drops pages not `visible`, pairs translations (a missing one
    falls back to the other standard with a notice), assigns URLs. Errors go to `report`; the
    returned site is only valid if it has none.
    """
    all_sources = list(sources)
    broken = _check_page_refs(report, data, all_sources)
    # a page with an unknown id already has its error; comparing it would only echo it
    check_shared_facts(report, [p for p in all_sources if p.path not in broken])
    shown = [p for p in all_sources if visible(p, now, drafts)]
    by_key: dict[str, dict[str, SourcePage]] = defaultdict(dict)
    for page in shown:
        other = by_key[page.key].get(page.lang)
        if other:
            report.error(page.path, page.lines.get("translation_key"),
                         f"This page and {other.path} are both the '{page.key}' page in "
                         f"{page.lang}.", "Give one of them another translation_key.")
            continue
        by_key[page.key][page.lang] = page
    for page in all_sources:
        if page.translated_from and not any(
                p.key == page.key and p.lang != page.lang for p in all_sources):
            report.error(page.path, page.lines.get("translation_key") or 1,
                         f"This page is marked as a translation, but no page in the other "
                         f"standard has the translation key '{page.key}'.",
                         _key_hint(page, all_sources))
    pages: list[OutputPage] = []
    missing: list[Missing] = []
    for key in sorted(by_key):
        versions = by_key[key]
        for lang in LANGUAGES:
            own = versions.get(lang)
            if own:
                pages.append(OutputPage(key, lang, _url(own, lang), CONTENT, own))
            else:
                other = next(iter(versions.values()))
                missing.append(Missing(key, lang, other.path))
                pages.append(OutputPage(key, lang, _url(other, lang), CONTENT, other,
                                        fallback=True))
    for lang in LANGUAGES:
        pages.append(OutputPage(TIMELINE, lang, f"{lang}/{config.sections[TIMELINE](lang)}/",
                                TIMELINE))
        places_url = f"{lang}/{config.sections[PLACES](lang)}/"
        pages.append(OutputPage(PLACES, lang, places_url, PLACES))
        for pid in data.places:
            pages.append(OutputPage(f"{PLACE}/{pid}", lang, f"{places_url}{pid}/", PLACE,
                                    subject=pid))
        pages.append(OutputPage(REDUCTIONS, lang,
                                f"{lang}/{config.sections[REDUCTIONS](lang)}/", REDUCTIONS))
    _check_urls(report, pages)
    if not any(p.url == f"{lang}/" for p in pages for lang in LANGUAGES):
        report.error("content", None, "The site has no front page.",
                     "Create content/nb/index.md (and content/nn/index.md).")
    schedule = [t for p in all_sources for w in (p.publish, p.expires) if w
                for t in (w.start,)]
    site = Site(config, data, now, pages, drafts, missing,
                next_change(list(change_instants(data, config.banner_days)) + schedule, now))
    return site


def _url(page: SourcePage, lang: str) -> str:
    parts = page.rel.split("/")
    if parts[-1] == "index":
        parts = parts[:-1]
    if page.slug and parts:
        parts[-1] = page.slug
    return "/".join([lang, *parts]) + "/" if parts else f"{lang}/"


def _check_urls(report: Report, pages: list[OutputPage]) -> None:
    owner: dict[str, OutputPage] = {}
    for page in pages:
        first = owner.get(page.url)
        if first is None:
            owner[page.url] = page
            continue
        if page.fallback:
            continue  # the real page at that address wins; the fallback is not needed
        if first.fallback:
            owner[page.url] = page
            continue
        own, other = (page, first) if page.source else (first, page)
        if other.source and "slug" in other.source.lines:
            own, other = other, own  # the page whose slug asks for the address is named
        if own.source is None:  # pragma: no cover - generated addresses never collide
            continue
        line = own.source.lines.get("slug", 1)
        if other.source is None:
            report.error(own.source.path, line, f"This page wants the address /{page.url}, "
                         f"which the site uses for its generated {other.kind} page.",
                         "Rename the file or give it another slug.")
        else:
            report.error(own.source.path, line, f"Two pages want the address /{page.url}: "
                         f"this one and {other.source.path}.",
                         "Rename one of the files or change its slug.")
    pages[:] = [p for p in pages if owner.get(p.url) is p]


def _check_page_refs(report: Report, data: Data, pages: list[SourcePage]) -> set[str]:
    """Report unknown ids in front matter; returns the paths of pages that have them."""
    broken = set()
    for page in pages:
        for pid in page.places:
            if pid not in data.places:
                broken.add(page.path)
                report.error(page.path, page.lines.get("municipalities"),
                             f"Unknown municipality or organisation id '{pid}'.",
                             suggest(pid, data.places) or
                             "Add it to content/data/municipalities.yaml first.")
        for wid in page.waves:
            if wid not in data.waves:
                broken.add(page.path)
                report.error(page.path, page.lines.get("waves"), f"Unknown wave id '{wid}'.",
                             suggest(wid, data.waves) or "See content/data/waves.yaml.")
    return broken


def _key_hint(page: SourcePage, pages: list[SourcePage]) -> str:
    keys = {p.key for p in pages if p.lang != page.lang}
    return suggest(page.key, keys) or "Set the same translation_key on both pages."
