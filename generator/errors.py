"""The one error type of the generator, and how findings are written.

Every problem with content is a `Finding`: the file, the line, what is wrong
and, when there is one, how to fix it.  Loaders and validators collect findings;
the command line prints them as ``path:line: level: message``.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Message:
    """An editor-facing message: an English msgid with named ``{placeholders}``.

    The msgid is a gettext key (extracted by Babel through the keyword ``msg``),
    translated to Bokmål or Nynorsk where findings are printed; ``str()`` gives
    the English text.
    """

    msgid: str
    params: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        return self.msgid.format(**dict(self.params)) if self.params else self.msgid


def msg(msgid: str, **params: object) -> Message:
    """A translatable message; ``msgid`` must be a literal so Babel can extract it."""
    return Message(msgid, tuple(sorted((k, str(v)) for k, v in params.items())))


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int | None
    level: str
    message: str | Message
    hint: str | Message | None = None
    code: str = ""

    def format(self) -> str:
        """One line 'path:line: level: message hint' (no ':line' when the line is unknown)."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        text = f"{where}: {self.level}: {self.message}"
        if self.hint:
            text += f" {self.hint}"
        return text

    def as_dict(self) -> dict[str, object]:
        """The finding as a JSON-ready dict: path, line, level, code, message, hint."""
        return {
            "path": self.path,
            "line": self.line,
            "level": self.level,
            "code": self.code,
            "message": str(self.message),
            "hint": None if self.hint is None else str(self.hint),
        }


class ContentError(Exception):
    """Raised when content cannot be built; carries every finding."""

    def __init__(self, findings: Iterable[Finding]):
        self.findings = sorted(findings, key=_sort_key)
        super().__init__("\n".join(f.format() for f in self.findings))

    def __reduce__(self) -> tuple[type, tuple[list[Finding]]]:
        return (ContentError, (self.findings,))  # raised in a worker, re-raised in the parent


def _sort_key(f: Finding) -> tuple[str, int, str]:
    return (f.path, f.line or 0, str(f.message))


@dataclass
class Report:
    """Collects findings while loading and validating."""

    root: Path
    findings: list[Finding] = field(default_factory=list)

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


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """A hint naming the closest known word, or None."""
    match = difflib.get_close_matches(str(word), sorted(set(choices)), n=1, cutoff=0.6)
    return f"Did you mean '{match[0]}'?" if match else None
