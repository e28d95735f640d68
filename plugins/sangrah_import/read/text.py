"""Plain-text dumps: one article per file, as a scraper or a copy-paste left it.

Two kinds of leftovers are taken out before the text is judged:

* metadata a dump carries at its top — a YAML front-matter block between
  ``---`` fences, or Pelican's own ``Key: value`` lines (Title:, Save_as:,
  Template:, Status: …). sangrah writes every post's metadata itself; what a
  dump claims about its own slug, template or save path is never trusted,
  and never reaches Pelican as metadata.
* markup: HTML tags and Markdown links a scraper kept. The words stay, the
  code goes (a <script> line, an <img onerror>, a javascript: link target).
"""

from __future__ import annotations

import re

from ..model import Draft
from .decode import decode
from .markup import has_markup, markdown_to_text, markup_to_text

# Pelican's and Python-Markdown's metadata keys, as they open a Markdown file.
PELICAN_KEYS = {
    "title", "date", "modified", "tags", "tag", "category", "slug", "author", "authors", "summary", "lang",
    "translation", "status", "template", "save_as", "url", "save-as", "page_order", "og_image", "description",
    "keywords", "subtitle", "series",
}
_KEY_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_-]*)\s*:(?:\s|$)")
_FENCE = re.compile(r"^\s*(?:---|\+\+\+)\s*$")
# Front matter longer than this is not front matter but an article between rules.
FRONT_MATTER_MAX_LINES = 40


def strip_front_matter(lines: list[str]) -> tuple[list[str], list[str]]:
    """(article lines, metadata lines removed from the top of a dump)."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and _FENCE.match(lines[start]):
        for end in range(start + 1, min(len(lines), start + FRONT_MATTER_MAX_LINES + 1)):
            if _FENCE.match(lines[end]):
                block = lines[start + 1:end]
                if all(not line.strip() or _KEY_LINE.match(line) or line.startswith((" ", "\t", "-")) for line in block):
                    return lines[end + 1:], lines[start:end + 1]
                break
    end = start
    while end < len(lines) and lines[end].strip():
        match = _KEY_LINE.match(lines[end])
        if not match or match.group(1).lower() not in PELICAN_KEYS:
            break
        end += 1
    # A run of known keys up to a blank line (or the end) is a metadata header.
    if end > start and (end == len(lines) or not lines[end].strip()):
        return lines[end:], lines[start:end]
    return lines, []


def without_markup(line: str) -> str | None:
    """A line with scraper markup reduced to its words (None: nothing left)."""
    text = markdown_to_text(line)
    if text is None:
        return None
    if has_markup(text):
        text = markup_to_text(text)
    return text


def read_text_dump(data: bytes, source: str) -> list[Draft]:
    text = decode(data)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines, metadata = strip_front_matter(lines)
    draft = Draft(source=source)
    draft.removed.extend(("metadata", line) for line in metadata if line.strip())
    kept = []
    for line in lines:
        clean = without_markup(line)
        if clean is None or (line.strip() and not clean.strip()):
            draft.removed.append(("markup", line))
            continue
        kept.append(clean)
    draft.lines = kept
    return [draft]
