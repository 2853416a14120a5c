"""Names an editor may not give a file, folder, slug or translation key.

* Windows reserves the device names CON, PRN, AUX, NUL, COM0–COM9 and LPT0–LPT9
  (also ¹ ² ³ after COM/LPT), in any case and with any extension: a checkout
  with ``con.md`` fails on Windows, and so would a build with a page at
  ``/nb/con/`` (Microsoft, "Naming Files, Paths, and Namespaces").  Names that
  end in a dot or a space are lost on Windows too.
* The generated pages own their keys (``timeline``, ``places``, ``reductions``,
  ``place/ID``): a content page with one of those keys would share their
  language links and menu entries.

A page's address is made of its folder and file names (or its `slug`), as
written; so each must be a *web name* (`web_name`), the one rule for file and
folder names under content/<lang>/, `slug:` and `new --slug`: lower-case
letters a–z, æ, ø, å, digits and '-', starting with a letter or digit, at most
81 characters.  Nothing is rewritten: the address is the name, so it stays the
same from build to build.  A name that breaks the rule gets a suggestion
(`web_name_for`): lower-cased, spaces and '_' as '-', accents dropped
(é → e) but æ, ø, å kept.
"""

from __future__ import annotations

import re
import unicodedata

_DEVICE = re.compile(r"(?i)^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$")
GENERATED_KEYS = ("timeline", "places", "reductions", "search")  # search: issue 19


WEB_NAME = re.compile(r"[a-z0-9æøå][a-z0-9æøå-]{0,80}")


def web_name(name: str) -> bool:
    """True if `name` (NFC, no '.md') may be one part of a page's address (module
    docstring); the rule for file and folder names, `slug:` and `new --slug`."""
    return bool(WEB_NAME.fullmatch(unicodedata.normalize("NFC", name)))


def web_name_for(text: str) -> str:
    """The web name an editor most likely meant by `text` ('' if none is left):
    'Åpningstider i Tingvoll' → 'åpningstider-i-tingvoll', 'Idé_Kafé' → 'ide-kafe'."""
    out = []
    for ch in unicodedata.normalize("NFC", text.lower()):
        if ch in "æøå" or ch.isascii():
            out.append(ch)
        else:  # é → e; a letter with no plain form is dropped
            out.append("".join(c for c in unicodedata.normalize("NFKD", ch)
                               if not unicodedata.combining(c)))
    name = re.sub(r"[^a-z0-9æøå]+", "-", "".join(out)).strip("-")[:81].rstrip("-")
    return name if web_name(name) else ""


def windows_reserved(name: str) -> bool:
    """True for a file or folder name Windows cannot hold (see module docstring)."""
    return bool(_DEVICE.match(name.rstrip(" ."))) or name.endswith((".", " "))


def generated_key(key: str) -> bool:
    """True if a content page's key is one a generated page uses."""
    return key in GENERATED_KEYS or key.startswith("place/")
