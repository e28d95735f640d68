"""Template fragments kept between builds (memo.py, cachedb.py): handed out only for the same site and the same objects."""

from __future__ import annotations

from pathlib import Path

from sangrah_site import memo
from sangrah_site.cachedb import BuildCache


class Article:
    def __init__(self, title: str):
        self.title = title


def test_a_kept_fragment_is_handed_out_for_the_same_site_and_objects_only():
    first, second = Article("એક"), Article("બે")
    digests = {id(first): "d-first", id(second): "d-second"}
    calls = []

    def teaser(article, heading):
        calls.append(article.title)
        return f"<h2>{article.title}</h2>"

    memo.clear()
    memo.keep_between_builds("site-1", {}, lambda value: digests.get(id(value)))
    made_html = memo.memo_html("teaser", teaser, first, "h2", "..")
    made = memo.news()
    assert calls == ["એક"] and made_html == "<h2>એક</h2>"
    [(key, (shows, html))] = made.items()
    assert shows == "d-first" and html == "<h2>એક</h2>"
    assert memo.news() == {}, "each fragment is sent once"

    # The next build: the kept fragment comes back without the macro.
    memo.clear()
    memo.keep_between_builds("site-1", {key: "<h2>kept</h2>"}, lambda value: digests.get(id(value)))
    assert memo.memo_html("teaser", teaser, first, "h2", "..") == "<h2>kept</h2>" and calls == ["એક"]
    # Another depth, another object: made.
    assert memo.memo_html("teaser", teaser, first, "h2", "../..") == "<h2>એક</h2>"
    assert memo.memo_html("teaser", teaser, second, "h2", "..") == "<h2>બે</h2>"
    # An object the build has no fingerprint of is rendered and not kept.
    stranger = Article("ત્રણ")
    assert memo.memo_html("teaser", teaser, stranger, "h2", "..") == "<h2>ત્રણ</h2>"
    assert len(memo.news()) == 2

    # Another site digest (a template or setting changed): nothing is handed out.
    memo.clear()
    memo.keep_between_builds("site-2", {key: "<h2>kept</h2>"}, lambda value: digests.get(id(value)))
    assert memo.memo_html("teaser", teaser, first, "h2", "..") == "<h2>એક</h2>"
    memo.clear()


def test_the_cache_file_drops_fragments_of_another_site_or_of_objects_that_changed(tmp_path: Path):
    cache = BuildCache(tmp_path / "pages.sqlite")
    cache.add_fragments("site-1", {"k1": ("a b", "<p>1</p>"), "k2": ("a", "<p>2</p>"), "k3": ("", "<p>3</p>")})
    cache.add_fragments("site-0", {"k0": ("a", "<p>0</p>")})
    assert cache.fragments("site-1", {"a"}) == {"k2": "<p>2</p>", "k3": "<p>3</p>"}
    # What was dropped is gone from the file, not only from the answer.
    assert cache.fragments("site-1", {"a", "b"}) == {"k2": "<p>2</p>", "k3": "<p>3</p>"}
    assert cache.fragments("site-0", {"a"}) == {}
    cache.close()
