"""Named entities of a post (people, places, organizations).

The knowledge base and recognizer live in the sangrah_entities plugin; this
module is the import's single call into it. The recognizer runs on the
cleaned post (title and body blocks), so names that occur only in page
furniture — SEO trailers, captions of other stories — are never found.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from ..model import Post


def find_entities(post: Post, knowledge_base_dir) -> list[str]:
    """Entity ids of ``post``, most mentioned first ([] without a knowledge base)."""
    return analyze_entities(post, knowledge_base_dir)[0]


def analyze_entities(post: Post, knowledge_base_dir) -> tuple[list[str], list[dict]]:
    """(entity ids, most mentioned first; unknown names found after title cues)."""
    if knowledge_base_dir is None or not Path(knowledge_base_dir).is_dir():
        return [], []
    from sangrah_entities import Document, entity_ids, get_recognizer

    recognizer = get_recognizer(str(knowledge_base_dir))
    analysis = recognizer.analyze(Document.from_blocks(post.title, post.blocks, doc_id=post.key))
    discoveries = [asdict(d) for d in analysis.discoveries]
    return entity_ids(analysis.mentions), discoveries


def write_discoveries(posts: list[Post], path: Path, min_count: int = 1) -> int:
    """The editors' review file of names the knowledge base lacks; returns how many."""
    from sangrah_entities import Discovery, aggregate_discoveries, write_review_file

    entries = aggregate_discoveries(
        ((post.key, [Discovery(**d) for d in post.discoveries]) for post in posts), min_count=min_count
    )
    write_review_file(path, entries)
    return len(entries)
