"""The import, end to end: every dump -> a post, or a reject with its reason.

    read (read/)  ->  clean (clean/)  ->  extract (extract/)  ->  write (write/)

Dumps are taken in sorted order and every decision depends only on the
dumps, the settings and the posts folder, so a second run over the same
input writes the same bytes (and, having nothing new to say, writes none).
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from sangrah_lang import filestamps
from sangrah_lang.slug import SlugRegistry, fallback_slug, prepare_romanization, slugify

from .cache import ResultCache, blocks_from_json, entry_key, post_from_json, post_to_json, run_fingerprint
from .clean.html_blocks import clean_html_draft
from .clean.text_dump import clean_text_dump
from .extract import build_post
from .extract.dates import date_from_filename, zone
from .extract.duplicates import Candidate, canonical_url, find_duplicates, sketch
from .extract.entities import aggregate, analyze_entities, end_run, publish_discoveries, start_run, write_discoveries
from .model import DateEvidence, Draft, Post
from .progress import Progress
from .read import Reject, read_dump
from .read.errors import RecordReject
from .read.legacy_font import legacy_font_reason
from .write.frontmatter import render_post
from .write.report import ImportReport
from .write.store import STATE_DIR, PlannedWrite, PostStore, write_planned

log = logging.getLogger("sangrah.import")
# Discovered names published as entities (SANGRAH_PUBLISH_DISCOVERED): their
# records, for the entity pages; next to the import report.
DISCOVERED_FILE = "entities-discovered.yaml"
# Below this many dumps to read, starting worker processes costs more than it saves.
PARALLEL_MIN_JOBS = 8
# Fresh results are given slugs and cached in batches of this many as they
# arrive (a slug depends on its own title only, so batches change nothing).
STORE_BATCH = 200


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
    # Names the knowledge base lacks, found after title cues, for editors to
    # promote (see sangrah_entities.discovery). Default: next to the report.
    review_file: Path | None = None
    discovery_min_count: int = 1
    # Publish discovered names as (unreviewed) entities of their posts.
    publish_discovered: bool = False
    workers: int = 0  # processes reading dumps; 0: every core this process may use
    cache: bool = True  # keep per-dump results, so that re-runs read only changed dumps
    progress: bool = True  # a progress bar on a terminal (plain lines otherwise)
    ignore: tuple[str, ...] = ("README", "README.md", "README.txt", ".gitkeep")
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.review_file is None:
            self.review_file = self.posts_dir / STATE_DIR / "entities-review.yaml"


def settings_from_pelican(settings: dict) -> ImportSettings:
    content = Path(settings["PATH"]).resolve()
    options = dict(settings.get("SANGRAH_IMPORT", {}))
    project = Path(options.pop("project_dir", content.parent)).resolve()
    posts_dir = (content / options.pop("posts", "posts")).resolve()
    return ImportSettings(
        project_dir=project,
        dumps_dir=(content / options.pop("dumps", "dumps")).resolve(),
        posts_dir=posts_dir,
        timezone=settings.get("TIMEZONE", "Asia/Kolkata"),
        article_url=settings.get("ARTICLE_URL", "posts/{slug}/"),
        undated_date=options.pop("undated_date", "1970-01-01"),
        max_bytes=int(options.pop("max_bytes", 20 * 1024 * 1024)),
        fail_on_reject=bool(options.pop("fail_on_reject", False)),
        entities_dir=(content / options.pop("entities", "entities")).resolve(),
        discovery_min_count=int(settings.get("SANGRAH_DISCOVERY_MIN_COUNT", 1)),
        publish_discovered=bool(settings.get("SANGRAH_PUBLISH_DISCOVERED", False)),
        workers=int(options.pop("workers", 0)),
        cache=bool(options.pop("cache", True)),
        progress=bool(options.pop("progress", True)),
        extra=options,
    )


def list_dumps(settings: ImportSettings) -> list[Path]:
    """Every dump file, in a stable order (hidden files and READMEs skipped)."""
    top = os.fspath(settings.dumps_dir)
    found = []  # (path under the dumps folder, with /; the path)
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        # Strings, not paths, until the end: at 10,000 dumps pathlib cost more than the walk.
        folder = os.path.relpath(root, top).replace(os.sep, "/")
        prefix = "" if folder == "." else folder + "/"
        for name in files:
            if name.startswith(".") or name in settings.ignore:
                continue
            found.append((prefix + name, os.path.join(root, name)))
    found.sort()
    return [Path(path) for _, path in found]


def _source_of(path: Path, settings: ImportSettings) -> str:
    """The dump's path as posts name it: relative to the project, links resolved."""
    name = str(path)
    folder = str(settings.dumps_dir) + os.sep
    if name.startswith(folder) and not os.path.islink(name):
        # The common case, as strings (pathlib's relative_to costs more than
        # the rest of a cached dump's bookkeeping): a file in the real
        # folders under dumps_dir, in a project that holds them.
        real = str(_real_folder(settings.dumps_dir)) + os.sep + name[len(folder):]
        project = str(settings.project_dir) + os.sep
        if real.startswith(project):
            return real[len(project):].replace(os.sep, "/")
    real = None
    if not path.is_symlink():
        # list_dumps finds files in real folders under dumps_dir (os.walk does
        # not follow links), so only the file itself can be a link: the dumps
        # folder is resolved once, not every path of ten thousand.
        try:
            real = _real_folder(settings.dumps_dir) / path.relative_to(settings.dumps_dir)
        except ValueError:  # a dump given from elsewhere
            pass
    if real is None:
        real = path.resolve()
    try:
        return real.relative_to(settings.project_dir).as_posix()
    except ValueError:
        return real.as_posix()


