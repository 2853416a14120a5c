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
        """ROOT/content: the pages (nb/, nn/), config.yaml and data/."""
        return self.root / "content"

    @property
    def template_dirs(self) -> list[Path]:
        """Template folders, the project's own (ROOT/templates) before the default theme's; only
        those that exist.
        """
        dirs = [self.root / "templates", DEFAULT_THEME / "templates"]
        return [d for i, d in enumerate(dirs) if d.is_dir() and d not in dirs[:i]]

    @property
    def locale_dirs(self) -> list[Path]:
        """Catalog folders (ROOT/locale, then the default theme's); only those that exist."""
        dirs = [self.root / "locale", DEFAULT_THEME / "locale"]
        return [d for i, d in enumerate(dirs) if d.is_dir() and d not in dirs[:i]]

    @property
    def static_dirs(self) -> list[Path]:
        """The static/ folder of each template folder, in the same order."""
        return [d / "static" for d in self.template_dirs if (d / "static").is_dir()]
