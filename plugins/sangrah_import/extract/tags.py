"""Tags: the author's hashtags and tag lines, spelled as written."""

from __future__ import annotations

from sangrah_lang import fold_case, normalize_text

from ..data import load
from ..text import clean_line

TAG_MAX_CHARS = 60


def is_generic_tag(tag: str) -> bool:
    """A site's name, or words every article of a site carries ('Gujarati News',
    'latest news'): a search-engine label, not a subject."""
    noise = load("noise")
    lowered = fold_case(normalize_text(tag)).strip()
    sites = noise["site_names"]["names"]
    if lowered in sites:
        return True
    generic = set(noise["seo_generic_words"]["words"])
    # One-word site names ('vtv', 'gstv', 'sandesh') mark a tag as the site's
    # own; words of longer names ('gujarat' of 'gujarat samachar') do not.
    site_words = {name for name in sites if " " not in name}
    words = lowered.replace("_", " ").replace("-", " ").split()
    if len(words) > 1 and any(" ".join(words).endswith(" " + e) for e in noise["generic_tag_endings"]["endings"]):
        return True  # 'kutch news', 'gujarat latest news'
    return bool(words) and all(w in generic or w in site_words for w in words)


def clean_tags(raw: list[str]) -> list[str]:
    """Tags without '#', each distinct tag once (first spelling kept)."""
    tags: list[str] = []
    seen: set[str] = set()
    for tag in raw:
        text = clean_line(str(tag)).lstrip("#").strip(" .,;:|")
        key = fold_case(normalize_text(text))
        if not text or len(text) > TAG_MAX_CHARS or key in seen or is_generic_tag(text):
            continue
        seen.add(key)
        tags.append(text)
    return tags
