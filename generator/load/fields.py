"""Typed reading of YAML mappings, reporting problems with their line.

`Fields` wraps one mapping from a file: each getter returns a clean value or
None, and reports a plain-language error to the `Report` when the value is
missing or of the wrong kind.  Unknown keys are reported with a suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.errors import Report, suggest
from generator.load.yamlsrc import YDict, YList
from generator.model import Contact, Text
from generator.when import Period, When, WhenError, parse_when

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
LANGS = ("nb", "nn")
EMAIL_RE = re.compile(r"^[^@\s:/<>\"']+@[^@\s:/<>\"']+\.[^@\s:/<>\"']+$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()-]{1,30}$")


def describe(value: Any) -> str:
    """A YAML value's kind as messages name it: 'a block of keys', 'a list',
    'true/false', 'a number', 'empty' or 'text'."""
    if isinstance(value, dict):
        return "a block of keys"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "empty"
    return "text"


class Fields:
    def __init__(self, report: Report, path: Path, data: Any, what: str,
                 line: int | None = None):
        self.report = report
        self.path = path
        self.what = what
        if isinstance(data, YDict):
            self.data: YDict = data
        else:
            self.data = YDict()
            self.data.line = line if line else getattr(data, "line", 1)
            self.data.key_lines = {}
            report.error(path, line or getattr(data, "line", None),
                         f"{what} must be a block of 'key: value' lines, not {describe(data)}.")

    @property
    def line(self) -> int:
        """The 1-based line where the block starts in its file."""
        return self.data.line

    def line_of(self, key: str) -> int:
        """The 1-based line of `key` in the file, else the block's own line."""
        return self.data.line_of(key)

    def error(self, key: str | None, message: str, hint: str | None = None) -> None:
        """Report an error at `key`'s line (the block's line if `key` is None), with `hint`."""
        line = self.line_of(key) if key else self.line
        self.report.error(self.path, line, message, hint)

    def known(self, keys: Iterable[str]) -> None:
        """Report every key not in `keys` as an error, with the closest known key (difflib) or
        the list of known keys as the hint.
        """
        allowed = set(keys)
        for key in self.data:
            if key not in allowed:
                hint = suggest(str(key), allowed) or (
                    "Known keys: " + ", ".join(sorted(allowed)) + ".")
                self.error(key, f"Unknown key '{key}' in {_lower_article(self.what)}.", hint)

    def has(self, key: str) -> bool:
        """True if `key` is present and not null."""
        return key in self.data and self.data[key] is not None

    def raw(self, key: str) -> Any:
        """The value of `key` as YAML gave it (None if absent): no check, no conversion."""
        return self.data.get(key)

    def text(self, key: str, required: bool = False) -> str | None:
        """The value of `key` as text, stripped (a number is taken as written); None if
        absent or blank, an error then if `required`.  true/false, a list or a block
        is an error (None)."""
        value = self.data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(key if key in self.data else None,
                           f"{self.what} needs '{key}'.", f"Add a line '{key}: …'.")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(key, f"'{key}' must be text, not {describe(value)}.")
            return None
        return str(value).strip()

    def id(self, key: str, required: bool = True) -> str | None:
        """An id (lower-case a–z, 0–9 and '-', as ID_RE): None with an error if it is malformed,
        or absent while `required`.
        """
        value = self.text(key, required)
        if value is not None and not ID_RE.match(value):
            self.error(key, f"'{value}' is not a valid id.",
                       "Use lower-case letters a–z, digits and '-', e.g. 'midtre-gauldal'.")
            return None
        return value

    def choice(self, key: str, choices: Iterable[str], default: str | None = None) -> str | None:
        """One of `choices`; absent gives `default` (an error if there is no default); any other
        value is an error naming the allowed ones.
        """
        options = tuple(choices)
        value = self.text(key, required=default is None)
        if value is None:
            return default
        if value not in options:
            self.error(key, f"'{key}' is '{value}', which is not one of: {', '.join(options)}.",
                       suggest(value, options))
            return default
        return value

    def integer(self, key: str, minimum: int | None = None) -> int | None:
        """A whole number ≥ `minimum`; text of digits and spaces ('121 000') is read as
        that number; anything else, or a smaller number, gives None and an error."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, str) and re.fullmatch(r"\d[\d  ]*", value.strip()):
                value = int(re.sub(r"\D", "", value))
            else:
                self.error(key, f"'{key}' must be a whole number, not {describe(value)}.")
                return None
        if minimum is not None and value < minimum:
            self.error(key, f"'{key}' must be at least {minimum}.")
            return None
        return value

    def flag(self, key: str) -> bool:
        """A YAML boolean (true/false); absent is False; any other value (also 'ja'
        or 'yes') is an error and counts as False."""
        value = self.data.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(key, f"'{key}' must be true or false, not {value!r}.",
                       "Write true or false (yes/no and ja/nei are not used).")
            return False
        return value

    def when(self, key: str, required: bool = False, approx: bool = False) -> When | None:
        """A date or date-time (`when.parse_when`, Europe/Oslo), e.g. 2023-11-03 or
        2023-11-03T22:00; with `approx` also a month or season (2024-09, 2024-autumn).
        None with an error if unreadable, or absent while `required`."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.error(None, f"{self.what} needs '{key}' (a date like 2023-11-03).")
            return None
        try:
            return parse_when(value, allow_approx=approx)
        except WhenError as exc:
            forms = "2023-11-03 or 2023-11-03T22:00"
            if approx:
                forms += ", 2024-09 or 2024-autumn"
            self.error(key, f"'{key}': {exc}.", f"Write it as {forms}.")
            return None

    def period(self, key: str, required: bool = False) -> Period | None:
        """A `Period` from a block with 'start' (required) and 'end'; an end before the
        start, or a missing start, is an error (None)."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.error(None, f"{self.what} needs '{key}' with 'start' and 'end'.")
            return None
        sub = self.sub(key, f"'{key}'")
        sub.known(("start", "end"))
        start = sub.when("start", required=True)
        end = sub.when("end")
        if start is None:
            return None
        if end is not None and end.end <= start.start:
            sub.error("end", f"The period ends ({end.text}) before it starts ({start.text}).",
                      "Check the two dates; 'end' must be the same day as 'start' or later.")
            return None
        return Period(start, end)

    def sub(self, key: str, what: str) -> Fields:
        """The block under `key` as its own `Fields` (described as `what` in messages)."""
        return Fields(self.report, self.path, self.data.get(key), what, self.line_of(key))

    def bilingual(self, key: str, required: bool = False, name_like: bool = False) -> Text | None:
        """A `Text` with Bokmål and Nynorsk from `{nb: …, nn: …}` (see `read_bilingual`); None
        if absent.
        """
        value = self.data.get(key)
        line = self.line_of(key)
        return read_bilingual(self.report, self.path, value, line, f"'{key}'",
                              required=required and True, name_like=name_like,
                              missing=key not in self.data)

    def bilingual_list(self, key: str) -> tuple[Text, ...]:
        """A tuple of `Text` from a list of `{nb: …, nn: …}` items; () if absent; errors for
        items that are not.
        """
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error(key, f"'{key}' must be a list of items with nb and nn text.",
                       "Write each item on its own line starting with '- {nb: …, nn: …}'.")
            return ()
        items = []
        for i, item in enumerate(value):
            line = value.line_of(i) if isinstance(value, YList) else self.line_of(key)
            text = read_bilingual(self.report, self.path, item, line, f"item {i + 1} of '{key}'",
                                  required=True)
            if text:
                items.append(text)
        return tuple(items)

    def id_list(self, key: str) -> list[tuple[str, int]]:
        """`[(id, line)]` from one id or a list of ids (each checked as `id`); [] if absent."""
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value_list: list[Any] = [value]
        elif isinstance(value, list):
            value_list = value
        else:
            self.error(key, f"'{key}' must be a list of ids, like [molde, rauma].")
            return []
        out = []
        for i, item in enumerate(value_list):
            line = value.line_of(i) if isinstance(value, YList) else self.line_of(key)
            if not isinstance(item, str) or not ID_RE.match(item):
                self.report.error(self.path, line, f"'{item}' in '{key}' is not a valid id.",
                                  "Ids are lower-case letters, digits and '-'.")
                continue
            out.append((item, line))
        return out

    def contact(self, key: str) -> Contact:
        """A `Contact` from a block of phone (digits, spaces, leading +), email and url
        (http:// or https://); a malformed value is an error and left out.  An empty
        Contact if absent."""
        if not self.has(key):
            return Contact()
        sub = self.sub(key, f"'{key}'")
        sub.known(("phone", "email", "url"))
        url = sub.text("url")
        if url and not re.match(r"^https?://[^\s]+$", url):
            sub.error("url", f"'{url}' is not a web address.", "Start it with https://.")
            url = None
        email = sub.text("email")
        if email and not EMAIL_RE.match(email):
            sub.error("email", f"'{email}' is not an e-mail address.",
                      "Write it like post@example.org.")
            email = None
        phone = sub.text("phone")
        if phone and not PHONE_RE.match(phone):
            sub.error("phone", f"'{phone}' is not a phone number.",
                      "Use digits, spaces and a leading '+', like \"+47 71 11 11 11\".")
            phone = None
        return Contact(phone, email, url)


def _lower_article(what: str) -> str:
    """'The front matter' → 'the front matter' inside a sentence; names stay as they are."""
    first, _, rest = what.partition(" ")
    return f"{first.lower()} {rest}" if first in ("The", "A", "An") and rest else what


def read_bilingual(report: Report, path: Path, value: Any, line: int, what: str,
                   required: bool = False, name_like: bool = False,
                   missing: bool = False) -> Text | None:
    """A `Text` from a `{nb: …, nn: …}` mapping at `line` of `path`: both standards are required
    (a missing one is an error naming it, principle 2); a plain string is accepted only when
    `name_like` (a proper name, the same in both). None if `value` is None (an error if
    `required`).
    """
    if value is None:
        if required:
            report.error(path, line, f"{what} is missing.",
                         "Write it in both standards: {nb: \"…\", nn: \"…\"}.")
        return None
    if name_like and isinstance(value, str | int) and not isinstance(value, bool):
        s = str(value).strip()
        if s:
            return Text(s, s)
    if not isinstance(value, dict):
        report.error(path, line, f"{what} must have a Bokmål and a Nynorsk text, "
                     f"not {describe(value)}.", "Write it as {nb: \"…\", nn: \"…\"}.")
        return None
    vline = value.line if isinstance(value, YDict) else line
    ok = True
    for k in value:
        if k not in LANGS:
            report.error(path, value.line_of(k) if isinstance(value, YDict) else vline,
                         f"{what} has the unknown language '{k}'.",
                         suggest(str(k), LANGS) or "Use 'nb' and 'nn'.")
            ok = False
    texts = {}
    for lang in LANGS:
        v = value.get(lang)
        name = "Bokmål (nb)" if lang == "nb" else "Nynorsk (nn)"
        if v is None or (isinstance(v, str) and not v.strip()):
            report.error(path, vline, f"{what} has no {name} text.",
                         f"Add '{lang}: …' with the text in {name.split()[0]}.")
            ok = False
        elif not isinstance(v, str | int | float) or isinstance(v, bool):
            report.error(path, value.line_of(lang) if isinstance(value, YDict) else vline,
                         f"{what}: the {name} text must be text, not {describe(v)}.")
            ok = False
        else:
            texts[lang] = str(v).strip()
    return Text(texts["nb"], texts["nn"]) if ok else None
