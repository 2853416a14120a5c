"""Dates, times and numbers in the style Norwegian public bodies use.

All formatting goes through Babel's CLDR data for ``nb`` and ``nn``:
«fredag 28. april 2023 kl. 22.00», «27. oktober–17. november 2023»
(ranges with an en dash, no spaces), «121 000» (non-breaking space).
Times are shown in Europe/Oslo whatever the machine's zone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from babel.dates import format_datetime
from babel.numbers import format_decimal

from generator.i18n.catalogs import N_
from generator.when import DAY, MINUTE, MONTH, OSLO, Period, When

DASH = "\u2013"
WEEKDAY_DATE = "EEEE d. MMMM y"
DATE = "d. MMMM y"
TIME = "'kl.' HH.mm"

SEASON_NAMES = {  # gettext is passed in: these are msgids in the catalogs
    3: N_("spring {year}"), 6: N_("summer {year}"), 9: N_("autumn {year}"),
    12: N_("winter {year}"),
}


def _fmt(dt: datetime, pattern: str, lang: str) -> str:
    return format_datetime(dt.astimezone(OSLO), pattern, locale=lang)


def format_instant(dt: datetime, lang: str, weekday: bool = True) -> str:
    """«fredag 28. april 2023 kl. 22.00»"""
    return _fmt(dt, (WEEKDAY_DATE if weekday else DATE) + " " + TIME, lang)


def format_day(dt: datetime, lang: str, weekday: bool = True) -> str:
    """A date as CLDR's Norwegian pattern writes it in `lang` (Babel), with the weekday unless
    `weekday` is False: «mandag 30. oktober 2023».
    """
    return _fmt(dt, WEEKDAY_DATE if weekday else DATE, lang)


def format_when(when: When, lang: str, gettext: Callable[[str], str] | None = None,
                weekday: bool = True) -> str:
    """A `When` at the precision it was written in."""
    if when.precision == MINUTE:
        return format_instant(when.start, lang, weekday)
    if when.precision == DAY:
        return format_day(when.start, lang, weekday)
    if when.precision == MONTH:
        return _fmt(when.start, "LLLL y", lang)
    name = SEASON_NAMES[when.start.month]
    text = gettext(name) if gettext else name
    return text.format(year=when.start.year)


def period_parts(period: Period, lang: str, weekday: bool = False) -> tuple[str, str | None]:
    """The two halves of a period as written, to be joined by an en dash:
    («27. oktober», «17. november 2023»), («3.», «17. november 2023»),
    («fredag 3. november 2023 kl. 08.00», «16.00»); an open end gives (start, None)."""
    start, end = period.start, period.end
    if end is None:
        return format_when(start, lang, weekday=weekday), None
    s, e = start.start.astimezone(OSLO), end.start.astimezone(OSLO)
    if start.precision == MINUTE and end.precision == MINUTE:
        if s.date() == e.date():  # one day: name it in full, «fredag 3. november 2023 kl. …»
            return format_instant(s, lang, True), _fmt(e, "HH.mm", lang)
        return format_instant(s, lang, weekday), format_instant(e, lang, weekday)
    if start.precision != DAY or end.precision != DAY:
        return format_when(start, lang, weekday=weekday), format_when(end, lang, weekday=weekday)
    if s.date() == e.date():
        return format_day(s, lang, weekday), None
    if weekday:
        return format_day(s, lang, True), format_day(e, lang, True)
    if s.year != e.year:
        return _fmt(s, DATE, lang), _fmt(e, DATE, lang)
    if s.month != e.month:
        return _fmt(s, "d. MMMM", lang), _fmt(e, DATE, lang)
    return _fmt(s, "d.", lang), _fmt(e, DATE, lang)


def format_period(period: Period, lang: str, weekday: bool = False) -> str:
    """«27. oktober–17. november 2023» (en dash, no spaces)."""
    first, last = period_parts(period, lang, weekday)
    return first if last is None else f"{first}{DASH}{last}"


def format_number(n: int | float, lang: str) -> str:
    """«121 000» with a non-breaking space, «2,5» with a decimal comma."""
    return format_decimal(n, locale=lang).replace("\u202f", "\u00a0")


def iso_instant(dt: datetime) -> str:
    """An instant as ISO 8601 in Europe/Oslo to the minute, e.g. 2023-10-30T12:00+01:00 (for
    `<time datetime>`).
    """
    return dt.astimezone(OSLO).isoformat(timespec="minutes")
