"""sangrah_import: a Pelican plugin that turns raw news dumps into posts.

Before Pelican reads any content, every file under ``content/dumps/`` is
read, cleaned of page furniture, given its metadata and written as a
Markdown post with YAML front matter under ``content/posts/``. Also runs on
its own: ``python -m sangrah_import`` (see ``--help``).
"""

from __future__ import annotations

from pelican import signals

from .cli import import_for_pelican


def register():
    signals.initialized.connect(import_for_pelican)
