"""Precision and recall on hand-written news passages (eval_passages.yaml)."""

from pathlib import Path

import pytest
import yaml

from sangrah_entities import Document, entity_ids, get_recognizer

from samples import KB_DIR

PASSAGES = yaml.safe_load((Path(__file__).with_name("eval_passages.yaml")).read_text(encoding="utf-8"))["passages"]
MIN_PRECISION = MIN_RECALL = 0.85


def test_there_are_enough_varied_passages():
    assert len(PASSAGES) >= 45
    assert len({p["topic"] for p in PASSAGES}) >= 8
    assert len({p["id"] for p in PASSAGES}) == len(PASSAGES)


def test_expected_ids_exist_in_the_kb():
    from sangrah_entities import load_knowledge_base

    kb = load_knowledge_base(KB_DIR)
    unknown = sorted({e for p in PASSAGES for e in p["expected"] if e not in kb.entities})
    assert not unknown, f"expected ids missing from the KB: {unknown}"


def test_precision_and_recall(capsys):
    recognizer = get_recognizer(KB_DIR)
    true_pos = false_pos = false_neg = 0
    report = []
    for passage in PASSAGES:
        found = set(entity_ids(recognizer.recognize(Document.from_text("", passage["text"], passage["id"]))))
        expected = set(passage["expected"])
        true_pos += len(found & expected)
        false_pos += len(found - expected)
        false_neg += len(expected - found)
        if found != expected:
            report.append(f"  {passage['id']}: extra {sorted(found - expected)} missing {sorted(expected - found)}")
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    with capsys.disabled():
        print(f"\nentity eval: {len(PASSAGES)} passages, precision {precision:.3f}, recall {recall:.3f}")
        print("\n".join(report))
    assert precision >= MIN_PRECISION, "\n".join(report)
    assert recall >= MIN_RECALL, "\n".join(report)
