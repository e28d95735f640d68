"""lunr's index (inverted index and field vectors) computed from per-document terms.

lunr.py's Builder keeps a Token, a posting entry and a metadata dict per
word while adding documents and builds every field vector at the end; the
numbers it ships are few and simple. This module computes the same numbers
from :mod:`terms` output, in the same order, with the same formulas:

* term numbers (``_index``) in order of first appearance: documents in
  order, fields in order, words in order;
* idf as lunr's ``idf()``: ``documents_with_term`` counts each (document,
  field) pair that has the term, so a term in the title and the body of one
  article counts twice (lunr's own quirk, kept);
* BM25 with lunr's k1 = 1.2 and b = 0.75, the field length over the field's
  average length (every document counts, empty fields as 0), times the
  field boost, rounded to 3 decimals with Python's ``round`` as lunr.py does.

tests/search/test_index_identity.py checks :func:`lunr_serialized` against
lunr.py's own Builder byte for byte. The split index (split.py) is cut
from the same :class:`ComputedIndex`.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass, field
from typing import Sequence

from .terms import FieldTerms

K1 = 1.2
B = 0.75


@dataclass
class ComputedIndex:
    fields: list[str]
    document_count: int
    # term → its number, in order of first appearance
    term_index: dict[str, int]
    # term → field → (document numbers, ascending; lunr's 3-decimal scores in
    # thousandths, an integer n whose n / 1000 is the very double lunr.py
    # stores), as compact arrays: 12 million entries at 50,000 articles.
    postings: dict[str, dict[str, tuple[array, array]]]
    # term → document number → title positions (highlighted fields only): field → doc → [[start, length]]
    positions: dict[str, dict[str, dict[int, list[list[int]]]]] = field(default_factory=dict)


def idf(documents_with_term: int, document_count: int) -> float:
    x = (document_count - documents_with_term + 0.5) / (documents_with_term + 0.5)
    return math.log(1 + abs(x))


def compute_index(documents: Sequence[dict[str, FieldTerms]], fields: Sequence[tuple[str, float]]) -> ComputedIndex:
    """The index of ``documents`` (numbered 0, 1, ... in order) with ``fields`` as (name, boost)."""
    names = [name for name, _ in fields]
    term_index: dict[str, int] = {}
    # (document, field) pairs per term: lunr's documents_with_term.
    pairs: dict[str, int] = {}
    totals = dict.fromkeys(names, 0)
    for document in documents:
        for name in names:
            terms = document[name]
            totals[name] += terms.length
            for term, _ in terms.terms:
                if term not in term_index:
                    term_index[term] = len(term_index)
                pairs[term] = pairs.get(term, 0) + 1
    count = len(documents)
    average = {name: totals[name] / count for name in names} if count else dict.fromkeys(names, 0)
    idfs = {term: idf(n, count) for term, n in pairs.items()}

    postings: dict[str, dict[str, tuple[array, array]]] = {term: {} for term in term_index}
    positions: dict[str, dict[str, dict[int, list]]] = {}
    for name, boost in fields:
        mean = average[name]
        for number, document in enumerate(documents):
            terms = document[name]
            if not terms.terms:
                continue  # (a field empty everywhere has average length 0: nothing to divide)
            # The part of BM25 that depends on the field alone, as lunr
            # writes it: k1 * (1 - b + b * (length / average)).
            norm = K1 * (1 - B + B * (terms.length / mean))
            for term, tf in terms.terms:
                # lunr.py's expression, operation for operation (the same
                # rounding); its final "* document boost" is "* 1".
                score = idfs[term] * ((K1 + 1) * tf) / (norm + tf)
                score *= boost
                by_field = postings[term]
                entry = by_field.get(name)
                if entry is None:
                    entry = by_field[name] = (array("l"), array("l"))
                entry[0].append(number)
                # round(x, 3) is the double nearest a decimal with 3 places;
                # times 1000 it rounds to that decimal's integer, and that
                # integer / 1000 is the same double again.
                entry[1].append(round(round(score, 3) * 1000))
            for term, spans in terms.positions:
                positions.setdefault(term, {}).setdefault(name, {})[number] = [list(span) for span in spans]
    return ComputedIndex(fields=names, document_count=count, term_index=term_index,
                         postings=postings, positions=positions)


def lunr_serialized(index: ComputedIndex, pipeline: list[str], version: str) -> dict:
    """The index as lunr.py's ``Index.serialize()`` writes it (terms in code point order)."""
    vectors: dict[tuple[int, str], list] = {}
    for term, by_field in index.postings.items():
        number = index.term_index[term]
        for name, (documents, scores) in by_field.items():
            for document, score in zip(documents, scores):
                vectors.setdefault((document, name), []).append((number, score / 1000))
    field_vectors = []
    for document in range(index.document_count):
        for name in index.fields:
            elements = []
            for number, score in sorted(vectors.get((document, name), ())):
                elements += [number, score]
            field_vectors.append([f"{name}/{document}", elements])
    inverted = []
    for term in sorted(index.postings):
        posting = {"_index": index.term_index[term]}
        term_positions = index.positions.get(term, {})
        for name in index.fields:
            spans = term_positions.get(name)
            posting[name] = {
                str(document): ({"position": spans[document]} if spans is not None else {})
                for document in index.postings[term].get(name, ((), ()))[0]
            }
        inverted.append([term, posting])
    return {"version": version, "fields": list(index.fields), "fieldVectors": field_vectors,
            "invertedIndex": inverted, "pipeline": pipeline}
