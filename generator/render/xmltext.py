"""An ElementTree as indented UTF-8 XML: the stdlib's bytes, in a third of the time.

`to_bytes(root)` gives exactly what ``ET.indent(root)`` and
``ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\\n"`` give, for
the trees the feeds and the sitemap build: plain tag and attribute names, text
only in elements without children.  The stdlib writes every piece through a
text stream, one call each; at 10,000 pages that was most of the feeds' time.
A tree of any other shape is handed to the stdlib, so the result never differs.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"


class _Unusual(Exception):
    """A tree this writer does not handle (the stdlib writes it instead)."""


def to_bytes(root: ET.Element, space: str = "  ") -> bytes:
    out = [DECLARATION]
    try:
        if root.tail:
            raise _Unusual
        _element(out.append, root, 0, space)
    except _Unusual:
        ET.indent(root, space)
        data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
        return data + b"\n"
    out.append("\n")
    return "".join(out).encode("utf-8", "xmlcharrefreplace")


def _element(write: Callable[[str], None], el: ET.Element, level: int, space: str) -> None:
    tag, text = el.tag, el.text
    if type(tag) is not str or "{" in tag or (el.tail and el.tail.strip()):
        raise _Unusual
    start = "<" + tag
    for name, value in el.items():
        if type(name) is not str or type(value) is not str or "{" in name:
            raise _Unusual
        start += f' {name}="{escape_attribute(value)}"'
    if len(el):
        if text is not None and (type(text) is not str or text.strip()):
            raise _Unusual  # text beside children: indenting keeps it
        write(start + ">")
        inner = "\n" + space * (level + 1)
        for child in el:
            write(inner)
            _element(write, child, level + 1, space)
        write("\n" + space * level + "</" + tag + ">")
    elif text:
        if type(text) is not str:
            raise _Unusual
        write(start + ">" + escape_text(text) + "</" + tag + ">")
    else:
        write(start + " />")


# What the stdlib replaces, in its order ("&" first, so no entity is escaped twice).
_TEXT = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_ATTRIBUTE = _TEXT + (('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))


def escape_text(text: str) -> str:
    """Character data, escaped as the stdlib escapes it."""
    return _replace(text, _TEXT)


def escape_attribute(text: str) -> str:
    """An attribute value (to go between double quotes), escaped as the stdlib does."""
    return _replace(text, _ATTRIBUTE)


def _replace(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    for char, entity in pairs:
        if char in text:
            text = text.replace(char, entity)
    return text
