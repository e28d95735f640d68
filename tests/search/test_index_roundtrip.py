"""An index built by lunr.py with sangrah's pipeline answers the same in lunr.js.

Built here, serialized, loaded by lunr.js under node after sangrah-lang.js has
registered its functions: every query must return the same documents in the
same order with the same scores as lunr.py. Queries are written so that
lunr.py's own query lexer (which splits only on spaces and hyphens; Python
never parses user queries in production) reads them as lunr.js does.
"""

from __future__ import annotations

import json

import pytest

from sangrah_lang import normalize_text
from sangrah_search.pipeline import (
    NORMALIZER,
    STEMMER,
    STOP_WORDS,
    TRIMMER,
    load_index,
    make_builder,
    serialize_index,
)

DOCUMENTS = [
    {
        "id": "ru-visit",
        "title": "રશિયાના રાષ્ટ્રપતિની પ્યોંગયાંગ મુલાકાત",
        # Only the genitive રશિયાના: a query રશિયાએ must still find it.
        "body": "રશિયાના રાષ્ટ્રપતિ આજે વહેલી સવારે પ્યોંગયાંગ પહોંચ્યા. બંને દેશો વચ્ચેના સંરક્ષણ સંબંધોને વેગ મળશે.",
    },
    {
        "id": "kim-gift",
        "title": "કિમને ભેટમાં લક્ઝરી કાર",
        "body": "આ પ્રસંગે પુતિને કિમને રશિયન બનાવટની લક્ઝુરિયસ કાર ભેટમાં આપી. ઉત્તર કોરિયાના નેતા કિમ જોંગ ઉન કારના શોખીન છે.",
    },
    {
        "id": "en-sanctions",
        "title": "Sanctions tighten as Putin meets Kim",
        "body": "Western governments announced new sanctions on Tuesday. The meeting in Pyongyang lasted two hours; "
        "officials said the sanctioned companies supplied missiles.",
    },
    {
        "id": "rain-2024",
        "title": "સૌરાષ્ટ્રમાં ભારે વરસાદ",
        "body": "૨૦૨૪માં જૂનાગઢમાં ૨૮૫ મિમી વરસાદ નોંધાયો. પ્રતિબંધો નહીં, પણ પૂરની ઘટના બની; નદીઓ ગાંડીતૂર.",
    },
    {
        "id": "emoji",
        "title": "🎉🎉 ઉજવણી",
        # love😍you and loveﬁnal sort one way by code point (ﬁ is U+FB01,
        # below U+1F60D) and the other by UTF-16 unit (U+D83D < U+FB01).
        "body": "🎉🎉 રશિયાએ ઉજવણી કરી, love😍you અને loveﬁnal લખેલાં બેનરો સાથે; રશિયા\u200bના લોકો ખુશ.",
    },
]

QUERIES = [
    "રશિયાએ",  # inflected query, meets રશિયાના
    "રશિયા",
    "sanctions",
    "meeting",
    "રશિ*",  # prefix: bypasses the pipeline, matches stems
    "રસિયા~1",  # fuzzy: one edit from રશિયા
    "putn~1",
    "title:રશિયાના",
    "+રશિયાએ -કિમ",
    "રશિયા^3 કિમ",
    "૨૦૨૪",  # Gujarati digits, made ASCII by sangrah-normalizer
    "પ્રતિબંધો",
    "ઘટના",
    "પુતિને",
    "love😍you",
    "loveﬁnal",
    "ઉત્તર કોરિયા",
    "અને",  # a stop word: not in the index
    "xyzzy",
]


@pytest.fixture(scope="module")
def index():
    builder = make_builder()
    builder.ref("id")
    builder.field("title", boost=2)
    builder.field("body")
    builder.metadata_whitelist = ["position"]
    for document in DOCUMENTS:
        builder.add(document)
    return builder.build()


@pytest.fixture(scope="module")
def serialized(index):
    # Through JSON text, as the site will ship it.
    return json.loads(json.dumps(serialize_index(index), ensure_ascii=False))


@pytest.fixture(scope="module")
def js_results(js, serialized):
    return dict(zip(QUERIES, js.call("search", index=serialized, queries=QUERIES)))


def python_results(index, query):
    return [
        {"ref": r["ref"], "score": r["score"], "metadata": r["match_data"].metadata}
        for r in index.search(query)
    ]


