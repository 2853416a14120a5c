"""Write a build atomically: into a fresh folder beside the target, then swap.

A failed or killed build never touches the published folder; leftovers of a
killed build are removed by the next one.  One build at a time writes a folder:
a lock file beside it (the `filelock` package: `fcntl.flock` on Linux and macOS,
`msvcrt.locking` on Windows) makes a second build stop with a message.

The swap: on Linux it is one atomic `renameat2(RENAME_EXCHANGE)`, so a reader
never sees a missing or half site.  Elsewhere (macOS, Windows, or a Linux file
system without it) it is the documented safe sequence

1. rename site/ to .site.old-PID (same folder, so the rename is atomic);
2. rename the new folder to site/ — if this fails, rename .site.old-PID back;
3. remove .site.old-PID.

Between 1 and 2 a reader may briefly find no site/, but never a half one; a
build killed in between leaves only .site.old-PID, which the next build
renames back to site/ before it starts (the old site is never lost).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

import filelock

from generator.errors import Message, msg
from generator.outdir import MARKER, MARKER_TEXT
from generator.render import OutputFile


class PublishError(Exception):
    """The output folder cannot be written; `message` says why in plain words."""

    def __init__(self, message: str | Message, hint: str | Message | None = None):
        super().__init__(str(message))
        self.message = message
        self.hint = hint


def safe_relative(name: str) -> PurePosixPath:
    """`name` as a relative path inside the output folder; raises PublishError for an absolute
    path, '..' or an empty name.
    """
    rel = PurePosixPath(name)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise PublishError(msg("Refusing to write outside the output folder: {name}",
                               name=repr(name)))
    return rel


def write_tree(folder: Path, files: Iterable[OutputFile]) -> dict[str, int]:
    """Write every file under `folder`; returns counts per top-level folder."""
    seen: set[str] = set()
    counts: dict[str, int] = {}
    made: set[Path] = set()
    for item in files:
        rel = safe_relative(item.path)
        key = rel.as_posix()
        if key in seen:
            raise PublishError(msg("Two outputs want the same file: {name}", name=key))
        seen.add(key)
        target = folder.joinpath(*rel.parts)
        if not item.written and target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if item.written:
            pass  # already written into `folder` by the renderer (e.g. a worker process)
        elif item.reuse is None:
            target.write_bytes(item.data)
        else:
            _link(Path(item.reuse), target)
        top = rel.parts[0] if len(rel.parts) > 1 else ""
        counts[top] = counts.get(top, 0) + 1
    return counts


def _link(source: Path, target: Path) -> None:
    """Hard-link an unchanged file from the previous site (copy it if links fail)."""
    try:
        os.link(source, target)
    except OSError:
        try:
            shutil.copyfile(source, target)
        except OSError as exc:
            raise PublishError(msg("Cannot reuse {file}: {problem}", file=source,
                                   problem=exc.strerror)) from None


def _renameat2_exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically (Linux ≥ 3.15, glibc ≥ 2.28); False where not possible."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result: int = fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


@contextlib.contextmanager
def staging(target: Path) -> Iterator[Path]:
    """Yield a fresh folder beside `target`; on success swap it in, else remove it."""
    target = target.absolute()
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(parent / f".{target.name}.lock", timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise PublishError(msg("Another build is running: it is writing {out} right now.",
                               out=target),
                           msg("Wait for it to finish, then build again.")) from None
    try:
        clean_leftovers(target)
        tmp = parent / f".{target.name}.tmp-{os.getpid()}"
        tmp.mkdir()
        try:
            yield tmp
            (tmp / MARKER).write_bytes(MARKER_TEXT)
            swap_in(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    finally:
        lock.release()


def swap_in(new: Path, target: Path) -> None:
    """Replace folder `target` with `new`: atomically with renameat2(RENAME_EXCHANGE) on Linux,
    else by two renames; raises PublishError if `target` is a file or a link.
    """
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise PublishError(msg("{target} exists and is not a folder; remove it first.",
                               target=target))
    if target.exists():
        if _renameat2_exchange(new, target):
            shutil.rmtree(new, ignore_errors=True)  # `new` now holds the old site
            return
        old = target.parent / f".{target.name}.old-{os.getpid()}"
        os.rename(target, old)
        try:
            os.rename(new, target)
        except OSError:
            os.rename(old, target)  # put the old site back before reporting
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(new, target)


def clean_leftovers(target: Path) -> list[Path]:
    """Remove staging folders left by a build that was killed.

    If the kill came between the two renames of the fallback swap (no `target`,
    an old site beside it), the old site is first put back.
    """
    removed = []
    olds = sorted(target.parent.glob(f".{target.name}.old-*"))
    if olds and not os.path.lexists(target):
        os.rename(olds[-1], target)
    for pattern in (f".{target.name}.tmp-*", f".{target.name}.old-*"):
        for path in target.parent.glob(pattern):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed
