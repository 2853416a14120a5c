"""The hint under a date that did not parse: the editor's own value, written the way the
site reads it, where it can be guessed; else the form, never an unrelated example date.

    3.11.2023 → 2023-11-03        03/11/2023 kl. 22 → 2023-11-03T22:00
    3. november 2023 → 2023-11-03    høsten 2024 → 2024-autumn (where a season is allowed)
    3. november → 2026-11-03 (no year: an example year, `with_year`)
    30.11.2026 – 15.1.2027 → 2026-11-30, 2027-01-15 (a period typed as text, `guess_range`)
    3.11.23 → 2023-11-03 (a two-digit year is this century's)    20231103 → 2023-11-03
    fredag 3. november 2023 → 2023-11-03 (no guess if the weekday is not that date's)

Norwegian writes the day first (Språkrådet: «3.11.2023», «3. november 2023»), so
numbers with dots, slashes or dashes are read day-month-year. Month names are CLDR's
for Bokmål, Nynorsk and English, full and abbreviated (Babel). A guess is offered only
if the site would read it (`when.parse_when`): «31.11.2023» gets the form, not a date
that does not exist.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache

from babel.dates import get_day_names, get_month_names

from generator.errors import Message, msg
from generator.when import OSLO, SEASONS, WhenError, parse_when

# Norwegian season words (nb and nn, with and without the definite ending)
SEASON_WORDS = {"vår": "spring", "våren": "spring", "sommer": "summer", "sommeren": "summer",
                "sommar": "summer", "sommaren": "summer", "høst": "autumn", "høsten": "autumn",
                "haust": "autumn", "hausten": "autumn", "vinter": "winter", "vinteren": "winter",
                **{s: s for s in SEASONS}}

_TIME = (r"(?:\s*(?:t|,)?\s*(?:kl\.?|klokka|klokken)?\s*(?P<h>\d{1,2})[:.](?P<mi>\d{2})"
         r"|\s*,?\s*(?:kl\.?|klokka|klokken)\s*(?P<kh>\d{1,2}))?")
_SEP = r"\s*[./-]\s*"


@cache
def _months() -> dict[str, int]:
    """Month name or abbreviation (lower case, without a dot) -> 1–12."""
    names: dict[str, int] = {"sept": 9}
    for locale in ("nb", "nn", "en"):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    names[str(name).lower().rstrip(".")] = int(number)
    return names


@cache
def _weekdays() -> dict[str, int]:
    """Weekday name or abbreviation (lower case, without a dot) -> 0 (Monday) – 6."""
    names: dict[str, int] = {}
    for locale in ("nb", "nn", "en"):
        for width in ("wide", "abbreviated"):
            for number, name in get_day_names(width, "format", locale).items():
                names[str(name).lower().rstrip(".")] = int(number)
    return names


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    """(pattern, kind) in the order they are tried; kind says how the groups are read."""
    month = "(?P<name>" + "|".join(sorted(map(re.escape, _months()), key=len, reverse=True)) \
        + r")\.?"
    season = "(?P<season>" + "|".join(sorted(SEASON_WORDS, key=len, reverse=True)) + ")"
    weekday = "(?:(?P<weekday>" + "|".join(sorted(map(re.escape, _weekdays()), key=len,
                                                  reverse=True)) + r")\.?,?\s+(?:den\s+)?)?"
    return [(re.compile(weekday + p + r"\s*$"), kind) for p, kind in (
        (rf"(?P<y>\d{{4}}){_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<d>\d{{1,2}}){_TIME}", "day"),
        (rf"(?P<y>\d{{4}})(?P<m>\d{{2}})(?P<d>\d{{2}}){_TIME}", "day"),  # 20231103
        (rf"(?P<d>\d{{1,2}}){_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<y>\d{{4}}|\d{{2}}){_TIME}", "day"),
        (rf"(?P<d>\d{{1,2}})\.?\s*{month}\s*,?\s*(?P<y>\d{{4}}){_TIME}", "day"),
        (rf"{month}\s*(?P<d>\d{{1,2}})\s*,\s*(?P<y>\d{{4}}){_TIME}", "day"),
        (rf"{month}\s*(?P<y>\d{{4}})", "month"),
        (rf"(?P<y>\d{{4}}){_SEP}(?P<m>\d{{1,2}})", "month"),
        (rf"(?P<m>\d{{1,2}}){_SEP}(?P<y>\d{{4}})", "month"),
        (rf"{season}\s*(?P<y>\d{{4}})", "season"),
        (rf"(?P<y>\d{{4}})\s*-?\s*{season}", "season"),
    )]


@cache
def _yearless() -> list[re.Pattern[str]]:
    """Patterns of a day written without its year (3. november, 3.11., november 3, 3/11),
    with an optional weekday before and time of day after."""
    month = "(?P<name>" + "|".join(sorted(map(re.escape, _months()), key=len, reverse=True)) \
        + r")\.?"
    weekday = "(?:(?:" + "|".join(sorted(map(re.escape, _weekdays()), key=len, reverse=True)) \
        + r")\.?,?\s+(?:den\s+)?)?"
    return [re.compile(weekday + p + r"\s*$") for p in (
        rf"(?P<d>\d{{1,2}})\.?\s*{month}{_TIME}",
        rf"{month}\s*(?P<d>\d{{1,2}})\.?{_TIME}",
        rf"(?P<d>\d{{1,2}})\s*[./]\s*(?P<m>\d{{1,2}})\.?{_TIME}",
    )]


def guess_iso(text: str, approx: bool = False) -> str | None:
    """The value the editor most likely meant by `text`, written as the site reads it
    (``2023-11-03``, ``2023-11-03T22:00``; with `approx` also ``2023-11`` and
    ``2024-autumn``), or None if there is no guess the site would accept.

    A time with a zone or an offset becomes Norwegian local time; seconds are dropped.
    """
    value = " ".join(text.strip().lower().split())
    guess = _zoned(value) or _written(value)
    if guess is None or guess == text.strip():
        return None
    try:
        parse_when(guess, allow_approx=approx)
    except WhenError:
        return None
    return guess


def _zoned(value: str) -> str | None:
    """An ISO date-time with seconds or an offset (``…T21:00Z``) as Oslo local time."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}[t ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?"
                        r"(z|[+-]\d{2}:?\d{2})?", value):
        return None
    try:
        moment = datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(OSLO)
    return moment.strftime("%Y-%m-%dT%H:%M")


