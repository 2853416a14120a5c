"""The dependency map of `serve`: which pages an edit re-renders."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import CLOCK

from generator.clock import resolve_clock
from generator.incremental import Engine
from generator.pipeline import load_site
from generator.project import Project
from generator.rebuild import plan
from generator.site import Site


def site_of(project: Path) -> Site:
    loaded = load_site(Project(project), resolve_clock(CLOCK))
    assert loaded.site is not None, loaded.report.findings
    return loaded.site


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    path.write_text(path.read_text().replace(old, new, 1))


def urls(p) -> set[str]:
    return {page.url for page in p.pages}


def test_editing_a_page_renders_it_and_the_pages_linking_to_it(mini: Path) -> None:
    old = site_of(mini)
    edit(mini, "content/nb/om.md", "Tekst på bokmål.", "Ny tekst.")
    p = plan(old, site_of(mini), ["content/nb/om.md"])
    assert not p.full
    # the page, its fallback in Nynorsk, and the front pages whose Markdown links to them
    assert urls(p) == {"nb/om/", "nn/om/", "nb/", "nn/"}
    assert not p.machine  # feeds and the sitemap do not show a plain page's text


def test_editing_an_announcement_renders_lists_and_municipality_pages(mini: Path) -> None:
    (mini / "content/nb/kunngjoringer/index.md").write_text(
        "---\ntitle: Kunngjøringer\nlist: announcements\n---\nAlle.\n")
    old = site_of(mini)
    edit(mini, "content/nb/kunngjoringer/alfa-start.md", "title: Alfa starter",
         "title: Alfa har startet")
    p = plan(old, site_of(mini), ["content/nb/kunngjoringer/alfa-start.md"])
    assert not p.full
    assert urls(p) == {"nb/kunngjoringer/alfa-start/", "nn/kunngjeringar/alfa-start/",
                       "nb/kunngjoringer/", "nn/kunngjoringer/",  # the list (and its fallback)
                       "nb/kommuner/alfa/", "nn/kommunar/alfa/"}
    assert "nb/kommuner/beta/" not in urls(p) and "nb/tidslinje/" not in urls(p)


def test_data_and_menu_changes_rebuild_everything(mini: Path) -> None:
    old = site_of(mini)
    edit(mini, "content/data/municipalities.yaml", "inhabitants: 12000", "inhabitants: 12001")
    p = plan(old, site_of(mini), ["content/data/municipalities.yaml"])
    assert p.full and len(p.pages) == len(old.pages)
    assert plan(old, old, ["templates/base.html"]).full
    edit(mini, "content/nb/om.md", "title: Om siden", "title: Om oss")  # a menu entry
    assert plan(old, site_of(mini), ["content/nb/om.md"]).full


def test_removed_page_is_deleted_and_its_translation_rendered(mini: Path) -> None:
    old = site_of(mini)
    (mini / "content/nn/kunngjeringar/alfa-start.md").unlink()
    p = plan(old, site_of(mini), ["content/nn/kunngjeringar/alfa-start.md"])
    assert not p.full
    assert "nn/kunngjeringar/alfa-start/index.html" in p.removed
    assert {"nb/kunngjoringer/alfa-start/", "nn/kunngjoringer/alfa-start/"} <= urls(p)


def test_engine_rewrites_only_affected_files(mini: Path) -> None:
    from generator.incremental import Engine

    out = mini / ".cache" / "preview"
    engine = Engine(Project(mini), out, resolve_clock(CLOCK))
    assert engine.update().ok
    timeline = out / "nb/tidslinje/index.html"
    stamp = timeline.stat().st_mtime_ns
    edit(mini, "content/nb/om.md", "Tekst på bokmål.", "Endret tekst.")
    outcome = engine.poll()
    assert outcome is not None and outcome.ok and not outcome.plan.full
    assert "Endret tekst." in (out / "nb/om/index.html").read_text()
    assert timeline.stat().st_mtime_ns == stamp
    assert engine.poll() is None  # nothing changed since


def test_benchmark_runs(tmp_path: Path) -> None:
    import subprocess
    import sys

    from conftest import ROOT

    result = subprocess.run([sys.executable, str(ROOT / "benchmarks/serve_edit.py"),
                             "--pages", "15", "--edits", "2"], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert "rebuilt page on disk: median" in result.stdout


def test_text_edit_of_an_announcement_leaves_lists_alone(mini: Path) -> None:
    old = site_of(mini)
    edit(mini, "content/nb/kunngjoringer/alfa-start.md", "Alfa tar i bruk systemet.",
         "Alfa tar i bruk det nye systemet.")
    p = plan(old, site_of(mini), ["content/nb/kunngjoringer/alfa-start.md"])
    assert urls(p) == {"nb/kunngjoringer/alfa-start/", "nn/kunngjeringar/alfa-start/"}
    assert p.machine  # feeds carry announcements in full


def test_broken_template_is_reported_with_its_line_and_recovers(mini: Path) -> None:
    from generator.incremental import Engine

    out = mini / ".cache" / "preview"
    engine = Engine(Project(mini), out, resolve_clock(CLOCK))
    assert engine.update().ok
    good = (out / "nb/om/index.html").read_text()
    (mini / "templates").mkdir()
    (mini / "templates/content.html").write_text('{% extends "base.html" %}\n'
                                                 "{% block main %}\n{{ body|safe }\n"
                                                 "{% endblock %}\n")
    outcome = engine.poll()
    assert outcome is not None and not outcome.ok
    assert outcome.findings[0].format().startswith("templates/content.html:3: error: ")
    assert (out / "nb/om/index.html").read_text() == good  # the last good build stays
    (mini / "templates/content.html").unlink()
    outcome = engine.poll()
    assert outcome is not None and outcome.ok and engine.errors == []


def test_edited_page_first_then_feeds_on_the_next_quiet_poll(mini: Path) -> None:
    out = mini / ".cache" / "preview"
    engine = Engine(Project(mini), out, resolve_clock(CLOCK))
    assert engine.update().ok
    page = mini / "content/nb/kunngjoringer/alfa-start.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEn helt ny setning.\n",
                    encoding="utf-8")
    outcome = engine.poll()
    assert outcome is not None and outcome.ok
    html_path = out / "nb/kunngjoringer/alfa-start/index.html"
    assert "En helt ny setning." in html_path.read_text(encoding="utf-8")
    feed = out / "nb/feed.xml"
    assert "En helt ny setning." not in feed.read_text(encoding="utf-8")  # not yet
    assert engine.poll() is None  # nothing changed: a quiet tick writes what was put off
    assert "En helt ny setning." in feed.read_text(encoding="utf-8")


def _edit_keeping_size_and_mtime(path: Path, old: str, new: str) -> None:
    assert len(old.encode()) == len(new.encode())
    st = path.stat()
    path.write_bytes(path.read_bytes().replace(old.encode(), new.encode(), 1))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (st.st_size, st.st_mtime_ns)


def test_an_edit_that_keeps_size_and_mtime_is_picked_up(mini: Path) -> None:
    out = mini / ".cache" / "preview"
    engine = Engine(Project(mini), out, resolve_clock(CLOCK))
    assert engine.update().ok
    page = mini / "content/nb/om.md"
    _edit_keeping_size_and_mtime(page, "Tekst på bokmål.", "Tekst på BOKMÅL.")
    outcome = engine.poll()  # no event: every file is compared by content
    assert outcome is not None and outcome.ok
    assert "Tekst på BOKMÅL." in (out / "nb/om/index.html").read_text()
    _edit_keeping_size_and_mtime(page, "Tekst på BOKMÅL.", "Tekst på bokmål.")
    outcome = engine.poll([str(page)])  # as serve does: only the path an event named
    assert outcome is not None and outcome.ok
    assert "Tekst på bokmål." in (out / "nb/om/index.html").read_text()
    config = mini / "content/config.yaml"
    text = config.read_text()
    config.write_text(text)  # saved again with the same text: nothing to rebuild
    assert engine.poll([str(config)]) is None
    data = next((mini / "content/data").glob("*.yaml"))
    body = data.read_text()
    name = next(line for line in body.splitlines() if "name:" in line)
    key, value = name.split(":", 1)
    _edit_keeping_size_and_mtime(data, name, f"{key}:{value.upper()}")
    outcome = engine.poll([str(data)])
    assert outcome is not None and outcome.ok and outcome.plan is not None and outcome.plan.full


def test_events_for_folders_and_hidden_files(mini: Path) -> None:
    out = mini / ".cache" / "preview"
    engine = Engine(Project(mini), out, resolve_clock(CLOCK))
    assert engine.update().ok
    (mini / "content/nb/.om.md.swp").write_text("editor's swap file")
    assert engine.poll([str(mini / "content/nb/.om.md.swp")]) is None
    folder = mini / "content/nb/nytt"
    folder.mkdir()
    (folder / "side.md").write_text("---\ntitle: Ny side\n---\nNy tekst her.\n")
    outcome = engine.poll([str(folder)])  # a folder: every file is compared
    assert outcome is not None and outcome.ok
    assert "Ny tekst her." in (out / "nb/nytt/side/index.html").read_text()
