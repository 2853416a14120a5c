"""Read content files safely: UTF-8 only, size-limited, inside the project."""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.errors import Message, msg

MAX_BYTES = 2 * 1024 * 1024  # a notice is a few KB; 2 MB is far beyond any real page


class FileProblem(Exception):
    def __init__(self, message: Message, hint: Message | None = None, line: int | None = None):
        super().__init__(str(message))
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
        raise FileProblem(msg("This is a link to a file outside the project."),
                          msg("Copy the file into content/ instead of linking to it."))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise FileProblem(msg("The file is {size} MB; the limit is {limit} MB.",
                                  size=format(size / (1024 * 1024), ".0f"),
                                  limit=MAX_BYTES // (1024 * 1024)),
                              msg("Split it up, or remove what was pasted in by mistake."))
        raw = path.read_bytes()
    except OSError as exc:
        raise FileProblem(msg("The file cannot be read ({problem}).",
                              problem=exc.strerror or exc),
                          msg("Check that it exists and is a normal file (a link may be "
                              "broken).")) from None
    wide = _wide_encoding(raw)
    if wide:
        raise FileProblem(msg("The file is saved as {encoding}, not UTF-8.", encoding=wide),
                          msg("Save it as UTF-8 (in most editors: 'Save with encoding' → "
                              "UTF-8)."))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise FileProblem(msg("The file contains NUL bytes, so it is not a text file."),
                          msg("Remove the file, or save it again as plain UTF-8 text."), line)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        if _latin1_like(raw):
            message = msg("The file is not UTF-8; it looks like Latin-1 (ISO-8859-1) or "
                          "Windows-1252.")
        else:
            message = msg("The file is not UTF-8 (byte {byte} cannot be read).",
                          byte=format(raw[exc.start], "#04x"))
        raise FileProblem(message, msg("Save it again with the encoding UTF-8."),
                          line) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = CONTROL_RE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise FileProblem(msg("The file contains an invisible control character ({code}).",
                              code="U+" + format(ord(bad.group()), "04X")),
                          msg("Delete it: retype the line, or paste the text as plain text."),
                          line)
    return text


# What YAML refuses (and what is not allowed in HTML): C0/C1 controls except tab and
# line ends, and the two non-characters U+FFFE/U+FFFF.
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def _wide_encoding(raw: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' when the bytes are clearly saved that way, else None."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    sample = raw[:400]
    if len(sample) >= 4 and sample.count(b"\x00") * 3 >= len(sample):
        half = len(sample) // 2
        if sample[1::2].count(0) >= half * 0.8 or sample[0::2].count(0) >= half * 0.8:
            return "UTF-16"
    return None


def _latin1_like(raw: bytes) -> bool:
    """Norwegian letters or Windows quotes as single bytes: Latin-1 / Windows-1252."""
    return any(b in raw for b in (b"\xe6", b"\xf8", b"\xe5", b"\xc6", b"\xd8", b"\xc5",
                                  b"\x93", b"\x94", b"\x96", b"\x97", b"\x92"))


def list_files(base: Path, content: Path) -> tuple[list[Path], list[Path]]:
    """Files under `base`, sorted, and the links that are refused.

    Linked folders are never followed, and a linked file must stay inside
    content/; both are returned as refused so the editor is told, instead of a
    page silently missing or a file from elsewhere being published.  Hidden
    files and folders (names starting with '.') are skipped.
    """
    if not base.is_dir():
        return [], []
    if not inside(base, content):
        return [], [base]
    files: list[Path] = []
    refused: list[Path] = []
    for folder, dirs, names in os.walk(base, followlinks=False):
        here = Path(folder)
        for name in sorted(dirs):
            if (here / name).is_symlink() and not name.startswith("."):
                refused.append(here / name)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and
                         not (here / d).is_symlink())
        for name in names:
            path = here / name
            if name.startswith("."):
                continue
            if path.is_symlink() and not inside(path, content):
                refused.append(path)
            else:
                files.append(path)
    return sorted(files), sorted(refused)
