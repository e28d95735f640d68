"""One URL per distinct tag, category and author, readable in ASCII.

Pelican's own slugify drops Gujarati vowel signs, so કિમ and કીમ (two
different words) would share one tag page, and Pelican groups tags by slug.
Here every tag gets the romanized slug of sangrah_lang.slug, and distinct
names that romanize alike get numbered slugs instead of being merged.
Names are taken oldest article first, so adding newer articles never
renames an existing tag page.
"""

from __future__ import annotations

import logging

from sangrah_lang import fold_case, normalize_text
from sangrah_lang.slug import SlugRegistry, fallback_slug, prepare_romanization, slugify

log = logging.getLogger("sangrah.site")


def _key(name: str) -> str:
    return fold_case(normalize_text(str(name)).strip())


def _named(article) -> list:
    """(kind, object) of the tags, category and authors of an article."""
    objects = [("tag", t) for t in getattr(article, "tags", [])]
    if getattr(article, "category", None) is not None:
        objects.append(("category", article.category))
    objects += [("author", a) for a in getattr(article, "authors", [])]
    return objects


def assign_taxonomy_slugs(generator) -> None:
    """article_generator_pretaxonomy: set the slug of every tag, category and author."""
    articles = sorted(
        generator.articles + generator.translations + generator.hidden_articles + generator.drafts,
        key=lambda a: (a.date.isoformat() if a.date else "", a.source_path),
    )
    registries = {"tag": SlugRegistry(), "category": SlugRegistry(), "author": SlugRegistry()}
    # Every new word of every name in one aksharamukha call, not one call a word.
    prepare_romanization({obj.name for article in articles for _, obj in _named(article)})
    for article in articles:
        for kind, obj in _named(article):
            key = _key(obj.name)
            obj.slug = registries[kind].assign(key, slugify(obj.name) or fallback_slug(key, kind))
    for kind, registry in registries.items():
        for key, wanted, given in registry.collisions:
            log.warning("%s '%s' romanizes to '%s', already used by another %s: its pages are at '%s'", kind, key, wanted, kind, given)
