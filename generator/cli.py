"""Command line: parse arguments, pick the clock, run a command, map exit codes.

Exit codes: 0 success, 1 content errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import __version__

COMMANDS = ("build", "check", "serve", "new", "translated")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", default=".", metavar="DIR",
                   help="project folder holding content/ (default: current folder)")


def _clocked(p: argparse.ArgumentParser) -> None:
    p.add_argument("--clock", metavar="TIME",
                   help="fix 'now', e.g. 2023-10-30T12:00 (Norwegian time); "
                        "default: SOURCE_DATE_EPOCH, else the current time")
    p.add_argument("--drafts", action="store_true", help="include pages marked draft: true")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m generator",
        description="Build the bilingual (Bokmål/Nynorsk) Helseplattformen notice site.")
    ap.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    b = sub.add_parser("build", help="build the site into site/")
    _common(b)
    _clocked(b)
    b.add_argument("--out", metavar="DIR", help="output folder (default: ROOT/site)")
    b.add_argument("--base-path", metavar="PATH",
                   help="serve the site under this sub-folder (overrides config.yaml)")
    b.add_argument("--no-cache", action="store_true",
                   help="render every page anew; do not read or write ROOT/.cache/")
    b.add_argument("--jobs", type=int, metavar="N",
                   help="processes to render with (default: one per core)")
    for _name, module in _extra_commands():
        module.add_parser(sub, _common, _clocked)
    return ap


def _extra_commands() -> list[tuple[str, object]]:
    """Commands beyond build, each in generator/commands/<name>.py with add_parser/run."""
    import importlib

    found = []
    for name in COMMANDS[1:]:
        try:
            found.append((name, importlib.import_module(f"generator.commands.{name}")))
        except ModuleNotFoundError as exc:
            if exc.name != f"generator.commands.{name}":
                raise
    return found


def main(argv: Sequence[str] | None = None) -> int:
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
    if args.command == "build":
        from generator.commands import build

        return build.run(args, clock)
    import importlib

    module = importlib.import_module(f"generator.commands.{args.command}")
    return int(module.run(args, clock))
