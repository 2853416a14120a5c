"""Revision numbers and calendar words for go-lives and notices.

Pure functions of the data (periods and statuses come from `generator.facts`).
Revision numbers are derived from the data so that they only ever rise:

* a go-live's revision is the number of entries in the wave's `history`
  (an editor who moves a date records the old one there): `GoLive.sequence`;
* a notice's revision is the number of entries in its `updates` log (a dated
  log that only grows; a changed period is always explained in an update).
"""

from __future__ import annotations

from datetime import datetime

from generator.model import Impact

# iCalendar STATUS (RFC 5545 §3.8.1.11) per go-live status at the clock
ICS_STATUS = {"planned": "TENTATIVE", "decided": "TENTATIVE", "postponed": "TENTATIVE",
              "overdue": "TENTATIVE", "confirmed": "CONFIRMED", "live": "CONFIRMED",
              "cancelled": "CANCELLED"}


def impact_sequence(impact: Impact) -> int:
    return len(impact.updates)


def impact_revised(impact: Impact) -> datetime:
    """The last dated change of a notice: its last update, else its publication."""
    return max([impact.published.start, *(u.date.start for u in impact.updates)])
