"""The lines of a content file as the editor typed them, to quote under a message.

The one place that reads a file again for its lines: `source_line` for a loader that
looks at what was typed, `quote` for the line shown under a finding
(`errors.quoted_lines`). Read only when a message is written, so loading never
keeps lines around.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

MAX_SHOWN = 200  # characters of a line a loader reads (`source_line`)
QUOTE_WIDTH = 120  # characters of a source line shown under a message
QUOTE_MAX_BYTES = 10 * 1024 * 1024  # files larger than this are not read again to quote


def read_lines(path: Path, numbers: Collection[int], inside: Path | None = None
               ) -> dict[int, str]:
    """Lines `numbers` (1-based) of `path` as `{number: text}`, without line ends; numbers
    past the end are left out.

    Lines end where `str.splitlines` ends them: at LF, CRLF and CR, and also at U+2028,
    U+2029 and NEL, as YAML counts the lines its messages name (YAML 1.1 §5.4); bytes
    that are not UTF-8 become U+FFFD. Only a file of at most `QUOTE_MAX_BYTES` is read;
    with `inside` (a resolved folder), only a regular file inside it: a finding's path
    never leads the quote outside the project. A file that cannot be read gives nothing.
    """
    wanted = {n for n in numbers if n >= 1}
    if not wanted:
        return {}
    try:
        if inside is not None:
            real = path.resolve()
            if not real.is_relative_to(inside) or not real.is_file():
                return {}
        with open(path, "rb") as handle:
            raw = handle.read(QUOTE_MAX_BYTES + 1)
    except (OSError, ValueError):
        return {}
    if len(raw) > QUOTE_MAX_BYTES:
        return {}
    lines = raw.decode("utf-8-sig", "replace").splitlines()
    return {n: lines[n - 1] for n in wanted if n <= len(lines)}


def cut(text: str, width: int, mark: str = "…") -> str:
    """`text` if it has at most `width` characters, else its first `width` and `mark`."""
    return text if len(text) <= width else text[:width] + mark


def source_line(path: Path, line: int | None) -> str | None:
    """Line `line` (1-based) of `path` without its line end (cut at `MAX_SHOWN` characters),
    or None if there is none.
    """
    if not line:
        return None
    text = read_lines(path, (line,)).get(line)
    return None if text is None else cut(text, MAX_SHOWN)


def quote(text: str | None) -> str | None:
    """A line as shown under a finding: trailing blanks dropped, cut at `QUOTE_WIDTH` with
    ' …'; None for a blank or missing line (nothing to show)."""
    if text is None or not text.strip():
        return None
    return cut(text.rstrip(), QUOTE_WIDTH, " …")
