"""The import, end to end: every dump -> a post, or a reject with its reason.

    read (read/)  ->  clean (clean/)  ->  extract (extract/)  ->  write (write/)

Dumps are taken in sorted order and every decision depends only on the
dumps, the settings and the posts folder, so a second run over the same
input writes the same bytes (and, having nothing new to say, writes none).
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sangrah_lang.slug import SlugRegistry, fallback_slug, slugify

from .clean.text_dump import clean_text_dump
from .extract import build_post
from .extract.dates import date_from_filename, zone
from .extract.entities import find_entities
from .model import DateEvidence, Draft, Post
from .read import Reject, read_dump
from .text import comparable
from .write.frontmatter import render_post
from .write.report import ImportReport
from .write.store import PostStore

log = logging.getLogger("sangrah.import")


@dataclass
class ImportSettings:
    """Where the import reads and writes, and how it decides.

    Built from Pelican's settings by :func:`settings_from_pelican`.
    """

    project_dir: Path  # 'source' paths in posts are relative to this
    dumps_dir: Path
    posts_dir: Path
    timezone: str = "Asia/Kolkata"
    article_url: str = "posts/{slug}/"
    # Undated dumps are published with this date and date_source "none"; the
    # theme shows "date unknown" for them rather than this value.
    undated_date: str = "1970-01-01"
    max_bytes: int = 20 * 1024 * 1024
    fail_on_reject: bool = False
    entities_dir: Path | None = None
    ignore: tuple[str, ...] = ("README", "README.md", "README.txt", ".gitkeep")
    extra: dict = field(default_factory=dict)


def settings_from_pelican(settings: dict) -> ImportSettings:
    content = Path(settings["PATH"]).resolve()
    options = dict(settings.get("SANGRAH_IMPORT", {}))
    project = Path(options.pop("project_dir", content.parent)).resolve()
    return ImportSettings(
        project_dir=project,
        dumps_dir=(content / options.pop("dumps", "dumps")).resolve(),
        posts_dir=(content / options.pop("posts", "posts")).resolve(),
        timezone=settings.get("TIMEZONE", "Asia/Kolkata"),
        article_url=settings.get("ARTICLE_URL", "posts/{slug}/"),
        undated_date=options.pop("undated_date", "1970-01-01"),
        max_bytes=int(options.pop("max_bytes", 20 * 1024 * 1024)),
        fail_on_reject=bool(options.pop("fail_on_reject", False)),
        entities_dir=(content / options.pop("entities", "entities")).resolve(),
        extra=options,
    )


def list_dumps(settings: ImportSettings) -> list[Path]:
    """Every dump file, in a stable order (hidden files and READMEs skipped)."""
    found = []
    for root, dirs, files in os.walk(settings.dumps_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name in settings.ignore:
                continue
            found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.relative_to(settings.dumps_dir).as_posix())


def _source_of(path: Path, settings: ImportSettings) -> str:
    try:
        return path.resolve().relative_to(settings.project_dir).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def drafts_from_dump(path: Path, settings: ImportSettings) -> list[Draft]:
    """Read and clean one dump (raises Reject)."""
    size = path.stat().st_size
    if size > settings.max_bytes:
        raise Reject(f"file too large ({size:,} bytes; the limit is {settings.max_bytes:,})")
    source = _source_of(path, settings)
    local_zone = zone(settings.timezone)
    drafts = read_dump(path.read_bytes(), source)
    from_name = date_from_filename(path.name, local_zone)
    for draft in drafts:
        if draft.lines:
            clean_text_dump(draft, local_zone)
        if from_name is not None:
            draft.dates.append(DateEvidence(from_name.value, "filename", path.name))
    return drafts


def _body_fingerprint(post: Post) -> str:
    text = "".join(comparable(b.text) for b in post.blocks)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def run_import(settings: ImportSettings) -> ImportReport:
    """Import every dump; write posts, the manifest and the report."""
    local_zone = zone(settings.timezone)
    undated = datetime.fromisoformat(settings.undated_date).date()
    report = ImportReport(settings.article_url)
    posts: list[Post] = []
    for path in list_dumps(settings):
        source = _source_of(path, settings)
        try:
            drafts = drafts_from_dump(path, settings)
        except Reject as reject:
            report.reject(source, None, reject.reason)
            continue
        except OSError as error:
            report.reject(source, None, f"cannot read the file ({error.strerror})")
            continue
        for draft in drafts:
            try:
                post = build_post(draft, local_zone, undated)
            except Reject as reject:
                report.reject(source, draft.record, reject.reason)
                continue
            post.entities = find_entities(post, settings.entities_dir)
            posts.append(post)

    # The same article saved twice becomes one post; the report names the copy.
    first_by_body: dict[str, Post] = {}
    unique: list[Post] = []
    for post in posts:
        fingerprint = _body_fingerprint(post)
        if fingerprint in first_by_body:
            report.duplicate(post.source, post.record, first_by_body[fingerprint].key)
            continue
        first_by_body[fingerprint] = post
        unique.append(post)

    store = PostStore(settings.posts_dir)
    existing = store.by_key()
    wanted_keys = {post.key for post in unique}
    # Slugs of posts the import must not touch are taken before any new one
    # is handed out, so a new dump never lands on a person's post.
    reserved = {
        p.slug: (p.key or f"file:{name}")
        for name, p in store.existing.items()
        if not p.ours or p.key not in wanted_keys
    }
    registry = SlugRegistry(reserved)
    for post in unique:
        previous = existing.get(post.key)
        if previous is not None and not previous.ours:
            registry.assign(post.key, previous.slug)
            report.entry(post, previous.slug, "kept", "edited by hand after import: left as it is")
            continue
        post.slug = registry.assign(post.key, slugify(post.title) or fallback_slug(post.key, "post"))
        status = store.write(post.slug, render_post(post), post.key)
        if previous is not None and previous.slug != post.slug:
            store.remove(previous.path.name)
        report.entry(post, post.slug, status)

    for name, post in sorted(store.existing.items()):
        if post.ours and post.key and post.key not in wanted_keys and post.key not in report.keys:
            if store.remove(name):
                report.removed(post.key, name)
    store.save_manifest()
    report.save(settings.posts_dir)
    return report
