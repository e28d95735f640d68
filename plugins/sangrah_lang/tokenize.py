"""Tokens and the trimmer, from ``language.json``'s ``tokenizer`` section.

The browser (plugins/sangrah_search/static/sangrah-lang.js) builds the same
two regular expressions from the same ranges; the parity tests hold the two
to identical output.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .normalize import RULES, fold_case, normalize_text

_TOKENIZER = RULES["tokenizer"]
CACHE_SIZE = 1 << 18


def parse_ranges(specs: list[str]) -> list[tuple[int, int]]:
    """``["0041-005A", "00AA"]`` -> ``[(0x41, 0x5A), (0xAA, 0xAA)]``."""
    ranges = []
    for spec in specs:
        first, _, last = spec.partition("-")
        ranges.append((int(first, 16), int(last or first, 16)))
    return ranges


def _class_body(ranges: list[tuple[int, int]]) -> str:
    # \U escapes keep the pattern ASCII and spell astral code points whole.
    return "".join(
        f"\\U{first:08X}" if first == last else f"\\U{first:08X}-\\U{last:08X}"
        for first, last in ranges
    )


WORD_CHAR_RANGES = parse_ranges(_TOKENIZER["word_chars"]["ranges"])
_WORD = _class_body(WORD_CHAR_RANGES)
_EXTRA = "".join(re.escape(ch) for ch in _TOKENIZER["extra_token_chars"]["chars"])
# Astral code points are token characters whatever they are: see
# tokenizer.astral_policy (lunr.js's query lexer cannot see them whole).
_TOKEN = re.compile(f"[{_WORD}{_EXTRA}\\U00010000-\\U0010FFFF]+")
# \Z, not $: Python's $ also matches before a final newline.
_UNTRIMMED_ENDS = re.compile(f"^[^{_WORD}]+|[^{_WORD}]+\\Z")


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """``(token, start, length)`` for each token of ``text``.

    Tokens are case-folded; ``start`` and ``length`` count code points of
    ``normalize_text(text)`` (the text before case folding, which can change
    lengths). The browser counts UTF-16 units instead: see
    ``codePointSpanToUtf16`` in sangrah-lang.js.
    """
    normalized = normalize_text(text)
    return [
        (fold_case(match.group()), match.start(), match.end() - match.start())
        for match in _TOKEN.finditer(normalized)
    ]


def tokenize(text: str) -> list[str]:
    """The case-folded tokens of ``text``, normalized first."""
    return [token for token, _, _ in token_spans(text)]


@lru_cache(maxsize=CACHE_SIZE)
def trim(token: str) -> str:
    """``token`` without the non-word characters at its ends ('' if none left)."""
    return _UNTRIMMED_ENDS.sub("", token)


_ONE_WORD_CHAR = re.compile(f"[{_WORD}]")
_ONE_TOKEN_CHAR = re.compile(f"[{_WORD}{_EXTRA}\\U00010000-\\U0010FFFF]")


def is_word_char(char: str) -> bool:
    """True for a letter, combining mark or digit: what the trimmer keeps."""
    return _ONE_WORD_CHAR.fullmatch(char) is not None


def is_token_char(char: str) -> bool:
    """True for a character that does not separate tokens."""
    return _ONE_TOKEN_CHAR.fullmatch(char) is not None
