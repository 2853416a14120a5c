"""How to tell an editor to run a command: with the Python that is running now, written
the shortest way that starts that same Python from the editor's terminal.

    python            the name on PATH is this Python (an active virtual environment)
    py -3.12          Windows, a Python installed for all, started by the py launcher
    .venv/bin/python  a path, relative to the current folder when inside it

`python3` is not assumed: on Windows it may be the Microsoft Store's placeholder, and in
a virtual environment `python` is the environment's own (docs.python.org, "venv";
"Using Python on Windows", the py launcher).
"""

from __future__ import annotations

import ntpath
import os
import posixpath
import shutil
import sys
from collections.abc import Callable
from pathlib import Path, PureWindowsPath

from generator.errors import Whole


def python_command(executable: str | None = None, *, windows: bool | None = None,
                   which: Callable[[str], str | None] = shutil.which,
                   cwd: str | None = None, version: tuple[int, int] | None = None,
                   virtual: bool | None = None) -> str:
    """The command that starts `executable` (default `sys.executable`), for messages like
    '{python} -m generator serve'.

    The bare name where `which(name)` finds this very file (`python`, `python3`,
    `python.exe` as `python`); on Windows outside a virtual environment, `py -X.Y` when
    the launcher is there; else the path, relative to `cwd` when below it, quoted when it
    holds a space. `python` if the interpreter is unknown (embedded). The keyword
    arguments stand in for the platform, PATH, folder and version (tests).
    """
    exe = sys.executable if executable is None else executable
    if not exe:
        return "python"
    windows = os.name == "nt" if windows is None else windows
    version = version or (sys.version_info[0], sys.version_info[1])
    virtual = (sys.prefix != sys.base_prefix) if virtual is None else virtual
    path_type = PureWindowsPath if windows else Path
    name = path_type(exe).name
    stem = name[:-4] if windows and name.lower().endswith(".exe") else name
    for candidate in dict.fromkeys((stem, "python", "python3")):
        found = which(candidate)
        if found and _same(found, exe, windows):
            return candidate
    if windows and not virtual and which("py"):
        return f"py -{version[0]}.{version[1]}"
    return _quoted(_shortest(exe, cwd, windows), windows)


def _same(found: str, exe: str, windows: bool) -> bool:
    """Whether `found` starts the same Python as `exe`: the same path, or another name in
    the same folder for the same file (`python3` beside `python` in a virtual environment).

    Links are not followed further: the system's python3 that a virtual environment's
    python links to has none of the environment's packages."""
    paths = ntpath if windows else posixpath
    one, other = (paths.normcase(paths.abspath(p)) for p in (found, exe))
    if one == other:
        return True
    if paths.dirname(one) != paths.dirname(other):
        return False
    try:
        return os.path.samefile(found, exe)
    except OSError:
        return False


def _shortest(exe: str, cwd: str | None, windows: bool) -> str:
    """`exe` relative to `cwd` (default: the current folder) when it lies below it, as a path
    a shell runs (`./python`, `.\\.venv\\Scripts\\python.exe`), else as it is."""
    here = cwd if cwd is not None else os.getcwd()
    if windows:
        try:  # .\ : PowerShell runs nothing from the current folder without it
            return ".\\" + str(PureWindowsPath(exe).relative_to(PureWindowsPath(here)))
        except ValueError:
            return exe
    try:
        rel = str(Path(exe).relative_to(here))
    except ValueError:
        return exe
    return rel if "/" in rel else "./" + rel


def _quoted(path: str, windows: bool) -> str:
    """A path as typed in a terminal: in double quotes (PowerShell, cmd, sh) if it has a
    space; PowerShell also needs '& ' before a quoted command."""
    if " " not in path:
        return path
    return f'& "{path}"' if windows else f'"{path}"'


def quoted(word: str) -> str:
    """A word (a path) as typed in a terminal: in double quotes if it has a space or is
    empty (sh, PowerShell and cmd alike)."""
    return f'"{word}"' if not word or " " in word else word


def command(*words: str) -> Whole:
    """'{python} -m generator WORDS…' for this Python, e.g. `command("serve")` →
    'python -m generator serve'; a word with a space is quoted.  Whole: a message
    prints it uncut, to be copied."""
    return Whole(" ".join([python_command(), "-m", "generator", *map(quoted, words)]))
