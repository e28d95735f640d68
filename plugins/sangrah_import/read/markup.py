"""Markup inside values that should be plain text.

Scraper fields and plain-text dumps carry leftovers of the page they came
from: a headline with an <img> in it, a byline in <b onmouseover=…>, a raw
<script> line, Markdown links. sangrah publishes text, so such values are
reduced to the text a reader would have seen; code (scripts, styles,
embedded frames) and attributes go entirely, whatever they hold.
"""

from __future__ import annotations

import html
import re

from bs4 import BeautifulSoup, Comment

from ..data import load
from .html_body import repair_void_elements

# A tag as HTML writes it ('<' then the name, no space): "x < y" is not one.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|<[A-Za-z][A-Za-z0-9:-]*\s[^<>]*$|<!--|<!\[CDATA\[")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Markdown a scraper produced when it converted a page ("html2text" style).
_MD_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_MD_REFERENCE = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*\S+.*$")
# Stray quote and angle characters left where an attribute was broken out of.
_STRAY = "\"'<>`"


def has_markup(text: str) -> bool:
    return bool(_TAG.search(text))


def _drop_code(soup) -> None:
    dropped = set(load("html")["drop_tags"]["tags"]) - {"title", "head"}
    for element in soup.find_all(lambda tag: tag.name in dropped):
        element.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()


def markup_to_text(text: str) -> str:
    """The visible text of an HTML fragment: code, attributes and tags gone."""
    if not has_markup(text):
        return html.unescape(text) if _ENTITY.search(text) else text
    soup = BeautifulSoup(f"<div>{text}</div>", "lxml")
    repair_void_elements(soup)
    _drop_code(soup)
    return " ".join(soup.get_text(" ").split())


def plain_value(value) -> str:
    """A metadata value (title, tag, byline, section) as one line of plain text."""
    if value is None:
        return ""
    text = markup_to_text(str(value))
    text = " ".join(text.split())
    return text.strip(_STRAY + " ").strip()


def markdown_to_text(line: str) -> str | None:
    """A line of a text dump with Markdown links reduced to their words.

    Returns None for a reference definition ('[ref]: url'), which is a link
    target, not text.
    """
    if _MD_REFERENCE.match(line):
        return None
    line = _MD_IMAGE.sub(lambda m: m.group(1), line)
    return _MD_LINK.sub(lambda m: m.group(1), line)
