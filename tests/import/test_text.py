"""The import's small text helpers: caseless(), which the date and caption guards
search, and the letter counts that stop as soon as they can answer."""

import re
import sys
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sangrah_import.data import load
from sangrah_import.extract import dates
from sangrah_import.read.legacy_font import MAX_GUJARATI_SHARE, gujarati_letters_enough
from sangrah_import.text import GUJARATI_RUNS, LATIN_LETTER_RUNS, caseless, count_of, count_reaches, script_of


def _guarded_words() -> list[str]:
    """Every word a guard looks for in caseless text: month names, cameras' names."""
    return [
        *dates._month_names(),
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


# --- Counting a script's letters only as far as a question needs ---




MIXED_TEXT = st.text(
    alphabet=st.sampled_from(list("અકગજતદનપમરલવસહાિીુેો્ં") + list("abcXYZ") + list(" ,.\n1éÃ")),
    max_size=120,
)


@given(text=MIXED_TEXT, enough=st.integers(-2, 130))
@settings(max_examples=600, deadline=None)
def test_count_reaches_answers_as_the_whole_count(text, enough):
    for runs in (GUJARATI_RUNS, LATIN_LETTER_RUNS):
        assert count_reaches(runs, text, enough) == (count_of(runs, text) >= enough)


@given(text=MIXED_TEXT)
@settings(max_examples=600, deadline=None)
def test_script_is_gujarati_when_its_letters_are_not_outnumbered(text):
    gujarati, latin = count_of(GUJARATI_RUNS, text), count_of(LATIN_LETTER_RUNS, text)
    expected = "gu" if gujarati >= latin and gujarati else ("en" if latin else "gu")
    assert script_of(text) == expected


def test_the_gujarati_count_to_reach_is_the_share_rule():
    """The fewest Gujarati letters g with g > share * (letters + g), exactly."""
    share = Fraction(MAX_GUJARATI_SHARE)
    for letters in range(0, 2000):
        enough = gujarati_letters_enough(letters)
        assert enough > share * (letters + enough), letters
        assert not (enough - 1 > share * (letters + enough - 1)), letters
