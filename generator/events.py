"""Go-lives and notices as events, for calendars, feeds, JSON-LD and open data.

Pure functions of the data.  A wave gives one go-live for the members that share
its date, plus one per member that a source gives its own date.  Revision
numbers are derived from the data so that they only ever rise:

* a go-live's revision is the number of entries in the wave's `history`
  (an editor who moves a date records the old one there);
* a notice's revision is the number of entries in its `updates` log (a dated
  log that only grows; a changed period is always explained in an update).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from generator.model import Data, Impact, Text, Wave
from generator.when import When

# iCalendar STATUS and schema.org eventStatus per wave status
ICS_STATUS = {"planned": "TENTATIVE", "decided": "TENTATIVE", "postponed": "TENTATIVE",
              "confirmed": "CONFIRMED", "live": "CONFIRMED", "cancelled": "CANCELLED"}


@dataclass(frozen=True)
class GoLive:
    key: str  # "pd5", or "pd5/rindal" for a member with its own date
    wave: Wave
    places: tuple[str, ...]
    when: When | None
    note: Text | None  # why this member's date differs

    @property
    def status(self) -> str:
        """The wave's status (planned, decided, postponed, cancelled …)."""
        return self.wave.status

    @property
    def sequence(self) -> int:
        """A revision number for feeds and calendars: how many times the date was moved (RFC
        5545 §3.8.7.4 SEQUENCE).
        """
        return len(self.wave.history)

    @property
    def previous(self) -> tuple[When, ...]:
        """Earlier planned dates, oldest first."""
        return tuple(h.go_live for h in self.wave.history)

    @property
    def revised(self) -> datetime | None:
        """When the plan last changed, if the data says."""
        dates = [h.changed.start for h in self.wave.history if h.changed]
        return max(dates) if dates else None

    @property
    def withdrawn(self) -> When | None:
        """An exact date that was published earlier but no longer holds.

        Set when the wave has no exact date now (moved to «autumn», or not set)
        but its history has one: calendars keep that event as CANCELLED, so a
        subscriber's copy is withdrawn instead of lingering.
        """
        if self.when is not None and self.when.is_exact:
            return None
        exact = [w for w in self.previous if w.is_exact]
        return exact[-1] if exact else None


def wave_go_lives(wave: Wave, data: Data) -> list[GoLive]:
    """A wave's go-lives: the shared date of its members without their own, and one per member
    with its own date.
    """
    shared = tuple(m.place for m in wave.members if m.go_live is None and m.place in data.places)
    out = [GoLive(wave.id, wave, shared, wave.go_live, None)]
    for m in wave.members:
        if m.go_live is not None and m.place in data.places:
            out.append(GoLive(f"{wave.id}/{m.place}", wave, (m.place,), m.go_live, m.note))
    return out


def go_lives(data: Data) -> list[GoLive]:
    """Every go-live, in the order the waves are written."""
    return [g for wave in data.waves.values() for g in wave_go_lives(wave, data)]


def go_live_of(data: Data, place_id: str) -> GoLive | None:
    """The go-live that concerns `place_id` (its own or its wave's shared one), or None if it is
    in no wave.
    """
    wave = data.wave_of(place_id)
    if wave is None:
        return None
    return next(g for g in wave_go_lives(wave, data) if place_id in g.places
                or g.key == f"{wave.id}/{place_id}")


def impact_sequence(impact: Impact) -> int:
    """An impact's revision number: its number of updates (RFC 5545 §3.8.7.4 SEQUENCE)."""
    return len(impact.updates)


def impact_revised(impact: Impact) -> datetime:
    """The last dated change of a notice: its last update, else its publication."""
    return max([impact.published.start, *(u.date.start for u in impact.updates)])


def impacts_for(data: Data, place_id: str | None) -> list[Impact]:
    """The impacts that concern `place_id` (all of them for None), in data order."""
    return [i for i in data.impacts if place_id is None or place_id in i.places]
