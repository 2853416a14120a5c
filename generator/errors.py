"""The one error type of the generator, and how findings are written.

Every problem with content is a `Finding`: the file, the line, what is wrong
and, when there is one, how to fix it.  Loaders and validators collect findings;
the command line prints them as ``path:line: level: message``.
"""

from __future__ import annotations

import difflib
import functools
import os
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.sourceline import quote, read_lines

ERROR = "error"
WARNING = "warning"


@functools.total_ordering
@dataclass(frozen=True)
class Message:
    """An editor-facing message: an English msgid with named ``{placeholders}``.

    The msgid is a gettext key (extracted by Babel through the keyword ``msg``),
    translated to Bokmål or Nynorsk where findings are printed
    (`generator.i18n.notices.Notices`); ``str()`` gives the English text.  A
    parameter may itself be a `Message` (a hint naming a field, say), translated
    with it.  The msgid is a `str.format` template: write a literal brace twice
    (``{{nb: …}}``); ``{name!c}`` capitalises the value's first letter (a phrase
    such as "the front matter" that starts a sentence).
    """

    msgid: str
    params: tuple[tuple[str, str | Message], ...] = ()

    def __str__(self) -> str:
        return fill(self.msgid, {k: str(v) for k, v in self.params})

    def __lt__(self, other: object) -> bool:
        return (self.msgid, str(self)) < (_text_key(other), str(other))


class _Formatter(string.Formatter):
    def convert_field(self, value: object, conversion: str | None) -> object:
        if conversion == "c":
            text = str(value)
            return text[:1].upper() + text[1:]
        return super().convert_field(value, conversion)


_FORMATTER = _Formatter()


def fill(template: str, params: dict[str, str]) -> str:
    """``template`` with its ``{placeholders}`` filled (``!c``: first letter capitalised)."""
    return _FORMATTER.vformat(template, (), params)


def _text_key(value: object) -> str:
    return value.msgid if isinstance(value, Message) else str(value)


MAX_VALUE = 120  # characters of a quoted value shown in a message
MAX_MESSAGE = 1000  # characters of one finding's text


class Whole(str):
    """A message value printed whole, never shortened: a command to copy or a path the
    generator itself made, not text an editor typed (`msg`)."""

    __slots__ = ()


def shorten(text: str, limit: int = MAX_VALUE) -> str:
    """`text` cut to `limit` characters with '…' (a value is never printed whole:
    a pasted document or an expanded YAML alias would flood the terminal)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def msg(msgid: str, **params: object) -> Message:
    """A translatable message; ``msgid`` must be a literal so Babel can extract it.

    Parameters are kept as text, shortened to `MAX_VALUE` characters, except
    `Message` values, which are translated too, and `Whole` values (commands and
    paths the generator made), kept whole so they can be copied.
    """
    return Message(msgid, tuple(sorted(
        (k, v if isinstance(v, Message | Whole) else shorten(str(v)))
        for k, v in params.items())))


LEVEL_WORDS = {ERROR: msg("error"), WARNING: msg("warning")}


def _translate(message: str | Message, notices: Callable[[str | Message], str] | None) -> str:
    return str(message) if notices is None else notices(message)


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int | None
    level: str
    message: str | Message
    hint: str | Message | None = None
    code: str = ""

    def format(self, notices: Callable[[str | Message], str] | None = None,
               source: str | None = None) -> str:
        """``path:line: level: message hint``, then the quoted ``source`` line if given.

        ``notices`` translates (`generator.i18n.notices.Notices`); without it the
        text is English.  ``path:line:`` stays first so editors and CI tools can
        link to the place.
        """
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        level = _translate(LEVEL_WORDS.get(self.level, self.level), notices)
        text = f"{where}: {level}: {shorten(_translate(self.message, notices), MAX_MESSAGE)}"
        if self.hint:
            text += f" {shorten(_translate(self.hint, notices), MAX_MESSAGE)}"
        if source is not None:
            text += f"\n    | {source}"
        return text

    def as_dict(self) -> dict[str, object]:
        """The finding as a JSON-ready dict: path, line, level, code, message, hint."""
        return {
            "path": self.path,
            "line": self.line,
            "level": self.level,
            "code": self.code,
            "message": shorten(str(self.message), MAX_MESSAGE),
            "hint": None if self.hint is None else shorten(str(self.hint), MAX_MESSAGE),
        }

    def translated(self, notices: Callable[[str | Message], str],
                   source: str | None = None) -> dict[str, object]:
        """`as_dict` with the message and hint in the notices' language, and the quoted line."""
        return {**self.as_dict(), "message": notices(self.message),
                "hint": None if self.hint is None else notices(self.hint), "source": source}


