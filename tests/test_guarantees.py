"""What a bad evening cannot do: break site/, leave half a site, or build differently.

* a failing build exits non-zero and leaves the previous site/ byte-for-byte;
* a build killed while writing (SIGKILL) leaves site/ as it was, and the next
  build removes what the killed one left behind;
* two builds from the same input and clock are byte-identical whatever the
  hash seed, working folder, locale or time zone of the machine;
* a project's own templates cannot reach files outside templates/.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jinja2
import pytest
from conftest import CLOCK, ROOT, build, cli_env, tree

from generator.project import Project
from generator.render.theme import load_theme


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir()
                  if p.name.startswith(f".{out.name}.") and not p.name.endswith(".lock"))


@pytest.mark.parametrize("breakage", [
    ("content/nb/om.md", "---\ntitle: Om\nmenu: [2\n---\n"),  # found while loading
    ("content/data/waves.yaml", "- id: w1\n  name: W1\n  go_live: 2023-03-26T02:30\n"),
    ("templates/content.html", "{{ no_such_value.x }}"),  # found while writing the new site
])
def test_failing_build_leaves_previous_site_byte_for_byte(mini: Path, tmp_path: Path,
                                                           breakage: tuple[str, str]) -> None:
    out = tmp_path / "site"
    assert build(mini, out).returncode == 0
    before = tree(out)
    rel, text = breakage
    (mini / rel).parent.mkdir(parents=True, exist_ok=True)
    (mini / rel).write_text(text, encoding="utf-8")
    result = build(mini, out)
    assert result.returncode == 1, result.stderr
    assert f"{rel}:" in result.stderr and "Traceback" not in result.stderr
    assert tree(out) == before
    assert leftovers(out) == []


def big_project(project: Path, places: int = 1000) -> None:
    """Enough pages that writing the site takes a noticeable moment."""
    path = project / "content/data/municipalities.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "".join(
        f"- id: m{i}\n  name: Kommune {i}\n" for i in range(places)), encoding="utf-8")


@pytest.mark.posix
def test_build_killed_while_writing_leaves_site_and_is_cleaned_up(mini: Path,
                                                                  tmp_path: Path) -> None:
    big_project(mini)
    out = tmp_path / "site"
    assert build(mini, out).returncode == 0
    before = tree(out)
    page = mini / "content/nb/om.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEn ny linje.\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--root", str(mini), "--out", str(out),
         "--clock", CLOCK], cwd=ROOT, env=cli_env(), stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        staged: list[Path] = []
        while time.monotonic() < deadline and proc.poll() is None:
            staged = [tmp_path / n for n in leftovers(out) if ".tmp-" in n]
            if staged and (staged[0] / "index.html").exists():
                break  # it is writing the new site now
            time.sleep(0.002)
        assert proc.poll() is None, "the build finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert tree(out) == before  # the reader still sees the old, whole site
    assert any(".tmp-" in n for n in leftovers(out))  # the killed build's half site
    result = build(mini, out)
    assert result.returncode == 0, result.stderr
    assert leftovers(out) == []  # cleaned up by the next build
    assert "En ny linje." in (out / "nb/om/index.html").read_text(encoding="utf-8")


def test_builds_are_identical_across_machines_settings(mini: Path, tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    base = {k: v for k, v in os.environ.items()
            if k not in ("LANG", "LC_ALL", "LC_TIME", "TZ", "PYTHONHASHSEED")}
    first = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--root", str(mini), "--out", str(a),
         "--clock", CLOCK], cwd=ROOT, capture_output=True, text=True,
        env=cli_env(dict(base, PYTHONHASHSEED="0", LANG="C", TZ="UTC")))
    assert first.returncode == 0, first.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for out, env in ((b, {"PYTHONHASHSEED": "4242", "LANG": "nb_NO.UTF-8",
                          "LC_ALL": "nn_NO.UTF-8", "TZ": "Pacific/Kiritimati"}),
                     (c, {"PYTHONHASHSEED": "random", "LANG": "en_US.UTF-8",
                          "LC_TIME": "de_DE.UTF-8", "TZ": "America/Los_Angeles"})):
        # relative --root and --out from another working folder
        result = subprocess.run(
            [sys.executable, "-m", "generator", "build",
             "--root", os.path.relpath(mini, elsewhere), "--out", os.path.relpath(out, elsewhere),
             "--clock", CLOCK], cwd=elsewhere, capture_output=True, text=True,
            env=cli_env(dict(base, **env)))
        assert result.returncode == 0, result.stderr
        assert tree(out) == tree(a)


def test_project_templates_cannot_reach_outside(mini: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.html").write_text("SECRET", encoding="utf-8")
    (mini / "templates").mkdir()
    (mini / "templates/own.html").write_text("own", encoding="utf-8")
    env = load_theme(Project(mini)).env_for("nb")
    assert env.get_template("own.html").render() == "own"
    for name in ("../secret.html", "../../secret.html", "partials/../../secret.html",
                 str(tmp_path / "secret.html")):
        with pytest.raises(jinja2.TemplateNotFound):
            env.get_template(name)
