"""Every piece of text a resident reads that an editor wrote, per written standard.

Shared by the content tests (word forms, spelling, overlap with the sources):
page titles, descriptions and bodies under content/<lang>/, the <lang> value of
every {nb: …, nn: …} mapping in content/ (and names that are the same in both),
and the <lang> UI catalog.  Each item is (where, text); `where` names the file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from babel.messages.pofile import read_po

from generator.load.frontmatter import split

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("nb", "nn")


def strip_markdown(body: str) -> str:
    """Markdown without link targets, code or markup characters."""
    body = re.sub(r"\]\([^)]*\)", "]", body)  # link targets are addresses, not words
    body = re.sub(r"`[^`]*`", " ", body)
    return re.sub(r"(?m)^\s*(#+|[-*+]|\d+\.)\s+", "", body)


def page_texts(lang: str) -> list[tuple[str, str]]:
    out = []
    for path in sorted((ROOT / "content" / lang).rglob("*.md")):
        page = split(path.read_text(encoding="utf-8"))
        text = "\n".join(str(page.meta.get(k) or "") for k in ("title", "description"))
        out.append((path.relative_to(ROOT).as_posix(), text + "\n" + strip_markdown(page.body)))
    return out


def bilingual_values(node: Any, lang: str) -> list[str]:
    if isinstance(node, dict):
        if set(node) == {"nb", "nn"}:
            return [str(node[lang])]
        return [v for child in node.values() for v in bilingual_values(child, lang)]
    if isinstance(node, list):
        return [v for child in node for v in bilingual_values(child, lang)]
    return []


def data_files() -> list[Path]:
    return [ROOT / "content/config.yaml", *sorted((ROOT / "content/data").rglob("*.yaml"))]


def data_texts(lang: str) -> list[tuple[str, str]]:
    return [(p.relative_to(ROOT).as_posix(), v) for p in data_files()
            for v in bilingual_values(yaml.safe_load(p.read_text(encoding="utf-8")), lang)]


def catalog_texts(lang: str) -> list[tuple[str, str]]:
    """The interface strings residents read (messages to editors, `msg()` literals, left out)."""
    from scripts.messages import msg_calls

    editors = {call.msgid for call in msg_calls()}
    path = ROOT / f"locale/{lang}/LC_MESSAGES/messages.po"
    with path.open("rb") as f:
        catalog = read_po(f)
    return [(f"{path.relative_to(ROOT).as_posix()} ({m.id!r})", str(m.string))
            for m in catalog if m.id and m.string and m.id not in editors]


def all_texts(lang: str) -> list[tuple[str, str]]:
    return page_texts(lang) + data_texts(lang) + catalog_texts(lang)
