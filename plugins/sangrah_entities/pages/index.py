"""Which articles mention which entity: one pass over the articles.

Plain functions over duck-typed articles (anything with ``entities``, ``date``
and ``date_source`` attributes, like Pelican's Article), so the logic is
tested without a Pelican build and stays linear in the number of articles:
a 10,000-article archive is walked once, never once per entity.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

import numpy

from ..kb import ENTITY_TYPES, LANGS, Entity
from .chart import Chart, Month, build_chart, monthly_counts

# How many co-mentioned entities an entity page lists.
RELATED_LIMIT = 12
# Unknown ids are reported with at most this many of the posts that use them.
UNKNOWN_EXAMPLES = 3


def is_undated(article) -> bool:
    """The import's placeholder date: counted, never shown (see sangrah_site.undated)."""
    return getattr(article, "date_source", None) == "none"


def entity_ids_of(article) -> list[str]:
    """The ``entities`` of a post's front matter as a clean list of ids.

    The import writes a YAML list; a hand-written post may give one id or a
    comma-separated string. Order is kept (most mentioned first) and repeats
    dropped, so an article counts once per entity.
    """
    value = getattr(article, "entities", None)
    if value is None:
        value = getattr(article, "metadata", {}).get("entities")
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    elif not isinstance(value, (list, tuple)):
        value = [value]
    seen: dict[str, None] = {}
    for item in value:
        if item is None:
            continue
        text = str(item).strip()
        if text:
            seen.setdefault(text)
    return list(seen)


@dataclass(eq=False)  # identity: one object per entity, usable as a dict key
class EntityPage:
    """What an entity's page and every link to it need."""

    id: str
    type: str
    names: Mapping[str, str]
    url: str
    save_as: str
    description: str | None = None
    articles: list = field(default_factory=list)  # newest first, undated last
    related: list[tuple["EntityPage", int]] = field(default_factory=list)
    first: object | None = None  # the oldest dated article
    last: object | None = None  # the newest dated article
    undated: int = 0
    months: tuple[Month, ...] = ()  # dated articles per month, first to last
    _chart: Chart | None = field(default=None, repr=False)

    @property
    def chart(self) -> Chart | None:
        """The monthly chart's geometry, made when a page first shows it.

        Made on demand, in the process that renders the entity's page (the
        page workers, on every core), and not at all for a page an
        incremental build does not render again: thousands of charts cost
        seconds in the build's serial part. It is a function of ``months``.
        """
        if self._chart is None and self.months:
            self._chart = build_chart(self.months)
        return self._chart

    @property
    def count(self) -> int:
        return len(self.articles)

    def name(self, lang: str) -> str:
        """The display name in ``lang``, else in the other language (a KB record may lack one)."""
        return self.names.get(lang) or next(self.names[other] for other in LANGS if self.names.get(other))

    def name_lang(self, lang: str) -> str:
        """The language :meth:`name` answers in (for the ``lang`` attribute)."""
        return lang if self.names.get(lang) else next(other for other in LANGS if self.names.get(other))

    def other_names(self, lang: str) -> list[tuple[str, str]]:
        """(language, name) of the names not shown by :meth:`name` (both scripts on the page)."""
        shown = self.name_lang(lang)
        return [(other, self.names[other]) for other in LANGS if other != shown and self.names.get(other)]


@dataclass
class EntityIndex:
    pages: dict[str, EntityPage]  # only entities with at least one article
    by_type: dict[str, list[EntityPage]]  # ENTITY_TYPES order; most articles first, then name
    unknown: dict[str, list[str]]  # id the KB does not know -> posts that name it
    groups: dict[int, list[tuple[str, list[EntityPage]]]]  # id(article) -> (type, entities) in type order

    def groups_of(self, article) -> list[tuple[str, list[EntityPage]]]:
        return self.groups.get(id(article), [])


def _where(article) -> str:
    """A post as the build log names it: its path under PATH when known."""
    for name in ("relative_source_path", "source_path", "slug"):
        value = getattr(article, name, None)
        if value:
            return str(value)
    return "?"


def _newest_first_key(article):
    # Undated posts carry a placeholder date: they go last, whatever it is.
    undated = is_undated(article)
    return (undated, 0 if undated else -article.date.timestamp())


