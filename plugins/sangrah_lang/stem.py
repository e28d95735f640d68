"""Stemming: a Gujarati suffix stripper and lunr's Porter stemmer for English.

Both follow ``language.json``'s ``stemmer`` section; its ``about`` texts give
the procedure step by step, and the browser implements the same steps.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lunr.stemmer import porter_stemmer

from .normalize import RULES
from .tokenize import CACHE_SIZE, parse_ranges

_GU = RULES["stemmer"]["gujarati"]
_EN = RULES["stemmer"]["english"]


def _code_points(specs: list[str] | str) -> frozenset[str]:
    specs = [specs] if isinstance(specs, str) else specs
    return frozenset(chr(cp) for first, last in parse_ranges(specs) for cp in range(first, last + 1))


_VOWELS = _code_points(_GU["letters"]["independent_vowels"])
_CONSONANTS = _code_points(_GU["letters"]["consonants"])
_LETTERS = _VOWELS | _CONSONANTS
(_VIRAMA,) = _code_points(_GU["letters"]["virama"])
(_NUKTA,) = _code_points(_GU["letters"]["nukta"])
_MIN_AKSHARAS = _GU["min_stem_aksharas"]
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_ASCII_DIGITS = re.compile(r"[0-9]+\Z")

# (suffix, needs a consonant before it), longest first; equal lengths cannot
# both end one word, the tie-break only makes the order total.
_SUFFIXES = sorted(
    [(suffix, False) for suffix in _GU["suffixes_after_anything"]]
    + [(suffix, True) for suffix in _GU["suffixes_after_consonant"]],
    key=lambda pair: (-len(pair[0]), pair[0]),
)
_GUARDS = [
    (guard["suffix_starts_with"], tuple(guard["remainder_ends_with"])) for guard in _GU["suffix_guards"]
]
_OVERRIDES: dict[str, str] = dict(_GU["overrides"])
KNOWN_STEMS = frozenset(
    [word for group in _GU["known_stems"]["groups"] for word in group["words"]]
    + list(_OVERRIDES.values())
)

_ENGLISH_WORD = re.compile(r"[a-z]+\Z")
_NOT_STEMMED = frozenset(_EN["not_stemmed"]["words"])
_NOT_STEMMED_PARTS = tuple(_EN["not_stemmed"]["containing"])


def is_gujarati(token: str) -> bool:
    """True if ``token`` has a Gujarati letter (vowel signs alone don't count)."""
    return any(char in _LETTERS for char in token)


def aksharas(text: str) -> int:
    """Syllable-sized units: Gujarati vowels, consonants not followed by the
    virama (a conjunct counts once), and ASCII letters and digits."""
    count = 0
    for index, char in enumerate(text):
        if char in _VOWELS or char in _ASCII_ALNUM:
            count += 1
        elif char in _CONSONANTS and text[index + 1 : index + 2] != _VIRAMA:
            count += 1
    return count


def _ends_in_consonant(text: str) -> bool:
    last = text[-1]
    if last == _NUKTA and len(text) > 1:
        last = text[-2]
    return last in _CONSONANTS


def _guarded(suffix: str, remainder: str) -> bool:
    return any(
        suffix.startswith(start) and remainder.endswith(ends) for start, ends in _GUARDS
    )


def _acceptable_stem(suffix: str, remainder: str, needs_consonant: bool) -> bool:
    if _guarded(suffix, remainder):
        return False
    if remainder[-1] == _VIRAMA:
        return False
    if needs_consonant and not _ends_in_consonant(remainder):
        return False
    return bool(_ASCII_DIGITS.match(remainder)) or aksharas(remainder) >= _MIN_AKSHARAS


def stem_gujarati(token: str) -> str:
    """Strip one case ending or plural marker, following the rules' procedure."""
    if token in _OVERRIDES:
        return _OVERRIDES[token]
    if token in KNOWN_STEMS:
        return token
    candidates = [
        (suffix, token[: -len(suffix)], needs_consonant)
        for suffix, needs_consonant in _SUFFIXES
        if len(token) > len(suffix) and token.endswith(suffix)
    ]
    for _, remainder, _ in candidates:
        if remainder in KNOWN_STEMS:
            return remainder
    for suffix, remainder, needs_consonant in candidates:
        if _acceptable_stem(suffix, remainder, needs_consonant):
            return remainder
    return token


def stem_english(token: str) -> str:
    """lunr.py's Porter stemmer, evened out with lunr.js's (see the rules)."""
    if token in _NOT_STEMMED or any(part in token for part in _NOT_STEMMED_PARTS):
        return token
    stemmed = porter_stemmer.stem(token)
    if _EN["final_y_to_i"] and stemmed.endswith("y"):
        stemmed = stemmed[:-1] + "i"
    return stemmed


@lru_cache(maxsize=CACHE_SIZE)
def stem(token: str) -> str:
    """The index term for a trimmed, case-folded token."""
    if is_gujarati(token):
        return stem_gujarati(token)
    if _ENGLISH_WORD.match(token):
        return stem_english(token)
    return token
