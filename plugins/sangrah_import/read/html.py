"""Saved news pages (.html, .htm): the article's text and what the page says about it.

The page is parsed with lxml (through beautifulsoup4), which copes with
truncated and invalid markup the way browsers do. Only text is taken out:
no element, attribute or URL of the page reaches a post, so whatever a page
hides in its markup (scripts, handlers, frames) is left behind with it.

Metadata comes in order of trust (read/html_meta.py); the body and the
lines around it come from read/html_body.py, and are judged by the same
text rules as plain-text dumps when the draft is cleaned
(clean/html_blocks.py).
"""

from __future__ import annotations

import re
from datetime import tzinfo

from bs4 import BeautifulSoup, Tag

from ..data import load
from ..model import Draft
from ..text import comparable, longest_first
from .decode import decode, declared_encoding
from .html_body import Roles, Walker, assign_roles, find_container, has_token, repair_void_elements, walk
from .html_meta import (
    PageMeta,
    _names,
    first_text,
    is_web_url,
    jsonld_dates,
    keywords,
    meta_dates,
    read_page_meta,
    strip_site_name,
    time_dates,
)
from .legacy_font import names_legacy_font
from .markup import plain_value

# A headline shorter than this is a label ("LIVE"), not the article's title.
HEADLINE_MIN_WORDS = 2
# An author is a name: longer text in an author element is a bio or a strip.
AUTHOR_MAX_WORDS = 6
_SEPARATORS = re.compile(r"\s*(?:\||•|·|/|–|—|\s-\s)\s*")


def read_html_dump(data: bytes, source: str, local_zone: tzinfo) -> list[Draft]:
    text = decode(data, declared_encoding(data))
    return [draft_from_html(text, source, local_zone)]


def _headline_element(soup, roles: Roles, page: PageMeta) -> Tag | None:
    """The page's headline element: an <h1>, or what repeats the stated title."""
    h1s = [h for h in soup.find_all("h1") if not roles.in_noise(h) and len(h.get_text(" ").split()) >= HEADLINE_MIN_WORDS]
    stated = [first_text(page.article.get("headline")) if page.article else None, page.meta("og:title", "twitter:title")]
    stated_keys = [comparable(strip_site_name(s, page.site_names)) for s in stated if s]
    for h1 in h1s:
        key = comparable(h1.get_text(" "))
        if any(key and (key in s or s in key) for s in stated_keys if s):
            return h1
    if h1s:
        return h1s[0]
    # No <h1>: a styled block that repeats the title is the headline.
    wanted = {k for k in stated_keys if k}
    if page.title_tag:
        wanted.add(comparable(strip_site_name(page.title_tag, page.site_names)))
    wanted.discard("")
    if not wanted:
        return None
    for element in (soup.body or soup).find_all(True):
        if element.name in ("title", "script", "style") or roles.in_noise(element):
            continue
        text = element.get_text(" ")
        if len(text) > 400:
            continue
        if comparable(text) in wanted and not any(comparable(c.get_text(" ")) in wanted for c in element.find_all(True)):
            return element
    return None


def _generic_title(title: str, page: PageMeta) -> bool:
    """'Print', 'News Details', 'Kutch Times': a page's label or the site's name, not a headline."""
    lowered = title.lower().strip(" :|-–")
    noise = load("noise")
    return (
        _is_site(title, page)
        or lowered in noise["site_names"]["names"]
        or lowered in noise["ui_words"]["words"]
        or lowered in load("sections")["furniture"]
    )


def _title(headline: Tag | None, page: PageMeta) -> tuple[str | None, str | None]:
    if headline is not None:
        text = plain_value(headline.get_text(" "))
        if text and not _generic_title(strip_site_name(text, page.site_names) or text, page):
            return strip_site_name(text, page.site_names), "h1" if headline.name == "h1" else "headline"
    for value, source in (
        (first_text(page.article.get("headline")) if page.article else None, "json-ld"),
        (page.meta("og:title", "twitter:title"), "meta"),
        (page.title_tag and plain_value(page.title_tag), "title-tag"),
    ):
        if value:
            title = strip_site_name(value, page.site_names)
            if title and not _generic_title(title, page):
                return title, source
    return None, None


def _region(container: Tag, headline: Tag | None) -> Tag:
    """The article with its header: the container widened to the headline."""
    if headline is None:
        return container
    ancestors = {id(p) for p in container.parents} | {id(container)}
    if id(headline) in {id(e) for e in container.find_all(True)}:
        return container
    for parent in headline.parents:
        if id(parent) in ancestors:
            return parent
    return container


