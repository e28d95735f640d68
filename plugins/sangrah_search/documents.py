"""What the search knows about one article: plain text taken from the rendered post.

An article becomes a :class:`SearchDocument` here. The body is the text of
the article's rendered HTML (``article.content``, after sangrah_site has
sanitized it), so a post edited by hand is searched as it now reads, not as
the dump was. Entity ids become the names a reader may type: the Gujarati and
English names and aliases from the knowledge base, so that ``putin`` typed in
Latin letters finds an article written in Gujarati.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping

from lxml import etree
from lxml import html as lxml_html

from .kept import KeptEntries

log = logging.getLogger("sangrah.search")

# Elements whose end is a break between words even when the HTML has no
# space there (<p>a</p><p>b</p> must not read "ab").
BLOCK_TAGS = (
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
)
SUMMARY_LENGTH = 200
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class SearchDocument:
    """One article as the index and the browser's result list see it."""

    url: str  # relative to the site root, as Pelican writes article.url
    title: str
    body: str  # plain text, whitespace collapsed
    tags: tuple[str, ...] = ()
    entity_names: tuple[str, ...] = ()
    date_iso: str = ""  # empty for an undated article
    date_text: str = ""  # as the theme shows it ("19 જૂન, 2024", or "date unknown")
    summary: str = ""
    lang: str = "gu"


_SKIPPED = frozenset(("script", "style", "template"))
_BLOCKS = frozenset(BLOCK_TAGS)


def _parse(html: str):
    """The document lxml makes of ``html`` (libxml2's HTML parser, as BeautifulSoup's "lxml" uses), or None."""
    try:
        return lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):  # nothing but spaces or comments
        return None


def _text_of(element, out: list[str], tail: bool = True) -> None:
    # Text of elements only (comments and processing instructions are not
    # read), none of script/style/template, a space around every block.
    tag = element.tag
    if isinstance(tag, str) and tag not in _SKIPPED:
        block = tag in _BLOCKS
        if block:
            out.append(" ")
        if element.text:
            out.append(element.text)
        for child in element:
            _text_of(child, out)
        if block:
            out.append(" ")
    if tail and element.tail:
        out.append(element.tail)


def _collapsed(element, tail: bool = True) -> str:
    out: list[str] = []
    _text_of(element, out, tail)
    return _SPACES.sub(" ", "".join(out)).strip()


def html_to_text(html: str) -> str:
    """The reading text of an HTML fragment, one space between words and blocks."""
    return body_and_lede(html)[0]


def first_paragraph_text(html: str) -> str:
    """Text of the first <p> (the lede), or of the whole fragment when there is none."""
    return body_and_lede(html)[1]


def body_and_lede(html: str) -> tuple[str, str]:
    """(text of the whole fragment, text of its first <p> or the whole when it has none), one parse.

    Walks lxml's tree itself: BeautifulSoup over the same parser gives the
    same text at a few times the cost, paid for every article on every
    build (tests/search/test_search_index.py compares the two).
    """
    if not html:
        return "", ""
    root = _parse(html)
    if root is None:
        return "", ""
    whole = _collapsed(root, tail=False)
    paragraph = next(root.iter("p"), None)
    return whole, (_collapsed(paragraph, tail=False) if paragraph is not None else whole)


class TextCache(KeptEntries):
    """Each article's text (:func:`body_and_lede`) by a hash of its HTML, kept between builds (kept.py).

    Parsing 10,000 articles' HTML takes seconds, and a rebuild after one
    new dump has one new article to parse. Dropped when this module or lxml
    changes.
    """

    def __init__(self, path: Path | None):
        super().__init__(path, hashlib.sha256(Path(__file__).read_bytes() + etree.__version__.encode()).hexdigest()[:16])

    def body_and_lede(self, html: str) -> tuple[str, str]:
        return self.text_of(html, lambda: html)

    def text_of(self, source: str, rendered: Callable[[], str]) -> tuple[str, str]:
        """:func:`body_and_lede` of ``rendered()``, looked up by ``source``: HTML it was made from that gives the same text.

        Pelican's ``article.content`` is the HTML as read with the targets
        of intra-site links put in; they are attribute values, never text.
        Looked up by the HTML as read, an article found here needs no link
        of it resolved.
        """
        key = hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        found = self.used.get(key) or self.old.get(key)
        if found is None:
            found = body_and_lede(rendered())
        self.used[key] = found
        return found


