"""Text typed in a pre-Unicode Gujarati font (Terafont, LMG-Arun, Shree-Guj …).

Before Unicode, Gujarati papers typed with fonts that drew Gujarati glyphs
over ASCII and Latin-1 code points. Such text reaches a dump as Latin-1
soup ("Ãkk÷LkÃkwhBÞkt …") with no Gujarati code point at all. Converting it
needs the exact table of the font it was typed in, so the import rejects it
with that reason instead of publishing garbage.

The soup is told from real European text by two measures: the share of
Latin-1 letters and signs among all Latin letters (Icelandic, the heaviest
real user, stays near 0.2) and the share of words with an upper-case glyph
after a lower-case one ("LkÃkwh"), which only glyph codes produce.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from ..data import load
from ..text import GUJARATI_RUNS, LATIN_LETTER_RUNS, count_of, count_reaches

_LATIN1_HIGH_RUNS = re.compile("[\u00a1-\u00ff]+")
_WORD = re.compile("[A-Za-z\u00a1-\u00ff]+")
_CASE_JUMP = re.compile("[a-z\u00df-\u00ff][A-Z\u00c0-\u00de]")
_FONT_NAMING = re.compile(r"""font-family\s*:\s*([^;}>]+)|\bface\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")

MIN_LETTERS = 20
# Gujarati letters up to this share of all letters do not make a text
# Gujarati. A fraction, so that the count that passes it is exact.
MAX_GUJARATI_SHARE = Fraction(1, 20)
SOUP_SHARE = 0.5  # mostly Latin-1 signs: no language writes like that
HIGH_SHARE = 0.1  # with case jumps in words or a legacy font named
CASE_JUMP_SHARE = 0.2


def names_legacy_font(markup: str) -> bool:
    """Whether a page's CSS or <font face> names a pre-Unicode Gujarati font."""
    lowered = markup.lower()
    for match in _FONT_NAMING.finditer(lowered):
        value = match.group(1) or match.group(2) or ""
        if any(name in value for name in load("html")["legacy_fonts"]["names"]):
            return True
    return False


def gujarati_letters_enough(other_letters: int) -> int:
    """The fewest Gujarati letters that make a text with ``other_letters`` Latin
    ones real Gujarati: g > MAX_GUJARATI_SHARE * (other_letters + g), that is
    g > share * other_letters / (1 - share). Asked as a count to reach, the
    first words of a Gujarati text answer it without counting the rest."""
    share = MAX_GUJARATI_SHARE
    return math.floor(share * other_letters / (1 - share)) + 1


def legacy_font_reason(text: str, font_named: bool = False) -> str | None:
    """Why ``text`` is legacy-font soup, or None when it reads as real text."""
    ascii_letters = count_of(LATIN_LETTER_RUNS, text)
    high = count_of(_LATIN1_HIGH_RUNS, text)
    letters = ascii_letters + high
    if letters < MIN_LETTERS:
        return None
    if count_reaches(GUJARATI_RUNS, text, gujarati_letters_enough(letters)):
        return None
    high_share = high / letters
    words = _WORD.findall(text)
    jumps = sum(1 for word in words if _CASE_JUMP.search(word)) / max(1, len(words))
    if high_share >= SOUP_SHARE or (high_share >= HIGH_SHARE and (jumps >= CASE_JUMP_SHARE or font_named)):
        return (
            "legacy font: Gujarati typed in a pre-Unicode font (Latin-1 glyph codes instead of Gujarati letters); "
            "convert it to Unicode with a converter for that font first"
        )
    return None
