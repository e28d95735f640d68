"""What a recognizer reads (Document) and what it returns (Mention).

Kept free of Pelican and of any one recognition method, so the import can
build a Document from a cleaned dump and a later statistical recognizer can
implement the same Protocol.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Protocol, Sequence

from sangrah_lang import normalize_text

# Mention.block for a mention in the title; body blocks count from 0, so
# sorting by (block, start) puts title mentions first.
TITLE_BLOCK = -1

_BLANK_LINES = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Block:
    text: str
    kind: str = "paragraph"  # "paragraph" or "heading"


@dataclass(frozen=True)
class Document:
    """A cleaned article: its title and its body blocks, in reading order."""

    title: str
    blocks: tuple[Block, ...] = ()
    doc_id: str = ""  # the import's slug or file name; used by discovery reports

    @classmethod
    def from_text(cls, title: str, body: str, doc_id: str = "") -> "Document":
        """Body text with paragraphs separated by blank lines."""
        parts = [p.strip() for p in _BLANK_LINES.split(body)]
        return cls(title=title, blocks=tuple(Block(p) for p in parts if p), doc_id=doc_id)

    @classmethod
    def from_blocks(cls, title: str, blocks, doc_id: str = "") -> "Document":
        """From any blocks with ``.text`` and ``.kind`` (the import's Block)."""
        return cls(title=title, blocks=tuple(Block(b.text, getattr(b, "kind", "paragraph")) for b in blocks),
                   doc_id=doc_id)

    def normalized_texts(self) -> list[tuple[int, str]]:
        """(block index, normalized text) for the title and every block.

        Mention offsets index these strings; the import normalizes with the
        same function first, so for it they index its own text.
        """
        texts = [(TITLE_BLOCK, normalize_text(self.title or ""))]
        texts.extend((index, normalize_text(block.text)) for index, block in enumerate(self.blocks))
        return texts


@dataclass(frozen=True, order=True)
class Mention:
    """One occurrence of a KB entity: ``text[start:end] == surface`` in ``block``."""

    block: int
    start: int
    end: int
    entity_id: str
    surface: str  # as written, case ending included (પુતિનની)
    # Why it counts: "name" (an alias only this entity claims), "support" (an
    # ambiguous alias whose entity the document names elsewhere), "cue" (a
    # title or place word beside it), "default" (the usual one of several).
    basis: str = "name"


class Recognizer(Protocol):
    def recognize(self, doc: Document) -> list[Mention]:
        """Mentions in document order (title first)."""
        ...


def entity_ids(mentions: Sequence[Mention]) -> list[str]:
    """Distinct entity ids: most mentioned first, then first appearance, then id."""
    counts = Counter(m.entity_id for m in mentions)
    first: dict[str, tuple[int, int]] = {}
    for mention in sorted(mentions):
        first.setdefault(mention.entity_id, (mention.block, mention.start))
    return sorted(counts, key=lambda eid: (-counts[eid], first[eid], eid))
