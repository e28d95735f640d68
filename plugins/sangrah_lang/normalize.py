"""Text normalization: the first step of every comparison sangrah makes.

Scraped Gujarati carries invisible joiners, non-breaking spaces, Gujarati and
ASCII digits side by side, and decomposed sequences; two strings a reader
sees as equal must compare equal. The rules come from ``language.json``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

RULES_PATH = Path(__file__).with_name("language.json")


@lru_cache(maxsize=1)
def _load_rules() -> dict:
    with RULES_PATH.open(encoding="utf-8") as handle:
        return json.load(handle)


RULES = _load_rules()

_TRANSLATE = {ord(ch): None for ch in RULES["invisible"]["chars"]}
_TRANSLATE.update({ord(k): v for k, v in RULES["digits"]["map"].items()})
_TRANSLATE.update({ord(ch): " " for ch in RULES["spaces"]["chars"]})
_RUNS_OF_SPACES = re.compile(r" {2,}")
# str.translate takes CPython's slow path for non-Latin text (a dict lookup
# per character); a replace() per rule, skipped when the character is absent,
# is ~25x faster on Gujarati news and gives the same result, because no
# replacement is itself a character that another rule replaces.
_REPLACEMENTS = tuple((chr(code), value or "") for code, value in sorted(_TRANSLATE.items()))


def normalize_text(text: str) -> str:
    """NFC, invisible characters removed, digits made ASCII, spaces unified.

    Line breaks are kept (callers split paragraphs on them); runs of ordinary
    spaces shrink to one. Case is left alone: see :func:`fold_case`.
    """
    composed = unicodedata.normalize("NFC", text)
    text = composed
    for character, replacement in _REPLACEMENTS:
        if character in text:
            text = text.replace(character, replacement)
    if text != composed:
        # A removed joiner can leave a base letter next to a combining mark
        # that NFC would have joined (e + ZWSP + U+0301): compose again so
        # that normalizing twice changes nothing. The search pipeline relies
        # on that, and the browser side does the same.
        text = unicodedata.normalize("NFC", text)
    return _RUNS_OF_SPACES.sub(" ", text)


def fold_case(text: str) -> str:
    """Lower-case Latin letters; Gujarati has no case and is unchanged.

    ``str.lower`` (not ``casefold``) because it is what JavaScript's
    ``toLowerCase`` does too, and both sides must agree. Lower-casing can
    decompose (İ -> i + U+0307), leaving marks in non-canonical order next to
    a following combining mark, so the result is composed again: the index
    and the query side then meet whichever order they normalize and fold in.
    """
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return unicodedata.normalize("NFC", lowered)
