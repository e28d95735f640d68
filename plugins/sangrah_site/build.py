"""The build itself: caches, linear listings, the incremental writer, the output's upkeep.

Wired to Pelican's signals in ``__init__.py``:

* ``initialized`` (:func:`configure_build`): the build cache folder
  (``SANGRAH_BUILD_CACHE``, by default ``cache/<output folder name>`` beside
  the output folder, so test builds in temporary folders keep theirs apart);
  Pelican's content cache in it, in a subfolder named by a fingerprint of
  the settings and the reading code (Pelican itself never notices that a
  setting changed); and, when there is no record of a previous build, an
  emptied output folder, as DELETE_OUTPUT_DIRECTORY would.
* ``article_generator_init`` (:func:`linear_listings`): Pelican's per-group
  scans switched off (listing_pages.py writes those pages).
* ``article_generator_finalized`` / ``page_generator_finalized``
  (:func:`freeze_urls`): each article's URL and output path computed once.
* ``finalized`` (:func:`finish_build`): the writer's pages rendered and
  written (writer.py), the browser files copied, and the files the previous
  build made that this one did not, deleted.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
import time
from pathlib import Path

from pelican.utils import clean_output_dir

from .cachedb import BuildCache, Output
from .fingerprint import _library_versions, _stable
from .listings import period_archives
from .vendor import copy_vendor_files
from .writer import SangrahWriter

log = logging.getLogger("sangrah.build")

CACHE_FILE = "pages.sqlite"
# Moments of the build (perf_counter), for the one-line timeline printed at
# its end: the plugin is loaded when Pelican starts.
_STARTED = time.perf_counter()
_MARKS: list[tuple[str, float]] = []


def mark(name: str) -> None:
    _MARKS.append((name, time.perf_counter()))


def timeline() -> str:
    """"import 12.0 s, read 3.1 s, ..." from the marks so far (each phase ends at its mark)."""
    parts, last = [], _STARTED
    for name, moment in _MARKS:
        parts.append(f"{name} {moment - last:.1f} s")
        last = moment
    return ", ".join(parts)
# What a post becomes in Pelican's content cache depends on these too.
READER_CODE = (Path(__file__).with_name("reader.py"), Path(__file__).with_name("sanitize.py"))


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def build_cache_dir(settings) -> Path:
    chosen = settings.get("SANGRAH_BUILD_CACHE")
    if chosen:
        return Path(chosen).resolve()
    output = Path(settings["OUTPUT_PATH"]).resolve()
    return output.parent / "cache" / output.name


def content_cache_fingerprint(settings) -> str:
    """What Pelican's cached reading depends on besides the files: settings, reading code, libraries."""
    stable = {key: value for key, value in settings.items() if key.isupper()}
    parts = [json.dumps(stable, sort_keys=True, default=_stable, ensure_ascii=False), *_library_versions(),
             *(hashlib.sha256(code.read_bytes()).hexdigest() for code in READER_CODE)]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def configure_build(pelican) -> None:
    """initialized: see the module docstring."""
    settings = pelican.settings
    # The import (sangrah_import, an earlier receiver of this signal) is done.
    mark("start+import")
    folder = build_cache_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    settings["SANGRAH_BUILD_CACHE_DIR"] = str(folder)
    if settings.get("CACHE_CONTENT"):
        name = "content-" + content_cache_fingerprint(settings)
        for old in sorted(folder.glob("content-*")):
            if old.name != name:
                shutil.rmtree(old, ignore_errors=True)
        settings["CACHE_PATH"] = str(folder / name)
        # Pelican leaves an empty file when it cannot save a cache (it opens
        # the file before pickling) and stops with a traceback when it reads
        # one: such a file is dropped here, the cache is made anew.
        for cache_file in sorted((folder / name).glob("*")):
            if cache_file.is_file() and cache_file.stat().st_size == 0:
                cache_file.unlink()

    output = Path(pelican.output_path)
    cache = BuildCache(folder / CACHE_FILE)
    try:
        first = not cache.has_outputs()
    finally:
        cache.close()
    content = Path(settings["PATH"]).resolve()
    # Without a record of what is in the output folder, nothing in it can be
    # trusted to be this site's: start from an empty one (never when the
    # content is inside it, the case Pelican guards against too).
    if first and output.is_dir() and not content.is_relative_to(output.resolve()):
        clean_output_dir(str(output), settings.get("OUTPUT_RETENTION", []))


