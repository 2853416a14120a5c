"""Worker processes: a start method safe on every OS, results in order, failures raised."""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest

from generator import parallel
from generator.project import Project
from generator.render.theme import load_theme


def _squares(offset: int, chunk: Sequence[int]) -> list[tuple[int, int]]:
    return [(x, x * x + offset) for x in chunk] + [(-1, os.getpid())]


def _fail_on(bad: int, chunk: Sequence[int]) -> list[int]:
    if bad in chunk:
        raise ValueError(f"bad item {bad}")
    return list(chunk)


def _die(chunk: Sequence[int]) -> list[int]:
    os._exit(3)


@contextmanager
def another_thread() -> Iterator[None]:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def test_no_plain_fork_while_another_thread_runs() -> None:
    with another_thread():
        assert parallel.start_method() in ("forkserver", "spawn")
        results = list(parallel.map_chunks(partial(_squares, 1), list(range(200)), 2, size=10))
    assert [p for chunk in results for p in chunk if p[0] >= 0] == \
        [(x, x * x + 1) for x in range(200)]
    assert os.getpid() not in {chunk[-1][1] for chunk in results}


def test_fork_only_on_linux_with_one_thread() -> None:
    threads = parallel.os_threads()
    expected = "fork" if sys.platform == "linux" and threads == 1 else None
    if expected:
        assert parallel.start_method() == "fork"
    else:
        assert parallel.start_method() != "fork"


def test_chunks_come_back_in_order_from_other_processes() -> None:
    items = list(range(500))
    results = list(parallel.map_chunks(partial(_squares, 7), items, jobs=2, size=10))
    values = [pair for chunk in results for pair in chunk if pair[0] >= 0]
    assert values == [(x, x * x + 7) for x in items]
    pids = {chunk[-1][1] for chunk in results}
    assert os.getpid() not in pids and len(pids) >= 2  # renewed after RENEW_AFTER chunks


def test_an_error_in_a_worker_is_raised_in_the_parent() -> None:
    with pytest.raises(ValueError, match="bad item 123"):
        list(parallel.map_chunks(partial(_fail_on, 123), list(range(300)), jobs=2, size=10))


def test_a_worker_that_dies_is_an_error_not_a_hang() -> None:
    with pytest.raises(RuntimeError, match="exit code 3"):
        list(parallel.map_chunks(_die, list(range(100)), jobs=2, size=10))


def test_a_theme_travels_as_what_reloads_it(mini: Path) -> None:
    theme = load_theme(Project(mini))
    theme.env_for("nb").get_template("base.html")
    again = pickle.loads(pickle.dumps(theme))
    assert again.fingerprint == theme.fingerprint
    assert again.bytecode.store == theme.bytecode.store  # compiled once, not per worker
    assert again.env_for("nn").get_template("base.html").render is not None
    (mini / "templates").mkdir(exist_ok=True)
    (mini / "templates/base.html").write_text("changed")
    with pytest.raises(Exception, match="changed during the build"):
        pickle.loads(pickle.dumps(theme))
