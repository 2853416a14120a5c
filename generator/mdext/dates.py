"""A Norwegian date at the start of a line is a date, not an ordered list.

Norwegian writes the day as an ordinal with a full stop: "3. november 2023",
"17. mai", "1. jan." (Språkrådet, *Skrivereglar*: dato).  Markdown reads
"3. november …" at the start of a block as item 3 of a numbered list, so a
paragraph that starts with a date becomes ``<ol start="3">`` and a bullet
"- 14. februar 2019: …" a list nested in a list.

`DateParagraphProcessor` claims a block whose first line is such a date before
the ordered-list processor sees it, and hands it to Python-Markdown's own
paragraph processor (so inside a list item it stays the item's text, as any
paragraph would).  Month names are Bokmål and Nynorsk (the same words), written
out or abbreviated, in any case.  A numbered list whose items start with a
month name is the one thing lost; write "1) Januar" as "- Januar" instead.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
          "september", "oktober", "november", "desember")
ABBREVIATIONS = ("jan", "feb", "febr", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                 "okt", "nov", "des")
_MONTH = "|".join(sorted(MONTHS + ABBREVIATIONS, key=len, reverse=True))
# Day 1–31, a full stop, spaces, a month name ending at a word boundary (an
# abbreviation may carry its own full stop).  Up to three spaces of indentation,
# as for a list marker.
DATE_LINE_RE = re.compile(
    rf"^[ ]{{0,3}}(?:0?[1-9]|[12][0-9]|3[01])\.[ ]+(?:{_MONTH})\.?(?![^\W\d_])",
    re.IGNORECASE)


def starts_with_date(text: str) -> bool:
    """True if `text` (a block or a line) begins with a day and a month name."""
    return DATE_LINE_RE.match(text) is not None


class DateParagraphProcessor(BlockProcessor):
    """A block that starts with a date is a paragraph (never a list)."""

    def test(self, parent: etree.Element, block: str) -> bool:
        return starts_with_date(block)

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        self.parser.blockprocessors["paragraph"].run(parent, blocks)


class NorwegianDatesExtension(Extension):
    """Registers `DateParagraphProcessor` just above the ordered-list processor (40)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (API name)
        md.parser.blockprocessors.register(DateParagraphProcessor(md.parser), "date", 45)
