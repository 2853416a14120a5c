"""Editor messages and interface strings: extract them and keep both catalogs up to date.

    python scripts/messages.py update   # extract every string into locale/messages.pot
                                        # and add the new ones to locale/nb and locale/nn
    python scripts/messages.py missing  # list msg() texts without a Bokmål or Nynorsk
                                        # translation (exit 1 if any)

`update` runs Babel (``pybabel extract`` with the keywords ``_``, ``gettext``,
``N_`` and ``msg``, then ``pybabel update``); translations already in the .po
files are kept, new entries are empty until someone translates them (the test
suite fails until then).  Run it from the project folder.
"""

from __future__ import annotations

import ast
import string
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("nb", "nn")
KEYWORDS = ("_", "gettext", "N_", "msg")


@dataclass(frozen=True)
class Literal:
    """A msg() call in the source: its msgid (None when not a literal) and where it is."""

    msgid: str | None
    path: str
    line: int
    keywords: frozenset[str]


def msg_calls(package: Path = ROOT / "generator") -> Iterator[Literal]:
    """Every ``msg(...)`` call under ``package``, read from the syntax tree."""
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else (
                node.func.attr if isinstance(node.func, ast.Attribute) else None)
            if name != "msg" or not node.args:
                continue
            first = node.args[0]
            text = first.value if isinstance(first, ast.Constant) and isinstance(
                first.value, str) else None
            keywords = frozenset(k.arg for k in node.keywords if k.arg)
            yield Literal(text, path.relative_to(ROOT).as_posix(), node.lineno, keywords)


def fields(template: str) -> set[str]:
    """The named placeholders of a str.format template; ValueError if it is malformed."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def translations(lang: str) -> dict[str, str]:
    sys.path.insert(0, str(ROOT))
    from generator.i18n.catalogs import load_catalog

    return load_catalog([ROOT / "locale"], lang).messages


def missing() -> dict[str, list[str]]:
    """Per language, the msg() texts in generator/ that its catalog does not translate."""
    ids = sorted({c.msgid for c in msg_calls() if c.msgid})
    out = {}
    for lang in LANGS:
        known = translations(lang)
        out[lang] = [i for i in ids if not known.get(i)]
    return out


def update() -> int:
    from babel.messages.frontend import CommandLineInterface

    pot = ROOT / "locale" / "messages.pot"
    keywords = [arg for k in KEYWORDS for arg in ("-k", k)]
    cli = CommandLineInterface()
    cli.run(["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), *keywords,
             "--no-location", "--sort-output", "--no-wrap", "--project", "helseplattformen-notices",
             "-o", str(pot), str(ROOT)])
    cli.run(["pybabel", "-q", "update", "-i", str(pot), "-d", str(ROOT / "locale"),
             "--no-fuzzy-matching", "--ignore-obsolete", "--no-wrap"])
    for lang, ids in missing().items():
        for msgid in ids:
            print(f"{lang}: no translation: {msgid}")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        return update()
    if argv[:1] == ["missing"]:
        gaps = missing()
        for lang, ids in gaps.items():
            for msgid in ids:
                print(f"{lang}: {msgid}")
        return 1 if any(gaps.values()) else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
