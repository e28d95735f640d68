"""Pelican's writer, made incremental and parallel; the bytes it writes do not change.

Pelican renders and rewrites every page on every build. This writer (given
to Pelican by the ``get_writer`` signal) does the same work in three steps:

1. **collect**: ``write_file`` calls (articles, listings, entity pages, ...)
   are recorded as page jobs, paginated the way Pelican paginates (article
   lists from their oldest end: pagination.py); nothing is rendered yet;
2. **decide** (at ``finalized``, when every generator has given its pages):
   each page gets its render key (fingerprint.py). A page whose key, search
   version and file are as the last build left them is done; one whose
   search version alone changed is renewed: its file gets the new version
   at the offsets the last build recorded (cachedb.py);
3. **render** the rest, on every core (forked workers, which inherit the
   finished context), and write each file only when its bytes changed.

The search version printed on every page (a hash of the search code, the
runtime scripts and the theme files: sangrah_search/output.py) is rendered
as a placeholder and put in when the page is written, so a change to those
files does not make every page's key change, only a few bytes of each
page.

Files the last build produced and this one does not are deleted (build.py);
a page is never half-written (written to a temporary file and renamed).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican.paginator import Paginator
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from . import memo
from .cachedb import BuildCache, Output
from .fingerprint import Fingerprints, _digest, site_digest
from .pagination import StablePaginator
from .undated import is_undated

log = logging.getLogger("sangrah.build")

# Templates whose pages read nothing from the context but settings, the
# navigation's pages and what they are given (see restricted_context): those
# are the pages a render key can follow. Others (the tags index, the
# archives index, ...) are few and rendered every time.
CACHED_TEMPLATES = frozenset({"article", "index", "tag", "category", "author", "entity", "period_archives",
                              "archive_list"})
CACHED_TEMPLATE_FILES = frozenset(f"{name}.html" for name in CACHED_TEMPLATES)
# Article lists, newest first: paginated from their oldest end, so that a new
# article leaves their full pages as they are (pagination.py). Name lists
# (tags, entities, ...) are ordered by counts that change with every
# article: they keep Pelican's pagination, and say "page n of m".
STABLE_PAGINATED_TEMPLATES = frozenset({"index", "tag", "category", "author", "entity", "archive_list"})
# Replaces the search version while rendering (letters and digits only, so
# escaping leaves it as it is).
PLACEHOLDER = "sangrahSearchVersion0Placeholder7b1e"
VOLATILE_KEY = "SANGRAH_SEARCH_VERSION"
# Below this many pages to render, starting workers costs more than it saves.
PARALLEL_MIN_PAGES = 40

# The jobs of the build being run, for forked workers (they inherit it).
_RUN: "_Run | None" = None


@dataclass
class Job:
    save_as: str
    template: Any  # a jinja2 Template
    context: dict  # the shared context the call was given
    kwargs: dict
    relative_urls: bool
    call: int  # the write_file call it comes from (its digest is shared by its pages)
    cacheable: bool
    # A numbered page of a stable pagination (pagination.py): what it shows
    # of the paginated lists (its own articles, its neighbours' URLs). Its key
    # covers these and the call's other values as references only; None for
    # every other page, whose key covers all of the call.
    shown: dict | None = None
    key: str | None = None


@dataclass
class _Run:
    jobs: list[Job]
    output: Path
    placeholder: str | None
    version: str | None
    # job index -> the last build's record of its file, for pages whose search version alone changed
    renew: dict[int, Output] = field(default_factory=dict)
    bases: dict[int, dict] = field(default_factory=dict)  # id(context) -> restricted context


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` unless the file already holds exactly it; True when written.

    Written to a temporary name and renamed, so a reader never sees half a
    page (the name carries the process id: workers never share one).
    """
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True


