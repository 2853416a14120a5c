"""Which output folders a build may replace.

A build replaces its output folder whole, so a wrong ``--out`` would delete
whatever it names.  `check_out` refuses, before anything is loaded:

* a folder that is the project root, content/, templates/ or locale/, contains
  one of them, or lies inside content/, templates/ or locale/;
* a path that names a file, or a link (the swap would replace the link);
* a non-empty folder that a build did not make.

A build writes the marker file `MARKER` into every site it publishes.  A site
built before markers existed is recognised by its ``build-state.json`` (written
by every build since the first release, with "generator" and "clock" keys), and
gets the marker on its next build.  Anything else must be emptied or removed by
hand first (MkDocs refuses the same in its config validation: ``site_dir``
inside ``docs_dir``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from generator.errors import Message, msg

MARKER = ".notices-site"
MARKER_TEXT = b"This folder is written by `python -m generator build`; a build replaces it.\n"
PROTECTED = ("content", "templates", "locale")


class OutputRefused(Exception):
    """Why `out` cannot be the output folder; the CLI prints it and exits 2."""

    def __init__(self, message: Message, hint: Message):
        super().__init__(f"{message} {hint}")
        self.message = message
        self.hint = hint


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_out(out: Path, root: Path) -> None:
    """Raise `OutputRefused` unless a build may replace `out` (see module docstring)."""
    if out.is_symlink():
        raise OutputRefused(msg("The output folder {out} is a link.", out=out),
                            msg("Give a real folder with --out."))
    if out.exists() and not out.is_dir():
        raise OutputRefused(msg("The output folder {out} is a file, not a folder.", out=out),
                            msg("Give a folder with --out; the file was not changed."))
    target = Path(os.path.realpath(out))
    project = Path(os.path.realpath(root))
    if _within(project, target):
        raise OutputRefused(
            msg("The output folder {out} is or holds the project folder {root}.",
                out=out, root=root),
            msg("Choose a separate folder, e.g. --out site (the default)."))
    for name in PROTECTED:
        kept = project / name
        if _within(target, kept) or _within(kept, target):
            raise OutputRefused(
                msg("The output folder {out} would replace the project's {folder}/ folder.",
                    out=out, folder=name),
                msg("Choose a separate folder, e.g. --out site (the default)."))
    if target.is_dir() and not made_by_build(target):
        raise OutputRefused(
            msg("The output folder {out} is not empty and was not made by a build.", out=out),
            msg("A build replaces the whole folder. Choose an empty or new folder, or remove "
                "this one yourself if it may go."))


def made_by_build(folder: Path) -> bool:
    """True if `folder` is empty, holds the marker, or is a site from before markers."""
    try:
        entries = os.listdir(folder)
    except OSError:
        return False
    if not entries or MARKER in entries:
        return True
    try:
        state = json.loads((folder / "build-state.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(state, dict) and {"generator", "clock"} <= state.keys()
