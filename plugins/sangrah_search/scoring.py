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

tests/search/test_split_ranking.py checks :func:`lunr_serialized` against
lunr.py's own Builder byte for byte. The split index (split.py) is cut
from the same :class:`ComputedIndex`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

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
    # stores), as integer arrays (numpy's, or array's when assembled from
    # the split files): 12 million entries at 50,000 articles.
    postings: dict[str, dict[str, tuple[Sequence[int], Sequence[int]]]]
    # term → document number → title positions (highlighted fields only): field → doc → [[start, length]]
    positions: dict[str, dict[str, dict[int, list[list[int]]]]] = field(default_factory=dict)


def idf(documents_with_term: int, document_count: int) -> float:
    x = (document_count - documents_with_term + 0.5) / (documents_with_term + 0.5)
    return math.log(1 + abs(x))


def compute_index(documents: Sequence[dict[str, FieldTerms]], fields: Sequence[tuple[str, float]]) -> ComputedIndex:
    """The index of ``documents`` (numbered 0, 1, ... in order) with ``fields`` as (name, boost).

    The millions of (term, document, field) entries of a large archive are
    scored in numpy arrays, with lunr.py's operations in lunr.py's order:
    IEEE arithmetic gives the same doubles whether Python or numpy does it.
    Only the idf (math.log, once per term) and the ambiguous roundings (see
    :func:`thousandths`) are left to Python.
    """
    names = [name for name, _ in fields]
    count = len(documents)
    # Every (document, field) in order, documents first: the order in which
    # lunr.py meets the terms, so the order of their numbers.
    flat_terms: list[str] = []
    flat_tfs: list[int] = []
    segment_sizes: list[int] = []  # terms of each (document, field)
    segment_lengths: list[int] = []  # the field's length (lunr: terms after the pipeline)
    totals = dict.fromkeys(names, 0)
    for document in documents:
        for name in names:
            terms = document[name]
            totals[name] += terms.length
            words = terms.words
            segment_sizes.append(len(words))
            segment_lengths.append(terms.length)
            flat_terms += words
            flat_tfs += terms.frequencies
    term_index = {term: number for number, term in enumerate(dict.fromkeys(flat_terms))}
    term_numbers = np.fromiter(map(term_index.__getitem__, flat_terms), dtype=np.int64, count=len(flat_terms))
    # (document, field) pairs per term: lunr's documents_with_term (each
    # (document, field) lists a term once).
    pairs = np.bincount(term_numbers, minlength=len(term_index)).tolist()
    idfs = np.array([idf(n, count) for n in pairs], dtype=np.float64)
    average = {name: totals[name] / count for name in names} if count else dict.fromkeys(names, 0)

    sizes = np.array(segment_sizes, dtype=np.int64)
    segment_document = np.repeat(np.arange(count, dtype=np.int64), len(names))
    segment_field = np.tile(np.arange(len(names), dtype=np.int64), count)
    entry_document = np.repeat(segment_document, sizes)
    entry_field = np.repeat(segment_field, sizes)
    entry_length = np.repeat(np.array(segment_lengths, dtype=np.float64), sizes)
    tf = np.array(flat_tfs, dtype=np.float64)

    postings: dict[str, dict[str, tuple]] = {term: {} for term in term_index}
    positions: dict[str, dict[str, dict[int, list]]] = {}
    terms_in_order = list(term_index)
    for field_number, (name, boost) in enumerate(fields):
        chosen = entry_field == field_number
        if not chosen.any():
            continue  # (a field empty everywhere has average length 0: nothing to divide)
        mean = average[name]
        field_terms = term_numbers[chosen]
        field_tf = tf[chosen]
        # lunr.py's expressions, operation for operation: the part of BM25
        # that depends on the field alone, k1 * (1 - b + b * (length / average)),
        # then idf * ((k1 + 1) * tf) / (norm + tf) times the field's boost
        # (its final "* document boost" is "* 1").
        norm = K1 * ((1 - B) + B * (entry_length[chosen] / mean))
        score = idfs[field_terms] * ((K1 + 1) * field_tf) / (norm + field_tf)
        score = score * boost
        scores = thousandths(score)
        # Per term, its documents ascending: the entries are in document
        # order, and a stable sort by term keeps that order within a term.
        order = np.argsort(field_terms, kind="stable")
        by_term = field_terms[order]
        field_documents = entry_document[chosen][order]
        field_scores = scores[order]
        starts = np.flatnonzero(np.r_[True, by_term[1:] != by_term[:-1]])
        ends = np.r_[starts[1:], len(by_term)]
        for term_number, start, end in zip(by_term[starts].tolist(), starts.tolist(), ends.tolist()):
            postings[terms_in_order[term_number]][name] = (field_documents[start:end], field_scores[start:end])
    for name, _ in fields:
        for number, document in enumerate(documents):
            for term, spans in document[name].positions:
                positions.setdefault(term, {}).setdefault(name, {})[number] = [list(span) for span in spans]
    return ComputedIndex(fields=names, document_count=count, term_index=term_index,
                         postings=postings, positions=positions)


def thousandths(scores: np.ndarray) -> np.ndarray:
    """``round(round(score, 3) * 1000)`` of every score, as lunr.py's 3-decimal values in thousandths.

    ``round(x, 3)`` is the double nearest the decimal that x rounds to (half
    to even, on x's exact value), so the result is that decimal's integer:
    x * 1000 rounded half to even. numpy's x * 1000 is itself rounded (by
    less than 1e-11 below a million), so its rounding can only differ where
    x * 1000 lies that close to a half: those few are rounded by Python.
    """
    scaled = scores * 1000
    result = np.rint(scaled).astype(np.int64)
    near_half = np.abs(np.abs(scaled - np.floor(scaled)) - 0.5) < 1e-6
    for at in np.flatnonzero(near_half | ~np.isfinite(scaled) | (np.abs(scaled) >= 1e9)).tolist():
        result[at] = round(round(float(scores[at]), 3) * 1000)
    return result


def lunr_serialized(index: ComputedIndex, pipeline: list[str], version: str) -> dict:
    """The index as lunr.py's ``Index.serialize()`` writes it (terms in code point order)."""
    vectors: dict[tuple[int, str], list] = {}
    for term, by_field in index.postings.items():
        number = index.term_index[term]
        for name, (documents, scores) in by_field.items():
            for document, score in zip(int_list(documents), int_list(scores)):
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
                for document in int_list(index.postings[term].get(name, ((), ()))[0])
            }
        inverted.append([term, posting])
    return {"version": version, "fields": list(index.fields), "fieldVectors": field_vectors,
            "invertedIndex": inverted, "pipeline": pipeline}


def int_list(values: Sequence[int]) -> list[int]:
    """Python ints of an integer array (numpy's or array's), for JSON and dict keys."""
    return values.tolist() if hasattr(values, "tolist") else list(values)
