"""UI strings from gettext catalogs, handled with Babel.

Catalogs live in ``locale/<lang>/LC_MESSAGES/messages.po`` (the project's own
``locale/`` first, then the default theme's).  They are compiled in memory at
build time, so a stale ``.mo`` file can never be served.  Every string a build
asks for that a catalog lacks is recorded and reported as a warning.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog as BabelCatalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

DOMAIN = "messages"


def N_(msgid: str) -> str:  # noqa: N802 (gettext convention)
    """Mark a string for extraction where it is defined; translate it where it is shown."""
    return msgid


def po_path(locale_dir: Path, lang: str) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@dataclass
class Catalog:
    """Translations for one language, remembering what was missing."""

    lang: str
    messages: dict[str, str]
    plural: Translations | None = None
    missing: set[str] = field(default_factory=set)

    def gettext(self, msgid: str) -> str:
        text = self.messages.get(msgid)
        if not text:
            self.missing.add(msgid)
            return msgid
        return text

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if self.plural is None:
            self.missing.add(singular)
            return singular if n == 1 else plural
        return self.plural.ngettext(singular, plural, n)


def read_messages(path: Path) -> dict[str, str]:
    """The translated singular messages of one .po file (fuzzy and empty ones left out)."""
    with path.open("rb") as fh:
        return _messages(read_po(fh))


def _messages(catalog: BabelCatalog) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in catalog:  # plural entries (tuples) are read through `Translations`
        if isinstance(m.id, str) and m.id and not m.fuzzy and isinstance(m.string, str) \
                and m.string:
            out[m.id] = m.string
    return out


def load_catalog(locale_dirs: list[Path], lang: str) -> Catalog:
    for directory in locale_dirs:
        path = po_path(directory, lang)
        if path.exists():
            with path.open("rb") as fh:
                catalog = read_po(fh, locale=lang)
            messages = _messages(catalog)
            buf = io.BytesIO()
            write_mo(buf, catalog)
            buf.seek(0)
            return Catalog(lang, messages, Translations(buf))
    return Catalog(lang, {})
