"""The index cut into small files, loaded per query word by the browser.

One lunr index of a 10,000-article archive is tens of megabytes; a query
needs the postings of a few terms. So the index is shipped in parts, all
cut from one :class:`~.scoring.ComputedIndex` (the numbers lunr.py would
compute for the whole archive):

* the **manifest** (``search/index.js``): fields, pipeline, number of
  documents, and the first term of every lexicon shard, suffix shard and
  posting chunk (the browser finds the file holding a term by binary
  search over these);
* **posting chunks** (``search/chunks/<n>.js``): consecutive terms in sorted
  order, packed up to a size; a term whose postings alone pass the size
  gets a chunk of its own. A term's entry is its global term number, per
  field its documents (delta-coded) and their field-vector values (in
  thousandths: lunr rounds them to 3 decimals, so the integers are exact),
  and its title positions. That is all of the index a query on this term
  touches: the postings, and each document's field-vector entry for the
  term. lunr's score is a dot product with the query vector, which only
  has entries for the query's terms, so a document vector restricted to
  the loaded terms scores the same, to the bit (the sums run in the same
  term-number order);
* **lexicon shards** (``search/lexicon/<n>.js``): every term, sorted, in
  consecutive runs. A word being typed expands to the 40 shortest terms
  it begins (search.js); for a prefix that begins more than
  ``HEAD_LIMIT`` terms the shard where the prefix sorts carries those
  shortest terms ready-made (its "head"), so "પ" + one letter does not
  load thousands of terms;
* **suffix shards** (``search/suffix/<n>.js``): every term again, sorted by
  its reversed spelling, for the fuzzy retry: a term one edit away from a
  word either begins with the word's first half or ends with its second
  half (or begins with the first half with the two middle letters swapped),
  so its candidates are three ranges, one of them in this order;
* **documents** (``search/docs/<n>.js``): what a result shows (URL, title,
  date, summary, language) and the body text its snippet is cut from,
  loaded only for results on screen.

Everything is sorted by UTF-16 code units, as JavaScript compares strings.
"""

from __future__ import annotations

import bisect
import json
from array import array
from dataclasses import dataclass, field

import numpy as np

from .scoring import ComputedIndex, int_list

# A posting chunk is closed once its JSON passes this many bytes (before
# gzip, which takes it to about a third). A term whose own entry is larger
# stays whole in a chunk of its own.
CHUNK_BYTES = 16_000
# Lexicon and suffix shards: terms per shard.
SHARD_BYTES = 6_000
# A prefix beginning more terms than this gets its expansion ready-made.
HEAD_LIMIT = 150
# search.js expands a prefix to at most 40 terms, without the exact stem:
# the 41 shortest are all it can use.
HEAD_SIZE = 41
# Prefixes shorter than this are never expanded (search.js MIN_PREFIX).
MIN_PREFIX = 2


def utf16(text: str) -> bytes:
    """Sort key: JavaScript's string order (UTF-16 code units)."""
    return text.encode("utf-16-be")


def reverse(term: str) -> str:
    """``term`` spelt backwards, by code point (search.js reverses the same way)."""
    return term[::-1]


