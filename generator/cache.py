"""The persistent build cache in ROOT/.cache/ (safe to delete at any time).

Tables in one SQLite file:

* `markdown`: rendered HTML of a Markdown body, keyed by a hash of the body
  and the base path;
* `outputs`: per published file, the key of everything it was rendered from,
  the hash of its bytes and the file's stat (size, mtime, inode), so an
  unchanged page is hard-linked from the previous site instead of rendered or
  written again;
* `search`: per page, the hash of its bytes and what the search index took from
  it (generator/search/stored.py), so the words of an unchanged page are not
  read again;
* `memo`: results of pure functions, keyed by all their inputs.

The file name holds a fingerprint of the generator's own code and of the
libraries that shape the output, so a cache is never used across versions.
A cache that cannot be read is deleted and the build goes on without it.
"""

from __future__ import annotations

import hashlib
import os
import platform
import sqlite3
import sys
import zoneinfo
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import generator

CACHE_DIR = ".cache"


def digest(data: bytes) -> str:
    """Hex BLAKE2b digest (16 bytes: 32 hex digits) of `data`."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def text_digest(text: str) -> str:
    """`digest` of `text` as UTF-8 (lone surrogates kept, so any str has one)."""
    return digest(text.encode("utf-8", "surrogatepass"))


# Libraries whose version can change a byte of the output (nh3 only where installed).
LIBRARIES = ("babel", "jinja2", "markdown", "phonenumbers", "pyyaml", "tzdata", "nh3")


def library_versions() -> str:
    """Python's version and the installed version of each of LIBRARIES, one per line
    ("markdown 3.11.3"; "nh3 -" where it is not installed)."""
    lines = [f"python {platform.python_implementation()} {sys.version.split()[0]}"]
    for name in LIBRARIES:
        try:
            lines.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            lines.append(f"{name} -")
    lines.append(f"zone {_zone_file_digest()}")
    return "\n".join(lines)


def _zone_file_digest() -> str:
    """Digest of the Europe/Oslo rules zoneinfo reads: the system's file (the first
    on zoneinfo.TZPATH) where there is one, else tzdata's (counted above)."""
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / "Europe" / "Oslo"
        if path.is_file():
            return digest(path.read_bytes())
    return "tzdata"


def code_fingerprint() -> str:
    """Hash of the generator's source, Python's version and the versions of the
    libraries that shape the output (a Babel or tzdata upgrade changes dates, a
    Markdown one the HTML): a cache is never used across any of them."""
    h = hashlib.blake2b(digest_size=8)
    h.update(f"{generator.__version__}\n{library_versions()}".encode())
    package = Path(generator.__file__).parent
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


@dataclass(frozen=True)
class Published:
    """What the cache knows about one file of the published site."""

    key: str  # hash of everything the file was made from
    digest: str  # hash of its bytes
    size: int
    mtime_ns: int
    ino: int

    def matches(self, path: Path) -> bool:
        """True if the file at `path` is still the one recorded (not replaced or edited)."""
        try:
            st = path.stat()
        except OSError:
            return False
        return (st.st_size, st.st_mtime_ns, st.st_ino) == (self.size, self.mtime_ns, self.ino)


