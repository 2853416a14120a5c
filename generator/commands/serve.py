"""`serve`: live-reload preview that rebuilds only what a saved file affects.

It builds into ROOT/.cache/preview (never site/), serves that folder on
127.0.0.1 with the livereload package, and rebuilds when the operating system
reports a saved file (`watchfiles`: inotify, FSEvents, ReadDirectoryChangesW),
so an idle preview costs no CPU.  Whether a reported file really changed is
decided by its content (`Engine.scan`).  Broken content shows an error page;
the last good build stays.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from generator.clock import Clock
from generator.errors import format_findings, msg
from generator.i18n.notices import Notices, notices_for
from generator.incremental import Engine, Outcome
from generator.pipeline import Options
from generator.preview import PreviewApp, allowed_hosts, host_ok, origin_ok, printable
from generator.project import Project

QUIET_MS = 100  # after a rebuild, feeds and other outputs are written this much later


def watch_changes(roots: Iterable[Path], on_change: Callable[[set[str] | None], None],
                  stop: threading.Event) -> None:
    """Call `on_change` with the absolute paths of each batch of changed files under
    `roots` (grouped by watchfiles: 50 ms without a new event), until `stop` is set.

    The first call, once the watch is set up, gets None: "anything may have changed
    before the watch began" (the caller compares every file).  Blocks: run it in a
    thread.  Between events it wakes four times a second, to see `stop`, and does
    nothing else.
    """
    import watchfiles

    folders = [str(r) for r in roots if r.is_dir()]
    ready = False
    for changes in watchfiles.watch(*folders, stop_event=stop, raise_interrupt=False,
                                    rust_timeout=250, yield_on_timeout=True):
        if not ready:
            ready = True
            on_change(None)
        if changes:
            on_change({path for _change, path in changes})


def report(outcome: Outcome, notices: Notices, root: Path | None = None) -> None:
    """Print a rebuild's outcome on stderr in the language of `notices`: pages rebuilt and
    milliseconds, or the errors (paths relative to `root`)."""
    ms = f"{outcome.seconds * 1000:.0f}"
    if not outcome.ok:
        for text in format_findings(outcome.findings, notices, root):
            print(printable(text), file=sys.stderr)
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


class EventFeed:
    """The engine's side of livereload's watcher: paths from file-system events go in
    (`start`), a rebuild comes out (`examine`)."""

    def __init__(self, engine: Engine, notices: Notices, root: Path | None = None) -> None:
        self.engine = engine
        self.notices = notices  # what `report` prints in
        self.root = root
        self.reported: set[str] | None = set()  # paths not yet examined (None: every file)
        self.stop = threading.Event()
        self.quiet: Callable[[], object] = lambda: None  # set by start

    def start(self, loop: Any, callback: Callable[[], None]) -> None:
        """Watch the engine's folders in a thread; on each batch of events, note the
        paths and call `callback` on the event loop `loop` (tornado's IOLoop)."""

        def changed(paths: set[str] | None) -> None:  # on the event loop
            if paths is None or self.reported is None:
                self.reported = None
            else:
                self.reported |= paths
            callback()

        threading.Thread(target=watch_changes, daemon=True,
                         args=(self.engine.roots(),
                               lambda paths: loop.add_callback(changed, paths),
                               self.stop)).start()
        self.quiet = lambda: loop.call_later(QUIET_MS / 1000, callback)

    def examine(self) -> bool:
        """Rebuild what the noted paths changed; True if the browser should reload.
        Outputs a rebuild put off (feeds …) follow QUIET_MS later."""
        reported, self.reported = self.reported, set()
        outcome = self.engine.poll(reported)
        if self.engine.machine_due:
            self.quiet()  # feeds and the rest, once the browser has its page
        if outcome is None:
            return False
        report(outcome, self.notices, self.root)
        return True


def livereload_watcher(feed: EventFeed) -> Any:
    """A livereload `Watcher` that asks `feed` instead of polling files itself."""
    from livereload.watcher import Watcher
    from tornado import ioloop

    class EngineWatcher(Watcher):  # type: ignore[misc]
        def start(self, callback: Callable[[], None]) -> bool:
            feed.start(ioloop.IOLoop.current(), callback)
            return True

        def examine(self) -> tuple[str | None, None]:
            self._changes.clear()
            self.filepath = "*" if feed.examine() else None
            return self.filepath, None

    return EngineWatcher()


def run(args: argparse.Namespace, clock: Clock) -> int:
    """`serve`: build into ROOT/.cache/preview and serve it with live reload on --host:--port,
    rebuilding on file-system events until Ctrl-C; returns 0.
    """
    from livereload import Server
    from livereload import handlers as lr_handlers
    from livereload.handlers import LiveReloadHandler
    from tornado import web

    project = Project(Path(args.root).resolve())
    notices = notices_for(args)
    out = project.root / ".cache" / "preview"
    engine = Engine(project, out, clock, Options(drafts=args.drafts, base_path="/"),
                    notices)
    report(engine.update(), notices, project.root)

    class QuietServer(Server):  # type: ignore[misc]
        """livereload's server without its English info lines; ours say the same in Norwegian."""

        def _setup_logging(self) -> None:
            super()._setup_logging()
            logger = logging.getLogger("livereload")
            logger.setLevel(logging.WARNING)
            for handler in logger.handlers:  # control characters never reach the terminal
                handler.addFilter(_printable_record)

    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0  # reload after every rebuild, not every 3 s
    allowed = allowed_hosts(args.host, args.port)
    guard_livereload(lr_handlers, web, allowed)
    feed = EventFeed(engine, notices, project.root)
    watcher = livereload_watcher(feed)
    watcher.watch(str(project.content))  # what livereload logs; the engine does the work
    server = QuietServer(PreviewApp(out, lambda: engine.errors, notices, project.root,
                                    allowed), watcher=watcher)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(notices(msg("Warning: serving on {host} makes the preview reachable from other "
                          "computers.", host=args.host)), file=sys.stderr)
    print(notices(msg("Preview of {root} on http://{host}:{port}/ (built into {out}; Ctrl-C "
                      "stops)", root=project.root, host=args.host, port=args.port, out=out)),
          flush=True)
    try:
        server.serve(port=args.port, host=args.host, debug=False, restart_delay=0)
    finally:
        feed.stop.set()
    print(notices(msg("Stopped.")), flush=True)
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

    def prepare(self: Any) -> None:
        if not host_ok(self.request.host, allowed) or \
                not origin_ok(self.request.headers.get("Origin"), allowed):
            raise web.HTTPError(403)  # type: ignore[attr-defined]

    def check_origin(self: Any, origin: str) -> bool:
        return origin_ok(origin, allowed)

    for name in ("LiveReloadHandler", "LiveReloadJSHandler", "ForceReloadHandler"):
        getattr(lr_handlers, name).prepare = prepare
    lr_handlers.LiveReloadHandler.check_origin = check_origin  # type: ignore[attr-defined]
