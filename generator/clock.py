"""The build clock: the one "now" of a build.

Set by ``--clock`` or ``SOURCE_DATE_EPOCH``; only `cli` may fall back to the
machine's time, and then it says so.  Nothing else reads the system clock.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from generator.errors import Message, msg
from generator.when import OSLO


class ClockError(ValueError):
    """A clock value that cannot be read; ``message`` says why, for the editor."""

    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


FIRST_YEAR, LAST_YEAR = 1900, 2199  # as for dates in content (generator.when)
_LAST_EPOCH = int(datetime(LAST_YEAR, 12, 31, 12, 0, tzinfo=UTC).timestamp())


@dataclass(frozen=True)
class Clock:
    now: datetime  # aware
    source: str  # "option", "SOURCE_DATE_EPOCH" or "system"

    @property
    def local(self) -> datetime:
        """`now` in Europe/Oslo time."""
        return self.now.astimezone(OSLO)


def parse_clock(text: str) -> datetime:
    """``2023-10-30T12:00`` (Oslo local), with seconds, or with an offset / Z."""
    t = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        t += "T00:00"
    try:
        dt = datetime.fromisoformat(t.replace("Z", "+00:00"))
    except ValueError:
        from generator.datehint import guess_iso  # Babel's month names: only when needed

        guess = guess_iso(text)
        raise ClockError(msg("'{text}' is not a time. Write it as {value} (Norwegian local "
                             "time).", text=text, value=guess) if guess else
                         msg("'{text}' is not a time. Write it as YYYY-MM-DDThh:mm (Norwegian "
                             "local time).", text=text)) from None
    if not FIRST_YEAR <= dt.year <= LAST_YEAR:
        raise ClockError(msg("The clock '{text}' is outside the years {first}–{last} "
                             "that content dates may use.", text=text, first=FIRST_YEAR,
                             last=LAST_YEAR))
    if dt.tzinfo is None:
        aware = dt.replace(tzinfo=OSLO)
        if aware.astimezone(UTC).astimezone(OSLO).replace(tzinfo=None) != dt:
            raise ClockError(msg("'{text}' does not exist in Norwegian time: the clocks jump "
                                 "forward an hour that night. Choose a time outside "
                                 "02:00–03:00, or give an offset (like +01:00).", text=text))
        dt = aware
    return dt.astimezone(UTC)


def resolve_clock(option: str | None, environ: dict[str, str] | None = None,
                  system_now: datetime | None = None) -> Clock:
    """The build's clock: `--clock` (`option`) if given, else SOURCE_DATE_EPOCH (whole seconds
    since 1970 UTC, reproducible-builds.org), else the system time to the second. Raises
    ClockError for a malformed value.
    """
    env = os.environ if environ is None else environ
    if option:
        return Clock(parse_clock(option), "option")
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not (epoch.isascii() and epoch.isdigit()):
            raise ClockError(msg("SOURCE_DATE_EPOCH='{epoch}' is not a whole number of "
                                 "seconds.", epoch=epoch[:40]))
        if len(epoch) > 12 or int(epoch) > _LAST_EPOCH:
            raise ClockError(msg("SOURCE_DATE_EPOCH='{epoch}' is after the year {last}; "
                                 "content dates end there.", epoch=epoch[:40], last=LAST_YEAR))
        return Clock(datetime.fromtimestamp(int(epoch), tz=UTC), "SOURCE_DATE_EPOCH")
    now = system_now or datetime.now(UTC)
    return Clock(now.replace(microsecond=0), "system")
