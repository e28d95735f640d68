"""Scores on corpora written blind (tests/fixtures/blind): reported, not tuned on.

Their author read neither the import, the recognizer, its knowledge base nor
their tests. A miss here is not fixed by changing code against this folder
(it would stop being blind); the figures are printed for the README and the
tests only hold a floor under them, so that a regression shows.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from corpus import check_post, print_score
from posts import posts_by_source

BLIND = Path(__file__).resolve().parents[1] / "fixtures" / "blind"
# Floors under the figures first measured (see README "How well it works").
MIN_EXPECTATIONS_MET = {"text": 0.90, "html": 0.90}
MIN_ENTITY_PRECISION = 0.85
MIN_ENTITY_RECALL = 0.70


def _checks(expected: dict) -> int:
    """How many separate expectations an entry holds (the denominator of the rate)."""
    counted = 0
    for key, value in expected.items():
        if key in ("note", "dump", "file", "conventions", "time", "utc_offset", "instant_utc"):
            continue
        counted += len(value) if isinstance(value, list) and key != "title_any_of" else 1
    return counted


@pytest.fixture(scope="module")
def blind_posts(tmp_path_factory):
    from sangrah_import.pipeline import ImportSettings, run_import
    from sitebuild import make_content

    imported = {}
    for kind in ("text", "html"):
        files = sorted(p for p in (BLIND / kind).iterdir() if p.name not in ("expected.json", "README.md"))
        content = make_content(tmp_path_factory.mktemp(f"blind-{kind}"), dumps=files)
        run_import(ImportSettings(project_dir=content.parent, dumps_dir=content / "dumps",
                                  posts_dir=content / "posts", entities_dir=content / "entities"))
        imported[kind] = posts_by_source(content / "posts")
    return imported


@pytest.mark.parametrize("kind", ["text", "html"])
def test_blind_import_score(blind_posts, kind):
    entries = json.loads((BLIND / kind / "expected.json").read_text("utf-8"))["dumps"]
    name = lambda e: e.get("dump") or e.get("file")  # noqa: E731
    failures = {name(e): check_post(blind_posts[kind].get(name(e)), e, strict_nulls=(kind == "html")) for e in entries}
    print_score(f"blind {kind} corpus", failures)
    total = sum(_checks(e) for e in entries)
    missed = sum(len(m) for m in failures.values())
    rate = 1 - missed / total
    print(f"  expectations met: {total - missed}/{total} = {rate:.3f}")
    assert rate >= MIN_EXPECTATIONS_MET[kind]


def _cleaned(text: str) -> str:
    """The passage as the import would hand it to the recognizer: page
    furniture ("આ પણ વાંચો" lines of other stories …) removed."""
    from sangrah_import.clean.lines import classify
    from sangrah_import.extract.dates import is_dateline, zone

    local = zone("Asia/Kolkata")
    lines = classify(text.split("\n"), lambda line: is_dateline(line, local))
    return "\n\n".join(line.text for line in lines if line.kind == "content")


def test_blind_entity_scores():
    from sangrah_entities import Document, get_recognizer

    data = yaml.safe_load((BLIND / "entities.yaml").read_text("utf-8"))
    aliases = {key: set(values) | {key} for key, values in data["id_aliases"].items()}
    recognizer = get_recognizer(Path(__file__).resolve().parents[2] / "content" / "entities")
    true_positive = false_positive = false_negative = 0
    lines = []
    for passage in data["passages"]:
        found = {m.entity_id for m in recognizer.recognize(Document.from_text("", _cleaned(passage["text"])))}
        optional = set()
        for oid in passage.get("optional") or []:
            optional |= aliases.get(oid, {oid})
        matched = set()
        for expected in passage["expected"]:
            names = aliases.get(expected, {expected})
            if found & names:
                true_positive += 1
                matched |= found & names
            else:
                false_negative += 1
                lines.append(f"  {passage['id']}: missed {expected}")
        extra = sorted(found - matched - optional)
        false_positive += len(extra)
        for entity_id in extra:
            lines.append(f"  {passage['id']}: extra {entity_id}")
    precision = true_positive / ((true_positive + false_positive) or 1)
    recall = true_positive / ((true_positive + false_negative) or 1)
    print(f"\nblind entity passages: precision {precision:.3f}, recall {recall:.3f} "
          f"({true_positive} found, {false_positive} extra, {false_negative} missed)")
    print("\n".join(lines))
    assert precision >= MIN_ENTITY_PRECISION and recall >= MIN_ENTITY_RECALL
