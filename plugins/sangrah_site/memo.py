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
"""

from __future__ import annotations

from markupsafe import Markup

_MEMO: dict[tuple, tuple[tuple, object]] = {}


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
    result = macro(*args[:-1])
    _MEMO[key] = (args, result)
    return result


def memo_each(name: str, macro, items, siteurl):
    """``memo_html`` of each item, joined (one call from the template for a whole list).

    A template loop costs a call and a loop context per item; an article's
    entity chips are thirty and more, on every article page.
    """
    return Markup("".join(memo_html(name, macro, item, siteurl) for item in items))


def clear() -> None:
    _MEMO.clear()
