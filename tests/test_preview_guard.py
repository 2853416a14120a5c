"""The preview answers only its own address (issue 16, kind 7).

* ``Host: evil.example`` (DNS rebinding) gets 403, not a draft;
* a request or WebSocket from a foreign ``Origin`` is refused;
* ``GET //nb`` redirects to ``/nb/`` on the same host, never to ``//nb/``;
* what a browser sends is logged without control characters.
"""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from test_serve import server  # noqa: F401 (the running preview, a fixture)

from generator.preview import PreviewApp, allowed_hosts, origin_ok, printable


def call(app: PreviewApp, path: str, host: str = "127.0.0.1:8000",
         origin: str | None = None) -> tuple[str, dict[str, str], bytes]:
    seen: dict[str, object] = {}

    def start(status: str, headers: list[tuple[str, str]]) -> None:
        seen["status"], seen["headers"] = status, dict(headers)

    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "HTTP_HOST": host}
    if origin:
        environ["HTTP_ORIGIN"] = origin
    body = b"".join(app(environ, start))
    return str(seen["status"]), seen["headers"], body  # type: ignore[return-value]


@pytest.fixture
def app(tmp_path: Path) -> PreviewApp:
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb/index.html").write_text("<h1>Utkast</h1>", encoding="utf-8")
    return PreviewApp(tmp_path, lambda: [], allowed=allowed_hosts("127.0.0.1", 8000))


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil:8000",
                                  "127.0.0.1:9999", "", "localhost:8000@evil"])
def test_foreign_host_is_refused(app: PreviewApp, host: str) -> None:
    status, _headers, body = call(app, "/nb/", host=host)
    assert status.startswith("403") and b"Utkast" not in body


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000",
                                  "[::1]:8000", "127.0.0.1"])
def test_own_host_is_served(app: PreviewApp, host: str) -> None:
    status, _headers, body = call(app, "/nb/", host=host)
    assert status.startswith("200") and b"Utkast" in body


@pytest.mark.parametrize("origin", ["https://evil.example", "http://evil.example:8000",
                                    "null", "http://127.0.0.1:9999", "https://127.0.0.1:8000"])
def test_foreign_origin_is_refused(app: PreviewApp, origin: str) -> None:
    assert call(app, "/nb/", origin=origin)[0].startswith("403")
    assert not origin_ok(origin, allowed_hosts("127.0.0.1", 8000))


def test_public_bind_accepts_any_host(tmp_path: Path) -> None:
    assert allowed_hosts("0.0.0.0", 8000) is None
    assert allowed_hosts("::1", 8000) is not None


@pytest.mark.parametrize("path", ["//nb", "///nb", "//nb?x"])
def test_no_redirect_to_another_host(app: PreviewApp, path: str) -> None:
    status, headers, _ = call(app, path.split("?")[0])
    assert status.startswith("301")
    assert headers["Location"] == "/nb/"


def test_printable_removes_terminal_escapes() -> None:
    assert printable("Browser Connected: http://x/\x1b]0;pwned\x07\x1b[2J\u202e") == \
        "Browser Connected: http://x/?]0;pwned??[2J?"


def ws_handshake(port: int, host: str, origin: str | None) -> bytes:
    key = base64.b64encode(os.urandom(16)).decode()
    lines = ["GET /livereload HTTP/1.1", f"Host: {host}", "Upgrade: websocket",
             "Connection: Upgrade", f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13"]
    if origin:
        lines.append(f"Origin: {origin}")
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        return s.recv(4096)


def ws_send_text(port: int, text: str) -> None:
    """Open the livereload WebSocket from the preview's own origin and send one frame."""
    key = base64.b64encode(os.urandom(16)).decode()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall((f"GET /livereload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                   f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                   f"Sec-WebSocket-Version: 13\r\nOrigin: http://127.0.0.1:{port}\r\n\r\n")
                  .encode())
        assert s.recv(4096).startswith(b"HTTP/1.1 101")
        for payload in ('{"command": "hello"}', text):
            data = payload.encode()
            mask = os.urandom(4)
            header = bytes([0x81, 0x80 | len(data)]) if len(data) < 126 else \
                bytes([0x81, 0x80 | 126]) + len(data).to_bytes(2, "big")
            s.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))
        time.sleep(0.3)


def test_running_preview_checks_host_origin_and_cleans_log(
        server: tuple[Path, int, subprocess.Popen], tmp_path: Path) -> None:  # noqa: F811
    _project, port, _proc = server
    from test_serve import raw_get

    assert raw_get(port, "/nb/").startswith(b"HTTP/1.1 200")
    evil: Callable[[str], bytes] = lambda host: _raw(port, "/nb/", host)  # noqa: E731
    assert evil("evil.example").startswith(b"HTTP/1.1 403")
    assert evil(f"evil.example:{port}").startswith(b"HTTP/1.1 403")
    assert _raw(port, "/livereload.js", "evil.example").startswith(b"HTTP/1.1 403")
    assert _raw(port, "/forcereload", "evil.example").startswith(b"HTTP/1.1 403")
    assert ws_handshake(port, f"127.0.0.1:{port}", "https://evil.example") \
        .startswith(b"HTTP/1.1 403")
    assert ws_handshake(port, f"evil.example:{port}", None).startswith(b"HTTP/1.1 403")
    assert ws_handshake(port, f"127.0.0.1:{port}", f"http://127.0.0.1:{port}") \
        .startswith(b"HTTP/1.1 101")
    ws_send_text(port, '{"command": "info", "url": "http://x/\\u001b]0;pwned\\u0007"}')
    log = (tmp_path / "serve.log").read_bytes()
    assert b"403 GET /livereload" in log  # the refused requests above are logged
    assert b"\x1b" not in log and b"\x07" not in log


def _raw(port: int, target: str, host: str) -> bytes:
    from test_serve import raw_get

    return raw_get(port, target, host)
