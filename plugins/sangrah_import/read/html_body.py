"""Where a saved news page keeps its article, and the article's blocks.

1. Every element gets a role from its tag, class/id/role words and data
   (data/html.json): dropped code and chrome, page *noise* (ads, share bars,
   related links, comments, sidebars, cookie and newsletter boxes), the
   article's own *furniture* (byline, dateline, section label: metadata, not
   body), image *captions*, the *standfirst* under the headline.
2. The article container is the marked-up body when the page says so
   (itemprop=articleBody, then <article>, then <main>/role=main) and that
   element holds most of the page's prose; otherwise the deepest element
   that still holds most of it (text density), widened to take in the
   headline's surroundings (lead image caption, dateline).
3. The container is walked into :class:`Segment`s: paragraphs (also bare
   text split at <br><br>), sub-headings, bold-only lines, list items,
   quotes, captions and data-table rows. Only text is taken, never markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from bs4 import Comment, NavigableString, Tag

from ..data import load
from ..model import Segment

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main",
    "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    "amp-img", "picture",
}
HEADING_TAGS = {"h2", "h3", "h4", "h5", "h6"}
HEADING_ELEMENT_MAX_WORDS = 20
IMAGE_TAGS = {"img", "amp-img", "picture"}
STRONG_TAGS = {"b", "strong"}
# A wrapper holding an image and at most this many words is the image's caption.
IMAGE_CAPTION_MAX_WORDS = 40
# A data table's cells are short; longer cells mean a layout table.
TABLE_CELL_MAX_WORDS = 30
# The marked-up article must hold this share of the page's prose to be trusted.
SEMANTIC_MIN_SHARE = 0.5
# Text density: the deepest element holding this share of the page's prose.
DENSITY_SHARE = 0.7
# Widening the container to the headline's surroundings may add at most this
# much prose (relative to the container), or the widening is not done.
WIDEN_MAX_GROWTH = 1.6


# Elements that never have content. libxml2 parses some of them (embed,
# param, source …) as containers and nests the rest of the page inside,
# where dropping the element would drop the article with it.
VOID_TAGS = ("area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr")


def repair_void_elements(soup) -> None:
    """Move whatever the parser nested inside a void element back after it."""
    for element in soup.find_all(VOID_TAGS):
        if element.contents:
            for child in reversed(list(element.contents)):
                element.insert_after(child.extract())


def _words(value: str) -> list[str]:
    value = re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", value)
    return [w for w in re.split(r"[-_\s:./]+", value.lower()) if w]


@lru_cache(maxsize=None)
def _patterns(group: str) -> tuple[tuple[tuple[str, ...], bool], ...]:
    data = load("html")[group]["tokens"]
    patterns = []
    for entry in data:
        prefix = entry.endswith("*")
        patterns.append((tuple(_words(entry.rstrip("*"))), prefix))
    return tuple(patterns)


def _matches(words: list[str], pattern: tuple[str, ...], prefix: bool) -> bool:
    size = len(pattern)
    for start in range(len(words) - size + 1):
        window = words[start:start + size]
        if window[:-1] == list(pattern[:-1]) and (
            window[-1] == pattern[-1] or (prefix and window[-1].startswith(pattern[-1]))
        ):
            return True
    return False


def _attribute_values(element: Tag, with_id: bool = True) -> list[str]:
    values = []
    classes = element.get("class")
    if isinstance(classes, list):
        values.extend(classes)
    elif classes:
        values.append(str(classes))
    for name in ("id", "data-component", "data-module", "data-block"):
        if name == "id" and not with_id:
            continue
        value = element.get(name)
        if value:
            values.append(str(value))
    return values


def has_token(element: Tag, group: str) -> bool:
    patterns = _patterns(group)
    if group == "keep_tokens":
        # Whole values only: 'paywall' keeps div.paywall, not div.paywall-prompt.
        wanted = {pattern for pattern, _ in patterns}
        return any(tuple(_words(value)) in wanted for value in _attribute_values(element, with_id=False))
    for value in _attribute_values(element, with_id=group != "furniture_tokens"):
        words = _words(value)
        if any(_matches(words, pattern, prefix) for pattern, prefix in patterns):
            return True
    return False


@dataclass
class Roles:
    """The role of every element of one page (by identity)."""

    drop: set[int] = field(default_factory=set)
    noise: set[int] = field(default_factory=set)
    furniture: set[int] = field(default_factory=set)
    caption: set[int] = field(default_factory=set)
    standfirst: set[int] = field(default_factory=set)

    def skipped(self, element: Tag) -> bool:
        key = id(element)
        return key in self.drop or key in self.noise or key in self.furniture

    def in_noise(self, element: Tag) -> bool:
        """Whether the element or an ancestor is dropped or noise."""
        node = element
        while isinstance(node, Tag):
            if id(node) in self.noise or id(node) in self.drop:
                return True
            node = node.parent
        return False

    def in_furniture(self, element: Tag) -> bool:
        node = element
        while isinstance(node, Tag):
            if id(node) in self.furniture:
                return True
            node = node.parent
        return False


_NEVER_NOISE = {"html", "body", "main", "article"}


def assign_roles(soup) -> Roles:
    roles = Roles()
    html_data = load("html")
    dropped = set(html_data["drop_tags"]["tags"])
    noise_roles = set(html_data["noise_tokens"]["roles"])
    # The element marked up as the article's body, and everything around it.
    article_path: set[int] = set()
    for body in soup.find_all(attrs={"itemprop": re.compile(r"\barticleBody\b", re.I)}):
        article_path.add(id(body))
        article_path.update(id(parent) for parent in body.parents)
    for element in soup.find_all(True):
        name = element.name
        key = id(element)
        if name in dropped:
            roles.drop.add(key)
            continue
        if name == "header":
            # The article's own header holds its headline, byline and time;
            # the page's header is the masthead.
            inside = element.find_parent(["article", "main"]) is not None
            (roles.furniture if inside else roles.noise).add(key)
            continue
        if name in _NEVER_NOISE:
            continue
        if key in article_path:
            # Blogger wraps its posts in div.widget.Blog: a class word that
            # marks sidebars elsewhere must not hide the marked-up article.
            continue
        if str(element.get("role", "")).lower() in noise_roles:
            roles.noise.add(key)
        elif has_token(element, "noise_tokens") and not has_token(element, "keep_tokens"):
            roles.noise.add(key)
        elif has_token(element, "furniture_tokens") and not has_token(element, "keep_tokens"):
            roles.furniture.add(key)
        elif name == "figcaption" or has_token(element, "caption_tokens"):
            roles.caption.add(key)
        if has_token(element, "standfirst_tokens"):
            roles.standfirst.add(key)
    return roles


# -- how much prose an element holds ------------------------------------------------


def prose_weights(root: Tag, roles: Roles) -> dict[int, int]:
    """Characters of non-link text in each element, page furniture excluded."""
    weights: dict[int, int] = {}

    def visit(node: Tag, in_link: bool) -> int:
        total = 0
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                if not in_link:
                    total += len(child.strip())
            elif isinstance(child, Tag):
                if roles.skipped(child):
                    weights[id(child)] = 0
                    continue
                total += visit(child, in_link or child.name == "a")
        weights[id(node)] = total
        return total

    visit(root, False)
    return weights


def _heaviest(elements: list[Tag], weights: dict[int, int]) -> Tag | None:
    best = None
    for element in elements:
        if best is None or weights.get(id(element), 0) > weights.get(id(best), 0):
            best = element
    return best


def _densest(root: Tag, weights: dict[int, int]) -> Tag:
    """The deepest element that still holds most of the page's prose."""
    total = weights.get(id(root), 0)
    node = root
    while True:
        heavy = [c for c in node.find_all(True, recursive=False) if weights.get(id(c), 0) >= DENSITY_SHARE * total]
        if not heavy:
            return node
        node = heavy[0]


