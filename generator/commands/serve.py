"""`serve`: live-reload preview that rebuilds only what a saved file affects.

It builds into ROOT/.cache/preview (never site/), serves that folder on
127.0.0.1 with the livereload package, and checks for saved files several
times a second.  Broken content shows an error page; the last good build stays.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from generator.clock import Clock
from generator.incremental import Engine, Outcome
from generator.pipeline import Options
from generator.preview import PreviewApp
from generator.project import Project

POLL_MS = 100


def report(outcome: Outcome) -> None:
    ms = outcome.seconds * 1000
    if not outcome.ok:
        for finding in outcome.findings:
            print(finding.format(), file=sys.stderr)
        print(f"Not updated: {len(outcome.findings)} error(s). The browser shows them; the "
              "last good build is kept.", file=sys.stderr, flush=True)
        return
    pages = sum(p.endswith(".html") for p in outcome.written)
    why = f" ({outcome.plan.reason})" if outcome.plan else ""
    print(f"Rebuilt {pages} page{'s' if pages != 1 else ''} in {ms:.0f} ms{why}.",
          file=sys.stderr, flush=True)


def run(args: argparse.Namespace, clock: Clock) -> int:
    from livereload import Server
    from livereload.handlers import LiveReloadHandler
    from livereload.watcher import Watcher
    from tornado import ioloop

    project = Project(Path(args.root).resolve())
    out = project.root / ".cache" / "preview"
    engine = Engine(project, out, clock, Options(drafts=args.drafts, base_path="/"))
    report(engine.update())

    class EngineWatcher(Watcher):  # type: ignore[misc]
        """livereload's watcher, asking the engine what changed instead of polling itself."""

        def start(self, callback: Callable[[], None]) -> bool:
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
    watcher = EngineWatcher()
    watcher.watch(str(project.content))  # what livereload logs; the engine does the work
    server = Server(PreviewApp(out, lambda: engine.errors), watcher=watcher)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"Warning: serving on {args.host} makes the preview reachable from other "
              "computers.", file=sys.stderr)
    print(f"Preview of {project.root} on http://{args.host}:{args.port}/ "
          f"(built into {out}; Ctrl-C stops)", flush=True)
    server.serve(port=args.port, host=args.host, debug=False, restart_delay=0)
    print("Stopped.", flush=True)
    return 0
