"""Last line of defence: article HTML keeps only harmless markup.

The import already writes dump text as escaped Markdown; this also covers
posts written or edited by hand. ammonia (via nh3) drops scripts, event
handlers, javascript: URLs, iframes and the like.

Markdown posts are cleaned as they are read (reader.py), so the HTML in
Pelican's content cache is the clean one and a rebuild does not clean ten
thousand articles again; anything else is cleaned when its content object
is made.
"""

from __future__ import annotations

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn", "div", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "time", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "*": {"lang", "dir", "id"},
}


def clean_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


class SanitizedHTML(str):
    """HTML :func:`clean_html` made: a str that says it needs no second cleaning.

    It keeps its type through Pelican's content cache (pickled) and the
    reading workers; any change to the text (typogrify, a plugin) gives a
    plain str again, which is cleaned as usual.
    """

    __slots__ = ()


def sanitized(html: str) -> SanitizedHTML:
    return html if type(html) is SanitizedHTML else SanitizedHTML(clean_html(html))


def sanitize_content(content) -> None:
    """content_object_init: clean the HTML of every article and page not cleaned when read."""
    html = getattr(content, "_content", None)
    if html and type(html) is not SanitizedHTML:
        content._content = clean_html(html)