def _common_ancestor(a: Tag, b: Tag) -> Tag | None:
    ancestors = {id(a)} | {id(p) for p in a.parents}
    if id(b) in ancestors:
        return b
    for parent in b.parents:
        if id(parent) in ancestors:
            return parent
    return None


def find_container(soup, roles: Roles, headline: Tag | None) -> Tag:
    """The element that holds the article body."""
    body = soup.body or soup
    weights = prose_weights(body, roles)
    total = max(1, weights.get(id(body), 0))

    def usable(elements):
        return [e for e in elements if not roles.in_noise(e)]

    marked = usable(soup.find_all(attrs={"itemprop": re.compile(r"\barticleBody\b", re.I)}))
    best = _heaviest(marked, weights)
    if best is not None and weights.get(id(best), 0) >= SEMANTIC_MIN_SHARE * total:
        return best
    for candidates in (
        usable(soup.find_all("article")),
        usable(soup.find_all("main") + soup.find_all(attrs={"role": "main"})),
    ):
        best = _heaviest(candidates, weights)
        if best is not None and weights.get(id(best), 0) >= SEMANTIC_MIN_SHARE * total:
            return best
    container = _densest(body, weights)
    if headline is not None:
        wider = _common_ancestor(headline, container)
        if wider is not None and wider is not container and wider.name not in ("html", "[document]"):
            if weights.get(id(wider), 0) <= WIDEN_MAX_GROWTH * max(1, weights.get(id(container), 0)):
                container = wider
    return container


