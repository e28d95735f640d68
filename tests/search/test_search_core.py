"""search.js without a page: queries, ranking rules, fuzzy retry, snippets (under node).

The index is built by lunr.py exactly as the site build does, written as the
site's data file, and loaded by lunr.js with sangrah's pipeline; the queries
go through search.js's own query code, the one the browser runs.
"""

from __future__ import annotations

import pytest

from sangrah_lang import normalize_text
from sangrah_search.build import build_search_data
from sangrah_search.documents import SearchDocument, entity_names, load_entities
from sangrah_search.output import data_files
from sitebuild import ROOT
from tests.search.node_harness import NodeDriver

KB = load_entities(ROOT / "content" / "entities")
VISIT, _ = entity_names(["vladimir-putin", "russia", "north-korea", "kim-jong-un"], KB)
GIFT, _ = entity_names(["vladimir-putin", "kim-jong-un", "john-kirby"], KB)

DOCS = [
    SearchDocument(url="a/", title="રશિયાના રાષ્ટ્રપતિ પ્યોંગયાંગમાં",
                   body="રશિયાના રાષ્ટ્રપતિ વ્લાદિમીર પુતિન આજે ઉત્તર કોરિયા પહોંચ્યા. કિમ જોંગ ઉને સ્વાગત કર્યું.",
                   entity_names=VISIT),
    SearchDocument(url="b/", title="કિમને ભેટમાં કાર",
                   body="પુતિને કિમને લક્ઝરી કાર આપી. પ્રવક્તા જ્હોન કિર્બીએ ચિંતા વ્યક્ત કરી.",
                   entity_names=GIFT),
    SearchDocument(url="c/", title="ભાવનગરમાં વરસાદ", body="ભાવનગરમાં ભારે વરસાદ પડ્યો. રશિયા વિશે કંઈ નથી.",
                   tags=("હવામાન",)),
    SearchDocument(url="d/", title="🎉🎉 ઉજવણી", body="🎉🎉 શહેરમાં ઉજવણી: 😀 રશિયાએ નહીં, લોકોએ ઉજવણી કરી."),
]


@pytest.fixture(scope="module")
def core(tmp_path_factory):
    data = build_search_data(DOCS)
    folder = tmp_path_factory.mktemp("core")
    for relative, content in data_files(data).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    driver = NodeDriver("search_driver.js")
    loaded = driver.call("loadSplit", dir=str(folder / "search"))
    assert loaded["kind"] == "manifest" and loaded["version"] == data.version
    yield driver
    driver.close()


def urls(core, query) -> list[str]:
    return [DOCS[int(ref)].url for ref in core.call("search", q=query)["refs"]]


def found(core, query) -> set[str]:
    return set(urls(core, query))


def test_inflected_queries_meet_their_stem(core):
    assert found(core, "રશિયા") == found(core, "રશિયાએ") == found(core, "રશિયાને") == {"a/", "c/", "d/"}
    assert found(core, "પુતિને") == {"a/", "b/"}


def test_every_word_must_match(core):
    assert found(core, "રશિયા કિમ") == {"a/"}
    assert found(core, "કિમ કાર") == {"b/"}
    assert found(core, "ભાવનગર કિમ") == set()


def test_stop_words_are_not_required(core):
    assert found(core, "રશિયા અને ") == found(core, "રશિયા")
    assert found(core, "the putin ") == {"a/", "b/"}


def test_a_word_being_typed_matches_the_words_it_begins(core):
    assert found(core, "ભાવન") == {"c/"}
    assert found(core, "કિર્") == {"b/"}
    assert found(core, "kir") == {"b/"}  # through the entities field (Kirby)
    assert found(core, "vladi") == {"a/", "b/"}
    one_letter = core.call("search", q="ભ")
    assert one_letter["refs"] == [] and one_letter["tooShort"]


def test_latin_names_find_gujarati_articles_through_entities(core):
    assert found(core, "putin") == {"a/", "b/"}
    assert found(core, "north korea") == {"a/"}
    assert found(core, "kirby") == {"b/"}


def test_exact_word_ranks_above_words_it_begins_and_title_above_body(core):
    assert urls(core, "ભાવનગર")[0] == "c/"
    ranked = urls(core, "રશિયા")
    assert ranked[0] == "a/", "title match first"


def test_fuzzy_retry_only_when_nothing_matches(core):
    typo = core.call("search", q="પુતીન")  # long ī for short i: one edit from પુતિન
    assert typo["fuzzy"] and {DOCS[int(r)].url for r in typo["refs"]} == {"a/", "b/"}
    exact = core.call("search", q="પુતિન")
    assert not exact["fuzzy"]
    assert found(core, "kirbey") == {"b/"} and core.call("search", q="kirbey")["fuzzy"]
    noise = core.call("search", q="gam no choro")
    assert noise["refs"] == [] and not noise["fuzzy"] and not noise["tooShort"]


def test_must_not_and_fields(core):
    assert found(core, "રશિયા -ભાવનગર") == {"a/", "d/"}
    assert found(core, "title:ભાવનગર") == {"c/"}
    assert found(core, "tags:હવામાન") == {"c/"}
    assert found(core, "title:પુતિન") == set()
    # Query syntax lunr would reject is only text here: no exception.
    for odd in (":", "a:b:c", "title:", "+", "-", "~1", "^2", "*", "રશિ*", "\"", "\\"):
        core.call("search", q=odd)


