"""Every page type on a phone and a desktop, before, during and after a go-live.

The default site is built at three clocks (conftest.CLOCKS) and each page type is
opened at 360×800 and 1280×900: axe with the WCAG 2.1 A/AA and best-practice rules,
no sideways scrolling, 200 % text, forced colours and dark mode.  Then what a hurried
resident needs: the key facts of a place page on its first screen, the skip link
skipping no heading, tap-able phone numbers, a menu that opens without JavaScript,
visible subscribe links, and the status card inside an iframe on a foreign page.
Screenshots of every page type, width and moment go to tests/artifacts/screenshots/.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest

from tests.browser.audit import format_violations, scroll_width
from tests.browser.conftest import CLOCKS, SCREENSHOTS

pytestmark = pytest.mark.browser

# One page of each type (Bokmål and Nynorsk mixed), by path.
PAGE_TYPES = {
    "root": "/",
    "home": "/nb/",
    "home-nn": "/nn/",
    "content": "/nn/om/",
    "helsami": "/nb/helsami/",
    "statement": "/nb/tilgjengelighet/",
    "announcements": "/nb/kunngjoringer/",
    "announcement": "/nb/kunngjoringer/rauma-redusert-kapasitet/",
    "timeline": "/nb/tidslinje/",
    "places": "/nb/kommuner/",
    "rauma": "/nb/kommuner/rauma/",
    "oppdal": "/nn/kommunar/oppdal/",
    "reductions": "/nb/redusert-kapasitet/",
    "card": "/nb/kommuner/rauma/card.html",
    "404": "/404.html",
}
PHONE, DESKTOP = (360, 800), (1280, 900)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_RUN = """async ([tags, disable]) => {
  const rules = Object.fromEntries(disable.map(id => [id, {enabled: false}]));
  const r = await axe.run(document, {runOnly: {type: "tag", values: tags}, rules,
                                     resultTypes: ["violations"]});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                 targets: v.nodes.slice(0, 5).map(n => n.target.join(" "))}));
}"""
BIG_TEXT = "html { font-size: 200% !important; }"  # what a phone's 200 % text setting does to rem


def _axe(pg, axe_source: str, disable: tuple[str, ...] = ()) -> list[dict]:
    if not pg.evaluate("() => typeof window.axe === 'object'"):
        pg.add_script_tag(content=axe_source)
    return pg.evaluate(AXE_RUN, [AXE_TAGS, list(disable)])


def _disabled(name: str) -> tuple[str, ...]:
    """The card is a fragment shown inside another page, under that page's h1: an h1 of
    its own would break the host's outline (WCAG 1.3.1), so page-has-heading-one is off."""
    return ("page-has-heading-one",) if name == "card" else ()


@pytest.fixture(scope="module")
def contexts(browser):
    """One browser context per appearance, reused by every test of this module."""
    made = {}

    def get(kind: str):
        if kind not in made:
            options = {"locale": "nb-NO", "viewport": {"width": 1280, "height": 900}}
            if kind == "dark":
                options["color_scheme"] = "dark"
            if kind == "forced":
                options["forced_colors"] = "active"
            if kind == "nojs":
                options["java_script_enabled"] = False
            made[kind] = browser.new_context(**options).new_page()
        return made[kind]

    yield get
    for pg in made.values():
        pg.context.close()


def _open(pg, url: str, size: tuple[int, int], big: bool = False) -> None:
    pg.set_viewport_size({"width": size[0], "height": size[1]})
    pg.goto(url, wait_until="load")
    if big:
        pg.add_style_tag(content=BIG_TEXT)


