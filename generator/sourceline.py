"""The line of a content file as the editor typed it, to quote under a message."""

from __future__ import annotations

from pathlib import Path

MAX_SHOWN = 200  # characters of a quoted line


def source_line(path: Path, line: int | None) -> str | None:
    """Line `line` (1-based) of `path` without its line end, or None if there is none.

    Read again only when a message is written, so loading never keeps lines around.
    """
    if not line or line < 1:
        return None
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            for number, text in enumerate(handle, 1):
                if number == line:
                    text = text.rstrip("\r\n")
                    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…"
    except OSError:
        return None
    return None