def linear_listings(generator) -> None:
    """article_generator_init: no per-group scans over all articles.

    Pelican builds each period's article list with ``a in dates`` over every
    article, and each tag, category and author page's date list with ``a in
    articles`` over every article: quadratic, whatever a site's templates
    use. The period archives are built here in one pass (same structure);
    the group pages are written by listing_pages.py, so Pelican's writing
    of them is switched off. Set on the instance: Pelican has no setting for
    either, and its ArticlesGenerator cannot be swapped for a subclass.
    """
    generator._build_period_archives = period_archives
    for name in ("generate_tags", "generate_categories", "generate_authors", "generate_period_archives"):
        setattr(generator, name, lambda write: None)


def freeze_urls(generator) -> None:
    """article/page_generator_finalized: each URL and output path computed once.

    Pelican recomputes ``url`` on every use (formatting its URL setting from a
    copy of the metadata), and a teaser uses it on every listing it is on:
    hundreds of thousands of times in a 10,000-article build. ``override_url``
    is Pelican's own way to fix an article's URL; it is set to the value
    Pelican computes, once every slug is final (after pretaxonomy).
    """
    for name in ("articles", "translations", "hidden_articles", "hidden_translations", "drafts",
                 "drafts_translations", "pages", "hidden_pages", "draft_pages", "translations"):
        for item in getattr(generator, name, None) or []:
            if not hasattr(item, "override_url"):
                item.override_url = item.url
            if not hasattr(item, "override_save_as"):
                # The same for the output path: asked by Pelican's writer, by
                # its validity check and by every render key.
                item.override_save_as = item.save_as


def static_outputs(pelican, generators) -> list[str]:
    """Paths (relative to the output) of the files Pelican's static generator copies."""
    settings = pelican.settings
    found = []
    theme = Path(pelican.theme)
    for entry in settings.get("THEME_STATIC_PATHS", []):
        source = theme / entry
        if source.is_dir():
            for path in sorted(source.rglob("*")):
                if path.is_file():
                    found.append(Path(settings["THEME_STATIC_DIR"], path.relative_to(source)).as_posix())
        elif source.is_file():
            found.append(Path(settings["THEME_STATIC_DIR"], source.name).as_posix())
    for generator in generators:
        for static in getattr(generator, "staticfiles", None) or []:
            if static.save_as:
                found.append(Path(static.save_as).as_posix())
    return found


_GENERATORS: dict[int, list] = {}


def remember_generators(generators) -> None:
    """all_generators_finalized: the generators, for finish_build (keyed by their settings)."""
    mark("read+context")
    if generators:
        _GENERATORS[id(generators[0].settings)] = list(generators)


def finish_build(pelican) -> None:
    """finalized: pages, browser files, and the output folder's upkeep."""
    settings = pelican.settings
    mark("search+queue")
    generators = _GENERATORS.pop(id(settings), [])
    output = Path(pelican.output_path)
    cache = BuildCache(Path(settings["SANGRAH_BUILD_CACHE_DIR"]) / CACHE_FILE)
    try:
        previous = cache.outputs()
        produced: dict[str, Output] = {}
        writer = SangrahWriter.current
        ours = writer is not None and Path(writer.output_path).resolve() == output.resolve()
        if ours:
            workers = int(settings.get("SANGRAH_BUILD_WORKERS") or 0) or available_cores()
            writer.run(cache, workers, previous)
            produced.update(writer.produced)
            SangrahWriter.current = None
        for relative in copy_vendor_files(pelican):
            produced[relative] = _output_of(output / relative)
        for relative in static_outputs(pelican, generators):
            if (output / relative).is_file():
                produced[relative] = _output_of(output / relative)
        if not ours:
            # Another plugin's writer made the pages: what they are is unknown
            # here, so nothing is removed and the record is left as it was.
            log.warning("sangrah build: pages not written by sangrah's writer; stale files are not removed")
            return
        removed = remove_stale(output, set(previous) - set(produced))
        cache.save_outputs(produced)
        if removed:
            log.info("sangrah build: %d file(s) the site no longer has removed", removed)
    finally:
        cache.close()
    mark("pages")
    print(f"sangrah build: {timeline()}", file=sys.stderr)


def _output_of(path: Path) -> Output:
    stat = path.stat()
    return Output(None, None, stat.st_size, stat.st_mtime_ns)


def remove_stale(output: Path, stale: set[str]) -> int:
    """Delete these files (relative to ``output``) and the folders they leave empty."""
    removed = 0
    root = output.resolve()
    for relative in sorted(stale):
        path = (output / relative)
        if not path.resolve().is_relative_to(root):
            continue
        if path.is_file() or path.is_symlink():
            path.unlink()
            removed += 1
            folder = path.parent
            while folder.resolve() != root and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
    return removed