@pytest.mark.parametrize("state", list(CLOCKS))
def test_every_page_type_passes_axe_at_both_widths_and_never_scrolls_sideways(
        contexts, state_urls, axe_source, state):
    """axe (WCAG 2.1 A/AA and best practice) at 360×800 and 1280×900; at 360 px with
    normal and 200 % text the page is never wider than the screen.  Screenshots of
    the first screen at both widths are saved for review."""
    pg = contexts("light")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for name, path in PAGE_TYPES.items():
        url = state_urls[state] + path
        for size in (PHONE, DESKTOP):
            _open(pg, url, size)
            problems += format_violations(f"{state} {size[0]}px {path}",
                                          _axe(pg, axe_source, _disabled(name)))
            pg.screenshot(path=str(SCREENSHOTS / f"{state}-{name}-{size[0]}.png"))
            if size == PHONE and scroll_width(pg) > PHONE[0]:
                problems.append(f"{state} {path}: scrollWidth {scroll_width(pg)} at 360 px")
        _open(pg, url, PHONE, big=True)
        if scroll_width(pg) > PHONE[0]:
            wide = pg.evaluate("""() => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
                .slice(0, 3).map(e => e.tagName + '.' + e.className)""")
            problems.append(f"{state} {path}: scrollWidth {scroll_width(pg)} at 200 % text "
                            f"({wide})")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("state", list(CLOCKS))
@pytest.mark.parametrize("appearance", ["dark", "forced"])
def test_dark_mode_and_forced_colours_keep_contrast_and_shapes(contexts, state_urls, axe_source,
                                                              appearance, state):
    """Dark mode passes axe's contrast rules like the light one; in forced colours every
    status badge keeps a border and its icon, and the phone timeline keeps its labels."""
    pg = contexts(appearance)
    problems: list[str] = []
    for name, path in PAGE_TYPES.items():
        _open(pg, state_urls[state] + path, PHONE)
        problems += format_violations(f"{appearance} {state} {path}",
                                      _axe(pg, axe_source, _disabled(name)))
        if appearance == "forced":
            # (The compact card's badges are words in a border, without icons.)
            bare = pg.evaluate("""(card) => [...document.querySelectorAll('.badge')].filter(b =>
                getComputedStyle(b).borderTopStyle === 'none' || !card && (
                !b.querySelector('svg.icon')
                || b.querySelector('svg.icon').getBoundingClientRect().width === 0)).length""",
                               name == "card")
            if bare:
                problems.append(f"forced {path}: {bare} badges without border or icon")
        if name in ("rauma", "timeline"):
            pg.screenshot(path=str(SCREENSHOTS / f"{state}-{appearance}-{name}-360.png"))
    pg.goto(state_urls[state] + PAGE_TYPES["timeline"])
    label = pg.evaluate("""() => getComputedStyle(
        document.querySelector('.timeline-table td'), '::before').content""")
    assert "Oppstart" in label, label
    assert not problems, "\n".join(problems)


def _facts_bottom(pg) -> dict[str, float]:
    """Where each key fact ends; for the place's own contact list, where its first line
    ends (the resident sees whom to call; the rest of the list may follow below)."""
    return pg.evaluate("""() => Object.fromEntries(
        ['.status-now', '.key-kept', '.key-contact > p', '.key-contact a[href="tel:116117"]',
         '.key-contact a[href="tel:113"]', '.key-contact li:first-child'].map(s => {
            const e = document.querySelector(s);
            if (!e) return [s, s.endsWith('li:first-child') ? 0 : Infinity];
            const r = e.getClientRects()[0] || e.getBoundingClientRect();
            return [s, r.bottom + scrollY];
        }))""")


@pytest.mark.parametrize("state", list(CLOCKS))
@pytest.mark.parametrize("place", ["rauma", "oppdal"])
def test_key_facts_of_a_place_are_on_the_first_phone_screen(contexts, state_urls, state, place):
    """Status now and next, what is always kept, and whom to call (116 117 and 113 as
    tel: links) all end within the first 800 px at 360 px wide."""
    pg = contexts("light")
    _open(pg, state_urls[state] + PAGE_TYPES[place], PHONE)
    bottoms = _facts_bottom(pg)
    late = {sel: round(y) for sel, y in bottoms.items() if y > PHONE[1]}
    assert not late, f"{state} {place}: below the first screen: {late}"


