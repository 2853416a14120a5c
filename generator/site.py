"""Build the one site model: pages × {nb, nn}, translations, URLs, fallbacks.

Input: config, validated data, source pages and the clock.  Output: a `Site`
that every renderer reads.  Drafts and scheduled pages are filtered here;
missing translations become fallback pages (the other standard's text under
the reader's language) and are listed in `Site.missing`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from generator import LANGUAGES
from generator.errors import Message, Report, msg, suggest
from generator.facts import Facts, derive, next_change, page_places, page_schedule, page_visible
from generator.load.pages import keys_not_loaded
from generator.model import Config, Data, Impact, SourcePage
from generator.translations import (
    Counterparts,
    check_one_sided_keys,
    check_shared_facts,
    twin_unloaded,
)
from generator.validate import either, unknown_id_hint

CONTENT, TIMELINE, PLACES = "content", "timeline", "places"
PLACE, REDUCTIONS, SEARCH = "place", "reductions", "search"


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
    # addresses of pages that did not load for errors of their own (see `unsure`)
    unloaded: frozenset[str] = frozenset()
    # lang -> translation keys of pages in that standard that did not load (None: any key)
    unloaded_keys: dict[str, set[str] | None] = field(default_factory=dict)
    # draft service impacts, left out of `data` (not when previewing drafts)
    held: tuple[Impact, ...] = ()
    facts: Facts = field(init=False, repr=False)
    _by_key: dict[tuple[str, str], OutputPage] = field(default_factory=dict, repr=False)
    _lists: dict[tuple[str, str], list[OutputPage]] = field(default_factory=dict, repr=False)
    _about: dict[str, dict[str, list[OutputPage]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_key = {(p.key, p.lang): p for p in self.pages}
        self.facts = derive(self.data, self.now, self.config.banner_days)

    def unsure(self, url: str) -> bool:
        """Whether the site-relative `url` is the address of a page missing only for an
        error already reported (a page that did not load, a place record with errors), so
        that a link to it is no second error."""
        if url in self.unloaded:
            return True
        for lang in LANGUAGES:
            places = self.section_url(PLACES, lang)
            if url.startswith(places) and url.count("/") == places.count("/") + 1:
                return self.data.has_error("place", url[len(places):-1])
        return False

    def twin_unloaded(self, key: str, lang: str) -> bool:
        """Whether the `lang` version of the page `key` may exist but did not load for an
        error of its own (so "no translation" would be a false second finding)."""
        return twin_unloaded(self.unloaded_keys, key, lang)

    def page(self, key: str, lang: str) -> OutputPage | None:
        """The page with translation key `key` in `lang`, or None."""
        return self._by_key.get((key, lang))

    def alternates(self, page: OutputPage) -> dict[str, str]:
        """`{lang: url}` of every real language version of `page` (itself included), in
        LANGUAGES order; the hreflang set of its head and the sitemap.

        A fallback (the other standard's text) is no translation: it has no
        alternates and is nobody's alternate."""
        if page.fallback:
            return {}
        out = {}
        for lang in LANGUAGES:
            other = self.page(page.key, lang)
            if other and not other.fallback:
                out[lang] = other.url
        return out

    def versions(self, page: OutputPage) -> dict[str, str]:
        """lang -> URL of the page in each language, fallbacks included (the switcher)."""
        return {lang: other.url for lang in LANGUAGES if (other := self.page(page.key, lang))}

    def canonical(self, page: OutputPage) -> str:
        """The page's canonical URL: a fallback points to the page it shows."""
        if page.fallback and page.source:
            original = self.page(page.key, page.source.lang)
            if original is not None:
                return original.url
        return page.url

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
                for pid in page_places(p.source, self.data) if p.source else ():
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

    def missing_note(self, m: Missing) -> tuple[str, str | None]:
        """(the address where `m` would be shown, the file of the page there instead, if any).

        A fallback is left out where a page of its own has the address (/nn/om/ for a
        Bokmål page whose translation_key the Nynorsk om.md lacks)."""
        page = self.page(m.key, m.lang)
        if page is not None:
            return page.url, None
        source = next((p for p in self.pages if p.key == m.key and p.source), None)
        url = _url(source.source, m.lang) if source and source.source else f"{m.lang}/"
        owner = next((p for p in self.pages if p.url == url), None)
        return url, owner.source.path if owner and owner.source else None

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


def build_site(report: Report, config: Config, data: Data, sources: Iterable[SourcePage],
               now: datetime, drafts: bool = False, generated: bool = True) -> Site:
    """The `Site` model from loaded config, data and pages at the instant `now`: checks page
    references and shared facts, drops pages not `visible`, pairs translations (a missing one
    falls back to the other standard with a notice), assigns URLs. Errors go to `report`; the
    returned site is only valid if it has none.

    Errors already in `report` (a page that did not load, a data record left out) are
    not reported again as what follows from them (an unknown id, an unpaired translation,
    a link to the missing page: `Site.unsure`), so one run names every error. Without
    `generated` (no valid settings, so no section addresses), the generated pages are left
    out.
    """
    all_sources = list(sources)
    unloaded = _unloaded_pages(report, all_sources)
    unloaded_keys = keys_not_loaded(report, all_sources)
    broken = _check_page_refs(report, data, all_sources)
    # a page with an unknown id already has its error; comparing it would only echo it
    check_shared_facts(report, [p for p in all_sources if p.path not in broken])
    check_one_sided_keys(report, all_sources, unloaded_keys)
    shown = [p for p in all_sources if page_visible(p, now, drafts)]
    held = tuple(i for i in data.impacts if i.draft and not drafts)
    data = _published_data(report, data, drafts)
    by_key: dict[str, dict[str, SourcePage]] = defaultdict(dict)
    for page in shown:
        other = by_key[page.key].get(page.lang)
        if other:
            report.error(page.path, page.lines.get("translation_key"),
                         msg("This page and {other} are both the '{key}' page in {lang}.",
                             other=other.path, key=page.key, lang=page.lang),
                         msg("Give one of them another translation_key."),
                         code="duplicate-translation-key")
            continue
        by_key[page.key][page.lang] = page
    for page in all_sources:
        if page.translated_from and not unloaded.get(_other(page.lang)) and not any(
                p.key == page.key and p.lang != page.lang for p in all_sources):
            report.error(page.path, page.lines.get("translation_key") or 1,
                         msg("This page is marked as a translation, but no page in the other "
                             "standard has the translation key '{key}'.", key=page.key),
                         _key_hint(page, all_sources), code="unpaired-translation")
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
    for lang in LANGUAGES if generated else ():
        pages.append(OutputPage(TIMELINE, lang, f"{lang}/{config.sections[TIMELINE](lang)}/",
                                TIMELINE))
        places_url = f"{lang}/{config.sections[PLACES](lang)}/"
        pages.append(OutputPage(PLACES, lang, places_url, PLACES))
        for pid in data.places:
            pages.append(OutputPage(f"{PLACE}/{pid}", lang, f"{places_url}{pid}/", PLACE,
                                    subject=pid))
        pages.append(OutputPage(REDUCTIONS, lang,
                                f"{lang}/{config.sections[REDUCTIONS](lang)}/", REDUCTIONS))
        pages.append(OutputPage(SEARCH, lang, f"{lang}/{config.sections[SEARCH](lang)}/",
                                SEARCH))
    _check_urls(report, pages)
    if not any(p.url == f"{lang}/" for p in pages for lang in LANGUAGES):
        report.error("content", None, msg("The site has no front page."),
                     msg("Create content/nb/index.md (and content/nn/index.md)."),
                     code="no-front-page")
    schedule = [t for p in all_sources for t in page_schedule(p)]
    return Site(config, data, now, pages, drafts, missing,
                next_change(data, now, config.banner_days, schedule),
                unloaded=frozenset(url for urls in unloaded.values() for url in urls),
                unloaded_keys=unloaded_keys, held=held)


def _other(lang: str) -> str:
    return next(x for x in LANGUAGES if x != lang)


def _unloaded_pages(report: Report, loaded: list[SourcePage]) -> dict[str, set[str]]:
    """lang -> the addresses (as their file names give them, in both standards: the other's
    would show it as a fallback) of Markdown pages under content/<lang>/ that have errors in
    `report` and did not load."""
    have = {p.path for p in loaded}
    out: dict[str, set[str]] = {}
    for finding in report.errors:
        m = _PAGE_FILE.fullmatch(finding.path)
        if m and finding.path not in have:
            parts = m.group(2).split("/")
            parts = parts[:-1] if parts[-1] == "index" else parts  # as `_url` does
            for lang in LANGUAGES:  # its own address, and its fallback's in the other standard
                out.setdefault(m.group(1), set()).add("/".join([lang, *parts]) + "/")
    return out


_PAGE_FILE = re.compile(r"content/(nb|nn)/(.+)\.md")


PLACEHOLDER = "TODO"
# Put by `new` before a title given in the other standard: the placeholder check names it
# as text still to translate (it holds PLACEHOLDER, so it is caught as one too).
UNTRANSLATED = {"nb": "TODO: oversett til bokmål:", "nn": "TODO: omset til nynorsk:"}


def placeholder_lines(impact: Impact) -> list[tuple[str, str, int | None]]:
    """(key, lang, line) of each of the impact's title and summary values that still hold
    PLACEHOLDER: the line of that nb or nn value, once per line (`{nb: …, nn: …}` on one
    line is one finding)."""
    out: list[tuple[str, str, int | None]] = []
    seen: set[int | None] = set()
    for key in ("title", "summary"):
        text = getattr(impact, key)
        for lang in LANGUAGES:
            line = impact.origin.line_of(f"{key}.{lang}")
            if PLACEHOLDER in text(lang) and line not in seen:
                seen.add(line)
                out.append((key, lang, line))
    return out


def _published_data(report: Report, data: Data, drafts: bool) -> Data:
    """The data without draft notices (unless previewing); a published notice with
    placeholder text left from `new impact` is an error, never shown to residents."""
    kept = []
    for impact in data.impacts:
        if impact.draft and not drafts:
            continue
        for key, _lang, line in placeholder_lines(impact) if not impact.draft else ():
            report.error(impact.origin.path, line,
                         msg("The {key} of the service impact '{id}' is still placeholder "
                             "text ({mark}).", key=key, id=impact.id, mark=PLACEHOLDER),
                         hint=msg("Write the real text, or add 'draft: true' until it is "
                                  "ready."), code="placeholder-published")
        kept.append(impact)
    return replace(data, impacts=tuple(kept))


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
            report.error(own.source.path, line,
                         msg("This page wants the address /{url}, which the site uses for its "
                             "generated {kind} page.", url=page.url, kind=other.kind),
                         msg("Rename the file or give it another slug."), code="address-taken")
        else:
            report.error(own.source.path, line,
                         msg("Two pages want the address /{url}: this one and {other}.",
                             url=page.url, other=other.source.path),
                         msg("Rename one of the files or change its slug."), code="address-taken")
    pages[:] = [p for p in pages if owner.get(p.url) is p]
    _check_case(report, pages)


def _check_case(report: Report, pages: list[OutputPage]) -> None:
    """Two addresses that differ only in case (/nb/Om/, /nb/om/) are one file on Windows
    and macOS and on many web hosts: one page would silently replace the other."""
    first: dict[str, OutputPage] = {}
    for page in sorted(pages, key=lambda p: (p.fallback, p.url)):
        other = first.setdefault(page.url.casefold(), page)
        if other.url == page.url or page.source is None:
            continue
        if page.fallback:  # the page of that standard wins, as in _check_urls
            pages.remove(page)
            continue
        where = other.source.path if other.source else f"/{other.url}"
        report.error(page.source.path, page.source.lines.get("slug"),
                     msg("This page's address /{url} differs from /{other_url} ({other}) only "
                         "in capital letters; on Windows, macOS and many web hosts they are the "
                         "same address.", url=page.url, other_url=other.url, other=where),
                     msg("Rename one of the files (use lower-case letters), or give it a "
                         "slug."), code="url-case-clash")


def _check_page_refs(report: Report, data: Data, pages: list[SourcePage]) -> set[str]:
    """Report unknown ids in front matter; returns the paths of pages that have them."""
    broken = set()
    for page in pages:
        for pid in page.places:
            if pid not in data.places and not data.has_error("place", pid):
                broken.add(page.path)
                report.error(page.path, page.lines.get("municipalities"),
                             msg("Unknown municipality or organisation id '{id}'.", id=pid),
                             unknown_id_hint(pid, data.places, either(
                                 ["content/data/municipalities.yaml",
                                  "content/data/organisations.yaml"])),
                             code="unknown-id")
        for wid in page.waves:
            if wid not in data.waves and not data.has_error("wave", wid):
                broken.add(page.path)
                report.error(page.path, page.lines.get("waves"),
                             msg("Unknown wave id '{id}'.", id=wid),
                             unknown_id_hint(wid, data.waves, "content/data/waves.yaml"),
                             code="unknown-id")
    return broken


def _key_hint(page: SourcePage, pages: list[SourcePage]) -> Message:
    """The nearest translation key of the other standard, else the file in the translation's
    place (`Counterparts.path`) to give this page's key, else the rule."""
    keys = {p.key for p in pages if p.lang != page.lang}
    near = suggest(page.key, keys)
    if near:
        return near
    counterparts = Counterparts(pages)
    there = counterparts.at(counterparts.path(page))
    if there is not None:
        return msg("If {path} is the page it was translated from, write the line "
                   "'translation_key: {key}' in it.", path=there.path, key=page.key)
    return msg("Set the same translation_key on both pages.")
