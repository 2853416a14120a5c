"""The default site in headless Chromium: WCAG 2.1 A/AA (axe), valid HTML (vnu), no broken
links, reflow at 320 px, skip link and visible focus, no JavaScript needed, screenshots."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.audit import (
    axe_violations,
    crawl,
    focused,
    format_violations,
    layout_shift,
    scroll_width,
)
from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

# Pages a reviewer looks at, by their Bokmål path.
SHOTS = {"home": "/nb/", "timeline": "/nb/tidslinje/", "rauma": "/nb/kommuner/rauma/",
         "helsami": "/nb/helsami/"}


def test_every_page_has_zero_axe_violations_and_no_third_party_requests(page, base_url, pages,
                                                                        axe_source):
    """Also: no layout shift, and every image has width and height."""
    host = urlsplit(base_url).netloc
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url)
            if urlsplit(r.url).scheme in ("http", "https") and urlsplit(r.url).netloc != host
            else None)
    page.set_viewport_size({"width": 1280, "height": 900})
    problems: list[str] = []
    for url in pages:
        page.goto(base_url + url, wait_until="load")
        problems += format_violations(url, axe_violations(page, axe_source))
        unsized = page.evaluate("""() => [...document.images].filter(i =>
            !i.getAttribute("width") || !i.getAttribute("height")).map(i => i.src)""")
        problems += [f"{url}: image without width/height: {src}" for src in unsized]
        shift = layout_shift(page)
        if shift > 0:  # a shift the page makes comes back on every load; one that a
            page.reload(wait_until="load")  # CPU-starved paint made does not
            shift = min(shift, layout_shift(page))
        if shift > 0:
            problems.append(f"{url}: layout shift {shift:.3f}")
    assert not problems, "\n".join(problems)
    assert not foreign, f"third-party requests: {sorted(set(foreign))}"


def test_no_page_scrolls_sideways_at_320px(page, base_url, pages):
    page.set_viewport_size({"width": 320, "height": 640})
    wide = []
    for url in pages:
        page.goto(base_url + url, wait_until="load")
        width = scroll_width(page)
        if width > 320:
            wide.append(f"{url}: scrollWidth {width}")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert not wide, "\n".join(wide)


def test_first_tab_focuses_the_skip_link_and_focus_is_visible(page, base_url, site_pages):
    page.set_viewport_size({"width": 1280, "height": 900})
    problems = []
    for url in site_pages:
        page.goto(base_url + url, wait_until="load")
        page.keyboard.press("Tab")
        first = focused(page)
        if not first or "skip-link" not in first["cls"]:
            problems.append(f"{url}: first Tab focused {first}")
            continue
        # The skip link, and the next few stops, show where focus is.
        for _ in range(4):
            f = focused(page)
            if f and not (f["outline"] or f["shadow"]) or f and not f["visible"]:
                problems.append(f"{url}: focus not visible on {f}")
            page.keyboard.press("Tab")
    assert not problems, "\n".join(problems)


def test_skip_link_moves_focus_to_main(page, base_url):
    page.goto(base_url + "/nb/kommuner/rauma/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_vnu_reports_no_errors_for_the_whole_site(vnu_run):
    """The site as built at each of the three clocks (before, during, after)."""
    out, err = vnu_run.communicate(timeout=300)
    messages = json.loads(out or "{}").get("messages", []) if out.strip() else []
    errors = [f"{Path(m.get('url', '')).as_posix().rsplit('/state-', 1)[-1]}:"
              f"{m.get('lastLine', '?')}: {m.get('message')}"
              for m in messages if m.get("type") == "error"]
    assert not errors, "\n".join(errors)
    assert vnu_run.returncode == 0, err[-2000:]


def test_no_internal_link_or_asset_is_broken(base_url, site_pages):
    result = crawl(base_url)
    assert not result.broken(), "\n".join(result.broken())
    reached = {p.split("?", 1)[0] for p, code in result.status.items() if code == 200}
    unreached = [p for p in site_pages if p not in reached]
    assert not unreached, f"pages no link leads to: {unreached}"


def _count(html: str, pattern: str) -> int:
    return len(re.findall(pattern, html))


def test_every_notice_and_table_is_there_without_javascript(browser, base_url, pages, site_dir):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 700})
    pg = context.new_page()
    checked = 0
    try:
        for url in pages:
            html = (site_dir / url.strip("/") / "index.html").read_text(encoding="utf-8") \
                if url.endswith("/") else (site_dir / url.strip("/")).read_text(encoding="utf-8")
            want = {sel: _count(html, pat) for sel, pat in
                    (("table", r"<table\b"), (".notice", r'class="notice[ "]'),
                     (".impact", r'class="impact[ "]'))}
            if not any(want.values()):
                continue
            pg.goto(base_url + url, wait_until="load")
            for selector, n in want.items():
                seen = pg.locator(selector)
                assert seen.count() == n, f"{url}: {selector}"
                for k in range(n):
                    box = seen.nth(k).bounding_box()
                    assert box and box["width"] > 0 and box["height"] > 0, \
                        f"{url}: {selector} #{k} is not shown without JavaScript"
            checked += 1
    finally:
        context.close()
    assert checked >= 4  # the banner is on every page; tables on timeline, places, reductions


def test_print_hides_navigation_and_prints_link_addresses(page, base_url):
    page.goto(base_url + "/nb/kommuner/rauma/")
    page.emulate_media(media="print")
    try:
        assert page.locator(".site-nav").is_hidden()
        assert page.locator(".skip-link").is_hidden()
        after = page.evaluate("""() => getComputedStyle(
            document.querySelector('main a[href^="/"]'), '::after').content""")
        assert "https://" in after, after
    finally:
        page.emulate_media(media="screen")


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_for_review(page, base_url, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    for name, url in SHOTS.items():
        page.goto(base_url + url, wait_until="load")
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    if width == 375:
        page.goto(base_url + SHOTS["rauma"], wait_until="load")
        page.emulate_media(media="print")
        page.screenshot(path=str(SCREENSHOTS / "rauma-print.png"), full_page=True)
        page.emulate_media(media="screen")
    page.set_viewport_size({"width": 1280, "height": 900})
