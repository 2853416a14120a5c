"""Lists the way editors type them, read as CommonMark reads them.

Python-Markdown follows Markdown.pl: a list needs a blank line before it, and a
sub-item needs four spaces.  Editors type what GitHub, Teams and most editors
accept (CommonMark 0.31, §5.2 list items, §5.3 lists):

* a bullet list, or a numbered list starting at 1, right after its lead-in
  line: "Dette blir redusert:" then "- Helsestasjonen" (a list may interrupt
  a paragraph);
* sub-items indented two spaces (under the text of the item above, or at least
  two spaces in: "1. Punkt" then "  - underpunkt");
* a following paragraph or line of an item indented like the item's text.

`ListLinesPreprocessor` rewrites those lines into the form Python-Markdown
reads the same way: a blank line before a list that interrupts a paragraph,
four spaces per level of nesting.  Lines outside lists, indented code blocks
and lines starting with a date (`dates.starts_with_date`) are left alone.
Lists inside block quotes keep Python-Markdown's rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from generator.mdext.dates import starts_with_date

MARKER_RE = re.compile(r"^( *)([*+-]|(\d{1,9})\.)( +|$)(.*)$")
RULE_RE = re.compile(r"^ {0,3}([-*_])(?: *\1){2,} *$")  # a thematic break, not a list
TAB = 4  # Python-Markdown's nesting step (tab_length)
MARKER_START = frozenset("-*+0123456789")
MAX_DEPTH = 20  # lists in lists; markup.MAX_NESTING counts elements (ul + li per level)


@dataclass(frozen=True)
class Marker:
    indent: int  # spaces before the marker
    content: int  # column where the item's text starts (CommonMark §5.2)
    first: bool  # may start a list that interrupts a paragraph (CommonMark §5.3)
    ordered: bool

    def holds(self, indent: int, line: Marker | None = None) -> bool:
        """Whether a line indented `indent` (a list item: `line`) is inside this item:
        from CommonMark's content column on; a bullet also from two spaces in under a
        number ("1. Punkt" then "  - underpunkt", which CommonMark would not nest)."""
        return indent >= self.content or (
            self.ordered and line is not None and not line.ordered and indent >= self.indent + 2)


def marker(line: str) -> Marker | None:
    """The list marker that starts `line`, or None (also for a rule or a date)."""
    m = MARKER_RE.match(line)
    if m is None or not m.group(5).strip() or RULE_RE.match(line) or (
            m.group(3) and starts_with_date(line.lstrip())):
        return None  # Python-Markdown has no empty items: "-" alone stays text
    indent, spaces, ordered = len(m.group(1)), len(m.group(4)), m.group(3) is not None
    width = len(m.group(2)) + (1 if spaces > 4 else spaces)
    return Marker(indent, indent + width, m.group(3) in (None, "1"), ordered)


def normalise(lines: list[str]) -> list[str]:
    """The same document, with lists in the layout Python-Markdown nests as meant."""
    out: list[str] = []
    open_items: list[Marker] = []  # the items a line may belong to, outermost first
    blank_before = True
    block_indent = 0  # Python-Markdown reads a block that starts indented (after a blank
    # line) as one piece of the item above: a later, shallower item needs a blank line
    after_item = False  # the line before was a list item's first line
    for line in lines:
        text = line.lstrip(" ")
        if not text:
            out.append(line)
            blank_before = True
            continue
        if not open_items and text[0] not in MARKER_START:  # prose: nothing to do
            out.append(line)
            block_indent = len(line) - len(text) if blank_before else block_indent
            blank_before = after_item = False
            continue
        indent = len(line) - len(text)
        item = marker(line)
        if item is not None:
            in_list, sibling = bool(open_items), None
            while open_items and not open_items[-1].holds(indent, item):
                sibling = open_items.pop()
            if len(open_items) >= MAX_DEPTH:  # deeper is shown at this depth (markup caps
                sibling = open_items.pop()  # nesting anyway): no quadratic re-indenting
            depth = len(open_items)
            if open_items or (indent <= 3 and (blank_before or in_list or item.first)):
                # a list that interrupts the paragraph above, or one of the other kind
                starts = not in_list or (sibling is not None and sibling.ordered != item.ordered)
                shallower = block_indent > TAB * depth or (item.first and not after_item)
                if not blank_before and (starts or (block_indent >= TAB and shallower)):
                    out.append("")
                out.append(" " * (TAB * depth) + line.lstrip(" ") if depth else line)
                open_items.append(item)
            else:
                out.append(line)
        elif open_items and (blank_before or block_indent >= TAB):
            while blank_before and open_items and not open_items[-1].holds(indent):
                open_items.pop()
            out.append(_inside(line, indent, open_items) if open_items else line)
        elif len(open_items) > 1:  # a line of a sub-item (or a lazy one, CommonMark §5.2)
            out.append(" " * (TAB * (len(open_items) - 1)) + line.lstrip(" "))
        else:
            out.append(line)
        after_item = item is not None
        if blank_before or out[-2:-1] == [""]:
            block_indent = len(out[-1]) - len(out[-1].lstrip(" "))
        blank_before = False
    return out


def _inside(line: str, indent: int, open_items: list[Marker]) -> str:
    """A line of the innermost open item's text, indented as Python-Markdown nests it.

    Past the item's content column, 1–3 spaces mean nothing (CommonMark §4.8) and
    four or more start a code block, so only the latter are kept.
    """
    extra = indent - open_items[-1].content
    return " " * (TAB * len(open_items) + (extra if extra >= TAB else 0)) + line.lstrip(" ")


class ListLinesPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if not any(line.lstrip(" ")[:1] in MARKER_START and line.strip() for line in lines):
            return lines  # no line could be a list item
        return normalise(lines)


class TypedListsExtension(Extension):
    """Runs after Python-Markdown's whitespace normalising (30), so tabs are spaces."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (API name)
        md.preprocessors.register(ListLinesPreprocessor(md), "typed_lists", 25)
