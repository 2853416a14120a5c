"""Read content files safely: UTF-8 only, size-limited, inside the project."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from generator.errors import Message, msg

MAX_BYTES = 2 * 1024 * 1024  # a notice is a few KB; 2 MB is far beyond any real page


class FileProblem(Exception):
    def __init__(self, message: Message, hint: Message | None = None,
                 line: int | None = None, code: str = ""):
        super().__init__(str(message))
        self.message = message
        self.hint = hint
        self.line = line
        self.code = code


def inside(path: Path, root: Path) -> bool:
    """True if `path`, links followed, is `root` or under it (False for a link loop)."""
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a link loop (Python 3.11)
        return False


def _target(path: Path) -> os.stat_result | None:
    """stat of what `path` leads to; None for a broken link or a link loop."""
    try:
        return path.stat()
    except (OSError, RuntimeError):
        return None


def describe_refused(path: Path, where: str = "content/",
                     outside: str = "content/") -> tuple[Message, Message]:
    """Message and hint for a path `list_files` or `escaping_links` refused; `where` is
    the folder to copy files into, `outside` what a link may not leave."""
    if path.is_symlink():
        if _target(path) is None:
            return (msg("This link leads nowhere: it is broken or loops back to itself."),
                    msg("Remove the link, or copy the file it should lead to into {where}.",
                        where=where))
        return (msg("This is a link to a folder, or to a file outside {outside}; links are not "
                    "followed.", outside=outside),
                msg("Copy the files into {where} instead of linking to them.", where=where))
    if path.is_dir():
        return (msg("This folder cannot be read, so everything in it would be missing from "
                    "the site."),
                msg("Give the folder read permission (or remove it if it is not needed)."))
    return (msg("This is not a normal file (a FIFO, device or socket), so it is not read."),
            msg("Remove it, or replace it with a normal text file."))


def read_text(path: Path, root: Path) -> str:
    """The file's text with a BOM removed and line ends made `\\n`.

    Only a regular file is read: a FIFO would block and a device never end.
    """
    if path.is_symlink() and not inside(path, root):
        raise FileProblem(msg("This is a link to a file outside the project."),
                          msg("Copy the file into content/ instead of linking to it."))
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            refused, hint = describe_refused(path)
            raise FileProblem(refused, hint, code="not-a-file")
        size = info.st_size
        if size > MAX_BYTES:
            raise FileProblem(msg("The file is {size} MB; the limit is {limit} MB.",
                                  size=format(size / (1024 * 1024), ".0f"),
                                  limit=MAX_BYTES // (1024 * 1024)),
                              msg("Split it up, or remove what was pasted in by mistake."))
        raw = path.read_bytes()
    except RuntimeError:  # a link loop (Python 3.11)
        refused, hint = describe_refused(path)
        raise FileProblem(refused, hint, code="bad-link") from None
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
    if "&#" in text:
        _refuse_bad_references(text)
    return text


_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,16}))(?![0-9a-fA-F]);?")


def _refuse_bad_references(text: str) -> None:
    """Refuse character references that name no character a page may hold.

    ``&#0;``, surrogates, numbers past U+10FFFF and the control characters of
    `CONTROL_RE` (U+0080–U+009F included: browsers show them as Windows-1252
    letters, so the text would change meaning) make a feed unreadable or a page
    show something else (HTML Living Standard, "numeric character reference end
    state"; XML 1.0 §2.2 Char).
    """
    for m in _CHAR_REF.finditer(text):
        code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF or \
                CONTROL_RE.match(chr(code)):
            line = text.count("\n", 0, m.start()) + 1
            raise FileProblem(msg("The character reference '{ref}' names no character that "
                                  "can be shown.", ref=m.group()),
                              msg("Remove it, or write the character itself."), line,
                              code="bad-character-reference")


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
    """Files under `base`, sorted, and the paths that are refused.

    Refused (so the editor is told, instead of a page silently missing or a file
    from elsewhere being published): linked folders (never followed), links that
    lead outside content/, nowhere or in a loop, folders that cannot be read,
    and anything that is not a regular file (FIFO, device, socket).  Use
    `describe_refused` for the message.  Hidden files and folders (names
    starting with '.') are skipped.
    """
    if not base.is_dir():
        return [], []
    if not inside(base, content):
        return [], [base]
    files: list[Path] = []
    refused: list[Path] = []

    def unreadable(error: OSError) -> None:
        refused.append(Path(error.filename) if error.filename else base)

    for folder, dirs, names in os.walk(base, followlinks=False, onerror=unreadable):
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
            target = _target(path)
            if target is None or (path.is_symlink() and not inside(path, content)) or \
                    not stat.S_ISREG(target.st_mode):
                refused.append(path)
            else:
                files.append(path)
    return sorted(files), sorted(refused)


def escaping_links(folder: Path, root: Path) -> list[Path]:
    """Links in `folder` (or `folder` itself) that lead outside `root`, nowhere or in a
    loop, and entries that are not regular files or folders; sorted.  Used for the
    project's templates/, static files and locale/ (a link there would publish or
    run a file of the build machine, e.g. /proc/self/environ)."""
    if not os.path.lexists(folder):
        return []
    if folder.is_symlink() and not inside(folder, root):
        return [folder]
    found: list[Path] = []

    def unreadable(error: OSError) -> None:
        found.append(Path(error.filename) if error.filename else folder)

    for here, dirs, names in os.walk(folder, followlinks=False, onerror=unreadable):
        for name in [*dirs, *names]:
            path = Path(here) / name
            target = _target(path)
            if target is None or (path.is_symlink() and not inside(path, root)) or \
                    not (stat.S_ISREG(target.st_mode) or stat.S_ISDIR(target.st_mode)):
                found.append(path)
        dirs[:] = [d for d in dirs if not (Path(here) / d).is_symlink()]
    return sorted(found)
