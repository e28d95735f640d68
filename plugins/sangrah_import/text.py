"""Small text helpers shared by the import stages."""

from __future__ import annotations

import re
import unicodedata

from sangrah_lang import RULES

# Body text keeps the author's digits (Gujarati or ASCII) but loses what is
# invisible or a space in disguise, so that equal-looking paragraphs compare
# equal and the Markdown stays readable.
_CLEAN = {ord(ch): None for ch in RULES["invisible"]["chars"]}
_CLEAN.update({ord(ch): " " for ch in RULES["spaces"]["chars"]})
_SPACES = re.compile(r"[ \t\f\v]+")

GUJARATI = re.compile(r"[\u0A80-\u0AFF]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
TERMINAL_PUNCTUATION = tuple(".!?।॥:;,…\"'”’)")


def clean_line(text: str) -> str:
    """NFC, invisible characters dropped, runs of spaces collapsed, trimmed."""
    text = unicodedata.normalize("NFC", text).translate(_CLEAN)
    return _SPACES.sub(" ", text).strip()


def comparable(text: str) -> str:
    """A form for comparing two texts: case-folded, punctuation and spaces gone."""
    text = unicodedata.normalize("NFC", text).translate(_CLEAN).lower()
    return "".join(ch for ch in text if ch.isalnum() or unicodedata.category(ch) in ("Mn", "Mc"))


def word_count(text: str) -> int:
    return len(text.split())


def script_of(text: str) -> str:
    """'gu' when Gujarati letters outnumber Latin ones, else 'en'."""
    gujarati = len(GUJARATI.findall(text))
    latin = len(LATIN_LETTER.findall(text))
    return "gu" if gujarati >= latin and gujarati else ("en" if latin else "gu")


def starts_with_marker(text: str, markers: list[str]) -> str | None:
    """The marker ``text`` starts with (case-insensitive, as a whole word), if any."""
    lowered = text.lstrip(" -–—•*·>|:#[(").lower()
    for marker in markers:
        if lowered.startswith(marker):
            rest = lowered[len(marker):]
            # A marker must end at a word boundary: "advertisement" must not
            # match "advertisements of the new policy were …" mid-word, and
            # "by" must not match "bypass".
            if not rest or not (rest[0].isalnum() or unicodedata.category(rest[0]) in ("Mn", "Mc")) or marker[-1] in ":(":
                return marker
    return None
