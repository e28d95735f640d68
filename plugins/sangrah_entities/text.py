"""Tokens and case-ending stems: how the recognizer sees Gujarati text.

Names are matched token by token, never inside a word, so that રશિયન
("Russian") does not contain રશિયા and પશ્ચિમે is not a name. A Gujarati noun
carries its case marker glued to its end (પુતિનની, રશિયાએ, કિર્બીએ); only the
last token of a name can carry one, so the matcher asks this module for the
possible bare forms of a token. The endings themselves are shared language
data in sangrah_lang's ``language.json``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from sangrah_lang import RULES, fold_case, normalize_text

# A Gujarati word is a run of Gujarati-block characters; a Latin word is a run
# of letters and digits (so G20 stays one token). Anything else separates.
_TOKEN_RE = re.compile(r"[\u0A80-\u0AFF]+|[0-9A-Za-z\u00C0-\u024F]+")
_GUJARATI_RE = re.compile(r"[\u0A80-\u0AFF]")

# Between two tokens of one name only spaces, the dot of an initial
# (સી. આર. પાટીલ, U.S.), a hyphen (કિમ જોંગ-ઉન) or an apostrophe may stand;
# any other mark (comma, bracket, quote, danda, pipe, slash, line break) ends
# a name, so a match never runs across a list or a clause boundary.
_JOINING_GAP_RE = re.compile(r"[ .\-\u2010\u2011\u2012\u2013'\u2019]*")

# Gujarati news spells many names with either vowel length (તાઇવાન /
# તાઈવાન, ઓસ્ટ્રેલિયા / ઑસ્ટ્રેલિયા, મૂર્તિ / મુર્તિ): the index compares words
# with long and short i and u made one, and the English-loan candra vowels
# (ઍ ઑ ૅ ૉ) made plain. One character maps to one, so offsets and lengths in
# a key are those of the word.
_MATCH_FOLD = str.maketrans({
    "\u0a88": "\u0a87",  # ઈ -> ઇ
    "\u0ac0": "\u0abf",  # ી -> િ
    "\u0a8a": "\u0a89",  # ઊ -> ઉ
    "\u0ac2": "\u0ac1",  # ૂ -> ુ
    "\u0a8d": "\u0a8f",  # ઍ -> એ
    "\u0a91": "\u0a93",  # ઑ -> ઓ
    "\u0ac5": "\u0ac7",  # ૅ -> ે
    "\u0ac9": "\u0acb",  # ૉ -> ો
})


# str.translate looks every character up in a dict; eight str.replace passes
# run in C over the whole string and are some 25 times faster on news text.
_FOLD_PAIRS = tuple((chr(code), target) for code, target in sorted(_MATCH_FOLD.items()))


def _fold_vowels(text: str) -> str:
    for variant, plain in _FOLD_PAIRS:
        if variant in text:
            text = text.replace(variant, plain)
    return text


def match_key(word: str) -> str:
    """How one word is compared: Gujarati vowel length folded, Latin lower-cased."""
    return _fold_vowels(fold_case(word))


_ENDINGS = tuple(match_key(e) for e in RULES["case_endings"]["suffixes"])
_ERGATIVE_SIGN = "\u0ac7"  # ે
_GLUED_ENDINGS = frozenset(e for e in _ENDINGS if e != _ERGATIVE_SIGN)
_LONGEST_ENDING = max(len(e) for e in _GLUED_ENDINGS)

# Consonant letters ક..હ, ળ, ક્ષ-style conjuncts end in one of these; the
# nukta (U+0ABC) may follow a consonant (ઝ઼) and still leave it a consonant.
_CONSONANTS = frozenset(chr(c) for c in range(0x0A95, 0x0AB9 + 1)) | {"\u0ab3", "\u0af9"}
_NUKTA = "\u0abc"

# A stem must keep at least this many characters: stripping ના from ઉના must
# not leave a one-letter "name".
MIN_STEM_CHARS = 2


class Token(NamedTuple):
    """One word of a block: its text as written, where it is, how it compares.

    A NamedTuple, not a dataclass: a dump has thousands of tokens and tuple
    construction is several times cheaper than a frozen dataclass's.
    """

    text: str
    start: int
    end: int
    key: str  # what the index compares: see match_key
    joined: bool  # True when only name-internal marks separate it from the previous token
    gujarati: bool


def is_gujarati(text: str) -> bool:
    return bool(_GUJARATI_RE.search(text))


def tokenize(text: str) -> list[Token]:
    """Split already-normalized text into tokens with character offsets."""
    tokens: list[Token] = []
    append = tokens.append
    # One translate per block, not per word: the fold maps one character to
    # one, so a word's key is the same slice of the folded text.
    folded = _fold_vowels(text)
    previous_end = -1
    for match in _TOKEN_RE.finditer(text):
        word = match.group()
        start, end = match.span()
        if previous_end < 0:
            joined = False
        elif start - previous_end == 1 and text[previous_end] == " ":
            joined = True  # the common case, without a regex call
        else:
            joined = _JOINING_GAP_RE.fullmatch(text, previous_end, start) is not None
        if "\u0a80" <= word[0] <= "\u0aff":
            append(Token(word, start, end, folded[start:end], joined, True))
        else:
            append(Token(word, start, end, fold_case(word), joined, False))
        previous_end = end
    return tokens


def name_key(name: str) -> tuple[str, ...]:
    """The token keys a KB name is indexed under (normalized, Latin folded)."""
    return tuple(token.key for token in tokenize(normalize_text(name)))


def ends_in_consonant(text: str) -> bool:
    if text.endswith(_NUKTA):
        text = text[:-1]
    return bool(text) and text[-1] in _CONSONANTS


@lru_cache(maxsize=200_000)
def stems(word: str) -> tuple[tuple[str, str], ...]:
    """Bare forms a Gujarati word may be, with the ending taken off each.

    Every ending from ``language.json`` that the word ends in gives one
    candidate (longest ending first), so રશિયાના gives રશિયા and the
    matcher, not this function, decides which candidate is a name. The
    ergative sign ે counts only after a consonant: પુતિને gives પુતિન, but
    શિંદે (vowel-final name) does not lose its vowel. Cached: news vocabulary
    repeats, and this runs once per token.
    """
    found: list[tuple[str, str]] = []
    for length in range(min(_LONGEST_ENDING, len(word) - MIN_STEM_CHARS), 0, -1):
        ending = word[-length:]
        if ending in _GLUED_ENDINGS:
            found.append((word[:-length], ending))
    if word.endswith(_ERGATIVE_SIGN) and len(word) - 1 >= MIN_STEM_CHARS:
        bare = word[:-1]
        if ends_in_consonant(bare):
            found.append((bare, _ERGATIVE_SIGN))
    return tuple(found)


def letter_count(word: str) -> int:
    """Consonants and independent vowels: a rough syllable count for shortness."""
    return sum(1 for ch in word if ch in _CONSONANTS or "\u0a85" <= ch <= "\u0a94" or ch.isalpha() and ch.isascii())
