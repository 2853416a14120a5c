"""`serve`: live-reload preview that rebuilds only what a saved file affects.

It builds into ROOT/.cache/preview (never site/), serves that folder on
127.0.0.1 with the livereload package, and checks for saved files several
times a second.  Broken content shows an error page; the last good build stays.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from generator.clock import Clock
from generator.incremental import Engine, Outcome
from generator.pipeline import Options
from generator.preview import PreviewApp, allowed_hosts, host_ok, origin_ok, printable
from generator.project import Project

POLL_MS = 100


def report(outcome: Outcome) -> None:
    ms = outcome.seconds * 1000
    if not outcome.ok:
        for finding in outcome.findings:
            print(printable(finding.format()), file=sys.stderr)
        print(f"Not updated: {len(outcome.findings)} error(s). The browser shows them; the "
              "last good build is kept.", file=sys.stderr, flush=True)
        return
    pages = sum(p.endswith(".html") for p in outcome.written)
    why = f" ({outcome.plan.reason})" if outcome.plan else ""
    print(f"Rebuilt {pages} page{'s' if pages != 1 else ''} in {ms:.0f} ms{why}.",
          file=sys.stderr, flush=True)


def run(args, clock: Clock) -> int:  # noqa: ANN001 (argparse namespace)
    from livereload import Server
    from livereload import handlers as lr_handlers
    from livereload.handlers import LiveReloadHandler
    from livereload.watcher import Watcher
    from tornado import ioloop, web

    project = Project(Path(args.root).resolve())
    out = project.root / ".cache" / "preview"
    engine = Engine(project, out, clock, Options(drafts=args.drafts, base_path="/"))
    report(engine.update())

    class EngineWatcher(Watcher):
        """livereload's watcher, asking the engine what changed instead of polling itself."""

        def start(self, callback) -> bool:  # noqa: ANN001
            ioloop.PeriodicCallback(callback, POLL_MS).start()
            return True

        def examine(self) -> tuple[str | None, None]:
            self._changes.clear()
            self.filepath = None
            outcome = engine.poll()
            if outcome is None:
                return None, None
            report(outcome)
            self.filepath = "*"
            return "*", None

    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0  # reload after every rebuild, not every 3 s
    allowed = allowed_hosts(args.host, args.port)
    guard_livereload(lr_handlers, web, allowed)
    watcher = EngineWatcher()
    watcher.watch(str(project.content))  # what livereload logs; the engine does the work

    class GuardedServer(Server):
        def _setup_logging(self) -> None:
            super()._setup_logging()
            for handler in logging.getLogger("livereload").handlers:
                handler.addFilter(_printable_record)

    server = GuardedServer(PreviewApp(out, lambda: engine.errors, allowed), watcher=watcher)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"Warning: serving on {args.host} makes the preview reachable from other "
              "computers.", file=sys.stderr)
    print(f"Preview of {project.root} on http://{args.host}:{args.port}/ "
          f"(built into {out}; Ctrl-C stops)", flush=True)
    server.serve(port=args.port, host=args.host, debug=False, restart_delay=0)
    print("Stopped.", flush=True)
    return 0


def _printable_record(record: logging.LogRecord) -> bool:
    """A log filter: the message with control characters removed (a browser sends the
    URL livereload logs; an escape sequence there would reach the terminal)."""
    record.msg = printable(record.getMessage())
    record.args = ()
    return True


def guard_livereload(lr_handlers: object, web: object,  # the modules, imported lazily
                     allowed: frozenset[str] | None) -> None:
    """livereload's own handlers (the WebSocket, livereload.js, /forcereload) accept any
    Host and any Origin; make them answer only this preview's address."""

    def prepare(self) -> None:  # noqa: ANN001
        if not host_ok(self.request.host, allowed) or \
                not origin_ok(self.request.headers.get("Origin"), allowed):
            raise web.HTTPError(403)  # type: ignore[attr-defined]

    def check_origin(self, origin: str) -> bool:  # noqa: ANN001
        return origin_ok(origin, allowed)

    for name in ("LiveReloadHandler", "LiveReloadJSHandler", "ForceReloadHandler"):
        getattr(lr_handlers, name).prepare = prepare
    lr_handlers.LiveReloadHandler.check_origin = check_origin  # type: ignore[attr-defined]
