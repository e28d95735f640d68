"""The archive's listings, computed in one pass each: no per-tag scan over every article.

Pelican builds the article list of each tag, category, author and period by
filtering all articles once per group (``[a for a in dates if a in
articles]``): with 10,000 articles and hundreds of tags that is hundreds of
millions of comparisons. Here every group is sorted by the position its
articles already have in the site's order, which costs the group's own size.

Plain functions over duck-typed articles (``date``, ``date_source``,
``title``): tested without a Pelican build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from .undated import is_undated


def newest_first(article):
    """The site's article order (ARTICLE_ORDER_BY): newest first; equal dates (the undated) by slug.

    Pelican's "reversed-date" keeps equal dates in the order they come in:
    by slug while its translation pairing sorted them so, and without the
    pairing (ARTICLE_TRANSLATION_ID = None), in the order the disk lists the
    files. A function of the article alone: two builds of the same posts
    list them alike.
    """
    date = getattr(article, "date", None)
    return (0, -date.timestamp(), article.slug) if date else (1, 0.0, article.slug)


def in_order_of(ordered: Sequence) -> Callable[[Iterable], list]:
    """A function putting any subset of ``ordered`` into ``ordered``'s order (by identity)."""
    position = {id(item): index for index, item in enumerate(ordered)}
    return lambda items: sorted(items, key=lambda item: position[id(item)])


def period_archives(dates: Sequence, articles: Sequence, settings: dict) -> dict[str, list[dict]]:
    """Pelican's period archives (same structure and order), built in linear time.

    ``dates`` is every article sorted by date (as Pelican sorts them), so each
    period is a run of it; a period's ``articles`` are its ``dates`` in the
    order of ``articles``. Undated posts carry a placeholder date: they make no
    period (the archives page lists them apart).
    """
    reorder = in_order_of(articles)
    granularities = {
        "year": lambda d: (d.year,),
        "month": lambda d: (d.year, d.month),
        "day": lambda d: (d.year, d.month, d.day),
    }
    archives: dict[str, list[dict]] = {}
    for granularity, key_of in granularities.items():
        save_as = settings.get(f"{granularity.upper()}_ARCHIVE_SAVE_AS")
        url = settings.get(f"{granularity.upper()}_ARCHIVE_URL") or ""
        if not save_as:
            continue
        runs: list[tuple[tuple, list]] = []
        for article in dates:
            if is_undated(article):
                continue
            key = key_of(article.date)
            if runs and runs[-1][0] == key:
                runs[-1][1].append(article)
            else:
                runs.append((key, [article]))
        periods = []
        for key, members in runs:
            first = members[0].date
            periods.append({
                "dates": members,
                "articles": reorder(members),
                "save_as": save_as.format(date=first),
                "url": url.format(date=first),
                # Pelican's English month names; the theme prints its own.
                "period": key if granularity == "year" else (key[0], _MONTHS[key[1]], *key[2:]),
                "period_num": key,
            })
        archives[granularity] = periods
    return archives


_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


@dataclass
class Year:
    """A year of the archives: its page and its months (newest first, like the site)."""

    year: int
    url: str
    save_as: str
    count: int
    months: list[dict] = field(default_factory=list)  # Pelican period dicts


def years_with_months(archives: dict[str, list[dict]]) -> list[Year]:
    """Year periods, each with its month periods, from ``period_archives`` (one pass)."""
    by_year: dict[int, Year] = {}
    years = []
    for period in archives.get("year", []):
        year = Year(period["period_num"][0], period["url"], period["save_as"], len(period["dates"]))
        by_year[year.year] = year
        years.append(year)
    for period in archives.get("month", []):
        year = by_year.get(period["period_num"][0])
        if year is not None:
            year.months.append(period)
    return years


@dataclass(frozen=True)
class Row:
    """One line of an index page (tags, categories, authors): a name, its link, its count."""

    name: str
    url: str
    count: int
    obj: object = None  # the Tag/Category/Author itself, for templates that want more


def ranked_rows(groups: Iterable[tuple[object, Sequence]], label: Callable[[object], str] = str,
                last: Callable[[object], bool] = lambda obj: False) -> list[Row]:
    """Rows by number of articles (most first), then name; ``last`` ones go at the end.

    The name compares as displayed (``label``), then by URL, so two builds
    order equal counts the same way.
    """
    rows = [Row(label(obj), obj.url, len(members), obj) for obj, members in groups]
    rows.sort(key=lambda row: (last(row.obj), -row.count, row.name, row.url))
    return rows
