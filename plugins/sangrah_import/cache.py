"""Remember what each dump became, so a re-run only reads dumps that changed.

A cache entry is the outcome of reading, cleaning and extracting one dump
(its posts before slugs are given out, or its rejects), kept in one SQLite
file, ``<posts>/.sangrah/import-cache.sqlite`` (git-ignored with the
generated posts; one file, not a file a dump: at 10,000 dumps, 10,000 files
took 155 MB). An entry is stored in two parts: its summary, JSON of every
field but the posts' body blocks, and the blocks, compressed. A re-run
needs every summary (slugs, duplicates, the report) but the blocks only of
the posts it renders again, and decompressing and parsing all the blocks of
10,000 dumps cost a rebuild about a second. Its key is the SHA-256 of

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
FORMAT = 4
# The results table's columns (SQLite's user_version): a file of other columns is emptied.
SCHEMA = 2
# Keys asked in one query (SQLite allows 999 parameters where it is oldest).
KEYS_PER_QUERY = 500
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
    """The post and its sketch; its ``blocks`` are None when the data lacks them (a summary:
    see :meth:`ResultCache.summaries`), to be filled by :func:`blocks_from_json` if it is rendered."""
    post = Post(
        key=data["key"], source=data["source"], record=data["record"], title=data["title"],
        date=_date_from_json(data["date"]), date_source=data["date_source"],
        blocks=blocks_from_json(data["blocks"]) if "blocks" in data else None,
        tags=list(data["tags"]), category=data["category"], entities=list(data["entities"]),
        authors=list(data["authors"]), lang=data["lang"], url=data["url"], notes=list(data["notes"]),
        removed_count=data["removed_count"], discoveries=list(data.get("discoveries", [])),
    )
    return post, unpack_sketch(data["sketch"])


def blocks_from_json(data: list) -> list[Block]:
    return [Block(kind, text) for kind, text in data]


def split_results(results: list) -> tuple[list, dict[str, list]]:
    """(the results without their posts' blocks; those blocks by post key)."""
    summary, blocks = [], {}
    for item in results:
        if "post" in item:
            post = dict(item["post"])
            blocks[post["key"]] = post.pop("blocks")
            item = {**item, "post": post}
        summary.append(item)
    return summary, blocks


def joined_results(summary: list, blocks: dict[str, list]) -> list:
    """The results :func:`split_results` was given."""
    return [{**item, "post": {**item["post"], "blocks": blocks[item["post"]["key"]]}} if "post" in item else item
            for item in summary]


class ResultCache:
    """The per-dump cache of one posts folder (see the module docstring).

    Entries given to :meth:`put` are written by :meth:`flush` (one
    transaction for a batch); :meth:`close` flushes and closes. A closed
    cache opens again when asked.
    """

    def __init__(self, posts_dir: Path, enabled: bool = True):
        self.path = posts_dir / STATE_DIR / CACHE_FILE
        self.enabled = enabled
        self.used: set[str] = set()
        self._pending: list[tuple[str, str, str, bytes]] = []
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

    def summaries(self, keys: list[str]) -> dict[str, list]:
        """The cached results of these keys, by key, without their posts' blocks (see :meth:`blocks`).

        Keys without a usable entry are left out. Asked in batches, not a
        query a key: at 10,000 dumps the queries cost more than the answers.
        """
        found: dict[str, list] = {}
        if not self.enabled:
            return found
        for start in range(0, len(keys), KEYS_PER_QUERY):
            batch = keys[start:start + KEYS_PER_QUERY]
            try:
                rows = self._connection().execute(
                    f"SELECT key, summary FROM results WHERE key IN ({','.join('?' * len(batch))})", batch).fetchall()
            except sqlite3.DatabaseError:
                return found
            for key, text in rows:
                try:
                    data = json.loads(text)
                except (ValueError, TypeError):
                    continue
                if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("results"), list):
                    found[key] = data["results"]
                    self.used.add(key)
        return found

    def blocks(self, key: str) -> dict[str, list] | None:
        """The body blocks of an entry's posts, by post key (JSON lists); None when unreadable."""
        if not self.enabled:
            return None
        try:
            row = self._connection().execute("SELECT blocks FROM results WHERE key = ?", (key,)).fetchone()
            data = json.loads(zlib.decompress(row[0])) if row is not None else None
        except (sqlite3.DatabaseError, zlib.error, ValueError, TypeError):
            return None
        return data if isinstance(data, dict) else None

    def put(self, key: str, source: str, results: list) -> None:
        if not self.enabled:
            return
        self.used.add(key)
        summary, blocks = split_results(results)
        text = json.dumps({"format": FORMAT, "results": summary}, ensure_ascii=False, sort_keys=True)
        packed = json.dumps(blocks, ensure_ascii=False, sort_keys=True).encode("utf-8")
        # Level 1: most of the size gone (block text repeats) for little time.
        self._pending.append((key, source, text, zlib.compress(packed, 1)))

    def flush(self) -> None:
        if not self._pending:
            return
        try:
            self._write(self._pending)
        except sqlite3.DatabaseError:  # damaged inside (it opened): started afresh, once
            self._reset()
            self._write(self._pending)
        self._pending.clear()

    def _write(self, rows: list[tuple[str, str, str, bytes]]) -> None:
        db = self._connection()
        with db:
            db.executemany("INSERT OR REPLACE INTO results (key, source, summary, blocks) VALUES (?, ?, ?, ?)", rows)

    def _reset(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        self.path.unlink(missing_ok=True)

    def entries(self) -> dict[str, tuple[str, list]]:
        """Every entry, key -> (source, results with their blocks): for tests and inspection."""
        self.flush()
        rows = self._connection().execute("SELECT key, source, summary, blocks FROM results ORDER BY key").fetchall()
        return {key: (source, joined_results(json.loads(summary)["results"], json.loads(zlib.decompress(blocks))))
                for key, source, summary, blocks in rows}

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
    if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:
        # A file of an earlier layout: its entries are of an earlier format too.
        db.execute("DROP TABLE IF EXISTS results")
        db.execute(f"PRAGMA user_version = {SCHEMA}")
    db.execute("CREATE TABLE IF NOT EXISTS results "
               "(key TEXT PRIMARY KEY, source TEXT NOT NULL, summary TEXT NOT NULL, blocks BLOB NOT NULL)")
    db.commit()
    return db