@pytest.mark.parametrize("query", QUERIES)
def test_lunr_js_returns_the_same_refs_and_scores(index, js_results, query):
    ours, theirs = python_results(index, query), js_results[query]
    assert [r["ref"] for r in ours] == [r["ref"] for r in theirs]
    # Exactly equal: both libraries do the same double arithmetic in the
    # same order on the same stored vectors.
    assert [r["score"] for r in ours] == [r["score"] for r in theirs]


@pytest.mark.parametrize("query", QUERIES)
def test_the_same_terms_match(index, js_results, query):
    ours, theirs = python_results(index, query), js_results[query]
    assert [sorted(r["metadata"]) for r in ours] == [sorted(r["metadata"]) for r in theirs]


def refs(js_results, query):
    return [r["ref"] for r in js_results[query]]


def test_what_the_queries_find(js_results):
    assert "ru-visit" in refs(js_results, "રશિયાએ")
    assert set(refs(js_results, "રશિયાએ")) == set(refs(js_results, "રશિયા")) == {"ru-visit", "emoji"}
    assert refs(js_results, "sanctions") == ["en-sanctions"]
    assert refs(js_results, "meeting") == ["en-sanctions"]
    assert set(refs(js_results, "રશિ*")) == {"ru-visit", "kim-gift", "emoji"}  # રશિયા, રશિયન
    assert set(refs(js_results, "રસિયા~1")) >= {"ru-visit", "emoji"}
    assert refs(js_results, "putn~1") == ["en-sanctions"]
    assert refs(js_results, "title:રશિયાના") == ["ru-visit"]
    assert set(refs(js_results, "+રશિયાએ -કિમ")) == {"ru-visit", "emoji"}
    assert refs(js_results, "૨૦૨૪") == ["rain-2024"]
    assert refs(js_results, "પ્રતિબંધો") == ["rain-2024"]
    assert refs(js_results, "ઘટના") == ["rain-2024"]
    assert refs(js_results, "પુતિને") == ["kim-gift"]
    assert refs(js_results, "love😍you") == ["emoji"]
    assert refs(js_results, "loveﬁnal") == ["emoji"]
    assert refs(js_results, "અને") == []
    assert refs(js_results, "xyzzy") == []


def test_serialized_pipeline_names_sangrahs_functions(serialized):
    assert serialized["pipeline"] == [NORMALIZER, TRIMMER, STEMMER]
    assert STOP_WORDS not in serialized["pipeline"]  # index-time only


def test_terms_are_in_utf16_order_for_lunr_js(index, serialized, js):
    terms = [term for term, _ in serialized["invertedIndex"]]
    assert terms.index("love😍you") < terms.index("loveﬁnal")
    # lunr.py's own order is refused by lunr.js: the reason for serialize_index.
    assert js.call("load_error", index=index.serialize()) == "Out of order word insertion"
    assert js.call("load_error", index=serialized) is None


def test_lunr_js_refuses_an_index_whose_functions_are_not_registered(js, serialized):
    error = js.call("load_error", index=serialized, unregister=[STEMMER])
    assert error == f"Cannot load unregistered function: {STEMMER}"


def test_python_loads_the_serialized_index_back(index, serialized):
    reloaded = load_index(serialized)
    for query in QUERIES:
        assert python_results(reloaded, query) == python_results(index, query)


def test_match_positions_convert_to_utf16_offsets_of_the_body(index, js, js_results):
    """Positions are code points of the normalized field (lunr.py); the
    browser converts them before highlighting."""
    body = normalize_text(next(d for d in DOCUMENTS if d["id"] == "emoji")["body"])
    hits = [r for r in js_results["રશિયાએ"] if r["ref"] == "emoji"][0]["metadata"]
    positions = [tuple(p) for term in hits.values() for p in term.get("body", {}).get("position", [])]
    assert positions, hits
    converted = js.call("to_utf16", items=[[body, start, length] for start, length in positions])
    units = body.encode("utf-16-le")
    found = sorted(units[2 * s : 2 * (s + n)].decode("utf-16-le") for s, n in converted)
    # Both forms stem to રશિયા; the zero-width space was removed by normalizing.
    assert found == ["રશિયાએ", "રશિયાના"]
    # Without conversion the emoji (two units each) would shift the slice.
    naive = sorted(units[2 * s : 2 * (s + n)].decode("utf-16-le", "replace") for s, n in positions)
    assert naive != found
