"""Broken internal links and anchors in Markdown, with the line of the link.

A link like /nb/om/, /nb/om/#anchor, ../om/ or #anchor must lead to a page of
the site (generated pages included) and, with an anchor, to an id on it.

A link to a page that exists but is not shown at the build clock says why (a
draft, published later, expired).  A link to no page gets the page most likely
meant (`meant`): never the page the link is on, and a page of the link's own
standard first, the other standard's folder names mapped to its own
(/nn/kunngjoringer/… → /nn/kunngjeringar/…; `folder_map`).
"""

from __future__ import annotations

from generator import LANGUAGES
from generator.checks import Context
from generator.checks.scan import is_internal, links, resolve
from generator.errors import Message, Report, msg, suggest
from generator.facts import page_visible
from generator.model import SourcePage
from generator.site import OutputPage, Site


def check(ctx: Context, report: Report) -> None:
    """Warnings for internal links (and #anchors) in Markdown that lead to no page or no id,
    each at its file line.
    """
    by_url = {p.url: p for p in ctx.site.pages}
    by_file = {f"content/{s.lang}/{s.rel}.md": s for s in ctx.sources}
    hidden = {ctx.url_of(s): s for s in ctx.sources}
    folders = folder_map(ctx.site)
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
            if target is None and path in hidden and not link.image:
                _not_shown(report, ctx.site, page, link.line, url, hidden[path],
                           shown=here in by_url)
                continue
            if target is None:
                report.error(page.path, link.line,
                             msg("The image '{url}' leads to no file of the site.", url=url)
                             if link.image else
                             msg("The link '{url}' leads to no page of the site.", url=url),
                             meant(path, here, ctx.site, folders) or
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


def _not_shown(report: Report, site: Site, page: SourcePage, line: int, url: str,
               target: SourcePage, shown: bool) -> None:
    """The finding for a link to a page not shown at the build clock: a draft, published
    later, or expired (`facts.page_visible` decides which).  An error on a page readers
    see now; a warning on a page not shown either (both may be published together)."""
    add = report.error if shown else report.warn
    now = site.now
    if target.draft and not site.drafts:
        add(page.path, line, msg("The link '{url}' leads to a page that is a draft ({file}); "
                                 "readers get 'page not found'.", url=url, file=target.path),
            msg("Publish that page first (remove 'draft: true'), or remove the link."),
            code="link-to-hidden-page")
        return
    if target.expires is not None and target.expires.start <= now:
        add(page.path, line, msg("The link '{url}' leads to a page that expired {when} "
                                 "({file}); readers get 'page not found'.", url=url,
                                 when=target.expires.text, file=target.path),
            msg("Remove the link, or change 'expires' in that page."),
            code="link-to-hidden-page")
        return
    starts = [w for w in (target.publish, target.date if target.type == "announcement"
                          else None) if w is not None and w.start > now]
    if starts and not page_visible(target, now, site.drafts):
        when = max(starts, key=lambda w: w.start).text
        add(page.path, line, msg("The link '{url}' leads to a page that is published {when} "
                                 "({file}); until then readers get 'page not found'.",
                                 url=url, when=when, file=target.path),
            msg("Add the link once that page is out, or publish this page no earlier than "
                "that one."),
            code="link-to-hidden-page")
        return
    add(page.path, line, msg("The link '{url}' leads to a page that is not shown now ({file}).",
                             url=url, file=target.path),
        msg("Check that page's 'draft', 'publish' and 'expires', or remove the link."),
        code="link-to-hidden-page")


def folder_map(site: Site) -> dict[str, str]:
    """`{"nb/kunngjoringer/": "nn/kunngjeringar/", "nn/kunngjeringar/": "nb/kunngjoringer/",
    …}`: each folder of one standard's addresses and the same folder in the other, learnt
    from the pages both standards have (same key, same depth; generated pages too:
    tidslinje/tidsline, kommuner/kommunar).  The first pair in address order wins."""
    out: dict[str, str] = {}
    pairs = []
    for p in site.pages:
        if p.lang != LANGUAGES[0] or p.fallback:
            continue
        for lang in LANGUAGES[1:]:
            other = site.page(p.key, lang)
            if other is not None and not other.fallback:
                pairs.append((p.url, other.url))
    for a, b in sorted(pairs):
        sa, sb = a.strip("/").split("/"), b.strip("/").split("/")
        if len(sa) != len(sb):
            continue
        for depth in range(1, len(sa)):
            pa, pb = "/".join(sa[:depth]) + "/", "/".join(sb[:depth]) + "/"
            out.setdefault(pa, pb)
            out.setdefault(pb, pa)
    return out


def _in_own_folders(path: str, lang: str, folders: dict[str, str]) -> str:
    """`path` (in `lang`) with folder names of the other standard put in `lang`'s:
    nn/kunngjoringer/x/ → nn/kunngjeringar/x/; `path` itself when none applies."""
    rest = path[len(lang) + 1:]
    for other in LANGUAGES:
        if other == lang:
            continue
        as_other = f"{other}/{rest}"
        best = max((k for k in folders if as_other.startswith(k) and k != f"{other}/"),
                   key=len, default=None)
        if best is not None and folders[best].startswith(lang + "/"):
            return folders[best] + as_other[len(best):]
    return path


def meant(path: str, here: str, site: Site, folders: dict[str, str]) -> Message | None:
    """'Did you mean …?' with the page most likely meant by a link to `path` (which leads to
    no page) on the page at `here`, or None.  Never `here` itself.  In order: the same
    page in the other standard's words, put in the link's own standard (the page's
    translation); the address with the other standard's folders in the link's own; the
    nearest address of a page in the link's own standard (`errors.suggest`); the nearest
    of any page.  A near spelling of the address of `here` or of its translation is
    never offered: the link is to some other page."""
    every: dict[str, OutputPage] = {p.url: p for p in site.pages}
    pages = {u: p for u, p in every.items() if u != here}
    this = next((p.key for p in site.pages if p.url == here), None)
    # a near spelling of this page's own address is no hint (nor of its translation)
    others = ["/" + u for u, p in pages.items() if p.key != this]
    lang = path.split("/", 1)[0]
    if lang not in LANGUAGES:
        return suggest("/" + path, others)
    rest = path[len(lang) + 1:]
    for other in LANGUAGES:  # /nn/kunngjoringer/x/: the nb page x, in Nynorsk
        if other == lang:
            continue
        for there in (f"{other}/{rest}", _in_own_folders(f"{other}/{rest}", other, folders)):
            found = every.get(there)
            own = site.page(found.key, lang) if found is not None else None
            if own is not None and own.url in pages:
                return msg("Did you mean '{word}'?", word="/" + own.url)
    mapped = _in_own_folders(path, lang, folders)
    if mapped in pages:
        return msg("Did you mean '{word}'?", word="/" + mapped)
    own_lang = [u for u in others if u.startswith(f"/{lang}/")]
    return suggest("/" + mapped, own_lang) or suggest("/" + path, others)
