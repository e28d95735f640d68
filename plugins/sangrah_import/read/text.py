"""Plain-text dumps: one article per file, as a scraper or a copy-paste left it."""

from __future__ import annotations

from ..model import Draft
from .decode import decode


def read_text_dump(data: bytes, source: str) -> list[Draft]:
    text = decode(data)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [Draft(source=source, lines=lines)]
