"""The build's memory between runs: rendered pages and the files the last build made.

One SQLite file in the build cache folder (see build.py), two tables:

* ``pages``: render key -> the page as its template rendered it (zlib), with
  the search version still a placeholder. Rows not used by a build are
  deleted at its end, so the cache stays the size of the site.
* ``outputs``: every file the last build produced (relative to the output
  folder), with the key and search version of a page and the size and
  modification time the file had when written. A page whose key, version,
  size and time are all unchanged is not even read; a file in the last
  build's list that this build does not produce is deleted.

Nothing here decides what a page looks like: losing the file costs one
cold build.
"""

from __future__ import annotations

import sqlite3
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Output:
    key: str | None
    version: str | None
    size: int
    mtime_ns: int


class BuildCache:
    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path))
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            self.db.execute("DROP TABLE IF EXISTS pages")
            self.db.execute("DROP TABLE IF EXISTS outputs")
            self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        self.db.execute("CREATE TABLE IF NOT EXISTS pages (key TEXT PRIMARY KEY, html BLOB NOT NULL)")
        self.db.execute("CREATE TABLE IF NOT EXISTS outputs (path TEXT PRIMARY KEY, key TEXT, version TEXT,"
                        " size INTEGER, mtime INTEGER)")
        self.db.commit()

    def close(self) -> None:
        self.db.commit()
        self.db.close()

    # -- the last build's files ---------------------------------------------------------------

    def outputs(self) -> dict[str, Output]:
        return {path: Output(key, version, size, mtime)
                for path, key, version, size, mtime in self.db.execute("SELECT path, key, version, size, mtime FROM outputs")}

    def has_outputs(self) -> bool:
        return self.db.execute("SELECT 1 FROM outputs LIMIT 1").fetchone() is not None

    def save_outputs(self, outputs: dict[str, Output]) -> None:
        self.db.execute("DELETE FROM outputs")
        self.db.executemany("INSERT INTO outputs VALUES (?, ?, ?, ?, ?)",
                            ((path, o.key, o.version, o.size, o.mtime_ns) for path, o in sorted(outputs.items())))
        self.db.commit()

    # -- rendered pages -----------------------------------------------------------------------

    def known_keys(self) -> set[str]:
        return {key for (key,) in self.db.execute("SELECT key FROM pages")}

    def put_pages(self, rows: Iterable[tuple[str, bytes]]) -> None:
        """(key, compressed html) rows, as :func:`pack` makes them."""
        self.db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?)", rows)
        self.db.commit()

    def keep_only(self, keys: set[str]) -> None:
        """Forget every page whose key this build did not use."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM used")
        self.db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in keys))
        self.db.execute("DELETE FROM pages WHERE key NOT IN (SELECT key FROM used)")
        self.db.commit()


class PageReader:
    """Read-only access to the rendered pages, for a worker process (opened after the fork)."""

    def __init__(self, path: Path):
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def page(self, key: str) -> str | None:
        row = self.db.execute("SELECT html FROM pages WHERE key = ?", (key,)).fetchone()
        return None if row is None else zlib.decompress(row[0]).decode("utf-8")


def pack(html: str) -> bytes:
    # Level 1: most of the size gone for little time (pages repeat their frame).
    return zlib.compress(html.encode("utf-8"), 1)