@lru_cache(maxsize=16)
def _real_folder(folder: Path) -> Path:
    return folder.resolve()


def _draft_text(draft: Draft) -> str:
    """All the text a draft holds before cleaning (for the legacy-font check)."""
    parts = [draft.title or ""]
    parts.extend(draft.lines)
    parts.extend(line for segment in draft.segments for line in segment.lines)
    return "\n".join(parts)


def clean_draft(draft: Draft, local_zone) -> Draft:
    if draft.segments or draft.structured:
        return clean_html_draft(draft, local_zone)
    return clean_text_dump(draft, local_zone)


def _read_and_clean(path: Path, source: str, settings: ImportSettings) -> list:
    """Cleaned drafts of one dump, and RecordRejects for records that hold no article.

    Raises Reject when the dump as a whole cannot be read.
    """
    size = path.stat().st_size
    if size > settings.max_bytes:
        raise Reject(f"file too large ({size:,} bytes; the limit is {settings.max_bytes:,})")
    local_zone = zone(settings.timezone)
    items = read_dump(path.read_bytes(), source, local_zone)
    from_name = date_from_filename(path.name, local_zone)
    results: list = []
    for item in items:
        if isinstance(item, RecordReject):
            results.append(item)
            continue
        legacy = legacy_font_reason(_draft_text(item), item.legacy_font_named)
        if legacy:
            results.append(RecordReject(item.record, legacy))
            continue
        clean_draft(item, local_zone)
        if from_name is not None:
            item.dates.append(DateEvidence(from_name.value, "filename", path.name))
        results.append(item)
    return results


def drafts_from_dump(path: Path, settings: ImportSettings) -> list[Draft]:
    """Read and clean one dump (raises Reject); records that hold no article are left out."""
    return [d for d in _read_and_clean(path, _source_of(path, settings), settings) if isinstance(d, Draft)]


def _posts_from_dump(path: Path, source: str, settings: ImportSettings) -> list:
    """Read, clean and extract one dump: a list of (Post, sketch) and RecordRejects.

    Raises Reject when the dump as a whole cannot be read.
    """
    local_zone = zone(settings.timezone)
    undated = datetime.fromisoformat(settings.undated_date).date()
    results: list = []
    for item in _read_and_clean(path, source, settings):
        if isinstance(item, RecordReject):
            results.append(item)
            continue
        try:
            post = build_post(item, local_zone, undated)
        except Reject as reject:
            results.append(RecordReject(item.record, reject.reason))
            continue
        post.entities, post.discoveries = analyze_entities(post, settings.entities_dir)
        results.append((post, sketch([b.text for b in post.blocks])))
    return results


def wanted_slug(title: str, key: str) -> str:
    """The slug a post's title asks for (the registry numbers it if taken)."""
    return slugify(title) or fallback_slug(key, "post")


