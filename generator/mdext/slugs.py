"""Heading ids that keep every letter readable: "Idé og kafé" → ``ide-og-kafe``.

Letters with accents lose the accent (Unicode NFKD, combining marks dropped:
é→e, á→a, č→c, ü→u); letters that are letters of their own are spelt out:
æ→ae, ø→o, å→a (so ids made before stay the same), and the Sámi đ→d, ŋ→n,
ŧ→t, plus ß→ss, þ→th, ð→d, ł→l.  Everything else but a–z and 0–9 is dropped,
and runs of spaces and '-' become one separator.  The `links` check reads the
ids from the rendered pages, so a link to "#ide-og-kafe" is checked against
this same function.
"""

from __future__ import annotations

import re
import unicodedata

SPELT_OUT = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "đ": "d", "ŋ": "n", "ŧ": "t",
                           "ß": "ss", "þ": "th", "ð": "d", "ł": "l", "œ": "oe"})


def slugify(value: str, separator: str = "-") -> str:
    """An id for a heading (Python-Markdown's toc `slugify` signature)."""
    value = unicodedata.normalize("NFKD", value.lower().translate(SPELT_OUT))
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    value = re.sub(r"[^a-z0-9\s-]", "", value.translate(SPELT_OUT))
    return re.sub(r"[\s-]+", separator, value).strip(separator)
