"""Telephone numbers in prose become `tel:` links, so a reader on a phone can tap them.

This module only *finds* numbers in running text: the emergency and health numbers
110, 112, 113 and 116 117, eight-digit numbers in pairs or in a block ("73 00 00 00",
"22 33 44 55", "815 00 300", "73000000"), optionally with "+47" in front (Nkom's
numbering plan).  Each candidate is read, shown and linked by
`generator.i18n.phones.parse_phone` (libphonenumber), the same way as a contact's
`phone` field: "+47 73 00 00 00" reads «73 00 00 00» and links to
``tel:+4773000000``.  A candidate that is no callable number stays plain text.
Everything else in the text is escaped as it is.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from generator.i18n.phones import PhoneError, parse_phone

_NUMBER = re.compile(
    r"(?<![\d+])"
    r"(?:\+47[\s\u00a0]?)?"
    r"(?:116[\s\u00a0]?117"  # medical out-of-hours service (legevakt)
    r"|\d{2}(?:[\s\u00a0]?\d{2}){3}"  # 73 00 00 00 or 73000000
    r"|\d{3}[\s\u00a0]?\d{2}[\s\u00a0]?\d{3}"  # 815 00 300
    r"|11[023])"  # fire, police, ambulance
    r"(?![\d])"
)


def _link(written: str) -> str:
    try:
        phone = parse_phone(written.replace("\u00a0", " "))
    except PhoneError:
        return str(escape(written))
    # A no-break space inside the number, so "116 117" never breaks across lines.
    shown = phone.shown.replace(" ", "\u00a0")
    return f'<a class="tel" href="tel:{escape(phone.tel)}">{escape(shown)}</a>'


def tel_links(text: str) -> Markup:
    """Escape `text` and wrap each phone number in `<a class="tel" href="tel:…">`, shown
    in its national form («73 00 00 00») with no-break spaces."""
    out: list[str] = []
    last = 0
    for m in _NUMBER.finditer(text):
        out.append(str(escape(text[last:m.start()])))
        out.append(_link(m.group(0)))
        last = m.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))
