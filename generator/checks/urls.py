"""Links the sanitiser removes, and images from other sites.

A link whose address has a scheme other than http, https, mailto or tel (for
example ``javascript:``, also written ``javascript&#58;`` or with a tab inside)
is published without its address by `generator.sanitize`; the editor is told
here, as an error.  An image from another site makes every reader's browser
ask that site for it (a tracker can count readers), while the site promises no
third-party requests: also an error.

The addresses are read from Python-Markdown's own HTML with `html.parser`, so
character references are decoded exactly as a browser decodes them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from generator.checks import Context
from generator.errors import Report, msg
from generator.markup import Renderer
from generator.sanitize import URL_SCHEMES

_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_IGNORED = re.compile(r"[\x00-\x20\x7f]")  # browsers drop these inside a scheme


class _Urls(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (tag, decoded address)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.found.append((tag, value))


def addresses(html: str) -> list[tuple[str, str]]:
    """(tag, address) of every link and image in `html`, references decoded."""
    parser = _Urls()
    parser.feed(html)
    parser.close()
    return parser.found


def scheme(url: str) -> str | None:
    """The URL's scheme as a browser reads it ('javascript'), None if relative."""
    m = _SCHEME.match(_IGNORED.sub("", url).lower())
    return m.group(1) if m else None


_RAW = re.compile(r'\s(?:href|src)="([^"]*)"')


def _line(body: str, first_line: int, raw: str) -> int:
    """The line of the body where the address is written (first line if not found).

    `raw` is the attribute as Python-Markdown wrote it: character references kept,
    so it is the text the editor wrote (tabs aside)."""
    for probe in (raw[:40], raw[:12]):
        words = probe.split()
        if words:  # spaces in the HTML may be a tab or a line break in the file
            m = re.search(r"\s*".join(map(re.escape, words)), body)
            if m:
                return first_line + body.count("\n", 0, m.start())
    return first_line


def check(ctx: Context, report: Report) -> None:
    """Errors for links and images in page bodies that the sanitiser would drop
    (javascript:, data: … however they are spelt) and for images from other sites
    (the site promises no third-party requests)."""
    renderer = Renderer("/")
    for page in ctx.sources:
        body = page.body or ""
        if not body.strip():
            continue
        made = renderer.markdown_html(body)
        found = addresses(made)
        raws = _RAW.findall(made)
        if len(raws) != len(found):
            raws = [url for _tag, url in found]
        for (tag, url), raw in zip(found, raws, strict=True):
            kind = scheme(url)
            shown = url if len(url) <= 60 else url[:57] + "…"
            line = _line(body, page.body_line, raw)
            if kind is not None and kind not in URL_SCHEMES:
                report.error(page.path, line,
                             msg("The address '{url}' uses '{scheme}:', which the site does "
                                 "not publish; the link is shown without it.",
                                 url=shown.encode("unicode_escape").decode("ascii"),
                                 scheme=kind),
                             msg("Use an address starting with https://, mailto: or tel:, or "
                                 "a page of the site like /nb/om/."), code="unsafe-link")
            elif tag == "img" and (kind in ("http", "https") or url.strip().startswith("//")):
                report.error(page.path, line,
                             msg("The image '{url}' is loaded from another site, so every "
                                 "reader's browser asks that site for it.", url=shown),
                             msg("Put a copy of the image on this site and link to it "
                                 "there."), code="third-party-image")
