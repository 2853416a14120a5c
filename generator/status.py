"""Where a notice turns upcoming, ongoing or ended — all from the build clock.

Pure functions of the data and `now`; the renderers only show what these say.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from generator.model import Data, Impact, ServiceImpact, Wave
from generator.when import Period

UPCOMING, ONGOING, ENDED = "upcoming", "ongoing", "ended"
PAST, NOW = "past", "now"


def period_status(period: Period, now: datetime) -> str:
    """UPCOMING before the period starts, ENDED from its end (exclusive) on, else ONGOING;
    instants compared exactly (aware datetimes).
    """
    if now < period.start_at:
        return UPCOMING
    end = period.end_at
    if end is not None and now >= end:
        return ENDED
    return ONGOING


def impact_status(impact: Impact, now: datetime) -> str:
    """An impact is ongoing while its own period or any service period is."""
    statuses = {period_status(impact.period, now)}
    statuses.update(period_status(s.period, now) for s in impact.services)
    if ONGOING in statuses:
        return ONGOING
    if UPCOMING in statuses:
        return UPCOMING
    return ENDED


def service_status(service: ServiceImpact, now: datetime) -> str:
    """The status of a service's reduced period at `now` (see `period_status`)."""
    return period_status(service.period, now)


def wave_phase(wave: Wave, data: Data, now: datetime, window_days: int) -> str:
    """Timeline section: past, now (go-live close or reductions ongoing) or upcoming."""
    window = timedelta(days=window_days)
    members = {m.place for m in wave.members}
    if any(impact_status(i, now) == ONGOING and (i.wave == wave.id or members & set(i.places))
           for i in data.impacts):
        return NOW
    if wave.status == "cancelled":
        return PAST
    go = wave.go_live
    if go is None:  # a wave already live, with no known date, has happened
        return PAST if wave.status == "live" else UPCOMING
    if go.start - window <= now < go.end + window:
        return NOW
    return UPCOMING if now < go.start else PAST


@dataclass(frozen=True)
class BannerItem:
    kind: str  # "golive" or "impact"
    id: str  # wave id or impact id


def banner_items(data: Data, now: datetime, window_days: int) -> tuple[BannerItem, ...]:
    """What the site-wide notice lists: go-lives close ahead and ongoing reductions."""
    window = timedelta(days=window_days)
    items = []
    for wave in data.waves.values():
        go = wave.go_live
        if (go and go.is_exact and wave.status not in ("cancelled", "postponed")
                and now < go.end and go.start - window <= now):
            items.append(BannerItem("golive", wave.id))
    for impact in data.impacts:
        if impact_status(impact, now) == ONGOING:
            items.append(BannerItem("impact", impact.id))
    return tuple(items)


def change_instants(data: Data, window_days: int) -> Iterable[datetime]:
    """Every instant at which some status computed above can change."""
    window = timedelta(days=window_days)
    for impact in data.impacts:
        for period in (impact.period, *(s.period for s in impact.services)):
            yield period.start_at
            if period.end_at:
                yield period.end_at
    for wave in data.waves.values():
        if wave.go_live:
            yield wave.go_live.start
            yield wave.go_live.end
            yield wave.go_live.start - window
            yield wave.go_live.end + window


def next_change(instants: Iterable[datetime], now: datetime) -> datetime | None:
    """The earliest of `instants` after `now`, or None."""
    future = [t for t in instants if t > now]
    return min(future) if future else None
