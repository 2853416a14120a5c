"""Command line: parse arguments, pick the clock, run a command, map exit codes.

Exit codes: 0 success, 1 content errors, 2 the command cannot run as asked (usage
errors, an output folder a build may not replace, another build running, a
read-only or full disk).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NoReturn

from generator import __version__
from generator.errors import Message, msg
from generator.invocation import python_command

Say = Callable[[Message], str]  # translates a message for the help texts


class UsageError(Exception):
    """A command line argparse refused: its English message and the command's usage line."""

    def __init__(self, message: str, usage: str):
        super().__init__(message)
        self.message = message
        self.usage = usage


class Parser(argparse.ArgumentParser):
    """argparse that raises `UsageError` instead of printing, so `main` can translate it."""

    def error(self, message: str) -> NoReturn:
        """Raise `UsageError` with argparse's English `message` and this parser's usage line."""
        raise UsageError(message, self.format_usage())


def _formatter(say: Say) -> type[argparse.HelpFormatter]:
    class Formatter(argparse.HelpFormatter):
        """argparse's help layout with the word before the usage line translated."""

        def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                      groups: Iterable[argparse._MutuallyExclusiveGroup],
                      prefix: str | None = None) -> None:
            super().add_usage(usage, actions, groups,
                              say(msg("usage: ")) if prefix is None else prefix)

    return Formatter


def _parser(say: Say, make: Callable[..., argparse.ArgumentParser], *args: object,
            **kwargs: object) -> argparse.ArgumentParser:
    """A parser (or sub-parser) whose help, headings and usage word are translated."""
    p = make(*args, formatter_class=_formatter(say), add_help=False, **kwargs)
    p._positionals.title = say(msg("positional arguments"))
    p._optionals.title = say(msg("options"))
    p.add_argument("-h", "--help", action="help", help=say(msg("show this help and stop")))
    return p


def _common(p: argparse.ArgumentParser, say: Say) -> None:
    p.add_argument("--root", default=".", metavar="DIR",
                   help=say(msg("project folder holding content/ (default: current folder)")))
    _lang(p, say)


def _lang(p: argparse.ArgumentParser, say: Say) -> None:
    # SUPPRESS: a sub-command's parser does not overwrite a --lang given before it
    p.add_argument("--lang", choices=("nb", "nn", "en"), default=argparse.SUPPRESS,
                   help=say(msg("language of messages: nb (Bokmål), nn (Nynorsk) or en "
                                "(English); default: the environment variable NOTICES_LANG, "
                                "else nb")))


def _clocked(p: argparse.ArgumentParser, say: Say) -> None:
    p.add_argument("--clock", metavar="TIME",
                   help=say(msg("fix 'now', e.g. 2023-10-30T12:00 (Norwegian time); default: "
                                "SOURCE_DATE_EPOCH, else the current time")))
    p.add_argument("--drafts", action="store_true",
                   help=say(msg("include pages marked draft: true")))


def _command(sub: argparse._SubParsersAction[argparse.ArgumentParser], say: Say,
             name: str, help: Message,  # noqa: A002
             description: Message | None = None, clocked: bool = True
             ) -> argparse.ArgumentParser:
    """A command's parser with --root and --lang (and, if `clocked`, --clock and --drafts)."""
    p = _parser(say, sub.add_parser, name, help=say(help),
                description=say(description) if description else None)
    _common(p, say)
    if clocked:
        _clocked(p, say)
    return p


