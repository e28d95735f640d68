"""Tags: the author's hashtags and tag lines, spelled as written."""

from __future__ import annotations

from sangrah_lang import fold_case, normalize_text

from ..text import clean_line

TAG_MAX_CHARS = 60


def clean_tags(raw: list[str]) -> list[str]:
    """Tags without '#', each distinct tag once (first spelling kept)."""
    tags: list[str] = []
    seen: set[str] = set()
    for tag in raw:
        text = clean_line(str(tag)).lstrip("#").strip(" .,;:|")
        key = fold_case(normalize_text(text))
        if not text or len(text) > TAG_MAX_CHARS or key in seen:
            continue
        seen.add(key)
        tags.append(text)
    return tags
