"""`build`: load, validate, render and publish the site atomically."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import jinja2

from generator import LANGUAGES
from generator.cache import BuildCache
from generator.clock import Clock
from generator.errors import ContentError, Finding, Report
from generator.parallel import MIN_PER_WORKER, warm_up
from generator.pipeline import Options, load_site, outputs, theme_for
from generator.project import Project
from generator.publish import staging, write_tree
from generator.render import OutputFile
from generator.render.batch import PageBatch
from generator.render.failures import report_template_error
from generator.render.theme import Theme
from generator.site import Site

LANG_WORDS = {"nb": "Bokmål", "nn": "Nynorsk"}


@dataclass
class BuildResult:
    site: Site
    counts: dict[str, int]
    warnings: list[Finding]
    seconds: float
    rendered: int = 0  # HTML pages rendered (the rest were unchanged and reused)


def site_warnings(report: Report, site: Site) -> list[Finding]:
    """Missing page translations, as warnings listed by every build."""
    for m in site.missing:
        page = site.page(m.key, m.lang)
        where = f"/{page.url}" if page else m.key
        report.warn(m.source, None, f"No {LANG_WORDS[m.lang]} version of this page; "
                    f"the other text is shown at {where} with a notice.",
                    f"Add the translation under content/{m.lang}/.", code="missing-translation")
    return report.warnings


def ui_warnings(report: Report, missing: dict[str, list[str]]) -> None:
    """A warning per UI string a catalog lacks (`missing`: language -> msgids)."""
    for lang, msgids in sorted(missing.items()):
        for msgid in msgids:
            report.warn(f"locale/{lang}/LC_MESSAGES/messages.po", None,
                        f"The interface text {msgid!r} has no {LANG_WORDS[lang]} translation.",
                        "Run the catalog commands in README (extract, update) and translate it.",
                        code="missing-ui-string")


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
          jobs: int | None = None) -> BuildResult:
    """Build and publish; with `cache`, unchanged pages are reused from ROOT/.cache/."""
    started = time.perf_counter()
    if jobs != 1 and (not cache or not out.is_dir()) and _many_pages(project):
        warm_up()  # every page will be rendered: start the workers' server while loading
    # Bodies are read again by the processes that render them: the parent keeps
    # only front matter, so neither it nor the workers hold all the text.
    loaded = load_site(project, clock, options or Options(), keep_bodies=False)
    loaded.report.raise_if_errors()
    site = loaded.site
    assert site is not None
    theme = theme_for(project)
    store = BuildCache.open(project.root) if cache else None
    missing = missing_strings(theme, store)
    pages = PageBatch(store, out.absolute() if store else None, jobs, root=project.root)
    try:
        with staging(out) as folder:
            pages.folder = folder
            files = outputs(site, theme, pages)
            write_tree(folder, _progress(files, len(site.pages), progress))
            pages.finish(folder)
        pages.save(out.absolute())
    except jinja2.TemplateError as exc:
        failed = Report(project.root)
        report_template_error(failed, exc, project.template_dirs)
        raise ContentError(failed.errors) from None
    finally:
        if store:
            store.close()
    counts: dict[str, int] = {}
    for page in site.pages:  # HTML pages only: feeds, calendars and cards are not pages
        counts[page.lang] = counts.get(page.lang, 0) + 1
    report = loaded.report
    site_warnings(report, site)
    ui_warnings(report, missing)
    return BuildResult(site, counts, report.warnings, time.perf_counter() - started,
                       pages.rendered)


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


def _progress(files: Iterable[OutputFile], total: int,
              stream: TextIO | None) -> Iterator[OutputFile]:
    if stream is None or not stream.isatty() or total < 200:
        yield from files
        return
    done = 0
    for item in files:
        yield item
        if item.path.endswith(".html"):
            done += 1
            if done % 50 == 0:
                stream.write(f"\rRendering pages … {min(done, total)}/{total}")
                stream.flush()
    stream.write("\r" + " " * 40 + "\r")


def summary(result: BuildResult, out: Path) -> str:
    """The line `build` prints: pages per standard, the output folder, warnings, seconds and how
    many pages were rendered or reused.
    """
    per_lang = ", ".join(f"{LANG_WORDS[lang]} {n}" for lang, n in sorted(result.counts.items())
                         if lang in LANG_WORDS)
    pages = sum(n for lang, n in result.counts.items() if lang in LANG_WORDS)
    w = len(result.warnings)
    reused = pages - result.rendered
    cached = f" ({result.rendered} rendered, {reused} unchanged)"
    return (f"Built {pages} pages ({per_lang}) into {out} — {w} warning{'s' if w != 1 else ''}"
            f" — {result.seconds:.2f} s{cached}")


def run(args: argparse.Namespace, clock: Clock) -> int:
    """`build`: build and publish into --out (default ROOT/site); 0 on success, 1 with the
    findings on stderr when content or a template has errors (the previous site stays).
    """
    project = Project(Path(args.root).resolve())
    out = Path(args.out) if args.out else project.root / "site"
    try:
        result = build(project, out, clock,
                       Options(drafts=args.drafts, base_path=args.base_path), sys.stderr,
                       cache=not args.no_cache, jobs=args.jobs)
    except ContentError as exc:
        for finding in exc.findings:
            print(finding.format(), file=sys.stderr)
        n = len(exc.findings)
        print(f"Build failed: {n} error{'s' if n != 1 else ''}. The site in {out} was not "
              "changed.", file=sys.stderr)
        return 1
    for finding in result.warnings:
        print(finding.format(), file=sys.stderr)
    print(summary(result, out))
    if sys.stdout.isatty() or not args.out:
        print(f"Preview: python3 -m http.server -d {out} 8000 and open http://127.0.0.1:8000/"
              " (or run: python3 -m generator serve)")
    return 0
