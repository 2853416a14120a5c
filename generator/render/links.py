"""Where the machine-readable outputs live, and their stable identifiers.

Every output path is relative to the output folder (and so to the base path);
`absolute` adds the base URL and base path.  Identifiers (Atom ids, iCalendar
UIDs) are derived from the base URL and record ids only, never from the base
path or the clock, so they stay the same across builds and moves.
"""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from generator.site import Site

FEED, CALENDAR, CARD = "feed.xml", "calendar.ics", "card.html"
DATA_DIR = "data/v1/"
SITEMAP, ROBOTS, NOT_FOUND = "sitemap.xml", "robots.txt", "404.html"


def absolute(site: Site, path: str) -> str:
    """The absolute URL of site-relative `path`: base_url + base_path + path."""
    return site.config.base_url + site.config.base_path + path


def local(site: Site, path: str) -> str:
    """The root-relative URL of site-relative `path`: base_path + path."""
    return site.config.base_path + path


def folder(site: Site, lang: str, place_id: str | None = None) -> str:
    """The language folder, or a place's page folder: "nb/", "nb/kommuner/alfa/"."""
    return site.place_url(place_id, lang) if place_id else f"{lang}/"


def feed_path(site: Site, lang: str, place_id: str | None = None) -> str:
    """The Atom feed's output path for `lang`, or for one place's page if `place_id`."""
    return folder(site, lang, place_id) + FEED


def calendar_path(site: Site, lang: str, place_id: str | None = None) -> str:
    """The iCalendar file's output path for `lang`, or for one place if `place_id`."""
    return folder(site, lang, place_id) + CALENDAR


def card_path(site: Site, lang: str, place_id: str) -> str:
    """The output path of a place's embeddable status card in `lang`."""
    return folder(site, lang, place_id) + CARD


def impact_url(site: Site, lang: str, impact_id: str) -> str:
    """The site-relative URL of a service impact: its anchor on the reductions page."""
    return site.section_url("reductions", lang) + f"#{impact_id}"


def host(site: Site) -> str:
    """The host name of base_url ('localhost' if none): the domain of Atom ids and iCalendar
    UIDs (RFC 5545 §3.8.4.7 recommends a domain in UIDs).
    """
    return urlsplit(site.config.base_url).hostname or "localhost"


def stable_urn(site: Site, *parts: str) -> str:
    """urn:uuid (version 5) from the site's base URL and the given parts."""
    name = site.config.base_url + "/" + "/".join(parts)
    return uuid.uuid5(uuid.NAMESPACE_URL, name).urn


def uid(site: Site, *parts: str) -> str:
    """iCalendar UID: readable, unique to this site, the same in every build."""
    return "-".join(p.replace("/", "-") for p in parts) + "@" + host(site)
