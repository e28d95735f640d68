"""The Python and browser language pipelines give identical output.

The index is built in Python and searched in the browser: a word that the two
sides cut differently is a word search cannot find. Every stage is compared
(normalize, tokenize with positions, trim, stop words, stem) on the sample
dumps and the hand-written parity corpus, word by word and line by line, and
on random text.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lunr.pipeline import Pipeline

from sangrah_lang import analyze, is_stop_word, normalize_text, stem, token_spans, trim
from sangrah_search import pipeline as search_pipeline

ROOT = Path(__file__).resolve().parents[2]
DUMPS = sorted((ROOT / "content" / "dumps").glob("*.txt"))
CORPUS = sorted((ROOT / "tests" / "fixtures" / "parity_corpus").glob("*.txt"))


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def python_stages(text: str) -> dict:
    normalized = normalize_text(text)
    spans = token_spans(text)
    tokens = [token for token, _, _ in spans]
    trimmed = [trim(token) for token in tokens]
    kept = [token for token in trimmed if token and not is_stop_word(token)]
    return {
        "normalize": normalized,
        "tokenize": tokens,
        # Compared in UTF-16 units, the browser's; the conversion of
        # lunr.py's code point positions is tested on its own below.
        "positions": [
            [utf16_length(normalized[:start]), utf16_length(normalized[start : start + length])]
            for _, start, length in spans
        ],
        "trim": trimmed,
        "stop": [is_stop_word(token) for token in trimmed if token],
        "stem": [stem(token) for token in kept],
        "analyze": analyze(text),
    }


def differences(texts: list[str], js) -> list[str]:
    report = []
    for text, theirs in zip(texts, js.call("stages", texts=texts)):
        ours = python_stages(text)
        for stage, value in ours.items():
            if value != theirs[stage]:
                report.append(f"{stage} of {text!r}:\n  python {value!r}\n  js     {theirs[stage]!r}")
    return report


def corpus_texts() -> dict[str, list[str]]:
    files = DUMPS + CORPUS
    contents = [path.read_text(encoding="utf-8") for path in files]
    words = sorted({word for content in contents for word in content.split()})
    lines = [line for content in contents for line in content.splitlines() if line.strip()]
    return {"files": contents, "lines": lines, "words": words}


def test_the_parity_corpus_has_at_least_2000_words():
    words = sum(len(path.read_text(encoding="utf-8").split()) for path in CORPUS)
    assert words >= 2000


def test_every_word_line_and_file_of_the_samples_and_corpus(js):
    texts = corpus_texts()
    batch = texts["words"] + texts["lines"] + texts["files"]
    report = differences(batch, js)
    assert not report, f"{len(report)} differences, first ones:\n" + "\n".join(report[:10])
    # Enough distinct material for the comparison to mean something.
    assert len(texts["words"]) > 2000
    distinct_tokens = {token for text in texts["files"] for token, _, _ in token_spans(text)}
    assert len(distinct_tokens) > 1800


def test_code_point_positions_convert_to_the_browsers(js):
    """lunr.py's positions, converted by sangrah-lang.js, land on the token."""
    items, expected = [], []
    for text in corpus_texts()["files"]:
        normalized = normalize_text(text)
        for _, start, length in token_spans(text):
            items.append([normalized, start, length])
            expected.append(normalized[start : start + length])
    converted = js.call("to_utf16", items=items)
    for (normalized, _, _), (start, length), token in zip(items, converted, expected):
        as_utf16 = normalized.encode("utf-16-le")[2 * start : 2 * (start + length)]
        assert as_utf16.decode("utf-16-le") == token


def test_query_terms_go_through_the_search_pipeline_alike(js):
    """A word typed as a query meets its indexed form on both sides."""
    words = corpus_texts()["words"]
    terms = [word.lower() for word in words]
    python_search = Pipeline.load([search_pipeline.NORMALIZER, search_pipeline.TRIMMER, search_pipeline.STEMMER])
    ours = [python_search.run_string(term) for term in terms]
    assert ours == js.call("query_terms", terms=terms)
    # And the query form of each single-token word is its index form.
    for word, result in zip(words, ours):
        spans = token_spans(word)
        if len(spans) == 1 and trim(spans[0][0]):
            assert result == [stem(trim(spans[0][0]))], word


