"""Readable ASCII slugs for Gujarati and English text.

Gujarati is romanized with aksharamukha's "RomanColloquial" scheme with the
final inherent vowel dropped, as Gujarati speech drops it (ઉત્તર -> uttar,
not uttara), so that રશિયા અને ઉત્તર કોરિયા becomes rashiya-ane-uttar-koriya.
Colloquial romanization is readable but lossy (કિમ and કીમ both give kim);
callers that need one slug per distinct name use :class:`SlugRegistry`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from aksharamukha import transliterate

from .normalize import normalize_text

_GUJARATI_WORD = re.compile(r"[\u0A80-\u0AFF]+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG_LENGTH = 60


# Romanized Gujarati words. aksharamukha costs about a millisecond a call,
# most of it fixed overhead, and news reuses its words: each word is
# romanized once a process, and prepare_romanization() romanizes a batch of
# new words in a single call.
_ROMAN_WORDS: dict[str, str] = {}


def _transliterate(text: str) -> str:
    return transliterate.process("Gujarati", "RomanColloquial", text, pre_options=["SchwaFinalGujarati"])


def _romanize_word(word: str) -> str:
    roman = _ROMAN_WORDS.get(word)
    if roman is None:
        roman = _ROMAN_WORDS[word] = _transliterate(word)
    return roman


def prepare_romanization(texts) -> int:
    """Romanize, in one aksharamukha call, every Gujarati word of ``texts`` not seen yet.

    Words are sent one per line: the scheme works within words, so each line
    comes back as that word alone would (tests/import/test_slugs.py). Should
    the lines ever not match up, nothing is kept and the word-by-word path
    answers as before. Returns how many words were romanized.
    """
    missing = sorted({word for text in texts for word in _GUJARATI_WORD.findall(normalize_text(text))}
                     - _ROMAN_WORDS.keys())
    if not missing:
        return 0
    lines = _transliterate("\n".join(missing)).split("\n")
    if len(lines) != len(missing):
        return 0
    _ROMAN_WORDS.update(zip(missing, lines))
    return len(missing)


@lru_cache(maxsize=65536)
def romanize(text: str) -> str:
    """Gujarati words of ``text`` in colloquial Latin letters; the rest as is."""
    # Word by word (see _ROMAN_WORDS). The scheme works within words (final
    # schwa, conjuncts), so this gives the bytes of romanizing whole runs of
    # words at once (tests/import/test_slugs.py).
    return _GUJARATI_WORD.sub(lambda m: _romanize_word(m.group(0)), text)


def _ascii(text: str) -> str:
    # Latin letters with diacritics keep their base letter (é -> e); other
    # scripts that slipped through are dropped rather than mangled.
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ord(ch) < 128)


def slugify(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """Lower-case ASCII words joined by hyphens; '' when nothing is left."""
    roman = _ascii(romanize(normalize_text(text))).lower()
    slug = _NOT_SLUG.sub("-", roman).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
    return slug


def fallback_slug(text: str, prefix: str = "item") -> str:
    """A stable slug for text that romanizes to nothing (emoji, other scripts)."""
    digest = hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:10]
    return f"{prefix}-{digest}"


class SlugRegistry:
    """Hands out one slug per distinct key, never the same slug twice.

    Keys are what must stay apart (two tags spelled કિમ and કીમ, two dumps
    with the same headline); the first key to want a slug gets it, later
    ones get -2, -3 … Feed keys in a deterministic order.
    """

    def __init__(self, reserved: dict[str, str] | None = None):
        self._by_key: dict[str, str] = {}
        self._taken: dict[str, str] = {}
        self.collisions: list[tuple[str, str, str]] = []  # (key, wanted, given)
        for slug, key in (reserved or {}).items():
            self._taken[slug] = key
            self._by_key.setdefault(key, slug)

    def assign(self, key: str, wanted: str) -> str:
        if key in self._by_key:
            return self._by_key[key]
        slug, number = wanted, 1
        while slug in self._taken:
            number += 1
            slug = f"{wanted}-{number}"
        if slug != wanted:
            self.collisions.append((key, wanted, slug))
        self._taken[slug] = key
        self._by_key[key] = slug
        return slug
