"""The XSS forms of issue 16 and markdown-it-py's fixture, clicked in Chromium: no dialog.

A page holding every input is built from tests/fixtures/mini and served; every
link on it is clicked (JavaScript on) and every image loads.  A control page
with one unsanitised link shows that a dialog would be seen.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import serve
from tests.conftest import CLOCK, FIXTURES, build
from tests.test_sanitize import all_inputs

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def xss_site(tools: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    project = tmp_path_factory.mktemp("xss") / "project"
    shutil.copytree(FIXTURES / "mini", project)
    body = "\n\n".join(f"## {name}\n\n{text}" for name, text in all_inputs(buildable=True).items())
    page = project / "content/nb/om.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + body + "\n", encoding="utf-8")
    out = project.parent / "site"
    result = build(project, out, CLOCK)
    assert result.returncode == 0, result.stderr
    (out / "control.html").write_text(
        '<!DOCTYPE html><title>c</title><main><a href="javascript&#58;alert(1)">x</a></main>',
        encoding="utf-8")
    return out


def click_all(page, url: str) -> list[str]:  # noqa: ANN001 (Playwright page)
    """Click every link in <main> of `url` that is not an ordinary page link (each from
    a fresh load); the messages of the dialogs that opened."""
    dialogs: list[str] = []

    def seen(dialog) -> None:  # noqa: ANN001
        dialogs.append(dialog.message)
        dialog.dismiss()

    from playwright.sync_api import Error as PlaywrightError

    def load(target: str) -> None:
        """Open `target`; a navigation a click started may still be under way: it ends
        first (Playwright stops a goto it interrupts), then `target` is opened again."""
        for _ in range(3):
            try:
                page.goto(target)
                return
            except PlaywrightError as exc:
                if "interrupted by another navigation" not in str(exc):
                    raise
                page.wait_for_load_state("load")
        page.goto(target)

    page.on("dialog", seen)
    try:
        load(url)
        hrefs = page.evaluate("() => [...document.querySelectorAll('main a')]"
                              ".map(a => a.getAttribute('href'))")
        for i, href in enumerate(hrefs):
            if href and not href.startswith("#") and "javascript" not in href.lower() and \
                    ":" not in href.split("/")[0]:
                continue  # an ordinary page link: following it proves nothing here
            if page.url != url:
                load(url)
            try:
                page.evaluate("i => document.querySelectorAll('main a')[i].click()", i)
            except PlaywrightError:  # the click navigated away: what a link may do
                pass
            page.wait_for_timeout(30)
            page.wait_for_load_state("load")  # a navigation the click started ends here
    finally:
        page.remove_listener("dialog", seen)
    return dialogs


def test_no_input_runs_script(page, xss_site: Path) -> None:  # noqa: ANN001
    base = serve(xss_site)
    assert click_all(page, f"{base}/nb/om/") == []
    assert click_all(page, f"{base}/nb/") == []


def test_control_link_would_be_seen(page, xss_site: Path) -> None:  # noqa: ANN001
    base = serve(xss_site)
    assert click_all(page, f"{base}/control.html") == ["1"]
