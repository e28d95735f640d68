"""Article lists paginated from their oldest end: a full page never changes.

Pelican numbers a listing's pages from the newest article: page 2 holds the
21st to 40th newest. Every new article moves every older one a place, so
each page of each listing the article is on changes, and with it the
"page 3 of 40" on all of them. At 10,000 articles one new dump made 5,125
pages to render again.

A news archive grows at its newest end, so here the pages are cut from the
other end. Numbered pages hold ``per_page`` articles each, counted from the
oldest: ``page/2/`` holds the oldest ``per_page``, ``page/3/`` the next, and
so on (number 1 is the listing's own URL, as in Pelican). The listing's own
page holds the newest articles, what is left over: between ``per_page``
and ``2 * per_page - 1`` of them (all of them when there are fewer). A new
article changes that front page only; every ``per_page`` articles, the
oldest of the front page become a new numbered page. An article dated into
the past changes the pages from its place to the newest end, not those
older than it.

Readers still go newest first: the front page's "older" link leads to the
newest numbered page, and so on down to ``page/2/``. A numbered page shows
no totals (they change with every article): its pager names the dates it
covers, and only what the page shows is given to its template (writer.py).
"""

from __future__ import annotations

from pelican.paginator import Page, Paginator


class StablePaginator(Paginator):
    """Pelican's Paginator with pages cut from the oldest end of a newest-first list."""

    def __init__(self, name, url, object_list, settings, per_page):
        super().__init__(name, url, object_list, settings, per_page)
        self.orphans = 0
        count = len(object_list)
        # Full pages behind the front page, which keeps at least per_page.
        self.numbered = max(0, count - self.per_page) // self.per_page if self.per_page else 0
        self.front_size = count - self.numbered * self.per_page
        self._num_pages = 1 + self.numbered

    def page(self, number: int) -> "StablePage":
        """Page 1: the front page (newest); page n >= 2: the (n - 1)-th full page from the oldest end."""
        if number == 1:
            items = self.object_list[:self.front_size]
        else:
            end = len(self.object_list) - (number - 2) * self.per_page
            items = self.object_list[end - self.per_page:end]
        return StablePage(self.name, self.url, items, number, self, self.settings)

    def reading_order(self) -> list[int]:
        """Page numbers newest first: the front page, then the numbered pages from the highest down."""
        return [1, *range(self.numbered + 1, 1, -1)]


class StablePage(Page):
    """A page of a :class:`StablePaginator`: "previous" is newer, "next" is older, as in Pelican's templates."""

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.number != 2 and self.paginator.numbered > 0

    def previous_page_number(self) -> int:
        return 1 if self.number >= self.paginator.numbered + 1 else self.number + 1

    def next_page_number(self) -> int:
        return self.paginator.numbered + 1 if self.number == 1 else self.number - 1

    def start_index(self) -> int:
        """1-based position of the page's first object in the whole list (newest first)."""
        if self.number == 1:
            return 1 if self.object_list else 0
        count = len(self.paginator.object_list)
        return count - (self.number - 1) * self.paginator.per_page + 1

    def end_index(self) -> int:
        return self.start_index() + len(self.object_list) - 1 if self.object_list else 0
