"""sangrah_site: what the theme needs from Pelican to render an archive.

Readable, collision-free slugs for tags, categories and authors; labels and
dates in Gujarati or English; sanitized article HTML; browser dependencies
copied from node_modules; .nojekyll for GitHub Pages.
"""

from __future__ import annotations

from pelican import signals

from .labels import make_filters
from .sanitize import sanitize_content
from .slugs import assign_taxonomy_slugs
from .undated import drop_undated_from_periods
from .vendor import copy_vendor_files


def add_template_helpers(pelican) -> None:
    filters, globals_ = make_filters(pelican.settings)
    pelican.settings.setdefault("JINJA_FILTERS", {}).update(filters)
    pelican.settings.setdefault("JINJA_GLOBALS", {}).update(globals_)


def register():
    signals.initialized.connect(add_template_helpers)
    signals.content_object_init.connect(sanitize_content)
    signals.article_generator_pretaxonomy.connect(assign_taxonomy_slugs)
    signals.article_generator_finalized.connect(drop_undated_from_periods)
    signals.finalized.connect(copy_vendor_files)
