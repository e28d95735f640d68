"""Clean a saved page's segments with the plain-text rules: one noise list, not two.

The HTML reader already left out what the markup marks as furniture (ads,
share bars, related boxes …). What remains is judged line by line by
clean/lines.py, exactly as a plain-text scrape would be: an inline "આ પણ
વાંચો" paragraph, an ad label, a share prompt, a byline or dateline strip
inside the body go the same way in both. Then the page's structure decides
the blocks: headings stay headings, a bold-only line between paragraphs is
a sub-heading, a heading that only labels a list (or nothing) is not one.
"""

from __future__ import annotations

from datetime import tzinfo

from ..extract.dates import evidence_from_lines, is_dateline
from ..model import Block, DateEvidence, Draft, Segment
from .blocks import looks_like_heading
from .lines import Line, classify

# A segment whose text is mostly link text is a link (related story, "more"),
# not prose.
MAX_LINK_SHARE = 0.75
# Dates found outside the article (edition date in a side column, a top bar)
# rank below every date found in or around it.
PAGE_RANK_OFFSET = 10


def _classify(groups: list[tuple[str, ...]], local_zone: tzinfo) -> list[list[Line]]:
    """Classify groups of lines (one group per block); the lines of each group."""
    raw: list[str] = []
    for lines in groups:
        raw.extend(lines)
        raw.append("")
    classified = classify(raw, lambda text: is_dateline(text, local_zone))
    result: list[list[Line]] = [[] for _ in groups]
    for line in classified:
        if line.group < len(result):
            result[line.group].append(line)
    return result


def _hints(lines: list[Line], draft: Draft, take_tags: bool, take_authors: bool) -> None:
    for line in lines:
        if line.kind == "tags" and take_tags:
            draft.tags.extend(line.value)
        elif line.kind == "byline" and take_authors:
            draft.authors.append(line.value)
        elif line.kind == "meta" and take_authors and line.value[0]:
            draft.authors.append(line.value[0])


def _structure(kept: list[Segment]) -> list[Block]:
    """Blocks from kept segments: which bold lines and headings are sub-headings."""
    blocks: list[Block] = []
    for index, segment in enumerate(kept):
        text = " ".join(segment.lines)
        kind = segment.kind
        if kind == "strong":
            seen_paragraph = any(b.kind == "paragraph" for b in blocks)
            following = kept[index + 1] if index + 1 < len(kept) else None
            is_heading = (
                seen_paragraph
                and looks_like_heading(text)
                and following is not None
                and following.kind in ("paragraph", "list_item", "quote")
            )
            kind = "heading" if is_heading else "paragraph"
        elif kind == "row":
            kind = "list_item"
        blocks.append(Block(kind, text))

    # A heading is a sub-heading of the article only when prose follows it:
    # one over a bare list is the list's label, one over nothing is furniture.
    result: list[Block] = []
    for index, block in enumerate(blocks):
        if block.kind != "heading":
            result.append(block)
            continue
        section = []
        for other in blocks[index + 1:]:
            if other.kind == "heading":
                break
            section.append(other.kind)
        if "paragraph" in section or "quote" in section:
            result.append(block)
        elif "list_item" in section:
            result.append(Block("paragraph", block.text))
    return result


def clean_html_draft(draft: Draft, local_zone: tzinfo) -> Draft:
    """Fill ``draft.blocks`` from its segments; bylines and datelines become hints."""
    segments = [s for s in draft.segments if s.lines]
    judged = [s for s in segments if s.kind != "row"]
    classified = dict(zip(map(id, judged), _classify([s.lines for s in judged], local_zone)))
    body_lines: list[Line] = [line for lines in classified.values() for line in lines]

    kept: list[Segment] = []
    for segment in segments:
        if segment.link_share >= MAX_LINK_SHARE:
            draft.removed.append(("link", " ".join(segment.lines)))
            continue
        if segment.kind == "row":
            kept.append(segment)
            continue
        lines = classified.get(id(segment), [])
        allowed = ("content", "caption") if segment.kind == "caption" else ("content",)
        good = tuple(line.text for line in lines if line.kind in allowed)
        for line in lines:
            if line.kind not in allowed:
                draft.removed.append((line.kind, line.text))
        if segment.kind == "heading" and len(good) != len(lines):
            continue  # a heading of noise ("આ પણ વાંચો", "Share this:")
        if good:
            kept.append(Segment(segment.kind, good, segment.link_share, segment.standfirst))

    around = _classify([(line,) for line in draft.around], local_zone)
    around_lines = [line for lines in around for line in lines]
    page = _classify([(line,) for line in draft.page_text], local_zone)
    page_lines = [line for lines in page for line in lines]

    take_tags = not draft.tags
    take_authors = not draft.authors
    _hints(body_lines, draft, take_tags, take_authors)
    _hints(around_lines, draft, False, take_authors and not draft.authors)
    draft.dates.extend(evidence_from_lines(around_lines + body_lines, local_zone))
    for evidence in evidence_from_lines(page_lines, local_zone):
        if evidence.source == "text":
            draft.dates.append(DateEvidence(evidence.value, "text", evidence.evidence, evidence.rank + PAGE_RANK_OFFSET))

    draft.blocks = _structure(kept)
    draft.segments = []
    draft.around = []
    draft.page_text = []
    return draft

