"""The last pass over HTML made from editor input: an allow-list sanitiser (nh3).

`clean` parses the HTML as a browser does (html5ever, through nh3, the Python
binding of Rust's ammonia) and keeps only the tags, attributes and URL schemes
listed here.  Because it decodes character references before it looks at a
URL, ``javascript&#58;``, ``&#106;avascript:``, ``&colon;``, tabs and newlines
inside the scheme are all seen as ``javascript:`` and the attribute is dropped.
Checking the raw attribute text cannot do that reliably (issue 16).

Policy (what Python-Markdown with tables, attr_list, toc and sane_lists makes):

* tags: text structure, lists, links, images, tables, code;
* attributes: id, class, title, lang everywhere; a@href; img@src, alt, width,
  height; ol@start; th/td colspan, rowspan and an alignment style from the
  tables extension (only the three exact values it writes); th@scope;
  div@tabindex="0" (the scrollable table wrapper);
* URL schemes: http, https, mailto, tel, and relative URLs (ammonia's default
  ``PassThrough``).  Anything else (javascript:, vbscript:, data:, file: …)
  removes the attribute, the text stays.

Comments are removed; ``rel`` is not added, so output stays as the renderer made
it apart from what is removed.  Source of the rules: OWASP XSS Prevention Cheat
Sheet (rule 7: allow-list URL schemes), ammonia's documentation.
"""

from __future__ import annotations

import hashlib
import importlib.metadata

import nh3

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p",
    "pre", "s", "samp", "small", "span", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
})
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
ALIGN = {f"text-align: {side};" for side in ("left", "right", "center")}
ATTRIBUTE_VALUES = {
    "th": {"style": ALIGN, "scope": {"col", "row", "colgroup", "rowgroup"}},
    "td": {"style": ALIGN},
    "div": {"tabindex": {"0"}},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

def _nh3_version() -> str:
    try:
        return importlib.metadata.version("nh3")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - vendored nh3
        return ""


_CLEANER = nh3.Cleaner(tags=set(TAGS), attributes=ATTRIBUTES,
                       tag_attribute_values=ATTRIBUTE_VALUES, url_schemes=set(URL_SCHEMES),
                       strip_comments=True, link_rel=None)

# Changes whenever the policy (or nh3) changes: part of the build cache's key for
# rendered bodies, so HTML cleaned under an older policy is never reused.
POLICY_KEY = hashlib.sha256(repr((sorted(TAGS), sorted((k, sorted(v)) for k, v in
                                                        ATTRIBUTES.items()),
                                  sorted((t, sorted((a, sorted(v)) for a, v in av.items()))
                                         for t, av in ATTRIBUTE_VALUES.items()),
                                  sorted(URL_SCHEMES), _nh3_version())).encode()
                        ).hexdigest()[:12]


def clean(html: str) -> str:
    """`html` with everything outside the allow-list removed (text is kept, escaped)."""
    return _CLEANER.clean(html)