class BuildCache:
    """One open cache file; every failure to read or write it is ignored."""

    def __init__(self, path: Path):
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._inherited: sqlite3.Connection | None = None  # a forked parent's, never used

    def __reduce__(self) -> tuple[Any, ...]:
        """Sent to a worker process as its path: the worker opens its own connection."""
        return (_reopen, (self.path,))

    @classmethod
    def open(cls, root: Path) -> BuildCache:
        """The cache of `root` (ROOT/.cache/build-<code_fingerprint>.sqlite), opened; cache
        files of other versions are deleted. Never raises: a folder that cannot be made gives
        a disabled cache.
        """
        folder = root / CACHE_DIR
        name = f"build-{code_fingerprint()}.sqlite"
        cache = cls(folder / name)
        try:
            folder.mkdir(exist_ok=True)
            for old in folder.glob("build-*.sqlite*"):
                if not old.name.startswith(name):
                    old.unlink(missing_ok=True)  # made by another version: never trusted
        except OSError:
            return cache
        cache.connect()
        return cache

    def connect(self) -> None:
        """Open the file (creating its tables); a file that cannot be opened is deleted
        and the cache is disabled.  In a forked worker, call it before any lookup: the
        parent's connection is kept unused, never closed here (SQLite forbids using
        a connection across fork)."""
        if self._db is not None:
            self._inherited = self._db
        self._db = None
        try:
            db = sqlite3.connect(self.path, timeout=5, isolation_level=None,
                                 check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            # No fsync: this is a disposable cache (every entry carries a checksum, and
            # a file that cannot be read is deleted); syncing made cold builds 2× slower.
            db.execute("PRAGMA synchronous=OFF")
            db.execute("CREATE TABLE IF NOT EXISTS markdown (key TEXT PRIMARY KEY, html TEXT, "
                       "checksum TEXT)")
            db.execute("CREATE TABLE IF NOT EXISTS memo (key TEXT PRIMARY KEY, value TEXT)")
            db.execute("CREATE TABLE IF NOT EXISTS outputs (out TEXT, path TEXT, key TEXT, "
                       "digest TEXT, size INT, mtime_ns INT, ino INT, PRIMARY KEY (out, path))")
            db.execute("CREATE TABLE IF NOT EXISTS search (path TEXT PRIMARY KEY, digest TEXT, "
                       "record TEXT)")
            self._db = db
        except sqlite3.Error:
            self._discard()

    def _discard(self) -> None:
        """A broken cache file: remove it and go on without a cache."""
        self._db = None
        for suffix in ("", "-wal", "-shm"):
            try:
                Path(str(self.path) + suffix).unlink(missing_ok=True)
            except OSError:
                pass

    @property
    def enabled(self) -> bool:
        """True while the cache file is open (False after a failure disabled it)."""
        return self._db is not None

    def markdown(self, key: str) -> str | None:
        """The HTML stored for a Markdown key, or None if absent, damaged (checksum differs) or
        the cache is disabled.
        """
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT html, checksum FROM markdown WHERE key=?",
                                   (key,)).fetchone()
        except sqlite3.Error:
            self._discard()
            return None
        if not row or not isinstance(row[0], str) or row[1] != text_digest(row[0]):
            return None  # missing or damaged: render it again
        return row[0]

    def add_markdown(self, entries: dict[str, str]) -> None:
        """Store rendered bodies at once (they are valid whether or not the build succeeds)."""
        if self._db is None or not entries:
            return
        try:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT OR REPLACE INTO markdown VALUES (?, ?, ?)",
                                 [(k, v, text_digest(v)) for k, v in entries.items()])
            self._db.execute("COMMIT")
        except sqlite3.Error:
            self._discard()

    def memo(self, key: str) -> str | None:
        """The value stored for `key` by `add_memo` (a pure function's result, keyed by
        all its inputs), or None."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value FROM memo WHERE key=?", (key,)).fetchone()
        except sqlite3.Error:
            self._discard()
            return None
        return row[0] if row and isinstance(row[0], str) else None

    def add_memo(self, key: str, value: str) -> None:
        """Store `value` for `key` (see `memo`)."""
        if self._db is None:
            return
        try:
            self._db.execute("INSERT OR REPLACE INTO memo VALUES (?, ?)", (key, value))
        except sqlite3.Error:
            self._discard()

    def search_records(self) -> dict[str, tuple[str, str]]:
        """`{page path: (digest of its bytes, record as text)}` stored by
        `save_search_records` ({} if none or unreadable)."""
        if self._db is None:
            return {}
        try:
            rows = self._db.execute("SELECT path, digest, record FROM search").fetchall()
        except sqlite3.Error:
            self._discard()
            return {}
        return {r[0]: (r[1], r[2]) for r in rows
                if isinstance(r[0], str) and isinstance(r[1], str) and isinstance(r[2], str)}

    def save_search_records(self, rows: dict[str, tuple[str, str]], keep: set[str]) -> None:
        """Store `rows` (as `search_records` returns them) and drop the pages not in `keep`
        (the site's pages now)."""
        if self._db is None:
            return
        try:
            db = self._db
            db.execute("BEGIN")
            db.executemany("INSERT OR REPLACE INTO search VALUES (?, ?, ?)",
                           [(path, d, record) for path, (d, record) in rows.items()])
            (count,) = db.execute("SELECT count(*) FROM search").fetchone()
            if count > len(keep):
                _keep_only(db, "search", "path", keep)
            db.execute("COMMIT")
        except sqlite3.Error:
            self._discard()

    def published(self, out: Path) -> dict[str, Published]:
        """`{output path: Published}` recorded for the site folder `out` by the last finished
        build ({} if none or unreadable).
        """
        if self._db is None:
            return {}
        try:
            rows = self._db.execute("SELECT path, key, digest, size, mtime_ns, ino FROM outputs "
                                    "WHERE out=?", (str(out),)).fetchall()
            return {r[0]: Published(*r[1:]) for r in rows}
        except (sqlite3.Error, TypeError):
            self._discard()
            return {}

    def save(self, markdown: dict[str, str], out: Path, published: dict[str, Published],
             keep: set[str] | None = None) -> None:
        """Record a finished build (call it only after the site was swapped in).

        Markdown entries not in `keep` are dropped once they outnumber the kept ones.
        """
        if self._db is None:
            return
        try:
            db = self._db
            db.execute("BEGIN")
            db.executemany("INSERT OR REPLACE INTO markdown VALUES (?, ?, ?)",
                           [(k, v, text_digest(v)) for k, v in markdown.items()])
            if keep is not None:
                (count,) = db.execute("SELECT count(*) FROM markdown").fetchone()
                if count > 2 * len(keep) + 100:
                    _keep_only(db, "markdown", "key", keep)
            db.execute("DELETE FROM outputs WHERE out=?", (str(out),))
            db.executemany("INSERT INTO outputs VALUES (?, ?, ?, ?, ?, ?, ?)",
                           [(str(out), path, p.key, p.digest, p.size, p.mtime_ns, p.ino)
                            for path, p in published.items()])
            db.execute("COMMIT")
        except sqlite3.Error:
            self._discard()

    def close(self) -> None:
        """Close the file (a closed cache answers like a disabled one)."""
        if self._db is not None:
            self._db.close()
            self._db = None


def _keep_only(db: sqlite3.Connection, table: str, column: str, keep: set[str]) -> None:
    """Delete the rows of `table` whose `column` is not in `keep` (inside a transaction)."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS keep_rows (value TEXT PRIMARY KEY)")
    db.execute("DELETE FROM keep_rows")
    db.executemany("INSERT OR IGNORE INTO keep_rows VALUES (?)", ((v,) for v in keep))
    db.execute(f"DELETE FROM {table} WHERE {column} NOT IN (SELECT value FROM keep_rows)")


def _reopen(path: Path) -> BuildCache:
    cache = BuildCache(path)
    cache.connect()
    return cache


def stat_of(path: Path, key: str, data_digest: str) -> Published | None:
    """A `Published` for the file at `path` with its size, mtime (ns) and inode now, or None if
    it cannot be stat'ed.
    """
    try:
        st = os.stat(path)
    except OSError:
        return None
    return Published(key, data_digest, st.st_size, st.st_mtime_ns, st.st_ino)
