"""Readers: the bytes of one dump -> the drafts (articles) it holds.

The reader is chosen by the file name's extension, and by the content when
the name says nothing useful (a saved page named .txt, an export without an
extension); each returns a list because one export file holds many articles.
A dump that is binary, empty or in an unknown format is a :class:`Reject`.
"""

from __future__ import annotations

import re
from datetime import tzinfo
from pathlib import PurePosixPath

from ..model import Draft
from .errors import Reject
from .html import read_html_dump
from .records import read_json_dump, read_jsonl_dump
from .text import read_text_dump

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}

# A saved page whatever its name: it opens like an HTML document.
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)


def sniff(data: bytes, suffix: str) -> str:
    """Which reader a dump needs: html, json, jsonl or text."""
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if _HTML_START.match(data[:4096]):
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"[", b"{")):
        return "json"
    raise Reject(f"unsupported file type '{suffix}' (not text, HTML or JSON)")


def read_dump(data: bytes, source: str, local_zone: tzinfo) -> list[Draft]:
    """Drafts read from one dump; raises :class:`Reject` when it holds none."""
    suffix = PurePosixPath(source).suffix.lower()
    kind = sniff(data, suffix)
    if kind == "html":
        return read_html_dump(data, source, local_zone)
    if kind == "json":
        return read_json_dump(data, source, local_zone)
    if kind == "jsonl":
        return read_jsonl_dump(data, source, local_zone)
    return read_text_dump(data, source)


__all__ = ["Reject", "read_dump", "sniff"]
