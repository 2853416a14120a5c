"""Load and validate content/config.yaml."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from generator.errors import Message, Report, msg
from generator.load.fields import Fields
from generator.load.source import load_yaml_file, loaded
from generator.model import Config, Contact, Text

CONFIG_FILE = "config.yaml"
KEYS = ("base_url", "base_path", "default_language", "site_name", "tagline", "organisation",
        "contact", "banner_days", "lix_threshold", "max_sentence_words", "sections", "feed_entries",
        "accessibility_statement", "helsami_url")
SECTIONS = {
    "timeline": Text("tidslinje", "tidsline"),
    "places": Text("kommuner", "kommunar"),
    "reductions": Text("redusert-kapasitet", "redusert-kapasitet"),
    "search": Text("sok", "sok"),
}


_HOST = re.compile(r"(?:[\w-]+\.)*[\w-]+|\[[0-9A-Fa-f:.]+\]")


def _site_address(url: str) -> bool:
    """http(s)://host[:port], the host a name or a bracketed IPv6 address (RFC 3986 §3.2)."""
    m = re.fullmatch(r"https?://([^/?#\s]+)", url)
    if not m:
        return False
    host, _, port = m.group(1).rpartition(":") if not m.group(1).endswith("]") and \
        ":" in m.group(1) else (m.group(1), "", "")
    if port and not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
        return False
    if not _HOST.fullmatch(host) or "_" in host:
        return False
    try:
        urlsplit(url).port  # noqa: B018 - raises on a malformed authority
    except ValueError:
        return False
    return True


def normalise_base_path(value: str) -> str:
    """A base path as '/' or '/part/…/' (slashes added, empty parts dropped)."""
    parts = [p for p in value.strip().split("/") if p]
    return "/" + "".join(p + "/" for p in parts)


def load_config(report: Report, content: Path, root: Path,
                base_path: str | None = None, base_url: str | None = None) -> Config | None:
    """content/config.yaml as a `Config` (command-line `base_path`/`base_url` win); None with
    errors in `report` if it is missing or invalid.
    """
    path = content / CONFIG_FILE
    if not path.exists():
        report.error(path, None, msg("The site settings file is missing."),
                     msg("Create content/{file} with at least 'site_name' and 'base_url'.",
                         file=CONFIG_FILE), code="missing-config")
        return None
    data = load_yaml_file(report, path, root)
    if not loaded(data):
        return None
    f = Fields(report, path, data, msg("the site settings (config.yaml)"))
    f.known(KEYS)
    url = base_url or f.text("base_url", required=True) or "http://localhost"
    if not _site_address(url.rstrip("/")):
        f.error("base_url", msg("base_url '{url}' is not a site address.", url=url),
                msg("Write scheme and host only, like https://example.org (no path)."),
                code="bad-base-url")
    bp_raw = base_path if base_path is not None else (f.text("base_path") or "/")
    if not re.fullmatch(r"[A-Za-z0-9._~/-]*", bp_raw) or ".." in bp_raw:
        f.error("base_path", msg("base_path '{path}' may only hold letters, digits, '-', '_' "
                                 "and '/'.", path=bp_raw),
                msg("Write it like /helseplattformen/."), code="bad-base-path")
        bp_raw = "/"
    sections = dict(SECTIONS)
    if f.has("sections"):
        s = f.sub("sections", "'sections'")
        s.known(SECTIONS)
        for name in SECTIONS:
            if s.has(name):
                t = s.bilingual(name)
                if t and all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", v) for v in (t.nb, t.nn)):
                    sections[name] = t
                elif t:
                    s.error(name, msg("The URL segment for '{name}' may only hold a–z, 0–9 "
                                      "and '-'.", name=name), code="bad-section")
    threshold = f.raw("lix_threshold")
    if threshold is not None and (isinstance(threshold, bool)
                                  or not isinstance(threshold, int | float)):
        f.error("lix_threshold", msg("lix_threshold must be a number, like 40."),
                code="bad-lix-threshold")
        threshold = None
    statement = _web_address(
        report, path, f, "accessibility_statement", re.compile(r"https://\S+"),
        lambda value: msg("accessibility_statement '{value}' is not a web address.",
                          value=value),
        msg("Write the address of the statement on uustatus.no, starting with https://."),
        "config-statement-url")
    helsami = _web_address(
        report, path, f, "helsami_url", re.compile(r"https://[^\s/?#]+\.[^\s/?#]+(?:/\S*)?"),
        lambda value: msg("helsami_url '{value}' is not a web address.", value=value),
        msg("Write the address of HelsaMi, the patient portal, starting with https://, like "
            "https://helsami.no."), "config-helsami-url")
    return Config(
        accessibility_statement=statement,
        helsami_url=helsami,
        base_url=url.rstrip("/"),
        base_path=normalise_base_path(bp_raw),
        default_language=f.choice("default_language", ("nb", "nn"), default="nb") or "nb",
        site_name=f.bilingual("site_name", required=True, name_like=True) or Text("", ""),
        tagline=f.bilingual("tagline"),
        organisation=f.bilingual("organisation", name_like=True) or Text("", ""),
        contact=f.contact("contact"),
        banner_days=_or(f.integer("banner_days", minimum=0, maximum=366), 14),
        lix_threshold=float(threshold) if threshold is not None else 40.0,
        max_sentence_words=_or(f.integer("max_sentence_words", minimum=5, maximum=1000), 25),
        sections=sections,
        feed_entries=_or(f.integer("feed_entries", minimum=1, maximum=10_000), 50),
    )


def _web_address(report: Report, path: Path, f: Fields, key: str, form: re.Pattern[str],
                 problem: Callable[[str], Message], hint: Message, code: str) -> str | None:
    """The config's `key` if it is a web address of `form`; else an error at its line
    (`problem` of the value, `hint`, `code`) and None.  Missing: None, no error."""
    value = f.text(key)
    if value and not form.fullmatch(value):
        report.error(path, f.line_of(key), problem(value), hint=hint, code=code)
        return None
    return value


def fallback_config() -> Config:
    """Settings with every default, for checking pages when config.yaml could not be read
    (its own error is reported; nothing built with these is published)."""
    return Config(base_url="http://localhost", base_path="/", default_language="nb",
                  site_name=Text("", ""), tagline=None, organisation=Text("", ""),
                  contact=Contact(), banner_days=14, lix_threshold=40.0, max_sentence_words=25,
                  sections=dict(SECTIONS))


def _or(value: int | None, default: int) -> int:
    return default if value is None else value
