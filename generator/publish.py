"""Write a build atomically: into a fresh folder beside the target, then swap.

A failed or killed build never touches the published folder; leftovers of a
killed build are removed by the next one.  On Linux the swap is one atomic
`renameat2(RENAME_EXCHANGE)`, so a reader never sees a missing or half site.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fcntl
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from generator.errors import Message, msg
from generator.render import OutputFile


class PublishError(Exception):
    """The site cannot be written; ``message`` says why, for the editor."""

    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


def safe_relative(name: str) -> PurePosixPath:
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
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


@contextlib.contextmanager
def staging(target: Path) -> Iterator[Path]:
    """Yield a fresh folder beside `target`; on success swap it in, else remove it."""
    target = target.absolute()
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    lock_path = parent / f".{target.name}.lock"
    with open(lock_path, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise PublishError(msg("Another build is writing {folder} right now; wait for it "
                                   "to finish.", folder=target)) from None
        clean_leftovers(target)
        tmp = parent / f".{target.name}.tmp-{os.getpid()}"
        tmp.mkdir()
        try:
            yield tmp
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        swap_in(tmp, target)


def swap_in(new: Path, target: Path) -> None:
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise PublishError(msg("{target} exists and is not a folder; remove it first.",
                               target=target))
    if target.exists():
        if _renameat2_exchange(new, target):
            shutil.rmtree(new, ignore_errors=True)  # `new` now holds the old site
            return
        old = target.parent / f".{target.name}.old-{os.getpid()}"
        os.rename(target, old)
        os.rename(new, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(new, target)


def clean_leftovers(target: Path) -> list[Path]:
    """Remove staging folders left by a build that was killed."""
    removed = []
    for pattern in (f".{target.name}.tmp-*", f".{target.name}.old-*"):
        for path in target.parent.glob(pattern):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed
