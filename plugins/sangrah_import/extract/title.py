"""The headline: what the dump's first line says, minus the SEO furniture.

Scrapers keep headlines as the page showed them to search engines:
"English keywords/ ગુજરાતી headline", "Headline | Site Name", a trailing
colon. The Gujarati headline is what a reader of the archive wants.
"""

from __future__ import annotations

import re

from ..data import load
from ..text import GUJARATI, clean_line, word_count

_SEO_SEPARATOR = re.compile(r"\s*(?:/|\||:|::|-|–)\s*")
# A keyword prefix is a few Latin words; longer Latin text is a headline.
SEO_PREFIX_MAX_WORDS = 8
TITLE_MAX_WORDS = 30


def _strip_site_name(title: str) -> str:
    names = load("noise")["site_names"]["names"]
    for separator in (" | ", " - ", " – ", " — ", " : ", " :: "):
        if separator in title:
            head, _, tail = title.rpartition(separator)
            if tail.strip().lower() in names and head.strip():
                return head.strip()
            head2, _, tail2 = title.partition(separator)
            if head2.strip().lower() in names and tail2.strip():
                return tail2.strip()
    return title


def _strip_seo_prefix(title: str) -> str:
    """'Russian President Vladimir Putin/ રશિયાના …' -> 'રશિયાના …'."""
    for match in _SEO_SEPARATOR.finditer(title):
        prefix, rest = title[: match.start()], title[match.end():]
        if (
            prefix
            and not GUJARATI.search(prefix)
            and re.search(r"[A-Za-z]", prefix)
            and word_count(prefix) <= SEO_PREFIX_MAX_WORDS
            and GUJARATI.search(rest[:3] or "")
            and word_count(rest) >= 3
        ):
            return rest
    return title


def polish_title(raw: str, strip_seo_prefix: bool = True) -> str:
    """A clean headline from a raw title line."""
    title = clean_line(raw)
    title = _strip_site_name(title)
    if strip_seo_prefix:
        title = _strip_seo_prefix(title)
    title = title.strip().rstrip(":：-–—|/ ").strip()
    if len(title) >= 2 and title[0] in "\"'“‘«" and title[-1] in "\"'”’»":
        title = title[1:-1].strip()
    return title


def is_title_line(text: str) -> bool:
    """A first line that reads as a headline rather than as a paragraph."""
    sentences = len(re.findall(r"[.!?।](?:\s|$)", text))
    return word_count(text) <= TITLE_MAX_WORDS and sentences <= 1


def title_from_text(text: str, max_words: int = 14) -> str:
    """A headline made from the opening words of the article, for dumps without one."""
    first_sentence = re.split(r"(?<=[.!?।])\s", text, maxsplit=1)[0]
    words = first_sentence.split()
    if len(words) <= max_words:
        return first_sentence.rstrip(".।")
    return " ".join(words[:max_words]).rstrip(",;:") + "…"
