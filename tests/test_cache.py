"""The build cache and parallel rendering never change a byte of the output."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import build, tree

from benchmarks import synth


def rendered(result) -> int:  # noqa: ANN001 (CompletedProcess)
    match = re.search(r"\((\d+) rendered", result.stdout)
    assert match, result.stdout + result.stderr
    return int(match.group(1))


def test_cached_rebuilds_equal_a_clean_build(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = build(mini, out)
    assert first.returncode == 0, first.stderr
    assert (mini / ".cache").is_dir()
    page = out / "nb/index.html"
    inode = page.stat().st_ino
    again = build(mini, out)
    assert rendered(again) == 0
    assert page.stat().st_ino == inode  # linked from the previous site, not rewritten
    om = mini / "content/nb/om.md"
    om.write_text(om.read_text() + "\nEin ny linje.\n")
    changed = build(mini, out)
    assert 0 < rendered(changed) < rendered(first)
    clean = tmp_path / "clean"
    assert build(mini, clean, "2023-10-30T12:00", "--no-cache").returncode == 0
    assert tree(out) == tree(clean)
    assert "Ein ny linje." in (out / "nb/om/index.html").read_text()


def test_front_matter_change_reaches_other_pages(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(mini, out)
    om = mini / "content/nb/om.md"
    om.write_text(re.sub(r"(?m)^title: .*$", "title: Heilt ny tittel", om.read_text()))
    assert build(mini, out).returncode == 0
    clean = tmp_path / "clean"
    build(mini, clean, "2023-10-30T12:00", "--no-cache")
    assert tree(out) == tree(clean)


def test_clock_and_template_changes_invalidate(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(mini, out)
    assert build(mini, out, "2023-11-20T12:00").returncode == 0
    clean = tmp_path / "clean"
    build(mini, clean, "2023-11-20T12:00", "--no-cache")
    assert tree(out) == tree(clean)


def test_corrupt_cache_is_ignored(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(mini, out)
    for path in (mini / ".cache").glob("build-*.sqlite*"):
        path.write_bytes(b"not a database" * 100)
    result = build(mini, out)
    assert result.returncode == 0, result.stderr
    clean = tmp_path / "clean"
    build(mini, clean, "2023-10-30T12:00", "--no-cache")
    assert tree(out) == tree(clean)


def test_parallel_equals_serial(tmp_path: Path) -> None:
    project = tmp_path / "synth"
    synth.generate(project, 90)
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    a = build(project, serial, "2023-10-30T12:00", "--no-cache", "--jobs", "1")
    b = build(project, parallel, "2023-10-30T12:00", "--jobs", "2")
    assert a.returncode == 0 and b.returncode == 0, a.stderr + b.stderr
    assert rendered(b) > 300
    assert tree(serial) == tree(parallel)
    page = next(project.glob("content/nb/kunngjoringer/side-*.md"))
    page.write_text(page.read_text() + "\nNoko nytt.\n")
    build(project, parallel, "2023-10-30T12:00", "--jobs", "2")
    build(project, serial, "2023-10-30T12:00", "--no-cache", "--jobs", "1")
    assert tree(serial) == tree(parallel)


def test_damaged_markdown_entry_is_rendered_again(mini: Path, tmp_path: Path) -> None:
    import sqlite3

    out = tmp_path / "site"
    build(mini, out)
    (db_path,) = (mini / ".cache").glob("build-*.sqlite")
    with sqlite3.connect(db_path) as db:
        db.execute("UPDATE markdown SET html = '<p>wrong</p>'")
    build(mini, out, "2023-11-20T12:00")  # a new clock: every page is rendered again
    clean = tmp_path / "clean"
    build(mini, clean, "2023-11-20T12:00", "--no-cache")
    assert tree(out) == tree(clean)
