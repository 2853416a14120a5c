"""Where a project's files are: content/, its templates and catalogs, the default theme."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_THEME = Path(__file__).resolve().parent.parent  # holds templates/ and locale/


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def template_dirs(self) -> list[Path]:
        dirs = [self.root / "templates", DEFAULT_THEME / "templates"]
        return [d for i, d in enumerate(dirs) if d.is_dir() and d not in dirs[:i]]

    @property
    def locale_dirs(self) -> list[Path]:
        dirs = [self.root / "locale", DEFAULT_THEME / "locale"]
        return [d for i, d in enumerate(dirs) if d.is_dir() and d not in dirs[:i]]

    @property
    def static_dirs(self) -> list[Path]:
        return [d / "static" for d in self.template_dirs if (d / "static").is_dir()]
