"""Undated posts stay out of the year and month archives.

A dump with no date is published with a placeholder date (see the import's
``undated_date``) and ``date_source: none``; listing it under that year
would claim a date nobody knows. The archives page lists such posts under
their own heading instead (``undated_articles`` in the template context).
"""

from __future__ import annotations


def is_undated(article) -> bool:
    return getattr(article, "date_source", None) == "none"


def drop_undated_from_periods(generator) -> None:
    """article_generator_finalized: periods made only of undated posts go."""
    undated = [a for a in generator.articles if is_undated(a)]
    generator.context["undated_articles"] = undated
    if not undated:
        return
    for granularity, periods in generator.period_archives.items():
        kept = []
        for period in periods:
            period["articles"] = [a for a in period["articles"] if not is_undated(a)]
            period["dates"] = [a for a in period["dates"] if not is_undated(a)]
            if period["articles"]:
                kept.append(period)
        generator.period_archives[granularity] = kept
