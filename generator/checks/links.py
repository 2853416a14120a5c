"""Broken internal links and anchors in Markdown, with the line of the link.

A link like /nb/om/, /nb/om/#anchor, ../om/ or #anchor must lead to a page of
the site (generated pages included) and, with an anchor, to an id on it.
"""

from __future__ import annotations

from generator.checks import Context
from generator.checks.scan import is_internal, links, resolve
from generator.errors import Report, msg, suggest


def check(ctx: Context, report: Report) -> None:
    """Warnings for internal links (and #anchors) in Markdown that lead to no page or no id,
    each at its file line.
    """
    by_url = {p.url: p for p in ctx.site.pages}
    by_file = {f"content/{s.lang}/{s.rel}.md": s for s in ctx.sources}
    for page in ctx.sources:
        here = ctx.url_of(page)
        for link in links(page):
            url = link.url.strip()
            if not url or not is_internal(url):
                continue
            what = msg("image") if link.image else msg("link")
            path, fragment = resolve(url, here)
            if path.endswith(".md/") or path.endswith(".md"):
                target_src = by_file.get("content/" + path.rstrip("/"))
                hint = (msg("Link to the page's address instead: /{url}",
                            url=ctx.url_of(target_src))
                        if target_src else msg("Link to the page's address, like /nb/om/."))
                report.error(page.path, link.line, msg("The {what} '{url}' points to a Markdown "
                                                       "file; readers get the web page, not the "
                                                       "file.", what=what, url=url), hint,
                             code="broken-link")
                continue
            if path in ctx.files or (path == "" and not fragment):
                continue
            target = by_url.get(path)
            if target is None and ctx.site.unsure(path):
                continue  # the page is missing for an error of its own, reported already
            if target is None:
                report.error(page.path, link.line,
                             msg("The image '{url}' leads to no file of the site.", url=url)
                             if link.image else
                             msg("The link '{url}' leads to no page of the site.", url=url),
                             suggest("/" + path, ["/" + u for u in by_url]) or
                             msg("Check the address, or remove the {what}.", what=what),
                             code="broken-link")
                continue
            if fragment and fragment not in ctx.anchors(target):
                report.error(page.path, link.line,
                             msg("The {what} '{url}' leads to /{path}, but that page has no "
                                 "heading or anchor '#{fragment}'.", what=what, url=url,
                                 path=path, fragment=fragment),
                             suggest(fragment, ctx.anchors(target)) or
                             msg("Link to a heading that exists on that page."),
                             code="broken-anchor")

