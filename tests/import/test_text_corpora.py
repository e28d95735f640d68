"""The hand-written plain-text corpora, held to what an editor extracts.

tests/fixtures/text_dumps (25 dumps) and tests/fixtures/text_dumps_validation
(14 dumps, written later by someone else to measure how the rules
generalize) were written without reading the import code. First contact
before any rule was fixed: 14/25 and 4/14 dumps met every expectation.
"""

import json
from pathlib import Path

import pytest

from corpus import check_post, print_score
from posts import posts_by_source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CORPORA = ("text_dumps", "text_dumps_validation")
CASES = [
    (corpus, entry)
    for corpus in CORPORA
    for entry in json.loads((FIXTURES / corpus / "expected.json").read_text("utf-8"))["dumps"]
]


@pytest.fixture(scope="module")
def corpus_posts(tmp_path_factory):
    """Each corpus imported once: {corpus: {dump file name: post}}."""
    from sangrah_import.pipeline import ImportSettings, run_import
    from sitebuild import make_content

    imported = {}
    for corpus in CORPORA:
        content = make_content(tmp_path_factory.mktemp(corpus), dumps=sorted((FIXTURES / corpus).glob("*.txt")))
        run_import(ImportSettings(project_dir=content.parent, dumps_dir=content / "dumps", posts_dir=content / "posts"))
        imported[corpus] = posts_by_source(content / "posts")
    return imported


@pytest.mark.parametrize("corpus", CORPORA)
def test_every_dump_is_published(corpus_posts, corpus):
    expected = [entry["dump"] for name, entry in CASES if name == corpus]
    assert sorted(corpus_posts[corpus]) == sorted(expected)


@pytest.mark.parametrize("corpus", CORPORA)
def test_corpus_score(corpus_posts, corpus):
    """Print the share of dumps meeting every expectation (all must: see test_dump)."""
    failures = {e["dump"]: check_post(corpus_posts[corpus].get(e["dump"]), e) for name, e in CASES if name == corpus}
    print_score(corpus, failures)


@pytest.mark.parametrize("corpus, expected", CASES, ids=[f"{c}/{e['dump']}" for c, e in CASES])
def test_dump(corpus_posts, corpus, expected):
    assert check_post(corpus_posts[corpus].get(expected["dump"]), expected) == []
