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
import errno
import logging
import socket
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from generator.clock import Clock
from generator.errors import Message, format_findings, msg
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
    pages = outcome.pages  # the site's pages, counted as `build` counts them
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


STARTUP_FAILED = 2  # the exit code when the preview cannot listen (as `build` when refused)


def try_listen(host: str, port: int) -> OSError | None:
    """None if the preview could listen on `host`:`port` now, else the error listening
    gave (port taken, no rights, no such address).  The sockets are closed again: the
    server binds its own (tornado's `bind_sockets`, SO_REUSEADDR, so closing leaves no
    TIME_WAIT behind)."""
    from tornado.netutil import bind_sockets

    if not 0 < port < 65536:  # getaddrinfo would quietly take 70000 as 70000 % 65536
        return OSError(errno.EINVAL, "port out of range")
    try:
        for sock in bind_sockets(port, address=host):
            sock.close()
    except OSError as exc:
        return exc
    return None


def free_port_near(host: str, port: int, tries: int = 20) -> int | None:
    """The first port after `port` (at least 1024: no administrator rights needed) that
    the preview could listen on, or None among `tries` ports."""
    start = max(port + 1, 1024) if port < 65535 else 8001
    for candidate in range(start, min(start + tries, 65536)):
        if try_listen(host, candidate) is None:
            return candidate
    return None


def startup_problem(exc: OSError, host: str, port: int) -> tuple[Message, Message | None]:
    """What an editor is told when the preview cannot listen on `host`:`port`, and the fix:
    the port in use (another preview running), a port that needs administrator rights
    (below 1024 on Linux and macOS), an address this computer does not have, or the
    operating system's own words for anything else."""
    def other_port() -> Message | None:
        free = free_port_near(host, port)
        return msg("Use --port {port}.", port=free) if free else None

    if exc.errno == errno.EADDRINUSE or getattr(exc, "winerror", None) == 10048:
        return (msg("Port {port} is in use (is the preview already running in another "
                    "window?).", port=port), other_port())
    if exc.errno in (errno.EACCES, errno.EPERM) or getattr(exc, "winerror", None) == 10013:
        return (msg("Port {port} needs administrator rights on this computer.", port=port),
                other_port())
    if isinstance(exc, socket.gaierror) or exc.errno == errno.EADDRNOTAVAIL:
        return (msg("The preview cannot listen on '{host}': this computer has no such "
                    "address.", host=host),
                msg("Leave out --host (the preview then listens on 127.0.0.1, this computer "
                    "only)."))
    if exc.errno == errno.EINVAL and not 0 < port < 65536:
        return (msg("{port} is not a port number.", port=port),
                msg("Use a number from 1024 to 65535, such as --port 8000."))
    return (msg("The preview cannot start on {host}:{port}: {problem}", host=host, port=port,
                problem=exc.strerror or exc), None)


def print_startup_problem(exc: OSError, host: str, port: int, notices: Notices) -> int:
    """Print `startup_problem` on stderr; returns the exit code, `STARTUP_FAILED`."""
    problem, fix = startup_problem(exc, host, port)
    text = notices(msg("error: {problem}", problem=problem))
    print(printable(text + (f" {notices(fix)}" if fix else "")), file=sys.stderr, flush=True)
    return STARTUP_FAILED


def run(args: argparse.Namespace, clock: Clock) -> int:
    """`serve`: build into ROOT/.cache/preview and serve it with live reload on --host:--port,
    rebuilding on file-system events until Ctrl-C; returns 0, or `STARTUP_FAILED` with a
    message (no traceback) when it cannot listen there (`startup_problem`).  The address
    is tried before the build, so the editor does not wait for a preview that cannot run.
    """
    from livereload import Server
    from livereload import handlers as lr_handlers
    from livereload.handlers import LiveReloadHandler
    from tornado import web

    project = Project(Path(args.root).resolve())
    notices = notices_for(args)
    refused = try_listen(args.host, args.port)
    if refused is not None:
        return print_startup_problem(refused, args.host, args.port, notices)
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

        def application(self, *a: Any, **kw: Any) -> None:
            super().application(*a, **kw)  # listens: raises OSError if the port is taken
            print(notices(msg("Preview of {root} on http://{host}:{port}/ (built into {out}; "
                              "Ctrl-C stops)", root=project.root, host=args.host,
                              port=args.port, out=out)), flush=True)

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
    try:
        server.serve(port=args.port, host=args.host, debug=False, restart_delay=0)
    except OSError as exc:  # taken between the first try and now
        return print_startup_problem(exc, args.host, args.port, notices)
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
