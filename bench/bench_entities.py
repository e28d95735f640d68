"""Entity recognition throughput: dumps per second on one core.

    .venv/bin/python bench/bench_entities.py [--dumps 5000] [--seed 7] [--kb DIR] [--repeat N]

Builds a synthetic set of news dumps from the sample dumps' sentences with
KB names (in random inflections) mixed in, sized like the real dumps, then
times the recognizer over all of them (mentions and discoveries). Loading the
KB and building the index are timed apart: they happen once per site build.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "plugins")]

from sangrah_entities import Document, GazetteerRecognizer, load_knowledge_base  # noqa: E402
from sangrah_lang import RULES  # noqa: E402

ENDINGS = ["", "", ""] + [e for e in RULES["case_endings"]["suffixes"] if e != "\u0ac7"]
TEMPLATES = [
    "{a}ના પ્રવક્તાએ કહ્યું કે {b} સાથે વાતચીત ચાલુ છે.",
    "આ મુદ્દે {a} અને {b} વચ્ચે બેઠક યોજાઈ હતી.",
    "સૂત્રોના જણાવ્યા મુજબ {a} ટૂંક સમયમાં {b}ની મુલાકાત લેશે.",
    "મંત્રી {c}એ જણાવ્યું કે સરકાર આ અંગે નિર્ણય લેશે.",
]


def sample_sentences() -> list[str]:
    sentences = []
    for path in sorted((ROOT / "content" / "dumps").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "|" in line or line.startswith("#"):
                continue
            sentences.extend(s.strip() + "." for s in re.split(r"[.]\s+", line) if len(s.strip()) > 20)
    return sentences


def synthetic_dumps(kb, count: int, seed: int) -> list[Document]:
    rng = random.Random(seed)
    sentences = sample_sentences()
    names = sorted({e.name["gu"] for e in kb.entities.values() if e.name.get("gu")})
    def inflected():
        return rng.choice(names) + rng.choice(ENDINGS)
    docs = []
    for index in range(count):
        paragraphs = []
        # 7-11 paragraphs of three sentences: about the size of the sample
        # dumps (2,300 and 3,400 characters).
        for _ in range(rng.randint(7, 11)):
            chosen = rng.sample(sentences, 2)
            chosen.append(rng.choice(TEMPLATES).format(a=inflected(), b=inflected(), c=rng.choice(names)))
            rng.shuffle(chosen)
            paragraphs.append(" ".join(chosen))
        docs.append(Document.from_text(rng.choice(sentences), "\n\n".join(paragraphs), doc_id=f"synthetic-{index}"))
    return docs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dumps", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--kb", type=Path, default=ROOT / "content" / "entities")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    started = time.perf_counter()
    kb = load_knowledge_base(args.kb)
    recognizer = GazetteerRecognizer(kb)
    setup = time.perf_counter() - started

    docs = synthetic_dumps(kb, args.dumps, args.seed)
    size = sum(len(d.title) + sum(len(b.text) for b in d.blocks) for d in docs)

    elapsed = float("inf")
    for _ in range(max(1, args.repeat)):
        started = time.perf_counter()
        mentions = discoveries = 0
        for doc in docs:
            analysis = recognizer.analyze(doc)
            mentions += len(analysis.mentions)
            discoveries += len(analysis.discoveries)
        elapsed = min(elapsed, time.perf_counter() - started)

    print(f"KB: {len(kb)} entities, {len(kb.claims)} names; load + index {setup:.2f} s")
    print(f"{len(docs)} synthetic dumps, {size / len(docs):.0f} characters each on average; "
          f"{mentions} mentions, {discoveries} discoveries")
    print(f"entities: {len(docs) / elapsed:.0f} dumps/s ({elapsed:.2f} s, one core)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
