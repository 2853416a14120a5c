"""`build`: load, validate, render and publish the site atomically."""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

import jinja2

from generator import LANGUAGES
from generator.cache import BuildCache
from generator.checks.placeholders import warn_fields
from generator.clock import Clock
from generator.errors import ERROR, ContentError, Finding, Report, Whole, format_findings, msg
from generator.i18n.catalogs import Catalog
from generator.i18n.notices import STANDARDS, Notices, notices_for
from generator.invocation import command, python_command, quoted
from generator.load.pages import page_body
from generator.model import SourcePage
from generator.outdir import OutputRefused, check_out
from generator.parallel import MIN_PER_WORKER, warm_up
from generator.pipeline import Options, load_site, outputs, theme_for
from generator.project import Project
from generator.publish import PublishError, staging, write_tree
from generator.render import OutputFile
from generator.render.batch import PageBatch
from generator.render.failures import report_template_error
from generator.render.theme import Theme
from generator.search import (
    KEY_FILE,
    SearchIndexError,
    index_site,
    input_key,
    note_index,
    reuse_index,
)
from generator.search.stored import page_records
from generator.site import PLACEHOLDER, Site
from generator.translations import shown_counterparts, warn_missing


@dataclass
class BuildResult:
    site: Site
    counts: dict[str, int]
    warnings: list[Finding]
    seconds: float
    rendered: int = 0  # HTML pages rendered (the rest were unchanged and reused)
    notes: int = 0  # drafts and scheduled pages and notices, not on the site (`check` lists)


def site_warnings(report: Report, site: Site) -> list[Finding]:
    """Missing page translations, and titles and descriptions of published pages that are
    still placeholders or not translated (`new`'s TODO marks), as warnings listed by every
    build."""
    counterparts = shown_counterparts(site)
    for m in site.missing:
        warn_missing(report, site, m, counterparts)
    for page in counterparts.pages:
        warn_fields(report, page)
    return report.warnings


def ui_warnings(report: Report, missing: dict[str, list[str]]) -> None:
    """A warning per UI string a catalog lacks (`missing`: language -> msgids)."""
    for lang, msgids in sorted(missing.items()):
        for msgid in msgids:
            report.warn(f"locale/{lang}/LC_MESSAGES/messages.po", None,
                        msg("The interface text {text} has no {standard} translation.",
                            text=repr(msgid), standard=STANDARDS[lang]),
                        msg("Run {python} scripts/messages.py update (see README) and "
                            "translate it.", python=python_command()),
                        code="missing-ui-string")


def broken_translations(report: Report, theme_catalogs: dict[str, Catalog]) -> None:
    """Errors for translations left out because of a misspelt placeholder."""
    for _lang, catalog in sorted(theme_catalogs.items()):
        for path, line, msgid, name in catalog.broken:
            report.error(path, line, msg("The translation of {text} uses the placeholder "
                                         "'{name}', which the original text does not have.",
                                         text=repr(msgid), name=name),
                         msg("Spell the placeholder exactly as in the msgid."),
                         code="po-placeholder")
def missing_strings(theme: Theme, store: BuildCache | None) -> dict[str, list[str]]:
    """`theme.missing_strings()`, kept in the build cache under the theme's fingerprint
    (the cache file's name holds the code's): reading every template and module for
    their msgids costs about 40 ms, an unchanged theme gives the same answer."""
    key = f"missing-ui-strings {theme.fingerprint}"
    found = store.memo(key) if store else None
    if found is not None:
        try:
            value = json.loads(found)
            if isinstance(value, dict) and all(
                    isinstance(ids, list) and all(isinstance(i, str) for i in ids)
                    for ids in value.values()):
                return value
        except ValueError:
            pass
    missing = theme.missing_strings()
    if store:
        store.add_memo(key, json.dumps(missing))
    return missing