def test_every_place_page_has_its_key_facts_on_the_first_phone_screen(contexts, state_urls,
                                                                      state_sites):
    """Not only the two examples: every place page of the «during» build, in both
    standards (places with a long go-live note or several notices included)."""
    pg = contexts("light")
    late = []
    folders = sorted(state_sites["during"].glob("n[bn]/*/*/index.html"))
    places = [f.parent.relative_to(state_sites["during"]).as_posix() for f in folders
              if 'class="status-now"' in f.read_text(encoding="utf-8")]
    assert len(places) >= 70, places  # 37 places × 2 standards
    for path in places:
        _open(pg, f"{state_urls['during']}/{path}/", PHONE)
        bottoms = _facts_bottom(pg)
        if any(y > PHONE[1] for y in bottoms.values()):
            late.append(f"{path}: {max(bottoms.values()):.0f}")
    assert not late, late


def test_rauma_first_screen_says_what_happens_now_and_then(contexts, state_urls):
    """The «Nå:» line follows the clock: before the reductions it names them as next,
    during them as now, after them says nothing is announced."""
    pg = contexts("light")
    seen = {}
    for state in CLOCKS:
        _open(pg, state_urls[state] + PAGE_TYPES["rauma"], PHONE)
        seen[state] = pg.locator(".status-now").inner_text()
    # on Rauma's own page the title drops «Rauma: »; the period is the notice's whole span
    period = "27. oktober–31. desember 2023; psykososialt team: ingen nye saker"
    assert "Nå: Noen helsetjenester tar imot færre (" + period in seen["during"]
    assert "Neste: Noen helsetjenester tar imot færre (" + period in seen["before"]
    assert "Nå: Vi har ikke fått melding om tjenester som tar imot færre" in seen["after"], \
        seen["after"]


def test_an_impact_on_the_reductions_page_answers_in_one_screen(contexts, state_urls):
    """From the heading of an ongoing impact (where the banner's link lands), what is
    always kept and whom to call fit in one phone screen."""
    pg = contexts("light")
    _open(pg, state_urls["during"] + PAGE_TYPES["reductions"], PHONE)
    span = pg.evaluate("""() => {
        const a = document.querySelector('article.impact--ongoing');
        const top = a.querySelector('h3').getBoundingClientRect().top;
        const box = a.querySelector('.urgent').getBoundingClientRect().bottom;
        return box - top; }""")
    assert span <= PHONE[1], span
    tel = pg.locator("article.impact--ongoing .urgent a[href^='tel:']")
    assert tel.count() >= 2


def test_the_skip_link_skips_no_heading_and_the_banner_is_in_main(contexts, state_urls):
    """Nothing with a heading lies between the skip link and <main>, and the «Viktig nå»
    banner, when shown, is inside main and before the h1 (or after it, as an h2, on the
    front page)."""
    pg = contexts("light")
    problems = []
    for state in CLOCKS:
        for name, path in PAGE_TYPES.items():
            if name in ("card", "404"):
                continue
            _open(pg, state_urls[state] + path, PHONE)
            outside = pg.evaluate("""() => [...document.querySelectorAll(
                'h1,h2,h3,h4,h5,h6,[role=heading]')].filter(h => !h.closest('main'))
                .map(h => h.textContent.trim())""")
            if outside:
                problems.append(f"{state} {path}: headings outside main: {outside}")
            first = pg.evaluate("""() => document.querySelector('main h1,main h2,main h3')
                .tagName""")
            if first != "H1":
                problems.append(f"{state} {path}: the outline starts with {first}")
            banner = pg.evaluate("""() => { const b = document.querySelector('.site-banner');
                return b && {inMain: !!b.closest('main'), beforeH1: !!(b.compareDocumentPosition(
                    document.querySelector('h1')) & Node.DOCUMENT_POSITION_FOLLOWING)}; }""")
            if banner and not banner["inMain"]:
                problems.append(f"{state} {path}: the banner is outside main")
    assert not problems, "\n".join(problems)


