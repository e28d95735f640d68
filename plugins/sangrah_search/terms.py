"""What the index needs of one document: its terms per field, counted, without lunr.py's Builder.

lunr.py's ``Builder.add`` makes a Token object per word, runs three pipeline
functions on it and records metadata, for every word of every article. The
result that matters is small: per field, each term's frequency in
first-occurrence order, the field's length in terms, and (titles only) the
first match positions. :func:`document_terms` computes exactly that, with
the per-word work memoized: the same words come back in every article, so
tokenizing, trimming, stop-word filtering and stemming a word happens once
per distinct word of a build, not once per occurrence.

The result depends on the document's text and on the language rules only,
so it is cached by content hash (:class:`TermCache`): a rebuild after one
new dump computes the terms of the new articles alone.

tests/search/test_split_ranking.py holds the outcome to lunr.py's own
Builder, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
from array import array
from pathlib import Path
from typing import Iterable, Sequence

from sangrah_lang import RULES, fold_case, is_stop_word, normalize_text, stem, trim
from sangrah_lang.tokenize import _TOKEN

from .kept import KeptEntries

# Bump when what document_terms computes changes (the cache keys on it).
TERMS_FORMAT = 3
# How many match positions a highlighted field keeps per term (build.py's MAX_POSITIONS).
MAX_POSITIONS = 4


# Between a field's terms in FieldTerms.joined: never part of a term (the
# tokenizer's characters come from language.json: checked here).
SEPARATOR = "\x1f"
if _TOKEN.search(SEPARATOR):
    raise ImportError("sangrah_search: U+001F became a token character; FieldTerms.joined needs another separator")


class FieldTerms:
    """One field of one document: (term, frequency) in first-occurrence order, length, positions.

    Kept column by column (the terms; their frequencies and the positions as
    packed integers): a rebuild loads 10,000 documents' terms from the cache,
    and a tuple per term and per position made that two seconds of
    unpickling on the search's critical path; columns take a tenth of it.
    """

    __slots__ = ("joined", "counts", "length", "position_words", "position_counts", "position_spans")

    def __init__(self, terms: Sequence[tuple[str, int]] = (), length: int = 0,
                 positions: Sequence[tuple[str, Sequence[tuple[int, int]]]] = ()):
        self.joined = SEPARATOR.join(term for term, _ in terms)  # one string: unpickled in one step
        self.counts = array("I", [count for _, count in terms]).tobytes()
        self.length = length  # terms after the pipeline (lunr's field length)
        # Highlighted fields only: each term's first spans, (start, length) in code points.
        self.position_words = tuple(term for term, _ in positions)
        self.position_counts = array("I", [len(spans) for _, spans in positions]).tobytes()
        self.position_spans = array("I", [number for _, spans in positions for span in spans for number in span]).tobytes()

    @property
    def words(self) -> list[str]:
        return self.joined.split(SEPARATOR) if self.joined or self.counts else []

    @property
    def frequencies(self) -> array:
        frequencies = array("I")
        frequencies.frombytes(self.counts)
        return frequencies

    @property
    def terms(self) -> tuple[tuple[str, int], ...]:
        return tuple(zip(self.words, self.frequencies))

    @property
    def positions(self) -> tuple[tuple[str, tuple[tuple[int, int], ...]], ...]:
        counts, numbers = array("I"), array("I")
        counts.frombytes(self.position_counts)
        numbers.frombytes(self.position_spans)
        found, at = [], 0
        for term, count in zip(self.position_words, counts):
            found.append((term, tuple((numbers[i], numbers[i + 1]) for i in range(at, at + 2 * count, 2))))
            at += 2 * count
        return tuple(found)

    def _columns(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __reduce__(self):
        return _field_terms_of_columns, self._columns()

    def __eq__(self, other) -> bool:
        return isinstance(other, FieldTerms) and self._columns() == other._columns()

    def __hash__(self) -> int:
        return hash(self._columns())

    def __repr__(self) -> str:
        return f"FieldTerms(terms={self.terms!r}, length={self.length!r}, positions={self.positions!r})"


def _field_terms_of_columns(joined, counts, length, position_words, position_counts, position_spans) -> FieldTerms:
    terms = FieldTerms.__new__(FieldTerms)
    terms.joined, terms.counts, terms.length = joined, counts, length
    terms.position_words, terms.position_counts, terms.position_spans = position_words, position_counts, position_spans
    return terms


# Token as found in the text (before case folding) → term, or None when the
# pipeline drops it; and a whitespace-separated piece of text → its terms.
# One of each per process: the vocabulary repeats.
_MEMO: dict[str, str | None] = {}
_PIECES: dict[str, tuple[str, ...]] = {}
MEMO_LIMIT = 2_000_000  # entries: a pathological archive must not grow them without end


def term_of(raw: str) -> str | None:
    """The index pipeline on one token (pipeline.py's trimmer, stop words, stemmer), memoized."""
    try:
        return _MEMO[raw]
    except KeyError:
        pass
    word = trim(fold_case(raw))
    term = None if not word or is_stop_word(word) else stem(word)
    if len(_MEMO) < MEMO_LIMIT:
        _MEMO[raw] = term
    return term


def piece_terms(piece: str) -> tuple[str, ...]:
    """The terms of a run of text without white space ("રશિયાના," → ("રશિયા",)), memoized."""
    try:
        return _PIECES[piece]
    except KeyError:
        pass
    terms = tuple(term for term in map(term_of, _TOKEN.findall(piece)) if term is not None)
    if len(_PIECES) < MEMO_LIMIT:
        _PIECES[piece] = terms
    return terms


def field_terms(text: str, positions: bool) -> FieldTerms:
    """The terms of one field's text, as lunr.py's Builder.add with sangrah's tokenizer sees them."""
    counts: dict[str, int] = {}
    found: dict[str, list] = {}
    length = 0
    normalized = normalize_text(text)
    if not positions:
        # No white space is a token character (tests/search/test_split_ranking.py
        # checks), so tokens never cross it: the text is cut at white space
        # first, and each piece (a word with its punctuation, mostly) is
        # looked up whole. The regular expression runs once per distinct piece.
        for piece in normalized.split():
            for term in piece_terms(piece):
                length += 1
                counts[term] = counts.get(term, 0) + 1
        return FieldTerms(terms=tuple(counts.items()), length=length)
    # token_spans() normalizes the whole text, then cuts tokens and
    # case-folds each; positions count code points of the normalized text.
    for match in _TOKEN.finditer(normalized):
        term = term_of(match.group())
        if term is None:
            continue
        length += 1
        counts[term] = counts.get(term, 0) + 1
        if positions:
            spans = found.setdefault(term, [])
            if len(spans) < MAX_POSITIONS:
                spans.append((match.start(), match.end() - match.start()))
    return FieldTerms(
        terms=tuple(counts.items()),
        length=length,
        positions=tuple((term, tuple(spans)) for term, spans in found.items()),
    )


def document_terms(fields: dict[str, str], highlighted: Iterable[str]) -> dict[str, FieldTerms]:
    """Every field of one document (in the order given); positions for ``highlighted`` fields."""
    highlighted = set(highlighted)
    return {name: field_terms(text or "", name in highlighted) for name, text in fields.items()}


def rules_digest() -> str:
    """A hash of what the pipeline's output depends on besides the text."""
    # The integers' width too: the columns are machine-sized arrays.
    payload = (json.dumps(RULES, sort_keys=True, ensure_ascii=False)
               + f"|{TERMS_FORMAT}|{MAX_POSITIONS}|{array('I').itemsize}")
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def content_key(fields: dict[str, str], highlighted: Sequence[str]) -> str:
    digest = hashlib.sha256()
    for name, text in fields.items():
        digest.update(name.encode("utf-8") + b"\0" + (text or "").encode("utf-8") + b"\0")
    digest.update(("|".join(highlighted)).encode("utf-8"))
    return digest.hexdigest()


def _terms_job(job):
    fields, highlighted = job
    return document_terms(fields, highlighted)


class TermCache(KeptEntries):
    """Per-document terms by content hash, kept between builds (kept.py); dropped when the language rules change."""

    def __init__(self, path: Path | None):
        super().__init__(path, rules_digest())
        self.hits = 0

    def terms_of_all(self, documents: Sequence[dict[str, str]], highlighted: Sequence[str],
                     workers: int = 1) -> list[dict[str, FieldTerms]]:
        """Terms of every document, from the cache or computed (in ``workers`` processes)."""
        keys = [content_key(fields, highlighted) for fields in documents]
        missing = [i for i, key in enumerate(keys) if key not in self.old and key not in self.used]
        computed: dict[int, dict] = {}
        if missing:
            jobs = [(documents[i], tuple(highlighted)) for i in missing]
            if workers > 1 and len(missing) >= 200:
                computed = dict(zip(missing, _parallel(jobs, workers)))
            else:
                computed = {i: _terms_job(job) for i, job in zip(missing, jobs)}
        results = []
        for i, key in enumerate(keys):
            if i in computed:
                value = computed[i]
            else:
                value = self.used.get(key) or self.old[key]
                self.hits += 1
            self.used[key] = value
            results.append(value)
        return results


def _parallel(jobs, workers: int) -> list:
    """The jobs in ``workers`` forked processes, results in job order (identical to one process)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    chunk = max(1, len(jobs) // (workers * 8))
    with context.Pool(workers) as pool:
        return pool.map(_terms_job, jobs, chunksize=chunk)
