"""Decide a draft's metadata: title, date, tags, category, language."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from ..clean.blocks import deduplicate, mark_headings, without_title
from ..model import DateEvidence, Draft, Post
from ..read.errors import Reject
from ..text import comparable, script_of
from .dates import choose_date
from .tags import clean_tags
from .title import polish_title, title_from_text


# Titles a format states as such (an <h1>, a JSON-LD headline, a record's
# title field) are the site's own headline: only a text dump's first line
# can carry a scraper's SEO keyword prefix.
TEXT_TITLE_SOURCES = (None, "first-line")


def build_post(draft: Draft, local_zone: tzinfo, undated: datetime) -> Post:
    """A post from a cleaned draft; raises Reject when no article is left."""
    seo_prefix = draft.title_source in TEXT_TITLE_SOURCES
    title = polish_title(draft.title, strip_seo_prefix=seo_prefix) if draft.title else ""
    # Each block's comparable form, made once for both comparisons.
    keys = [comparable(block.text) for block in draft.blocks]
    blocks = list(draft.blocks)
    if title:
        blocks, keys = without_title(blocks, title, keys)
    blocks, repeated = deduplicate(blocks, keys)
    if not draft.structured:
        blocks = mark_headings(blocks)
    if not any(b.kind in ("paragraph", "list_item", "numbered_item", "quote") for b in blocks):
        raise Reject("no body text left after removing page furniture")
    notes: list[str] = []
    if not title:
        first = next(b.text for b in blocks if b.kind in ("paragraph", "list_item", "numbered_item", "quote"))
        title = title_from_text(first)
        notes.append("no headline in the dump: title made from the first sentence")
    if repeated:
        notes.append(f"{len(repeated)} repeated paragraph(s) kept once")

    chosen: DateEvidence | None = choose_date(draft.dates)
    if chosen is None:
        value: date | datetime = undated
        date_source = "none"
        notes.append("no date found: published with the fallback date")
    else:
        value, date_source = chosen.value, chosen.source
        # A stated moment keeps the zone it was stated in; one stated
        # without a zone is in the site's.
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=local_zone)

    body_text = " ".join(b.text for b in blocks)
    return Post(
        key=draft.key,
        source=draft.source,
        record=draft.record,
        title=title,
        date=value,
        date_source=date_source,
        blocks=blocks,
        tags=clean_tags(draft.tags),
        category=draft.category,
        authors=list(dict.fromkeys(draft.authors)),
        lang=script_of(title + " " + body_text),
        url=draft.url,
        notes=notes,
        removed_count=len(draft.removed),
    )
