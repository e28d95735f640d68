"""What a saved page states about its article, in order of trust.

JSON-LD (schema.org NewsArticle, Article, LiveBlogPosting and their
subtypes, wherever the node sits: one object, a list, an @graph), then
OpenGraph / ``article:*`` / microdata meta tags, then the article's own
``<time datetime>``, then ``<title>``. JSON-LD that does not parse is
ignored, never "repaired": a broken block is as likely to belong to another
page as to this one.

Every value is reduced to plain text (read/markup.py): a headline or a tag
with markup in it loses the markup, whatever it tried to do.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import tzinfo
from urllib.parse import urlsplit

from bs4 import Tag

from ..data import load
from ..extract.date_values import parse_date_value
from ..model import DateEvidence
from ..text import comparable
from .markup import plain_value

# How deep nested JSON-LD is searched for the article node.
MAX_DEPTH = 6
# Separators between a headline and a site or section name in <title>.
TITLE_SEPARATORS = (" | ", " :: ", " - ", " – ", " — ", " « ", " » ", " · ", " / ", " :")


@dataclass
class PageMeta:
    article: dict | None = None  # the JSON-LD node of the article
    nodes: list[dict] = field(default_factory=list)  # every JSON-LD node
    metas: dict[str, list[str]] = field(default_factory=dict)  # name/property -> contents, in page order
    title_tag: str = ""
    canonical: str | None = None
    site_names: list[str] = field(default_factory=list)

    def meta(self, *names: str) -> str | None:
        for name in names:
            for value in self.metas.get(name, []):
                text = plain_value(value)
                if text:
                    return text
        return None


# -- JSON-LD ------------------------------------------------------------------------------


def _types(node: dict) -> list[str]:
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return [str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if isinstance(v, str)]


def is_article_node(node: dict) -> bool:
    known = set(load("html")["article_types"]["types"])
    return any(t in known or t.endswith(("Article", "BlogPosting")) for t in _types(node))


def _parse_block(text: str):
    text = text.strip()
    text = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$", "", text).strip()
    text = re.sub(r"^<!--|-->$", "", text).strip()
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        return None


def _collect(value, depth: int, top: list[dict], nested: list[dict]) -> None:
    if depth > MAX_DEPTH:
        return
    if isinstance(value, list):
        for item in value:
            _collect(item, depth if depth == 0 else depth + 1, top, nested)
    elif isinstance(value, dict):
        if "@type" in value:
            (top if depth == 0 else nested).append(value)
        graph = value.get("@graph")
        if graph is not None:
            _collect(graph, depth, top, nested)
        for key, item in value.items():
            if key != "@graph" and isinstance(item, (dict, list)):
                _collect(item, depth + 1, top, nested)


def jsonld_nodes(soup) -> tuple[list[dict], list[dict]]:
    """(top-level nodes, nested nodes) of every JSON-LD block that parses."""
    top: list[dict] = []
    nested: list[dict] = []
    for script in soup.find_all("script", attrs={"type": re.compile(r"ld\+json", re.I)}):
        data = _parse_block(script.get_text())
        if data is not None:
            _collect(data, 0, top, nested)
    return top, nested


def _names(value) -> list[tuple[str, str]]:
    """(name, @type) of a JSON-LD author/publisher value: object, list or string."""
    found = []
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, str):
            found.append((item, ""))
        elif isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, list):
                name = name[0] if name else None
            if isinstance(name, str):
                found.append((name, (_types(item) or [""])[0]))
    return found


def keywords(value) -> list[str]:
    """Keywords as a list: a JSON list, or a comma-separated string."""
    if isinstance(value, list):
        items = [v for v in value if isinstance(v, (str, int, float))]
    elif isinstance(value, str):
        items = re.split(r"\s*[,;|]\s*", value)
    else:
        return []
    return [t for t in (plain_value(i) for i in items) if t]


def first_text(value) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    text = plain_value(value) if isinstance(value, str) else ""
    return text or None


# -- meta tags and names ------------------------------------------------------------------


def meta_tags(soup) -> dict[str, list[str]]:
    metas: dict[str, list[str]] = {}
    for meta in soup.find_all("meta"):
        content = meta.get("content")
        if content is None:
            continue
        for attribute in ("property", "name", "itemprop"):
            name = meta.get(attribute)
            if name:
                metas.setdefault(str(name).strip().lower(), []).append(str(content))
    return metas


def is_web_url(value: str | None) -> bool:
    if not value:
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _copyright_names(soup) -> list[str]:
    """Names in the page's copyright line and logo: '© 2024 Ahmedabad Mirror.'"""
    names = []
    for text in soup.find_all(string=re.compile("©|copyright|કૉપીરાઇટ|કોપીરાઇટ", re.I)):
        line = " ".join(str(text).split())
        match = re.search(r"(?:©|copyright|કૉપીરાઇટ|કોપીરાઇટ)\s*(?:\d{4}(?:-\d{2,4})?\s*)?([^.|,©]{2,60})", line, re.I)
        if match:
            names.append(match.group(1).strip(" .:-"))
    for image in soup.find_all("img", alt=True):
        parent_classes = " ".join(image.parent.get("class", []) if isinstance(image.parent, Tag) else [])
        if "logo" in parent_classes.lower() or "logo" in " ".join(image.get("class", [])).lower() or "logo" in str(image.get("src", "")).lower() or "banner" in str(image.get("src", "")).lower():
            names.append(str(image["alt"]))
    for link in soup.find_all("a", class_=re.compile("logo", re.I)):
        names.append(link.get_text(" "))
    return names


