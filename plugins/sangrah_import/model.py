"""The records a dump becomes on its way to a post.

read    bytes of a dump        -> Draft   (one per article the dump holds)
clean   Draft                  -> Draft   (noise removed, blocks classified)
extract Draft                  -> Post    (title, date, tags, category, slug …)
write   Post                   -> content/posts/<slug>.md, import report
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

BlockKind = Literal["paragraph", "heading", "list_item", "numbered_item", "quote", "caption"]


@dataclass(frozen=True)
class Block:
    """One unit of article text, kept as plain text (never as markup)."""

    kind: BlockKind
    text: str


@dataclass(frozen=True)
class Segment:
    """One block of a structured page (HTML) before its text is judged.

    The HTML reader knows the structure (a heading, a list item, an image's
    caption, a table row) but not yet whether the text is article or page
    furniture: that is decided by the same line rules as plain-text dumps
    (clean/html_blocks.py). ``lines`` are the block's lines (split at <br>).
    """

    kind: str  # paragraph | heading | list_item | quote | caption | row | strong (a bold-only line)
    lines: tuple[str, ...]
    link_share: float = 0.0  # share of the text that is link text
    standfirst: bool = False  # the deck under a headline: a summary, never a heading


@dataclass(frozen=True)
class DateEvidence:
    """A date found somewhere in or about a dump, and where it was found.

    ``source`` is the vocabulary written to ``date_source`` in the post:
    text (a human-written date or dateline), stamp (a machine timestamp in
    the text, e.g. an image export name), filename, and, from structured
    inputs, json-ld, meta, time-element, record.
    """

    value: datetime | date
    source: str
    evidence: str  # the characters the date was read from, for the report
    rank: int = 0  # lower is more trusted within the same source


@dataclass
class Draft:
    """An article as read from a dump, before metadata is decided.

    ``lines`` is the raw line sequence of text dumps (cleaning works on it);
    the HTML reader fills ``segments`` (judged by clean/html_blocks.py);
    either way cleaning leaves ``blocks``. Metadata fields are filled by the
    reader from what the format states (JSON-LD, meta tags, record fields)
    and by cleaning from what the text says (bylines, datelines).
    """

    source: str  # path of the dump, relative to the project (posix)
    record: str | None = None  # record id inside a multi-article dump
    lines: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    title_source: str | None = None
    dates: list[DateEvidence] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    category: str | None = None
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    removed: list[tuple[str, str]] = field(default_factory=list)  # (why, text)
    segments: list[Segment] = field(default_factory=list)
    # Lines of a page that are not body but may name its date or author:
    # the article's byline/dateline strips, and the rest of the page.
    around: list[str] = field(default_factory=list)
    page_text: list[str] = field(default_factory=list)
    # Blocks whose kinds come from markup (HTML): their headings are the
    # page's own, so the text heuristic that finds sub-headings stays off.
    structured: bool = False
    legacy_font_named: bool = False  # the page names a pre-Unicode Gujarati font

    @property
    def key(self) -> str:
        """Identity of the article across runs: dump path plus record id."""
        return self.source if self.record is None else f"{self.source}#{self.record}"


@dataclass
class Post:
    """Everything written to one Markdown post."""

    key: str
    source: str
    record: str | None
    title: str
    date: datetime | date
    date_source: str
    # None while a post read from the import cache is not rendered (only
    # its summary is read: pipeline.fill_blocks).
    blocks: list[Block] | None
    slug: str = ""
    tags: list[str] = field(default_factory=list)
    category: str | None = None
    entities: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    lang: str = "gu"
    url: str | None = None
    notes: list[str] = field(default_factory=list)  # for the import report
    # How much page furniture was cleaned out: of two copies of one
    # article, the one that needed less cleaning is kept.
    removed_count: int = 0
    # Names after a title cue that the knowledge base does not know, for the
    # editors' review file: dicts with name, cue, block, start, end, sentence.
    discoveries: list[dict] = field(default_factory=list)
