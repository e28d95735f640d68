"""Shape article text into blocks, whatever format it came from.

Applied to every draft (text, HTML, JSON): drop noise blocks that slipped
through the format-specific cleaning, keep each paragraph once, tell
sub-headings from paragraphs, and drop repeats of the headline.
"""

from __future__ import annotations

import re
import unicodedata

from ..model import Block
from ..text import TERMINAL_PUNCTUATION, clean_line, comparable, word_count

_BULLET = re.compile(r"^(?:[•·▪◦●■□➤►\-–*]|\d{1,2}[.)])\s+")


def _emoji_bullet(text: str) -> int:
    """Length of a leading emoji bullet ('👉 ', '📍 ', '✅ '), 0 when there is none.

    Forwarded messages and app shares list their points this way.
    """
    index = 0
    while index < len(text) and (unicodedata.category(text[index]) in ("So", "Sk") or text[index] in "\ufe0f\u200d"):
        index += 1
    return index if index and index < len(text) and text[index] == " " else 0

# Sub-headings in news copy are short lines that end without punctuation.
HEADING_MAX_WORDS = 14
HEADING_MAX_CHARS = 120
# Below this, a repeated fragment is too short to call a repeated paragraph
# ("ફાઈલ તસવીર" twice is furniture, handled elsewhere).
CONTAINED_MIN_WORDS = 8


# A short question on a line of its own is the common Gujarati-site
# sub-heading ("ભાડું કેટલું રહેશે?"); a longer one is a sentence.
QUESTION_HEADING_MAX_WORDS = 8


# Lines that are short but never sub-headings: a speaker label of an
# interview ("Q: …", "પ્રશ્ન: …"), a live blog's time stamp ("10:45 AM").
_NOT_A_HEADING = re.compile(
    r"^(?:(?:Q|A|Ans|Que|પ્રશ્ન|સવાલ|જવાબ|ઉત્તર)\s*[:.)]|\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?\s?[Mm]\.?)?\s*(?:IST)?$)"
)


def looks_like_heading(text: str) -> bool:
    if word_count(text) > HEADING_MAX_WORDS or len(text) > HEADING_MAX_CHARS:
        return False
    if _NOT_A_HEADING.match(text):
        return False
    if text[-1:].isdigit():
        # 'નોટા — 214', 'Fall of wickets: 1-23, 2-61': a figure, not a title.
        return False
    if text.endswith("?") and not text.endswith(("?\"", "?”", "?'")):
        return word_count(text) <= QUESTION_HEADING_MAX_WORDS
    return not text.endswith(TERMINAL_PUNCTUATION)


def _is_wrapped(group: list[str]) -> bool:
    """Lines of one paragraph hard-wrapped at a fixed width (e.g. 72 columns)."""
    if len(group) < 2:
        return False
    longest = max(len(line) for line in group)
    if longest > 100 or longest < 40:
        return False
    return all(len(line) >= 0.75 * longest for line in group[:-1]) and not any(
        line.endswith(TERMINAL_PUNCTUATION[:5]) for line in group[:-1]
    )


_SENTENCE_END = tuple(".?!।॥\"”’)")
# Lines of a newspaper column copied from an e-paper: short, cut wherever the
# column ended, a paragraph ending only where a sentence does.
COLUMN_MIN_LINES = 3
COLUMN_MEDIAN_CHARS = (15, 70)
COLUMN_MAX_ENDED_SHARE = 0.4


