"""The rules in language.json: their sources, their consistency, and that
both engines read the character classes the same way."""

from __future__ import annotations

import itertools
import json
import re
import string
import unicodedata
from pathlib import Path

import pytest
import regex
import stopwordsiso
from hypothesis import given, settings
from hypothesis import strategies as st
from lunr.stemmer import porter_stemmer
from lunr.stop_word_filter import WORDS as LUNR_PY_STOP_WORDS

from sangrah_lang import (
    RULES,
    fold_case,
    is_token_char,
    is_word_char,
    normalize_text,
    stem,
    tokenize,
    trim,
)
from sangrah_lang.browser import GLOBAL_NAME, rules_script

ROOT = Path(__file__).resolve().parents[2]
LUNR_JS = ROOT / "node_modules" / "lunr" / "lunr.js"


# --- character classes ---------------------------------------------------

def python_classes() -> dict[str, str]:
    by_property = regex.compile(r"[[\p{L}\p{Mn}\p{Mc}\p{Nd}]--\p{Default_Ignorable_Code_Point}]", regex.V1)
    word, token, prop, separator = [], [], [], []
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            for column in (word, token, prop, separator):
                column.append("-")
            continue
        ch = chr(cp)
        word.append("1" if is_word_char(ch) else "0")
        token.append("1" if is_token_char(ch) else "0")
        prop.append("1" if by_property.match(ch) else "0")
        if cp <= 0xFFFF:
            separator.append("0" if is_token_char(ch) else "1")
    return {"word": "".join(word), "token": "".join(token), "property": "".join(prop), "separator": "".join(separator)}


@pytest.fixture(scope="module")
def classes(js):
    """Per code point classes from both sides (slow: computed once)."""
    return python_classes(), js.call("classify")


def first_difference(a: str, b: str) -> str:
    index = next(i for i, (x, y) in enumerate(zip(a, b)) if x != y)
    return f"U+{index:04X}"


def test_word_and_token_characters_are_the_same_in_python_and_javascript(classes):
    ours, theirs = classes
    for column in ("word", "token", "separator"):
        assert ours[column] == theirs[column], f"{column} differs first at {first_difference(ours[column], theirs[column])}"


def test_word_char_ranges_are_letters_marks_and_digits_of_both_engines(classes):
    """The ranges are \\p{L}\\p{Mn}\\p{Mc}\\p{Nd} minus default ignorables as
    the regex module has them, and node's RegExp agrees on every character
    its (older) Unicode tables assign. Regenerate the ranges with
    plugins/sangrah_lang/tools/generate_language_data.py after a regex
    upgrade; this test says when."""
    ours, theirs = classes
    assert ours["word"] == ours["property"], first_difference(ours["word"], ours["property"])
    known_to_node = [i for i, flag in enumerate(theirs["assigned"]) if flag == "1"]
    disagreements = [i for i in known_to_node if theirs["word"][i] != theirs["property"][i]]
    assert not disagreements, [f"U+{i:04X}" for i in disagreements[:20]]


def test_gujarati_vowel_signs_virama_and_nukta_are_word_characters():
    for cp in list(range(0x0ABC, 0x0AC6)) + [0x0AC7, 0x0AC8, 0x0AC9, 0x0ACB, 0x0ACC, 0x0ACD, 0x0A81, 0x0A82, 0x0A83]:
        assert is_word_char(chr(cp)), f"U+{cp:04X}"
    assert trim("“રશિયાના”") == "રશિયાના"
    assert trim("કોરિયાની…") == "કોરિયાની"


def test_the_policys_separator_examples_separate_on_both_sides(js):
    examples = RULES["tokenizer"]["separator_examples"]["chars"]
    texts = ["ab" + ch + "cd" for ch in examples]
    for ch, result in zip(examples, js.call("stages", texts=texts)):
        assert tokenize("ab" + ch + "cd") == ["ab", "cd"], repr(ch)
        assert result["tokenize"] == ["ab", "cd"], repr(ch)


def test_astral_characters_and_the_wildcard_stay_inside_tokens():
    assert tokenize("love😍you રશિ* 𝐍𝐞𝐰𝐬") == ["love😍you", "રશિ*", "𝐍𝐞𝐰𝐬"]
    assert trim("🎉રશિયા🇮🇳") == "રશિયા"
    assert trim("😀") == ""


def test_positions_count_code_points_of_the_normalized_text():
    from sangrah_lang import token_spans

    text = "🎉 રશિયાના\u200b પ્રમુખ"
    normalized = normalize_text(text)
    for token, start, length in token_spans(text):
        assert fold_case(normalized[start : start + length]) == token


# --- stop words ----------------------------------------------------------

STOP = RULES["stop_words"]


def lunr_js_stop_words() -> list[str]:
    source = LUNR_JS.read_text(encoding="utf-8")
    listing = re.search(r"lunr\.stopWordFilter = lunr\.generateStopWordFilter\(\[(.*?)\]\)", source, re.S)
    return re.findall(r"'([^']*)'", listing.group(1))