def collect(
    articles: Iterable,
    entities: Mapping[str, Entity],
    url_for: Callable[[str], str],
    save_as_for: Callable[[str], str],
    *,
    sort_lang: str = "gu",
    related_limit: int = RELATED_LIMIT,
) -> EntityIndex:
    """Entity pages for the entities these articles name (see the module docstring)."""
    pages: dict[str, EntityPage] = {}
    unknown: dict[str, list[str]] = defaultdict(list)
    known_per_article: list[tuple[object, list[EntityPage]]] = []

    for article in articles:
        known: list[EntityPage] = []
        for entity_id in entity_ids_of(article):
            entity = entities.get(entity_id)
            if entity is None:
                unknown[entity_id].append(_where(article))
                continue
            page = pages.get(entity_id)
            if page is None:
                page = pages[entity_id] = EntityPage(
                    id=entity.id, type=entity.type, names=dict(entity.name),
                    url=url_for(entity.id), save_as=save_as_for(entity.id), description=entity.description,
                )
            page.articles.append(article)
            known.append(page)
        known_per_article.append((article, known))

    # Each article's place in a newest-first list, computed once: an article
    # is on thirty entity pages and more.
    newest_first = {id(article): _newest_first_key(article) for article, _ in known_per_article}
    for page in pages.values():
        page.articles.sort(key=lambda article: newest_first[id(article)])
        dated = [a for a in page.articles if not newest_first[id(a)][0]]
        page.undated = len(page.articles) - len(dated)
        if dated:
            page.last, page.first = dated[0], dated[-1]
            page.months = monthly_counts(a.date for a in dated)

    # Most articles first, then by name: computed once per entity, it is the
    # sort key of the index and the tie-break between equal co-mentions (so
    # two builds of the same content list them in the same order).
    rank = {page.id: (-page.count, page.name(sort_lang), page.id) for page in pages.values()}
    by_rank = sorted(pages.values(), key=lambda page: rank[page.id])
    for page, related in zip(by_rank, mentioned_together([known for _, known in known_per_article], by_rank,
                                                        related_limit)):
        page.related = related

    by_type = {kind: sorted((p for p in pages.values() if p.type == kind), key=lambda p: rank[p.id])
               for kind in ENTITY_TYPES}

    groups = {id(article): group_by_type(known) for article, known in known_per_article}
    return EntityIndex(pages=pages, by_type=by_type, unknown=dict(unknown), groups=groups)


def mentioned_together(articles: Iterable[list[EntityPage]], by_rank: list[EntityPage],
                       limit: int) -> list[list[tuple[EntityPage, int]]]:
    """For each of ``by_rank``: the ``limit`` entities named in most of the same articles.

    ``articles``: the entities of each article. Ties go to the entity
    earlier in ``by_rank`` (most articles, then name: two builds of the same
    content list them in the same order); an entity is not its own.

    Every pair within an article counts: k² for k entities, tens of
    thousands of articles. Counting them in Python dicts cost seconds per
    build (about 7 s at 10,000 synthetic articles naming 32 entities each);
    numpy counts each entity's row of co-mentions with one bincount over
    the entities of its articles, and picks the top of the row with one
    sort, in well under a second.
    """
    position = {id(page): n for n, page in enumerate(by_rank)}
    size = len(by_rank)
    rows: list[list] = [[] for _ in range(size)]  # per entity: the arrays of its articles' entities
    for known in articles:
        if len(known) < 2:
            continue
        members = numpy.fromiter((position[id(page)] for page in known), dtype=numpy.int64, count=len(known))
        for page in known:
            rows[position[id(page)]].append(members)
    related: list[list[tuple[EntityPage, int]]] = []
    for own, arrays in enumerate(rows):
        if not arrays:
            related.append([])
            continue
        counts = numpy.bincount(numpy.concatenate(arrays), minlength=size)
        counts[own] = 0
        others = numpy.flatnonzero(counts)  # ascending: in rank order
        named = counts[others]
        # Most shared articles first; lexsort keeps rank order among equals.
        best = others[numpy.lexsort((others, -named))[:limit]]
        related.append([(by_rank[int(n)], int(counts[n])) for n in best])
    return related


def group_by_type(pages: Iterable[EntityPage]) -> list[tuple[str, list[EntityPage]]]:
    """(type, entities) in ENTITY_TYPES order, each keeping the given order; empty types left out."""
    pages = list(pages)
    return [(kind, [p for p in pages if p.type == kind]) for kind in ENTITY_TYPES if any(p.type == kind for p in pages)]


def groups_linking(article, index: EntityIndex) -> list[tuple[str, list[EntityPage]]]:
    """Groups for a page that is not counted (a translation, a hidden post, a draft):
    it links the entities that have pages and adds to no count."""
    return group_by_type(index.pages[i] for i in entity_ids_of(article) if i in index.pages)


def unknown_report(unknown: Mapping[str, list[str]]) -> list[str]:
    """One line per unknown id, for the build log (sorted: the log is stable too)."""
    lines = []
    for entity_id in sorted(unknown):
        posts = unknown[entity_id]
        shown = ", ".join(posts[:UNKNOWN_EXAMPLES]) + (f" and {len(posts) - UNKNOWN_EXAMPLES} more"
                                                      if len(posts) > UNKNOWN_EXAMPLES else "")
        lines.append(f"{entity_id!r} in {len(posts)} post(s): {shown}")
    return lines
