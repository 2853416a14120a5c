"""Facts a page and its translation must agree on.

Only prose is translated; facts are written once.  A page in Bokmål and its
Nynorsk version still each carry front matter, so the facts in it (type, date,
which municipalities and waves it concerns) must be the same in both files, or
readers of the two standards would be told different things.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.errors import Report, msg
from generator.model import SourcePage


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
    """One error per fact that differs between a page and its translation."""
    by_key: dict[str, dict[str, SourcePage]] = {}
    for page in pages:
        by_key.setdefault(page.key, {}).setdefault(page.lang, page)
    for key in sorted(by_key):
        versions = by_key[key]
        if "nb" not in versions or "nn" not in versions:
            continue
        nb, nn = versions["nb"], versions["nn"]
        for fact in SHARED_FACTS:
            if fact.value(nb) == fact.value(nn):
                continue
            nb_line = nb.lines.get(fact.key, 1)
            report.error(nn.path, nn.lines.get(fact.key, 1),
                         msg("'{key}' is {here} here, but {there} in the Bokmål version "
                             "{where}.", key=fact.key, here=fact.shown(nn),
                             there=fact.shown(nb), where=nb.path + ":" + str(nb_line)),
                         msg("A page and its translation share facts; write the same '{key}' "
                             "in both files.", key=fact.key), code="translation-mismatch")