def _written(value: str) -> str | None:
    """A date written the Norwegian way (day first, month names) in the site's form."""
    for pattern, kind in _patterns():
        m = pattern.fullmatch(value)
        if m is None:
            continue
        found = m.groupdict()
        year = int(found["y"]) + (2000 if len(found["y"]) == 2 else 0)  # 3.11.23
        if kind == "season":
            return f"{year}-{SEASON_WORDS[found['season']]}"
        month = _months()[found["name"]] if found.get("name") else int(found["m"])
        if kind == "month":
            return f"{year}-{month:02d}"
        iso = f"{year}-{month:02d}-{int(found['d']):02d}"
        if found.get("weekday") and not _on(iso, _weekdays()[found["weekday"]]):
            return None  # «fredag 4. november»: the day or the date is wrong; which one?
        hour = found.get("h") or found.get("kh")
        if hour is not None:
            iso += f"T{int(hour):02d}:{found.get('mi') or '00'}"
        return iso
    return None


def with_year(text: str, year: int) -> str | None:
    """A day written without its year (``3. november``, ``3.11.``, ``fredag 3. november
    kl. 22``) as the site reads it in `year` (``2026-11-03``, ``2026-11-03T22:00``); None
    if `text` is no such day, or the day does not exist in `year` (29.2.)."""
    value = " ".join(text.strip().lower().split())
    for pattern in _yearless():
        m = pattern.fullmatch(value)
        if m is None:
            continue
        found = m.groupdict()
        month = _months()[found["name"]] if found.get("name") else int(found["m"])
        iso = f"{year}-{month:02d}-{int(found['d']):02d}"
        hour = found.get("h") or found.get("kh")
        if hour is not None:
            iso += f"T{int(hour):02d}:{found.get('mi') or '00'}"
        try:
            parse_when(iso)
        except WhenError:
            return None
        return iso
    return None