def test_english_stop_words_are_lunrs_list_less_the_reviewed_ones(js):
    words, dropped = STOP["english"]["words"], STOP["english"]["dropped"]
    assert set(words).isdisjoint(dropped)
    assert sorted(set(words) | set(dropped)) == sorted(LUNR_PY_STOP_WORDS)
    assert sorted(lunr_js_stop_words()) == sorted(LUNR_PY_STOP_WORDS)
    assert all(js.call("is_lunr_stop_word", words=sorted(LUNR_PY_STOP_WORDS)))


def test_gujarati_stop_words_cover_stopwordsiso_except_the_reviewed_ones():
    words, dropped = set(STOP["gujarati"]["words"]), STOP["gujarati"]["dropped"]
    assert words.isdisjoint(dropped)
    for raw in stopwordsiso.stopwords("gu"):
        term = trim(tokenize(raw)[0])
        assert term in words or term in dropped, raw
    # spaCy is not installed at run time; its entries are in the list (see
    # tools/generate_language_data.py), e.g. these, which stopwordsiso lacks:
    assert {"દ્વારા", "ત્યારબાદ", "તથા"} <= words
    assert "દર" in dropped


def test_stop_words_are_in_their_indexed_form():
    for word in STOP["gujarati"]["words"] + STOP["english"]["words"] + STOP["english_fragments"]["words"]:
        assert tokenize(word) == [word] and trim(word) == word, word


# --- stemmer data --------------------------------------------------------

GU = RULES["stemmer"]["gujarati"]


def test_suffix_lists_are_the_case_endings_with_and_without_plural_markers():
    case_endings = [
        s for s in RULES["case_endings"]["suffixes"] if not s.startswith("પર") and s != "ે"
    ]
    assert sorted(GU["suffixes_after_anything"]) == sorted(
        case_endings + ["ઓ" + s for s in case_endings] + ["ઓ"]
    )
    assert sorted(GU["suffixes_after_consonant"]) == sorted(["ો" + s for s in case_endings] + ["ો", "ે"])


def all_rule_words() -> list[str]:
    words = GU["suffixes_after_anything"] + GU["suffixes_after_consonant"]
    words += [w for group in GU["known_stems"]["groups"] for w in group["words"]]
    words += list(GU["overrides"]) + list(GU["overrides"].values())
    words += STOP["gujarati"]["words"] + list(STOP["gujarati"]["dropped"])
    return words


def test_rule_words_are_already_normalized():
    for word in all_rule_words():
        assert unicodedata.normalize("NFC", word) == word == normalize_text(word) == fold_case(word), word


def test_known_stems_and_override_targets_stem_to_themselves():
    for group in GU["known_stems"]["groups"]:
        for word in group["words"]:
            assert stem(word) == word, word
    for word, target in GU["overrides"].items():
        assert stem(word) == target and stem(target) == target, word


# --- English: evening out lunr.py's and lunr.js's Porter -----------------

def english_words() -> list[str]:
    letters = string.ascii_lowercase
    words = ["".join(p) for n in (1, 2, 3) for p in itertools.product(letters, repeat=n)]
    words += ["".join(p) for n in (4, 5) for p in itertools.product("adeilnsy", repeat=n)]
    vocab = json.loads((ROOT / "node_modules" / "lunr" / "test" / "fixtures" / "stemming_vocab.json").read_text())
    return words + sorted(vocab)


def test_lunr_py_and_lunr_js_porter_differ_without_sangrahs_rules(js):
    # Why RULES["stemmer"]["english"] exists: the raw libraries disagree.
    words = ["day", "try", "played", "eed", "ies", "sses", "byyed"]
    assert [porter_stemmer.stem(w) for w in words] != js.call("porter", words=words)


ENGLISH_STOP = frozenset(STOP["english"]["words"] + STOP["english_fragments"]["words"])


def test_english_stems_agree_on_both_sides(js):
    words = english_words()
    theirs = [result["stem"] for result in js.call("stages", texts=words)]
    ours = [[] if w in ENGLISH_STOP else [stem(w)] for w in words]
    mismatches = [(w, a, b) for w, a, b in zip(words, ours, theirs) if a != b]
    assert not mismatches, mismatches[:20]


@given(st.lists(st.text(alphabet="aeiouybcdglmnrstz", min_size=3, max_size=12), min_size=1, max_size=50))
@settings(max_examples=100, deadline=None)
def test_random_english_words_stem_alike(js, words):
    words = [w + suffix for w in words for suffix in ("", "s", "ed", "ing", "y", "ies", "ly", "ness")]
    theirs = [result["stem"] for result in js.call("stages", texts=words)]
    ours = [[] if w in ENGLISH_STOP else [stem(w)] for w in words]
    assert ours == theirs


# --- the browser copy of the rules ---------------------------------------

def test_rules_script_defines_the_global_with_the_rules():
    script = rules_script()
    assert script.isascii()
    prefix = f"var {GLOBAL_NAME} = "
    body = script[script.index(prefix) + len(prefix) :].rstrip().rstrip(";")
    assert json.loads(body) == RULES
