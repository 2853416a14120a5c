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

from generator.datehint import date_hint, guess_iso, guess_range
from generator.errors import Message, Report, msg, suggest
from generator.i18n.phones import PhoneError, parse_phone
from generator.load.names import windows_reserved
from generator.load.yamlsrc import YDict, YList, colon_fixed
from generator.model import Contact, Text
from generator.sourceline import source_line
from generator.when import Period, When, WhenError, parse_when

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
LANGS = ("nb", "nn")
EMAIL_RE = re.compile(r"^[^@\s:/<>\"']+@[^@\s:/<>\"']+\.[^@\s:/<>\"']+$")


def is_number(value: Any) -> bool:
    """A value YAML read as a number (also 0123 → 83, 10:30 → 630, +47… → 47…)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


_SCALAR_LINE = re.compile(r"^(\s*(?:-\s+)?[^\s:#{}\[\],'\"][^:#{}\[\]]*:\s+)"
                          r"([^\s'\"{}\[\],#][^#{}\[\],]*?)(\s+#.*)?$")


WRAPPED = re.compile(r"^\s*([“”„«»‘’‚])(.*)([“”«»‘’])\s*$", re.S)


def warn_typographic(report: Report, path: Path, line: int | None, value: str) -> None:
    """A value wrapped in typographic quotes (“…”, «…»): YAML keeps them as text, so
    the page shows them; the editor most likely meant YAML's straight quotes."""
    m = WRAPPED.match(value)
    if m is None:
        return
    report.warn(path, line, msg("The value is wrapped in typographic quotes {open}…{close}; "
                                "YAML does not read them as quotes, so they are shown on the "
                                "page.", open=m.group(1), close=m.group(3)),
                msg('To quote the value, use straight quotes: "{inner}". To show the quotes, '
                    "write them inside straight ones: '{value}'.", inner=m.group(2).strip(),
                    value=value.strip()), code="typographic-quotes")


def typed_value(path: Path, line: int | None) -> str | None:
    """The value as typed on a simple 'key: value' line, or None."""
    m = _SCALAR_LINE.match(source_line(path, line) or "")
    return m.group(2) if m else None


def number_error(report: Report, path: Path, line: int | None, what: str | Message,
                 value: Any) -> None:
    """'what' holds text, but YAML read a number: say what it became and how to quote it."""
    typed = source_line(path, line) or ""
    m = _SCALAR_LINE.match(typed)
    written = m.group(2) if m else None
    hint = (msg("Put the value in quotes: {fixed}", fixed=f'{m.group(1).strip()} "{written}"')
            if m else msg('Put the value in quotes, like "{value}".', value=value))
    if written is None:  # in a {flow: mapping}: is the number on the line as typed?
        as_typed = re.search(rf"(?<![\w.+]){re.escape(str(value))}(?![\w.])", typed)
        written = as_typed.group() if as_typed else None
    if written is None or written.strip() != str(value):
        problem = msg("YAML reads {written} in {what} as the number {number}, not as what "
                      "was typed.", what=what, written=written or value, number=value)
    else:  # the number reads back as typed (71111000): the fault is only that it is no text
        problem = msg("YAML reads {written} in {what} as a number, but {what} must be text "
                      "in quotes.", what=what, written=written)
    report.error(path, line, problem, hint, code="number-not-text")


def colon_missing(path: Path, line: int | None, key: Any,
                  allowed: Iterable[str]) -> tuple[str, Message, Message] | None:
    """(the key meant, message, hint) for a key YAML read with a space in it whose first
    word is one of `allowed`: the colon after that word is missing.  `nb "Tingvoll: …"`
    reads as the key 'nb "Tingvoll' (the colon inside the text ends it), `{start
    2026-11-30, …}` as the key 'start 2026-11-30'.  The hint is the line as typed at
    `line` with the colon put in (`yamlsrc.colon_fixed`).  None for any other key."""
    words = key.split(None, 1) if isinstance(key, str) else []
    if len(words) != 2 or words[0] not in set(allowed):
        return None
    word = words[0]
    typed = source_line(path, line) or ""
    at = typed.find(key)
    if at < 0:
        found = re.search(rf"(?<![\w-]){re.escape(word)}(?=\s)", typed)
        at = found.start() if found else -1
    hint = (msg("Write the line as: {fixed}", fixed=colon_fixed(typed, at + len(word)))
            if at >= 0 else msg("Put a colon ':' right after '{key}'.", key=word))
    return word, msg("The colon after '{key}' is missing on this line.", key=word), hint


