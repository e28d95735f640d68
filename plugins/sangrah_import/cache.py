"""Remember what each dump became, so a re-run only reads dumps that changed.

A cache entry is the outcome of reading, cleaning and extracting one dump
(its posts before slugs are given out, or its rejects), stored as JSON in
``<posts>/.sangrah/cache/`` (git-ignored with the generated posts). Its key is
the SHA-256 of

* the dump's bytes and its path (the path is in every post it gives),
* the importer's fingerprint: the bytes of every code and data file of
  sangrah_import and of the shared language rules (sangrah_lang), the
  entity recognizer and its knowledge base when present, the versions of
  the libraries that read and repair text, and the settings that change
  results (TIMEZONE, the undated date).

So an unchanged dump under unchanged rules is never read through the
readers again, and editing a noise marker in data/*.json or any line of the
importer makes every entry miss. Entries not used by a run are deleted at
its end, which keeps the cache the size of the archive. Entries are written
without timestamps, so two imports of the same dumps leave the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from sangrah_lang.code_files import package_files

from .model import Block, Post
from .write.store import STATE_DIR, write_atomically

CACHE_DIR = "cache"
FORMAT = 2
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
        "discoveries": post.discoveries, "sketch": sketch,
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
    return post, list(data["sketch"])


class ResultCache:
    """The per-dump cache folder of one posts folder."""

    def __init__(self, posts_dir: Path, enabled: bool = True):
        self.dir = posts_dir / STATE_DIR / CACHE_DIR
        self.enabled = enabled
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.dir / f"{key}.json"

    def get(self, key: str) -> list | None:
        if not self.enabled:
            return None
        try:
            data = json.loads(self._path(key).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        self.used.add(key)
        return data["results"]

    def put(self, key: str, source: str, results: list) -> None:
        if not self.enabled:
            return
        self.used.add(key)
        text = json.dumps({"format": FORMAT, "source": source, "results": results}, ensure_ascii=False, sort_keys=True)
        write_atomically(self._path(key), (text + "\n").encode("utf-8"))

    def prune(self) -> None:
        """Delete entries this run did not use (dumps gone, changed, or rules changed)."""
        if not self.enabled or not self.dir.is_dir():
            return
        for path in sorted(self.dir.glob("*.json")):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
