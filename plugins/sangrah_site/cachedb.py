"""The build's memory between runs: the files the last build made, and its template fragments.

One SQLite file in the build cache folder (see build.py). Its table
``outputs`` holds every file the last build produced (relative to the output
folder), with the render key and search version of a page, where in the
file that version is written (byte offsets), and the size and modification
time the file had when written. A page whose key, version, size and time are
all unchanged is not even read; one whose version alone changed is its own
file with the new version put in at those offsets (writer.py); a file in the
last build's list that this build does not produce is deleted.

The file on disk is the rendered page: no second copy of the site is kept
(it was, compressed: at 10,000 articles 126 MB more cache and some six
seconds of compression in a cold build, to spare rendering only pages whose
files had been deleted or edited by hand, which are rendered again now).

The table ``fragments`` keeps the template fragments rendered once
per build (memo.py) for the next one: each with the site digest and the
fingerprints of the objects it shows, so that those of another site digest,
or of an article or entity that changed or went, are dropped when read.

Nothing here decides what a page looks like: losing the file costs one
cold build.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

# 2: no pages table (the rendered pages are the output files), search version offsets.
SCHEMA_VERSION = 2


@dataclass(frozen=True)
class Output:
    key: str | None
    version: str | None
    size: int
    mtime_ns: int
    # Byte offsets of the search version in the file (a page rendered with it).
    marks: tuple[int, ...] = ()


def _marks_text(marks: tuple[int, ...]) -> str:
    return ",".join(map(str, marks))


def _marks_of(text: str | None) -> tuple[int, ...]:
    return tuple(int(mark) for mark in text.split(",")) if text else ()


class BuildCache:
    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path))
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            # A table of an older schema goes, and the space it held with it.
            stale = {name for (name,) in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                                      " AND name NOT LIKE 'sqlite_%'")}
            for table in sorted(stale):
                self.db.execute(f'DROP TABLE "{table}"')
            self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            self.db.commit()
            if stale:
                self.db.execute("VACUUM")
        self.db.execute("CREATE TABLE IF NOT EXISTS outputs (path TEXT PRIMARY KEY, key TEXT, version TEXT,"
                        " size INTEGER, mtime INTEGER, marks TEXT)")
        # Added within schema 2: an older file gains it empty.
        self.db.execute("CREATE TABLE IF NOT EXISTS fragments (key TEXT PRIMARY KEY, site TEXT, shows TEXT, html TEXT)")
        self.db.commit()

    def close(self) -> None:
        self.db.commit()
        self.db.close()

    # -- the last build's files ---------------------------------------------------------------

    def outputs(self) -> dict[str, Output]:
        return {path: Output(key, version, size, mtime, _marks_of(marks))
                for path, key, version, size, mtime, marks
                in self.db.execute("SELECT path, key, version, size, mtime, marks FROM outputs")}

    def has_outputs(self) -> bool:
        return self.db.execute("SELECT 1 FROM outputs LIMIT 1").fetchone() is not None

    def save_outputs(self, outputs: dict[str, Output]) -> None:
        self.db.execute("DELETE FROM outputs")
        self.db.executemany("INSERT INTO outputs VALUES (?, ?, ?, ?, ?, ?)",
                            ((path, o.key, o.version, o.size, o.mtime_ns, _marks_text(o.marks))
                             for path, o in sorted(outputs.items())))
        self.db.commit()

    # -- template fragments (memo.py) -----------------------------------------------------------

    def fragments(self, site: str, current: set[str]) -> dict[str, str]:
        """The kept fragments of site digest ``site`` that show only objects whose fingerprints are in ``current``.

        The others are deleted: they can never be asked for again.
        """
        kept: dict[str, str] = {}
        stale: list[tuple[str]] = []
        for key, row_site, shows, html in self.db.execute("SELECT key, site, shows, html FROM fragments"):
            if row_site == site and all(name in current for name in shows.split()):
                kept[key] = html
            else:
                stale.append((key,))
        if stale:
            self.db.executemany("DELETE FROM fragments WHERE key = ?", stale)
            self.db.commit()
        return kept

    def add_fragments(self, site: str, made: dict[str, tuple[str, str]]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO fragments VALUES (?, ?, ?, ?)",
                            ((key, site, shows, html) for key, (shows, html) in sorted(made.items())))
        self.db.commit()
