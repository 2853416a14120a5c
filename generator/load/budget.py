"""How much Markdown work one page may ask for: bounded, so every page builds in time.

Python-Markdown spends a roughly fixed time per element it makes (about 0.2 ms
per heading with its id, 0.05 ms per link, image, line break or code span, on
this project's reference machine), and a paragraph with many inline elements is
copied once per element.  A page of ordinary prose is far below every limit
here; a page past one is an error naming the line where the limit is passed,
so `build` and `serve` never spend minutes on one page (issue 16: 24 000
underlined headings took 45 s).  Counting is one pass over the text.

Limits (per page): `MAX_HEADINGS` headings, `MAX_INLINE` links, images, hard
line breaks and code spans together, `MAX_CELLS` table cells, and paragraphs
of at most `MAX_PARAGRAPH` characters (not counting indentation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.errors import Message, msg

MAX_HEADINGS = 4_000
MAX_INLINE = 15_000
MAX_CELLS = 30_000
MAX_PARAGRAPH = 100_000

_HEADING = re.compile(r"(?m)^(?:[ ]{0,3}#{1,6}(?:[ \t]|$)|[ ]{0,3}(?:=+|-+)[ ]*$)")
_INLINE = re.compile(r"\]\(|\]\[|  \n|`+|<(?:https?:|mailto:|[^ >\n]+@)")
_BLANK = re.compile(r"\n[ \t]*\n")
_INDENT = re.compile(r"(?m)^[ \t]+")  # indentation is not text the inline pass copies


@dataclass(frozen=True)
class TooMuch:
    line: int  # the line of the body (1-based) where the limit is passed
    message: Message
    hint: Message


def _nth_line(text: str, pattern: re.Pattern[str], n: int) -> int | None:
    """The 1-based line of the `n`-th match of `pattern`, None if fewer."""
    for i, m in enumerate(pattern.finditer(text), 1):
        if i == n:
            return text.count("\n", 0, m.start()) + 1
    return None


def check(body: str) -> TooMuch | None:
    """The first limit `body` passes, or None (linear time in the length of `body`)."""
    split = msg("Split the page into several pages, or remove what was pasted in by mistake.")
    line = _nth_line(body, _HEADING, MAX_HEADINGS + 1)
    if line:
        return TooMuch(line, msg("The page has more than {n} headings.", n=MAX_HEADINGS), split)
    line = _nth_line(body, _INLINE, MAX_INLINE + 1)
    if line:
        return TooMuch(line, msg("The page has more than {n} links, images, line breaks and "
                                 "code marks.", n=MAX_INLINE), split)
    if body.count("|") > MAX_CELLS:
        line = _nth_line(body, re.compile(r"\|"), MAX_CELLS + 1) or 1
        return TooMuch(line, msg("The page's tables have more than {n} cells.", n=MAX_CELLS),
                       split)
    start = 0
    for m in _BLANK.finditer(body + "\n\n"):
        if m.start() - start > MAX_PARAGRAPH and \
                len(_INDENT.sub("", body[start:m.start()])) > MAX_PARAGRAPH:
            return TooMuch(body.count("\n", 0, start) + 1,
                           msg("A paragraph here is longer than {n} characters.",
                               n=MAX_PARAGRAPH),
                           msg("Add empty lines between its parts."))
        start = m.end()
    return None
