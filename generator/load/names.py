"""Names an editor may not give a file, folder, slug or translation key.

* Windows reserves the device names CON, PRN, AUX, NUL, COM0–COM9 and LPT0–LPT9
  (also ¹ ² ³ after COM/LPT), in any case and with any extension: a checkout
  with ``con.md`` fails on Windows, and so would a build with a page at
  ``/nb/con/`` (Microsoft, "Naming Files, Paths, and Namespaces").  Names that
  end in a dot or a space are lost on Windows too.
* The generated pages own their keys (``timeline``, ``places``, ``reductions``,
  ``place/ID``): a content page with one of those keys would share their
  language links and menu entries.
"""

from __future__ import annotations

import re

_DEVICE = re.compile(r"(?i)^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$")
GENERATED_KEYS = ("timeline", "places", "reductions", "search")  # search: issue 19


def windows_reserved(name: str) -> bool:
    """True for a file or folder name Windows cannot hold (see module docstring)."""
    return bool(_DEVICE.match(name.rstrip(" ."))) or name.endswith((".", " "))


def generated_key(key: str) -> bool:
    """True if a content page's key is one a generated page uses."""
    return key in GENERATED_KEYS or key.startswith("place/")
