"""The search index: Pagefind run over a built site folder, one index per written standard.

Pagefind (https://pagefind.app) reads the built HTML, splits the words of each
page into chunks and writes them under `pagefind/` beside the pages; the
browser then loads only the chunks a query needs.  It keeps one index per
`<html lang>`, so Bokmål (`nb`) and Nynorsk (`nn`) never mix, and it stems
both with the Snowball Norwegian stemmer and folds diacritics (å → a).

Which pages are indexed is decided when they are rendered
(`views.search.search_entry`): only pages whose `<main>` carries
`data-pagefind-body` are, so drafts, fallback pages (the other standard's text)
and the search pages themselves never are.  Pagefind reads `<main>` alone.

The index is a pure function of the pages: the same site gives the same bytes
(`tests/test_search.py` builds twice and compares).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

FOLDER = "pagefind"  # under the output folder; search.js imports FOLDER/pagefind.js
# Pagefind also writes ready-made interfaces; the site has its own (assets/search.js).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
          "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-highlight.js")


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says what to do."""


@dataclass(frozen=True)
class IndexResult:
    folder: Path  # where the index was written
    files: int  # files in it
    bytes: int  # their size on disk


def executable() -> Path:
    """The Pagefind binary: PAGEFIND_BINARY_PATH, else the one in the `pagefind-bin` wheel.

    Raises SearchIndexError if there is none.
    """
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise SearchIndexError("The search index needs Pagefind: pip install "
                               "'pagefind[bin]' (it is in pyproject.toml).") from None
    found = get_executable()
    if found is None or not found.is_file():
        raise SearchIndexError("The Pagefind program was not found: pip install "
                               "'pagefind[bin]', or set PAGEFIND_BINARY_PATH.")
    return found


def index_site(site: Path, output: Path | None = None) -> IndexResult:
    """Index the HTML pages under `site` into `output` (default `site/pagefind/`).

    `output` is replaced whole.  Raises SearchIndexError when Pagefind fails.
    """
    target = output or site / FOLDER
    fresh = target.with_name(f".{target.name}.new")
    shutil.rmtree(fresh, ignore_errors=True)
    # Only <main> is read (the header, menus and footer are the same on every page): the
    # same index for about a sixth less work.
    command = [str(executable()), "--site", str(site), "--output-path", str(fresh),
               "--root-selector", "main", "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise SearchIndexError(f"Pagefind could not start: {exc.strerror}") from None
    if done.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise SearchIndexError("Pagefind failed to build the search index"
                               + (f": {detail[-1]}" if detail else "."))
    for name in UNUSED:
        (fresh / name).unlink(missing_ok=True)
    _sort_entry(fresh / "pagefind-entry.json")
    if target.exists():
        shutil.rmtree(target)
    fresh.rename(target)
    sizes = [p.stat().st_size for p in target.rglob("*") if p.is_file()]
    return IndexResult(target, len(sizes), sum(sizes))


def _sort_entry(path: Path) -> None:
    """Pagefind lists the languages in its entry file in a random order: sort them.

    Every other file it writes is named by and made from its content alone.
    """
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")
