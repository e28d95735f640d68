"""sangrah_site: what the theme needs from Pelican to render an archive, and a build that scales.

Readable, collision-free slugs for tags, categories and authors; labels and
dates in Gujarati or English; sanitized article HTML; browser dependencies
copied from node_modules; .nojekyll for GitHub Pages.

The build (build.py): every listing paginated and made in one pass
(listing_pages.py), posts read with libyaml (reader.py), pages rendered on
every core only when what they show changed, and written only when their
bytes change (writer.py), files the site no longer has removed.
"""

from __future__ import annotations

from pelican import signals

from sangrah_lang import collector
from sangrah_lang import filestamps as kept_digests

from .build import configure_build, finish_build, freeze_urls, linear_listings, remember_generators
from . import filestamps, memo
from .labels import make_filters
from .listing_pages import ListingsGenerator
from .reader import prefetch_posts, use_fast_reader
from .sanitize import sanitize_content
from .slugs import assign_taxonomy_slugs
from .undated import list_undated
from .writer import SangrahWriter


def add_template_helpers(pelican) -> None:
    memo.clear()
    kept_digests.start(pelican)
    filters, globals_ = make_filters(pelican.settings)
    pelican.settings.setdefault("JINJA_FILTERS", {}).update(filters)
    pelican.settings.setdefault("JINJA_GLOBALS", {}).update(globals_)


def listings_generator(pelican):
    """get_generators: the listing pages (listing_pages.py)."""
    return ListingsGenerator


def sangrah_writer(pelican):
    """get_writer: the incremental writer (writer.py)."""
    return SangrahWriter


def register():
    # Plugins are registered before any build step runs: the import, the
    # reading and the rendering all run with these settings (collector.py).
    collector.tune_for_a_build()
    # After the import (an earlier receiver), after the articles are read
    # (the search process forks then) and before the pages are rendered.
    signals.initialized.connect(collector.freeze_what_exists)
    signals.article_generator_finalized.connect(collector.freeze_what_exists)
    signals.all_generators_finalized.connect(collector.freeze_what_exists)
    # A build leaves its objects frozen (the process's exit then skips them);
    # the next build of the same process thaws them as it starts (get_generators
    # is the first signal of each of Pelican's runs).
    signals.finalized.connect(collector.build_ended)
    signals.get_generators.connect(collector.thaw_after_a_build)
    signals.initialized.connect(add_template_helpers)
    signals.initialized.connect(configure_build)
    signals.readers_init.connect(use_fast_reader)
    signals.content_object_init.connect(sanitize_content)
    signals.article_generator_init.connect(linear_listings)
    signals.page_generator_init.connect(filestamps.share_file_digests)
    signals.article_generator_init.connect(prefetch_posts)  # shares them too, before it reads
    signals.article_generator_pretaxonomy.connect(assign_taxonomy_slugs)
    signals.article_generator_finalized.connect(list_undated)
    signals.article_generator_finalized.connect(freeze_urls)
    signals.page_generator_finalized.connect(freeze_urls)
    signals.get_generators.connect(listings_generator)
    signals.get_writer.connect(sangrah_writer)
    signals.all_generators_finalized.connect(remember_generators)
    signals.finalized.connect(finish_build)