class ContentError(Exception):
    """Raised when content cannot be built; carries every finding."""

    def __init__(self, findings: Iterable[Finding]):
        self.findings = sorted(findings, key=_sort_key)
        super().__init__("\n".join(f.format() for f in self.findings))

    def __reduce__(self) -> tuple[type, tuple[list[Finding]]]:
        return (ContentError, (self.findings,))  # raised in a worker, re-raised in the parent


def _sort_key(f: Finding) -> tuple[str, int, str]:
    return (f.path, f.line or 0, str(f.message))


def quoted_lines(findings: Iterable[Finding], root: Path) -> dict[tuple[str, int], str]:
    """The source line each finding points at, keyed by (path, line), for quoting.

    Only regular files inside ``root`` are read (each once, `sourceline.read_lines`);
    a line is cut at `sourceline.QUOTE_WIDTH` characters (`sourceline.quote`).  Findings
    without a line, or whose file is gone, get nothing.
    """
    wanted: dict[str, set[int]] = {}
    for f in findings:
        if f.line:
            wanted.setdefault(f.path, set()).add(f.line)
    base = root.resolve()
    out: dict[tuple[str, int], str] = {}
    for rel, numbers in wanted.items():
        for n, text in read_lines(base / rel, numbers, inside=base).items():
            shown = quote(text)
            if shown is not None:
                out[(rel, n)] = shown
    return out


def format_findings(findings: Iterable[Finding], notices: Callable[[str | Message], str],
                    root: Path | None) -> list[str]:
    """Each finding as text in the notices' language, its source line quoted below it."""
    items = list(findings)
    quotes = quoted_lines(items, root) if root is not None else {}
    return [f.format(notices, quotes.get((f.path, f.line or 0))) for f in items]


@dataclass
class Report:
    """Collects findings while loading and validating.

    `year` is the build clock's year in Norway: the example year a hint fills into a
    date written without one (`datehint.with_year`); None leaves the year as YYYY.
    """

    root: Path
    findings: list[Finding] = field(default_factory=list)
    year: int | None = None

    def rel(self, path: Path | str) -> str:
        """The path relative to the project, as written (a link is named, not its target)."""
        p = Path(path)
        try:
            return Path(os.path.abspath(p)).relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            pass
        try:  # only now resolve links: it reads every folder on the way
            return p.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return p.as_posix()

    def error(self, path: Path | str, line: int | None, message: str | Message,
              hint: str | Message | None = None, code: str = "") -> None:
        """Add an error (the build will fail) at `path` (made project-relative) and `line`."""
        self.findings.append(Finding(self.rel(path), line, ERROR, message, hint, code))

    def warn(self, path: Path | str, line: int | None, message: str | Message,
             hint: str | Message | None = None, code: str = "") -> None:
        """Add a warning (shown, the build goes on) at `path` and `line`."""
        self.findings.append(Finding(self.rel(path), line, WARNING, message, hint, code))

    @property
    def errors(self) -> list[Finding]:
        """The findings of level error, in the order found."""
        return [f for f in self.findings if f.level == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        """The findings of level warning, in the order found."""
        return [f for f in self.findings if f.level == WARNING]

    def raise_if_errors(self) -> None:
        """Raise `ContentError` with every error, if there is any."""
        if self.errors:
            raise ContentError(self.errors)


def edits(a: str, b: str) -> int:
    """The optimal-string-alignment distance of `a` and `b`: letters inserted, deleted,
    replaced, or two neighbours swapped, each one edit (Damerau-Levenshtein without
    repeated edits of a substring)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1]


def near_miss(word: str, known: str) -> bool:
    """Whether `known` is a likely typo of `word`: difflib ratio ≥ 0.75, or at most one
    edit per three letters ('tittel' → 'title': two edits in six letters)."""
    a, b = word.casefold(), known.casefold()
    return (difflib.SequenceMatcher(None, a, b).ratio() >= 0.75
            or edits(a, b) <= max(1, len(a) // 3))


def suggest(word: str, choices: Iterable[str]) -> Message | None:
    """A hint naming the closest known word, or None.

    Only a near miss is offered (`near_miss`: a typo, a letter left out or swapped, as
    'titel' for 'title'); a word that merely shares letters ('forfatter', 'footer') gets
    no suggestion, since a wrong one misleads more than none.
    """
    close = difflib.get_close_matches(str(word), sorted(set(choices)), n=3, cutoff=0.6)
    match = [c for c in close if near_miss(str(word), c)]
    return msg("Did you mean '{word}'?", word=match[0]) if match else None
