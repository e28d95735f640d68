"""Named entities of a post (people, places, organizations).

The knowledge base and recognizer live in the sangrah_entities plugin; this
module is the import's single call into it. The recognizer runs on the
cleaned post (title and body blocks), so names that occur only in page
furniture — SEO trailers, captions of other stories — are never found.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Post


def find_entities(post: Post, knowledge_base_dir) -> list[str]:
    """Entity ids of ``post``, most mentioned first ([] without a knowledge base)."""
    if knowledge_base_dir is None or not Path(knowledge_base_dir).is_dir():
        return []
    from sangrah_entities import Document, entity_ids, get_recognizer

    recognizer = get_recognizer(str(knowledge_base_dir))
    document = Document.from_blocks(post.title, post.blocks, doc_id=post.key)
    return entity_ids(recognizer.recognize(document))