def test_the_menu_opens_without_javascript_on_a_phone(contexts, state_urls):
    pg = contexts("nojs")
    _open(pg, state_urls["during"] + PAGE_TYPES["rauma"], PHONE)
    nav = pg.locator(".site-nav a").first
    assert not nav.is_visible()
    header = pg.evaluate("() => document.querySelector('header').getBoundingClientRect().height")
    assert header < 140, header  # name, language and the menu button only
    pg.locator(".site-menu summary").click()
    assert nav.is_visible()
    _open(pg, state_urls["during"] + PAGE_TYPES["rauma"], DESKTOP)
    assert nav.is_visible()  # wide screens show the menu without a click


def test_subscribe_links_are_visible_and_explained(contexts, state_urls, state_sites):
    pg = contexts("light")
    for name in ("rauma", "reductions", "timeline"):
        _open(pg, state_urls["during"] + PAGE_TYPES[name], PHONE)
        box = pg.locator(".subscribe")
        assert box.is_visible(), name
        hrefs = box.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert any(h.endswith(".ics") for h in hrefs) and any(h.endswith(".xml") for h in hrefs)
        for href in hrefs:
            assert (state_sites["during"] / href.lstrip("/")).is_file(), href
        assert len(box.locator("p").inner_text()) > 40, name  # one line on what they do


def test_print_keeps_the_banner_facts(contexts, state_urls):
    pg = contexts("light")
    _open(pg, state_urls["during"] + PAGE_TYPES["timeline"], PHONE)
    pg.emulate_media(media="print")
    try:
        assert pg.locator(".site-banner").is_visible()
        assert not pg.locator(".site-menu").is_visible()
    finally:
        pg.emulate_media(media="screen")


# --- the status card on a foreign page ----------------------------------------------------