def _is_site(name: str, page: PageMeta) -> bool:
    """The site itself, also as 'સંદેશ ન્યૂઝ, વડોદરા' (the site and its city desk)."""
    keys = {comparable(name), comparable(name.split(",")[0])}
    sites = set()
    for site in page.site_names:  # the page's own names and the known sites
        sites |= {comparable(site), comparable(site + " ન્યૂઝ"), comparable(site + " news")}
    return bool(keys & sites)


def _byline_credits(name: str, lines: list[str]) -> bool:
    """Whether a visible byline credits ``name`` ('By ABP Asmita | …')."""
    prefixes = load("noise")["bylines"]["prefixes"]
    key = comparable(name)
    for line in lines:
        lowered = line.lower()
        for prefix in prefixes:
            for match in re.finditer(rf"(?:^|\W){re.escape(prefix)}\s*[:ઃ]?\s*", lowered):
                if comparable(line[match.end():match.end() + len(name) + 4]).startswith(key):
                    return True
    return False


def _authors(page: PageMeta, soup, roles: Roles, region: Tag, around: list[str]) -> list[str]:
    if page.article is not None and page.article.get("author") is not None:
        names = []
        for name, kind in _names(page.article.get("author")):
            text = plain_value(name)
            if not text or is_web_url(text) or len(text.split()) > AUTHOR_MAX_WORDS:
                continue
            # A publisher credited by the CMS as the author of everything is
            # not a byline, unless the page's own byline credits it.
            if kind.endswith("Organization") and _is_site(text, page) and not _byline_credits(text, around):
                continue
            names.append(text)
        if names or _names(page.article.get("author")):
            return names
    for key in ("author", "article:author", "byl", "dc.creator", "parsely-author"):
        for raw in page.metas.get(key, []):
            text = plain_value(raw)
            if text and not is_web_url(text) and not _is_site(text, page) and len(text.split()) <= AUTHOR_MAX_WORDS:
                return [re.sub(r"^(?:by)\s+", "", text, flags=re.I)]
    # Marked-up bylines inside the article: itemprop/rel/class "author".
    candidates = []
    for element in region.find_all(True):
        if roles.in_noise(element):
            continue
        itemprop = str(element.get("itemprop", "")).lower()
        rel = [r.lower() for r in (element.get("rel") or [])]
        classes = " ".join(element.get("class", [])).lower()
        if itemprop == "author" or "author" in rel or re.search(r"(?:^|[\s_-])(author|auth|writer|byline-name|author-name)(?:$|[\s_-])", classes):
            named = element.find(attrs={"itemprop": "name"})
            candidates.append((named or element).get_text(" "))
    for text in candidates:
        text = _without_label(plain_value(text)).strip(" ,|")
        if text and len(text.split()) <= AUTHOR_MAX_WORDS and not _is_site(text, page):
            return [text]
    # A byline strip without a label: "GSTV ડેસ્ક • 3 કલાક પહેલા",
    # "મેહુલ ત્રિવેદી | સુરેન્દ્રનગર | 15 એપ્રિલ 2024". Its first part is the
    # writer when it reads as a name (no digits, not the site, not a section).
    for line in around:
        parts = [p for p in _SEPARATORS.split(line) if p.strip()]
        if len(parts) < 2:
            continue
        first = _without_label(plain_value(parts[0]))
        if _looks_like_name(first) and not _is_site(first, page):
            return [first]
    return []


# What follows a name in a byline element: 'ABP Asmita Updated: 45 મિનિટ પહેલાં'.
_AFTER_NAME = re.compile(
    r"\s*(?:[|•·]|\b(?:updated|published|posted|last updated)\b|અપડેટ|પ્રકાશિત"
    r"|\d+\s*(?:કલાક|મિનિટ|દિવસ|hours?|hrs?|minutes?|mins?|days?)\b).*$", re.IGNORECASE
)


def _without_label(text: str) -> str:
    """'By Mirror Bureau' -> 'Mirror Bureau' (the byline labels of data/noise.json);
    what trails the name (an update time, a place after a bar) goes too."""
    text = _AFTER_NAME.sub("", text).strip(" ,:ઃ-–")
    lowered = text.lower()
    for prefix in longest_first(tuple(load("noise")["bylines"]["prefixes"])):
        if lowered.startswith(prefix) and (len(text) == len(prefix) or not text[len(prefix)].isalnum() or prefix.endswith(":")):
            return text[len(prefix):].strip(" :ઃ-–|")
    return text


