"""Telephone numbers in prose become `tel:` links, so a reader on a phone can tap them.

Norwegian numbers as people write them (Nkom's numbering plan): the emergency and
health numbers 110, 112, 113 and 116 117, eight-digit numbers in pairs or in a
block ("73 00 00 00", "22 33 44 55", "815 00 300", "73000000"), optionally with
"+47" in front.  Everything else in the text is escaped as it is.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_NUMBER = re.compile(
    r"(?<![\d+])"
    r"(?:\+47[\s\u00a0]?)?"
    r"(?:116[\s\u00a0]?117"  # medical out-of-hours service (legevakt)
    r"|\d{2}(?:[\s\u00a0]?\d{2}){3}"  # 73 00 00 00 or 73000000
    r"|\d{3}[\s\u00a0]?\d{2}[\s\u00a0]?\d{3}"  # 815 00 300
    r"|11[023])"  # fire, police, ambulance
    r"(?![\d])"
)


def tel_href(number: str) -> str:
    """"+47 73 00 00 00" -> "tel:+4773000000" (RFC 3966: digits and a leading plus)."""
    return "tel:" + re.sub(r"[^\d+]", "", number)


def tel_links(text: str) -> Markup:
    """Escape `text` and wrap each phone number in `<a href="tel:…">`.

    The number keeps its spaces as a no-break space, so "116 117" never breaks
    across lines.
    """
    out: list[str] = []
    last = 0
    for m in _NUMBER.finditer(text):
        out.append(str(escape(text[last:m.start()])))
        shown = re.sub(r"\s", "\u00a0", m.group(0))
        out.append(f'<a class="tel" href="{tel_href(m.group(0))}">{escape(shown)}</a>')
        last = m.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))
