"""Caps on what makes Python-Markdown slow or recurse: deep nesting, long marker
chains, many headings in one block, many unclosed brackets.

Text-level caps run before parsing (`limit_nesting`); `Prune` drops what is still
nested too deep right after the inline pass.  Each keeps Python-Markdown's own
HTML wherever the input is within the limits (tests/test_markup_linear.py).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

MAX_NESTING = 40
MAX_UNCLOSED = 40
SPLIT_FROM = 32  # headings in a page before `split_headings` changes the text
_UNDERLINE = re.compile(r"(?:=+|-+)[ ]*")
# Python-Markdown's HashHeaderProcessor.RE (3.x), searched in a block as it does
_HASH = re.compile(r'(?:^|\n)(?P<level>#{1,6})(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)')


class Prune(Treeprocessor):
    """Drop elements nested deeper than MAX_NESTING, without recursion.

    Runs right after inline parsing, so later tree walks (toc, sanitise, the
    serialiser) never meet a tree deep enough to exhaust Python's stack.
    """

    def run(self, root: etree.Element) -> None:
        """Python-Markdown's tree hook: cut `root` (in place) below MAX_NESTING levels."""
        level = [root]
        for _ in range(MAX_NESTING + 1):
            level = [child for el in level for child in el]
            if not level:
                return
        for el in level:
            for child in list(el):
                el.remove(child)


def limit_nesting(text: str) -> str:
    """Deeply nested input makes Python-Markdown recurse; cap it before parsing.

    Two shapes nest: deep indentation, and a chain of list or quote markers at
    the start of one line (``- - - - x``, ``1. 1. 1. x``, ``> > > x``).
    """
    if "\n" + " " * 160 in text or "\n" + "\t" * 40 in text:
        text = re.sub(r"(?m)^[ \t]{160,}", " " * 160, text)
    text = _MARKER_CHAIN.sub(_cap_chain, text)
    text = split_headings(text)
    if text.count("[") > MAX_UNCLOSED:
        text = "".join(_unbracket(block) for block in re.split(r"(\n[ \t]*\n)", text))
    return text


def split_headings(text: str, least: int = SPLIT_FROM) -> str:
    """Put empty lines around headings inside a block, where Python-Markdown would
    split the block there anyway.

    A ``#`` heading inside a block, or an underlined heading at its start, makes
    Python-Markdown parse the part before it, then the rest of the block again as
    a new block, copying the rest each time: a block of 24 000 headings took 45 s.
    The empty lines give it those blocks at once: its own HTML, in linear time
    (tests/test_markup_linear.py).  Only blocks that start at the margin are
    split (an indented block may be code or part of a list item, which keeps its
    lines together, nor tables), and only on pages with at least `least` headings.
    """
    if text.count("\n=") + text.count("\n-") + text.count("\n#") < least:
        return text
    return "\n\n".join(_split_block(block) for block in text.split("\n\n"))


_NON_SPACE = re.compile(r"\S")
_LIST_START = re.compile(r"(?:[*+-]|\d{1,9}[.)])[ \t]")


def _at_margin(block: str, pos: int) -> bool:
    """block[pos:] is a block no processor before the heading ones claims: not empty,
    not indented (list item or code), not a list item, not a table (its first line
    has no '|')."""
    if pos >= len(block) or block[pos] in " \t\n" or _LIST_START.match(block, pos):
        return False  # a list item's lines stay together (generator.mdext.lists)
    eol = block.find("\n", pos)
    return block.find("|", pos, len(block) if eol < 0 else eol) < 0


def _split_block(block: str) -> str:
    """One block as Python-Markdown would split it at its headings (positions, not
    copies, so the work is linear in the block's length)."""
    out: list[str] = []
    pos = 0
    while _at_margin(block, pos):
        # the hash-heading processor runs first: the part before it, the heading, the rest
        m = _HASH.search(block, max(pos - 1, 0))  # from the '\n' before pos: no '^' there
        stop = m.start() if m else len(block)
        pos = _peel_setext(block, pos, stop, out)
        if not m:
            break
        if pos < stop:
            out.append(block[pos:stop])
        out.append(block[m.start():m.end()].strip("\n"))
        pos = m.end()
    if pos < len(block) or not out:
        out.append(block[pos:])
    return "\n\n".join(out)


def _peel_setext(block: str, pos: int, stop: int, out: list[str]) -> int:
    """Move underlined headings at the start of block[pos:stop] to `out`, each as its
    own block; returns where the rest begins."""
    while _at_margin(block, pos):
        eol1 = block.find("\n", pos, stop)
        eol2 = block.find("\n", eol1 + 1, stop) if eol1 >= 0 else -1
        if eol2 < 0 or not _UNDERLINE.fullmatch(block, eol1 + 1, eol2):
            break
        more = _NON_SPACE.search(block, eol2 + 1, stop)
        if not more:
            break
        out.append(block[pos:eol2])
        pos = eol2 + 1
    return pos


def _unbracket(block: str) -> str:
    """A block with many unclosed '[' or '(' makes link parsing quadratic (each '['
    scans to the end of the block); there, '[' is escaped and shown as written."""
    if (block.count("[") - block.count("]") <= MAX_UNCLOSED
            and block.count("(") - block.count(")") <= MAX_UNCLOSED):
        return block
    return re.sub(r"(?<!\\)\[", r"\\[", block)


# Atomic groups (?>…): each marker is matched one way only, so a short chain fails fast
# instead of backtracking through every way to split the spaces between markers.
_MARKER = r"(?>[ \t]{0,3}(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+|>[ \t]*))"
_MARKER_CHAIN = re.compile(rf"(?m)^(?:{_MARKER}){{{MAX_NESTING},}}")


def _cap_chain(match: re.Match[str]) -> str:
    return "".join(re.findall(_MARKER, match.group())[:MAX_NESTING])
