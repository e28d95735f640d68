"""Stop words: Gujarati and English lists from ``language.json``."""

from __future__ import annotations

from .normalize import RULES

_LISTS = RULES["stop_words"]
STOP_WORDS = frozenset(
    _LISTS["gujarati"]["words"] + _LISTS["english"]["words"] + _LISTS["english_fragments"]["words"]
)


def is_stop_word(token: str) -> bool:
    """True if the trimmed, case-folded ``token`` is left out of the index."""
    return token in STOP_WORDS