def _is_column(group: list[str]) -> bool:
    if len(group) < COLUMN_MIN_LINES or any("\t" in line for line in group):
        return False
    lengths = sorted(len(line) for line in group)
    median = lengths[len(lengths) // 2]
    if not COLUMN_MEDIAN_CHARS[0] <= median <= COLUMN_MEDIAN_CHARS[1]:
        return False
    ended = sum(1 for line in group[:-1] if line.endswith(_SENTENCE_END))
    starts_like_items = sum(1 for line in group if _BULLET.match(line) or _emoji_bullet(line))
    return ended <= COLUMN_MAX_ENDED_SHARE * (len(group) - 1) and not starts_like_items


def _reflow(group: list[str]) -> list[str]:
    """The paragraphs of one run of lines: joined when they were hard-wrapped."""
    if _is_wrapped(group):
        return [" ".join(group)]
    if not _is_column(group):
        return group
    paragraphs, current = [], []
    for line in group:
        current.append(line)
        if line.endswith(_SENTENCE_END):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def blocks_from_lines(lines: list[tuple[int, str]]) -> list[Block]:
    """Blocks from (group, text) pairs of a text dump's article lines."""
    groups: list[list[str]] = []
    last_group = None
    for group, text in lines:
        if group != last_group:
            groups.append([])
            last_group = group
        groups[-1].append(text)

    blocks: list[Block] = []
    for group in groups:
        texts = _reflow(group)
        for text in texts:
            bullet = _BULLET.match(text)
            emoji = _emoji_bullet(text)
            if emoji and word_count(text) > 1:
                blocks.append(Block("list_item", text[emoji:].strip()))
            elif text.startswith(">"):
                blocks.append(Block("quote", clean_line(text.lstrip("> "))))
            elif bullet and word_count(text) > 1:
                kind = "numbered_item" if bullet.group(0).strip()[0].isdigit() else "list_item"
                blocks.append(Block(kind, text[bullet.end():].strip()))
            elif text.startswith("#") and not text.startswith("#" * 7):
                # A Markdown-style heading kept by some scrapers.
                blocks.append(Block("heading", text.lstrip("# ").strip()))
            else:
                blocks.append(Block("paragraph", text))
    return blocks


def deduplicate(blocks: list[Block], keys: list[str] | None = None) -> tuple[list[Block], list[str]]:
    """Each paragraph once; a paragraph repeated inside a longer one goes.

    Scrapes repeat the lede (once as a standfirst, again as the first
    paragraph, sometimes run together with the second): the longer copy wins
    and stays where it is. Returns the blocks kept and the texts dropped.
    ``keys``: the blocks' comparable() forms, when the caller has them.
    """
    if keys is None:
        keys = [comparable(b.text) for b in blocks]
    dropped: list[str] = []
    kept: list[Block] = []
    seen: set[str] = set()
    for index, (block, key) in enumerate(zip(blocks, keys)):
        if not key or key in seen:
            if key:
                dropped.append(block.text)
            continue
        if block.kind == "paragraph" and word_count(block.text) >= CONTAINED_MIN_WORDS:
            if any(key != other and key in other for other in keys):
                dropped.append(block.text)
                continue
        seen.add(key)
        kept.append(block)
    return kept, dropped


def mark_headings(blocks: list[Block]) -> list[Block]:
    """Short unpunctuated paragraphs followed by a paragraph become headings."""
    marked: list[Block] = []
    # A short line above the first paragraph is a standfirst or a caption,
    # not a sub-heading: headings divide a text that has begun.
    seen_text = False
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            block.kind == "paragraph"
            and seen_text
            and looks_like_heading(block.text)
            and following is not None
            and following.kind in ("paragraph", "list_item", "numbered_item", "quote")
            and not looks_like_heading(following.text)
        ):
            marked.append(Block("heading", block.text))
        else:
            marked.append(block)
            seen_text = seen_text or block.kind in ("paragraph", "list_item", "numbered_item", "quote")
    return marked


def without_title(blocks: list[Block], title: str, keys: list[str] | None = None) -> tuple[list[Block], list[str]]:
    """Drop blocks that only repeat the headline: (the blocks kept, their comparable() forms).

    ``keys``: the blocks' comparable() forms, when the caller has them.
    """
    if keys is None:
        keys = [comparable(b.text) for b in blocks]
    title_key = comparable(title)
    kept = [(block, key) for block, key in zip(blocks, keys) if key != title_key]
    return [block for block, _ in kept], [key for _, key in kept]