class _ChangedOnlyFile:
    """A text file opened for writing that reaches the disk only if its bytes changed (feeds)."""

    def __init__(self, path: Path, encoding: str, on_close):
        self.path, self.encoding, self.on_close = path, encoding, on_close
        self.parts: list[bytes] = []

    def write(self, text: str | bytes) -> int:
        # The feed library writes bytes and text alike.
        self.parts.append(text if isinstance(text, bytes) else text.encode(self.encoding))
        return len(text)

    def close(self) -> None:
        write_if_changed(self.path, b"".join(self.parts))
        self.on_close(self.path)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            self.close()


class SangrahWriter(Writer):
    """See the module docstring. One instance per build, found by build.py through ``current``."""

    current: "SangrahWriter | None" = None

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.jobs: list[Job] = []
        self.calls: list[tuple[str, dict, dict]] = []  # (template name, context, kwargs shared by the call's pages)
        self.produced: dict[str, Output] = {}  # path relative to the output -> what was written
        self.stats = {"pages": 0, "unchanged": 0, "renewed": 0, "rendered": 0, "written": 0}
        self._fingerprints = Fingerprints()
        self._site: str | None = None  # the site digest, once the keys are made (None: nothing is cached)
        SangrahWriter.current = self

    # -- collect ------------------------------------------------------------------------------

    def _claim(self, path: str, override: bool) -> bool:
        """Pelican's rule for two pages with one output path; False: this one is skipped."""
        if path in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{path}" a second time (was previously overwritten)')
            log.info('Skipping "%s", not overwriting', path)
            return False
        if path in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{path}" as Pelican has already written to it previously '
                "(set `override=True` if intended)")
        if override:
            self._overridden_files.add(path)
        self._written_files.add(path)
        return True

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        """Pelican's write_file, recording page jobs instead of rendering (same pagination)."""
        if not name:
            return
        cacheable = template_name in CACHED_TEMPLATES or getattr(template, "name", "") in CACHED_TEMPLATE_FILES
        call = len(self.calls)
        self.calls.append((template_name or getattr(template, "name", ""), context, {**kwargs, "url": url}))
        if paginated is None:
            paginated = {key: value for key, value in kwargs.items() if key in {"articles", "dates"}}

        pages: list[tuple[str, dict, dict | None]] = []
        if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
            per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
            stable = template_name in STABLE_PAGINATED_TEMPLATES
            kind = StablePaginator if stable else Paginator
            paginators = {key: kind(name, url, value, self.settings, per_page) for key, value in paginated.items()}
            first = next(iter(paginators.values()))
            order = first.reading_order() if stable else list(range(1, first.num_pages + 1))
            for position, number in enumerate(order):
                page_kwargs = dict(kwargs)
                shown: dict | None = {} if stable and number > 1 else None
                save_as = None
                for key, paginator in paginators.items():
                    page = paginator.page(number)
                    newer = paginator.page(order[position - 1]) if position > 0 else None
                    older = paginator.page(order[position + 1]) if position + 1 < len(order) else None
                    page_kwargs.update({f"{key}_page": page, f"{key}_previous_page": newer, f"{key}_next_page": older})
                    if not stable:
                        page_kwargs[f"{key}_paginator"] = paginator
                    if shown is not None:
                        # A numbered page is given its own articles only, in
                        # place of the whole list: it cannot show what its
                        # render key does not cover (a total, a count).
                        page_kwargs[key] = page.object_list
                        shown[key] = page.object_list
                        shown[f"{key}_newer"] = newer.url if newer is not None else None
                        shown[f"{key}_older"] = older.url if older is not None else None
                    save_as = page.save_as
                pages.append((save_as, page_kwargs, shown))
        else:
            pages.append((name, kwargs, None))

        for save_as, page_kwargs, shown in pages:
            path = sanitised_join(self.output_path, save_as)
            if self._claim(path, override_output):
                self.jobs.append(Job(save_as, template, context, page_kwargs, relative_urls, call, cacheable, shown))

    # -- feeds --------------------------------------------------------------------------------

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom", override_output=False,
                   feed_title=None):
        """Pelican's write_feed without undated articles.

        A feed entry must carry a date (Atom's <updated>), and an undated
        post has only the import's placeholder (1970): a reader would see
        it as the oldest news there is. Undated posts are listed on the
        archives page instead (undated.py).
        """
        dated = [element for element in elements if not is_undated(element)]
        return super().write_feed(dated, context, path, url, feed_type, override_output, feed_title)

    def _create_new_feed(self, feed_type, feed_title, context):
        feed = super()._create_new_feed(feed_type, feed_title, context)
        # A feed with no entries (a section of undated posts only) would say
        # it was updated at the time of the build: the newest date of the
        # site instead, so two builds of the same content are the same.
        latest = feed.latest_post_date
        feed.latest_post_date = lambda: latest() if feed.items else _newest_date(context)
        return feed

    def _open_w(self, filename, encoding, override=False):
        """Feeds go through here: same overwrite rules, written only when changed."""
        if not self._claim(filename, override):
            return open(os.devnull, "w", encoding=encoding)
        return _ChangedOnlyFile(Path(filename), encoding, self._record_file)

    def _record_file(self, path: Path) -> None:
        stat = path.stat()
        relative = path.resolve().relative_to(Path(self.output_path).resolve()).as_posix()
        self.produced[relative] = Output(None, None, stat.st_size, stat.st_mtime_ns)

    # -- decide and render ----------------------------------------------------------------------

    def run(self, cache: BuildCache, workers: int, previous: dict[str, Output] | None = None) -> None:
        """Write every page collected (see the module docstring)."""
        global _RUN
        if not self.jobs:
            return
        started = time.perf_counter()
        context = self.jobs[0].context
        version = context.get(VOLATILE_KEY)
        placeholder = PLACEHOLDER if isinstance(version, str) and version else None
        self._assign_keys(context)
        if previous is None:  # the caller's record of the last build, when it has read it
            previous = cache.outputs()
        if self._site is not None:
            # Teasers, title-list entries and chips of the last build (memo.py).
            kept = cache.fragments(self._site, self._fingerprints.names())
            memo.keep_between_builds(self._site, kept, self._fingerprints.known)

        todo: list[int] = []
        renew: dict[int, Output] = {}
        for index, job in enumerate(self.jobs):
            before = previous.get(job.save_as)
            if job.key is not None and before is not None and before.key == job.key:
                try:
                    stat = (Path(self.output_path) / job.save_as).stat()
                except OSError:
                    stat = None
                if stat is not None and stat.st_size == before.size and stat.st_mtime_ns == before.mtime_ns:
                    if before.version == version:
                        self.produced[job.save_as] = before
                        self.stats["unchanged"] += 1
                        continue
                    if placeholder and before.version:
                        # Rendered with the placeholder: its marks say where
                        # the version is (none, on a page that shows none).
                        renew[index] = before
            todo.append(index)

        _RUN = _Run(self.jobs, Path(self.output_path), placeholder, version, renew=renew)
        made: dict[str, tuple[str, str]] = {}
        try:
            for index, size, mtime_ns, written, how, marks, fragments in self._run_all(todo, workers):
                job = self.jobs[index]
                self.produced[job.save_as] = Output(job.key, version, size, mtime_ns, marks)
                self.stats["written"] += written
                self.stats[how] += 1
                made.update(fragments)
        finally:
            _RUN = None
        if self._site is not None and made:
            cache.add_fragments(self._site, made)
        self.stats["pages"] = len(self.jobs)
        # On the console like the import's summary: what an incremental build saved.
        print("sangrah build: {pages} pages: {unchanged} unchanged, {renewed} given the new search version, "
              "{rendered} rendered, {written} files written".format(**self.stats)
              + f" ({time.perf_counter() - started:.1f} s, {workers} process(es))", file=sys.stderr)

    def _assign_keys(self, context: dict) -> None:
        fingerprints = self._fingerprints = Fingerprints()
        self._site = None
        try:
            site = site_digest(context, self._template_dirs(), site_values(context))
        except Exception as error:  # noqa: BLE001 - as above
            log.debug("sangrah build: site values not cacheable (%s): every page is rendered", error)
            return
        self._site = site
        call_digests: dict[tuple[int, bool], str | None] = {}
        for job in self.jobs:
            if not job.cacheable or job.context is not context:
                continue
            numbered = job.shown is not None
            if (job.call, numbered) not in call_digests:
                name, _, shared = self.calls[job.call]
                if numbered:
                    # The lists are the page's own (in job.shown); the rest
                    # is shown as a link shows it (an entity's name, not its
                    # counts: entity.html shows those on the front page only).
                    shared = {key: value for key, value in shared.items() if key not in job.shown}
                try:
                    call_digests[job.call, numbered] = _digest(
                        name, *(f"{key}={fingerprints.of(value, subject=not numbered)}"
                                for key, value in sorted(shared.items())))
                except Exception as error:  # noqa: BLE001 - a value the key cannot follow costs speed, not the build
                    log.debug("sangrah build: %s pages not cacheable (%s: %s)", name, type(error).__name__, error)
                    call_digests[job.call, numbered] = None
            shared_digest = call_digests[job.call, numbered]
            if shared_digest is None:
                continue
            page = next((value for key, value in job.kwargs.items() if key.endswith("_page")), None)
            parts = [site, shared_digest, job.save_as, str(job.relative_urls), str(page.number) if page is not None else "-"]
            if numbered:
                try:
                    parts += [f"{key}={fingerprints.of(value)}" for key, value in sorted(job.shown.items())]
                except Exception as error:  # noqa: BLE001 - as above
                    log.debug("sangrah build: %s not cacheable (%s: %s)", job.save_as, type(error).__name__, error)
                    continue
            job.key = _digest(*parts)

    def _template_dirs(self) -> list[Path]:
        theme = Path(self.settings["THEME"])
        dirs = [theme / "templates"] + [Path(p) for p in self.settings.get("THEME_TEMPLATES_OVERRIDES", [])]
        return dirs

    def _run_all(self, indexes: list[int], workers: int):
        """What :func:`_produce` says of each job, on ``workers`` processes when worth it."""
        if workers <= 1 or len(indexes) < PARALLEL_MIN_PAGES or "fork" not in multiprocessing.get_all_start_methods():
            for index in indexes:
                yield _produce(index)
            return
        # Forked workers inherit the finished context and the jobs; each
        # renders and writes a share of the pages. Which worker makes a
        # page never changes its bytes.
        chunk = max(1, min(64, len(indexes) // (workers * 8)))
        with multiprocessing.get_context("fork").Pool(workers, initializer=_yield_to_the_build) as pool:
            yield from pool.imap_unordered(_produce, indexes, chunksize=chunk)


# How much lower than the build's other processes the page workers run.
PAGE_WORKER_NICENESS = 5


def _yield_to_the_build() -> None:
    """A page worker runs at a lower priority than the build's other work.

    The search index is built by a forked process while the pages are
    rendered (sangrah_search/background.py). When a rebuild has few pages
    to render, that index is what the build waits for: given the cores
    first, it is done sooner; the pages take the time it leaves. When
    nothing else runs, the priority changes nothing.
    """
    if hasattr(os, "nice"):
        try:
            os.nice(PAGE_WORKER_NICENESS)
        except OSError:
            pass


def _newest_date(context: dict):
    """The date of the newest dated article of the site (or of its placeholder when none has a date)."""
    dates = [article.date for article in context.get("articles") or () if not is_undated(article)]
    if dates:
        return max(dates)
    return next((article.date for article in context.get("articles") or ()), None)


def site_values(context: dict) -> dict:
    """Values every cacheable page may read besides settings: the navigation's pages, whether there are authors."""
    return {"pages": list(context.get("pages") or []), "authors": bool(context.get("authors"))}


def restricted_context(context: dict, placeholder: str | None) -> dict:
    """The context a cacheable page is rendered with: settings and the site values only.

    A template that reads anything else gets nothing, and shows it on every
    build, cached or not: what a cached page can show is exactly what its key
    covers.
    """
    base = {key: value for key, value in context.items() if key.isupper()}
    base.update(site_values(context))
    base["localsiteurl"] = context.get("localsiteurl")
    if placeholder:
        base[VOLATILE_KEY] = placeholder
    return base


def _render(index: int) -> str:
    run = _RUN
    job = run.jobs[index]
    if job.cacheable:
        base = run.bases.get(id(job.context))
        if base is None:
            base = run.bases[id(job.context)] = restricted_context(job.context, run.placeholder)
        localcontext = dict(base)
    else:
        localcontext = dict(job.context)
        if run.placeholder:
            localcontext[VOLATILE_KEY] = run.placeholder
        localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
    if job.relative_urls:
        relative = path_to_url(get_relative_path(job.save_as))
        localcontext["SITEURL"] = relative
        localcontext["localsiteurl"] = relative
    localcontext["output_file"] = job.save_as
    localcontext.update(job.kwargs)
    # As Pelican's writer does: article bodies resolve their own links
    # against the page being written.
    if localcontext["localsiteurl"]:
        job.context["localsiteurl"] = localcontext["localsiteurl"]
    return job.template.render(localcontext)


def _produce(index: int) -> tuple[int, int, int, int, str, tuple[int, ...], dict]:
    """Make job ``index``'s file: renewed or rendered, written only when changed.

    Returns (index, size, modification time, 1 if the file was written,
    "renewed" or "rendered", the byte offsets of the search version in it,
    the template fragments first made for it, memo.news).
    """
    run = _RUN
    job = run.jobs[index]
    path = run.output / job.save_as
    made = None
    before = run.renew.get(index)
    if before is not None:
        made = _renewed(path, before, run.version)
    how = "renewed"
    if made is None:
        how = "rendered"
        made = _with_version(_render(index), run.placeholder, run.version)
    data, marks = made
    written = write_if_changed(path, data)
    stat = path.stat()
    return index, stat.st_size, stat.st_mtime_ns, int(written), how, marks, memo.news()


def _with_version(html: str, placeholder: str | None, version: str | None) -> tuple[bytes, tuple[int, ...]]:
    """A rendered page's bytes with the search version in place of the placeholder, and where it is."""
    data = html.encode("utf-8")
    if not placeholder:
        return data, ()
    mark, value = placeholder.encode("ascii"), version.encode("utf-8")
    return _put_at(data, _offsets(data, mark), len(mark), value)


def _renewed(path: Path, before: Output, version: str) -> tuple[bytes, tuple[int, ...]] | None:
    """The last build's file of a page with the new search version, or None when
    it is not what the record says (then the page is rendered)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    old = before.version.encode("utf-8")
    if len(data) != before.size or any(data[mark:mark + len(old)] != old for mark in before.marks):
        return None
    return _put_at(data, before.marks, len(old), version.encode("utf-8"))


def _offsets(data: bytes, mark: bytes) -> list[int]:
    found = []
    at = data.find(mark)
    while at >= 0:
        found.append(at)
        at = data.find(mark, at + len(mark))
    return found


def _put_at(data: bytes, offsets, width: int, value: bytes) -> tuple[bytes, tuple[int, ...]]:
    """``data`` with ``value`` in place of the ``width`` bytes at each offset; the offsets of ``value`` after."""
    parts: list[bytes] = []
    marks: list[int] = []
    last = 0
    for offset in offsets:
        parts.append(data[last:offset])
        marks.append(offset + len(marks) * (len(value) - width))
        parts.append(value)
        last = offset + width
    parts.append(data[last:])
    return b"".join(parts), tuple(marks)
