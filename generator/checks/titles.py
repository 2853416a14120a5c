"""Titles and descriptions residents could not use: too long for a heading or a search
result, or without a word ("…").  The limits and their sources are in
`generator.load.wording`; service impacts are checked where they are loaded
(`generator.load.impacts`).  Run by `check` and by `build` (front matter only).
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.checks import Context
from generator.errors import Report
from generator.load.wording import long_title, no_words, title_too_long, wordless
from generator.model import SourcePage


def check(ctx: Context, report: Report) -> None:
    """`check_titles` of every page loaded."""
    check_titles(report, ctx.sources)


def check_titles(report: Report, pages: Iterable[SourcePage]) -> None:
    """A warning at the line of each page title over the limits (`long_title`), and of each
    title or description without a word (`no_words`)."""
    for page in pages:
        if not page.title and "title" not in page.lines:
            continue  # a page that did not load (its body alone is checked)
        for key in ("title", "description"):
            value = getattr(page, key)
            if value is not None and wordless(value):
                report.warn(page.path, page.lines.get(key), *no_words(key, value),
                            code="no-words")
        if page.title and not wordless(page.title) and (found := title_too_long(page.title)):
            report.warn(page.path, page.lines.get("title"), *long_title(*found),
                        code="long-title")
