"""Facts a page and its translation must agree on.

Only prose is translated; facts are written once.  A page in Bokmål and its
Nynorsk version still each carry front matter, so the facts in it (type, date,
which municipalities and waves it concerns) must be the same in both files, or
readers of the two standards would be told different things.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import Message, Report, msg, suggest
from generator.i18n.notices import STANDARDS
from generator.invocation import command
from generator.model import SourcePage

if TYPE_CHECKING:
    from generator.site import Missing, Site



@dataclass(frozen=True)
class SharedFact:
    key: str  # the front matter key
    value: Callable[[SourcePage], object]  # compared value
    shown: Callable[[SourcePage], str]  # how the value is named in the message


def _when_text(page: SourcePage) -> str:
    return page.date.text if page.date else "(none)"


def _ids(ids: tuple[str, ...]) -> str:
    return "[" + ", ".join(sorted(ids)) + "]"


SHARED_FACTS = (
    SharedFact("type", lambda p: p.type, lambda p: p.type),
    SharedFact("date", lambda p: p.date.start if p.date else None, _when_text),
    SharedFact("municipalities", lambda p: frozenset(p.places), lambda p: _ids(p.places)),
    SharedFact("waves", lambda p: frozenset(p.waves), lambda p: _ids(p.waves)),
)


def check_shared_facts(report: Report, pages: Iterable[SourcePage]) -> None:
    """One error per fact that differs between a page and its translation; a fact whose
    value has an error already in `report` (a date that is no date) is not compared."""
    faulty: dict[str, set[int]] = {}
    for finding in report.errors:
        if finding.line:
            faulty.setdefault(finding.path, set()).add(finding.line)
    by_key: dict[str, dict[str, SourcePage]] = {}
    for page in pages:
        by_key.setdefault(page.key, {}).setdefault(page.lang, page)
    for key in sorted(by_key):
        versions = by_key[key]
        if "nb" not in versions or "nn" not in versions:
            continue
        nb, nn = versions["nb"], versions["nn"]
        for fact in SHARED_FACTS:
            if fact.value(nb) == fact.value(nn) or any(
                    _value_lines(p, fact.key) & faulty.get(p.path, set()) for p in (nb, nn)):
                continue
            nb_line = nb.lines.get(fact.key, 1)
            report.error(nn.path, nn.lines.get(fact.key, 1),
                         msg("'{key}' is {here} here, but {there} in the Bokmål version "
                             "{where}.", key=fact.key, here=fact.shown(nn),
                             there=fact.shown(nb), where=nb.path + ":" + str(nb_line)),
                         msg("A page and its translation share facts; write the same '{key}' "
                             "in both files.", key=fact.key), code="translation-mismatch")


def _value_lines(page: SourcePage, key: str) -> set[int]:
    """The front matter lines of `key`'s value: its own line up to the next key's."""
    start = page.lines.get(key)
    if start is None:
        return set()
    end = min([n for n in page.lines.values() if n > start] + [page.body_line])
    return set(range(start, max(end, start + 1)))


def check_one_sided_keys(report: Report, pages: Iterable[SourcePage]) -> None:
    """A `translation_key` written in one file only unpairs it from its translation.

    `content/nb/om.md` with ``translation_key: om-oss`` and `content/nn/om.md`
    without one are two pages, each missing in the other standard.  Warned on
    the file with the key, naming both files and the line to add.
    """
    listed = list(pages)
    langs: dict[str, set[str]] = {}
    for page in listed:
        langs.setdefault(page.key, set()).add(page.lang)
    by_rel = {(p.lang, p.rel): p for p in listed}
    counterparts = Counterparts(listed)
    for page in listed:
        if "translation_key" not in page.lines or len(langs[page.key]) > 1:
            continue
        other_lang = "nn" if page.lang == "nb" else "nb"
        twin = by_rel.get((other_lang, page.rel)) or counterparts.at(counterparts.path(page))
        unpaired = sorted(k for k, ls in langs.items() if ls == {other_lang})
        if twin is not None and "translation_key" not in twin.lines:
            hint = msg("Add the line 'translation_key: {key}' to {other}, or remove it here.",
                       key=page.key, other=twin.path)
        elif twin is not None and len(langs[twin.key]) == 1:
            hint = msg("Write the same translation_key in both files: '{key}' here, "
                       "'{other_key}' in {other}.", key=page.key, other_key=twin.key,
                       other=twin.path)
        else:
            near = suggest(page.key, unpaired)
            hint = msg("No {lang} page has this translation_key. {near}",
                       lang=STANDARDS[other_lang],
                       near=near or msg("Write the same key in the front matter of the "
                                        "translation, {path}.", path=counterparts.path(page)))
        other = twin.path if twin is not None else f"content/{other_lang}/"
        report.warn(page.path, page.lines["translation_key"],
                    msg("translation_key '{key}' is in this file only, so it is not paired "
                        "with {other}; both are shown as missing a translation.",
                        key=page.key, other=other), hint, code="one-sided-translation-key")


def _folder(rel: str) -> str:
    """The folder of a page's file inside content/<lang>/ ('' at the top)."""
    return rel.rsplit("/", 1)[0] if "/" in rel else ""


def _other_lang(lang: str) -> str:
    return "nn" if lang == "nb" else "nb"


def _path_key(rel: str) -> str:
    """The translation key a file has without a translation_key line (as load.pages)."""
    return rel[: -len("/index")] if rel.endswith("/index") else rel


def _root_words(root: Path) -> list[str]:
    """['--root', ROOT] for a command run from outside the project folder, else []."""
    try:
        here = Path.cwd().resolve()
    except OSError:
        here = None
    if here is not None and root.resolve() == here:
        return []
    return ["--root", os.path.relpath(root) if here is not None and root.is_absolute() and
            root.resolve().is_relative_to(here) else str(root)]


