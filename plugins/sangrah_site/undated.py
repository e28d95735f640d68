"""Undated posts stay out of the year and month archives.

A dump with no date is published with a placeholder date (see the import's
``undated_date``) and ``date_source: none``; listing it under that year
would claim a date nobody knows. The archives page lists such posts under
their own heading instead (``undated_articles`` in the template context).
"""

from __future__ import annotations


def is_undated(article) -> bool:
    return getattr(article, "date_source", None) == "none"


def list_undated(generator) -> None:
    """article_generator_finalized: the undated posts, for the archives page.

    The year and month archives leave them out where they are made
    (listings.period_archives).
    """
    generator.context["undated_articles"] = [a for a in generator.articles if is_undated(a)]
