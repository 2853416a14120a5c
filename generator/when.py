"""Points and periods in Norwegian local time, as written in content.

Content writes local time (Europe/Oslo) without a zone: ``2023-04-28T22:00``,
a whole day ``2023-11-03``, a month ``2024-09`` or a season ``2024-autumn``.
`parse_when` turns such text into a `When`; everything else (status, formatting,
calendars) works from it.  Arithmetic is done on local calendar days and then
converted, so a period is right across the daylight-saving changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from generator.errors import Message, msg

OSLO = ZoneInfo("Europe/Oslo")

MINUTE, DAY, MONTH, SEASON = "minute", "day", "month", "season"
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
MIN_YEAR, MAX_YEAR = 1900, 2199  # content dates; far outside this is a typo (and overflows)

_RE_INSTANT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2})[:.](\d{2})$")
_RE_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_RE_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_RE_SEASON = re.compile(r"^(\d{4})-(spring|summer|autumn|winter)$")


class WhenError(ValueError):
    """A value that is not a date; ``message`` says why, for the editor."""

    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


def local(d: date, t: time = time(0, 0)) -> datetime:
    """A wall-clock time in Oslo as an aware datetime (fold=0 on ambiguity)."""
    return datetime.combine(d, t, tzinfo=OSLO)


@dataclass(frozen=True)
class When:
    """A point in time with the precision it was written in."""

    start: datetime  # aware, Europe/Oslo
    precision: str
    text: str

    @property
    def end(self) -> datetime:
        """The first instant after this point (exclusive end of its span)."""
        d = self.start.date()
        if self.precision == MINUTE:
            return self.start
        if self.precision == DAY:
            return local(d + timedelta(days=1))
        months = 3 if self.precision == SEASON else 1
        m = d.month - 1 + months
        return local(date(d.year + m // 12, m % 12 + 1, 1))

    @property
    def has_time(self) -> bool:
        """True if written to the minute (a time of day is shown)."""
        return self.precision == MINUTE

    @property
    def is_exact(self) -> bool:
        """True if written to the day or minute (a calendar can hold it; a month or season
        cannot).
        """
        return self.precision in (MINUTE, DAY)

    def iso(self) -> str:
        """ISO 8601 text for `<time datetime>`: with offset, date, or month."""
        if self.precision == MINUTE:
            return self.start.isoformat(timespec="minutes")
        if self.precision == DAY:
            return self.start.date().isoformat()
        return self.start.strftime("%Y-%m")

    def utc(self) -> datetime:
        """The start instant in UTC."""
        return self.start.astimezone(UTC)

    def __lt__(self, other: When) -> bool:
        return (self.start, self.end) < (other.start, other.end)


def parse_when(value: object, *, allow_approx: bool = False) -> When:
    """Parse content text into a `When`; raise `WhenError` with a plain message."""
    if isinstance(value, bool) or value is None:
        raise WhenError(msg("is not a date"))
    if isinstance(value, int | float):
        raise WhenError(msg("'{value}' is a number, not a date", value=value))
    if isinstance(value, datetime):  # pragma: no cover - our YAML never makes these
        value = value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, date):  # pragma: no cover
        value = value.isoformat()
    if isinstance(value, list):
        raise WhenError(msg("is a list, not a date (write one date without [ ] or '- ')"))
    if isinstance(value, dict):
        raise WhenError(msg("is a block of keys, not a date"))
    if not isinstance(value, str):
        raise WhenError(msg("is not a date"))
    text = value.strip()
    year = re.match(r"^(\d{4})-", text)
    if year and not MIN_YEAR <= int(year[1]) <= MAX_YEAR:
        raise WhenError(msg("'{text}' has the year {year}, which is outside {first}–{last} "
                            "(a typo?)", text=text, year=year[1], first=MIN_YEAR,
                            last=MAX_YEAR))
    try:
        if m := _RE_INSTANT.match(text):
            y, mo, d, h, mi = (int(x) for x in m.groups())
            if h > 23 or mi > 59:
                raise WhenError(msg("'{text}' has an impossible time of day", text=text))
            naive = datetime(y, mo, d, h, mi)
            aware = naive.replace(tzinfo=OSLO)
            if aware.astimezone(UTC).astimezone(OSLO).replace(tzinfo=None) != naive:
                raise WhenError(msg("'{text}' does not exist in Norwegian time (the clocks "
                                    "jump forward an hour that night)", text=text))
            return When(aware, MINUTE, text)
        if m := _RE_DATE.match(text):
            return When(local(date(*(int(x) for x in m.groups()))), DAY, text)
        if allow_approx and (m := _RE_MONTH.match(text)):
            return When(local(date(int(m[1]), int(m[2]), 1)), MONTH, text)
        if allow_approx and (m := _RE_SEASON.match(text)):
            return When(local(date(int(m[1]), SEASONS[m[2]], 1)), SEASON, text)
    except ValueError as exc:
        if isinstance(exc, WhenError):
            raise
        raise WhenError(msg("'{text}' is not a real date ({problem})", text=text,
                            problem=_date_problem(exc))) from None
    if re.search(r"\d(Z|[+-]\d{2}:?\d{2})$", text):
        raise WhenError(msg("'{text}' has a time zone; write Norwegian local time, without "
                            "one", text=text))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}:\d{2}(\.\d+)?", text):
        raise WhenError(msg("'{text}' has seconds; write hours and minutes only", text=text))
    raise WhenError(msg("'{text}' is not a date in a form the site understands", text=text))


def _date_problem(exc: ValueError) -> Message | str:
    """Python's reason a date does not exist, in words an editor can translate."""
    reason = str(exc)
    if "day is out of range" in reason:
        return msg("the month has no such day")
    if "month must be" in reason:
        return msg("there is no such month")
    return reason


@dataclass(frozen=True)
class Period:
    start: When
    end: When | None  # inclusive; None = open-ended
    # the source gave no end: the editor assumed `end` (`end_assumed: true` in the data);
    # every view shows it as «omtrent 19. mai 2023», never as a firm date
    end_assumed: bool = False

    @property
    def start_at(self) -> datetime:
        """The instant the period starts (aware, Europe/Oslo)."""
        return self.start.start

    @property
    def end_at(self) -> datetime | None:
        """First instant after the period."""
        return None if self.end is None else self.end.end
