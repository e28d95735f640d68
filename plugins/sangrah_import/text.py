"""Small text helpers shared by the import stages."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from sangrah_lang import RULES

# Body text keeps the author's digits (Gujarati or ASCII) but loses what is
# invisible or a space in disguise, so that equal-looking paragraphs compare
# equal and the Markdown stays readable.
_CLEAN = {ord(ch): None for ch in RULES["invisible"]["chars"]}
_CLEAN.update({ord(ch): " " for ch in RULES["spaces"]["chars"]})
# Whether a line holds any of them: most lines hold none, and a search in C
# is some ten times faster than translate()'s lookup of every character.
_TO_CLEAN = re.compile("[" + "".join(map(re.escape, sorted(map(chr, _CLEAN)))) + "]")
_SPACES = re.compile(r"[ \t\f\v]+")

GUJARATI = re.compile(r"[\u0A80-\u0AFF]")
TERMINAL_PUNCTUATION = tuple(".!?।॥:;,…\"'”’)")


def clean_line(text: str) -> str:
    """NFC, invisible characters dropped, runs of spaces collapsed, trimmed."""
    text = unicodedata.normalize("NFC", text)
    if _TO_CLEAN.search(text):
        text = text.translate(_CLEAN)
    return _SPACES.sub(" ", text).strip()


class _ComparableTable(dict):
    """str.translate table for comparable(): letters, digits and vowel signs
    stay, everything else goes. Filled per character on first sight (a
    table lookup in C instead of a Python test per character)."""

    def __missing__(self, codepoint: int):
        ch = chr(codepoint)
        keep = ch.isalnum() or unicodedata.category(ch) in ("Mn", "Mc")
        self[codepoint] = codepoint if keep else None
        return self[codepoint]


_COMPARABLE = _ComparableTable({codepoint: None for codepoint in _CLEAN})


def comparable(text: str) -> str:
    """A form for comparing two texts: case-folded, punctuation and spaces gone."""
    # Invisible characters go before anything else (the table drops them
    # even where one is a combining mark, as U+034F is).
    return unicodedata.normalize("NFC", text).lower().translate(_COMPARABLE)


# The cleaner asks each line for its word count and its lower-case form a
# dozen times over, one test after another (clean/lines.py's classify): each
# is worked out once a line. Lines repeat little beyond a dump, and a dump
# has far fewer lines than the caches keep.
@lru_cache(maxsize=4096)
def word_count(text: str) -> int:
    return len(text.split())


@lru_cache(maxsize=4096)
def lower_case(text: str) -> str:
    """``text.lower()``, kept for the lines of the dump at hand."""
    return text.lower()


# re.IGNORECASE pairs these with ASCII letters and lower() does not (İ lowers
# to two characters, ı and ſ are lower case already): they are made the
# letters first, so that a case-sensitive search of the caseless text finds
# every place where a case-blind search finds a lower-case word, at a sixth
# of its cost. tests/import/test_text.py checks every code point.
_CASE_BLIND_LETTERS = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))


# A line's dates look for a camera's name and a month name in it: both in
# one caseless form, worked out once.
@lru_cache(maxsize=1024)
def caseless(text: str) -> str:
    """``text`` lowered so that case-blind matching of lower-case words is case-sensitive matching.

    One character of ``text`` gives one of the result, so offsets agree.
    """
    for letter, ascii_letter in _CASE_BLIND_LETTERS:
        if letter in text:
            text = text.replace(letter, ascii_letter)
    return text.lower()


class Need(NamedTuple):
    """What a text must hold for a costlier pattern to match: asked first,
    because a search for it fails faster on prose than the pattern does."""

    pattern: re.Pattern
    of_caseless: bool  # asked of caseless(text): the pattern is lower-case words

    def found_in(self, text: str) -> bool:
        return self.pattern.search(caseless(text) if self.of_caseless else text) is not None


def words_pattern(words) -> re.Pattern:
    """Any of ``words`` (lower-cased), longest first: for a Need asked of caseless text."""
    return re.compile("|".join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True)))


def count_of(runs: re.Pattern, text: str) -> int:
    """How many characters of ``text`` a runs pattern (a character class and ``+``) matches.

    Summing the runs' lengths makes one string a word instead of one a
    character: about three times faster on a dump than counting the
    characters one by one.
    """
    return sum(map(len, runs.findall(text)))


def count_reaches(runs: re.Pattern, text: str, enough: int) -> bool:
    """Whether count_of(runs, text) >= enough, counted only as far as ``enough``.

    Most questions about a Gujarati text's script are answered by its first
    words: a whole article's Gujarati letters need not be counted to know
    they outnumber its seven Latin ones.
    """
    if enough <= 0:
        return True
    found = 0
    for run in runs.finditer(text):
        found += run.end() - run.start()
        if found >= enough:
            return True
    return False


# Runs of Gujarati letters and of ASCII letters, for count_of.
GUJARATI_RUNS = re.compile(r"[\u0A80-\u0AFF]+")
LATIN_LETTER_RUNS = re.compile(r"[A-Za-z]+")


def script_of(text: str) -> str:
    """'gu' when Gujarati letters outnumber Latin ones, else 'en'."""
    latin = count_of(LATIN_LETTER_RUNS, text)
    if not latin:
        return "gu"
    return "gu" if count_reaches(GUJARATI_RUNS, text, latin) else "en"


def _is_wordish(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch) in ("Mn", "Mc")


def strip_leading_symbols(text: str) -> str:
    """Drop bullets, punctuation and emoji before the first letter or digit."""
    for index, ch in enumerate(text):
        if _is_wordish(ch) or ch in "©":
            return text[index:]
    return ""


# Gujarati typists often put the visarga ઃ where a colon belongs
# ("આ પણ વાંચોઃ"); after a whole marker it is punctuation, not a sound.
_MARKER_ENDS = "ઃ"


@lru_cache(maxsize=256)
def longest_first(markers: tuple[str, ...]) -> tuple[str, ...]:
    """Markers with the longest first, so that "trending now" wins over "trending" (ties keep their order)."""
    return tuple(sorted(markers, key=len, reverse=True))


@lru_cache(maxsize=256)
def _markers_by_first(markers: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Markers by their first character, longest first within each: a line is
    compared with the few markers that start as it does, not with the whole
    list (the cleaner asks this of every line, fifty times a dump)."""
    index: dict[str, list[str]] = {}
    for marker in longest_first(markers):
        index.setdefault(marker[:1], []).append(marker)
    return {first: tuple(found) for first, found in index.items()}


