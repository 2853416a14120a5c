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
from dataclasses import dataclass
from pathlib import Path

from generator.checks import (
    Context,
    accessibility,
    examples,
    folders,
    links,
    lists,
    placeholders,
    plain_language,
    titles,
    translations,
    urls,
    visibility,
    written_standard,
)
from generator.clock import Clock
from generator.commands.build import broken_translations, ui_warnings
from generator.errors import (
    ERROR,
    NOTE,
    WARNING,
    Finding,
    Message,
    Report,
    format_findings,
    msg,
    quoted_lines,
)
from generator.i18n.notices import Notices, notices_for
from generator.invocation import command
from generator.load.pages import bodies_not_loaded
from generator.pipeline import Options, extra_renderers, load_site, markdown_for, theme_for
from generator.project import Project
from generator.render import html
from generator.render.state import STATE_FILE
from generator.render.theme import Theme
from generator.site import OutputPage, Site
from generator.views import context as vc
from generator.views.data import banner

CHECKS = (translations, links, urls, accessibility, plain_language, placeholders, lists,
          written_standard, titles, folders, visibility)
BODY_CHECKS = (links, accessibility)  # checks of the Markdown body alone
DEPLOY_CHECKS = (examples,)  # `check --deploy`: only a site about to be published
_ID = re.compile(r'\sid="([^"]+)"')


@dataclass(frozen=True)
class Checked:
    """What `check` found (`findings`), and what `check --deploy` would find besides
    (`deploy_only`: example values; empty when the deploy checks ran)."""

    findings: list[Finding]
    deploy_only: list[Finding]


def check(project: Project, clock: Clock, options: Options | None = None,
          deploy: bool = False) -> list[Finding]:
    """Every finding for the project, sorted by file and line; with `deploy`, also
    example values (domains, placeholder numbers) that must not be published
    (`run_checks`)."""
    return run_checks(project, clock, options, deploy).findings


def run_checks(project: Project, clock: Clock, options: Options | None = None,
               deploy: bool = False) -> Checked:
    """Every finding for the project, sorted by file and line; with `deploy`, example
    values are among them, else they are counted apart (`Checked.deploy_only`), so plain
    `check` can say that publishing would fail.

    The checks run on the site model even when loading found errors, so an editor gets
    every independent finding at once; only config.yaml that cannot be read stops them
    (the pages' addresses depend on it)."""
    held_back = Report(project.root)
    loaded = load_site(project, clock, options or Options())
    report = loaded.report
    site = loaded.model  # also with errors: every independent finding in one run
    theme = theme_for(project)  # the catalogs need no content
    broken_translations(report, theme.catalogs)
    ui_warnings(report, theme.missing_strings())
    if site is not None:
        ctx = Context(site, loaded.sources, anchors_of(site, theme), other_files(site, theme))
        for module in CHECKS + (DEPLOY_CHECKS if deploy else ()):
            module.check(ctx, report)
        for module in () if deploy else DEPLOY_CHECKS:
            module.check(ctx, held_back)
        # a page left out for an error in its front matter: its body is checked all the same
        unloaded = bodies_not_loaded(report, project.content, project.root, loaded.sources)
        if unloaded:
            body_ctx = Context(site, unloaded, ctx.anchors, ctx.files)
            for module in BODY_CHECKS:
                module.check(body_ctx, report)
    return Checked(_sorted(report.findings), _sorted(held_back.findings))


def _sorted(findings: list[Finding]) -> list[Finding]:
    return sorted(set(findings), key=lambda f: (f.path, f.line or 0, f.level, str(f.message)))


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
    """`{'errors': n, 'warnings': n, 'notes': n}` of `findings` (notes never fail)."""
    return {"errors": sum(f.level == ERROR for f in findings),
            "warnings": sum(f.level == WARNING for f in findings),
            "notes": sum(f.level == NOTE for f in findings)}


def run(args: argparse.Namespace, clock: Clock) -> int:
    """`check`: print every finding (text or --format json); 1 if there are errors (or warnings
    with --strict), else 0.
    """
    project = Project(Path(args.root).resolve())
    notices = notices_for(args)
    deploy = getattr(args, "deploy", False)
    checked = run_checks(project, clock, Options(drafts=args.drafts), deploy=deploy)
    findings = checked.findings
    counts = summary(findings)
    held_back = len(checked.deploy_only)
    failed = counts["errors"] > 0 or (args.strict and counts["warnings"] > 0)
    if args.format == "json":
        quotes = quoted_lines(findings, project.root)
        json.dump({"findings": [f.translated(notices, quotes.get((f.path, f.line or 0)))
                                for f in findings],
                   "summary": {**counts, "strict": args.strict, "deploy": deploy,
                               "deploy_problems": held_back, "ok": not failed}},
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        if args.format == "github":
            for line in github_annotations(findings, notices, project.root):
                print(line)
        for text in format_findings(findings, notices, project.root):
            print(text)
        if held_back:  # above the verdict, which stays the last line
            print(notices(deploy_note(held_back, args.root)))
        print(notices(verdict(counts["errors"], counts["warnings"], args.strict, failed)))
    return 1 if failed else 0


def deploy_note(n: int, root: str = ".") -> Message:
    """The line under plain `check`'s verdict when `check --deploy`, which the publishing
    job runs, would find `n` problems more (example values that must not be published)."""
    words = ["check", "--deploy"] + (["--root", root] if root != "." else [])
    if n == 1:
        return msg("Not ready to publish: {command}, which publishing runs, finds 1 more "
                   "problem (an example value such as example.no or +47 00 00 00 00 that "
                   "must be replaced).", command=command(*words))
    return msg("Not ready to publish: {command}, which publishing runs, finds {n} more "
               "problems (example values such as example.no or +47 00 00 00 00 that must "
               "be replaced).", command=command(*words), n=n)


def github_annotations(findings: list[Finding], notices: Notices, root: Path) -> list[str]:
    """Each finding as a GitHub Actions workflow command (``::error file=…,line=…::…``).

    GitHub shows these on the run's summary page and beside the line in a pull
    request's diff (docs.github.com, "Workflow commands for GitHub Actions").
    """
    quotes = quoted_lines(findings, root)
    out = []
    for f in findings:
        text = notices(f.message) + (f" {notices(f.hint)}" if f.hint else "")
        quote = quotes.get((f.path, f.line or 0))
        if quote is not None:
            text += f"\n    | {quote}"
        props = [f"file={_escape(f.path, True)}"] + ([f"line={f.line}"] if f.line else [])
        if f.code:
            props.append(f"title={_escape(f.code, True)}")
        level = {ERROR: "error", NOTE: "notice"}.get(f.level, "warning")
        out.append(f"::{level} {','.join(props)}::{_escape(text)}")
    return out


def _escape(text: str, prop: bool = False) -> str:
    """Escape a workflow command's data (and property) as the runner expects."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def verdict(errors: int, warnings: int, strict: bool, failed: bool) -> Message:
    """The closing line of `check`: passed or failed, with the counts."""
    e = msg("{n} error", n=errors) if errors == 1 else msg("{n} errors", n=errors)
    w = msg("{n} warning", n=warnings) if warnings == 1 else msg("{n} warnings", n=warnings)
    if not failed:
        return msg("Check passed: {errors}, {warnings}.", errors=e, warnings=w)
    if strict and warnings:
        return msg("Check failed: {errors}, {warnings} (--strict: warnings count as errors).",
                   errors=e, warnings=w)
    return msg("Check failed: {errors}, {warnings}.", errors=e, warnings=w)
