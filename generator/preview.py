"""The preview web app of `serve`: files of the output folder, or the build error.

A small WSGI app.  It serves only files inside the output folder (no `..`, no
hidden files, no links out of it, whatever the encoding of the request), and
while the content is broken it answers every page request with an error page
naming `path:line` and the message.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import unquote

import jinja2

from generator.errors import Finding, Message, format_findings, msg
from generator.i18n.notices import Notices
from generator.project import DEFAULT_THEME

StartResponse = Callable[..., object]


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
                 notices: Notices | None = None, root: Path | None = None):
        self.out = out
        self.errors = errors
        self.notices = notices or Notices()  # the language of the error page
        self.root = root  # the project, to quote the lines the errors point at
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(DEFAULT_THEME /
                                                                    "templates")),
                                 autoescape=True)
        self.error_template = env.get_template("serve-error.html")

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
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
