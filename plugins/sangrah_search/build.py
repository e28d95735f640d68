"""The search data of a site: a lunr index cut into parts, and one file per document.

The index is lunr's (fields title, entities, tags and body, boosted in that
order; match positions kept for titles), computed without lunr.py's
Builder (terms.py, scoring.py: the same numbers, checked byte for byte) and
shipped cut into parts the browser loads per query word (split.py).
Per document, one file holds what a result shows (URL, title, date,
summary, language) and the body text its snippet is cut from, loaded only
for results on screen. The browser finds the matches in the body by
running the index's own pipeline over it (see HIGHLIGHTED_FIELDS).

:func:`build_index` (lunr.py's own Builder, one index) stays for the
benchmark's baseline and the tests that hold the split index to it.

Everything is deterministic: documents are numbered in URL order, JSON keys
are sorted, and the version is a hash of the bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Sequence

from lunr import __TARGET_JS_VERSION__

from sangrah_lang import normalize_text

from .documents import SearchDocument
from .pipeline import make_builder
from .scoring import compute_index
from .split import SplitIndex, compact_json, split_index
from .terms import MAX_POSITIONS, TermCache

# (field, boost): a word in the title counts most, then the names of the
# article's people, places and organizations, then tags, then the body.
FIELDS = (("title", 10), ("entities", 5), ("tags", 3), ("body", 1))
# Match positions (lunr.py's, in code points of the normalized text) are
# shipped for titles only. Body positions doubled the index (measured on
# 200 synthetic articles: 2.0 MB against 1.1 MB, gzip 467 KB against 238 KB)
# for the few results whose snippets are on screen; the browser loads those
# bodies anyway, and search.js finds the matched words in them by running
# the same tokenizer, trimmer and stemmer over the text (the pipeline parity
# tests hold the two sides to identical terms). Entity names and tags are
# not highlighted at all.
HIGHLIGHTED_FIELDS = ("title",)
# Scores do not use positions (lunr keeps term frequencies apart): a title
# repeating a word needs no more than a few of them marked (MAX_POSITIONS, terms.py).


@dataclass
class SearchData:
    """Everything the browser gets, as JSON-ready objects, and its version."""

    index: SplitIndex
    docs: list[dict] = field(default_factory=list)
    version: str = ""
    # The JSON text of each chunk, lexicon and suffix shard and document, by
    # (kind, number): made once for the version hash and reused for the files.
    serialized: dict = field(default_factory=dict, repr=False, compare=False)


def ordered(documents: Sequence[SearchDocument]) -> list[SearchDocument]:
    """Documents in URL order: a document's number does not depend on how Pelican listed it."""
    return sorted(documents, key=lambda document: (document.url, document.title))


def index_fields(document: SearchDocument) -> dict:
    """The document as lunr.py indexes it.

    Lists are joined into one string: lunr's tokenizer would make each list
    element one token, and "Vladimir Putin" must give the terms vladimir and
    putin. A line break separates the names (the tokenizer splits on it).
    """
    return {
        "title": document.title,
        "entities": "\n".join(document.entity_names),
        "tags": "\n".join(document.tags),
        "body": document.body,
    }


def build_index(documents: Sequence[SearchDocument]):
    """A lunr.py Index of ``documents`` (in the given order; refs are "0", "1", ...)."""
    builder = make_builder()
    builder.ref("ref")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    builder.metadata_whitelist = ["position"]
    builder.metadata_fields = frozenset(HIGHLIGHTED_FIELDS)
    for number, document in enumerate(documents):
        builder.add({"ref": str(number), **index_fields(document)})
    index = builder.build()
    trim_positions(index)
    return index


def trim_positions(index) -> None:
    """Keep the first MAX_POSITIONS positions in highlighted fields, none elsewhere."""
    for posting in index.inverted_index.values():
        for field_name, by_document in posting.items():
            if field_name == "_index":
                continue
            for ref, metadata in by_document.items():
                if field_name not in HIGHLIGHTED_FIELDS:
                    by_document[ref] = {}
                elif "position" in metadata:
                    metadata["position"] = list(metadata["position"])[:MAX_POSITIONS]


def doc_payload(document: SearchDocument) -> dict:
    """What a result shows, and the body text a snippet is cut from (normalized, as the index read it)."""
    return {
        "url": document.url, "title": document.title, "date": document.date_iso, "dateText": document.date_text,
        "summary": document.summary, "lang": document.lang, "body": normalize_text(document.body),
    }


def to_json(value) -> str:
    """Compact, key-sorted JSON; the line and paragraph separators escaped.

    U+2028 and U+2029 are legal in JSON strings but ended a JavaScript string
    literal before ES2019; escaped, the data loads in any browser.
    """
    return _escape_separators(compact_json(value))


def _escape_separators(text: str) -> str:
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def compute(documents: Sequence[SearchDocument], cache: TermCache | None = None, workers: int = 1):
    """lunr's numbers for ``documents`` (in the given order) without lunr.py's Builder."""
    cache = cache or TermCache(None)
    terms = cache.terms_of_all([index_fields(document) for document in documents], HIGHLIGHTED_FIELDS, workers)
    return compute_index(terms, FIELDS)


def search_pipeline() -> list[str]:
    return make_builder().search_pipeline.serialize()


def build_search_data(documents: Sequence[SearchDocument], cache: TermCache | None = None,
                      workers: int = 1, **sizes) -> SearchData:
    """The split index and the document files of ``documents``; numbered in URL order.

    ``sizes``: split_index's chunk_bytes, shard_bytes, head_limit (tests cut small).
    """
    documents = ordered(documents)
    index = split_index(compute(documents, cache, workers), search_pipeline(), __TARGET_JS_VERSION__, **sizes)
    docs = [doc_payload(document) for document in documents]
    # The chunks' JSON is made with them (split.py).
    serialized = {("chunk", number): _escape_separators(text) for number, text in enumerate(index.chunk_texts)}
    serialized.update({(kind, number): to_json(payload)
                       for kind, payloads in (("lexicon", index.lexicon), ("suffix", index.suffixes), ("doc", docs))
                       for number, payload in enumerate(payloads)})
    digest = hashlib.sha256()
    digest.update(to_json(index.manifest).encode("utf-8"))
    digest.update(b"\0")
    for text in serialized.values():  # chunks, lexicon, suffixes, docs: the order they were hashed in
        digest.update(text.encode("utf-8"))
        digest.update(b"\0")
    return SearchData(index=index, docs=docs, version=digest.hexdigest()[:12], serialized=serialized)
