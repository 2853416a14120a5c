"""Shared helpers: build a project folder into a temporary site and read its pages."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# `tests` (this folder, no __init__.py) must be the package `tests.conftest` is
# imported from. Some wheels (spylls 0.1.7) install a top-level `tests` package
# into site-packages, which would otherwise win over a folder without __init__.py.
if not str(next(iter(getattr(sys.modules.get("tests"), "__path__", [])), "")).startswith(
        str(ROOT)):
    _tests = types.ModuleType("tests")
    _tests.__path__ = [str(ROOT / "tests")]
    sys.modules["tests"] = _tests

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CLOCK = "2023-10-30T12:00"

# Messages to editors are Norwegian by default; tests that read their wording
# ask for the English msgids, except those that test the translations.
os.environ.setdefault("NOTICES_LANG", "en")


def cli_env(env: dict | None = None) -> dict:
    """The environment for a CLI run: this checkout's generator first on the path.

    Without it, a run from another folder imports whatever `generator` is
    installed (for example an editable install of a different checkout).
    """
    env = dict(os.environ if env is None else env)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
    # This checkout's generator, whatever `pip install -e` last pointed at (worktrees share it).
    env = dict(os.environ if env is None else env)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd or ROOT,
                          capture_output=True, text=True, env=cli_env(env), timeout=timeout)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small test project."""
    dest = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini", dest)
    return dest


def build(project: Path, out: Path, clock: str = CLOCK, *extra: str) -> subprocess.CompletedProcess:
    return run_cli("build", "--root", str(project), "--out", str(out), "--clock", clock, *extra)


def read(out: Path, url: str) -> str:
    return (out / url.strip("/") / "index.html").read_text(encoding="utf-8")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


SEARCH_SCRIPT = re.compile(r'<script type="module" src="[^"]*/assets/search\.js\?v=\w+">'
                           r'</script>')


def without_search_script(rel: str, text: str) -> str:
    """A page's HTML without the search page's own script: the one script the site runs,
    on /nb/sok/ and /nn/sok/ only (tests/test_search.py tests it)."""
    if re.fullmatch(r"(nb|nn)/sok/index\.html", rel):
        return SEARCH_SCRIPT.sub("", text, count=1)
    return text
