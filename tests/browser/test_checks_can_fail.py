"""The checks are not green by construction: a deliberately broken page makes them fail."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser.audit import axe_violations, crawl, layout_shift, scroll_width
from tests.browser.conftest import BROWSER_CLOCK, serve
from tests.conftest import FIXTURES, build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def broken_site(tools: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small test project with the broken theme of tests/fixtures/broken/templates/."""
    project = tmp_path_factory.mktemp("broken") / "project"
    shutil.copytree(FIXTURES / "mini", project)
    shutil.copytree(FIXTURES / "broken" / "templates", project / "templates")
    (project / "content" / "nb" / "om.md").write_text(
        "---\ntitle: Om siden\nmenu: 2\n---\nEt bilde uten tekst: ![](/assets/pixel.png)\n\n"
        "[Lenke til en side som ikke finnes](/nb/finnes-ikke/)\n", encoding="utf-8")
    out = project / "site"
    result = build(project, out, BROWSER_CLOCK)
    assert result.returncode == 0, result.stderr
    return out


def test_axe_reports_missing_alt_text_and_low_contrast(page, broken_site, axe_source):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(serve(broken_site) + "/nb/om/", wait_until="load")
    found = {v["id"] for v in axe_violations(page, axe_source)}
    assert {"image-alt", "color-contrast"} <= found, found


def test_reflow_check_sees_the_wide_box(page, broken_site):
    page.set_viewport_size({"width": 320, "height": 640})
    try:
        page.goto(serve(broken_site) + "/nb/om/", wait_until="load")
        assert scroll_width(page) > 320
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_crawl_reports_the_dead_link(broken_site):
    result = crawl(serve(broken_site))
    assert any(line.startswith("/nb/finnes-ikke/ (404)") for line in result.broken()), \
        result.broken()


def test_layout_shift_check_sees_content_that_moves_after_parsing(page, broken_site):
    (broken_site / "shift.html").write_text(
        "<!doctype html><html lang=nb><title>Skift</title><p id=a>Først</p>"
        "<p>Tekst som flyttar seg.</p><script>setTimeout(() => { const p = "
        "document.createElement('p'); p.style.height = '300px'; p.textContent = 'Seint'; "
        "document.body.prepend(p); }, 100)</script>", encoding="utf-8")
    page.goto(serve(broken_site) + "/shift.html", wait_until="load")
    page.wait_for_timeout(200)
    assert layout_shift(page) > 0
