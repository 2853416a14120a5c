"""`check`: validate everything and report findings, without writing site/.

The build's own validation (front matter, config, data) comes from
`pipeline.load_site`; each further check is a module in `generator/checks/`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from generator.checks import (
    Context,
    accessibility,
    links,
    placeholders,
    plain_language,
    translations,
)
from generator.clock import Clock
from generator.commands.build import ui_warnings
from generator.errors import ERROR, WARNING, Finding
from generator.pipeline import Options, extra_renderers, load_site, markdown_for, theme_for
from generator.project import Project
from generator.render import html
from generator.render.state import STATE_FILE
from generator.render.theme import Theme
from generator.site import OutputPage, Site
from generator.views import context as vc
from generator.views.data import banner

CHECKS = (translations, links, accessibility, plain_language, placeholders)
_ID = re.compile(r'\sid="([^"]+)"')


def check(project: Project, clock: Clock, options: Options | None = None) -> list[Finding]:
    """Every finding for the project, sorted by file and line."""
    loaded = load_site(project, clock, options or Options())
    report = loaded.report
    site = loaded.site
    if site is not None:
        theme = theme_for(project)
        ui_warnings(report, theme.missing_strings())
        ctx = Context(site, loaded.sources, anchors_of(site, theme), other_files(site, theme))
        for module in CHECKS:
            module.check(ctx, report)
    return sorted(set(report.findings), key=lambda f: (f.path, f.line or 0, f.level, f.message))


def anchors_of(site: Site, theme: Theme) -> Callable[[OutputPage], set[str]]:
    """The ids on a rendered page (headings and the template's own), rendered on demand."""
    markdown = markdown_for(site)
    contexts: dict[str, vc.Ctx] = {}
    cache: dict[str, set[str]] = {}

    def anchors(page: OutputPage) -> set[str]:
        if page.url not in cache:
            ctx = contexts.setdefault(page.lang, vc.Ctx(site, page.lang, theme.catalogs))
            text = html.render_page(site, theme, ctx, page, markdown, banner(ctx))
            cache[page.url] = set(_ID.findall(text.decode("utf-8")))
        return cache[page.url]

    return anchors


def other_files(site: Site, theme: Theme) -> frozenset[str]:
    """Files of the site that are not pages: assets, the state file, feeds …"""
    names = set(theme.static) | {"index.html", STATE_FILE}
    markdown = markdown_for(site)
    for renderer in extra_renderers():
        names.update(f.path for f in renderer(site, theme, markdown))
    return frozenset(names)


def summary(findings: list[Finding]) -> dict[str, int]:
    """`{'errors': n, 'warnings': n}` of `findings`."""
    return {"errors": sum(f.level == ERROR for f in findings),
            "warnings": sum(f.level == WARNING for f in findings)}


def run(args: argparse.Namespace, clock: Clock) -> int:
    """`check`: print every finding (text or --format json); 1 if there are errors (or warnings
    with --strict), else 0.
    """
    project = Project(Path(args.root).resolve())
    findings = check(project, clock, Options(drafts=args.drafts))
    counts = summary(findings)
    failed = counts["errors"] > 0 or (args.strict and counts["warnings"] > 0)
    if args.format == "json":
        json.dump({"findings": [f.as_dict() for f in findings],
                   "summary": {**counts, "strict": args.strict, "ok": not failed}},
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for finding in findings:
            print(finding.format())
        e, w = counts["errors"], counts["warnings"]
        verdict = "failed" if failed else "passed"
        extra = " (--strict: warnings count as errors)" if args.strict and w else ""
        print(f"Check {verdict}: {e} error{'s' if e != 1 else ''}, "
              f"{w} warning{'s' if w != 1 else ''}{extra}.")
    return 1 if failed else 0
