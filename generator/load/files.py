"""Read content files safely: UTF-8 only, size-limited, inside the project."""

from __future__ import annotations

from pathlib import Path

MAX_BYTES = 2 * 1024 * 1024  # a notice is a few KB; 2 MB is far beyond any real page


class FileProblem(Exception):
    def __init__(self, message: str, hint: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.line = line


def inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def read_text(path: Path, root: Path) -> str:
    """The file's text with a BOM removed and line ends made `\\n`."""
    if path.is_symlink() and not inside(path, root):
        raise FileProblem("This is a link to a file outside the project.",
                          "Copy the file into content/ instead of linking to it.")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise FileProblem(f"The file is {size // (1024 * 1024)} MB; the limit is "
                          f"{MAX_BYTES // (1024 * 1024)} MB.",
                          "Split it up, or remove what was pasted in by mistake.")
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileProblem("The file is saved as UTF-16.",
                          "Save it as UTF-8 (in most editors: 'Save with encoding' → UTF-8).")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise FileProblem("The file contains NUL bytes, so it is not a text file.",
                          "Remove the file, or save it again as plain UTF-8 text.", line)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        looks = "Latin-1 (ISO-8859-1) or Windows-1252" if _latin1_like(raw) else "not UTF-8"
        raise FileProblem(f"The file is not UTF-8; it looks like {looks}.",
                          "Save it again with the encoding UTF-8.", line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _latin1_like(raw: bytes) -> bool:
    return any(b in raw for b in (b"\xe6", b"\xf8", b"\xe5", b"\xc6", b"\xd8", b"\xc5"))