def process_dump(job: tuple[str, str, ImportSettings]) -> list:
    """One dump -> its results as JSON-ready data (what the cache stores).

    Runs in worker processes: it takes and returns plain data. Whatever the
    dump holds, the answer is data, never an exception: a reader's bug is
    reported as that dump's reject (and logged), so one file cannot stop an
    import of thousands.
    """
    path, source, settings = job
    try:
        results = _posts_from_dump(Path(path), source, settings)
    except Reject as reject:
        return [{"reject": {"record": None, "reason": reject.reason}}]
    except OSError as error:
        return [{"reject": {"record": None, "reason": f"cannot read the file ({error.strerror or error})"}}]
    except RecursionError:
        return [{"reject": {"record": None, "reason": "nested too deeply to read (markup or JSON thousands of levels deep)"}}]
    except Exception as error:  # noqa: BLE001 - see the docstring
        # One line on the console (the report has the reason); the traceback
        # only in debug logs, for whoever fixes the reader.
        log.warning("sangrah import: could not import %s: %s: %s", source, type(error).__name__, error)
        log.debug("sangrah import: traceback for %s", source, exc_info=True)
        return [{"reject": {"record": None, "reason": f"internal error while importing ({type(error).__name__}: {error})"}}]
    data = []
    for item in results:
        if isinstance(item, RecordReject):
            data.append({"reject": {"record": item.record, "reason": item.reason}})
        else:
            post, post_sketch = item
            data.append({"post": post_to_json(post, post_sketch)})
    return data


def add_wanted_slugs(results: list[list]) -> None:
    """The slug each new post's title asks for, into its result (and so into the cache).

    Romanized here, for every fresh dump at once: one aksharamukha call for
    all their new words costs what a few words cost one by one. Cached, so a
    later import of an unchanged archive romanizes nothing.
    """
    prepare_romanization(item["post"]["title"] for result in results for item in result if "post" in item)
    for result in results:
        for item in result:
            if "post" in item:
                item["slug"] = wanted_slug(item["post"]["title"], item["post"]["key"])


def slug_answers(slug: str, asked: str) -> bool:
    """Whether ``slug`` is what a title asking for ``asked`` may have: it, or it numbered (-2, -3 …)."""
    if slug == asked:
        return True
    head, _, number = slug.rpartition("-")
    return head == asked and number.isdigit()


def _workers(settings: ImportSettings, jobs: int) -> int:
    wanted = settings.workers or available_cores()
    return max(1, min(wanted, jobs))


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _run_jobs(jobs: list[tuple[str, str, ImportSettings]], settings: ImportSettings, progress: Progress):
    """Results of every job, yielded in the jobs' order, on as many cores as allowed.

    A generator: the caller stores each result while the workers read the
    next dumps, so writing the cache overlaps the reading instead of
    following it.
    """
    workers = _workers(settings, len(jobs))
    if workers <= 1 or len(jobs) < PARALLEL_MIN_JOBS:
        for job in jobs:
            yield process_dump(job)
            progress.update()
        return
    # The first dump is read here: it loads every rule file, month name and
    # romanization table once, and forked workers inherit them warm.
    yield process_dump(jobs[0])
    progress.update()
    # fork: workers inherit the loaded rules and need no import of their own;
    # where fork does not exist, spawn works the same, only slower to start.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(1, min(16, len(jobs) // (workers * 4)))
    with context.Pool(workers) as pool:
        # imap keeps the jobs' order, so the merge below sees the same
        # sequence as a single-process run: same slugs, same bytes.
        for result in pool.imap(process_dump, jobs[1:], chunksize=chunk):
            yield result
            progress.update()


# The posts being written by write_posts, for its forked workers (they inherit them).
_TO_WRITE: list[tuple[Post, PlannedWrite]] = []
# Below this many posts to write, starting workers costs more than it saves.
PARALLEL_MIN_WRITES = 200


def _write_one(index: int) -> tuple[str, str]:
    post, planned = _TO_WRITE[index]
    return write_planned(planned, render_post(post))


