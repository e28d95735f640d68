"""Remember what each dump became, so a re-run only reads dumps that changed.

A cache entry is the outcome of reading, cleaning and extracting one dump
(its posts before slugs are given out, or its rejects), stored as compressed
JSON in one SQLite file, ``<posts>/.sangrah/import-cache.sqlite`` (git-ignored
with the generated posts; one file, not a file a dump: at 10,000 dumps, 66 MB
instead of 10,000 files and 155 MB). Its key is the SHA-256 of

* the dump's bytes and its path (the path is in every post it gives),
* the importer's fingerprint: the bytes of every code and data file of
  sangrah_import and of the shared language rules (sangrah_lang), the
  entity recognizer and its knowledge base when present, the versions of
  the libraries that read and repair text, and the settings that change
  results (TIMEZONE, the undated date).

So an unchanged dump under unchanged rules is never read through the
readers again, and editing a noise marker in data/*.json or any line of the
importer makes every entry miss. Entries not used by a run are deleted at
its end, which keeps the cache the size of the archive. A damaged or
unreadable file is started afresh: losing it costs one full import.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import zlib
from datetime import date, datetime
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from sangrah_lang.code_files import package_files

from .extract.duplicates import pack_sketch, unpack_sketch
from .model import Block, Post
from .write.store import STATE_DIR

CACHE_FILE = "import-cache.sqlite"
# Where entries were kept as one JSON file each, before CACHE_FILE: removed when found.
LEGACY_CACHE_DIR = "cache"
FORMAT = 3
PLUGINS = Path(__file__).resolve().parent.parent
# Packages whose code is part of what a dump becomes.
CODE_PACKAGES = ("sangrah_import", "sangrah_lang", "sangrah_entities")
LIBRARIES = ("beautifulsoup4", "lxml", "ftfy", "babel", "aksharamukha", "PyYAML")


# Files whose content (code) or names and times (data) are part of a key.
PACKAGE_SUFFIXES = (".py", ".json", ".yaml", ".yml", ".txt", ".tsv", ".csv")


def _package_files(package: Path) -> list[Path]:
    return package_files(package, PACKAGE_SUFFIXES)


@lru_cache(maxsize=4)
def code_fingerprint(plugins: Path = PLUGINS) -> str:
    """Digest of the importer's code, data and libraries (``plugins``: the plugins folder)."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for package in CODE_PACKAGES:
        folder = plugins / package
        if not folder.is_dir():
            continue
        for path in _package_files(folder):
            digest.update(path.relative_to(plugins).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for library in LIBRARIES:
        try:
            version = metadata.version(library)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{library}=={version}\n".encode())
    return digest.hexdigest()


def data_fingerprint(folder: Path | None) -> str:
    """Digest of a data folder (the entities knowledge base) by names, sizes and times."""
    digest = hashlib.sha256()
    if folder is not None and folder.is_dir():
        for path in _package_files(folder):
            stat = path.stat()
            digest.update(f"{path.relative_to(folder).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def run_fingerprint(timezone: str, undated: str, entities_dir: Path | None) -> str:
    settings = json.dumps({"timezone": timezone, "undated": undated}, sort_keys=True)
    text = "\n".join([code_fingerprint(), settings, data_fingerprint(entities_dir)])
    return hashlib.sha256(text.encode()).hexdigest()


def entry_key(fingerprint: str, source: str, data_digest: str) -> str:
    return hashlib.sha256(f"{fingerprint}\n{source}\n{data_digest}".encode()).hexdigest()


# -- results <-> JSON -----------------------------------------------------------------------


def _date_to_json(value: date | datetime) -> dict:
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    return {"date": value.isoformat()}


def _date_from_json(data: dict) -> date | datetime:
    if "datetime" in data:
        return datetime.fromisoformat(data["datetime"])
    return date.fromisoformat(data["date"])


def post_to_json(post: Post, sketch: list[int]) -> dict:
    return {
        "key": post.key, "source": post.source, "record": post.record, "title": post.title,
        "date": _date_to_json(post.date), "date_source": post.date_source,
        "blocks": [[b.kind, b.text] for b in post.blocks],
        "tags": post.tags, "category": post.category, "entities": post.entities, "authors": post.authors,
        "lang": post.lang, "url": post.url, "notes": post.notes, "removed_count": post.removed_count,
        "discoveries": post.discoveries, "sketch": pack_sketch(sketch),
    }


def post_from_json(data: dict) -> tuple[Post, list[int]]:
    post = Post(
        key=data["key"], source=data["source"], record=data["record"], title=data["title"],
        date=_date_from_json(data["date"]), date_source=data["date_source"],
        blocks=[Block(kind, text) for kind, text in data["blocks"]],
        tags=list(data["tags"]), category=data["category"], entities=list(data["entities"]),
        authors=list(data["authors"]), lang=data["lang"], url=data["url"], notes=list(data["notes"]),
        removed_count=data["removed_count"], discoveries=list(data.get("discoveries", [])),
    )
    return post, unpack_sketch(data["sketch"])


class ResultCache:
    """The per-dump cache of one posts folder (see the module docstring).

    Entries given to :meth:`put` are written by :meth:`flush` (one
    transaction for a batch); :meth:`close` flushes and closes.
    """

    def __init__(self, posts_dir: Path, enabled: bool = True):
        self.path = posts_dir / STATE_DIR / CACHE_FILE
        self.enabled = enabled
        self.used: set[str] = set()
        self._pending: list[tuple[str, str, bytes]] = []
        self._db: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(self.path.parent / LEGACY_CACHE_DIR, ignore_errors=True)
            try:
                self._db = _open(self.path)
            except sqlite3.DatabaseError:  # not a database (damaged, or another file by this name)
                self._reset()
                self._db = _open(self.path)
        return self._db

    def get(self, key: str) -> list | None:
        if not self.enabled:
            return None
        try:
            row = self._connection().execute("SELECT data FROM results WHERE key = ?", (key,)).fetchone()
            data = json.loads(zlib.decompress(row[0])) if row is not None else None
        except (sqlite3.DatabaseError, zlib.error, ValueError, TypeError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        self.used.add(key)
        return data["results"]

    def put(self, key: str, source: str, results: list) -> None:
        if not self.enabled:
            return
        self.used.add(key)
        text = json.dumps({"format": FORMAT, "results": results}, ensure_ascii=False, sort_keys=True)
        # Level 1: most of the size gone (block text repeats) for little time.
        self._pending.append((key, source, zlib.compress(text.encode("utf-8"), 1)))

    def flush(self) -> None:
        if not self._pending:
            return
        try:
            self._write(self._pending)
        except sqlite3.DatabaseError:  # damaged inside (it opened): started afresh, once
            self._reset()
            self._write(self._pending)
        self._pending.clear()

    def _write(self, rows: list[tuple[str, str, bytes]]) -> None:
        db = self._connection()
        with db:
            db.executemany("INSERT OR REPLACE INTO results (key, source, data) VALUES (?, ?, ?)", rows)

    def _reset(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        self.path.unlink(missing_ok=True)

    def entries(self) -> dict[str, tuple[str, list]]:
        """Every entry, key -> (source, results): for tests and inspection."""
        self.flush()
        rows = self._connection().execute("SELECT key, source, data FROM results ORDER BY key").fetchall()
        return {key: (source, json.loads(zlib.decompress(data))["results"]) for key, source, data in rows}

    def prune(self) -> None:
        """Delete entries this run did not use (dumps gone, changed, or rules changed)."""
        if not self.enabled:
            return
        self.flush()
        try:
            self._prune()
        except sqlite3.DatabaseError:  # damaged: what this run wrote is lost, and read again next time
            self._reset()

    def _prune(self) -> None:
        db = self._connection()
        with db:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
            db.execute("DELETE FROM temp.used")
            db.executemany("INSERT OR IGNORE INTO temp.used (key) VALUES (?)", ((key,) for key in self.used))
            removed = db.execute("DELETE FROM results WHERE key NOT IN (SELECT key FROM temp.used)").rowcount
        if removed:
            # Give the space back when much of the file is free (rules changed, dumps gone).
            free = db.execute("PRAGMA freelist_count").fetchone()[0]
            if free * 4 > db.execute("PRAGMA page_count").fetchone()[0]:
                db.execute("VACUUM")

    def close(self) -> None:
        if self._db is None and not self._pending:
            return
        try:
            self.flush()
        finally:
            if self._db is not None:
                self._db.close()
                self._db = None


def _open(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(str(path))
    # A lost write costs a dump read again, never a wrong post: no waiting for the disk.
    db.execute("PRAGMA synchronous=OFF")
    db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, source TEXT NOT NULL, data BLOB NOT NULL)")
    db.commit()
    return db
