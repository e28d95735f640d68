"""Named entities of a post (people, places, organizations).

The recognizer lives in the sangrah_entities plugin; this module is the
import's single call into it, so that the import works (with no entities)
when that plugin is not installed.
"""

from __future__ import annotations

from ..model import Post


def find_entities(post: Post, knowledge_base_dir) -> list[str]:
    return []