def write_posts(to_write: list[tuple[Post, PlannedWrite]], workers: int) -> list[tuple[str, str]]:
    """Render and write posts: (status, SHA-256) of each, in the order given.

    A post's Markdown costs a few hundred microseconds to make and its file
    some more to write; at 10,000 posts that was ten seconds with one core
    busy and the other idle.
    """
    global _TO_WRITE
    if workers <= 1 or len(to_write) < PARALLEL_MIN_WRITES or "fork" not in multiprocessing.get_all_start_methods():
        return [write_planned(planned, render_post(post)) for post, planned in to_write]
    _TO_WRITE = to_write
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_write_one, range(len(to_write)), chunksize=max(1, min(64, len(to_write) // (workers * 4))))
    finally:
        _TO_WRITE = []


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def collect_results(settings: ImportSettings, dumps: list[Path], cache: ResultCache) -> list[tuple[str, str | None, list]]:
    """(source, cache key, results) of every dump, from the cache or freshly read.

    The key (None for a dump refused unread) names the dump's bytes under
    the importer's code and settings. Results from the cache lack their
    posts' blocks (see :func:`fill_blocks`).
    """
    fingerprint = run_fingerprint(settings.timezone, settings.undated_date, settings.entities_dir)
    outcomes: dict[int, list] = {}
    keys: dict[int, str] = {}
    pending: list[tuple[int, str, tuple]] = []
    sources = []
    for index, path in enumerate(dumps):
        source = _source_of(path, settings)
        sources.append(source)
        try:
            size = path.stat().st_size
            if size > settings.max_bytes:
                # Refused without reading it (and never cached).
                outcomes[index] = [{"reject": {"record": None, "reason":
                                   f"file too large ({size:,} bytes; the limit is {settings.max_bytes:,})"}}]
                continue
            key = keys[index] = entry_key(fingerprint, source, _file_digest(path))
        except OSError as error:
            outcomes[index] = [{"reject": {"record": None, "reason": f"cannot read the file ({error.strerror or error})"}}]
            continue
    cached = cache.summaries(list(keys.values()))
    for index, key in keys.items():
        if key in cached:
            outcomes[index] = cached[key]
        else:
            pending.append((index, key, (str(dumps[index]), sources[index], settings)))
    done: list[tuple[int, str, list]] = []

    def store_done() -> None:
        # Slugs for a batch of fresh results (one romanization call), then
        # their cache entries, written while the workers read on.
        add_wanted_slugs([result for _, _, result in done])
        for index, key, result in done:
            outcomes[index] = result
            cache.put(key, sources[index], result)
        cache.flush()
        done.clear()

    start_run(settings.entities_dir if pending else None)
    try:
        with Progress(len(pending), enabled=settings.progress) as progress:
            fresh = _run_jobs([job for _, _, job in pending], settings, progress)
            # strict: the generator is run to its end (last progress step, pool closed).
            for (index, key, _), result in zip(pending, fresh, strict=True):
                done.append((index, key, result))
                if len(done) >= STORE_BATCH:
                    store_done()
            store_done()
        cache.prune()
    finally:
        end_run()
    return [(sources[index], keys.get(index), outcomes[index]) for index in range(len(dumps))]


def fill_blocks(posts: list[Post], entries: dict[str, str], cache: ResultCache, dumps: dict[str, Path],
                settings: ImportSettings) -> None:
    """The body blocks of posts read from the cache's summaries, for the posts about to be rendered.

    From the cache; where its entry cannot be read any more (the file
    damaged since), the dump is imported again (the same code and bytes
    give the same blocks).
    """
    for post in posts:
        if post.blocks is not None:
            continue
        entry = entries.get(post.key)
        stored = cache.blocks(entry) if entry is not None else None
        if stored is None or post.key not in stored:
            stored = {}
            for item in process_dump((str(dumps[post.source]), post.source, settings)):
                if "post" in item:
                    stored[item["post"]["key"]] = item["post"]["blocks"]
        if post.key not in stored:
            # Its bytes changed after this run read them: a clean stop, and the next run sees the new bytes.
            raise SystemExit(f"sangrah import: {post.source} changed while it was imported; run the import again")
        post.blocks = blocks_from_json(stored[post.key])


def post_inputs(entry: str | None, post: Post) -> str | None:
    """What a post's file is made from: a hash of its dump's cache key, its slug and its entities.

    The cache key covers the dump's bytes and the importer's code (its
    writing of posts included), settings and libraries, so it fixes every
    field of the post but the two the run decides: the slug (given out
    across all dumps) and the entities (published discoveries add some).
    None when the dump has no key: such a post is always rendered.
    """
    if entry is None:
        return None
    parts = [entry, post.key, post.slug, "\x1f".join(post.entities)]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def run_import(settings: ImportSettings, build=None) -> ImportReport:
    """Import every dump; write posts, the manifest and the report.

    ``build``: the Pelican instance the import runs in, if any: the posts'
    digests taken here are then kept for its reading (sangrah_lang.filestamps).
    """
    filestamps.start(build if build is not None else object())
    cache = ResultCache(settings.posts_dir, settings.cache)
    try:
        return _import(settings, cache)
    finally:
        cache.close()


def _import(settings: ImportSettings, cache: ResultCache) -> ImportReport:
    report = ImportReport(settings.article_url)
    posts: list[Post] = []
    candidates: list[Candidate] = []
    wanted: dict[str, str] = {}  # post key -> the slug its title asks for
    entries: dict[str, str] = {}  # post key -> the cache key of its dump's results
    dumps = list_dumps(settings)
    dump_of: dict[str, Path] = {}  # source -> the dump's path
    for path, (source, entry, results) in zip(dumps, collect_results(settings, dumps, cache), strict=True):
        dump_of[source] = path
        for item in results:
            if "reject" in item:
                report.reject(source, item["reject"]["record"], item["reject"]["reason"])
                continue
            post, post_sketch = post_from_json(item["post"])
            if item.get("slug"):
                wanted[post.key] = item["slug"]
            if entry is not None:
                entries[post.key] = entry
            url, changed = canonical_url(post.url)
            candidates.append(Candidate(post.key, len(posts), post_sketch, url, changed, post.removed_count))
            posts.append(post)

    # The same article saved twice becomes one post; the report names the copy.
    verdicts = {v.key: v for v in find_duplicates(candidates)}
    unique: list[Post] = []
    for post in posts:
        verdict = verdicts.get(post.key)
        if verdict is None:
            unique.append(post)
        else:
            report.duplicate(post.source, post.record, verdict.original, verdict.similarity, verdict.same_url)

    # Names the knowledge base lacks: a review file for editors, and, when the
    # site says so, entities of their posts right away.
    with_entities = settings.entities_dir is not None and settings.entities_dir.is_dir()
    discovered = aggregate(unique, settings.discovery_min_count) if with_entities else []
    published_file = settings.posts_dir / STATE_DIR / DISCOVERED_FILE
    if discovered and settings.publish_discovered:
        publish_discoveries(unique, discovered, settings.entities_dir, published_file)
    elif published_file.exists():
        published_file.unlink()

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
    asked = {post.key: wanted.get(post.key) or wanted_slug(post.title, post.key) for post in unique}
    # A published post keeps its URL while its headline still asks for it: a
    # new dump with the same headline is numbered, even when it sorts first.
    for post in unique:
        previous = existing.get(post.key)
        if previous is not None and previous.ours and slug_answers(previous.slug, asked[post.key]):
            registry.assign(post.key, previous.slug)
    # Slugs, statuses and removals are decided in the posts' order; the
    # writes themselves (rendering, and a file each) are done afterwards, on
    # every core: the order they finish in changes no byte.
    outcomes: list[tuple[Post, str, str | None, PlannedWrite | None]] = []
    for post in unique:
        previous = existing.get(post.key)
        if previous is not None and not previous.ours:
            registry.assign(post.key, previous.slug)
            outcomes.append((post, previous.slug, "kept", None))
            continue
        post.slug = registry.assign(post.key, asked[post.key])
        made_from = post_inputs(entries.get(post.key), post)
        planned = None
        if store.holds(post.slug, made_from):
            # The same post would be written: not rendered again to find out.
            status = "unchanged"
        elif (planned := store.plan(post.slug, post.key, made_from)) is None:
            fill_blocks([post], entries, cache, dump_of, settings)
            status = store.write(post.slug, render_post(post), post.key, made_from)
        else:
            status = None
        if previous is not None and previous.slug != post.slug and store.existing.get(previous.path.name) is previous:
            # Its old file, unless another post of this run is to be written there.
            store.remove(previous.path.name)
        outcomes.append((post, post.slug, status, planned))
    to_write = [(post, planned) for post, _, _, planned in outcomes if planned is not None]
    fill_blocks([post for post, _ in to_write], entries, cache, dump_of, settings)
    cache.close()  # all it is asked for is read: not held open in the writers' forks
    written = iter(write_posts(to_write, _workers(settings, len(to_write))))
    for post, slug, status, planned in outcomes:
        if planned is not None:
            status, digest = next(written)
            store.planned_done(planned, digest)
        if status == "kept":
            report.entry(post, slug, status, "edited by hand after import: left as it is")
        else:
            report.entry(post, slug, status)

    for name, post in sorted(store.existing.items()):
        if post.ours and post.key and post.key not in wanted_keys and post.key not in report.keys:
            if store.remove(name):
                report.removed(post.key, name)
    store.save_manifest()
    if with_entities:
        report.discovered = write_discoveries(discovered, settings.review_file)
        report.review_file = settings.review_file
    report.save(settings.posts_dir)
    return report
