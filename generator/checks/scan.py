"""Read a Markdown body as blocks and links, each with its line in the file.

The checks and the rebuild map need the same view of a page's Markdown:
which lines are headings, list items, table rows or prose, and where links
are.  Code (fenced or indented) is left out, and so is inline `code`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from posixpath import normpath
from urllib.parse import unquote, urljoin, urlsplit

from generator.load.pages import page_body
from generator.model import SourcePage

HEADING, LIST, TABLE, PROSE, QUOTE = "heading", "list", "table", "prose", "quote"

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_ATX = re.compile(r"^\s{0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_LIST = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s+")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]"
                  r"\(\s*<?([^()\s>]*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_REF_DEF = re.compile(r"^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+[\"'].*[\"'])?\s*$")


@dataclass(frozen=True)
class Line:
    number: int  # line in the file (1-based)
    text: str  # with inline code removed
    kind: str  # HEADING, LIST, TABLE, PROSE, QUOTE
    level: int = 0  # heading level
    block: int = 0  # index of the paragraph / block the line belongs to


@dataclass(frozen=True)
class Link:
    line: int
    text: str
    url: str
    image: bool


def lines(page: SourcePage) -> Iterator[Line]:
    """The body's lines that hold text, with their kind and file line number."""
    raw = page_body(page, None).split("\n")
    fence: str | None = None
    block = 0
    previous_blank = True
    for i, text in enumerate(raw):
        number = page.body_line + i
        m = _FENCE.match(text)
        if fence:
            if m and m.group(1) == fence:
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        if not text.strip():
            block += 1
            previous_blank = True
            continue
        if previous_blank and text.startswith(("    ", "\t")):
            continue  # indented code block
        clean = _CODE_SPAN.sub("", text)
        nxt = raw[i + 1] if i + 1 < len(raw) else ""
        atx = _ATX.match(clean)
        setext = _SETEXT.match(nxt)
        if atx:
            yield Line(number, atx.group(2) or "", HEADING, len(atx.group(1)), block)
            block += 1
        elif setext and not _LIST.match(clean) and not clean.lstrip().startswith("|") \
                and not _SETEXT.match(clean):
            yield Line(number, clean.strip(), HEADING, 1 if setext.group(1)[0] == "=" else 2,
                       block)
        elif _SETEXT.match(clean):
            block += 1  # a setext underline or a thematic break
        elif _LIST.match(clean) or (not previous_blank and text[:1] in " \t" and _in_list(
                raw, i)):
            yield Line(number, _LIST.sub("", clean, count=1), LIST, 0, block)
        elif clean.lstrip().startswith("|"):
            yield Line(number, clean, TABLE, 0, block)
        elif clean.lstrip().startswith(">"):
            yield Line(number, clean.lstrip().lstrip(">").strip(), QUOTE, 0, block)
        else:
            yield Line(number, clean, PROSE, 0, block)
        previous_blank = False


def _in_list(raw: list[str], i: int) -> bool:
    for j in range(i - 1, -1, -1):
        if not raw[j].strip():
            return False
        if _LIST.match(raw[j]):
            return True
        if raw[j][:1] not in " \t":
            return False
    return False


def links(page: SourcePage) -> Iterator[Link]:
    """Every inline link and image, and reference definitions, outside code."""
    for line in lines(page):
        for m in LINK.finditer(line.text):
            yield Link(line.number, m.group(2), m.group(3), m.group(1) == "!")
        ref = _REF_DEF.match(line.text)
        if ref:
            yield Link(line.number, ref.group(1), ref.group(2), False)


def is_internal(url: str) -> bool:
    """Links to this site: site-absolute, relative or a fragment (not mailto:, https: …)."""
    url = html.unescape(url)  # "javascript&#58;x" is not internal either
    if url.startswith("//"):
        return False
    return ":" not in url.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]


def resolve(url: str, page_url: str) -> tuple[str, str]:
    """A link as (site-relative path like "nb/om/", fragment), from the page at `page_url`.

    `page_url` is site-relative too ("nb/kunngjoringer/x/").
    """
    parts = urlsplit(urljoin("/" + page_url, url))
    path = normpath(unquote(parts.path)) if parts.path else "/"
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    if path != "/" and not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        path += "/"
    if path.startswith("//"):
        path = "/" + path.lstrip("/")
    return path.lstrip("/"), unquote(parts.fragment)