def ids_without_comma(report: Report, path: Path, value: Any, key: str,
                      line: int) -> list[tuple[Any, int]] | None:
    """The ids of a list where some item is ids run together ('[tingvoll sunndal]': a
    comma is missing) as `[(id, line)]`, after an error per such item whose hint is the
    list written right (flow `[…]` or one id per '- ' line, as typed); None if no item is.
    `value` is the list (or the one text) under `key`, written from `line`."""
    items = list(value) if isinstance(value, list) else [value]
    runs = [i for i, item in enumerate(items) if isinstance(item, str)
            and len(item.split()) > 1 and all(ID_RE.match(p) for p in item.split())]
    if not runs:
        return None
    lines = [value.line_of(i) if isinstance(value, YList) else line for i in range(len(items))]
    ids = [(part, lines[i]) for i, item in enumerate(items)
           for part in (item.split() if isinstance(item, str) else [item])]
    for i in runs:
        typed = source_line(path, lines[i]) or ""
        if re.match(r"\s*-\s", typed):  # a block list: one id per line
            hint = msg("Write each id on its own line starting with '- ': {items}",
                       items=" ".join(f"- {p}" for p in str(items[i]).split()))
        else:
            listed = ", ".join(str(p) for p, _ in ids)
            hint = msg("Write the line as: {fixed}", fixed=f"{key}: [{listed}]")
        report.error(path, lines[i], msg("'{item}' in '{key}' is missing a comma between "
                                         "the ids.", item=items[i], key=key),
                     hint, code="missing-comma")
    return ids


def describe(value: Any) -> Message:
    """What kind of YAML value this is, in words for a message ("a list", "a number" …)."""
    if isinstance(value, dict):
        return msg("a block of keys")
    if isinstance(value, list):
        return msg("a list")
    if isinstance(value, bool):
        return msg("true/false")
    if isinstance(value, int | float):
        return msg("a number ({value})", value=value)
    if value is None:
        return msg("empty")
    return msg("text")


