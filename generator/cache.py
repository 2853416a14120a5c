"""The persistent build cache in ROOT/.cache/ (safe to delete at any time).

Two tables in one SQLite file:

* `markdown`: rendered HTML of a Markdown body, keyed by a hash of the body
  and the base path;
* `outputs`: per published file, the key of everything it was rendered from,
  the hash of its bytes and the file's stat (size, mtime, inode), so an
  unchanged page is hard-linked from the previous site instead of rendered or
  written again.

The file name holds a fingerprint of the generator's own code and of the
libraries that shape the output, so a cache is never used across versions.
A cache that cannot be read is deleted and the build goes on without it.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import generator

CACHE_DIR = ".cache"


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def text_digest(text: str) -> str:
    return digest(text.encode("utf-8", "surrogatepass"))


def code_fingerprint() -> str:
    """Hash of the generator's source and the versions of the libraries it renders with."""
    import jinja2
    import markdown
    import phonenumbers  # how phone numbers are shown

    h = hashlib.blake2b(digest_size=8)
    h.update(f"{generator.__version__} {markdown.__version__} {jinja2.__version__} "
             f"{phonenumbers.__version__}".encode())
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
        self._inherited: sqlite3.Connection | None = None

    @classmethod
    def open(cls, root: Path) -> BuildCache:
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
        """(Re)open the file; in a forked worker, call this before any lookup."""
        if self._db is not None:  # inherited over fork: keep it unused, never close it here
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
            db.execute("CREATE TABLE IF NOT EXISTS outputs (out TEXT, path TEXT, key TEXT, "
                       "digest TEXT, size INT, mtime_ns INT, ino INT, PRIMARY KEY (out, path))")
            db.execute("CREATE TABLE IF NOT EXISTS notes (name TEXT PRIMARY KEY, value TEXT)")
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
        return self._db is not None

    def markdown(self, key: str) -> str | None:
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

    def published(self, out: Path) -> dict[str, Published]:
        if self._db is None:
            return {}
        try:
            rows = self._db.execute("SELECT path, key, digest, size, mtime_ns, ino FROM outputs "
                                    "WHERE out=?", (str(out),)).fetchall()
            return {r[0]: Published(*r[1:]) for r in rows}
        except (sqlite3.Error, TypeError):
            self._discard()
            return {}

    def note(self, name: str) -> str | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value FROM notes WHERE name=?", (name,)).fetchone()
        except sqlite3.Error:
            self._discard()
            return None
        return row[0] if row else None

    def save(self, markdown: dict[str, str], out: Path, published: dict[str, Published],
             notes: dict[str, str], keep: set[str] | None = None) -> None:
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
                    db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (key TEXT PRIMARY KEY)")
                    db.execute("DELETE FROM keep")
                    db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", ((k,) for k in keep))
                    db.execute("DELETE FROM markdown WHERE key NOT IN (SELECT key FROM keep)")
            db.execute("DELETE FROM outputs WHERE out=?", (str(out),))
            db.executemany("INSERT INTO outputs VALUES (?, ?, ?, ?, ?, ?, ?)",
                           [(str(out), path, p.key, p.digest, p.size, p.mtime_ns, p.ino)
                            for path, p in published.items()])
            db.executemany("INSERT OR REPLACE INTO notes VALUES (?, ?)", notes.items())
            db.execute("COMMIT")
        except sqlite3.Error:
            self._discard()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def stat_of(path: Path, key: str, data_digest: str) -> Published | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return Published(key, data_digest, st.st_size, st.st_mtime_ns, st.st_ino)
