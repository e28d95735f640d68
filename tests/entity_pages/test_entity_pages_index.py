"""The entity page data without Pelican: one pass, counts, order, chart geometry."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sangrah_entities.kb import Entity
from sangrah_entities.pages import build_chart, collect, entity_ids_of, monthly_counts, nice_step, unknown_report
from sangrah_entities.pages.chart import MONTH_LABELS_MAX, YEAR_ROOM_NARROW, YEAR_ROOM_WIDE, Month

IST = timezone(timedelta(hours=5, minutes=30))


def _entity(entity_id, kind, gu, en):
    return Entity(id=entity_id, type=kind, name={"gu": gu, "en": en}, aliases={})


KB = {e.id: e for e in (
    _entity("vladimir-putin", "person", "વ્લાદિમીર પુતિન", "Vladimir Putin"),
    _entity("kim-jong-un", "person", "કિમ જોંગ ઉન", "Kim Jong Un"),
    _entity("russia", "place", "રશિયા", "Russia"),
    _entity("north-korea", "place", "ઉત્તર કોરિયા", "North Korea"),
    _entity("united-nations", "organization", "સંયુક્ત રાષ્ટ્ર", "United Nations"),
    _entity("narendra-modi", "person", "નરેન્દ્ર મોદી", "Narendra Modi"),
)}


@dataclass(eq=False)
class Post:
    slug: str
    entities: object
    date: datetime
    date_source: str = "stamp"


def _post(slug, entities, day=None, undated=False):
    if undated:
        return Post(slug, entities, datetime(1970, 1, 1, tzinfo=IST), "none")
    return Post(slug, entities, datetime.fromisoformat(day).replace(tzinfo=IST))


def _collect(posts, **options):
    return collect(posts, KB, url_for=lambda i: f"entity/{i}/", save_as_for=lambda i: f"entity/{i}/index.html",
                   **options)


POSTS = [
    _post("old", ["vladimir-putin", "russia"], "2023-11-05"),
    _post("undated", ["russia", "vladimir-putin", "north-korea", "united-nations"], undated=True),
    _post("new", ["north-korea", "vladimir-putin", "kim-jong-un", "russia"], "2024-06-19"),
    _post("newest", ["russia", "mystery-man", "vladimir-putin", "russia"], "2024-08-01"),
]


def test_every_entity_with_an_article_gets_a_page_and_no_other():
    index = _collect(POSTS)
    assert sorted(index.pages) == ["kim-jong-un", "north-korea", "russia", "united-nations", "vladimir-putin"]
    assert "narendra-modi" not in index.pages  # in the KB, in no article


def test_articles_newest_first_undated_last_and_counted_once():
    putin = _collect(POSTS).pages["vladimir-putin"]
    assert [a.slug for a in putin.articles] == ["newest", "new", "old", "undated"]
    assert putin.count == 4 and putin.undated == 1
    assert (putin.first.slug, putin.last.slug) == ("old", "newest")
    russia = _collect(POSTS).pages["russia"]
    assert russia.count == 4, "an id repeated in one post counts once"


def test_an_entity_only_in_undated_articles_has_no_dates_and_no_chart():
    un = _collect(POSTS).pages["united-nations"]
    assert un.count == 1 and un.undated == 1
    assert un.first is None and un.last is None and un.chart is None


def test_co_mentions_are_counted_per_article_and_ranked():
    putin = _collect(POSTS).pages["vladimir-putin"]
    related = [(page.id, n) for page, n in putin.related]
    assert related == [("russia", 4), ("north-korea", 2), ("kim-jong-un", 1), ("united-nations", 1)]
    assert all(page is not putin for page, _ in putin.related)
    assert [p.id for p, _ in _collect(POSTS, related_limit=2).pages["vladimir-putin"].related] == ["russia", "north-korea"]


# Up to 40 entities of the knowledge base's kinds, named in random articles.
MANY = {f"e{n:02d}": _entity(f"e{n:02d}", ("person", "place", "organization")[n % 3], f"નામ{n:02d}", f"Name {n:02d}")
        for n in range(40)}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(sorted(MANY)), max_size=12), max_size=30), st.integers(1, 6))
def test_co_mentions_equal_a_plain_count_of_pairs(named, limit):
    """Every pair of entities in an article counts once; top ``limit`` by count, ties by the index's order."""
    posts = [_post(f"p{n}", ids, f"2024-{n % 12 + 1:02d}-01") for n, ids in enumerate(named)]
    index = collect(posts, MANY, url_for=lambda i: i, save_as_for=lambda i: i, related_limit=limit)
    # The index's order: most articles, then name.
    order = {page.id: (-page.count, page.name("gu"), page.id) for page in index.pages.values()}
    for page in index.pages.values():
        together = Counter(other for ids in named if page.id in ids for other in set(ids) if other != page.id)
        expected = sorted(together.items(), key=lambda item: (-item[1], order[item[0]]))[:limit]
        assert [(other.id, n) for other, n in page.related] == expected


