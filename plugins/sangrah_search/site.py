"""The search in a Pelican build: from the generators' articles to files in the output.

Runs once every article is read (``article_generator_finalized``) and
before any page is written, so that each page can name the version of the
search files it belongs to (see output.py). The files themselves are built
while the rest of the build goes on (background.py). The index is made
from the articles' rendered HTML (``article.content``), not from the dumps.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from pathlib import Path
from typing import Callable

from pelican.generators import ArticlesGenerator

from . import background
from .build import build_search_data
from .documents import TextCache, document_from_article, load_entities
from .terms import TermCache
from .output import (
    OFFLINE_BYTES,
    SERVICE_WORKER,
    code_digest,
    data_files,
    runtime_files,
    runtime_scripts,
    runtime_version,
    service_worker,
    site_version,
    write_files,
)

log = logging.getLogger("sangrah.search")


class Stopwatch:
    """Seconds between laps, for the search's log line ("documents 1.2 s, index 5.0 s, ...")."""

    def __init__(self):
        self.last = time.perf_counter()
        self.laps: list[str] = []

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps.append(f"{name} {now - self.last:.1f} s")
        self.last = now

    def __str__(self) -> str:
        return ", ".join(self.laps)


def search_enabled(settings) -> bool:
    return bool(settings.get("SANGRAH_SEARCH"))


def configure(pelican) -> None:
    """initialized: without SANGRAH_SEARCH the site has no search page either."""
    settings = pelican.settings
    if not search_enabled(settings):
        # Pelican skips a direct template whose SAVE_AS is empty.
        settings["SEARCH_SAVE_AS"] = ""
        # Nor does the site get lunr.js (sangrah_site copies SANGRAH_VENDOR).
        settings["SANGRAH_VENDOR"] = {source: target for source, target in settings.get("SANGRAH_VENDOR", {}).items()
                                      if not source.startswith("node_modules/lunr/")}


def entities_dir(settings) -> Path:
    """The knowledge base the import reads (SANGRAH_IMPORT["entities"], under PATH)."""
    folder = (settings.get("SANGRAH_IMPORT") or {}).get("entities", "entities")
    return Path(settings["PATH"]) / folder


def date_formatters(settings):
    """(format a date as the theme does, the theme's text for an unknown date)."""
    ui = settings.get("SANGRAH_UI_LANG", "gu")
    try:
        from sangrah_site.labels import format_date, label
    except ImportError:  # the theme's helpers are missing: ISO dates, English label
        return (lambda value: value.date().isoformat()), "Date unknown"
    date_lang = settings.get("SANGRAH_DATE_LANG", ui)
    digits = settings.get("SANGRAH_DIGITS", "latn")
    return (lambda value: format_date(value, date_lang, "long", digits)), label("date_unknown", ui)


def articles_of(generators) -> list:
    """Published articles and their translations (drafts and hidden articles stay out)."""
    found = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            found += list(generator.articles) + list(generator.translations)
    return found


def cache_file(settings, project: Path, kind: str) -> Path | None:
    """Where the search keeps ``kind`` between builds (SANGRAH_SEARCH_CACHE, on by default), one file per output folder.

    In sangrah_site's build cache folder when there is one, not in Pelican's
    content cache inside it: that one is named by every setting, so a
    changed site name would throw away terms that depend on no setting.
    """
    if not settings.get("SANGRAH_SEARCH_CACHE", True):
        return None
    folder = Path(settings.get("SANGRAH_BUILD_CACHE_DIR") or settings.get("CACHE_PATH") or "cache")
    if not folder.is_absolute():
        folder = project / folder
    output = str(Path(settings["OUTPUT_PATH"]).resolve())
    path = folder / f"sangrah-search-{kind}-{hashlib.sha256(output.encode('utf-8')).hexdigest()[:12]}.sqlite"
    # Where the entries were one pickle file, before kept.py kept them in SQLite.
    path.with_suffix(".pickle").unlink(missing_ok=True)
    return path


def term_cache(settings, project: Path) -> TermCache:
    """Per-document terms kept between builds (see cache_file)."""
    return TermCache(cache_file(settings, project, "terms"))