def build(project: Project, out: Path, clock: Clock, options: Options | None = None,
          progress: TextIO | None = None, cache: bool = True,
          jobs: int | None = None, notices: Notices | None = None) -> BuildResult:
    """Build and publish; with `cache`, unchanged pages are reused from ROOT/.cache/."""
    started = time.perf_counter()
    check_out(out, project.root)
    if jobs != 1 and (not cache or not out.is_dir()) and _many_pages(project):
        warm_up()  # every page will be rendered: start the workers' server while loading
    # Bodies are read again by the processes that render them: the parent keeps
    # only front matter, so neither it nor the workers hold all the text.
    loaded = load_site(project, clock, options or Options(), keep_bodies=False)
    theme = theme_for(project)
    broken_translations(loaded.report, theme.catalogs)  # in the same list as content errors
    loaded.report.raise_if_errors()
    site = loaded.site
    assert site is not None
    store = BuildCache.open(project.root) if cache else None
    missing = missing_strings(theme, store)
    pages = PageBatch(store, out.absolute() if store else None, jobs, root=project.root,
                      index_pages=True)
    try:
        with staging(out) as folder:
            pages.folder = folder
            files = outputs(site, theme, pages)
            write_tree(folder, _progress(files, len(site.pages), progress, notices or Notices()))
            pages.finish(folder)
            # inside the staging folder: published with the pages
            _index(folder, project, pages, out.absolute() if store else None)
        pages.save(out.absolute())
    except jinja2.TemplateError as exc:
        failed = Report(project.root)
        report_template_error(failed, exc, project.template_dirs)
        raise ContentError(failed.errors) from None
    except OSError as exc:  # a read-only or full disk, a folder without permission
        where = exc.filename or out
        raise PublishError(msg("The site cannot be written: {reason} ({path}).",
                               reason=exc.strerror or exc, path=where),
                           msg("Free some disk space or fix the folder's permissions, then "
                               "build again.")) from None
    finally:
        if store:
            store.close()
    counts: dict[str, int] = {}
    for page in site.pages:  # HTML pages only: feeds, calendars and cards are not pages
        counts[page.lang] = counts.get(page.lang, 0) + 1
    report = loaded.report
    site_warnings(report, site)
    page_warnings(report, site, loaded.sources, project.root)
    ui_warnings(report, missing)
    return BuildResult(site, counts, list(dict.fromkeys(report.warnings)),
                       time.perf_counter() - started, pages.rendered,
                       notes=len(report.notes))


# The findings of `check` a build reports too: faults residents would see on a page or
# miss from a list (HTML shown as text, placeholder text, list markers shown as text, an
# image without alt text or a link without text, a page in the announcements folder that
# is no announcement, a title too long or without words).  `check` alone adds what needs
# every page rendered (links and anchors, unsafe addresses), what only the page's
# structure shows (heading levels) and advice on writing (LIX, long sentences, stale
# translations).
PAGE_CHECK_CHUNK = 200  # pages whose bodies are in memory at once
BUILD_CODES = frozenset({"raw-html", "image-alt", "empty-link", "list-marker", "placeholder"})
# A body that could hold one of those findings: a tag, an image, a link without text,
# the placeholder mark, a pasted bullet or a number with a parenthesis at a line's start.
# Most bodies have none, and scanning a body's lines costs far more than these searches
# (2,000 pages: ~3 s against ~0.1 s); each pattern starts with a literal, which `re`
# finds fast.
_MAYBE = (re.compile(r"<[A-Za-z!/]"), re.compile(r"!\["), re.compile(r"\[[*_`~\s]*\]\("),
          re.compile(re.escape(PLACEHOLDER)),
          re.compile(r"\n[ \t]{0,3}(?:[•·–—▪◦●○■□➢►✓✔]|\d{1,9}\))"))


def _maybe(page: SourcePage, body: str) -> bool:
    """Whether `page` could have one of the `BUILD_CODES` findings (`_MAYBE`)."""
    text = "\n" + body
    return (any(p.search(text) for p in _MAYBE)
            or PLACEHOLDER in f"{page.title} {page.description or ''}")


def page_warnings(report: Report, site: Site, sources: list[SourcePage], root: Path) -> None:
    """The findings named above (`BUILD_CODES` of `checks.accessibility`, `checks.lists`,
    `checks.placeholders`; `checks.folders`, `checks.titles`) added to `report`, the same as
    `check` gives; and the drafts and scheduled pages noted (`checks.visibility`).

    Bodies are read again (`load.pages.page_body`) and only those `_maybe` finds anything
    in are scanned, `PAGE_CHECK_CHUNK` pages at a time."""
    from generator.checks import Context, accessibility, folders, lists, placeholders, titles
    from generator.checks.visibility import note_hidden

    folders.check_folders(report, sources)
    titles.check_titles(report, sources)
    note_hidden(report, sources, site)
    found = Report(report.root)
    maybe: list[SourcePage] = []
    for page in sources:
        body = page_body(page, root)
        if _maybe(page, body):
            maybe.append(replace(page, body=body))
        if len(maybe) == PAGE_CHECK_CHUNK or (maybe and page is sources[-1]):
            ctx = Context(site, maybe, lambda _page: set())
            for module in (accessibility, lists, placeholders):
                module.check(ctx, found)
            maybe = []
    report.findings.extend(f for f in dict.fromkeys(found.findings) if f.code in BUILD_CODES)


def _many_pages(project: Project) -> bool:
    """True if content/ has enough files for more than one render worker (counted
    without reading them, stopping at that number)."""
    enough, seen = 2 * MIN_PER_WORKER, 0
    for lang in LANGUAGES:
        for _folder, _dirs, files in os.walk(project.content / lang):
            seen += len(files)
            if seen >= enough:
                return True
    return False


