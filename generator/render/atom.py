"""Atom feeds (RFC 4287) of announcements and service-impact notices.

Files: ``<lang>/feed.xml`` (everything) and ``<lang>/<places>/<id>/feed.xml``
(what concerns one municipality or organisation).  Entry ids are ``urn:uuid``
values derived from the base URL, the record and the language; an entry has
the same id in every feed it appears in and in every build.  `updated` comes
from the data (an announcement's `updated`/`date`, a notice's last update);
the feed's `updated` is its newest entry's, or the build clock when empty.
A feed holds the newest `feed_entries` entries (config.yaml, default 50).
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from generator import LANGUAGES, __version__
from generator.events import impact_revised
from generator.facts import page_places
from generator.render import OutputFile
from generator.render.links import absolute, feed_path, folder, impact_url, stable_urn
from generator.render.theme import Theme
from generator.render.xmltext import to_bytes
from generator.site import OutputPage, Site
from generator.views.context import Ctx
from generator.views.data import span_view

ATOM = "http://www.w3.org/2005/Atom"
MarkdownFn = Callable[[OutputPage], str]


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: datetime
    published: datetime
    link: str
    lang: str
    summary: str | None
    content_html: str | None
    category: str


def _rfc3339(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def announcement_entries(site: Site, lang: str) -> list[tuple[Entry, OutputPage]]:
    """Every announcement in `lang` as a feed entry, without its content (added when kept)."""
    out = []
    for page in site.announcements(lang):
        src = page.source
        assert src is not None
        published = src.date.start if src.date else site.now
        updated = max(published, src.updated.start) if src.updated else published
        out.append((Entry(stable_urn(site, "announcement", page.key, lang), src.title, updated,
                          published, absolute(site, page.url), page.content_lang,
                          src.description, None, "announcement"), page))
    return out


def by_place(site: Site, announcements: list[tuple[Entry, OutputPage]]
             ) -> dict[str, list[tuple[Entry, OutputPage]]]:
    """The announcements about each place, its own or its wave's (one pass)."""
    out: dict[str, list[tuple[Entry, OutputPage]]] = {}
    for entry, page in announcements:
        for place in page_places(page.source, site.data) if page.source else ():
            out.setdefault(place, []).append((entry, page))
    return out


def newest(site: Site, markdown: MarkdownFn, announcements: list[tuple[Entry, OutputPage]],
           impacts: list[Entry]) -> list[Entry]:
    """The feed's entries, newest first, at most `feed_entries` of them.

    Entries are chosen on their dates alone; only the kept announcements' bodies
    are rendered (or read from the cache).
    """
    pairs: list[tuple[Entry, OutputPage | None]] = [*announcements, *((e, None) for e in impacts)]
    pairs.sort(key=lambda pair: (pair[0].updated, pair[0].id), reverse=True)
    return [dataclasses.replace(e, content_html=markdown(page)) if page else e
            for e, page in pairs[:site.config.feed_entries]]


def impact_entries(ctx: Ctx, place_id: str | None) -> list[Entry]:
    """A notice's entry: its summary, then its period in the words the page uses."""
    site, lang = ctx.site, ctx.lang
    return [Entry(stable_urn(site, "impact", f.id, lang), f.impact.title(lang),
                  impact_revised(f.impact), f.impact.published.start,
                  absolute(site, impact_url(site, lang, f.id)), lang,
                  f"{f.impact.summary(lang)} {ctx._('When')}: {span_view(ctx, f).text}.", None,
                  "service-impact")
            for f in site.facts.impacts_for(place_id)]


def feed(ctx: Ctx, markdown: MarkdownFn, place_id: str | None,
         announcements: list[tuple[Entry, OutputPage]]) -> bytes:
    """One feed: of the whole site, or of `place_id` (`announcements` are then its own)."""
    site, lang = ctx.site, ctx.lang
    entries = newest(site, markdown, announcements, impact_entries(ctx, place_id))
    title = site.config.site_name(lang)
    if place_id:
        title = f"{site.data.places[place_id].name(lang)} – {title}"
    root = ET.Element("feed", {"xmlns": ATOM, "xml:lang": lang})
    ET.SubElement(root, "id").text = stable_urn(site, "feed", lang, place_id or "")
    ET.SubElement(root, "title").text = title
    if site.config.tagline and not place_id:
        ET.SubElement(root, "subtitle").text = site.config.tagline(lang)
    updated = max((e.updated for e in entries), default=site.now)
    ET.SubElement(root, "updated").text = _rfc3339(updated)
    author = ET.SubElement(root, "author")
    ET.SubElement(author, "name").text = site.config.organisation(lang)
    if site.config.contact.email:
        ET.SubElement(author, "email").text = site.config.contact.email
    if site.config.contact.url:
        ET.SubElement(author, "uri").text = site.config.contact.url
    ET.SubElement(root, "link", {"rel": "self", "type": "application/atom+xml",
                                 "href": absolute(site, feed_path(site, lang, place_id))})
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html",
                                 "href": absolute(site, folder(site, lang, place_id))})
    ET.SubElement(root, "generator", {"version": __version__}).text = "helseplattformen-notices"
    for e in entries:
        entry = ET.SubElement(root, "entry", {"xml:lang": e.lang} if e.lang != lang else {})
        ET.SubElement(entry, "id").text = e.id
        ET.SubElement(entry, "title").text = e.title
        ET.SubElement(entry, "updated").text = _rfc3339(e.updated)
        ET.SubElement(entry, "published").text = _rfc3339(e.published)
        ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": e.link})
        ET.SubElement(entry, "category", {"term": e.category})
        if e.summary:
            ET.SubElement(entry, "summary").text = e.summary
        if e.content_html:
            ET.SubElement(entry, "content", {"type": "html",
                                             "xml:base": absolute(site, "")}).text = e.content_html
    return to_bytes(root)


def render_feeds(site: Site, theme: Theme, markdown: MarkdownFn,
                 langs: tuple[str, ...] = LANGUAGES) -> Iterator[OutputFile]:
    for lang in langs:
        ctx = Ctx(site, lang, theme.catalogs)
        announcements = announcement_entries(site, lang)
        yield OutputFile(feed_path(site, lang), feed(ctx, markdown, None, announcements))
        about = by_place(site, announcements)
        for pid in sorted(site.data.places):
            yield OutputFile(feed_path(site, lang, pid),
                             feed(ctx, markdown, pid, about.get(pid, [])))
