"""lunr's numbers computed in numpy arrays: the roundings are Python's, to the bit.

The whole index is held to lunr.py's Builder byte for byte in
test_split_ranking.py, on one archive. These tests go after the one step
where numpy and Python can part: rounding a score to lunr's 3 decimals.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "plugins"))

from sangrah_search.scoring import compute_index, thousandths  # noqa: E402
from sangrah_search.terms import FieldTerms  # noqa: E402


def python_thousandths(score: float) -> int:
    return round(round(score, 3) * 1000)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=500, allow_nan=False), min_size=1, max_size=50))
def test_thousandths_equal_pythons_rounding(scores):
    assert thousandths(np.array(scores, dtype=np.float64)).tolist() == [python_thousandths(s) for s in scores]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=400_000), min_size=1, max_size=50),
       st.sampled_from([-2, -1, 0, 1, 2]))
def test_thousandths_at_halves_and_their_neighbours(halves, ulps):
    # x such that x * 1000 is at (or a few doubles from) k + 0.5: where
    # numpy's rounded product and Python's exact rounding can disagree.
    scores = []
    for k in halves:
        x = (k + 0.5) / 1000
        for _ in range(abs(ulps)):
            x = np.nextafter(x, np.inf if ulps > 0 else -np.inf)
        scores.append(float(x))
    assert thousandths(np.array(scores, dtype=np.float64)).tolist() == [python_thousandths(s) for s in scores]


def test_postings_hold_each_terms_documents_in_order_with_pythons_scores():
    def field(*terms):
        counts = {}
        for term in terms:
            counts[term] = counts.get(term, 0) + 1
        return FieldTerms(terms=tuple(counts.items()), length=len(terms))

    empty = FieldTerms(terms=(), length=0)
    documents = [
        {"title": field("a", "b"), "body": field("b", "b", "c")},
        {"title": empty, "body": field("c", "a")},
        {"title": field("c"), "body": field("a", "a", "a", "d")},
    ]
    index = compute_index(documents, (("title", 10), ("body", 1)))
    assert list(index.term_index) == ["a", "b", "c", "d"]
    assert index.postings["a"]["title"][0].tolist() == [0]
    assert index.postings["a"]["body"][0].tolist() == [1, 2]
    assert "title" not in index.postings["d"]
    # The body score of "a" in document 2, by lunr.py's formula written out.
    import math
    pairs_a = 3  # (document, field) pairs holding "a": title 0, body 1, body 2
    idf = math.log(1 + abs((3 - pairs_a + 0.5) / (pairs_a + 0.5)))
    mean = (3 + 2 + 4) / 3
    norm = 1.2 * (1 - 0.75 + 0.75 * (4 / mean))
    expected = idf * ((1.2 + 1) * 3) / (norm + 3)
    assert index.postings["a"]["body"][1].tolist()[1] == python_thousandths(expected * 1)
