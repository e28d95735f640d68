"""Write posts without ever overwriting a person's edits.

The import remembers, in ``<posts>/.sangrah/manifest.json``, the SHA-256 of
every post it wrote. A post whose bytes still match is the import's own and
may be rewritten; a post whose bytes differ was edited by someone and is left
alone. A post the manifest doesn't know (a fresh clone of an archive that
committed its posts, a hand-written post) is only ever rewritten when the
new bytes would be identical anyway.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sangrah_lang.filestamps import file_sha256

from .frontmatter import read_front_matter
from .json_by_line import dumps_by_line

STATE_DIR = ".sangrah"
MANIFEST = "manifest.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def post_key(front_matter: dict) -> str | None:
    source = front_matter.get("source")
    if not source:
        return None
    record = front_matter.get("record")
    return str(source) if record is None else f"{source}#{record}"


@dataclass
class ExistingPost:
    path: Path
    key: str | None
    slug: str
    ours: bool  # written by the import and not edited since


@dataclass
class PlannedWrite:
    """A post's write, decided in the import's order and done later, perhaps in another process."""

    name: str
    path: Path
    key: str
    made_from: str | None
    replaces: bool  # a file of that name is there: the import's own, unedited


def write_planned(planned: PlannedWrite, text: str) -> tuple[str, str]:
    """Do a planned write: (created, updated or unchanged; the SHA-256 of the bytes)."""
    data = text.encode("utf-8")
    if planned.replaces:
        if planned.path.read_bytes() == data:
            return "unchanged", sha256(data)
        status = "updated"
    else:
        status = "created"
    write_atomically(planned.path, data)
    return status, sha256(data)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _record(digest: str, key: str, made_from: str | None) -> dict:
    record = {"sha256": digest, "key": key}
    if made_from is not None:
        record["made_from"] = made_from
    return record


class PostStore:
    """The posts folder: what is in it, whose it is, and safe writes into it."""

    def __init__(self, posts_dir: Path):
        self.dir = posts_dir
        self.dir.mkdir(parents=True, exist_ok=True)
        manifest_path = self.dir / STATE_DIR / MANIFEST
        # file name -> {"sha256": digest of the bytes written, "key": dump key,
        # "made_from": what they were made from, pipeline.post_inputs}
        try:
            self.manifest: dict[str, dict] = json.loads(manifest_path.read_text("utf-8"))["posts"]
        except (OSError, ValueError, KeyError, TypeError):
            self.manifest = {}
        self.existing: dict[str, ExistingPost] = {}  # by file name
        for path in sorted(self.dir.glob("*.md")):
            record = self.manifest.get(path.name) or {}
            # Kept for the build's reading of the posts, which hashes them too.
            ours = record.get("sha256") == file_sha256(path).hex()
            # The manifest knows the key of the import's own posts; for any
            # other post, the front matter says which dump it came from.
            key = record.get("key") if ours else post_key(read_front_matter(path.read_text("utf-8", errors="replace")))
            self.existing[path.name] = ExistingPost(path, key, path.stem, ours)

    def by_key(self) -> dict[str, ExistingPost]:
        """Existing posts by the dump they came from (first file wins)."""
        found: dict[str, ExistingPost] = {}
        for post in self.existing.values():
            if post.key and post.key not in found:
                found[post.key] = post
        return found

    def holds(self, slug: str, made_from: str | None) -> bool:
        """Whether the import's own, unedited post ``slug`` was written from ``made_from`` (see pipeline.post_inputs)."""
        name = f"{slug}.md"
        current = self.existing.get(name)
        return (made_from is not None and current is not None and current.ours
                and self.manifest.get(name, {}).get("made_from") == made_from)

    def write(self, slug: str, text: str, key: str, made_from: str | None = None) -> str:
        """Write a post; returns created, updated, unchanged or kept.

        ``made_from``: what the text was made from, remembered in the manifest
        so that a later run with the same inputs need not render it (holds).
        """
        name = f"{slug}.md"
        path = self.dir / name
        data = text.encode("utf-8")
        current = self.existing.get(name)
        if current is not None:
            old = path.read_bytes()
            if old == data:
                self.manifest[name] = _record(sha256(data), key, made_from)
                self.existing[name] = ExistingPost(path, key, slug, True)
                return "unchanged"
            if not current.ours:
                return "kept"
            status = "updated"
        else:
            status = "created"
        write_atomically(path, data)
        self.manifest[name] = _record(sha256(data), key, made_from)
        self.existing[name] = ExistingPost(path, key, slug, True)
        return status

    def plan(self, slug: str, key: str, made_from: str | None = None) -> PlannedWrite | None:
        """What ``write`` would do, decided now and done by ``write_planned``: the store
        is left as ``write`` leaves it, the manifest waits for ``planned_done``.

        None when the name is taken by a post that is not the import's own
        (the slug registry never hands such a name out): ``write`` decides
        that case, as it needs the new bytes.
        """
        name = f"{slug}.md"
        current = self.existing.get(name)
        if current is not None and not current.ours:
            return None
        path = self.dir / name
        self.existing[name] = ExistingPost(path, key, slug, True)
        return PlannedWrite(name, path, key, made_from, current is not None)

    def planned_done(self, planned: PlannedWrite, digest: str) -> None:
        self.manifest[planned.name] = _record(digest, planned.key, planned.made_from)

    def remove(self, name: str) -> bool:
        """Delete one of the import's own, unedited posts (its dump is gone)."""
        post = self.existing.get(name)
        if post is None or not post.ours:
            return False
        post.path.unlink()
        del self.existing[name]
        self.manifest.pop(name, None)
        return True

    def save_manifest(self) -> None:
        present = set(os.listdir(self.dir))  # one listing, not a stat a post
        known = {name: record for name, record in self.manifest.items() if name in present}
        data = dumps_by_line({"version": 1, "posts": known}, sort_keys=True)
        write_atomically(self.dir / STATE_DIR / MANIFEST, data.encode("utf-8"))
