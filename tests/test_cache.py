"""The build cache and parallel rendering never change a byte of the output."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from conftest import CLOCK, build, tree

from benchmarks import synth
from generator.clock import Clock, parse_clock
from generator.errors import ContentError
from generator.pipeline import load_site, markdown_for, outputs, theme_for
from generator.project import Project


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


def test_workers_from_a_forkserver_make_the_same_site(tmp_path: Path) -> None:
    """With a thread running (as in serve), workers come from a forkserver and get the
    site pickled: the output is the same as one process makes."""
    import threading

    from generator import parallel
    from generator.commands.build import build as build_in_process

    project = tmp_path / "synth"
    synth.generate(project, 90)
    serial = tmp_path / "serial"
    assert build(project, serial, CLOCK, "--no-cache", "--jobs", "1").returncode == 0
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert parallel.start_method() != "fork"
        clock = Clock(parse_clock(CLOCK), "option")
        result = build_in_process(Project(project), tmp_path / "served", clock, jobs=2)
    finally:
        stop.set()
        thread.join()
    assert result.rendered > 300
    assert tree(serial) == tree(tmp_path / "served")


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


def test_build_that_reads_bodies_again_equals_one_that_keeps_them(tmp_path: Path) -> None:
    """`build` keeps no Markdown bodies in memory; the output is what an in-memory render gives."""
    project = tmp_path / "synth"
    synth.generate(project, 40)
    windows = sorted(project.glob("content/*/*/side-*.md"))[:6]
    assert len(windows) == 6
    for i, page in enumerate(windows):
        text = page.read_text(encoding="utf-8").replace("\n", "\r\n")  # as saved on Windows
        page.write_bytes(("\ufeff" if i % 2 else "").encode() + text.encode("utf-8"))
    out = tmp_path / "site"
    assert build(project, out, CLOCK).returncode == 0
    loaded = load_site(Project(project), Clock(parse_clock(CLOCK), "option"))  # bodies kept
    assert loaded.site is not None
    assert all(p.source.body for p in loaded.site.pages if p.source)
    in_memory = {f.path: f.data for f in outputs(loaded.site, theme_for(Project(project)))}
    published = tree(out)
    assert published.pop(".notices-site")  # the marker a build writes (generator.outdir)
    built = {path: data for path, data in published.items() if not path.startswith("search/")}
    assert in_memory == built  # the search index is made from these files (test_search.py)


def test_page_changed_after_loading_is_an_error_not_a_mixed_site(mini: Path) -> None:
    loaded = load_site(Project(mini), Clock(parse_clock(CLOCK), "option"), keep_bodies=False)
    assert loaded.site is not None
    page = next(p for p in loaded.site.pages if p.source and p.source.rel == "om")
    markdown = markdown_for(loaded.site, None, mini)
    assert "<p>" in markdown(page)  # read from the file, which is unchanged
    om = mini / "content/nb/om.md"
    om.write_text(om.read_text() + "\nEndra medan bygget køyrde.\n")
    with pytest.raises(ContentError) as caught:
        markdown_for(loaded.site, None, mini)(page)
    again = pickle.loads(pickle.dumps(caught.value))  # as it travels from a worker process
    assert [f.format() for f in again.findings] == [
        "content/nb/om.md: error: The page was changed or removed while the site was being "
        "built. Run the build again."]


@pytest.mark.parametrize("library", ["babel", "tzdata", "markdown", "jinja2", "pyyaml", "nh3"])
def test_a_library_upgrade_means_a_new_cache(library: str, monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    from importlib import metadata

    from generator import cache

    before = cache.code_fingerprint()
    real = metadata.version
    monkeypatch.setattr(metadata, "version",
                        lambda name: "99.0" if name == library else real(name))
    after = cache.code_fingerprint()
    assert after != before
    old = cache.BuildCache.open(tmp_path)
    assert old.path.name == f"build-{after}.sqlite"


def test_python_version_is_in_the_cache_fingerprint() -> None:
    import sys

    from generator import cache

    assert f"python CPython {sys.version.split()[0]}" in cache.library_versions() or \
        sys.implementation.name != "cpython"
