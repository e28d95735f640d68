"""Named entities for sangrah: the knowledge base and the recognizer.

Plain Python, no Pelican: the import plugin builds a :class:`Document` per
cleaned dump and asks a :class:`Recognizer` for its mentions. Typical use::

    recognizer = get_recognizer("content/entities")      # KB loaded and indexed once
    doc = Document.from_blocks(post.title, post.blocks, doc_id=post.key)
    analysis = recognizer.analyze(doc)                    # mentions + discoveries
    ids = entity_ids(analysis.mentions)                   # for the post's metadata
    kb = recognizer.kb; kb.entities[ids[0]].name["gu"]    # display names, types

    # after all posts:
    write_review_file(path, aggregate_discoveries((key, a.discoveries) for key, a in analyses))
"""

from __future__ import annotations

import os
from functools import lru_cache

from .discovery import aggregate_discoveries, write_review_file
from .document import TITLE_BLOCK, Block, Document, Mention, Recognizer, entity_ids
from .gazetteer import Analysis, Discovery, GazetteerRecognizer
from .kb import Entity, KnowledgeBase, KnowledgeBaseError, load_knowledge_base

# Settings the Pelican side will read (defaults here so both agree).
DEFAULT_SETTINGS = {
    "SANGRAH_ENTITIES_DIR": "content/entities",
    # Discovered names are for editors only unless this is turned on.
    "SANGRAH_PUBLISH_DISCOVERED": False,
    "SANGRAH_ENTITY_REVIEW_FILE": "entities-review.yaml",
    "SANGRAH_DISCOVERY_MIN_COUNT": 1,
}


def get_recognizer(directory: str | os.PathLike) -> GazetteerRecognizer:
    """A recognizer for the KB in ``directory``, built once per KB version."""
    return _recognizer_for(load_knowledge_base(directory))


@lru_cache(maxsize=4)
def _recognizer_for(kb: KnowledgeBase) -> GazetteerRecognizer:
    return GazetteerRecognizer(kb)


def register():
    """Pelican's entry point (PLUGINS = [..., "sangrah_entities"]): the entity pages.

    Pelican is imported here, not at the top, so that importing the package
    for the recognizer (as the import does) never loads Pelican.
    """
    from pelican import signals

    signals.get_generators.connect(_entity_generator)


def _entity_generator(pelican):
    """get_generators: the generator that writes entity/<id>/ and entities/ (pages/generator.py)."""
    from .pages.generator import EntityPagesGenerator

    return EntityPagesGenerator


__all__ = [
    "Analysis", "Block", "DEFAULT_SETTINGS", "Discovery", "Document", "Entity", "GazetteerRecognizer",
    "KnowledgeBase", "KnowledgeBaseError", "Mention", "Recognizer", "TITLE_BLOCK",
    "aggregate_discoveries", "entity_ids", "get_recognizer", "load_knowledge_base", "register", "write_review_file",
]