class Fields:
    def __init__(self, report: Report, path: Path, data: Any, what: str | Message,
                 line: int | None = None):
        self.report = report
        self.path = path
        self.what = what
        # keys written without their colon ('title "…"'): reported once by `known`, so
        # not reported again as missing
        self.unjoined: set[str] = set()
        if isinstance(data, YDict):
            self.data: YDict = data
        else:
            self.data = YDict()
            self.data.line = line if line else getattr(data, "line", 1)
            self.data.key_lines = {}
            report.error(path, line or getattr(data, "line", None),
                         msg("{what!c} must be a block of 'key: value' lines, not {kind}.",
                             what=what, kind=describe(data)), code="not-a-block")
            # every key is missing because the block is: that is this one error, not one
            # per key ("'title' is missing" …), so the rest is reported nowhere
            self.report = Report(report.root)

    @property
    def line(self) -> int:
        """The 1-based line where the block starts in its file."""
        return self.data.line

    def line_of(self, key: str) -> int:
        """The 1-based line of `key` in the file, else the block's own line."""
        return self.data.line_of(key)

    def error(self, key: str | None, message: str | Message,
              hint: str | Message | None = None, code: str = "") -> None:
        """Report an error at `key`'s line (the block's line if `key` is None), with `hint`
        and the finding's `code`."""
        line = self.line_of(key) if key else self.line
        self.report.error(self.path, line, message, hint, code=code)

    def known(self, keys: Iterable[str]) -> None:
        """Report every key not in `keys` as an error, with the closest known key (difflib) or
        the list of known keys as the hint.
        """
        allowed = set(keys)
        for key in self.data:
            missing = None if key in allowed else colon_missing(
                self.path, self.line_of(key), key, allowed)
            if missing:
                self.unjoined.add(missing[0])
                self.error(key, missing[1], missing[2], code="missing-colon")
            elif key not in allowed:
                hint = suggest(str(key), allowed) or msg(
                    "Known keys: {keys}.", keys=", ".join(sorted(allowed)))
                self.error(key, msg("Unknown key '{key}' in {what}.", what=self.what, key=key),
                           hint, code="unknown-key")

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
            if required and key not in self.unjoined:
                self.error(key if key in self.data else None,
                           msg("{what!c} needs '{key}'.", what=self.what, key=key),
                           msg("Add a line '{key}: …'.", key=key), code="missing-key")
            return None
        if is_number(value):
            number_error(self.report, self.path, self.line_of(key), f"'{key}'", value)
            return None
        if not isinstance(value, str):
            self.error(key, msg("'{key}' must be text, not {kind}.", key=key,
                                kind=describe(value)), code="not-text")
            return None
        warn_typographic(self.report, self.path, self.line_of(key), value)
        return value.strip()

    def id(self, key: str, required: bool = True, ref: bool = False) -> str | None:
        """An id (lower-case a–z, 0–9 and '-', as ID_RE): None with an error if it is malformed,
        or absent while `required`.

        With `ref` (the value names another record: `service:`, `wave:`), any one-line
        text is kept as written: `validate` reports it unknown with the id meant
        ('Tingvoll' → 'tingvoll', 'hjemmetjenester' → 'home-care';
        `validate.matching_ids`), which the form of an id alone cannot tell.
        """
        value = self.text(key, required)
        if ref and value is not None and "\n" not in value:
            return value
        if value is not None and not ID_RE.match(value):
            self.error(key, msg("'{value}' is not a valid id.", value=value),
                       msg("Use lower-case letters a–z, digits and '-', e.g. 'midtre-gauldal'."),
                       code="bad-id")
            return None
        if value is not None and windows_reserved(value):  # ids name folders of the site
            self.error(key, msg("The id '{id}' is a name reserved on Windows; the site could "
                                "not be built or copied there.", id=value),
                       msg("Choose another id."), code="reserved-name")
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
            self.error(key, msg("'{key}' is '{value}', which is not one of: {options}.",
                                key=key, value=value, options=", ".join(options)),
                       suggest(value, options), code="bad-choice")
            return default
        return value

    def integer(self, key: str, minimum: int | None = None,
                maximum: int | None = None) -> int | None:
        """A whole number ≥ `minimum` (and ≤ `maximum`); text of digits and spaces
        ('121 000') is read as that number; anything else gives None and an error."""
        value = self.data.get(key)
        if value is None:
            return None
        written = getattr(value, "written", None)
        if written is not None:  # 0700: YAML 1.1 would read it as octal (448)
            self.error(key, msg("'{key}' is written '{written}' with a leading zero, which "
                                "YAML reads as another number.", key=key, written=written),
                       msg("Write it without the leading zero, like {plain}.",
                           plain=written.lstrip("0") or "0"), code="leading-zero")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, str) and re.fullmatch(r"\d[\d  ]*", value.strip()):
                value = int(re.sub(r"\D", "", value))
            else:
                self.error(key, msg("'{key}' must be a whole number, not {kind}.", key=key,
                                    kind=describe(value)), code="not-integer")
                return None
        if minimum is not None and value < minimum:
            self.error(key, msg("'{key}' must be at least {minimum}.", key=key,
                                minimum=minimum), code="too-small")
            return None
        if maximum is not None and value > maximum:
            self.error(key, msg("'{key}' must be at most {maximum}.", key=key,
                                maximum=maximum), code="number-too-big")
            return None
        return value

    def flag(self, key: str) -> bool:
        """A YAML boolean (true/false); absent is False; any other value (also 'ja'
        or 'yes') is an error and counts as False."""
        value = self.data.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(key, msg("'{key}' must be true or false, not {value}.", key=key,
                                value=repr(value)),
                       msg("Write true or false (yes/no and ja/nei are not used)."),
                       code="not-true-false")
            return False
        return value

    def when(self, key: str, required: bool = False, approx: bool = False) -> When | None:
        """A date or date-time (`when.parse_when`, Europe/Oslo), e.g. 2023-11-03 or
        2023-11-03T22:00; with `approx` also a month or season (2024-09, 2024-autumn).
        None with an error if unreadable, or absent while `required`."""
        value = self.data.get(key)
        if value is None:
            if required and key not in self.unjoined:
                self.error(None, msg("{what!c} needs '{key}' (a date, written YYYY-MM-DD).",
                                     what=self.what, key=key), code="missing-date")
            return None
        typed = typed_value(self.path, self.line_of(key)) if is_number(value) else None
        if typed is not None and typed != str(value) and not guess_iso(typed, approx):
            # 10:30 → 630: quoting keeps what was typed
            number_error(self.report, self.path, self.line_of(key), f"'{key}'", value)
            return None
        try:
            return parse_when(value, allow_approx=approx)
        except WhenError as exc:
            problem = exc.message if typed in (None, str(value)) else msg(  # 2024.10 → 2024.1
                "'{text}' is not a date in a form the site understands", text=typed)
            self.error(key, msg("'{key}': {problem}.", key=key, problem=problem),
                       date_hint(typed or value, approx, self.report.year, key),
                       code="bad-date")
            return None

    def period(self, key: str, required: bool = False) -> Period | None:
        """A `Period` from a block with 'start' (required), 'end' and 'end_assumed' (true when
        the source gave no end and the editor assumed one); an end before the start, a
        missing start, or 'end_assumed' without 'end' is an error (None)."""
        value = self.data.get(key)
        if value is None:
            if required and key not in self.unjoined:
                self.error(None, msg("{what!c} needs '{key}' with 'start' and 'end'.",
                                     what=self.what, key=key), code="missing-period")
            return None
        as_range = guess_range(value) if isinstance(value, str) else None
        example = guess_range(value, self.report.year) \
            if isinstance(value, str) and as_range is None and self.report.year else None
        if as_range or example:  # 'period: 2026-11-30 - 2027-01-15'
            first, last = as_range or example or ("", None)
            fixed = f"{key}: {{start: {first}" + (f", end: {last}}}" if last else "}")
            self.error(key, msg("'{key}' is written as the text '{value}'; a period is "
                                "written with 'start' and 'end'.", key=key,
                                value=str(value).strip()),
                       msg("Write the line as: {fixed}", fixed=fixed) if as_range else
                       msg("The years are missing: write the line with them, for example "
                           "{fixed}", fixed=fixed), code="period-as-text")
            return None
        sub = self.sub(key, f"'{key}'")
        sub.known(("start", "end", "end_assumed"))
        start = sub.when("start", required=True)
        end = sub.when("end")
        assumed = sub.flag("end_assumed")
        if start is None:
            return None
        if assumed and end is None and not sub.has("end"):
            sub.error("end_assumed", msg("'end_assumed: true' needs an 'end' date."),
                      msg("Write the end date you assume as 'end', or remove 'end_assumed' "
                          "when the period has no end."), code="assumed-end-missing")
            return None
        if end is not None and end.end <= start.start:
            sub.error("end", msg("The period ends ({end}) before it starts ({start}).",
                                 end=end.text, start=start.text),
                      msg("Check the two dates; 'end' must be the same day as 'start' or "
                          "later."), code="period-order")
            return None
        return Period(start, end, assumed and end is not None)

    def sub(self, key: str, what: str | Message) -> Fields:
        """The block under `key` as its own `Fields` (described as `what` in messages)."""
        return Fields(self.report, self.path, self.data.get(key), what, self.line_of(key))

    def bilingual(self, key: str, required: bool = False, name_like: bool = False) -> Text | None:
        """A `Text` with Bokmål and Nynorsk from `{nb: …, nn: …}` (see `read_bilingual`); None
        if absent.
        """
        value = self.data.get(key)
        line = self.line_of(key)
        return read_bilingual(self.report, self.path, value, line, f"'{key}'",
                              required=required and key not in self.unjoined,
                              name_like=name_like,
                              missing=key not in self.data)

    def bilingual_list(self, key: str) -> tuple[Text, ...]:
        """A tuple of `Text` from a list of `{nb: …, nn: …}` items; () if absent; errors for
        items that are not.
        """
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error(key, msg("'{key}' must be a list of items with nb and nn text.", key=key),
                       msg("Write each item on its own line starting with "
                           "'- {{nb: …, nn: …}}'."), code="not-a-list")
            return ()
        items = []
        for i, item in enumerate(value):
            line = value.line_of(i) if isinstance(value, YList) else self.line_of(key)
            text = read_bilingual(self.report, self.path, item, line,
                                  msg("item {n} of '{key}'", n=i + 1, key=key), required=True)
            if text:
                items.append(text)
        return tuple(items)

    def id_list(self, key: str) -> list[tuple[str, int]]:
        """`[(id, line)]` from one id or a list of ids, each naming another record; [] if
        absent.  Any one-line text is kept as written (see `id` with `ref`): `validate`
        or the site says which record it is not, and which it likely means; a number or
        a mapping is an error here."""
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value_list: list[Any] = [value]
        elif isinstance(value, list):
            value_list = value
        else:
            self.error(key, msg("'{key}' must be a list of ids, like [molde, rauma].", key=key),
                       code="not-a-list")
            return []
        out = []
        run_together = ids_without_comma(self.report, self.path, value, key, self.line_of(key))
        if run_together is not None:  # '[tingvoll sunndal]': reported; the ids still count
            value_list = [item for item, _ in run_together]
            lines = [line for _, line in run_together]
        else:
            lines = [value.line_of(i) if isinstance(value, YList) else self.line_of(key)
                     for i in range(len(value_list))]
        for item, line in zip(value_list, lines, strict=True):
            if not isinstance(item, str) or not item.strip() or "\n" in item:
                self.report.error(self.path, line,
                                  msg("'{item}' in '{key}' is not a valid id.", item=item, key=key),
                                  msg("Ids are lower-case letters, digits and '-'."), code="bad-id")
                continue
            out.append((item.strip(), line))
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
            sub.error("url", msg("'{url}' is not a web address.", url=url),
                      msg("Start it with https://."), code="bad-url")
            url = None
        email = sub.text("email")
        if email and not EMAIL_RE.match(email):
            sub.error("email", msg("'{email}' is not an e-mail address.", email=email),
                      msg("Write it like post@example.org."), code="bad-email")
            email = None
        return Contact(*sub.phone("phone"), email=email, url=url)

    def phone(self, key: str) -> tuple[str | None, str | None]:
        """(as shown, for a tel: link) of a phone number, or (None, None) after an error."""
        text = self.text(key)
        if text is None:
            return None, None
        try:
            phone = parse_phone(text)
        except PhoneError:
            self.report.error(self.path, self.line_of(key),
                              msg("'{value}' is not a phone number that can be called.",
                                  value=text),
                              msg('Write it like "71 16 60 00" or "+47 71 16 60 00"; a number '
                                  'abroad starts with + and its country code.'),
                              code="bad-phone")
            return None, None
        return phone.shown, phone.tel


