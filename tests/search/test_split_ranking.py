"""The split index ranks exactly as one lunr.py index does, and is computed exactly as lunr.py would.

300 synthetic articles (bench/synthetic.py). On one side, lunr.py's own
Builder makes one monolithic index, which lunr.js loads whole; on the other,
the site's build (terms.py, scoring.py, split.py) writes the split files,
which search.js loads part by part as a page does. Both are searched by
search.js's same query construction (exact stem, prefix expansion, AND of
words, fuzzy retry) on 200 queries: common and rare words, prefixes as typed,
two words, Latin entity names, typos, +/- and field:word. Results must be
the same documents, in the same order, with the same scores to the bit,
and the same matched terms.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from synthetic import search_queries, synthetic_archive  # noqa: E402

from lunr import __TARGET_JS_VERSION__  # noqa: E402
from sangrah_search.build import FIELDS, HIGHLIGHTED_FIELDS, build_index, build_search_data, compute  # noqa: E402
from sangrah_search.build import index_fields, ordered, search_pipeline, to_json  # noqa: E402
from sangrah_search.documents import SearchDocument, entity_names, html_to_text, load_entities, shorten  # noqa: E402
from sangrah_search.output import data_files, data_script  # noqa: E402
from sangrah_search.pipeline import _utf16_order, serialize_index  # noqa: E402
from sangrah_search.scoring import lunr_serialized  # noqa: E402
from sangrah_search.split import assemble  # noqa: E402
from sangrah_search.terms import TermCache, document_terms  # noqa: E402
from tests.search.node_harness import NodeDriver  # noqa: E402

SIZE = 300
# Cut small, so that 300 articles give what 10,000 give with the site's
# sizes: prefixes with ready-made heads, ranges across several shards, many chunks.
SMALL = {"chunk_bytes": 3000, "shard_bytes": 600, "head_limit": 20}
KB = load_entities(ROOT / "content" / "entities")


def documents_of(articles) -> list[SearchDocument]:
    return ordered([
        SearchDocument(url=a.url, title=a.title, body=html_to_text(a.html), tags=a.tags,
                       entity_names=entity_names(a.entity_ids, KB)[0],
                       date_iso=a.date.isoformat() if a.date else "", summary=shorten(html_to_text(a.html)),
                       lang=a.lang)
        for a in articles
    ])


@pytest.fixture(scope="module")
def archive():
    articles = synthetic_archive(SIZE, seed=3)
    return documents_of(articles), search_queries(articles, 200, seed=5)


def write(folder: Path, files: dict[str, bytes]) -> None:
    for relative, content in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


@pytest.fixture(scope="module")
def answers(archive, tmp_path_factory):
    documents, queries = archive
    folder = tmp_path_factory.mktemp("ranking")
    monolithic = serialize_index(build_index(documents))
    (folder / "whole.js").write_bytes(data_script("index", None, "whole", monolithic))
    write(folder / "split", data_files(build_search_data(documents, **SMALL)))
    driver = NodeDriver("search_driver.js")
    try:
        driver.call("load", file=str(folder / "whole.js"))
        whole = {q: driver.call("search", q=q) for q in queries}
        driver.call("loadSplit", dir=str(folder / "split" / "search"))
        split = {q: driver.call("searchSplit", q=q) for q in queries}
    finally:
        driver.close()
    return whole, split


def test_the_computed_index_is_lunr_pys_byte_for_byte(archive):
    documents, _ = archive
    expected = to_json(serialize_index(build_index(documents)))
    computed = lunr_serialized(compute(documents), search_pipeline(), __TARGET_JS_VERSION__)
    computed["invertedIndex"] = sorted(computed["invertedIndex"], key=_utf16_order)
    assert to_json(computed) == expected
    # And the split files hold all of it: put back together, the same bytes again.
    split = build_search_data(documents, **SMALL).index
    whole = lunr_serialized(assemble(split.manifest, split.chunks), search_pipeline(), __TARGET_JS_VERSION__)
    whole["invertedIndex"] = sorted(whole["invertedIndex"], key=_utf16_order)
    assert to_json(whole) == expected
    # The chunk files are put together from their terms' JSON: the bytes
    # json.dumps gives the whole chunk.
    data = build_search_data(documents, **SMALL)
    assert len(data.index.chunk_texts) == len(data.index.chunks) > 10
    assert [data.serialized["chunk", n] for n in range(len(data.index.chunks))] == \
        [to_json(chunk) for chunk in data.index.chunks]


def test_parallel_and_cached_terms_are_the_same(archive, tmp_path):
    documents, _ = archive
    fields = [index_fields(d) for d in documents]
    one = TermCache(None).terms_of_all(fields, HIGHLIGHTED_FIELDS, workers=1)
    assert TermCache(None).terms_of_all(fields, HIGHLIGHTED_FIELDS, workers=2) == one
    cache = TermCache(tmp_path / "terms.sqlite")
    cache.terms_of_all(fields[:-1], HIGHLIGHTED_FIELDS)
    cache.save()
    again = TermCache(tmp_path / "terms.sqlite")
    assert again.terms_of_all(fields, HIGHLIGHTED_FIELDS) == one
    assert again.hits == len(fields) - 1  # only the new document was computed
    assert [document_terms(f, HIGHLIGHTED_FIELDS) for f in fields[:3]] == one[:3]


def test_two_hundred_queries_rank_identically(answers):
    whole, split = answers
    assert len(whole) == 200
    for query in whole:
        a, b = whole[query], split[query]
        assert b["refs"] == a["refs"], query
        assert b["scores"] == a["scores"], query  # exact: the same doubles
        assert b["terms"] == a["terms"], query
        assert (b["fuzzy"], b["tooShort"]) == (a["fuzzy"], a["tooShort"]), query


def test_the_queries_exercise_every_path(answers, archive):
    whole, split = answers
    _, queries = archive
    found = [q for q in queries if whole[q]["refs"]]
    assert len(found) >= 170
    assert sum(whole[q]["fuzzy"] for q in queries) >= 15, "typos reach the fuzzy retry"
    assert sum(len(whole[q]["refs"]) >= 100 for q in queries) >= 20, "common words and short prefixes"
    assert sum(0 < len(whole[q]["refs"]) <= 3 for q in queries) >= 20, "rare words"
    loaded = [part for q in queries for part in split[q]["loaded"]]
    assert any(part.startswith("suffix/") for part in loaded), "the fuzzy retry read suffix shards"


def test_short_prefixes_have_ready_made_expansions(archive):
    documents, queries = archive
    split = build_search_data(documents, **SMALL).index
    heads = {prefix: words for shard in split.lexicon for prefix, words in shard["heads"].items()}
    typed = [q for q in queries if q in heads]
    assert typed, "some queries are prefixes of more than HEAD_LIMIT terms"
    every = sorted(t for chunk in split.chunks for t in chunk["terms"])
    for prefix in typed:
        begun = [t for t in every if t.startswith(prefix)]
        assert len(begun) > SMALL["head_limit"]
        assert heads[prefix] == sorted(begun, key=lambda t: (len(t.encode("utf-16-be")), t.encode("utf-16-be")))[:41]


def test_a_query_loads_a_few_parts(answers, archive):
    _, split = answers
    _, queries = archive
    # The first query loads its own parts; later ones reuse what is there.
    first = split[queries[0]]["loaded"]
    assert first and all(not part.startswith("suffix/") for part in first)
    assert all(len(split[q]["loaded"]) <= 40 for q in queries)


def edits(word: str) -> list[str]:
    """Every word one edit from ``word`` that uses its own letters: drops, doubles, swaps, and ા/ી/a put in."""
    found = set()
    for i in range(len(word) + 1):
        if i < len(word):
            found.add(word[:i] + word[i + 1:])
            found.add(word[:i] + word[i] + word[i:])
        if i + 1 < len(word):
            found.add(word[:i] + word[i + 1] + word[i] + word[i + 2:])
        for letter in ("ા", "ી", "a"):
            found.add(word[:i] + letter + word[i:])
            if i < len(word):
                found.add(word[:i] + letter + word[i + 1:])
    return sorted(found)


def test_fuzzy_candidates_miss_no_word_one_edit_away(archive, tmp_path):
    documents, _ = archive
    whole = serialize_index(build_index(documents))
    (tmp_path / "whole.js").write_bytes(data_script("index", None, "whole", whole))
    write(tmp_path / "split", data_files(build_search_data(documents, **SMALL)))
    terms = [term for term, _ in whole["invertedIndex"]]
    words = [w for term in terms[::25] for w in edits(term)[::3] if len(w) >= 2]
    driver = NodeDriver("search_driver.js")
    try:
        answer = driver.call("fuzzyCompare", file=str(tmp_path / "whole.js"), dir=str(tmp_path / "split" / "search"),
                             words=words)
    finally:
        driver.close()
    assert answer["compared"] == len(words) > 1000
    assert answer["differ"] == []
