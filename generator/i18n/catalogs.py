"""UI strings from gettext catalogs, handled with Babel.

Catalogs live in ``locale/<lang>/LC_MESSAGES/messages.po`` (the project's own
``locale/`` first, then the default theme's).  They are compiled in memory at
build time, so a stale ``.mo`` file can never be served.  The strings a build
can show are found by reading the templates and the generator's code
(`ui_msgids`); those a catalog lacks are reported as warnings.
"""

from __future__ import annotations

import ast
import functools
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from babel.messages.catalog import Catalog as BabelCatalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

DOMAIN = "messages"


def N_(msgid: str) -> str:  # noqa: N802 (gettext convention)
    """Mark a string for extraction where it is defined; translate it where it is shown."""
    return msgid


def po_path(locale_dir: Path, lang: str) -> Path:
    """The .po file of `lang` under `locale_dir`: <lang>/LC_MESSAGES/messages.po."""
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@dataclass(frozen=True)
class Catalog:
    """Translations for one language (read only: rendering never changes it)."""

    lang: str
    messages: dict[str, str]
    plural: Translations | None = None
    # translations left out because their placeholders differ from the msgid's:
    # (path of the .po file, line, msgid, placeholder the msgid does not have)
    broken: list[tuple[Path, int, str, str]] = field(default_factory=list)

    def gettext(self, msgid: str) -> str:
        """The translation of `msgid`, or `msgid` itself where the catalog has none."""
        return self.messages.get(msgid) or msgid

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form for `n` by the language's CLDR plural rule (the catalog's
        Plural-Forms header); without a catalog, English singular/plural."""
        if self.plural is None:
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
    """The catalog of `lang` from the first of `locale_dirs` that has one (fuzzy entries left
    out), compiled in memory; an empty catalog if none has.
    """
    for directory in locale_dirs:
        path = po_path(directory, lang)
        if path.exists():
            with path.open("rb") as fh:
                catalog = read_po(fh, locale=lang)
            broken: list[tuple[Path, int, str, str]] = []
            for message in catalog:
                stray = _stray_placeholder(message.id, message.string) if message.id else None
                if stray:  # left untranslated, and reported by the build and `check`
                    broken.append((path, message.lineno or 0, _first(message.id), stray))
                    message.string = ("", "") if isinstance(message.id, tuple) else ""
            messages = _messages(catalog)
            buf = io.BytesIO()
            write_mo(buf, catalog)
            buf.seek(0)
            return Catalog(lang, messages, Translations(buf), broken=broken)
    return Catalog(lang, {})


_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdifr]|\{(\w+)\}")


def placeholders(text: str) -> set[str]:
    """Names of ``%(name)s`` and ``{name}`` placeholders in `text`."""
    return {a or b for a, b in _PLACEHOLDER.findall(text)}


def _first(value: str | tuple[str, ...] | list[str]) -> str:
    return value if isinstance(value, str) else value[0]


def _stray_placeholder(msgid: str | tuple[str, ...] | list[str],
                       msgstr: object) -> str | None:
    """A placeholder of the translation that the msgid does not have (a misspelt one
    would crash the build where the text is filled in), else None."""
    ids = (msgid,) if isinstance(msgid, str) else tuple(msgid)
    known = set().union(*(placeholders(i) for i in ids))
    strings = msgstr if isinstance(msgstr, tuple | list) else (msgstr,)
    for text in strings:
        for name in sorted(placeholders(text or "") - known):
            return name
    return None
GETTEXT_NAMES = frozenset({"_", "gettext", "ngettext", "N_"})


def ui_msgids(env: jinja2.Environment) -> frozenset[str]:
    """Every UI msgid a build can show: those in the templates `env` loads (each
    template name once, the project's own before the default theme's, as Jinja's
    i18n extension extracts them; static/ holds files, not templates, and a
    template with a syntax error is left to the build's error) and those the
    generator's Python code marks."""
    ids: set[str] = set(code_msgids())
    for name in env.list_templates(filter_func=lambda n: not n.startswith("static/")):
        try:
            source = env.loader.get_source(env, name)[0] if env.loader else ""
        except UnicodeDecodeError:
            continue  # not text, so not a template (an image beside them)
        try:
            found = list(env.extract_translations(source))  # type: ignore[attr-defined]
        except jinja2.TemplateSyntaxError:
            continue  # reported with its file and line where the build renders it
        for _line, _func, message in found:
            first = message if isinstance(message, str) else next(iter(message), None)
            if isinstance(first, str) and first:
                ids.add(first)
    return frozenset(ids)


@functools.cache
def code_msgids() -> frozenset[str]:
    """Literal first arguments of `_`, `gettext`, `ngettext` and `N_` calls in the
    generator package (its code does not change while it runs, hence the cache)."""
    ids: set[str] = set()
    for path in sorted(Path(__file__).resolve().parent.parent.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if not any(mark in source for mark in ("gettext(", "N_(", "._(", " _(")):
            continue
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else \
                func.attr if isinstance(func, ast.Attribute) else ""
            first = node.args[0]
            if name in GETTEXT_NAMES and isinstance(first, ast.Constant) and \
                    isinstance(first.value, str):
                ids.add(first.value)
    return frozenset(ids)
