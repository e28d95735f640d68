"""Article blocks -> Markdown whose every character shows as text.

Dump text is data, never markup: a '<script>' or '[x](javascript:…)' in a
scrape must reach the reader as the characters it is. Markdown syntax
characters are backslash-escaped and '<' becomes '&lt;', so Python-Markdown
can only produce paragraphs, headings, list items, quotes and (italic)
captions from it.
"""

from __future__ import annotations

import re

from ..model import Block

_INLINE = re.compile(r"([\\`*_\[\]])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What means something at the start of a Markdown line: headings, quotes,
# bullets and rules, and the dot of "1. " (an ordered list).
_LINE_START = re.compile(r"^(\s*)([#>+\-])")
_ORDERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")


def escape_markdown(text: str) -> str:
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;")
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def blocks_to_markdown(blocks: list[Block]) -> str:
    parts: list[str] = []
    previous = None
    for block in blocks:
        text = escape_markdown(block.text)
        if block.kind == "heading":
            parts.append(f"## {text}")
        elif block.kind in ("list_item", "numbered_item"):
            line = f"- {text}" if block.kind == "list_item" else f"1. {text}"
            if previous == block.kind:
                parts[-1] += "\n" + line
                previous = block.kind
                continue
            parts.append(line)
        elif block.kind == "quote":
            parts.append(f"> {text}")
        elif block.kind == "caption":
            # An image's caption, shown in italics (the image itself is not
            # kept). The text is escaped like any other, so its '*' and '_'
            # cannot end the emphasis early.
            parts.append(f"*{text}*" if text.strip() else text)
        else:
            parts.append(text)
        previous = block.kind
    return "\n\n".join(parts) + "\n"