def workers_of(settings) -> int:
    """Processes for the terms (SANGRAH_SEARCH_WORKERS; default: every core). The output is the same."""
    chosen = settings.get("SANGRAH_SEARCH_WORKERS") or os.cpu_count() or 1
    try:
        return max(1, int(chosen))
    except (TypeError, ValueError):
        raise SystemExit(f"sangrah search: SANGRAH_SEARCH_WORKERS must be a whole number, not {chosen!r}") from None


# Search builds waiting for all_generators_finalized (by id of their settings).
_DEFERRED: dict[int, Callable[[], None]] = {}


def prepare_search(generator) -> None:
    """article_generator_finalized: tell the templates the search version; build the search files.

    Beside the pages, in a forked process started now, while the other
    generators make their context: a rebuild after one new dump waits for
    the index, not for its few pages. In the build's own process (no fork,
    or too little memory), only once every generator is done
    (:func:`build_deferred`): reading ``article.content`` fixes the links
    in it for good, and a link to a page or a static file is known only
    then. In the forked process the text is all that is read of it, and
    the text does not depend on where links lead.
    """
    settings = generator.settings
    context = generator.context
    if not search_enabled(settings):
        return
    output = Path(settings["OUTPUT_PATH"])
    project = Path(settings.get("SANGRAH_ROOT") or Path(settings["PATH"]).resolve().parent)
    vendor = settings.get("SANGRAH_VENDOR", {})
    scripts = runtime_scripts(vendor)  # fails early when lunr.js is not in SANGRAH_VENDOR

    articles = articles_of([generator])
    runtime = runtime_files()
    offline = int(settings.get("SANGRAH_SEARCH_OFFLINE_BYTES", OFFLINE_BYTES))
    # Known without the index (it is made of code, not data), so the pages
    # can be rendered while the index is built.
    code = code_digest(offline)
    version = runtime_version(code, runtime, Path(settings["THEME"]) / "static", vendor, project)
    context["SANGRAH_SEARCH_VERSION"] = version
    context["SANGRAH_SEARCH_SCRIPTS"] = scripts
    # Loaded here, before the fork: the entity pages load the same (cached)
    # knowledge base in this process right after, and the search process
    # would otherwise spend its first second and more loading its own copy.
    knowledge_base = load_entities(entities_dir(settings))

    def write_search_files() -> None:
        # The documents (each article's rendered HTML parsed to text) are made
        # here, beside the pages: the pages need only the version above.
        took = Stopwatch()
        if beside:
            # Links to pages and static files are not known yet (see the
            # docstring): Pelican warns of each, and warns again, rightly,
            # if the article's page cannot resolve it either.
            logging.getLogger("pelican.contents").setLevel(logging.ERROR)
        date_text, undated_text = date_formatters(settings)
        texts = TextCache(cache_file(settings, project, "texts"))
        documents = [document_from_article(article, knowledge_base, date_text, undated_text, texts)
                     for article in articles]
        texts.save()
        took.lap("documents")
        cache = term_cache(settings, project)
        data = build_search_data(documents, cache, workers_of(settings))
        cache.save()
        worker_version = site_version(data.version, version)
        took.lap("index")
        files = {**data_files(data, offline), **runtime, SERVICE_WORKER: service_worker(worker_version)}
        written = write_files(output, files)
        took.lap("files")
        log.info("sangrah search: %d articles indexed (%d from the cache; data %s, runtime %s, worker %s); "
                 "%d of %d files written; %s", len(documents), cache.hits, data.version, version, worker_version,
                 written, len(files), took)

    beside = settings.get("SANGRAH_SEARCH_BACKGROUND", True) and background.can_fork()
    if beside and not background.fits_beside_the_pages(len(articles), background.available_memory()):
        log.warning("sangrah search: too little free memory to build the search index beside the pages "
                    "for %d articles; building it first", len(articles))
        beside = False
    if beside:
        background.start(write_search_files)
    else:
        _DEFERRED[id(settings)] = write_search_files


def build_deferred(generators) -> None:
    """all_generators_finalized: the search files, when they are built in the build's own process."""
    if generators:
        task = _DEFERRED.pop(id(generators[0].settings), None)
        if task is not None:
            task()
