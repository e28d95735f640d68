"""sangrah's language pipeline as lunr.py pipeline functions, and a builder.

The index is built here with lunr.py and searched in the browser with lunr.js.
lunr.js refuses to load an index whose pipeline names a function it does not
know, so the names below are a contract with
``static/sangrah-lang.js``, which registers functions of the same names doing
the same thing (tests/search holds the two to identical results).

Index pipeline: sangrah-trimmer, sangrah-stopwords, sangrah-stemmer (the
tokenizer has already normalized and case-folded).
Search pipeline: sangrah-normalizer, sangrah-trimmer, sangrah-stemmer (a query
term comes from lunr's query lexer, lower-cased but not normalized; stop words
stay, since a stop word in a query just matches nothing).
"""

from __future__ import annotations

from collections import defaultdict
from copy import deepcopy

from lunr.builder import Builder
from lunr.field_ref import FieldRef
from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.token import Token

from sangrah_lang import fold_case, is_stop_word, normalize_text, stem, token_spans, trim

NORMALIZER = "sangrah-normalizer"
TRIMMER = "sangrah-trimmer"
STOP_WORDS = "sangrah-stopwords"
STEMMER = "sangrah-stemmer"


def normalizer(token, i=None, tokens=None):
    return token.update(lambda string, metadata: fold_case(normalize_text(string)))


def trimmer(token, i=None, tokens=None):
    token.update(lambda string, metadata: trim(string))
    # None drops the token; an empty Token would still be a truthy result.
    return token if token.string else None


def stop_word_filter(token, i=None, tokens=None):
    return None if is_stop_word(token.string) else token


def stemmer(token, i=None, tokens=None):
    return token.update(lambda string, metadata: stem(string))


Pipeline.register_function(normalizer, NORMALIZER)
Pipeline.register_function(trimmer, TRIMMER)
Pipeline.register_function(stop_word_filter, STOP_WORDS)
Pipeline.register_function(stemmer, STEMMER)


def tokenize_for_lunr(value, metadata: dict | None = None) -> list[Token]:
    """sangrah's tokenizer in lunr's form (the twin of sangrah-lang.js's).

    Like lunr's own tokenizer, a list gives one token per element and a
    string is split; each token gets ``position`` ([start, length] in code
    points of the normalized text) and ``index``.
    """
    if value is None:
        return []
    metadata = metadata or {}
    if isinstance(value, (list, tuple)):
        return [
            Token(fold_case(normalize_text("" if element is None else str(element))), deepcopy(metadata))
            for element in value
        ]
    tokens = []
    for index, (token, start, length) in enumerate(token_spans(str(value))):
        token_metadata = {"position": [start, length], "index": index}
        if metadata:
            token_metadata.update(deepcopy(metadata))
        tokens.append(Token(token, token_metadata))
    return tokens


# Never written to: postings of fields without metadata all point to it.
_NO_METADATA: dict = {}


class SangrahBuilder(Builder):
    """A lunr.py Builder that tokenizes with sangrah's tokenizer.

    lunr.py 0.8 calls its own tokenizer inside ``Builder.add`` with no way to
    swap it (lunr.js has ``builder.tokenizer``), so ``add`` is written out
    again here: the same bookkeeping, with :func:`tokenize_for_lunr`.

    ``metadata_fields``, when set, limits the whitelisted metadata to those
    fields: positions of every body word, recorded only to be dropped, held
    most of a build's memory.
    """

    metadata_fields: frozenset[str] | None = None

    def add(self, doc, attributes=None):
        doc_ref = str(doc[self._ref])
        self._documents[doc_ref] = attributes or {}
        self.document_count += 1

        for field_name, field in self._fields.items():
            value = doc[field_name] if field.extractor is None else field.extractor(doc)
            terms = self.pipeline.run(tokenize_for_lunr(value), field_name)
            field_ref = str(FieldRef(doc_ref, field_name))
            field_terms = defaultdict(int)
            self.field_term_frequencies[field_ref] = field_terms
            self.field_lengths[field_ref] = len(terms)

            record = self.metadata_fields is None or field_name in self.metadata_fields
            for term in terms:
                key = str(term)
                field_terms[key] += 1
                posting = self.inverted_index.get(key)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    self.inverted_index[key] = posting
                if not record:
                    # One shared empty mapping, not one per word and article.
                    posting[field_name].setdefault(doc_ref, _NO_METADATA)
                    continue
                document_metadata = posting[field_name].setdefault(doc_ref, defaultdict(list))
                for metadata_key in self.metadata_whitelist:
                    document_metadata[metadata_key].append(term.metadata[metadata_key])


def make_builder() -> SangrahBuilder:
    """A builder with sangrah's tokenizer and pipelines; add ref and fields."""
    builder = SangrahBuilder()
    builder.pipeline.add(trimmer, stop_word_filter, stemmer)
    builder.search_pipeline.add(normalizer, trimmer, stemmer)
    return builder


def _utf16_order(entry):
    # JavaScript compares strings by UTF-16 code unit; big-endian UTF-16
    # bytes sort the same way.
    return entry[0].encode("utf-16-be")


def serialize_index(index: Index) -> dict:
    """The index as lunr.js loads it: terms in UTF-16 code unit order.

    lunr.py sorts terms by code point, lunr.js rebuilds its term set and
    throws 'Out of order word insertion' unless they come in UTF-16 order;
    the two differ when a term has a character above U+FFFF (an emoji) where
    another has one from U+E000 to U+FFFF.
    """
    serialized = index.serialize()
    serialized["invertedIndex"] = sorted(serialized["invertedIndex"], key=_utf16_order)
    return serialized


def load_index(serialized: dict) -> Index:
    """lunr.py's Index.load for an index from :func:`serialize_index`.

    lunr.py wants code point order back; the pipeline functions above are
    registered by importing this module.
    """
    reordered = dict(serialized)
    reordered["invertedIndex"] = sorted(serialized["invertedIndex"], key=lambda entry: entry[0])
    return Index.load(reordered)