def read_bilingual(report: Report, path: Path, value: Any, line: int, what: str | Message,
                   required: bool = False, name_like: bool = False,
                   missing: bool = False) -> Text | None:
    """A `Text` from a `{nb: …, nn: …}` mapping at `line` of `path`: both standards are required
    (a missing one is an error naming it, principle 2); a plain string is accepted only when
    `name_like` (a proper name, the same in both). None if `value` is None (an error if
    `required`).
    """
    if value is None:
        if required:
            report.error(path, line, msg("{what!c} is missing.", what=what),
                         msg("Write it in both standards: {{nb: \"…\", nn: \"…\"}}."),
                         code="missing-text")
        return None
    if is_number(value):
        number_error(report, path, line, what, value)
        return None
    if name_like and isinstance(value, str):
        s = value.strip()
        if s:
            return Text(s, s)
    if not isinstance(value, dict):
        report.error(path, line, msg("{what!c} must have a Bokmål and a Nynorsk text, not {kind}.",
                                     what=what, kind=describe(value)),
                     msg("Write it as {{nb: \"…\", nn: \"…\"}}."), code="not-bilingual")
        return None
    vline = value.line if isinstance(value, YDict) else line
    ok = True
    unjoined = set()  # 'nb "Tingvoll: …"': the colon after nb is missing
    for k in value:
        no_colon = None if k in LANGS else colon_missing(
            path, value.line_of(k) if isinstance(value, YDict) else vline, k, LANGS)
        if no_colon:
            unjoined.add(no_colon[0])
            report.error(path, value.line_of(k) if isinstance(value, YDict) else vline,
                         no_colon[1], no_colon[2], code="missing-colon")
            ok = False
        elif k not in LANGS:
            report.error(path, value.line_of(k) if isinstance(value, YDict) else vline,
                         msg("{what!c} has the unknown language '{lang}'.", what=what, lang=k),
                         suggest(str(k), LANGS) or msg("Use 'nb' and 'nn'."),
                         code="unknown-language")
            ok = False
    texts = {}
    for lang in LANGS:
        v = value.get(lang)
        name = msg("Bokmål (nb)") if lang == "nb" else msg("Nynorsk (nn)")
        if lang in unjoined and v is None:
            continue  # reported above, as the missing colon
        if v is None or (isinstance(v, str) and not v.strip()):
            report.error(path, vline, msg("{what!c} has no {standard} text.", what=what,
                                          standard=name),
                         msg("Add '{lang}: …' with the text in {standard}.", lang=lang,
                             standard=name), code="missing-standard")
            ok = False
        elif is_number(v):
            number_error(report, path, value.line_of(lang) if isinstance(value, YDict) else vline,
                         f"{what} ({lang})", v)
            ok = False
        elif not isinstance(v, str):
            report.error(path, value.line_of(lang) if isinstance(value, YDict) else vline,
                         msg("{what!c}: the {standard} text must be text, not {kind}.",
                             what=what, standard=name, kind=describe(v)), code="not-text")
            ok = False
        else:
            warn_typographic(report, path, value.line_of(lang) if isinstance(value, YDict)
                             else vline, v)
            texts[lang] = v.strip()
    return Text(texts["nb"], texts["nn"]) if ok else None