# -- the walk: container -> segments ----------------------------------------------------


@dataclass
class _Run:
    """Inline content collected until a block boundary."""

    pieces: list[tuple[str, bool, bool]] = field(default_factory=list)  # (text, in link, in bold)

    def add(self, text: str, in_link: bool, in_bold: bool) -> None:
        self.pieces.append((text, in_link, in_bold))

    def br(self) -> None:
        self.pieces.append(("\n", False, False))


def _segments_from_pieces(pieces, kind: str, standfirst: bool = False) -> list[Segment]:
    """Split inline pieces at <br><br> into paragraphs, at <br> into lines."""
    paragraphs: list[list[tuple[str, bool, bool]]] = [[]]
    newlines = 0
    for text, in_link, in_bold in pieces:
        if text == "\n":
            newlines += 1
            if newlines >= 2 and kind in ("paragraph", "strong") and paragraphs[-1]:
                paragraphs.append([])
            elif paragraphs[-1]:
                paragraphs[-1].append(("\n", False, False))
            continue
        if text.strip():
            newlines = 0
        paragraphs[-1].append((text, in_link, in_bold))
    segments = []
    for paragraph in paragraphs:
        joined = "".join(t for t, _, _ in paragraph)
        lines = tuple(" ".join(line.split()) for line in joined.split("\n"))
        lines = tuple(line for line in lines if line)
        if not lines:
            continue
        visible = sum(len(t.strip()) for t, _, _ in paragraph if t != "\n")
        linked = sum(len(t.strip()) for t, link, _ in paragraph if link)
        bold = sum(len(t.strip()) for t, _, b in paragraph if b and t != "\n")
        segment_kind = kind
        if kind == "paragraph" and visible and bold == visible and linked == 0:
            segment_kind = "strong"
        segments.append(Segment(segment_kind, lines, linked / visible if visible else 0.0, standfirst))
    return segments


