"""Template fragments rendered once per build instead of once per page.

An article's teaser (section, headline, lede, date) appears on the home
page, its section, each of its tags and each of its entities' pages: forty
times and more in a 10,000-article archive, the same HTML each time for
pages at the same depth. ``memo_html`` renders a macro once per
(arguments, SITEURL) and hands the same markup back afterwards.

Only for macros whose output depends on nothing but their arguments, the
relative SITEURL given with them, and the site's settings (the teaser).
Objects among the arguments are told apart by identity, and kept, so an
identity is never reused within a build. The memory is emptied when a build
starts (``clear``).

Fragments are also kept between builds (``keep_between_builds``, fed by the
writer from its cache file). There an object is named by its render
fingerprint (fingerprint.py: everything a page may show of it) and the site
by its digest (settings, templates, code, libraries), so a kept fragment is
the one the macro would make now. A rebuild after one new dump renders some
1,500 list pages again, full of teasers of articles that did not change:
they come from here instead of from the templates.
"""

from __future__ import annotations

import hashlib
from typing import Callable

from markupsafe import Markup

_MEMO: dict[tuple, tuple[tuple, object]] = {}


class _Lasting:
    """The fragments of earlier builds, and those this process made."""

    def __init__(self, site: str, kept: dict[str, str], name_of: Callable[[object], str | None]):
        self.site, self.kept, self.name_of = site, kept, name_of
        self.made: dict[str, tuple[str, str]] = {}  # key -> (the fingerprints it shows, html): new this build

    def key(self, name: str, args: tuple) -> tuple[str, str] | None:
        """(key, the fingerprints it is made of) of a call; None when an argument has no fingerprint."""
        shown, fingerprints = [], []
        for value in args:
            if _plain(value):
                shown.append(repr(value))
                continue
            digest = self.name_of(value)
            if digest is None:
                return None
            shown.append(digest)
            fingerprints.append(digest)
        key = hashlib.blake2b("\0".join([self.site, name, *shown]).encode("utf-8", "surrogatepass"),
                              digest_size=16).hexdigest()
        return key, " ".join(fingerprints)


_LASTING: _Lasting | None = None


def _plain(value) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _token(value):
    return value if _plain(value) else ("id", id(value))


def memo_html(name: str, macro, *args):
    """``macro(*args[:-1])``, remembered under (name, args); the last argument is the page's SITEURL."""
    key = (name, *map(_token, args))
    found = _MEMO.get(key)
    # Plain values are in the key; objects must be the very ones remembered.
    if found is not None and all(_plain(a) or a is b for a, b in zip(args, found[0])):
        return found[1]
    lasting = _LASTING.key(name, args) if _LASTING is not None else None
    html = _LASTING.kept.get(lasting[0]) if lasting is not None else None
    if html is not None:
        result = Markup(html)
    else:
        result = macro(*args[:-1])
        if lasting is not None:
            _LASTING.made[lasting[0]] = (lasting[1], str(result))
    _MEMO[key] = (args, result)
    return result


def memo_each(name: str, macro, items, siteurl):
    """``memo_html`` of each item, joined (one call from the template for a whole list).

    A template loop costs a call and a loop context per item; an article's
    entity chips are thirty and more, on every article page.
    """
    return Markup("".join(memo_html(name, macro, item, siteurl) for item in items))


def keep_between_builds(site: str, kept: dict[str, str], name_of: Callable[[object], str | None]) -> None:
    """Hand out ``kept`` fragments (key -> html) of earlier builds; remember new ones.

    ``site``: the site digest; ``name_of(object)``: its fingerprint, or None
    (a call with such an argument is rendered and not kept).
    """
    global _LASTING
    _LASTING = _Lasting(site, kept, name_of)


def news() -> dict[str, tuple[str, str]]:
    """The fragments made since the last call, by key: (the fingerprints they show, html).

    A page worker sends them with each page; the writer keeps them.
    """
    if _LASTING is None:
        return {}
    made, _LASTING.made = _LASTING.made, {}
    return made


def clear() -> None:
    global _LASTING
    _MEMO.clear()
    _LASTING = None