def _as_written(text: str) -> str | None:
    """`text` if the site reads it as one day or time already, else the guess for it."""
    try:
        parse_when(text.strip())
    except WhenError:
        return guess_iso(text)
    return text.strip()


_FROM = re.compile(r"^(?:fra|frå|from|f\.o\.m\.?)\s+", re.IGNORECASE)
_RANGE_SEPARATORS = (re.compile(r"\s+-\s+"), re.compile(r"\s*[–—]\s*"),
                     re.compile(r"\s+(?:til|to|until|t\.o\.m\.?)\s+", re.IGNORECASE),
                     re.compile("-"))


def guess_range(text: str, year: int | None = None) -> tuple[str, str | None] | None:
    """The period an editor typed as one text, as (start, end) the way the site reads them:
    ``2026-11-30 - 2027-01-15``, ``30.11.2026–15.1.2027``, ``fra 30. november 2026 til
    15. januar 2027``, ``30. november – 15. januar 2027`` (the start takes the end's year,
    or the year before when it would come after the end); a single day gives (start, None).
    With `year`, days without any year (``30. november – 15. januar``) are read in it, the
    end in the year after when it would come first: an example, not a guess.
    None if no reading gives days the site accepts."""
    value = _FROM.sub("", " ".join(text.strip().split()))
    for separator in _RANGE_SEPARATORS:
        for found in separator.finditer(value):
            left, right = value[:found.start()].strip(), value[found.end():].strip()
            end = _as_written(right) if left and right else None
            if end is None and left and right and year is not None:
                start, end = with_year(left, year), with_year(right, year)
                if start is not None and end is not None and end <= start:
                    end = with_year(right, year + 1)
                if start is not None and end is not None and start < end:
                    return start, end
                continue
            if end is None:
                continue
            start = _as_written(left)
            if start is None:  # «30. november – 15. januar 2027»
                start = with_year(left, int(end[:4]))
                if start is not None and start > end:
                    start = with_year(left, int(end[:4]) - 1)
            if start is not None and start < end:
                return start, end
    start = _as_written(value)
    return (start, None) if start is not None else None


def _on(iso: str, weekday: int) -> bool:
    """Whether the date `iso` (YYYY-MM-DD) falls on `weekday` (0 Monday); False if it is
    no date."""
    try:
        return date.fromisoformat(iso).weekday() == weekday
    except ValueError:
        return False


def date_hint(value: object, approx: bool = False, year: int | None = None,
              key: str | None = None) -> Message:
    """The hint under a date that did not parse: 'Write it as <the editor's value in the
    site's form>' where `guess_iso` finds one; for a day without its year ('3. november')
    that the year is missing, with the line `key: <the day in year>` as an example (the
    form YYYY-MM-DD without `year`); else the form (YYYY-MM-DD …)."""
    written = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    guess = guess_iso(written, approx) if isinstance(written, str) else None
    if guess is not None:
        return msg("Write it as {value}.", value=guess)
    example = with_year(written, year or 2000) if isinstance(written, str) else None
    if example is not None and year is not None:
        return msg("The year is missing: write the date with its year, for example {line}",
                   line=f"{key}: {example}" if key else example)
    if example is not None:  # 2000: a leap year, so that 29.2. is a day too
        return msg("The year is missing: write the date as YYYY-MM-DD (year-month-day).")
    if approx:
        return msg("Write it as YYYY-MM-DD (year-month-day), with a time of day as "
                   "YYYY-MM-DDThh:mm; a month as YYYY-MM, a season as YYYY-spring, "
                   "YYYY-summer, YYYY-autumn or YYYY-winter.")
    return msg("Write it as YYYY-MM-DD (year-month-day), with a time of day as "
               "YYYY-MM-DDThh:mm.")
