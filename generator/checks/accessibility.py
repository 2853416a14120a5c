"""Accessibility of the Markdown: alt text, heading levels, link text, raw HTML."""

from __future__ import annotations

import re

from generator.checks import Context
from generator.checks.scan import HEADING, LINK, lines, links
from generator.errors import Report, msg

# An HTML tag or comment; autolinks like <https://…> and <post@…> are not tags.
_TAG = re.compile(r"<!--|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


def check(ctx: Context, report: Report) -> None:
    for page in ctx.sources:
        for link in links(page):
            if link.image and not link.text.strip():
                report.warn(page.path, link.line,
                            msg("The image '{url}' has no alt text, so screen reader users do "
                                "not know what it shows.", url=link.url),
                            msg("Describe it between the brackets: ![What the image shows](…)."),
                            code="image-alt")
            elif not link.image and not _text_of(link.text):
                report.warn(page.path, link.line,
                            msg("The link to '{url}' has no text, so nobody can tell where it "
                                "leads.", url=link.url),
                            msg("Write the text between the brackets: [Where it goes](…)."),
                            code="empty-link")
        previous = 1  # the page title is the h1
        for line in lines(page):
            if line.kind == HEADING:
                if line.level == 1:
                    report.warn(page.path, line.number,
                                msg("A second main heading (level 1): the page title is "
                                    "already the main heading."),
                                msg("Start the headings in the text at '##'."),
                                code="heading-level")
                elif line.level > previous + 1:
                    report.warn(page.path, line.number,
                                msg("The heading jumps from level {previous} to level {level}.",
                                    previous=previous, level=line.level),
                                msg("Use {marks} here, so no level is skipped.",
                                    marks="#" * (previous + 1)),
                                code="heading-level")
                previous = line.level
            tag = _TAG.search(LINK.sub("", line.text))
            if tag:
                report.warn(page.path, line.number,
                            msg("The HTML '{tag}' will show as text on the page: HTML in "
                                "Markdown is not used.", tag=tag.group(0)[:40]),
                            msg("Write it in Markdown instead, or remove it."), code="raw-html")


def _text_of(label: str) -> str:
    """The words of a link label (an image inside a link counts by its alt text)."""
    return re.sub(r"[*_`~\s]", "", label.replace("![", "["))