QUERY_SYNTAX = str.maketrans({ch: " " for ch in ":~^+-*\\"})


def test_lunr_js_query_lexer_splits_like_the_tokenizer(js):
    """lunr.js splits a query with the tokenizer's separators (set by sangrah-lang.js)."""
    queries = [normalize_text(line.translate(QUERY_SYNTAX)) for line in corpus_texts()["lines"]]
    lexed = js.call("lex", queries=queries)
    for query, terms in zip(queries, lexed):
        assert terms == [token for token, _, _ in token_spans(query)], query


# --- random text ---------------------------------------------------------

def assigned(code_points) -> list[str]:
    # Only characters Python 3.11 knows (Unicode 14.0): str.lower and NFC of
    # letters added later may differ between Python and a newer browser.
    return [chr(cp) for cp in code_points if unicodedata.category(chr(cp)) not in ("Cn", "Cs")]


GUJARATI = assigned(range(0x0A80, 0x0B00))
EXTRA = assigned(
    list(range(0x20, 0x7F))
    + [0x0964, 0x0965, 0x0966, 0x096F, 0x0915, 0x093F, 0x094D]  # Devanagari dandas, digits, letters
    + [0x00A0, 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x0009, 0x000A, 0x3000, 0x2009]
    + [0x201C, 0x201D, 0x2018, 0x2019, 0x00AB, 0x00BB, 0x2010, 0x2013, 0x2014, 0x2026, 0x20B9]
    + [0x0301, 0x0308, 0x00E9, 0x00DF, 0x0130, 0x03A3, 0x03C3, 0x0391, 0x0410]  # accents, ß, İ, Greek
    + [0xFE0F, 0x20E3, 0x034F, 0x2764, 0xFB01, 0xFF21, 0xFF41, 0xFEFB, 0xE000, 0xFFFD]
)
ASTRAL = st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF, exclude_categories=("Cs", "Cn"))
GUJARATI_HEAVY = st.text(
    alphabet=st.one_of(
        st.sampled_from(GUJARATI), st.sampled_from(GUJARATI), st.sampled_from(GUJARATI),
        st.sampled_from(EXTRA), ASTRAL,
    ),
    max_size=40,
)
ANY_ASSIGNED = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cn")), max_size=30)
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=GUJARATI_HEAVY)
def test_random_gujarati_heavy_text(js, text):
    assert differences([text], js) == []


@SETTINGS
@given(text=ANY_ASSIGNED)
def test_random_unicode_text(js, text):
    assert differences([text], js) == []


@SETTINGS
@given(text=GUJARATI_HEAVY)
def test_random_query_terms(js, text):
    terms = [token for token, _, _ in token_spans(text)] + [text.lower()]
    python_search = Pipeline.load([search_pipeline.NORMALIZER, search_pipeline.TRIMMER, search_pipeline.STEMMER])
    assert [python_search.run_string(term) for term in terms] == js.call("query_terms", terms=terms)


@given(text=st.one_of(GUJARATI_HEAVY, ANY_ASSIGNED))
@settings(max_examples=300, deadline=None)
def test_normalizing_twice_changes_nothing(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert [token for token, _, _ in token_spans(once)] == [token for token, _, _ in token_spans(text)]


@given(text=st.one_of(GUJARATI_HEAVY, ANY_ASSIGNED))
@settings(max_examples=500, deadline=None)
def test_a_token_typed_as_a_query_term_meets_its_index_term(text):
    """The search pipeline (normalize, trim, stem) turns a token into the
    term the index pipeline made of it, stop words aside."""
    python_search = Pipeline.load([search_pipeline.NORMALIZER, search_pipeline.TRIMMER, search_pipeline.STEMMER])
    for token, _, _ in token_spans(text):
        trimmed = trim(token)
        expected = [stem(trimmed)] if trimmed else []
        assert python_search.run_string(token) == expected, token


@SETTINGS
@given(text=st.one_of(GUJARATI_HEAVY, ANY_ASSIGNED))
def test_random_queries_are_lexed_like_the_tokenizer_splits(js, text):
    query = normalize_text(text.translate(QUERY_SYNTAX))
    assert js.call("lex", queries=[query]) == [[token for token, _, _ in token_spans(query)]]
