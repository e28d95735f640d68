"""Entity pages in real builds of the sample site (the import fills the posts' entities).

What the pages must show is checked against the posts' own front matter and
the knowledge base, so a better recognizer changes the expectations with it;
the ids named outright (Putin, Russia, North Korea, John Kirby) are the
samples' gold entities.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from sangrah_entities import load_knowledge_base
from sitebuild import ROOT, build, make_content

pytestmark = pytest.mark.slow

LABELS = json.loads((ROOT / "plugins" / "sangrah_site" / "labels.json").read_text("utf-8"))
GU, EN = LABELS["gu"], LABELS["en"]
KB = load_knowledge_base(ROOT / "content" / "entities").entities
UNDATED_SLUG = "kim-putin-meeting"
WORLD_SLUG = "rashiyana-rashtrapati-putin-pahonchya-uttar-koriya-24"  # 19 June 2024
TYPES = ("person", "place", "organization")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def front_matter(post: Path) -> dict:
    return yaml.safe_load(post.read_text("utf-8").split("---", 2)[1])


class Site:
    def __init__(self, content: Path, output: Path, log: str):
        self.content, self.output, self.log = content, output, log
        self.posts = {}
        for path in sorted((content / "posts").glob("*.md")):
            meta = front_matter(path)
            self.posts[meta["slug"]] = meta

    def entity(self, entity_id: str, page: int = 1) -> BeautifulSoup:
        folder = self.output / "entity" / entity_id
        return soup(folder / "index.html" if page == 1 else folder / "page" / str(page) / "index.html")

    def known_ids(self) -> set[str]:
        return {i for meta in self.posts.values() for i in meta.get("entities") or [] if i in KB}

    def article_links(self, page: BeautifulSoup) -> list[str]:
        """The articles a page lists, in order: teasers, then headlines."""
        links = page.select(".entity-articles .teaser-title a, .entity-articles .title-list a")
        return [a["href"].split("/posts/")[1].split("/")[0] for a in links]


def _build(tmp_path_factory, name, extra=None, posts: dict[str, str] | None = None) -> Site:
    tmp = tmp_path_factory.mktemp(name)
    content = make_content(tmp)
    for filename, text in (posts or {}).items():
        (content / "posts" / filename).write_text(text, encoding="utf-8")
    output = tmp / "output"
    result = build(content, output, extra=extra)
    return Site(content, output, result.stdout + result.stderr)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    return _build(tmp_path_factory, "entities")


@pytest.fixture(scope="module")
def paginated(tmp_path_factory) -> Site:
    return _build(tmp_path_factory, "entities-paginated", extra={"DEFAULT_PAGINATION": "1", "PAGINATED_TEMPLATES": (
        '{"index": null, "tag": null, "category": null, "author": null, "entity": null, "archive_list": 200,'
        ' "tags": 500, "categories": 500, "authors": 500, "entities": 500}')})


HAND_WRITTEN = """---
title: A hand-written note on Putin
date: 2024-08-02T10:00:00+05:30
date_source: stamp
tags: []
entities: [vladimir-putin, not-a-real-entity, russia, another-unknown-id]
lang: en
slug: hand-written-note
---

