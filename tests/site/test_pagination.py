"""Article lists paginated from their oldest end (sangrah_site/pagination.py).

Plain lists stand in for articles: the paginator only cuts and numbers.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from pelican.paginator import PaginationRule
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "plugins"))

from sangrah_site.pagination import StablePaginator  # noqa: E402

# As Pelican's settings reader leaves them (rules as PaginationRule tuples).
SETTINGS = {
    "DEFAULT_ORPHANS": 0,
    "PAGINATION_PATTERNS": (PaginationRule(1, "{url}", "{save_as}"),
                            PaginationRule(2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html")),
}


def pages_of(items: list, per_page: int) -> dict[int, list]:
    paginator = StablePaginator("tag/x/index.html", "tag/x/", items, SETTINGS, per_page)
    return {number: paginator.page(number).object_list for number in paginator.reading_order()}


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=200), st.integers(min_value=1, max_value=25))
def test_pages_read_newest_first_cover_the_list_once(count, per_page):
    items = list(range(count))  # newest first
    paginator = StablePaginator("tag/x/index.html", "tag/x/", items, SETTINGS, per_page)
    order = paginator.reading_order()
    pages = [paginator.page(number) for number in order]
    assert [item for page in pages for item in page.object_list] == items
    front, numbered = pages[0], pages[1:]
    assert all(len(page.object_list) == per_page for page in numbered)
    assert len(front.object_list) == count if count < per_page else per_page <= len(front.object_list) < 2 * per_page
    assert paginator.num_pages == len(order)
    # The links follow the reading order: "previous" is newer, "next" older.
    for position, page in enumerate(pages):
        assert page.has_previous() == (position > 0)
        assert page.has_next() == (position + 1 < len(pages))
        if page.has_previous():
            assert page.previous_page_number() == order[position - 1]
        if page.has_next():
            assert page.next_page_number() == order[position + 1]
        if page.object_list:
            assert items[page.start_index() - 1:page.end_index()] == page.object_list
    assert {page.url for page in numbered} == {f"tag/x/page/{n}/" for n in range(2, len(order) + 1)}


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=200), st.integers(min_value=1, max_value=25), st.data())
def test_an_added_article_changes_no_page_older_than_itself(count, per_page, data):
    items = [f"a{n}" for n in range(count)]  # newest first
    place = data.draw(st.integers(min_value=0, max_value=count))  # 0: the newest
    before = pages_of(items, per_page)
    after = pages_of(items[:place] + ["new"] + items[place:], per_page)
    older = set(items[place:])
    for number, page in before.items():
        if number > 1 and set(page) <= older and not (number == max(before) and place == 0):
            # A numbered page of articles all older than the new one keeps its
            # number and articles (the newest numbered page may only gain a
            # neighbour: its "newer" link, not its articles).
            assert after.get(number) == page, (number, page, after.get(number))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=200), st.integers(min_value=1, max_value=25))
def test_news_arriving_newest_first_leaves_every_numbered_page_alone(count, per_page):
    items = [f"a{n}" for n in range(count)]
    before = pages_of(items, per_page)
    after = pages_of(["new"] + items, per_page)
    assert {n: p for n, p in after.items() if n > 1 and n in before} == {n: p for n, p in before.items() if n > 1}
    assert len(after) - len(before) in (0, 1)
