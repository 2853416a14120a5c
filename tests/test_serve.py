"""`serve`: live preview in a subprocess, edits served within a second, errors, safety."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CLOCK, ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def wait_for(port: int, path: str, text: str, seconds: float) -> float:
    """Seconds until `text` is served at `path`; fails after `seconds`."""
    start = time.monotonic()
    while True:
        try:
            if text in get(port, path)[1]:
                return time.monotonic() - start
        except OSError:
            pass
        if time.monotonic() - start > seconds:
            pytest.fail(f"{text!r} not served at {path} within {seconds} s")
        time.sleep(0.02)


@pytest.fixture
def server(mini: Path, tmp_path: Path) -> Iterator[tuple[Path, int, subprocess.Popen]]:
    port = free_port()
    with open(tmp_path / "serve.log", "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--root",
                                 str(mini), "--port", str(port), "--clock", CLOCK], cwd=ROOT,
                                stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for(port, "/nb/", "Velkommen", 20)
        yield mini, port, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@pytest.fixture
def served(server: tuple[Path, int, subprocess.Popen]) -> tuple[Path, int]:
    return server[0], server[1]


def test_edit_is_served_within_a_second(served: tuple[Path, int]) -> None:
    project, port = served
    page = project / "content/nb/om.md"
    page.write_text(page.read_text().replace("Tekst på bokmål.", "Helt ny tekst i dag."))
    assert wait_for(port, "/nb/om/", "Helt ny tekst i dag.", 1.0) < 1.0
    assert "livereload.js" in get(port, "/nb/om/")[1]  # the browser reloads by itself
    assert not (project / "site").exists()  # the published site is never touched


def test_broken_page_shows_error_then_recovers(served: tuple[Path, int]) -> None:
    project, port = served
    page = project / "content/nb/om.md"
    good = page.read_text()
    page.write_text(good.replace("menu: 2", "menu: 2\n<b>x</b>: 1"))
    wait_for(port, "/nb/", "content/nb/om.md:4", 5)
    status, body = get(port, "/nn/kommunar/alfa/")  # every page shows it
    assert status == 500
    assert "content/nb/om.md:4: error: Unknown key &#39;&lt;b&gt;x&lt;/b&gt;&#39;" in body
    assert "<b>x</b>" not in body
    assert get(port, "/assets/style.css")[0] == 200  # the last good build is still there
    page.write_text(good.replace("Tekst på bokmål.", "Rettet igjen."))
    wait_for(port, "/nb/om/", "Rettet igjen.", 5)
    assert get(port, "/nb/")[0] == 200


def raw_get(port: int, target: str, host: str = "127.0.0.1") -> bytes:
    """The raw HTTP answer to GET `target` sent with Host: `host`."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
                  .encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data


def test_never_serves_files_outside_the_preview(served: tuple[Path, int]) -> None:
    project, port = served
    (project / "secret.txt").write_text("TOPSECRET")
    (project / ".cache/secret.txt").write_text("TOPSECRET")
    attempts = ["/../secret.txt", "/../../secret.txt", "/%2e%2e/secret.txt",
                "/%2E%2E/%2e%2e/secret.txt", "/..%2fsecret.txt", "/..%2f..%2fsecret.txt",
                "/%2e%2e%2fsecret.txt", "/.%2e/secret.txt", "/nb/../../secret.txt",
                "/..%5csecret.txt", "/%252e%252e/secret.txt", "/..%00/secret.txt",
                "//../secret.txt", "/%c0%ae%c0%ae/secret.txt", "/../../../../etc/passwd",
                "/..;/secret.txt"]
    for target in attempts:
        response = raw_get(port, target)
        assert b"TOPSECRET" not in response and b"root:" not in response, target
        assert not response.startswith(b"HTTP/1.1 200"), target
    assert raw_get(port, "/nb/").startswith(b"HTTP/1.1 200")


@pytest.mark.posix
def test_loopback_only_and_ctrl_c_stops(server: tuple[Path, int, subprocess.Popen],
                                         tmp_path: Path) -> None:
    _project, port, proc = server
    try:
        address = socket.gethostbyname(socket.gethostname())
    except OSError:
        address = "127.0.0.1"
    if not address.startswith("127."):
        with pytest.raises(OSError):
            socket.create_connection((address, port), timeout=2).close()
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=10) == 0
    assert "Stopped." in (tmp_path / "serve.log").read_text()


def test_the_watcher_reports_saved_files_and_stops(tmp_path: Path) -> None:
    import threading

    from generator.commands.serve import watch_changes

    folder = tmp_path / "content"
    folder.mkdir()
    calls: list[set[str] | None] = []
    stop = threading.Event()
    thread = threading.Thread(target=watch_changes, args=([folder], calls.append, stop))
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not calls and time.monotonic() < deadline:
            time.sleep(0.02)
        assert calls == [None]  # the watch is set up: compare everything once
        (folder / "side.md").write_text("ny")
        while len(calls) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert calls[1] == {str(folder / "side.md")}
    finally:
        stop.set()
        thread.join(5)
    assert not thread.is_alive()