@lru_cache(maxsize=4096)
def marker_form(text: str) -> str:
    """What a line's markers are looked for in: its lower-case form from its first letter or digit."""
    return strip_leading_symbols(text).lower()


def starts_with_marker(text: str, markers: list[str]) -> str | None:
    """The longest marker ``text`` starts with (case-insensitive, as a whole word), if any."""
    lowered = marker_form(text)
    if not lowered:
        return None
    candidates = _markers_by_first(tuple(markers)).get(lowered[0], ())
    for marker in candidates:
        if lowered.startswith(marker):
            rest = lowered[len(marker):]
            # A marker must end at a word boundary: "advertisement" must not
            # match "advertisements of the new policy were …" mid-word, and
            # "by" must not match "bypass".
            if not rest or not _is_wordish(rest[0]) or rest[0] in _MARKER_ENDS or not _is_wordish(marker[-1]):
                return marker
    return None


def after_marker(text: str, marker: str) -> str:
    """What follows ``marker`` at the start of ``text``, without separators."""
    rest = strip_leading_symbols(text)[len(marker):]
    return rest.strip(" :-–—|»>›ઃ")


def contains_phrase(text: str, phrases: list[str]) -> bool:
    """Whether one of ``phrases`` occurs in ``text`` as whole words."""
    lower = lower_case(text)
    for phrase in phrases:
        start = lower.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            before_ok = start == 0 or not _is_wordish(lower[start - 1])
            after_ok = end == len(lower) or not _is_wordish(lower[end])
            if before_ok and after_ok:
                return True
            start = lower.find(phrase, start + 1)
    return False