def test_unknown_ids_are_skipped_and_reported():
    index = _collect(POSTS)
    assert index.unknown == {"mystery-man": ["newest"]}
    assert "mystery-man" not in index.pages
    assert unknown_report(index.unknown) == ["'mystery-man' in 1 post(s): newest"]
    many = unknown_report({"x": [f"p{i}" for i in range(7)]})
    assert many == ["'x' in 7 post(s): p0, p1, p2 and 4 more"]


def test_article_groups_follow_type_order_and_mention_order():
    posts = list(POSTS)
    index = _collect(posts)
    groups = [(kind, [p.id for p in pages]) for kind, pages in index.groups_of(posts[1])]
    assert groups == [("person", ["vladimir-putin"]), ("place", ["russia", "north-korea"]),
                      ("organization", ["united-nations"])]
    assert [kind for kind, _ in index.groups_of(posts[3])] == ["person", "place"]
    assert index.groups_of(Post("nothing", [], datetime(2024, 1, 1, tzinfo=IST))) == []


def test_index_by_type_sorted_by_count_then_name():
    index = _collect(POSTS)
    assert list(index.by_type) == ["person", "place", "organization"]
    assert [p.id for p in index.by_type["person"]] == ["vladimir-putin", "kim-jong-un"]
    assert [p.id for p in index.by_type["place"]] == ["russia", "north-korea"]
    counts = [p.count for pages in index.by_type.values() for p in pages]
    assert counts == [4, 1, 4, 2, 1]


@pytest.mark.parametrize("value, expected", [
    (["a", "b", "a"], ["a", "b"]),
    ("a, b ,", ["a", "b"]),
    (None, []),
    ([None, "a", ""], ["a"]),
    (7, ["7"]),
])
def test_front_matter_entities_in_any_shape(value, expected):
    assert entity_ids_of(Post("p", value, datetime(2024, 1, 1))) == expected


def test_names_in_both_scripts_and_a_missing_one():
    page = _collect(POSTS).pages["vladimir-putin"]
    assert (page.name("gu"), page.name_lang("gu"), page.other_names("gu")) == \
        ("વ્લાદિમીર પુતિન", "gu", [("en", "Vladimir Putin")])
    assert (page.name("en"), page.other_names("en")) == ("Vladimir Putin", [("gu", "વ્લાદિમીર પુતિન")])
    only_gu = Entity(id="x", type="place", name={"gu": "ક"}, aliases={})
    page = collect([Post("p", ["x"], datetime(2024, 1, 1))], {"x": only_gu}, str, str).pages["x"]
    assert (page.name("en"), page.name_lang("en"), page.other_names("en")) == ("ક", "gu", [])


class CountingPost(Post):
    """A post that counts how often its entity list is read."""

    reads = 0

    def __getattribute__(self, name):
        if name == "entities":
            type(self).reads += 1
        return super().__getattribute__(name)


def test_one_pass_over_the_articles_whatever_the_number_of_entities():
    CountingPost.reads = 0
    ids = list(KB)
    posts = [CountingPost(f"p{i}", [ids[i % 6], ids[(i + 1) % 6]], datetime(2024, 1 + i % 12, 1, tzinfo=IST))
             for i in range(600)]
    index = _collect(posts)
    assert CountingPost.reads == len(posts), "each article's entities are read once, not once per entity"
    assert sum(p.count for p in index.pages.values()) == 1200


def test_pelican_stays_out_of_the_recognizer_and_the_page_logic():
    code = ("import sys, sangrah_entities, sangrah_entities.pages; "
            "from sangrah_entities import get_recognizer; "
            "assert 'pelican' not in sys.modules, [m for m in sys.modules if m.startswith('pelican')]")
    plugins = Path(__file__).resolve().parents[2] / "plugins"
    subprocess.run([sys.executable, "-c", code], check=True, env=dict(os.environ, PYTHONPATH=str(plugins)))


