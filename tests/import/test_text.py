"""The import's small text helpers: caseless(), which the date and caption guards search."""

import re
import sys

import pytest

from sangrah_import.data import load
from sangrah_import.extract import dates
from sangrah_import.text import caseless


def _guarded_words() -> list[str]:
    """Every word a guard looks for in caseless text: month names, cameras' names."""
    return [
        *dates._month_names(),
        *(prefix.lower() for prefix in dates._CAMERA_PREFIXES),
        *(prefix.lower() for prefix in load("noise")["caption_patterns"]["camera_prefixes"]),
    ]


def test_every_case_blind_partner_of_a_guarded_character_becomes_that_character():
    """A case-blind search for a lower-case word matches where the case-sensitive
    search of caseless(text) does, and nowhere else: every code point that
    re.IGNORECASE pairs with a character of the guarded words becomes that
    very character, and every code point becomes one character."""
    chars = set("".join(_guarded_words()))
    assert all(caseless(ch) == ch for ch in chars)  # the words are caseless already
    any_of_them = re.compile("[" + "".join(map(re.escape, sorted(chars))) + "]", re.IGNORECASE)
    paired = 0
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue  # surrogates are not characters of a str read from a file
        char = chr(code)
        if len(caseless(char)) != 1:
            pytest.fail(f"U+{code:04X} gives {caseless(char)!r}")
        if any_of_them.fullmatch(char):
            partners = {x for x in chars if re.fullmatch(re.escape(x), char, re.IGNORECASE)}
            assert partners == {caseless(char)}, (f"U+{code:04X}", partners)
            paired += 1
    # Upper-case letters pair too, and the four that lower() misses (İ ı ſ K).
    assert paired > len(chars) + 4


@pytest.mark.parametrize(
    "text, word",
    [("İMG_20240619", "img"), ("ſcreenshot 2024", "screenshot"), ("DEC", "dec"), ("WhatsApp Image", "whatsapp image")],
)
def test_caseless_text_holds_the_word_a_case_blind_search_finds(text, word):
    assert re.search(re.escape(word), text, re.IGNORECASE)
    assert word in caseless(text)
