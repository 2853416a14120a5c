"""Files under content/ that the site does not read (a typo in a name, a stray file).

A misnamed data file (`waves.yml`, `municipality.yaml`) would otherwise be
ignored without a word; a warning names it and the closest expected name.
"""

from __future__ import annotations

from pathlib import Path

from generator import LANGUAGES
from generator.errors import Report, msg, suggest

CONTENT_ENTRIES = ("config.yaml", "data", *LANGUAGES)
DATA_ENTRIES = ("services.yaml", "municipalities.yaml", "organisations.yaml", "waves.yaml",
                "impacts")


def check_layout(report: Report, content: Path) -> None:
    for folder, known, where in ((content, CONTENT_ENTRIES, "content/"),
                                 (content / "data", DATA_ENTRIES, "content/data/")):
        if not folder.is_dir() or folder.is_symlink():
            continue
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or path.name.endswith("~") or path.name in known:
                continue
            hint = suggest(path.name, known) or msg("The site reads only: {names}.",
                                                    names=", ".join(known))
            report.warn(path, None, msg("The site does not read this file or folder in "
                                        "{folder}.", folder=where),
                        msg("{hint} Rename or move it if it should be used.", hint=hint),
                        code="stray-file")
