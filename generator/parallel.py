"""Run a function over chunks of a list in worker processes, results in input order.

The start method is chosen for safety (`start_method`): a plain fork only where
it is safe, on Linux in a process that runs a single thread (the `build`
command); "forkserver" wherever threads may run (`serve`'s event loop and file
watcher, macOS system libraries) and "spawn" on Windows.  Either way a worker
gets the function and the list as arguments of its process (`_work`: inherited
by a fork, pickled otherwise, so objects that hold files reopen them), then only
chunk bounds go to it and only the function's results come back.  With one job,
or one chunk, the chunks run one after the other in this process: the results
are the same.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_PER_WORKER = 64  # below this, starting a worker costs more than it saves
RENEW_AFTER = 32  # chunks per worker process before a fresh one takes over (see map_chunks)
# Modules a forkserver imports once, so that every worker forked from it has them.
PRELOAD = ["generator.render.batch", "generator.load.pages"]


def cores() -> int:
    """Cores this process may run on (its CPU affinity where the OS tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def worker_count(items: int, requested: int | None = None,
                 per_worker: int = MIN_PER_WORKER) -> int:
    """Processes to use for `items` pieces of work: `requested` (default: one per core),
    but at least `per_worker` items each, and at least 1."""
    jobs = requested if requested else cores()
    return max(1, min(jobs, items // per_worker))


def chunks(n: int, size: int) -> list[tuple[int, int]]:
    """Bounds `(start, end)` of consecutive slices of at most `size` of `range(n)`."""
    return [(start, min(start + size, n)) for start in range(0, n, size)]


def os_threads() -> int | None:
    """Threads of this process as the OS counts them (Linux: /proc/self/task, so also
    threads that libraries started), None where that cannot be known."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return None


def start_method() -> str:
    """The start method that is safe here and now.

    "fork" on Linux while this process runs exactly one thread: then no other
    thread can hold a lock the child would inherit locked (POSIX fork(2); the
    reason CPython 3.14 stopped making fork the default), and the workers share
    the parent's memory until they write to it.  Otherwise "forkserver" where the
    OS has it (macOS, BSD, Linux with threads), else "spawn" (Windows).
    """
    if sys.platform == "linux" and os_threads() == 1:
        return "fork"
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def context(method: str | None = None) -> BaseContext:
    """The multiprocessing context of `method` (default: `start_method()`)."""
    method = method or start_method()
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(PRELOAD)
    return ctx


def warm_up() -> None:
    """Start the forkserver now, so it imports PRELOAD in its own process while this one
    goes on (loading content); the first worker then does not wait for it.  Nothing
    where there is no forkserver, or when it already runs."""
    if start_method() == "forkserver":
        from multiprocessing import forkserver

        context()  # its preload list, before it starts
        forkserver.ensure_running()


def map_chunks(fn: Callable[[Sequence[T]], R], items: Sequence[T], jobs: int,
               size: int = 50, bounds: list[tuple[int, int]] | None = None,
               init: Callable[[], None] | None = None) -> Iterator[R]:
    """`fn(items[a:b])` for consecutive chunks, in order, on up to `jobs` processes.

    `fn`, `items` and `init` must pickle (a module-level function, a
    `functools.partial` or a dataclass with `__call__`).  `init` runs once in each
    worker before its first chunk (e.g. to reopen a file a fork inherited).
    `bounds` replaces the chunks of `size` when the work is not all alike.  An
    exception in a worker is raised here; a worker that dies raises RuntimeError.
    """
    bounds = chunks(len(items), size) if bounds is None else bounds
    if jobs <= 1 or len(bounds) <= 1:
        for a, b in bounds:
            yield fn(items[a:b])
        return
    method = start_method()
    pool = _Pool(context(method), min(jobs, len(bounds)), fn, items, init)
    if method == "fork":
        gc.freeze()  # forked workers share the parent's objects instead of copying them for gc
    try:
        yield from pool.run(bounds)
    finally:
        pool.close()
        if method == "fork":
            gc.unfreeze()


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    left: int  # chunks it takes before it is replaced
    task: int | None = None  # index of the chunk it works on


class _Pool:
    """Worker processes fed chunk bounds one at a time; each is replaced after
    RENEW_AFTER chunks, which returns the memory its chunks left behind."""

    def __init__(self, ctx: BaseContext, size: int, fn: Callable[[Sequence[Any]], Any],
                 items: Sequence[Any], init: Callable[[], None] | None = None):
        self.ctx, self.size, self.fn, self.items, self.init = ctx, size, fn, items, init
        self.workers: list[_Worker] = []

    def _start(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        args = (child, self.fn, self.items, self.init)
        process = self.ctx.Process(target=_work, args=args, daemon=True)  # type: ignore[attr-defined]
        process.start()
        child.close()
        return _Worker(process, parent, RENEW_AFTER)

    def run(self, bounds: list[tuple[int, int]]) -> Iterator[Any]:
        results: dict[int, Any] = {}
        sent = done = 0
        while done < len(bounds):
            while sent < len(bounds) and (len(self.workers) < self.size or
                                          any(w.task is None for w in self.workers)):
                worker = next((w for w in self.workers if w.task is None), None)
                if worker is None:
                    worker = self._start()
                    self.workers.append(worker)
                worker.conn.send(bounds[sent])
                worker.task, sent = sent, sent + 1
            busy = [w for w in self.workers if w.task is not None]
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
            for worker in busy:
                if worker.conn not in ready and worker.process.sentinel not in ready:
                    continue
                try:
                    ok, value = worker.conn.recv()
                except EOFError:  # it died: its end of the pipe closed without an answer
                    worker.process.join(5)
                    raise RuntimeError(f"A worker process stopped (exit code "
                                       f"{worker.process.exitcode}) while rendering.") from None
                if not ok:
                    raise value
                assert worker.task is not None
                results[worker.task], worker.task = value, None
                worker.left -= 1
                if worker.left == 0:
                    self._stop(worker)
            while done in results:
                yield results.pop(done)
                done += 1

    def _stop(self, worker: _Worker) -> None:
        self.workers.remove(worker)
        try:
            worker.conn.send(None)
        except OSError:
            pass
        worker.conn.close()
        worker.process.join(5)
        if worker.process.is_alive():
            worker.process.terminate()

    def close(self) -> None:
        for worker in list(self.workers):
            if worker.task is not None:
                worker.process.terminate()
            self._stop(worker)


def _work(conn: Connection, fn: Callable[[Sequence[Any]], Any], items: Sequence[Any],
          init: Callable[[], None] | None) -> None:
    """A worker's whole life: `init()`, then take bounds, send back
    `(True, fn(items[a:b]))`, until told to stop (None); an exception is sent back
    as `(False, exception)`."""
    if init is not None:
        init()
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        try:
            result = (True, fn(items[task[0]:task[1]]))
        except Exception as exc:  # noqa: BLE001 - raised again in the parent
            result = (False, exc)
        conn.send(result)