class _Foreign(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@functools.cache
def _foreign_server(body: bytes) -> str:
    handler = type("Handler", (_Foreign,), {"body": body})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://localhost:{server.server_address[1]}/"  # another origin than 127.0.0.1


def _snippets(site: Path, base_url: str, places: list[str]) -> list[str]:
    """The documented snippets, as each place page shows them, pointed at the test server."""
    out = []
    for place in places:
        html = (site / "nb" / "kommuner" / place / "index.html").read_text(encoding="utf-8")
        code = re.search(r'<details class="embed"[^>]*>.*?<code>(.*?)</code>', html, re.S)
        assert code, place
        snippet = code.group(1).replace("&lt;", "<").replace("&gt;", ">").replace(
            "&#34;", '"').replace("&quot;", '"').replace("&amp;", "&")
        out.append(re.sub(r'src="https?://[^/"]+/', f'src="{base_url}/', snippet))
    return out


@pytest.mark.parametrize("state", list(CLOCKS))
def test_the_card_fits_its_frame_on_a_foreign_page(contexts, state_urls, state_sites, state):
    """Two cards as a municipality would paste them: unique frame titles, a main landmark
    and an h2 inside, and the whole card visible without scrolling at 320–480 px wide,
    with normal and 200 % text (the frame's height is in em, so it grows with the text)."""
    frames = _snippets(state_sites[state], state_urls[state], ["rauma", "oppdal"])
    titles = [re.search(r'title="([^"]+)"', f).group(1) for f in frames]
    assert len(set(titles)) == 2 and "Rauma" in titles[0], titles
    body = ("<!DOCTYPE html><html lang='nb'><head><meta charset='utf-8'><meta name='viewport' "
            "content='width=device-width, initial-scale=1'><title>Kommunen</title></head>"
            "<body><main><h1>Kommunen</h1>" + "".join(frames) + "</main></body></html>")
    host = _foreign_server(body.encode("utf-8"))
    pg = contexts("light")
    problems = []
    for width in (320, 360, 480):
        for big in (False, True):
            _open(pg, host, (width, 900), big=big)
            for frame_el in pg.locator("iframe").element_handles():
                frame = frame_el.content_frame()
                frame.wait_for_load_state("load")
                if big:
                    frame.add_style_tag(content=BIG_TEXT)
                fit = frame.evaluate("""() => ({need: document.documentElement.scrollHeight,
                    have: innerHeight, wide: document.documentElement.scrollWidth > innerWidth,
                    main: !!document.querySelector('main'),
                    h: [...document.querySelectorAll('h1,h2,h3')].map(h => h.tagName)})""")
                if fit["need"] > fit["have"] or fit["wide"]:
                    problems.append(f"{width}px big={big} {frame.url}: {fit}")
                assert fit["main"] and fit["h"] == ["H2"], fit
            if width == 360:
                pg.screenshot(path=str(SCREENSHOTS / f"{state}-card-foreign-{width}"
                                                     f"{'-200' if big else ''}.png"))
    assert not problems, "\n".join(problems)


def test_desktop_tables_do_not_break_words(contexts, state_urls):
    """What lets a long word break on a phone must not squeeze a desktop table's columns
    («Pul/je», «PD/2»): every column heading and wave name stays on one line."""
    pg = contexts("light")
    _open(pg, state_urls["during"] + PAGE_TYPES["timeline"], DESKTOP)
    tall = pg.evaluate("""() => [...document.querySelectorAll(
        '.timeline-table thead th, .timeline-table tbody th')].filter(th => {
            const text = document.createRange();
            text.selectNodeContents(th);
            return text.getBoundingClientRect().height
                   > 1.5 * parseFloat(getComputedStyle(th).lineHeight);
        }).map(th => th.textContent.trim())""")
    assert not tall, tall


# Words split over two lines: each letter's line box (a Range per character) compared.
SPLIT_WORDS = r"""(selector) => {
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let n;
    while ((n = walker.nextNode())) {
      const re = /[\p{L}\p{N}]+[:.,]?/gu;
      let m;
      while ((m = re.exec(n.textContent))) {
        const tops = new Set();
        for (let i = 0; i < m[0].length; i++) {
          const r = document.createRange();
          r.setStart(n, m.index + i);
          r.setEnd(n, m.index + i + 1);
          const box = r.getClientRects()[0];
          if (box) tops.add(Math.round(box.top));
        }
        if (tops.size > 1 && m[0].length <= 10) out.push(`${el.tagName.toLowerCase()}: ${m[0]}`);
      }
    }
  }
  return out;
}"""
HEADINGS = "h1, h2, h3, .lead, .site-name, .notice__title, .status-now strong"


@pytest.mark.parametrize("width", [320, 360])
def test_headings_never_split_a_word_at_200_percent_text(contexts, state_urls, width):
    """At 200 % text on a 320–360 px phone, a heading, the lead, the site name and a
    notice's title never split a word of up to ten letters («kommunen», «Rauma:»): a
    word breaks only when it cannot fit on a line (`overflow-wrap: break-word`, never
    `anywhere`).  Headings grow with the reader's text (WCAG 1.4.4; a cap in vw would
    stop them, F94), so a long compound («Helseplattformen») is left to hyphenation in
    the page's language (`hyphens: auto` with <html lang>), which this Chromium lacks
    dictionaries for."""
    pg = contexts("light")
    problems = []
    for state in CLOCKS:
        for name, path in PAGE_TYPES.items():
            if name in ("root", "card", "404"):
                continue
            _open(pg, state_urls[state] + path, (width, 800), big=True)
            problems += [f"{state} {path}: {w}" for w in pg.evaluate(SPLIT_WORDS, HEADINGS)]
            style = pg.evaluate("""() => {
                const s = getComputedStyle(document.querySelector('main p'));
                return [document.documentElement.lang, s.hyphens, s.overflowWrap]; }""")
            if style[0] not in ("nb", "nn") or style[1:] != ["auto", "break-word"]:
                problems.append(f"{state} {path}: lang, hyphens, overflow-wrap = {style}")
    assert not problems, "\n".join(problems)