def test_parse_keeps_lunr_syntax_and_splits_like_the_tokenizer(core):
    terms = core.call("parse", q="+રશિયાએ -કિમ title:ભારત-પાકિસ્તાન અને")
    assert [(t["text"], t["presence"], t["field"]) for t in terms] == [
        ("રશિયાએ", "must", None), ("કિમ", "not", None), ("ભારત", "should", "title"),
        ("પાકિસ્તાન", "should", "title"), ("અને", "should", None)]
    assert terms[0]["stem"] == "રશિયા"
    assert terms[-1]["stop"] and not terms[-1]["required"] and terms[-1]["prefix"], "typing: may be a prefix"
    done = core.call("parse", q="અને રશિયા ")
    assert not done[0]["prefix"], "a finished stop word is no prefix"


def utf16_slice(text: str, start: int, length: int) -> str:
    units = text.encode("utf-16-le")
    return units[2 * start:2 * (start + length)].decode("utf-16-le")


def test_title_positions_become_utf16_spans_after_emoji(core):
    # lunr.py counts code points; two emoji before the word are four UTF-16 units.
    title = normalize_text(DOCS[3].title)
    spans = core.call("spans", q="ઉજવણી", ref="3", field="title", text=title, how="positions")
    assert [(utf16_slice(title, s, n), term) for s, n, term in spans] == [("ઉજવણી", "ઉજવણી")]
    assert spans[0][0] == 5


def test_body_matches_are_found_by_the_pipeline_over_the_text(core):
    body = normalize_text(DOCS[3].body)
    spans = core.call("spans", q="રશિયા ઉજવણી", ref="3", field="body", text=body, how="terms")
    assert [utf16_slice(body, s, n) for s, n, _ in spans] == ["ઉજવણી", "રશિયાએ", "ઉજવણી"]
    assert {term for _, _, term in spans} == {"ઉજવણી", "રશિયા"}
    # The index keeps no body positions.
    assert core.call("spans", q="રશિયા", ref="3", field="body", text=body, how="positions") == []
    # Prefix matches are marked as whole words.
    spans = core.call("spans", q="ઉજવ", ref="3", field="body", text=body, how="terms")
    assert [utf16_slice(body, s, n) for s, n, _ in spans] == ["ઉજવણી", "ઉજવણી"]


def test_snippet_marks_matches_cuts_at_spaces_and_says_where_it_was_cut(core):
    words = [f"શબ્દ{n}" for n in range(120)]
    text = " ".join(words)
    target = text.index("શબ્દ60")
    cut = core.call("snippet", text=text, spans=[[target, len("શબ્દ60"), "t"]], width=120)
    joined = "".join(s["text"] for s in cut["segments"])
    marked = [s["text"] for s in cut["segments"] if s["mark"]]
    assert marked == ["શબ્દ60"] and cut["before"] and cut["after"]
    assert joined in text and len(joined) <= 120
    assert text[text.index(joined) - 1] == " ", "starts at a word"
    assert joined.split(" ")[-1] in words, "ends at a word"
    start = core.call("snippet", text=text, spans=[[0, 5, "t"]], width=120)
    assert not start["before"] and start["segments"][0] == {"text": "શબ્દ0", "mark": True}


def test_snippet_prefers_the_stretch_with_the_most_different_words(core):
    text = ("ક " * 200) + "રશિયા ક ક ક રશિયા " + ("ક " * 200) + "રશિયા ક પુતિન " + ("ક " * 200)
    first = text.index("રશિયા")
    pair = text.index("રશિયા ક પુતિન")
    spans = [[first, 5, "r"], [first + 14, 5, "r"], [pair, 5, "r"], [pair + 8, 5, "p"]]
    cut = core.call("snippet", text=text, spans=spans, width=100)
    assert [s["text"] for s in cut["segments"] if s["mark"]] == ["રશિયા", "પુતિન"]


@pytest.mark.parametrize("a,b,expected", [
    ("kirby", "kirby", True), ("kirby", "kirbey", True), ("kirby", "kirb", True), ("kirby", "kriby", True),
    ("kirby", "kirbyyy", False), ("kirby", "karbi", False), ("પુતિન", "પુતીન", True), ("", "a", True),
])
def test_within_one_edit(core, a, b, expected):
    assert core.call("edit1", a=a, b=b) is expected
    assert core.call("edit1", a=b, b=a) is expected


def test_an_archive_without_articles_has_an_index_that_loads_and_finds_nothing(tmp_path):
    data = build_search_data([])
    for relative, content in data_files(data).items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    driver = NodeDriver("search_driver.js")
    try:
        assert driver.call("loadSplit", dir=str(tmp_path / "search"))["fields"] == [
            "title", "entities", "tags", "body"]
        assert driver.call("search", q="રશિયા")["refs"] == []
        assert driver.call("search", q="રશિયાયા")["refs"] == []  # the fuzzy retry, on no parts at all
    finally:
        driver.close()
