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
from generator.errors import format_findings, msg
from generator.i18n.notices import Notices, notices_for
from generator.incremental import Engine, Outcome
from generator.pipeline import Options
from generator.preview import PreviewApp
from generator.project import Project

POLL_MS = 100


def report(outcome: Outcome, notices: Notices, root: Path | None = None) -> None:
    ms = f"{outcome.seconds * 1000:.0f}"
    if not outcome.ok:
        for text in format_findings(outcome.findings, notices, root):
            print(text, file=sys.stderr)
        n = len(outcome.findings)
        print(notices(msg("Not updated: {n} error. The browser shows it; the last good build "
                          "is kept.", n=n) if n == 1 else
                      msg("Not updated: {n} errors. The browser shows them; the last good "
                          "build is kept.", n=n)), file=sys.stderr, flush=True)
        return
    pages = sum(p.endswith(".html") for p in outcome.written)
    why = f" ({notices(outcome.plan.reason)})" if outcome.plan else ""
    print(notices(msg("Rebuilt {n} page in {ms} ms{why}.", n=pages, ms=ms, why=why)
                  if pages == 1 else
                  msg("Rebuilt {n} pages in {ms} ms{why}.", n=pages, ms=ms, why=why)),
          file=sys.stderr, flush=True)


def run(args, clock: Clock) -> int:  # noqa: ANN001 (argparse namespace)
    from livereload import Server
    from livereload.handlers import LiveReloadHandler
    from livereload.watcher import Watcher
    from tornado import ioloop

    project = Project(Path(args.root).resolve())
    notices = notices_for(args)
    out = project.root / ".cache" / "preview"
    engine = Engine(project, out, clock, Options(drafts=args.drafts, base_path="/"))
    report(engine.update(), notices, project.root)

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
            report(outcome, notices, project.root)
            self.filepath = "*"
            return "*", None

    class QuietServer(Server):
        """livereload's server without its English info lines; ours say the same in Norwegian."""

        def _setup_logging(self) -> None:
            super()._setup_logging()
            logging.getLogger("livereload").setLevel(logging.WARNING)

    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0  # reload after every rebuild, not every 3 s
    watcher = EngineWatcher()
    watcher.watch(str(project.content))  # what livereload logs; the engine does the work
    server = QuietServer(PreviewApp(out, lambda: engine.errors, notices, project.root),
                    watcher=watcher)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(notices(msg("Warning: serving on {host} makes the preview reachable from other "
                          "computers.", host=args.host)), file=sys.stderr)
    print(notices(msg("Preview of {root} on http://{host}:{port}/ (built into {out}; Ctrl-C "
                      "stops)", root=project.root, host=args.host, port=args.port, out=out)),
          flush=True)
    server.serve(port=args.port, host=args.host, debug=False, restart_delay=0)
    print(notices(msg("Stopped.")), flush=True)
    return 0
