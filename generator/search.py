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

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

FOLDER = "pagefind"  # under the output folder; search.js imports FOLDER/pagefind.js
# Pagefind also writes ready-made interfaces; the site has its own (assets/search.js).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
          "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-highlight.js")


KEY_FILE = "search-index.json"  # in ROOT/.cache/: what the published index was made from


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says what to do."""


@dataclass(frozen=True)
class IndexResult:
    folder: Path  # where the index was written
    files: int  # files in it
    bytes: int  # their size on disk
    reused: bool = False  # linked from the previous site: no page had changed


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


def input_key(pages: Iterable[tuple[str, str]]) -> str:
    """What an index is made from: every HTML page (path, digest of its bytes) and the
    Pagefind program (path, size, modification time).  Raises SearchIndexError without it."""
    program = executable()
    st = program.stat()
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{program}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    for path, digest in sorted(pages):
        h.update(f"{path}\0{digest}\0".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def index_or_reuse(site: Path, previous: Path | None, key: str | None,
                   note: Path | None) -> IndexResult:
    """Index `site`, or hard-link the index of the `previous` site when `key` (input_key)
    is the one recorded in `note` for it: a build that changed no page indexes nothing.

    The note records the key and a digest of the entry file, so an index edited or
    replaced by hand is made again.  Raises SearchIndexError when Pagefind fails.
    """
    old = previous / FOLDER if previous else None
    if key and note and old and old.is_dir() and _recorded(note, key, old):
        return _link_tree(old, site / FOLDER)
    result = index_site(site)
    if key and note:
        note.parent.mkdir(parents=True, exist_ok=True)
        note.write_text(json.dumps({"key": key, "entry": _entry_digest(result.folder)}),
                        encoding="utf-8")
    return result


def _entry_digest(folder: Path) -> str:
    try:
        return hashlib.blake2b((folder / "pagefind-entry.json").read_bytes(),
                               digest_size=16).hexdigest()
    except OSError:
        return ""


def _recorded(note: Path, key: str, old: Path) -> bool:
    try:
        seen = json.loads(note.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(seen, dict) and seen.get("key") == key and \
        seen.get("entry") == _entry_digest(old) != ""


def _link_tree(old: Path, target: Path) -> IndexResult:
    count = size = 0
    for path in sorted(old.rglob("*")):
        if not path.is_file():
            continue
        dest = target / path.relative_to(old)
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, dest)
        except OSError:
            shutil.copyfile(path, dest)
        count += 1
        size += path.stat().st_size
    return IndexResult(target, count, size, reused=True)
