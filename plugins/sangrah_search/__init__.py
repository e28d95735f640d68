"""sangrah_search: full-text search of the archive, in the browser, offline.

At build time lunr.py indexes the rendered articles with sangrah's language
pipeline (pipeline.py); the browser searches with lunr.js and the same
pipeline (static/sangrah-lang.js), driven by theme/static/js/search.js.
What goes where: output.py. The Pelican wiring is all here.
"""

from __future__ import annotations

from pelican import signals

from . import background
from .site import build_deferred, configure, prepare_search


def register():
    signals.initialized.connect(configure)
    # After sangrah_site's receivers of the same signal (the articles' URLs
    # are fixed by then).
    signals.article_generator_finalized.connect(prepare_search)
    signals.all_generators_finalized.connect(build_deferred)
    # After sangrah_site's finalized receiver (listed before this plugin in
    # PLUGINS: Pelican's signals call receivers in the order connected), so
    # the pages are rendered while the search files are built.
    signals.finalized.connect(background.wait)