def _looks_like_name(text: str) -> bool:
    if not text or len(text.split()) > AUTHOR_MAX_WORDS or re.search(r"[\d\u0ae6-\u0aef]", text):
        return False
    if text.endswith((".", "?", "!", ":")):
        return False
    sections = load("sections")
    lowered = text.lower()
    if lowered in sections["sections"] or lowered in sections["furniture"]:
        return False
    labels = {w.lower() for k in ("published", "updated") for w in load("months")["date_labels"][k]}
    return not any(label in lowered for label in labels)


def _category(page: PageMeta, region: Tag, roles: Roles) -> str | None:
    if page.article is not None:
        section = first_text(page.article.get("articleSection"))
        if section:
            return section
    section = page.meta("article:section", "section", "og:article:section")
    if section:
        return section
    for link in region.find_all("a", rel=True):
        if "category" in [r.lower() for r in link.get("rel") or []]:
            text = plain_value(link.get_text(" "))
            if text:
                return text
    for element in region.find_all(True):
        if roles.in_noise(element) or not has_token(element, "furniture_tokens"):
            continue
        classes = " ".join(element.get("class", [])).lower()
        if re.search(r"category|kicker|section-label|cat-label", classes):
            text = plain_value(element.get_text(" "))
            if text and len(text.split()) <= 4:
                return text
    return None


def _tags(page: PageMeta, region: Tag) -> list[str]:
    if page.article is not None and page.article.get("keywords"):
        found = keywords(page.article.get("keywords"))
        if found:
            return found
    tags = [plain_value(v) for v in page.metas.get("article:tag", [])]
    tags = [t for t in tags if t]
    if tags:
        return tags
    linked = [plain_value(a.get_text(" ")) for a in region.find_all("a", rel=True) if "tag" in [r.lower() for r in a.get("rel") or []]]
    linked = [t for t in linked if t]
    if linked:
        return linked
    for element in region.find_all(True):
        classes = [c.lower() for c in element.get("class", [])]
        if any(c in ("tags", "tags-list", "tag-list", "art-tags", "post-tags", "article-tags", "tags-links") for c in classes):
            found = [plain_value(a.get_text(" ")) for a in element.find_all("a")]
            found = [t for t in found if t]
            if found:
                return found
    for key in ("news_keywords", "keywords"):
        for raw in page.metas.get(key, []):
            found = keywords(raw)
            if found:
                return found
    return []


def _furniture_lines(region: Tag, roles: Roles) -> list[str]:
    """Lines of the article's own furniture: byline, dateline, section label."""
    lines = []
    for element in region.find_all(True):
        if id(element) not in roles.furniture or roles.in_noise(element):
            continue
        if any(id(p) in roles.furniture for p in element.parents):
            continue  # taken with its outer furniture element
        walker = Walker(roles, include_furniture=True)
        walker.children(element)
        lines.extend(line for segment in walker.segments for line in segment.lines)
    return lines


def _page_lines(soup, roles: Roles, region: Tag) -> list[str]:
    """Visible lines of the page outside the article (noise left out)."""
    walker = Walker(roles, skip={id(region)}, include_furniture=True)
    walker.children(soup.body or soup)
    return [line for segment in walker.segments for line in segment.lines]


def draft_from_html(markup: str, source: str, local_zone: tzinfo, record: str | None = None) -> Draft:
    soup = BeautifulSoup(markup, "lxml")
    repair_void_elements(soup)
    page = read_page_meta(soup)
    roles = assign_roles(soup)
    headline = _headline_element(soup, roles, page)
    container = find_container(soup, roles, headline)
    region = _region(container, headline)

    draft = Draft(source=source, record=record)
    draft.segments = walk(container, roles)
    draft.structured = True
    draft.legacy_font_named = names_legacy_font(markup[:200_000])
    around = _furniture_lines(region, roles)
    draft.around = around
    draft.page_text = _page_lines(soup, roles, region)
    draft.title, draft.title_source = _title(headline, page)

    def in_noise(element):
        return isinstance(element, Tag) and roles.in_noise(element)

    draft.dates.extend(jsonld_dates(page, local_zone))
    draft.dates.extend(meta_dates(page, soup, local_zone, in_noise))
    draft.dates.extend(time_dates(soup, local_zone, in_noise))
    draft.authors = _authors(page, soup, roles, region, around)
    draft.category = _category(page, region, roles)
    draft.tags = _tags(page, region)
    draft.url = page.canonical
    return draft
