"""The Jinja environment and catalogs of one build (the theme)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator import LANGUAGES
from generator.i18n.catalogs import Catalog, load_catalog
from generator.project import Project


@dataclass
class Theme:
    env: jinja2.Environment
    catalogs: dict[str, Catalog]
    static: dict[str, Path] = field(default_factory=dict)  # output path -> file
    asset_version: str = ""
    fingerprint: str = ""  # hash of every template, catalog and static file


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


def load_theme(project: Project) -> Theme:
    env = jinja2.Environment(
        loader=_InsideLoader([str(d) for d in project.template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,  # one build, one set of templates: no stat per include
    )
    catalogs = {lang: load_catalog(project.locale_dirs, lang) for lang in LANGUAGES}
    static: dict[str, Path] = {}
    for directory in reversed(project.static_dirs):  # project's own files win
        for path in sorted(directory.rglob("*")):
            if safe_file(path, directory):
                static["assets/" + path.relative_to(directory).as_posix()] = path
    digest = hashlib.sha256()
    for name in sorted(static):
        digest.update(name.encode() + static[name].read_bytes())
    return Theme(env, catalogs, static, digest.hexdigest()[:8], _fingerprint(project))


def _fingerprint(project: Project) -> str:
    h = hashlib.blake2b(digest_size=16)
    for directory in [*project.template_dirs, *project.locale_dirs]:
        for path in sorted(directory.rglob("*")):
            if safe_file(path, directory):
                h.update(str(path).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()