def site_names(soup, nodes: list[dict], metas: dict[str, list[str]]) -> list[str]:
    """Names the site goes by on this page: headline suffixes are stripped by them."""
    names = []
    for key in ("og:site_name", "application-name", "twitter:site", "publisher", "copyright"):
        names.extend(metas.get(key, []))
    for node in nodes:
        types = _types(node)
        if any(t in ("Organization", "NewsMediaOrganization", "WebSite") for t in types):
            names.extend(n for n, _ in _names(node))
        publisher = node.get("publisher")
        if publisher is not None:
            names.extend(n for n, _ in _names(publisher))
    names.extend(_copyright_names(soup))
    names.extend(load("noise")["site_names"]["names"])
    clean = []
    for name in names:
        text = plain_value(name).lstrip("@")
        if text and len(text) <= 80 and text not in clean:
            clean.append(text)
    return clean


def _is_site_part(part: str, names: list[str]) -> bool:
    key = comparable(part)
    if not key:
        return True
    for name in names:
        other = comparable(name)
        if other and (key == other or (len(key) >= 3 and key in other) or (len(other) >= 3 and other in key and len(key) <= len(other) + 12)):
            return True
    sections = load("sections")
    lowered = part.strip().lower()
    return lowered in sections["sections"] or lowered in sections["furniture"]


def strip_site_name(title: str, names: list[str]) -> str:
    """A headline without the site (and section) names put before or after it."""
    title = " ".join(title.split())
    changed = True
    while changed:
        changed = False
        for separator in TITLE_SEPARATORS:
            if separator not in title:
                continue
            head, _, tail = title.rpartition(separator)
            if head.strip() and _is_site_part(tail, names):
                title, changed = head.strip(), True
                break
            head, _, tail = title.partition(separator)
            if tail.strip() and _is_site_part(head, names):
                title, changed = tail.strip(), True
                break
    return title


def read_page_meta(soup) -> PageMeta:
    top, nested = jsonld_nodes(soup)
    article = next((n for n in top if is_article_node(n)), None)
    if article is None:
        article = next((n for n in nested if is_article_node(n)), None)
    metas = meta_tags(soup)
    page = PageMeta(article=article, nodes=top + nested, metas=metas)
    title = soup.find("title")
    page.title_tag = " ".join(title.get_text(" ").split()) if title else ""
    for link in soup.find_all("link", href=True):
        if "canonical" in [r.lower() for r in (link.get("rel") or [])] and is_web_url(link["href"]):
            page.canonical = link["href"].strip()
            break
    if page.canonical is None:
        for candidate in (page.meta("og:url"), article.get("url") if article else None):
            if isinstance(candidate, str) and is_web_url(candidate):
                page.canonical = candidate.strip()
                break
    page.site_names = site_names(soup, page.nodes, metas)
    return page


