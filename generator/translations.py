"""Facts a page and its translation must agree on.

Only prose is translated; facts are written once.  A page in Bokmål and its
Nynorsk version still each carry front matter, so the facts in it (type, date,
which municipalities and waves it concerns) must be the same in both files, or
readers of the two standards would be told different things.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.errors import Report, msg, suggest
from generator.i18n.notices import STANDARDS
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


def twin_unloaded(unloaded: dict[str, set[str] | None], key: str, lang: str) -> bool:
    """Whether `unloaded` (lang -> keys of pages that did not load, None for any key,
    `load.pages.keys_not_loaded`) may hold the `lang` version of the page `key`."""
    keys = unloaded.get(lang, set())
    return keys is None or key in keys


def check_one_sided_keys(report: Report, pages: Iterable[SourcePage],
                         unloaded: dict[str, set[str] | None] | None = None) -> None:
    """A `translation_key` written in one file only unpairs it from its translation.

    `content/nb/om.md` with ``translation_key: om-oss`` and `content/nn/om.md`
    without one are two pages, each missing in the other standard.  Warned on
    the file with the key, naming both files and the line to add.  A page whose twin
    did not load for an error of its own (`unloaded`) is not warned about: the error
    is the one finding.
    """
    listed = list(pages)
    langs: dict[str, set[str]] = {}
    for page in listed:
        langs.setdefault(page.key, set()).add(page.lang)
    by_rel = {(p.lang, p.rel): p for p in listed}
    for page in listed:
        if "translation_key" not in page.lines or len(langs[page.key]) > 1:
            continue
        other_lang = "nn" if page.lang == "nb" else "nb"
        if twin_unloaded(unloaded or {}, page.key, other_lang):
            continue
        twin = by_rel.get((other_lang, page.rel))
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
                       near=near or msg("Write the same key in the translation's front matter."))
        other = twin.path if twin is not None else f"content/{other_lang}/"
        report.warn(page.path, page.lines["translation_key"],
                    msg("translation_key '{key}' is in this file only, so it is not paired "
                        "with {other}; both are shown as missing a translation.",
                        key=page.key, other=other), hint, code="one-sided-translation-key")


def warn_missing(report: Report, site: Site, m: Missing) -> None:
    """The warning for a page without its translation: where readers see it instead
    (a real address), or which file has that address so no fallback is shown."""
    url, owner = site.missing_note(m)
    if owner is None:
        text = msg("No {lang} version of this page; /{url} shows this text with a notice.",
                   lang=STANDARDS[m.lang], url=url)
    else:
        text = msg("No {lang} version of this page; its address /{url} belongs to {owner}, "
                   "so readers of {lang} do not see this page at all.",
                   lang=STANDARDS[m.lang], url=url, owner=owner)
    report.warn(m.source, None, text, msg("Add the translation under content/{lang}/.",
                                          lang=m.lang), code="missing-translation")
