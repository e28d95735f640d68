"""Readers: the bytes of one dump -> the drafts (articles) it holds.

Which reader runs is decided by the file name's extension; each returns
a list because one export file can hold many articles.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from ..model import Draft
from .errors import Reject
from .text import read_text_dump

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}


def read_dump(data: bytes, source: str) -> list[Draft]:
    """Drafts read from one dump; raises :class:`Reject` when it holds none."""
    suffix = PurePosixPath(source).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return read_text_dump(data, source)
    raise Reject(f"unsupported file type '{suffix}'")


__all__ = ["Reject", "read_dump"]