def _index(folder: Path, project: Project, pages: PageBatch, previous: Path | None) -> None:
    """The search index of the fresh pages (generator/search/), or the previous site's
    when no page changed (with the build cache); the words of pages not rendered in
    this build come from the cache when it has them for the same bytes.  A failure
    stops the build."""
    try:
        key = note = None
        if previous is not None:
            key = input_key((path, entry.digest) for path, entry in pages.published.items()
                            if entry is not None)
            note = project.root / ".cache" / KEY_FILE
        if reuse_index(folder, previous, key, note) is not None:
            return
        # the build's objects are many and long-lived: the collector need not walk them
        gc.freeze()
        try:
            html = [path for path in pages.published if path.endswith(".html")]
            digests = {path: entry.digest for path in html
                       if (entry := pages.published[path]) is not None}
            records = page_records(folder, html, pages.search_records, digests,
                                   pages.cache, pages.jobs)
            result = index_site(folder, known=records, pages=html, jobs=pages.jobs)
        except OSError as exc:
            raise SearchIndexError(f"{exc.filename or folder}: {exc.strerror}") from None
        finally:
            gc.unfreeze()
        if key and note:
            note_index(note, key, result)
    except SearchIndexError as exc:
        failed = Report(project.root)
        failed.error("(search index)", None, msg("The search index could not be built: {problem}",
                                                   problem=str(exc)),
                     hint=msg("Check that the disk is not full and that the output folder "
                              "can be written to, then build again."),
                     code="search-index-failed")
        raise ContentError(failed.errors) from None


def _progress(files: Iterable[OutputFile], total: int, stream: TextIO | None,
              notices: Notices) -> Iterator[OutputFile]:
    if stream is None or not stream.isatty() or total < 200:
        yield from files
        return
    done = 0
    for item in files:
        yield item
        if item.path.endswith(".html"):
            done += 1
            if done % 50 == 0:
                stream.write("\r" + notices(msg("Rendering pages … {done}/{total}",
                                                 done=min(done, total), total=total)))
                stream.flush()
    stream.write("\r" + " " * 40 + "\r")


def summary(result: BuildResult, out: Path, notices: Notices) -> str:
    """The line `build` prints, in the language of `notices`: pages per standard, the output
    folder, warnings, seconds and how many pages were rendered or reused.
    """
    per_lang = ", ".join(f"{notices(STANDARDS[lang])} {n}"
                         for lang, n in sorted(result.counts.items()) if lang in STANDARDS)
    pages = sum(n for lang, n in result.counts.items() if lang in STANDARDS)
    w = len(result.warnings)
    warnings = msg("{n} warning", n=w) if w == 1 else msg("{n} warnings", n=w)
    return notices(msg("Built {pages} pages ({per_lang}) into {out} — {warnings} — {seconds} s "
                       "({rendered} rendered, {reused} unchanged)", pages=pages,
                       per_lang=per_lang, out=out, warnings=warnings,
                       seconds=format(result.seconds, ".2f"), rendered=result.rendered,
                       reused=pages - result.rendered))


def run(args: argparse.Namespace, clock: Clock) -> int:
    """`build`: build and publish into --out (default ROOT/site); 0 on success, 1 with the
    findings on stderr when content or a template has errors (the previous site stays).
    """
    project = Project(Path(args.root).resolve())
    notices = notices_for(args)
    out = Path(args.out) if args.out else project.root / "site"
    try:
        result = build(project, out, clock,
                       Options(drafts=args.drafts, base_path=args.base_path), sys.stderr,
                       cache=not args.no_cache, jobs=args.jobs, notices=notices)
    except (OutputRefused, PublishError) as exc:
        refused = Finding(str(out), None, ERROR, exc.message, getattr(exc, "hint", None),
                          code="output-folder")
        for text in format_findings([refused], notices, project.root):
            print(text, file=sys.stderr)
        print(notices(msg("Nothing was built. The site in {out} was not changed.", out=out)),
              file=sys.stderr)
        return 2
    except ContentError as exc:
        for text in format_findings(exc.findings, notices, project.root):
            print(text, file=sys.stderr)
        n = len(exc.findings)
        print(notices(msg("Build failed: {n} error. The site in {out} was not changed.", n=n,
                          out=out) if n == 1 else
                      msg("Build failed: {n} errors. The site in {out} was not changed.", n=n,
                          out=out)), file=sys.stderr)
        return 1
    for text in format_findings(result.warnings, notices, project.root):
        print(text, file=sys.stderr)
    print(summary(result, out, notices))
    if result.notes:
        check = command(*(["check"] + (["--root", args.root] if args.root != "." else [])))
        print(notices(msg("{n} draft or scheduled page or notice is not on the site; {check} "
                          "says which, and when it appears.", n=result.notes, check=check)
                      if result.notes == 1 else
                      msg("{n} drafts or scheduled pages and notices are not on the site; "
                          "{check} says which, and when each appears.", n=result.notes,
                          check=check)))
    if sys.stdout.isatty() or not args.out:
        serve = ["serve"] + (["--root", args.root] if args.root != "." else [])
        print(notices(msg("Preview: {serve} (or {python} -m http.server --bind 127.0.0.1 -d {out} "
                          "8000 and open http://127.0.0.1:8000/)", serve=command(*serve),
                          python=Whole(python_command()), out=Whole(quoted(str(out))))))
    return 0
