"""Checks shared by the browser tests (and by the test that proves they can fail)."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

AXE_RUN = """async (tags) => {
  const r = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                     resultTypes: ["violations"]});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                 targets: v.nodes.slice(0, 5).map(n => n.target.join(" "))}));
}"""


def axe_violations(page, axe_source: str) -> list[dict]:
    """Run axe-core with the WCAG 2.1 A/AA rules on the open page."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=axe_source)
    return page.evaluate(AXE_RUN, WCAG_TAGS)


def format_violations(url: str, violations: list[dict]) -> list[str]:
    return [f"{url}: {v['id']} ({v['impact']}): {v['help']} — {', '.join(v['targets'])}"
            for v in violations]


def scroll_width(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {cls: el.className, href: el.getAttribute("href"), text: el.textContent.trim(),
          outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0
                   ? s.outlineStyle + " " + s.outlineWidth + " " + s.outlineColor : "",
          shadow: s.boxShadow === "none" ? "" : s.boxShadow,
          visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight
                   && r.right > 0 && r.left < innerWidth};
}"""


def focused(page) -> dict | None:
    return page.evaluate(FOCUS_STYLE)


# Shifts once the document is parsed (domInteractive): what the page's resources and
# styles do.  A shift while it is still being parsed comes from the browser painting
# a part of it when the CPU is starved: a badge painted with its icon before its label
# was parsed, then wrapping when the label came (2 of 356 page loads at 6x CPU
# throttling, 0 unthrottled; the flake "layout shift 0.000").  That depends on the
# machine's load, not on the page, so it is left out; images without width and
# height, which shift a page after parsing, are still counted (and checked apart).
# Such a paint can still be corrected just after domInteractive (0.002 once under a
# load of 10 on two cores), so a page with a shift is loaded again: a shift the page
# itself makes comes back on every load (tests/browser/test_site.py).
LAYOUT_SHIFT = """() => new Promise(resolve => {
  const parsed = performance.getEntriesByType("navigation")[0].domInteractive;
  let total = 0;
  new PerformanceObserver(list => {
    for (const e of list.getEntries())
      if (!e.hadRecentInput && e.startTime >= parsed) total += e.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 50);
})"""


def layout_shift(page) -> float:
    """Cumulative layout shift of the open page after it was parsed (see LAYOUT_SHIFT)."""
    return page.evaluate(LAYOUT_SHIFT)


# --- crawling ---------------------------------------------------------------------------

class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        for name in ("href", "src"):
            value = a.get(name)
            if value and not (tag == "link" and a.get("rel") in ("canonical", "alternate")):
                self.refs.append(value)
        if a.get("srcset"):
            self.refs += [part.split()[0] for part in (a["srcset"] or "").split(",") if part]


@dataclass
class Crawl:
    status: dict[str, int] = field(default_factory=dict)  # path -> HTTP status
    referrers: dict[str, set[str]] = field(default_factory=dict)
    ids: dict[str, set[str]] = field(default_factory=dict)  # html path -> element ids
    fragments: list[tuple[str, str, str]] = field(default_factory=list)  # from, path, frag
    external: set[str] = field(default_factory=set)

    def broken(self) -> list[str]:
        out = [f"{path} ({code}), linked from {', '.join(sorted(self.referrers[path])[:3])}"
               for path, code in sorted(self.status.items()) if code >= 400]
        for origin, path, frag in self.fragments:
            if path in self.ids and frag not in self.ids[path]:
                out.append(f"{path}#{frag}: no such id, linked from {origin}")
        return out


def crawl(base_url: str, start: str = "/") -> Crawl:
    """Follow every internal link and asset from `start`; record status codes."""
    result = Crawl()
    queue = [start]
    result.referrers[start] = {"(start)"}
    host = urlsplit(base_url).netloc
    while queue:
        path = queue.pop()
        if path in result.status:
            continue
        try:
            with urllib.request.urlopen(base_url + path, timeout=10) as resp:
                code, ctype, body = resp.status, resp.headers.get_content_type(), resp.read()
        except urllib.error.HTTPError as err:
            result.status[path] = err.code
            continue
        result.status[path] = code
        if ctype != "text/html":
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        result.ids[path] = parser.ids
        for ref in parser.refs:
            absolute, frag = urldefrag(urljoin(base_url + path, ref))
            parts = urlsplit(absolute)
            if parts.scheme not in ("http", "https"):
                continue  # mailto:, tel:
            if parts.netloc != host:
                result.external.add(absolute)
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if frag:
                result.fragments.append((path, target, frag))
            result.referrers.setdefault(target, set()).add(path)
            if target not in result.status:
                queue.append(target)
    return result