A post an editor wrote by hand, naming two ids the knowledge base does not know.
"""


@pytest.fixture(scope="module")
def hand_written(tmp_path_factory) -> Site:
    # Also the English interface and dates: the same pages with the other
    # column of labels; and one teaser to a front page, the rest headlines.
    return _build(tmp_path_factory, "entities-hand-written",
                  extra={"SANGRAH_UI_LANG": '"en"', "SANGRAH_DATE_LANG": '"en"', "SANGRAH_ENTITY_TEASERS": "1"},
                  posts={"hand-written-note.md": HAND_WRITTEN})


# -- the entity page --------------------------------------------------------------------------


def test_putin_page_lists_both_articles_with_names_type_and_count(site):
    assert {"vladimir-putin", "russia", "north-korea"} <= set(site.posts[WORLD_SLUG]["entities"])
    assert "vladimir-putin" in site.posts[UNDATED_SLUG]["entities"]
    page = site.entity("vladimir-putin")
    h1 = page.h1
    assert text_of(h1) == "વ્લાદિમીર પુતિન" and h1["lang"] == "gu"
    other = page.select_one(".entity-other-name")
    assert text_of(other) == "Vladimir Putin" and other["lang"] == "en"
    assert text_of(page.select_one(".entity-kind")) == GU["entity_type_person"]
    facts = {text_of(div.dt): div.dd for div in page.select(".entity-facts > div")}
    assert text_of(facts[GU["entity_article_count"]]).startswith(GU["article_count"].format(n=2))
    assert site.article_links(page) == [WORLD_SLUG, UNDATED_SLUG], "newest first, the undated one last"
    assert page.title.get_text().startswith("વ્લાદિમીર પુતિન")
    assert page.select_one('.site-nav a.in-section') is not None, "the entities section is marked in the menu"


def test_first_and_last_mention_come_from_dated_articles_only(site):
    page = site.entity("vladimir-putin")
    facts = {text_of(div.dt): div.dd for div in page.select(".entity-facts > div")}
    for key in ("entity_first_mention", "entity_last_mention"):
        time = facts[GU[key]].find("time")
        assert time is not None and time["datetime"].startswith("2024-06-19"), key
        assert text_of(time) == "19 જૂન, 2024"
    undated = GU["entity_undated_count_one"]
    assert undated in text_of(facts[GU["entity_article_count"]]), "the undated article is counted and said so"
    assert "1970" not in page.get_text(), "the placeholder date of the undated article is never shown"


def test_entity_named_only_in_the_undated_article_has_no_dates_and_no_chart(site):
    dated = set(site.posts[WORLD_SLUG]["entities"])
    only_undated = sorted(i for i in site.posts[UNDATED_SLUG]["entities"] if i in KB and i not in dated)
    if not only_undated:
        pytest.skip("the import names every entity of the undated sample in the dated one too")
    page = site.entity(only_undated[0])
    facts = {text_of(div.dt): div.dd for div in page.select(".entity-facts > div")}
    assert text_of(facts[GU["entity_first_mention"]]) == GU["date_unknown"]
    assert text_of(facts[GU["entity_last_mention"]]) == GU["date_unknown"]
    assert page.find("svg") is None and GU["entity_chart_none"] in text_of(page)
    assert "1970" not in page.get_text()


def test_chart_is_an_accessible_svg_with_june_2024(site):
    page = site.entity("vladimir-putin")
    svg = page.select_one("figure.entity-chart svg")
    assert svg is not None and svg["role"] == "img"
    labelled_by = svg["aria-labelledby"].split()
    assert [page.find(id=i).name for i in labelled_by] == ["title", "desc"]
    assert GU["entity_chart_title"] in text_of(svg.find("title"))
    assert "જૂન 2024" in text_of(svg.find("desc"))
    bars = svg.select(".chart-bars rect")
    assert [text_of(b.title) for b in bars] == ["જૂન 2024: " + GU["article_count_one"]]
    assert all(b.get("fill") is None for b in bars) and svg.select_one(".chart-bars")["fill"] == "currentColor"
    labels = [text_of(t) for t in svg.select("text")]
    assert "જૂન" in labels and "2024" in labels
    # The numbers, for whoever cannot see the bars: a hidden table, one row per month.
    table = page.select_one("figure.entity-chart .visually-hidden table")
    assert [[text_of(c) for c in row.find_all(["th", "td"])] for row in table.tbody.find_all("tr")] == [["જૂન 2024", "1"]]
    assert not page.select("figure.entity-chart script"), "drawn at build time: nothing to run"


def test_co_mentioned_entities_are_linked_with_counts(site):
    page = site.entity("vladimir-putin")
    related = {a["href"].split("/entity/")[1].split("/")[0]: int(text_of(a.find_next_sibling(class_="count")))
               for a in page.select(".entity-related a")}
    assert {"russia", "north-korea"} <= set(related)
    assert related["russia"] == 2 and related["north-korea"] == 2, "both articles name Putin with each"
    assert "vladimir-putin" not in related
    counts = list(related.values())
    assert counts == sorted(counts, reverse=True) and len(counts) <= 12
    for entity_id in related:
        assert (site.output / "entity" / entity_id / "index.html").is_file(), entity_id


def test_john_kirby_is_in_one_article_only(site):
    assert "john-kirby" in site.posts[WORLD_SLUG]["entities"]
    page = site.entity("john-kirby")
    assert site.article_links(page) == [WORLD_SLUG]
    assert text_of(page.h1) == "જ્હોન કિર્બી" and text_of(page.select_one(".entity-other-name")) == "John Kirby"
    assert len(page.select(".chart-bars rect")) == 1


def test_only_entities_with_articles_get_pages(site):
    pages = {p.parent.name for p in (site.output / "entity").glob("*/index.html")}
    assert pages == site.known_ids()
    assert "narendra-modi" in KB and "narendra-modi" not in pages


# -- the index -----------------------------------------------------------------------------------


def test_index_groups_by_type_with_counts_in_descending_order(site):
    page = soup(site.output / "entities" / "index.html")
    assert text_of(page.h1) == GU["entity_all"]
    sections = page.select("section.entity-type")
    assert [s["id"] for s in sections] == [t for t in TYPES if any(KB[i].type == t for i in site.known_ids())]
    seen = set()
    for section in sections:
        assert text_of(section.h2).startswith(GU[f"entity_group_{section['id']}"])
        rows = [(a["href"].split("/entity/")[1].split("/")[0], int(text_of(a.find_next_sibling(class_="count"))))
                for a in section.select("li a")]
        assert all(KB[i].type == section["id"] for i, _ in rows)
        counts = [n for _, n in rows]
        assert counts == sorted(counts, reverse=True), section["id"]
        for entity_id, n in rows:
            assert len(site.article_links(site.entity(entity_id))) == n, entity_id
        seen |= {i for i, _ in rows}
    assert seen == site.known_ids()
    rows = dict((a["href"].split("/entity/")[1].split("/")[0], text_of(a)) for a in page.select("section.entity-type li a"))
    assert rows["vladimir-putin"] == "વ્લાદિમીર પુતિન"
    jump = [a["href"] for a in page.select("nav.entity-jump a")]
    assert jump == ["#" + s["id"] for s in sections]
    assert page.select_one('.site-nav a[aria-current="page"]')["href"] == "../entities/index.html"


# -- the article ------------------------------------------------------------------------------------


def test_article_links_its_entities_grouped_by_type(site):
    page = soup(site.output / "posts" / WORLD_SLUG / "index.html")
    block = page.select_one(".story-entities")
    assert block is not None and text_of(block.h2) == GU["entities_in_article"]
    groups = []
    for group in block.select(".entity-group"):
        ids = [a["href"].split("/entity/")[1].split("/")[0] for a in group.select("a")]
        assert all(a["href"].startswith("../../entity/") and a["href"].endswith("/index.html") for a in group.select("a"))
        groups.append((text_of(group.h3), ids))
    ids = [i for i in site.posts[WORLD_SLUG]["entities"] if i in KB]
    expected = [(GU[f"entity_group_{t}"], [i for i in ids if KB[i].type == t]) for t in TYPES]
    assert groups == [g for g in expected if g[1]]
    assert "vladimir-putin" in groups[0][1] and any("russia" in g[1] for g in groups)
    names = {a["href"].split("/entity/")[1].split("/")[0]: a for a in block.select("a")}
    assert text_of(names["vladimir-putin"]) == "વ્લાદિમીર પુતિન" and names["vladimir-putin"]["lang"] == "gu"


# -- pagination ---------------------------------------------------------------------------------------


def test_entity_articles_are_paginated(paginated):
    first, second = paginated.entity("vladimir-putin"), paginated.entity("vladimir-putin", 2)
    assert paginated.article_links(first) == [WORLD_SLUG]
    assert paginated.article_links(second) == [UNDATED_SLUG]
    assert not (paginated.output / "entity" / "vladimir-putin" / "page" / "3").exists()
    older = first.select_one(".pagination a[rel=next]")
    assert older is not None and older["href"] == "../../entity/vladimir-putin/page/2/index.html"
    newer = second.select_one(".pagination a[rel=prev]")
    assert newer is not None and newer["href"] == "../../../../entity/vladimir-putin/index.html"
    # A numbered page names the dates it covers (here: an undated article), no total.
    status = GU["date_unknown"]
    assert text_of(second.select_one(".pagination-status")) == status and status in second.title.get_text()
    # The name on every page; the facts (counts that change with every
    # article), the chart and the co-mentions on the first only.
    assert text_of(second.h1) == "વ્લાદિમીર પુતિન" and not second.select_one(".entity-facts")
    assert first.select_one(".entity-facts")
    assert first.select_one(".entity-chart svg") and not second.select_one(".entity-chart")
    assert first.select_one(".entity-related") and not second.select_one(".entity-related")


# -- unknown ids, English interface ----------------------------------------------------------------


def test_unknown_ids_in_a_hand_written_post_are_skipped_with_a_warning(hand_written):
    log = hand_written.log
    assert "WARNING" in log and "not-a-real-entity" in log and "another-unknown-id" in log
    assert "hand-written-note.md" in log
    assert not (hand_written.output / "entity" / "not-a-real-entity").exists()
    page = soup(hand_written.output / "posts" / "hand-written-note" / "index.html")
    linked = {a["href"].split("/entity/")[1].split("/")[0] for a in page.select(".story-entities a")}
    assert linked == {"vladimir-putin", "russia"}
    putin = hand_written.entity("vladimir-putin")
    assert hand_written.article_links(putin) == ["hand-written-note", WORLD_SLUG, UNDATED_SLUG]


def test_front_page_shows_the_newest_as_teasers_and_the_rest_as_headlines(hand_written):
    putin = hand_written.entity("vladimir-putin")
    teasers = [a["href"] for a in putin.select(".entity-articles .teaser-title a")]
    headlines = putin.select(".entity-articles .title-list li")
    assert [t.split("/posts/")[1].split("/")[0] for t in teasers] == ["hand-written-note"]
    assert [a["href"].split("/posts/")[1].split("/")[0] for a in putin.select(".entity-articles .title-list a")] == [
        WORLD_SLUG, UNDATED_SLUG]
    # A headline keeps its date (or says there is none), and the list has its heading.
    assert headlines[0].select_one("time") is not None
    assert headlines[1].select_one(".date-unknown") is not None and headlines[1].select_one("time") is None
    assert text_of(putin.select_one(".entity-earlier")) == EN["older_articles"]
    assert not (hand_written.output / "entity" / "vladimir-putin" / "page").exists()


def test_english_interface_shows_english_names_first(hand_written):
    page = hand_written.entity("vladimir-putin")
    assert text_of(page.h1) == "Vladimir Putin" and page.h1["lang"] == "en"
    other = page.select_one(".entity-other-name")
    assert text_of(other) == "વ્લાદિમીર પુતિન" and other["lang"] == "gu"
    assert text_of(page.select_one(".entity-kind")) == EN["entity_type_person"]
    facts = {text_of(div.dt): div.dd for div in page.select(".entity-facts > div")}
    assert text_of(facts[EN["entity_last_mention"]]) == "August 2, 2024"
    assert text_of(facts[EN["entity_first_mention"]]) == "June 19, 2024"
    bars = [text_of(r.title) for r in page.select(".chart-bars rect")]
    assert bars == ["June 2024: 1 article", "August 2024: 1 article"]
    assert [text_of(t) for t in page.select(".chart text")][-4:] == ["Jun", "Jul", "Aug", "2024"]
    index = soup(hand_written.output / "entities" / "index.html")
    assert text_of(index.h1) == EN["entity_all"]
    assert [text_of(h.contents[0]) for h in index.select("section.entity-type h2")][0] == EN["entity_group_person"]