class Walker:
    def __init__(self, roles: Roles, skip: set[int] | None = None, include_furniture: bool = False):
        self.roles = roles
        self.skip = skip or set()
        self.include_furniture = include_furniture
        self.segments: list[Segment] = []

    def _skipped(self, element: Tag) -> bool:
        key = id(element)
        if key in self.skip or key in self.roles.drop or key in self.roles.noise:
            return True
        return key in self.roles.furniture and not self.include_furniture

    # inline content
    def _inline(self, node: Tag, run: _Run, in_link: bool, in_bold: bool, top: bool = False) -> None:
        # ``top``: the children of a block, where an image wrapper is a block too.
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                run.add(str(child), in_link, in_bold)
                continue
            if not isinstance(child, Tag) or self._skipped(child):
                continue
            if child.name == "br":
                run.br()
            elif child.name in BLOCK_TAGS or id(child) in self.roles.caption or (top and self._is_image_wrapper(child)):
                # A block inside inline markup (invalid but common): close the run.
                self._flush(run, "paragraph")
                self.block(child)
            else:
                self._inline(child, run, in_link or child.name == "a", in_bold or child.name in STRONG_TAGS)

    def _flush(self, run: _Run, kind: str, standfirst: bool = False) -> None:
        if run.pieces:
            self.segments.extend(_segments_from_pieces(run.pieces, kind, standfirst))
            run.pieces = []

    def _text_of(self, node: Tag, kind: str, standfirst: bool = False) -> None:
        run = _Run()
        self._inline(node, run, node.name == "a", node.name in STRONG_TAGS)
        self._flush(run, kind, standfirst)

    # blocks
    def children(self, node: Tag) -> None:
        run = _Run()
        self._inline(node, run, False, False, top=True)
        self._flush(run, "paragraph")

    def _is_image_wrapper(self, element: Tag) -> bool:
        """A small element holding an image and a few words: a photo and its caption.

        Wrappers whose caption is marked up (figcaption, class "caption") are
        walked like any element instead: the marked caption is the caption.
        """
        if element.name in IMAGE_TAGS or element.name == "a" or not element.find(list(IMAGE_TAGS)):
            return False
        if any(id(e) in self.roles.caption for e in element.find_all(True)):
            return False
        if element.find(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "table", "blockquote"]):
            return False
        return len(element.get_text(" ").split()) <= IMAGE_CAPTION_MAX_WORDS

    def block(self, element: Tag) -> None:
        name = element.name
        key = id(element)
        standfirst = key in self.roles.standfirst
        if key in self.roles.caption:
            self._text_of(element, "caption")
        elif name == "h1":
            return  # the headline: read as the title, not as body
        elif name in HEADING_TAGS:
            # A heading element holding a whole sentence or two is a standfirst
            # or summary styled large, not a sub-heading.
            long = len(element.get_text(" ").split()) > HEADING_ELEMENT_MAX_WORDS
            self._text_of(element, "paragraph" if standfirst or long else "heading", standfirst)
        elif name == "p":
            self._text_of(element, "paragraph", standfirst)
        elif name in ("li", "dt", "dd"):
            nested = [c for c in element.find_all(["ul", "ol", "dl"], recursive=False)]
            for child in nested:
                self.skip.add(id(child))
            self._text_of(element, "list_item")
            for child in nested:
                self.skip.discard(id(child))
                self.block(child)
        elif name == "blockquote":
            before = len(self.segments)
            self.children(element)
            self.segments[before:] = [
                Segment("quote", s.lines, s.link_share) if s.kind in ("paragraph", "strong") else s
                for s in self.segments[before:]
            ]
        elif name == "figure":
            captions = [e for e in element.find_all(True) if id(e) in self.roles.caption]
            outermost = [c for c in captions if not any(id(p) in self.roles.caption for p in c.parents)]
            if not outermost:
                self._text_of(element, "caption")
            for caption in outermost:
                if not any(self._skipped(p) for p in [caption, *caption.parents] if p is not element):
                    self._text_of(caption, "caption")
        elif name == "table":
            self.table(element)
        elif name == "pre":
            self._text_of(element, "paragraph")
        elif name == "hr":
            return
        elif self._is_image_wrapper(element):
            self._text_of(element, "caption")
        else:
            self.children(element)

    def table(self, table: Tag) -> None:
        rows = table.find_all("tr")
        nested = table.find("table") is not None
        cells = [row.find_all(["td", "th"]) for row in rows]
        is_data = (
            not nested
            and len(rows) >= 2
            and all(
                not cell.find(["p", "div", "ul", "ol", "h2", "h3", "h4", "table", "blockquote"])
                and len(cell.get_text(" ").split()) <= TABLE_CELL_MAX_WORDS
                for row in cells for cell in row
            )
            and max((len(row) for row in cells), default=0) >= 2
        )
        if not is_data:
            # A layout table: its cells are containers like any <div>.
            for row in cells:
                for cell in row:
                    if not self._skipped(cell):
                        self.children(cell)
            return
        for row in cells:
            texts = [" ".join(cell.get_text(" ").split()) for cell in row if not self._skipped(cell)]
            texts = [t for t in texts if t]
            if texts:
                self.segments.append(Segment("row", (" | ".join(texts),)))


def walk(container: Tag, roles: Roles) -> list[Segment]:
    walker = Walker(roles)
    if container.name in BLOCK_TAGS - {"html", "body", "div", "section", "article", "main", "header", "footer"}:
        walker.block(container)
    else:
        walker.children(container)
    return walker.segments
