"""The held-out corpus of saved news pages (tests/fixtures/html_dumps): 30 pages
in the shapes of real Gujarati and English news sites, with what an editor extracts."""

import pytest

from conftest import entries_for, expected
from corpus import check_post, check_report_entry, print_score

EXPECTED = expected("html_dumps")["dumps"]


def misses(corpus, case):
    report, posts, _ = corpus
    found = check_report_entry(entries_for(report, case["file"]), case)
    return found + check_post(posts.get(case["file"]), case, strict_nulls=True)


def test_html_corpus_score(html_corpus):
    """Print the share of pages meeting every expectation (all must)."""
    print_score("html corpus", {case["file"]: misses(html_corpus, case) for case in EXPECTED}, "pages")


@pytest.mark.parametrize("case", EXPECTED, ids=[c["file"] for c in EXPECTED])
def test_page(html_corpus, case):
    assert misses(html_corpus, case) == []
