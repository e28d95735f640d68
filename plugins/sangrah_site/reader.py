"""Posts' YAML front matter read with libyaml when it is there; their HTML cleaned as read.

pelican-yaml-metadata parses front matter with PyYAML's pure-Python loader:
at 10,000 posts that is most of the time Pelican spends reading (the
``entities:`` lists are long). libyaml's loader builds the same Python values
with the same safe constructors, about ten times faster. A header libyaml
refuses is read again by the plugin's own code, so an odd hand-written post
gets the same result (or the same logged error) as before.
"""

from __future__ import annotations

import contextlib
import copy

import yaml
from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader

from sangrah_lang.filestamps import known_digest, remember

from .filestamps import share_file_digests
from .plain_markdown import PlainFirstMarkdown
from .sanitize import sanitized

FAST_LOADER = getattr(yaml, "CSafeLoader", None)


class FastYAMLMetadataReader(YAMLMetadataReader):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The plugin's Markdown (its settings without the meta extension, as
        # it makes them), with plain posts' HTML made directly (plain_markdown.py).
        settings = copy.deepcopy(self.settings["MARKDOWN"])
        with contextlib.suppress(KeyError, ValueError):
            settings["extensions"].remove("markdown.extensions.meta")
        self._md = PlainFirstMarkdown(**settings)

    def read(self, source_path):
        # Cleaned here, so that Pelican caches the clean HTML (sanitize.py).
        content, metadata = super().read(source_path)
        return (sanitized(content) if content else content), metadata

    def _load_yaml_metadata(self, text, source_path):
        if FAST_LOADER is not None:
            try:
                metadata = yaml.load(text, Loader=FAST_LOADER)  # noqa: S506 - CSafeLoader is the safe loader
            except yaml.YAMLError:
                metadata = None
            if isinstance(metadata, dict):
                return self._parse_yaml_metadata(metadata, source_path)
        return super()._load_yaml_metadata(text, source_path)


def use_fast_reader(readers) -> None:
    """readers_init: Markdown files go to the libyaml reader (after pelican-yaml-metadata set its own)."""
    for extension in FastYAMLMetadataReader.file_extensions:
        if readers.reader_classes.get(extension) is YAMLMetadataReader:
            readers.reader_classes[extension] = FastYAMLMetadataReader


# -- reading on every core ---------------------------------------------------------------------

# Below this many posts to parse, starting worker processes costs more than it saves.
PREFETCH_MIN_POSTS = 32
_WRAPPER = "__sangrah_urlwrapper__"
_PREFETCH = None  # the Readers of the build, for forked workers


def _portable(value):
    """Metadata without Pelican's Tag/Category/Author objects (each holds the whole settings)."""
    from pelican.urlwrappers import URLWrapper

    if isinstance(value, URLWrapper):
        return (_WRAPPER, type(value).__name__, value.name)
    if isinstance(value, list):
        return [_portable(item) for item in value]
    return value


def _restored(value, settings):
    from pelican import urlwrappers

    if isinstance(value, tuple) and len(value) == 3 and value[0] == _WRAPPER:
        return getattr(urlwrappers, value[1])(value[2], settings)
    if isinstance(value, list):
        return [_restored(item, settings) for item in value]
    return value


def _read_one(path: str):
    from pelican.readers import _filter_discardable_metadata

    reader = _PREFETCH.readers[path.rsplit(".", 1)[-1]]
    # The digest first: the file is read from here on, and Pelican's cache
    # stamps it in the build's process, which need not read it again.
    known = known_digest(path)
    content, metadata = reader.read(path)
    metadata = _filter_discardable_metadata(metadata)
    return path, known, content, {key: _portable(value) for key, value in metadata.items()}


def prefetch_posts(generator) -> None:
    """article_generator_init: the posts Pelican's content cache lacks, parsed on every core
    (after the generator's and its readers' cache stamps are set to the kept digests).

    Pelican reads posts one after another; here the posts it would parse
    (those whose cache entry is missing or stale) are parsed first by forked
    workers, and their results put in its cache, where its own reading finds
    them. Each result is what Pelican's reading would have cached; the tags,
    category and authors are made again in this process with its settings.
    """
    global _PREFETCH
    import multiprocessing
    import os

    from pelican.cache import FileDataCacher
    from pelican.utils import file_suffix

    from .build import available_cores

    # First, for every article generator: the cache stamps asked here and in
    # Pelican's reading come from the kept digests (not a receiver of its
    # own: blinker calls a signal's receivers in no set order).
    share_file_digests(generator)
    settings = generator.settings
    readers = getattr(generator, "readers", None)
    if readers is None or not settings.get("CACHE_CONTENT"):
        return
    workers = int(settings.get("SANGRAH_BUILD_WORKERS") or 0) or available_cores()
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return
    todo = []
    for name in sorted(generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])):
        path = os.path.abspath(os.path.join(generator.path, name))
        if not isinstance(readers.readers.get(file_suffix(path)), FastYAMLMetadataReader):
            continue
        # A post the cache has no entry for is parsed without hashing it
        # here: its worker hashes it (a cold build hashes every post once,
        # on every core).
        entry = FileDataCacher.get_cached_data(readers, path)  # without the stamp check
        if entry is None or readers.get_cached_data(path, (None, None))[0] is None:
            todo.append(path)
    if len(todo) < PREFETCH_MIN_POSTS:
        return
    _PREFETCH = readers
    try:
        chunk = max(1, min(64, len(todo) // (workers * 8)))
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for path, known, content, metadata in pool.imap(_read_one, todo, chunksize=chunk):
                remember(path, known)
                readers.cache_data(path, (content, {key: _restored(value, settings) for key, value in metadata.items()}))
    finally:
        _PREFETCH = None
