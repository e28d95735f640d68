"""Values the search computed per document, kept in one file between builds.

The text of each article's HTML (documents.TextCache) and the terms of each
document (terms.TermCache) are functions of their input and of the code or
rules that made them: a rebuild after one new dump computes them for the
new article alone. One SQLite file each, in the build cache folder
(site.cache_file), of pickled entries: a rebuild adds the new entries and
deletes the unused ones instead of writing every entry again (80 MB of
article text at 10,000 articles, two seconds of a rebuild's search).
"""

from __future__ import annotations

import os
import pickle
import sqlite3
from contextlib import closing
from pathlib import Path


class KeptEntries:
    """Entries by key, loaded from ``path`` and written back with the keys this build used.

    The file holds only the entries of the last build (an article that is
    gone leaves nothing behind) and is started afresh when ``tag`` (a digest
    of what made the entries) changes. A damaged file is only a slower
    build. ``path`` None: nothing is kept.
    """

    def __init__(self, path: Path | None, tag: str):
        self.path = path
        self.tag = tag
        self.old: dict = {}
        self.used: dict = {}
        if path is None or not path.is_file():
            return
        try:
            with closing(sqlite3.connect(path)) as db:
                row = db.execute("SELECT value FROM meta WHERE name = 'tag'").fetchone()
                if row is not None and row[0] == tag:
                    rows = db.execute("SELECT key, value FROM entries").fetchall()
                    self.old = {key: pickle.loads(value) for key, value in rows}  # noqa: S301 - our own cache file
        except Exception:  # noqa: BLE001 - a damaged file or entry: see the docstring
            self.old = {}

    def save(self) -> None:
        """Bring the file to the entries of this build, unless it already holds exactly them."""
        # A rebuild over the same documents (whatever is computed is new to
        # the file, so equal keys mean nothing was) leaves the file alone.
        if self.path is None or (self.used.keys() == self.old.keys() and self.path.is_file()):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.old:
            try:
                self._update()
                return
            except sqlite3.Error:  # damaged since it was read: written afresh below
                pass
        self._write_afresh()

    def _pickled(self, keys) -> list[tuple[str, bytes]]:
        return [(key, pickle.dumps(self.used[key], protocol=pickle.HIGHEST_PROTOCOL)) for key in sorted(keys)]

    def _update(self) -> None:
        added = self._pickled(self.used.keys() - self.old.keys())
        gone = [(key,) for key in sorted(self.old.keys() - self.used.keys())]
        with closing(sqlite3.connect(self.path)) as db, db:
            db.executemany("DELETE FROM entries WHERE key = ?", gone)
            db.executemany("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", added)

    def _write_afresh(self) -> None:
        # A new file beside the old one, renamed over it: a reader never sees half of one.
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        temporary.unlink(missing_ok=True)
        try:
            with closing(sqlite3.connect(temporary)) as db, db:
                db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
                db.execute("CREATE TABLE entries (key TEXT PRIMARY KEY, value BLOB)")
                db.execute("INSERT INTO meta VALUES ('tag', ?)", (self.tag,))
                db.executemany("INSERT INTO entries (key, value) VALUES (?, ?)", self._pickled(self.used))
            os.replace(temporary, self.path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
