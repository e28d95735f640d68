"""The whole language pipeline in one call: what the search index stores."""

from __future__ import annotations

from .stem import stem
from .stopwords import is_stop_word
from .tokenize import tokenize, trim


def analyze(text: str) -> list[str]:
    """Index terms of ``text``: normalize, tokenize, trim, drop stop words, stem.

    The lunr pipeline (plugins/sangrah_search/pipeline.py) runs the same
    steps one function at a time; this is the same thing for a plain string.
    """
    terms = []
    for token in tokenize(text):
        trimmed = trim(token)
        if trimmed and not is_stop_word(trimmed):
            terms.append(stem(trimmed))
    return terms
