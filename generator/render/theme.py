"""The Jinja environments and catalogs of one build (the theme).

There is one Jinja environment per language, with that language's gettext
installed once when the theme is loaded: rendering never changes an environment,
so no page can see another language's strings.  The environments share one
in-memory bytecode cache, so a template is compiled once for both.  A theme
pickles as its project, fingerprint and compiled templates (a worker process
loads it again from those, see `parallel`), never as live Jinja objects.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from generator import LANGUAGES
from generator.errors import ContentError, Finding, msg
from generator.i18n.catalogs import Catalog, load_catalog, ui_msgids
from generator.project import Project


class _MemoryBytecode(jinja2.BytecodeCache):
    """Compiled templates kept in a dict (Jinja's own marshal format), shared by the
    environments of one theme and carried to worker processes."""

    def __init__(self, store: dict[str, bytes] | None = None):
        self.store: dict[str, bytes] = {} if store is None else store

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


@dataclass
class Theme:
    """Templates, catalogs and static files of a project (its own first, then the default).

    `envs[lang]` renders in that language; `static` maps output paths
    ("assets/style.css") to files; `asset_version` is 8 hex digits of their hash
    (for `?v=` cache busting); `fingerprint` hashes every template and catalog.
    """

    envs: dict[str, jinja2.Environment]
    catalogs: dict[str, Catalog]
    static: dict[str, Path] = field(default_factory=dict)  # output path -> file
    asset_version: str = ""
    fingerprint: str = ""  # hash of every template, catalog and static file
    project: Project | None = None
    bytecode: _MemoryBytecode = field(default_factory=_MemoryBytecode)

    def env_for(self, lang: str) -> jinja2.Environment:
        """The environment whose `_`, `gettext` and `ngettext` are `lang`'s catalog's.

        Raises KeyError for a language the theme has no catalog for.
        """
        return self.envs[lang]

    def missing_strings(self) -> dict[str, list[str]]:
        """Per language, the UI strings the templates and the generator use that the
        catalog does not translate (sorted).  A pure function of the theme: it does
        not depend on which pages were rendered."""
        used = ui_msgids(self.envs[LANGUAGES[0]])
        return {lang: sorted(used - catalog.messages.keys())
                for lang, catalog in sorted(self.catalogs.items())}

    def __reduce__(self) -> tuple[Any, ...]:
        if self.project is None:
            raise TypeError("Only a theme loaded from a project can be sent to a worker.")
        return (_reload, (self.project, self.fingerprint, self.bytecode.store))


class _InsideLoader(jinja2.FileSystemLoader):
    """Jinja's file loader that opens only regular files whose real path stays inside
    the folder they were found in (a link out of templates/ is not followed)."""

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            path = os.path.join(folder, *pieces)
            if os.path.lexists(path):
                if not safe_file(Path(path), Path(folder)):
                    raise jinja2.TemplateNotFound(template)
                break
        return super().get_source(environment, template)


def safe_file(path: Path, folder: Path) -> bool:
    """A regular file whose real path is inside `folder`."""
    try:
        real = path.resolve(strict=True)
        return real.is_file() and real.is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False


def _environment(project: Project, bytecode: _MemoryBytecode) -> jinja2.Environment:
    return jinja2.Environment(
        loader=_InsideLoader([str(d) for d in project.template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,  # one build, one set of templates: no stat per include
        bytecode_cache=bytecode,
    )


def load_theme(project: Project, bytecode: dict[str, bytes] | None = None) -> Theme:
    """The theme of `project`: its templates, catalogs (nb, nn) and static files.

    `bytecode` (compiled templates from another process's theme) saves compiling
    them again.  Raises OSError if a static file cannot be read.
    """
    cache = _MemoryBytecode(bytecode)
    catalogs = {lang: load_catalog(project.locale_dirs, lang) for lang in LANGUAGES}
    envs = {}
    for lang, catalog in catalogs.items():
        env = _environment(project, cache)
        env.install_gettext_callables(catalog.gettext, catalog.ngettext,  # type: ignore[attr-defined]
                                      newstyle=True)
        envs[lang] = env
    static: dict[str, Path] = {}
    for directory in reversed(project.static_dirs):  # project's own files win
        for path in sorted(directory.rglob("*")):
            if safe_file(path, directory):
                static["assets/" + path.relative_to(directory).as_posix()] = path
    digest = hashlib.sha256()
    for name in sorted(static):
        digest.update(name.encode() + static[name].read_bytes())
    return Theme(envs, catalogs, static, digest.hexdigest()[:8], _fingerprint(project),
                 project, cache)


def _reload(project: Project, fingerprint: str, bytecode: dict[str, bytes]) -> Theme:
    """A theme sent to a worker process: loaded again, and refused if a template or
    catalog changed since the parent loaded it (the build would mix two themes)."""
    theme = load_theme(project, dict(bytecode))
    if theme.fingerprint != fingerprint:
        raise ContentError([Finding(
            "templates", None, "error", msg("A template or catalog changed during the build."),
            msg("Build again."), code="theme-changed")])
    return theme


def _fingerprint(project: Project) -> str:
    h = hashlib.blake2b(digest_size=16)
    for directory in [*project.template_dirs, *project.locale_dirs]:
        for path in sorted(directory.rglob("*")):
            if safe_file(path, directory):
                h.update(str(path).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()
