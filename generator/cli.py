"""Command line: parse arguments, pick the clock, run a command, map exit codes.

Exit codes: 0 success, 1 content errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import __version__


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", default=".", metavar="DIR",
                   help="project folder holding content/ (default: current folder)")


def _clocked(p: argparse.ArgumentParser) -> None:
    p.add_argument("--clock", metavar="TIME",
                   help="fix 'now', e.g. 2023-10-30T12:00 (Norwegian time); "
                        "default: SOURCE_DATE_EPOCH, else the current time")
    p.add_argument("--drafts", action="store_true", help="include pages marked draft: true")


def _command(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             name: str, help: str,  # noqa: A002
             description: str | None = None, clocked: bool = True) -> argparse.ArgumentParser:
    """A command's parser with --root (and, if `clocked`, --clock and --drafts)."""
    p = sub.add_parser(name, help=help, description=description)
    _common(p)
    if clocked:
        _clocked(p)
    return p


def parser() -> argparse.ArgumentParser:
    """Every command's arguments: declared here, so `--help` imports no command module."""
    ap = argparse.ArgumentParser(
        prog="python -m generator",
        description="Build the bilingual (Bokmål/Nynorsk) Helseplattformen notice site.")
    ap.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    b = _command(sub, "build", "build the site into site/")
    b.add_argument("--out", metavar="DIR", help="output folder (default: ROOT/site)")
    b.add_argument("--base-path", metavar="PATH",
                   help="serve the site under this sub-folder (overrides config.yaml)")
    b.add_argument("--no-cache", action="store_true",
                   help="render every page anew; do not read or write ROOT/.cache/")
    b.add_argument("--jobs", type=int, metavar="N",
                   help="processes to render with (default: one per core)")

    c = _command(sub, "check", "check content without building",
                 "Validate content, links, accessibility, plain language and translations. "
                 "Writes nothing.")
    c.add_argument("--strict", action="store_true", help="warnings also fail (exit 1)")
    c.add_argument("--format", choices=("text", "json"), default="text",
                   help="text (default) or json")

    s = _command(sub, "serve", "preview the site with live reload",
                 "Build into ROOT/.cache/preview and serve it; saving a file rebuilds what it "
                 "affects and reloads the browser.")
    s.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this computer only)")
    s.add_argument("--port", type=int, default=8000, help="port (default: 8000)")

    n = sub.add_parser("new", help="scaffold a new announcement, impact or page",
                       description="Create the files of a new notice in Bokmål and Nynorsk at "
                       "once. Existing files are never overwritten.")
    kinds = n.add_subparsers(dest="kind", metavar="KIND")
    kinds.required = True
    a = _command(kinds, "announcement", "an announcement (content/nb and content/nn)")
    a.add_argument("--slug", required=True, help="the address, e.g. molde-tar-i-bruk")
    a.add_argument("--municipality", action="append", required=True, metavar="ID",
                   help="a municipality or organisation id (repeat for more)")
    a.add_argument("--title", help="the title (both standards; edit the Nynorsk one after)")
    i = _command(kinds, "impact", "a service impact (content/data/impacts/ID.yaml)")
    i.add_argument("--id", required=True, help="the impact id, e.g. molde-2023")
    i.add_argument("--municipality", action="append", required=True, metavar="ID")
    i.add_argument("--title", help="the title (both standards)")
    g = _command(kinds, "page", "a page (content/nb and content/nn)")
    g.add_argument("--slug", required=True, help="the address, e.g. personvern")
    g.add_argument("--title", help="the title (both standards)")

    t = _command(sub, "translated", "mark a translation as up to date with its source",
                 "Set translated_from: in the page's front matter to the current version of "
                 "the page it is translated from. `check` warns when that page changes.",
                 clocked=False)
    t.add_argument("path", metavar="PATH", help="the translated page, e.g. content/nn/om.md")
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: sys.argv[1:]) and return the exit code: the
    command's (0 done, 1 content errors), or 2 when it cannot start (no content/ folder, a
    malformed clock; argparse exits with 2 for bad arguments).
    """
    args = parser().parse_args(argv)
    root = Path(args.root)
    if not (root / "content").is_dir():
        print(f"error: {root.resolve()} has no content/ folder. Run the command in a project "
              "folder or give --root DIR.", file=sys.stderr)
        return 2
    from generator.clock import ClockError, resolve_clock

    try:
        clock = resolve_clock(getattr(args, "clock", None))
    except ClockError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    import importlib

    # Each command's module (and what it needs: Markdown, Jinja, …) is imported only
    # when it runs, so `--help` and argument errors answer at once.
    module = importlib.import_module(f"generator.commands.{args.command}")
    return int(module.run(args, clock))