# -- dates ------------------------------------------------------------------------------------


def jsonld_dates(page: PageMeta, local_zone: tzinfo) -> list[DateEvidence]:
    node = page.article
    if node is None:
        return []
    found = []
    keys = ["datePublished", "dateCreated"]
    if "LiveBlogPosting" in _types(node):
        keys.append("coverageStartTime")
    for rank, key in enumerate(keys):
        raw = node.get(key)
        if isinstance(raw, list):
            raw = raw[0] if raw else None
        value = parse_date_value(raw, local_zone)
        if value is not None:
            found.append(DateEvidence(value, "json-ld", f"{key}: {raw}", rank))
    return found


def meta_dates(page: PageMeta, soup, local_zone: tzinfo, in_noise) -> list[DateEvidence]:
    found = []
    for rank, name in enumerate(load("html")["published_meta"]["names"]):
        for raw in page.metas.get(name, []):
            value = parse_date_value(raw, local_zone)
            if value is not None:
                found.append(DateEvidence(value, "meta", f"{name}: {raw}", rank))
                break
    # Microdata itemprop=datePublished of the article (not of a related card):
    # <meta content>, or the hAtom form Blogger writes, <abbr title>.
    for meta in soup.find_all(["meta", "abbr", "span"], attrs={"itemprop": re.compile(r"^datePublished$", re.I)}):
        if in_noise(meta.parent) and not _in_article_item(meta):
            continue
        raw = meta.get("content") or (meta.get("title") if meta.name == "abbr" else None)
        value = parse_date_value(raw, local_zone)
        if value is not None:
            found.append(DateEvidence(value, "meta", f"itemprop datePublished: {raw}", 0))
    return found


def _in_article_item(element) -> bool:
    """Inside the microdata item of the article itself (a BlogPosting that holds
    the articleBody), even when that part of the page looks like furniture:
    Blogger puts a post's date and author in its post footer."""
    for parent in element.parents:
        kind = str(parent.get("itemtype", "")) if hasattr(parent, "get") else ""
        if re.search(r"(?:Article|BlogPosting|Posting)$", kind):
            return parent.find(attrs={"itemprop": re.compile(r"\barticleBody\b", re.I)}) is not None
    return False


_MODIFIED = re.compile(r"updat|modif|edited|revis", re.I)
_PUBLISHED = re.compile(r"publish|pubdate|posted|entry-date|created", re.I)
_UPDATED_LABEL = re.compile(r"(?:updated|last updated|modified|અપડેટ)\s*[:ઃ]?\s*$", re.I)


def time_dates(soup, local_zone: tzinfo, in_noise) -> list[DateEvidence]:
    """The article's own <time datetime>: not a related story's, not a comment's, not 'updated'."""
    found = []
    for element in soup.find_all(["time"]) + soup.find_all(attrs={"itemprop": re.compile(r"^datePublished$", re.I)}):
        if element.name == "meta" or in_noise(element):
            continue
        raw = element.get("datetime") or element.get("content")
        if not raw:
            continue
        markers = " ".join([*element.get("class", []), str(element.get("itemprop", "")), "pubdate" if element.has_attr("pubdate") else ""])
        if _MODIFIED.search(markers):
            continue
        previous = element.previous_sibling
        label = str(previous) if isinstance(previous, str) else (previous.get_text(" ") if isinstance(previous, Tag) else "")
        if _UPDATED_LABEL.search(label or ""):
            continue
        parent_text = element.parent.get_text(" ") if isinstance(element.parent, Tag) else ""
        before = parent_text.split(element.get_text(" "))[0] if element.get_text(" ") else parent_text
        if _UPDATED_LABEL.search(before.strip()[-40:]):
            continue
        value = parse_date_value(str(raw), local_zone)
        if value is None:
            continue
        rank = 0 if _PUBLISHED.search(markers) else 1
        found.append(DateEvidence(value, "time-element", f"<time datetime={raw}>", rank))
    return found
