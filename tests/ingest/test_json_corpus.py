"""The held-out corpus of scraper exports (tests/fixtures/json_dumps): JSON arrays,
an object holding an article list, JSON Lines with a broken line, HTML bodies,
odd field names and epoch dates, re-crawled duplicates."""

import pytest

from conftest import entries_for, expected
from corpus import check_post, check_report_entry, print_score

FILES = expected("json_dumps")["files"]
CASES = [(f["file"], record) for f in FILES for record in f["records"]]


def misses(corpus, name, case):
    report, posts, _ = corpus
    found = check_report_entry(entries_for(report, name, case["index"]), case)
    if case.get("outcome", "post") == "post":
        found += check_post(posts.get(f"{name}#{case['index']}"), case, strict_nulls=True)
    return found


def test_json_corpus_score(json_corpus):
    """Print the share of records meeting every expectation (all must)."""
    failures = {f"{name}#{case['index']}": misses(json_corpus, name, case) for name, case in CASES}
    print_score("json corpus", failures, "records")


@pytest.mark.parametrize("name,case", CASES, ids=[f"{n}#{c['index']}" for n, c in CASES])
def test_record(json_corpus, name, case):
    assert misses(json_corpus, name, case) == []


def test_every_record_is_accounted_for(json_corpus):
    """Each record line of each export has exactly one report entry (blank JSONL lines none)."""
    report, _, _ = json_corpus
    for name, case in CASES:
        entries = entries_for(report, name, case["index"])
        assert len(entries) == (0 if case.get("outcome") == "skip" else 1), (name, case["index"], entries)