def expansion_order(term: str):
    """search.js's order for expansions: shortest first (UTF-16 length), then string order."""
    return (len(utf16(term)) // 2, utf16(term))


@dataclass
class SplitIndex:
    manifest: dict
    chunks: list[dict] = field(default_factory=list)
    lexicon: list[dict] = field(default_factory=list)
    suffixes: list[dict] = field(default_factory=list)
    # Each chunk's compact, key-sorted JSON (build.to_json's), put together
    # from its terms' JSON: made once, for the packing and for the file.
    chunk_texts: list[str] = field(default_factory=list, repr=False, compare=False)


def compact_json(value) -> str:
    """Compact, key-sorted JSON (build.to_json escapes two separators in it)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _json_size(value) -> int:
    return len(compact_json(value).encode("utf-8"))


def term_entry(index: ComputedIndex, term: str) -> list:
    """[term number, per field [document deltas], [values in thousandths], positions by field]."""
    entry: list = [index.term_index[term]]
    by_field = index.postings[term]
    for name in index.fields:
        documents, scores = by_field.get(name, ((), ()))
        entry += [_deltas(documents), int_list(scores)]
    positions = {}
    for name, spans in sorted(index.positions.get(term, {}).items()):
        # Aligned with the field's documents (every one has positions).
        positions[name] = [spans[document] for document in int_list(by_field.get(name, ((), ()))[0])]
    entry.append(positions)
    return entry


def _deltas(documents) -> list[int]:
    """Each document number minus the one before it (the first minus 0)."""
    if isinstance(documents, np.ndarray):
        deltas = documents.copy()
        deltas[1:] -= documents[:-1]
        return deltas.tolist()
    documents = list(documents)
    return [document - previous for previous, document in zip([0, *documents], documents)]


def pack(items: list[tuple[str, object]], budget: int, sizes: dict[str, int] | None = None) -> list[list[tuple[str, object]]]:
    """Consecutive runs of (key, value) whose JSON stays within ``budget`` bytes (at least one each).

    ``sizes``: each item's JSON size in bytes (key, value and separators) by key, when known.
    """
    runs: list[list] = []
    current: list = []
    size = 0
    for key, value in items:
        item_size = sizes[key] if sizes is not None else _json_size(key) + _json_size(value) + 2
        if current and size + item_size > budget:
            runs.append(current)
            current, size = [], 0
        current.append((key, value))
        size += item_size
    if current:
        runs.append(current)
    return runs


def heads(terms_sorted: list[str], limit: int = HEAD_LIMIT) -> dict[str, list[str]]:
    """For every prefix (MIN_PREFIX code points on) beginning more than ``limit`` terms: its 41 shortest."""
    counts: dict[str, int] = {}
    for term in terms_sorted:
        for length in range(MIN_PREFIX, len(term) + 1):
            prefix = term[:length]
            counts[prefix] = counts.get(prefix, 0) + 1
    big = {prefix for prefix, count in counts.items() if count > limit}
    found: dict[str, list[str]] = {prefix: [] for prefix in big}
    for term in terms_sorted:
        for length in range(MIN_PREFIX, len(term) + 1):
            prefix = term[:length]
            if prefix in found:
                found[prefix].append(term)
    return {prefix: sorted(words, key=expansion_order)[:HEAD_SIZE] for prefix, words in found.items()}


def shard_of(boundaries_keys: list[bytes], key: bytes) -> int:
    """The shard a key sorts into: the last one whose first entry is not after it."""
    return max(0, bisect.bisect_right(boundaries_keys, key) - 1)


def split_index(index: ComputedIndex, pipeline: list[str], lunr_version: str, chunk_bytes: int = CHUNK_BYTES,
                shard_bytes: int = SHARD_BYTES, head_limit: int = HEAD_LIMIT) -> SplitIndex:
    """The index as manifest, posting chunks, lexicon and suffix shards (JSON-ready).

    The sizes are parameters for the tests, which cut small archives small.
    """
    terms = sorted(index.postings, key=utf16)

    entries = [(term, term_entry(index, term)) for term in terms]
    texts = {term: compact_json(entry) for term, entry in entries}
    keys = {term: compact_json(term) for term in terms}
    key_sizes = {term: len(key.encode("utf-8")) for term, key in keys.items()}
    chunk_runs = pack(entries, chunk_bytes, {term: key_sizes[term] + len(text.encode("utf-8")) + 2
                                             for term, text in texts.items()})
    chunks = [{"terms": dict(run)} for run in chunk_runs]
    # JSON is made of its parts: {"terms":{key:value,...}} with the keys in
    # code point order is what json.dumps(sort_keys=True) writes.
    chunk_texts = ['{"terms":{' + ",".join(f"{keys[term]}:{texts[term]}" for term in sorted(term for term, _ in run))
                   + "}}" for run in chunk_runs]

    # A term and null: "term":null, in a run.
    listed = {term: size + len("null") + 2 for term, size in key_sizes.items()}
    lexicon_runs = pack([(term, None) for term in terms], shard_bytes, listed)
    lexicon_first = [run[0][0] for run in lexicon_runs]
    first_keys = [utf16(term) for term in lexicon_first]
    lexicon = [{"terms": [term for term, _ in run], "heads": {}} for run in lexicon_runs]
    for prefix, shortest in sorted(heads(terms, head_limit).items()):
        lexicon[shard_of(first_keys, utf16(prefix))]["heads"][prefix] = shortest

    backwards = sorted(terms, key=lambda term: utf16(reverse(term)))
    suffix_runs = pack([(term, None) for term in backwards], shard_bytes, listed)
    suffixes = [{"terms": [term for term, _ in run]} for run in suffix_runs]

    manifest = {
        "version": lunr_version,
        "fields": list(index.fields),
        "pipeline": pipeline,
        "documents": index.document_count,
        "chunks": [run[0][0] for run in chunk_runs],
        "lexicon": lexicon_first,
        "suffixes": [reverse(run[0][0]) for run in suffix_runs],
    }
    return SplitIndex(manifest=manifest, chunks=chunks, lexicon=lexicon, suffixes=suffixes, chunk_texts=chunk_texts)


def assemble(manifest: dict, chunks: list[dict]) -> ComputedIndex:
    """The whole index back from the manifest and every chunk (the inverse of the cutting, for tests and tools)."""
    fields = manifest["fields"]
    found = []
    for chunk in chunks:
        for term, entry in chunk["terms"].items():
            found.append((entry[0], term, entry))
    term_index: dict[str, int] = {}
    postings: dict[str, dict] = {}
    positions: dict[str, dict] = {}
    for number, term, entry in sorted(found):
        term_index[term] = number
        by_field = {}
        for f, name in enumerate(fields):
            deltas, scores = entry[1 + 2 * f], entry[2 + 2 * f]
            documents, document = [], 0
            for delta in deltas:
                document += delta
                documents.append(document)
            if documents:
                by_field[name] = (array("l", documents), array("l", scores))
            spans = entry[1 + 2 * len(fields)].get(name)
            if spans is not None:
                positions.setdefault(term, {})[name] = dict(zip(documents, spans))
        postings[term] = by_field
    return ComputedIndex(fields=list(fields), document_count=manifest["documents"], term_index=term_index,
                         postings=postings, positions=positions)