def shorten(text: str, limit: int = SUMMARY_LENGTH) -> str:
    """``text`` cut at a space before ``limit`` characters, with an ellipsis.

    Cut at a space because a cut inside a Gujarati word can split a letter
    from its vowel sign and show a dotted circle.
    """
    text = _SPACES.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return (text[:cut] if cut > limit // 2 else text[:limit]).rstrip(" ,;:") + "…"


def entity_ids_of(metadata: Mapping) -> list[str]:
    """The post's ``entities:`` front matter as a list of ids (list or comma-separated text)."""
    value = metadata.get("entities") or []
    if isinstance(value, str):
        value = value.split(",")
    return [str(item).strip() for item in value if str(item).strip()]


def entity_names(ids: Iterable[str], knowledge_base) -> tuple[tuple[str, ...], list[str]]:
    """(names and aliases of the entities, in both languages; ids the KB does not know)."""
    names: dict[str, None] = {}
    unknown = []
    entities = getattr(knowledge_base, "entities", {}) if knowledge_base is not None else {}
    for entity_id in ids:
        entity = entities.get(entity_id)
        if entity is None:
            unknown.append(entity_id)
            continue
        names.update(_names_of(entity))
    return tuple(names), unknown


_NAMES: dict[int, tuple[object, dict[str, None]]] = {}


def _names_of(entity) -> dict[str, None]:
    """``entity.all_names()`` as dict keys, worked out once per entity (an entity is in thousands of articles)."""
    known = _NAMES.get(id(entity))
    if known is None or known[0] is not entity:
        known = _NAMES[id(entity)] = (entity, dict.fromkeys(entity.all_names()))
    return known[1]


def load_entities(directory: Path):
    """The knowledge base in ``directory``, or None (with a warning) when it cannot be had."""
    if not directory.is_dir():
        log.warning("sangrah search: no entity knowledge base at %s; entity names are not searchable", directory)
        return None
    try:
        from sangrah_entities import load_knowledge_base
    except ImportError:
        log.warning("sangrah search: sangrah_entities is not installed; entity names are not searchable")
        return None
    return load_knowledge_base(directory)


def document_from_article(article, knowledge_base, date_text, undated_text: str,
                          texts: TextCache | None = None) -> SearchDocument:
    """A SearchDocument from a Pelican article.

    ``date_text(date)`` formats a date as the theme does; an article the
    import found no date for (``date_source: none``) shows ``undated_text``.
    ``texts``: the text of HTML parsed in earlier builds.
    """
    metadata = getattr(article, "metadata", {}) or {}
    ids = entity_ids_of(metadata)
    names, unknown = entity_names(ids, knowledge_base)
    if unknown and knowledge_base is not None:
        log.warning("sangrah search: %s names entities the KB does not know: %s",
                    article.source_path, ", ".join(unknown))
    given_summary = metadata.get("summary")  # Markdown in the front matter, HTML by now
    as_read = getattr(article, "_content", None)
    if texts is not None and isinstance(as_read, str):
        body, lede = texts.text_of(as_read, lambda: article.content or "")
    else:
        body, lede = body_and_lede(article.content or "")
    undated = metadata.get("date_source") == "none" or getattr(article, "date", None) is None
    return SearchDocument(
        url=article.url,
        # The title is text, not HTML (the theme escapes it): "<b>" in a
        # title is four characters a reader sees, and stays so.
        title=_SPACES.sub(" ", str(article.title)).strip(),
        body=body,
        tags=tuple(tag.name for tag in getattr(article, "tags", None) or ()),
        entity_names=names,
        date_iso="" if undated else article.date.isoformat(),
        date_text=undated_text if undated else date_text(article.date),
        summary=shorten(html_to_text(given_summary) if given_summary else lede),
        lang=getattr(article, "lang", None) or "gu",
    )
