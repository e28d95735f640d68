"""The held-out plain-text corpus (tests/fixtures/text_dumps): 25 dumps in the
shapes real Gujarati and English scrapes take, with what an editor extracts."""

import json
from pathlib import Path

import pytest

from corpus import check_post
from posts import posts_by_source

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "text_dumps_validation"
EXPECTED = json.loads((CORPUS / "expected.json").read_text("utf-8"))["dumps"]


@pytest.fixture(scope="module")
def corpus_posts(tmp_path_factory):
    from sangrah_import.pipeline import ImportSettings, run_import
    from sitebuild import make_content

    content = make_content(tmp_path_factory.mktemp("text-validation"), dumps=sorted(CORPUS.glob("*.txt")))
    report = run_import(ImportSettings(project_dir=content.parent, dumps_dir=content / "dumps", posts_dir=content / "posts"))
    return report, posts_by_source(content / "posts")


def test_every_dump_is_published(corpus_posts):
    report, posts = corpus_posts
    assert sorted(posts) == sorted(e["dump"] for e in EXPECTED)


def test_corpus_score(corpus_posts):
    """Print the share of expectations met (all must be)."""
    _, posts = corpus_posts
    failures = {e["dump"]: check_post(posts.get(e["dump"]), e) for e in EXPECTED}
    perfect = sum(1 for misses in failures.values() if not misses)
    print(f"\ntext validation corpus: {perfect}/{len(EXPECTED)} dumps meet every expectation")
    for dump, misses in sorted(failures.items()):
        for miss in misses:
            print(f"  {dump}: {miss}")


@pytest.mark.parametrize("expected", EXPECTED, ids=[e["dump"] for e in EXPECTED])
def test_dump(corpus_posts, expected):
    _, posts = corpus_posts
    assert check_post(posts.get(expected["dump"]), expected) == []
