"""The preview web app of `serve`: files of the output folder, or the build error.

A small WSGI app.  It serves only files inside the output folder (no `..`, no
hidden files, no links out of it, whatever the encoding of the request), and
while the content is broken it answers every page request with an error page
naming `path:line` and the message.

It answers only requests addressed to the address it listens on: the ``Host``
header must name it (so a web page cannot read drafts through DNS rebinding)
and an ``Origin`` header, where a browser sends one, must be the preview
itself (OWASP: verify origin with standard headers).  A server bound to a
non-loopback address on purpose (``--host 0.0.0.0``) accepts any host name.
Text from a request is never logged as it is: `printable` removes control
characters (an escape sequence could rewrite the editor's terminal).
"""

from __future__ import annotations

import ipaddress
import mimetypes
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jinja2

from generator.errors import Finding, Message, format_findings, msg
from generator.i18n.notices import Notices
from generator.project import DEFAULT_THEME

StartResponse = Callable[..., object]
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with control characters (and bidi overrides) shown as '?': safe to log."""
    return _CONTROL.sub("?", text)


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str, port: int) -> frozenset[str] | None:
    """The Host header values a preview bound to `host`:`port` answers (lower case);
    None (any) when it was bound to a non-loopback address on purpose."""
    if not _is_loopback(host):
        return None
    names = {"localhost", "127.0.0.1", "[::1]", f"[{host}]" if ":" in host else host}
    # a loopback name without the port is as safe: only a local client sends it
    return frozenset(f"{name}:{port}" for name in names) | frozenset(names)


def host_ok(header: str | None, allowed: frozenset[str] | None) -> bool:
    """The request's Host header names this preview (DNS rebinding guard)."""
    return allowed is None or (header or "").strip().lower() in allowed


def origin_ok(origin: str | None, allowed: frozenset[str] | None) -> bool:
    """No Origin (a plain navigation) or this preview's own origin."""
    if not origin:
        return True
    parts = urlsplit(origin.strip().lower())
    return parts.scheme == "http" and host_ok(parts.netloc, allowed)


def safe_file(out: Path, path_info: str) -> Path | None:
    """The file under `out` a request path names, or None if it names anything else."""
    try:
        path = path_info.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    for text in (path, unquote(path)):  # also refuse what is encoded twice
        if "\x00" in text or "\\" in text:
            return None
        if any(part in (".", "..") or part.startswith(".") for part in text.split("/")):
            return None
    root = out.resolve()
    target = root.joinpath(*[p for p in path.split("/") if p])
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError):
        return None
    if resolved != root and not resolved.is_relative_to(root):
        return None
    return resolved


class PreviewApp:
    def __init__(self, out: Path, errors: Callable[[], list[Finding]],
                 notices: Notices | None = None, root: Path | None = None,
                 allowed: frozenset[str] | None = frozenset({"127.0.0.1:8000",
                                                             "localhost:8000"})):
        self.out = out
        self.errors = errors
        self.notices = notices or Notices()  # the language of the error page
        self.root = root  # the project, to quote the lines the errors point at
        self.allowed = allowed  # Host values answered (DNS rebinding guard)
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(DEFAULT_THEME /
                                                                    "templates")),
                                 autoescape=True)
        self.error_template = env.get_template("serve-error.html")

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Answer one WSGI request: a file of the preview, the error page, or 403 for a
        foreign Host or Origin (DNS rebinding)."""
        if not host_ok(environ.get("HTTP_HOST"), self.allowed) or \
                not origin_ok(environ.get("HTTP_ORIGIN"), self.allowed):
            return self._send(start_response, "403 Forbidden",
                              b"This preview answers only its own address.", "text/plain")
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return self._text(start_response, "405 Method Not Allowed",
                              msg("Method not allowed"))
        path_info = environ.get("PATH_INFO") or "/"
        target = safe_file(self.out, path_info)
        if target is None:
            return self._text(start_response, "404 Not Found", msg("Not found"))
        if target.is_dir():
            if not path_info.endswith("/"):
                location = path_info.encode("latin-1").decode("utf-8", "replace") + "/"
                location = "/" + location.lstrip("/")  # "//nb" would name another host
                start_response("301 Moved Permanently", [("Location", _quote(location)),
                                                         ("Content-Length", "0")])
                return [b""]
            target = target / "index.html"
        errors = self.errors()
        if errors and (target.suffix == ".html" or not target.suffix):
            page = self.error_page(errors)
            return self._send(start_response, "500 Internal Server Error", page.encode(),
                              "text/html; charset=utf-8")
        if not target.is_file():
            return self._text(start_response, "404 Not Found", msg("Not found"))
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/json", "application/xml"):
            kind += "; charset=utf-8"
        return self._send(start_response, "200 OK", target.read_bytes(), kind)

    def _text(self, start_response: StartResponse, status: str,
              message: Message) -> list[bytes]:
        return self._send(start_response, status, self.notices(message).encode(),
                          "text/plain; charset=utf-8")

    def error_page(self, errors: list[Finding]) -> str:
        """The page shown instead of every page while the content has errors."""
        n = self.notices
        return self.error_template.render(
            lang=n.lang, title=n(msg("Build error – preview")),
            heading=n(msg("The preview cannot be updated")),
            intro=n(msg("Fix the problem below and save; this page reloads by itself. Until "
                        "then, the last good build is kept.")),
            findings=format_findings(errors, n, self.root))

    @staticmethod
    def _send(start_response: StartResponse, status: str, body: bytes,
              kind: str) -> list[bytes]:
        start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body))),
                                ("Cache-Control", "no-store")])
        return [body]


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")
