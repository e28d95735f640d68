"""Clean a plain-text dump: furniture out, article blocks and hints in."""

from __future__ import annotations

from datetime import tzinfo

from ..extract.dates import evidence_from_lines, is_dateline
from ..extract.title import is_title_line
from ..model import Draft
from .blocks import blocks_from_lines
from ..text import TERMINAL_PUNCTUATION, word_count
from .lines import classify, is_furniture, strip_inline_furniture

LABEL_MAX_WORDS = 2

NOISE_KINDS = (
    "also_read", "ad", "share", "boilerplate", "caption", "url", "seo", "section", "tags", "byline", "dateline", "meta",
)


def clean_text_dump(draft: Draft, local_zone: tzinfo) -> Draft:
    """Fill ``draft`` (read from a text dump) with blocks, title, hints."""
    lines = classify(draft.lines, lambda text: is_dateline(text, local_zone))
    draft.dates.extend(evidence_from_lines(lines, local_zone))
    for line in lines:
        if line.kind == "tags":
            draft.tags.extend(line.value)
        elif line.kind == "section" and line.value and draft.category is None:
            draft.category = line.value
        elif line.kind == "byline":
            draft.authors.append(line.value)
        elif line.kind == "meta":
            author, category = line.value
            if author:
                draft.authors.append(author)
            if category and draft.category is None:
                draft.category = category
        if line.kind in NOISE_KINDS:
            draft.removed.append((line.kind, line.text))

    content = [line for line in lines if line.kind == "content"]
    # A word or two on a line of its own above the headline is a section
    # label or a badge ("Travel", "NRG", "LIVE"), not the headline.
    while (
        len(content) >= 2
        and word_count(content[0].text) <= LABEL_MAX_WORDS
        and not content[0].text.endswith(TERMINAL_PUNCTUATION[:5])
        and is_title_line(content[1].text)
        and word_count(content[1].text) > LABEL_MAX_WORDS
    ):
        label = content.pop(0)
        label.kind = "section"
        draft.removed.append(("section", label.text))
        if draft.category is None and not is_furniture(label.text):
            draft.category = label.text
    if content and draft.title is None and is_title_line(content[0].text):
        draft.title, draft.title_source = content[0].text, "first-line"
        content = content[1:]
    # Lines run together only while nothing else stands between them: a
    # caption or an ad line inside a paragraph group splits it.
    position = {id(line): index for index, line in enumerate(lines)}
    runs, run, previous = [], 0, None
    for line in content:
        if previous is None or line.group != previous.group or position[id(line)] != position[id(previous)] + 1:
            run += 1
        runs.append((run, strip_inline_furniture(line.text)))
        previous = line
    draft.blocks = blocks_from_lines(runs)
    draft.lines = []
    return draft
