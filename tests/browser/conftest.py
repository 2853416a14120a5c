"""The browser suite: build a site, serve it on 127.0.0.1, open it in headless Chromium.

One browser for the whole session.  When a tool is missing the tests skip
locally with the reason, and fail in CI (CI=true), so a green CI run always
means the pages were really opened.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_NPM = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
BROWSER_CLOCK = "2023-10-30T12:00"  # for small test projects: W1's reductions are ongoing
# Three moments around Romsdal's go-live (PD5, 3 November 2023) and Rauma's reductions
# (27 October–31 December 2023): before them, during them, and after them (KI 1 live too).
CLOCKS = {"before": "2023-10-20T12:00", "during": "2023-11-10T12:00",
          "after": "2024-06-01T12:00"}


def _missing() -> list[str]:
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the Python package playwright")
    if not shutil.which("java"):
        missing.append("java (for vnu)")
    if not VNU_JAR.exists():
        missing.append(f"{VNU_JAR.relative_to(ROOT)} (npm install --ignore-scripts)")
    if axe_path() is None:
        missing.append("axe-core (npm axe-core or PyPI axe-playwright-python)")
    return missing


def axe_path() -> Path | None:
    if AXE_NPM.exists():
        return AXE_NPM
    try:
        import axe_playwright_python
    except ImportError:
        return None
    bundled = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    return bundled if bundled.exists() else None


@pytest.fixture(scope="session")
def tools() -> None:
    missing = _missing()
    if missing:
        reason = ("browser tools missing: " + "; ".join(missing)
                  + " — run: bash scripts/install-test-deps.sh")
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (API name)
        pass


@functools.cache
def _serve(folder: Path) -> str:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def serve(folder: Path) -> str:
    """Serve a folder for the rest of the session; returns the base URL."""
    return _serve(folder.resolve())


@pytest.fixture(scope="session")
def site_dir(state_sites: dict[str, Path]) -> Path:
    """The site most tests open: the «during» build (banners, tables and notices show)."""
    return state_sites["during"]


@pytest.fixture(scope="session")
def state_sites(tools: None, default_site_at: Callable[[str], Path]) -> dict[str, Path]:
    """The default site built once per moment of `CLOCKS`, shared by the whole session
    (and with the other tests that build the default site at the same clock)."""
    return {state: default_site_at(clock) for state, clock in CLOCKS.items()}


@pytest.fixture(scope="session")
def state_urls(state_sites: dict[str, Path]) -> dict[str, str]:
    """Base URL per moment: each built site served on its own port."""
    return {state: serve(folder) for state, folder in state_sites.items()}


@pytest.fixture(scope="session")
def vnu_run(state_sites: dict[str, Path]) -> Iterator[subprocess.Popen]:
    """Start the HTML checker at once: it runs on the other core while the browser works.
    One Java run checks the site at all three clocks."""
    folders = [str(folder) for folder in state_sites.values()]
    proc = subprocess.Popen(["java", "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html",
                             "--format", "json", "--stdout", *folders],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    yield proc
    if proc.poll() is None:
        proc.kill()
        proc.communicate()


@pytest.fixture(scope="session")
def base_url(site_dir: Path, vnu_run: subprocess.Popen) -> str:
    return serve(site_dir)


@pytest.fixture(scope="session")
def browser(tools: None) -> Iterator:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def page(browser):
    """One reusable page (JavaScript on), desktop size; tests set the viewport they need."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture(scope="session")
def axe_source(tools: None) -> str:
    path = axe_path()
    assert path is not None
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def site_pages(pages: list[str]) -> list[str]:
    """The pages a reader browses: not the standalone documents made to be embedded
    (status cards) or served by the web server on a miss (404.html), which have no
    repeated blocks to skip and are reached from other sites, not by our links."""
    return [p for p in pages if not p.endswith(("/card.html", "/404.html"))]


@pytest.fixture(scope="session")
def pages(site_dir: Path) -> list[str]:
    """Every HTML page of the built site, as a URL path."""
    urls = []
    for f in sorted(site_dir.rglob("*.html")):
        rel = f.relative_to(site_dir).as_posix()
        urls.append("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return urls
