"""A page in the announcements folder that is not an announcement.

What makes a notice is `type: announcement` in the front matter: only those
pages are on the announcement list, the municipalities' pages and the feeds
(`Site.announcements`).  Where announcements live is the folder of the page
with `list: announcements` (else `content/nb/kunngjoringer/` and
`content/nn/kunngjeringar/`, as `new announcement` writes them).  A page there
without the type would be built, but nobody would find it from the list; the
type is easily lost when a file is copied from an ordinary page or trimmed.
Run by `check` and by `build` (front matter only).
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.checks import Context
from generator.errors import Report, msg
from generator.model import SourcePage

ANNOUNCEMENT_DIRS = {"nb": "kunngjoringer", "nn": "kunngjeringar"}  # as `new` writes them


def check(ctx: Context, report: Report) -> None:
    """`check_folders` of every page loaded."""
    check_folders(report, ctx.sources)


def announcement_dirs(pages: Iterable[SourcePage]) -> dict[str, str]:
    """lang -> the folder (inside content/<lang>/, "" for the top) of its announcements."""
    dirs = dict(ANNOUNCEMENT_DIRS)
    for page in pages:
        if page.list == "announcements":
            dirs[page.lang] = page.rel.rsplit("/", 1)[0] if "/" in page.rel else ""
    return dirs


def check_folders(report: Report, pages: Iterable[SourcePage]) -> None:
    """A warning for each page in its standard's announcements folder (`announcement_dirs`)
    that is not `type: announcement`: at its 'type' line, else its 'title' line, naming the
    line to add.  The list page itself and the pages of sub-folders are left alone."""
    listed = list(pages)
    dirs = announcement_dirs(listed)
    for page in listed:
        folder, _, name = page.rel.rpartition("/")
        if (page.type == "announcement" or page.list or not page.title
                or folder != dirs.get(page.lang) or name == "index" or not folder):
            continue
        line = page.lines.get("type") or page.lines.get("title")
        report.warn(page.path, line,
                    msg("This page is in the announcements folder but is not an announcement, "
                        "so it is not on the announcement list, the municipalities' pages or "
                        "the feeds."),
                    msg("Add the line 'type: announcement' (and 'date: YYYY-MM-DD') to the "
                        "front matter, or move the page out of content/{lang}/{folder}/.",
                        lang=page.lang, folder=folder), code="not-an-announcement")