def parser(say: Say = str) -> argparse.ArgumentParser:
    """Every command's arguments: declared here, so `--help` imports no command module.

    ``say`` translates the help texts (`generator.i18n.notices.Notices`); English without.
    """
    ap = _parser(say, Parser, prog=f"{python_command()} -m generator",
                 description=say(msg("Build the bilingual (Bokmål/Nynorsk) Helseplattformen "
                                     "notice site.")))
    ap.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                    help=say(msg("show the version and stop")))
    _lang(ap, say)
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    b = _command(sub, say, "build", msg("build the site into site/"))
    b.add_argument("--out", metavar="DIR", help=say(msg("output folder (default: ROOT/site)")))
    b.add_argument("--base-path", metavar="PATH",
                   help=say(msg("serve the site under this sub-folder (overrides "
                                "config.yaml)")))
    b.add_argument("--no-cache", action="store_true",
                   help=say(msg("render every page anew; do not read or write ROOT/.cache/")))
    b.add_argument("--jobs", type=int, metavar="N",
                   help=say(msg("processes to render with (default: one per core)")))

    c = _command(sub, say, "check", msg("check content without building"),
                 msg("Validate content, links, accessibility, plain language and "
                     "translations. Writes nothing."))
    c.add_argument("--strict", action="store_true",
                   help=say(msg("warnings also fail (exit 1)")))
    c.add_argument("--deploy", action="store_true",
                   help=say(msg("also fail on example values that must not be published "
                                "(example.no, *.example, +47 00 00 00 00 …); run it before "
                                "deploying")))
    c.add_argument("--format", choices=("text", "json", "github"), default="text",
                   help=say(msg("text (default), json, or github (annotations in GitHub "
                                "Actions, then the text)")))

    s = _command(sub, say, "serve", msg("preview the site with live reload"),
                 msg("Build into ROOT/.cache/preview and serve it; saving a file rebuilds what "
                     "it affects and reloads the browser."))
    s.add_argument("--host", default="127.0.0.1",
                   help=say(msg("address to listen on (default: 127.0.0.1, this computer "
                                "only)")))
    s.add_argument("--port", type=int, default=8000, help=say(msg("port (default: 8000)")))

    title_help = msg("the title in the standard of these messages (Bokmål unless --lang nn); "
                     "in the other standard's file it is marked TODO until translated")
    n = _parser(say, sub.add_parser, "new",
                help=say(msg("scaffold a new announcement, impact or page")),
                description=say(msg("Create the files of a new notice in Bokmål and Nynorsk "
                                    "at once. Existing files are never overwritten.")))
    kinds = n.add_subparsers(dest="kind", metavar="KIND")
    kinds.required = True
    a = _command(kinds, say, "announcement",
                 msg("an announcement (content/nb and content/nn)"))
    a.add_argument("--slug", required=True,
                   help=say(msg("the address, e.g. molde-tar-i-bruk")))
    a.add_argument("--municipality", action="append", required=True, metavar="ID",
                   help=say(msg("a municipality or organisation id (repeat for more)")))
    a.add_argument("--title", help=say(title_help))
    i = _command(kinds, say, "impact",
                 msg("a service impact (content/data/impacts/ID.yaml)"))
    i.add_argument("--id", required=True, help=say(msg("the impact id, e.g. molde-2023")))
    i.add_argument("--municipality", action="append", required=True, metavar="ID",
                   help=say(msg("a municipality or organisation id (repeat for more)")))
    i.add_argument("--title", help=say(title_help))
    g = _command(kinds, say, "page", msg("a page (content/nb and content/nn)"))
    g.add_argument("--slug", required=True, help=say(msg("the address, e.g. personvern")))
    g.add_argument("--title", help=say(title_help))

    t = _command(sub, say, "translated", msg("mark a translation as up to date with its source"),
                 msg("Set translated_from: in the page's front matter to the current version "
                     "of the page it is translated from. `check` warns when that page "
                     "changes."), clocked=False)
    t.add_argument("path", metavar="PATH",
                   help=say(msg("the translated page, e.g. content/nn/om.md")))
    return ap


def _lang_flag(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` in argv, if any (read before parsing, for usage errors)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: sys.argv[1:]) and return the exit code: the
    command's (0 done, 1 content errors), or 2 when it cannot start (no content/ folder, a
    malformed clock, a bad argument; the usage error is printed in the chosen language).
    """
    from generator.i18n.notices import choose_lang, load_notices

    argv = list(sys.argv[1:] if argv is None else argv)
    notices = load_notices(choose_lang(_lang_flag(argv), os.environ))
    try:
        args = parser(notices).parse_args(argv)
    except UsageError as exc:
        from generator.i18n.usage import usage_problem

        sys.stderr.write(exc.usage)
        print(notices(msg("error: {problem}", problem=usage_problem(exc.message))),
              file=sys.stderr)
        return 2
    args.notices = notices
    root = Path(args.root)
    if not (root / "content").is_dir():
        print(notices(msg("error: {folder} has no content/ folder. Run the command in a "
                          "project folder or give --root DIR.", folder=root.resolve())),
              file=sys.stderr)
        return 2
    from generator.clock import ClockError, resolve_clock

    try:
        clock = resolve_clock(getattr(args, "clock", None))
    except ClockError as exc:
        print(notices(msg("error: {problem}", problem=exc.message)), file=sys.stderr)
        return 2
    import importlib

    # Each command's module (and what it needs: Markdown, Jinja, …) is imported only
    # when it runs, so `--help` and argument errors answer at once.
    module = importlib.import_module(f"generator.commands.{args.command}")
    return int(module.run(args, clock))
