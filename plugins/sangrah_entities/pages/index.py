"""Which articles mention which entity: one pass over the articles.

Plain functions over duck-typed articles (anything with ``entities``, ``date``
and ``date_source`` attributes, like Pelican's Article), so the logic is
tested without a Pelican build and stays linear in the number of articles:
a 10,000-article archive is walked once, never once per entity.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

from ..kb import ENTITY_TYPES, LANGS, Entity
from .chart import Chart, build_chart, monthly_counts

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
    chart: Chart | None = None

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
    together: dict[str, Counter] = defaultdict(Counter)
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
        # Pairs within one article: k² for k entities. k is tens in news,
        # but hundreds in a list-like article, so the pairs are counted by
        # Counter.update (a loop in C); each entity counts itself too, which
        # the ranking below leaves out.
        ids = [page.id for page in known]
        for page in known:
            together[page.id].update(ids)
        known_per_article.append((article, known))

    for page in pages.values():
        page.articles.sort(key=_newest_first_key)
        dated = [a for a in page.articles if not is_undated(a)]
        page.undated = len(page.articles) - len(dated)
        if dated:
            page.last, page.first = dated[0], dated[-1]
            page.chart = build_chart(monthly_counts(a.date for a in dated))

    # Most articles first, then by name: computed once per entity, it is the
    # sort key of the index and the tie-break between equal co-mentions (so
    # two builds of the same content list them in the same order).
    rank = {page.id: (-page.count, page.name(sort_lang), page.id) for page in pages.values()}
    for page in pages.values():
        page.related = [(pages[other], n) for other, n in most_mentioned_with(together[page.id], page.id,
                                                                              related_limit, rank)]

    by_type = {kind: sorted((p for p in pages.values() if p.type == kind), key=lambda p: rank[p.id])
               for kind in ENTITY_TYPES}

    groups = {id(article): group_by_type(known) for article, known in known_per_article}
    return EntityIndex(pages=pages, by_type=by_type, unknown=dict(unknown), groups=groups)


def most_mentioned_with(counts: Counter, own_id: str, limit: int, rank: Mapping) -> list[tuple[str, int]]:
    """The ``limit`` ids named most often together with ``own_id`` (ties: by ``rank``).

    A popular entity is named beside thousands of others; ordering all of
    them with a key made in Python cost seconds per build. Counter's
    most_common picks by count alone (in C); only ids tied with the last
    one picked need the rank, so the full scan runs only when ties reach
    past what most_common returned.
    """
    wanted = limit + 1  # own_id counts itself and may be among the top
    top = counts.most_common(wanted)
    if len(top) == wanted:
        last = top[-1][1]
        extra = wanted
        # Widen until the count drops below the last one kept (or all are in).
        while len(top) == extra and top[-1][1] == last:
            extra *= 4
            top = counts.most_common(extra)
        top = [item for item in top if item[1] >= last] if len(top) == extra else top
    candidates = [(other, n) for other, n in top if other != own_id]
    return heapq.nsmallest(limit, candidates, key=lambda item: (-item[1], rank[item[0]]))


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
