"""Precision and recall on hand-written news passages (eval_passages.yaml)."""

from pathlib import Path

import pytest
import yaml

from sangrah_entities import Document, entity_ids, get_recognizer

from entity_samples import KB_DIR

def _passages(name):
    return yaml.safe_load((Path(__file__).with_name(name)).read_text(encoding="utf-8"))["passages"]


PASSAGES = _passages("eval_passages.yaml")
MIN_PRECISION = MIN_RECALL = 0.85

# The held-out set was written after the KB, blind to it: its recall mostly
# measures KB coverage (hospitals, villages, small companies the KB lacks),
# so its floor is lower; its precision must hold like the main set's.
HELDOUT = _passages("eval_passages_heldout.yaml")
HELDOUT_MIN_RECALL = 0.75


def test_there_are_enough_varied_passages():
    assert len(PASSAGES) >= 45
    assert len({p["topic"] for p in PASSAGES}) >= 8
    assert len({p["id"] for p in PASSAGES}) == len(PASSAGES)


def test_expected_ids_exist_in_the_kb():
    from sangrah_entities import load_knowledge_base

    kb = load_knowledge_base(KB_DIR)
    unknown = sorted({e for p in PASSAGES for e in p["expected"] if e not in kb.entities})
    assert not unknown, f"expected ids missing from the KB: {unknown}"


def score(passages):
    recognizer = get_recognizer(KB_DIR)
    true_pos = false_pos = false_neg = 0
    report = []
    for passage in passages:
        found = set(entity_ids(recognizer.recognize(Document.from_text("", passage["text"], passage["id"]))))
        expected = set(passage["expected"])
        true_pos += len(found & expected)
        false_pos += len(found - expected)
        false_neg += len(expected - found)
        if found != expected:
            unknown = sorted(e for e in expected - found if e not in recognizer.kb.entities)
            report.append(f"  {passage['id']}: extra {sorted(found - expected)} "
                          f"missing {sorted(expected - found)} (not in KB: {unknown})")
    return true_pos / (true_pos + false_pos), true_pos / (true_pos + false_neg), report


def check_floors(capsys, label: str, passages: list, min_precision: float, min_recall: float) -> None:
    """Print a set's precision and recall (and each passage's misses); fail under the floors."""
    precision, recall, report = score(passages)
    with capsys.disabled():
        print(f"\n{label}: {len(passages)} passages, precision {precision:.3f}, recall {recall:.3f}")
        print("\n".join(report))
    assert precision >= min_precision, "\n".join(report)
    assert recall >= min_recall, "\n".join(report)


def test_precision_and_recall(capsys):
    check_floors(capsys, "entity eval", PASSAGES, MIN_PRECISION, MIN_RECALL)


def test_heldout_precision_and_recall(capsys):
    assert len(HELDOUT) >= 20
    check_floors(capsys, "entity eval, held-out", HELDOUT, MIN_PRECISION, HELDOUT_MIN_RECALL)
