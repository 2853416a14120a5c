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


@dataclass(frozen=True)
class Clock:
    now: datetime  # aware
    source: str  # "option", "SOURCE_DATE_EPOCH" or "system"

    @property
    def local(self) -> datetime:
        return self.now.astimezone(OSLO)


def parse_clock(text: str) -> datetime:
    """``2023-10-30T12:00`` (Oslo local), with seconds, or with an offset / Z."""
    t = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        t += "T00:00"
    try:
        dt = datetime.fromisoformat(t.replace("Z", "+00:00"))
    except ValueError:
        raise ClockError(msg("'{text}' is not a time. Write it as 2023-10-30T12:00 "
                             "(Norwegian local time).", text=text)) from None
    if dt.tzinfo is None:
        aware = dt.replace(tzinfo=OSLO)
        if aware.astimezone(UTC).astimezone(OSLO).replace(tzinfo=None) != dt:
            raise ClockError(f"'{text}' does not exist in Norwegian time: the clocks jump "
                             "forward an hour that night. Choose a time outside "
                             "02:00–03:00, or give an offset (like +01:00).")
        dt = aware
    return dt.astimezone(UTC)


def resolve_clock(option: str | None, environ: dict[str, str] | None = None,
                  system_now: datetime | None = None) -> Clock:
    env = os.environ if environ is None else environ
    if option:
        return Clock(parse_clock(option), "option")
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise ClockError(msg("SOURCE_DATE_EPOCH='{epoch}' is not a whole number of "
                                 "seconds.", epoch=epoch))
        return Clock(datetime.fromtimestamp(int(epoch), tz=UTC), "SOURCE_DATE_EPOCH")
    now = system_now or datetime.now(UTC)
    return Clock(now.replace(microsecond=0), "system")