# -- the chart ---------------------------------------------------------------------------------


def _months(start, counts):
    year, month = start
    out = []
    for n in counts:
        out.append(Month(year, month, n))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(out)


def test_monthly_counts_fill_the_months_without_mentions():
    days = [datetime(2023, 11, 3), datetime(2024, 2, 9), datetime(2024, 2, 1), datetime(2023, 11, 30)]
    assert monthly_counts(days) == _months((2023, 11), [2, 0, 0, 2])
    assert monthly_counts([]) == ()


@pytest.mark.parametrize("peak, step", [(1, 1), (2, 1), (4, 1), (5, 2), (8, 2), (9, 5), (20, 5), (21, 10), (401, 200)])
def test_nice_steps(peak, step):
    assert nice_step(peak) == step


def _pct(value: str) -> float:
    assert re.fullmatch(r"-?\d+(\.\d+)?%", value), value
    return float(value[:-1])


def test_one_month_is_one_modest_bar_with_its_month_and_year():
    chart = build_chart(_months((2024, 6), [2]))
    (bar,) = chart.bars
    assert (bar.year, bar.month, bar.count) == (2024, 6, 2)
    assert _pct(bar.width) <= 10 and abs(_pct(bar.x) + _pct(bar.width) / 2 - 50) < 1e-6
    assert [label.value for label in chart.month_labels] == [6]
    assert [label.value for label in chart.year_labels] == [2024]
    assert bar.y + bar.height == chart.baseline
    assert [g.value for g in chart.gridlines] == [0, 1, 2]
    assert (chart.first, chart.last, chart.peak, chart.total) == (Month(2024, 6, 2),) * 3 + (2,)


def test_zero_months_have_no_bar_but_keep_their_place():
    chart = build_chart(_months((2023, 11), [1, 0, 0, 3]))
    assert [(b.year, b.month) for b in chart.bars] == [(2023, 11), (2024, 2)]
    assert len(chart.months) == 4 and len(chart.month_labels) == 4
    assert [label.value for label in chart.year_labels] == [2023, 2024]
    assert chart.peak == Month(2024, 2, 3)


@pytest.mark.parametrize("length", [1, 2, 7, 12, 13, 30, 62, 120, 121, 242, 600])
def test_any_length_stays_inside_and_labels_do_not_crowd(length):
    counts = [(i * 7919) % 13 for i in range(length)]
    counts[0] = counts[-1] = 1
    chart = build_chart(_months((2004, 11), counts))
    assert len(chart.months) == length
    for bar in chart.bars:
        assert 0 <= _pct(bar.x) and _pct(bar.x) + _pct(bar.width) <= 100 + 1e-9
        assert bar.height >= 2 and abs(bar.y + bar.height - chart.baseline) < 0.011
    assert len(chart.bars) == sum(1 for n in counts if n)
    if length <= MONTH_LABELS_MAX:
        assert len(chart.month_labels) == length
    else:
        assert not chart.month_labels and len(chart.ticks) == len({(m.year) for m in chart.months}) - 1
    for minor_hidden, room in ((False, YEAR_ROOM_WIDE), (True, YEAR_ROOM_NARROW)):
        shown = [_pct(label.x) / 100 for label in chart.year_labels if not (minor_hidden and label.minor)]
        if length > MONTH_LABELS_MAX:
            assert all(b - a >= room - 1e-9 for a, b in zip(shown, shown[1:])), (length, minor_hidden, shown)
    assert chart.year_labels, "every chart names at least one year"
    assert chart.height > chart.baseline
    assert build_chart(_months((2004, 11), counts)) == chart, "deterministic"


def test_uncounted_pages_link_only_entities_that_have_pages():
    from sangrah_entities.pages import groups_linking

    index = _collect(POSTS)
    draft = Post("draft", ["united-nations", "narendra-modi", "mystery-man", "vladimir-putin"],
                 datetime(2024, 1, 1, tzinfo=IST))
    groups = [(kind, [p.id for p in pages]) for kind, pages in groups_linking(draft, index)]
    assert groups == [("person", ["vladimir-putin"]), ("organization", ["united-nations"])]
    assert index.pages["vladimir-putin"].count == 4, "linking counts nothing"