class Counterparts:
    """Where each page's translation is, or belongs, among `pages` (every page loaded).

    Folders are paired as the site pairs pages: a folder's index page and its translation
    (index.md with the same translation_key in both) pair the two folders, e.g.
    content/nb/kunngjoringer/ and content/nn/kunngjeringar/; a folder without one is
    paired with the folder most translations of its pages are in; else it keeps its name.
    Built once for a run (one pass over the pages), asked per page.
    """

    def __init__(self, pages: Iterable[SourcePage]):
        self.pages = list(pages)
        self._by_key: dict[tuple[str, str], SourcePage] = {}
        for page in self.pages:
            self._by_key.setdefault((page.key, page.lang), page)
        self._by_path = {page.path: page for page in self.pages}
        self._pairs: dict[str, dict[str, str]] = {}

    def at(self, path: str) -> SourcePage | None:
        """The page loaded from `path` ('content/nb/om.md'), if any."""
        return self._by_path.get(path)

    def page(self, key: str, lang: str) -> SourcePage | None:
        """The first page loaded with translation key `key` in `lang`."""
        return self._by_key.get((key, lang))

    def folders(self, lang: str) -> dict[str, str]:
        """Folder in `lang` -> its folder in the other standard, e.g.
        {'kunngjoringer': 'kunngjeringar'} for 'nb'."""
        found = self._pairs.get(lang)
        if found is not None:
            return found
        votes: dict[str, dict[str, int]] = {}
        found = {}
        for (key, page_lang), own in sorted(self._by_key.items()):
            other = self._by_key.get((key, _other_lang(lang)))
            if page_lang != lang or other is None:
                continue
            if own.rel.endswith("/index") and other.rel.endswith("/index"):
                found.setdefault(_folder(own.rel), _folder(other.rel))
            counts = votes.setdefault(_folder(own.rel), {})
            counts[_folder(other.rel)] = counts.get(_folder(other.rel), 0) + 1
        for folder, counts in votes.items():
            found.setdefault(folder, max(sorted(counts), key=lambda f: counts[f]))
        self._pairs[lang] = found
        return found

    def path(self, page: SourcePage) -> str:
        """The file `page`'s translation belongs in: its own file name in the paired
        folder, e.g. content/nb/kunngjoringer/x.md -> 'content/nn/kunngjeringar/x.md'."""
        pairs = self.folders(page.lang)
        parts = page.rel.split("/")
        folder, name = parts[:-1], parts[-1]
        cut = next(c for c in range(len(folder), -1, -1)  # the deepest paired folder
                   if c == 0 or "/".join(folder[:c]) in pairs)
        head = "/".join(folder[:cut])
        rel = "/".join(p for p in (pairs.get(head, head), *folder[cut:], name) if p)
        return f"content/{_other_lang(page.lang)}/{rel}.md"

    def hint(self, root: Path, page: SourcePage) -> Message:
        """How to give `page` its translation: the file to create (with the translation_key
        line when its name does not pair it), then `translated`; or, when the translation
        is there but not shown, or another file has its place, why it is not paired."""
        waiting = self.page(page.key, _other_lang(page.lang))
        if waiting is not None:  # loaded, but not shown: a draft or scheduled
            return msg("The translation {path} is not shown yet: it is a draft or has a "
                       "later publish date.", path=waiting.path)
        path = self.path(page)
        there = self._by_path.get(path)
        if there is not None and "translation_key" in there.lines:
            return msg("{path} is not paired with this page: its translation_key is "
                       "'{other}'. If it is the translation, write the same translation_key "
                       "in both files.", path=path, other=there.key)
        if (root / path).exists():
            return msg("{path} is not paired with this page. If it is the translation, "
                       "write the line 'translation_key: {key}' in it.", path=path,
                       key=page.key)
        rel = path.split("/", 2)[2][: -len(".md")]
        run = command("translated", path, *_root_words(root))
        if _path_key(rel) == page.key:
            return msg("Create {path} (copy this file and translate the text), then run: "
                       "{command}", path=path, command=run)
        return msg("Create {path} (copy this file and translate the text) with the line "
                   "'translation_key: {key}' in its front matter, then run: {command}",
                   path=path, key=page.key, command=run)


def warn_missing(report: Report, site: Site, m: Missing,
                 counterparts: Counterparts | None = None) -> None:
    """The warning for a page without its translation: where readers see it instead
    (a real address), or which file has that address so no fallback is shown; the hint
    names the file to create (`Counterparts.hint`). `counterparts`: made from every page
    loaded (drafts too), else from the pages the site shows."""
    url, owner = site.missing_note(m)
    if owner is None:
        text = msg("No {lang} version of this page; /{url} shows this text with a notice.",
                   lang=STANDARDS[m.lang], url=url)
    else:
        text = msg("No {lang} version of this page; its address /{url} belongs to {owner}, "
                   "so readers of {lang} do not see this page at all.",
                   lang=STANDARDS[m.lang], url=url, owner=owner)
    known = counterparts or shown_counterparts(site)
    page = known.at(m.source)
    hint = (known.hint(report.root, page) if page is not None else
            msg("Add the translation under content/{lang}/.", lang=m.lang))
    report.warn(m.source, None, text, hint, code="missing-translation")


def shown_counterparts(site: Site) -> Counterparts:
    """`Counterparts` of the pages `site` shows (no fallbacks)."""
    return Counterparts(p.source for p in site.pages if p.source is not None and not p.fallback)
