"""Python-Markdown's HTML for the plainest posts, without running Python-Markdown.

Most posts the import writes are paragraphs of one line each and ``## ``
headings, with no character Markdown gives a meaning to (the import
backslash-escapes those, write/markdown.py). For such a text Python-Markdown
(no extensions) gives ``<p>line</p>`` and ``<h2>heading</h2>`` joined by
newlines, after running its block and inline processors over every line:
most of the time Pelican spends reading a post. :func:`plain_html` gives the
same string directly, and None for any text it cannot vouch for, which then
goes to Python-Markdown as before. ``tests/site/test_plain_markdown.py``
holds the two to the same output.
"""

from __future__ import annotations

import re

from markdown import Markdown

# Anything that can start markup inside a line (escapes, code, emphasis,
# links, HTML, entities, heading marks), control characters, tabs, and the
# separators some parsers take for line ends.
_SPECIAL = re.compile(r"[\\`*_\[\]<>&#\x00-\x1f\x7f\u2028\u2029\x85]")
# What makes a line something other than a paragraph at its start: lists,
# quotes, rules, setext underlines, an ordered list's "1." or "1)".
_BLOCK_START = re.compile(r"[-+=>]|\d+[.)]")
_HEADING = "## "


def plain_html(text: str) -> str | None:
    """The HTML Python-Markdown makes of ``text``, if ``text`` is plain paragraphs and headings; else None."""
    body = text.strip("\n")
    if not body:
        return None
    html = []
    for block in body.split("\n\n"):
        if not block or "\n" in block or block != block.strip():
            return None
        if block.startswith(_HEADING):
            words = block[len(_HEADING):]
            if not words or words != words.strip() or _SPECIAL.search(words):
                return None
            html.append(f"<h2>{words}</h2>")
        elif _SPECIAL.search(block) or _BLOCK_START.match(block):
            return None
        else:
            html.append(f"<p>{block}</p>")
    return "\n".join(html)


class PlainFirstMarkdown(Markdown):
    """Python-Markdown with :func:`plain_html` tried first."""

    def __init__(self, **settings):
        super().__init__(**settings)
        # Any extension may change this output (ids on headings, new
        # syntax): with one, Python-Markdown does it all.
        self.plain_first = not settings.get("extensions")

    def convert(self, source: str) -> str:
        if self.plain_first:
            html = plain_html(source)
            if html is not None:
                return html
        return super().convert(source)
