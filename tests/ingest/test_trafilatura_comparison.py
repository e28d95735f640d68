"""Our HTML extractor against trafilatura on the held-out saved pages.

Both run on the same 30 pages and are scored on the corpus's expectations:
body fragments kept, noise fragments dropped, sub-headings (exact list),
title (one of the accepted forms) and publication date (the day, or none).
The figures are printed (they are in the README) and ours must not fall
below trafilatura's on any field; trafilatura stays out of the import
because on these pages it does not beat the import's own extractor.
"""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES, expected
from corpus import flat

trafilatura = pytest.importorskip("trafilatura")

CASES = expected("html_dumps")["dumps"]
FIELDS = ("body kept", "noise dropped", "headings", "title", "date")


def _score(text: str, headings: list[str], title: str | None, day: str | None, case: dict) -> dict:
    text = flat(text)
    titles = [flat(t).casefold() for t in case["title_any_of"]]
    return {
        "body kept": (sum(flat(f) in text for f in case["body_must_contain"]), len(case["body_must_contain"])),
        "noise dropped": (sum(flat(f) not in text for f in case["body_must_not_contain"]), len(case["body_must_not_contain"])),
        "headings": (int([flat(h) for h in headings] == [flat(h) for h in case["headings"]]), 1),
        "title": (int(flat(title or "").casefold() in titles), 1),
        "date": (int((day or None) == case["date"]), 1),
    }


def trafilatura_result(case: dict) -> dict:
    data = (FIXTURES / "html_dumps" / case["file"]).read_bytes()
    document = trafilatura.bare_extraction(data, include_comments=False, include_tables=True, include_formatting=True,
                                           with_metadata=True)
    if document is None:
        return _score("", [], None, None, case)
    found = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = found.get("text") or ""
    headings = [line.lstrip("#").strip() for line in text.splitlines() if re.match(r"^#{1,6}\s", line)]
    body = "\n".join(line.lstrip("#").strip() for line in text.splitlines())
    return _score(body, headings, found.get("title"), (found.get("date") or "")[:10] or None, case)


def our_result(post, case: dict) -> dict:
    if post is None:
        return _score("", [], None, None, case)
    day = None if post.meta.get("date_source") == "none" else str(post.meta.get("date"))[:10]
    return _score(post.text, post.headings, post.meta.get("title"), day, case)


def _totals(results: list[dict]) -> dict:
    totals = {}
    for field in FIELDS:
        got = sum(r[field][0] for r in results)
        out_of = sum(r[field][1] for r in results)
        totals[field] = (got, out_of)
    return totals


@pytest.fixture(scope="module")
def comparison(html_corpus):
    _, posts, _ = html_corpus
    ours = [our_result(posts.get(case["file"]), case) for case in CASES]
    theirs = [trafilatura_result(case) for case in CASES]
    return _totals(ours), _totals(theirs)


def test_print_comparison(comparison):
    ours, theirs = comparison
    version = getattr(trafilatura, "__version__", "?")
    print(f"\nHTML extraction on {len(CASES)} saved pages: sangrah vs trafilatura {version}")
    print(f"  {'field':<14} {'sangrah':>12} {'trafilatura':>12}")
    for field in FIELDS:
        a, n = ours[field]
        b, _ = theirs[field]
        print(f"  {field:<14} {a:>4}/{n:<4} {a / n:>4.0%} {b:>4}/{n:<4} {b / n:>4.0%}")


@pytest.mark.parametrize("field", FIELDS)
def test_ours_is_not_worse(comparison, field):
    ours, theirs = comparison
    assert ours[field][0] >= theirs[field][0], (field, ours[field], theirs[field])
