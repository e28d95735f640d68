"""The stemmer on words that are not in the sample dumps.

Gujarati: inflected forms of one word must meet (so a search for one form
finds the others), and words whose ending only looks like a case ending must
come through whole. English: lunr's Porter, evened out between lunr.py and
lunr.js. Parity with the browser is tested elsewhere; these are about the
rules being right.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sangrah_lang import RULES, analyze, fold_case, stem

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "content" / "dumps").glob("*.txt"))

MEET = {
    "ભારત": ["ભારત", "ભારતના", "ભારતની", "ભારતનું", "ભારતનો", "ભારતને", "ભારતે", "ભારતમાં", "ભારતથી", "ભારતમાંથી", "ભારતનેય"],
    "ચીન": ["ચીન", "ચીનના", "ચીને", "ચીનમાં", "ચીનથી", "ચીનનું"],
    "મહિલા": ["મહિલા", "મહિલાઓ", "મહિલાઓના", "મહિલાઓએ", "મહિલાઓને", "મહિલાની", "મહિલાએ", "મહિલાઓમાંથી"],
    "ખેડૂત": ["ખેડૂત", "ખેડૂતો", "ખેડૂતોના", "ખેડૂતોને", "ખેડૂતોએ", "ખેડૂતોમાં", "ખેડૂતની"],
    "શહેર": ["શહેર", "શહેરો", "શહેરોમાં", "શહેરના", "શહેરમાંથી", "શહેરોની"],
    "વિદ્યાર્થી": ["વિદ્યાર્થી", "વિદ્યાર્થીઓ", "વિદ્યાર્થીઓને", "વિદ્યાર્થીઓએ", "વિદ્યાર્થીનું"],
    "મોદી": ["મોદી", "મોદીએ", "મોદીના", "મોદીની", "મોદીને"],
    "ગાંધી": ["ગાંધી", "ગાંધીના", "ગાંધીએ"],
    # ન-final names: the ergative ે is not the dative ને (listed stems, and
    # the guard against ન-suffixes after ે).
    "જાપાન": ["જાપાન", "જાપાનના", "જાપાને", "જાપાનમાં", "જાપાનની"],
    "સ્પેન": ["સ્પેન", "સ્પેને", "સ્પેનના", "સ્પેનમાં"],
    "ટ્રેન": ["ટ્રેન", "ટ્રેનો", "ટ્રેનોમાં", "ટ્રેનના"],
    "વાહન": ["વાહન", "વાહનો", "વાહનોની", "વાહનને"],
    # A consonant-final noun in ન: plural -ો is not the genitive નો.
    "જવાન": ["જવાન", "જવાનો", "જવાનોએ", "જવાનોના", "જવાનને"],
    "બાઇડન": ["બાઇડન", "બાઇડને", "બાઇડનના"],
    # Masculine nouns in -ો meet their oblique -ા forms through overrides.
    "ચુકાદા": ["ચુકાદો", "ચુકાદા", "ચુકાદાના", "ચુકાદામાં", "ચુકાદાઓ"],
    "તબક્કા": ["તબક્કો", "તબક્કાના", "તબક્કામાં"],
    # Numbers with an attached ending.
    "2025": ["2025માં", "2025ના", "2025"],
    "dprk": ["dprkના", "dprkને"],
}

KEPT_WHOLE = [
    # The brief's examples and their kin: the ending belongs to the word.
    "સ્થાપના", "પત્ની", "યોજના", "ઘટના", "દુર્ઘટના", "ભાવના", "કલ્પના", "મતગણના", "સૂચના",
    "કંપની", "જર્મની", "રાજધાની", "નૌસેના", "વાયુસેના", "પાકિસ્તાની", "કહાની", "કારખાનું", "વીડિયો", "ટોક્યો",
    # Too short once stripped (one akshara would be left).
    "સોનું", "નાની", "જૂનું", "હાથી",
    # The suffix's first letter is half of a conjunct (virama before it).
    "વિદ્યાર્થી", "શરણાર્થી", "ચશ્માં", "રત્ની",
    # Not Gujarati, not a-z: kept as they are.
    "1999", "josé", "北京", "c3po",
]

KEPT_STEM_OF_INFLECTED = {
    "ઘટના": ["ઘટનાઓ", "ઘટનાની", "ઘટનાઓમાં"],
    "યોજના": ["યોજનાઓ", "યોજનાનો", "યોજનાઓના"],
    "પત્ની": ["પત્નીઓ", "પત્નીના", "પત્નીએ"],
    "કંપની": ["કંપનીએ", "કંપનીઓ", "કંપનીના", "કંપનીઓમાં"],
    "જર્મની": ["જર્મનીમાં", "જર્મનીના"],
    "વીડિયો": ["વીડિયોમાં", "વીડિયોના"],
    "પાકિસ્તાની": ["પાકિસ્તાનીઓ", "પાકિસ્તાનીઓને"],
    "નૌસેના": ["નૌસેનાએ", "નૌસેનાના", "નૌસેનાની"],
    "પાકિસ્તાન": ["પાકિસ્તાનના", "પાકિસ્તાનમાં", "પાકિસ્તાને"],
}

ENGLISH_MEET = {
    "elect": ["election", "elections", "elected", "electing", "elect"],
    "dai": ["day", "days"],
    "plai": ["play", "plays", "played", "playing"],
    "cri": ["cry", "cries", "cried"],
    "investig": ["investigation", "investigations", "investigate", "investigated"],
    "flood": ["flood", "floods", "flooded", "flooding"],
}


def all_words():
    return (
        [w for forms in MEET.values() for w in forms]
        + KEPT_WHOLE
        + [w for forms in KEPT_STEM_OF_INFLECTED.values() for w in forms]
        + [w for forms in ENGLISH_MEET.values() for w in forms]
    )


def test_these_words_are_not_in_the_samples():
    words = all_words()
    in_samples = [w for w in words if fold_case(w) in fold_case(SAMPLES).split() and w not in ("સ્થાપના", "પત્ની")]
    assert not in_samples


@pytest.mark.parametrize("expected", sorted(MEET))
def test_inflected_forms_meet(expected):
    assert {form: stem(form) for form in MEET[expected]} == {form: expected for form in MEET[expected]}


@pytest.mark.parametrize("word", KEPT_WHOLE)
def test_words_whose_ending_only_looks_like_a_suffix_are_kept(word):
    assert stem(word) == word


@pytest.mark.parametrize("expected", sorted(KEPT_STEM_OF_INFLECTED))
def test_inflected_forms_of_kept_words_reduce_to_the_whole_word(expected):
    forms = KEPT_STEM_OF_INFLECTED[expected]
    assert {form: stem(form) for form in forms} == {form: expected for form in forms}


@pytest.mark.parametrize("expected", sorted(ENGLISH_MEET))
def test_english_forms_meet(expected):
    forms = ENGLISH_MEET[expected]
    assert {form: stem(form) for form in forms} == {form: expected for form in forms}


def test_analyze_a_sentence():
    text = "“ભારતના ખેડૂતોએ ૨૦૨૪માં રેકોર્ડ ઉત્પાદન કર્યું,” એમ સરકારે જણાવ્યું. Farmers' groups welcomed it."
    assert analyze(text) == [
        "ભારત", "ખેડૂત", "2024", "રેકોર્ડ", "ઉત્પાદન", "સરકાર", "જણાવ્યું",
        "farmer", "group", "welcom", "it",
    ]


OVERRIDES = RULES["stemmer"]["gujarati"]["overrides"]
GUJARATI_WORDS = st.text(alphabet=st.characters(min_codepoint=0x0A81, max_codepoint=0x0AEF), min_size=1, max_size=12)


@given(GUJARATI_WORDS)
@settings(max_examples=2000, deadline=None)
def test_a_stem_is_a_prefix_of_its_word(word):
    """Only endings are removed, so a prefix query for a stem finds the word
    (overrides aside, which map -ો to -ા)."""
    result = stem(word)
    assert result and (word.startswith(result) or word in OVERRIDES)
