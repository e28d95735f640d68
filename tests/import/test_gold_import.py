"""The two real sample dumps, held to what a careful editor extracts from them
(tests/fixtures/gold_samples.json, copied from the project's shared gold file)."""

import json
from pathlib import Path

import pytest

from posts import posts_by_source

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads((ROOT / "tests" / "fixtures" / "gold_samples.json").read_text("utf-8"))
CASES = {case["dump"]: case for case in GOLD["posts"]}


@pytest.fixture(scope="module")
def sample_posts(tmp_path_factory):
    from sangrah_import.pipeline import ImportSettings, run_import
    from sitebuild import make_content

    content = make_content(tmp_path_factory.mktemp("gold"))
    settings = ImportSettings(project_dir=content.parent, dumps_dir=content / "dumps", posts_dir=content / "posts")
    report = run_import(settings)
    return report, posts_by_source(content / "posts")


def test_every_sample_becomes_a_post(sample_posts):
    report, posts = sample_posts
    assert sorted(posts) == sorted(CASES)
    assert report.counts()["rejected"] == 0


@pytest.mark.parametrize("dump", sorted(CASES))
def test_title(sample_posts, dump):
    assert sample_posts[1][dump].meta["title"] in CASES[dump]["title_any_of"]


@pytest.mark.parametrize("dump", sorted(CASES))
def test_date(sample_posts, dump):
    meta = sample_posts[1][dump].meta
    expected = CASES[dump]["date"]
    if expected is None:
        # Published all the same, and marked as not found in the text.
        assert meta["date_source"] == "none"
        assert meta["date"] is not None
    else:
        assert str(meta["date"]).startswith(expected)
        assert meta["date_source"] != "none"


def test_undated_sample_is_named_in_the_report(sample_posts):
    report, _ = sample_posts
    undated = [e["dump"] for e in report.undated()]
    expected = [d for d, c in CASES.items() if c["date"] is None]
    assert [Path(d).name for d in undated] == expected
    assert any("undated" in line and expected[0] in line for line in report.summary_lines())


def test_stamp_date_keeps_its_time(sample_posts):
    meta = sample_posts[1]["putin-reaches-north-korea.txt"].meta
    assert meta["date"].isoformat() == "2024-06-19T08:58:14+05:30"
    assert meta["date_source"] == "stamp"


@pytest.mark.parametrize("dump", sorted(CASES))
def test_tags(sample_posts, dump):
    tags = [str(t).replace("-", "_") for t in sample_posts[1][dump].meta["tags"]]
    for tag in CASES[dump].get("tags_must", []):
        assert tag.replace("-", "_") in tags
    # The SEO trailer is not tags.
    assert not any("news" in t.lower() or "jokes" in t.lower() for t in tags)


@pytest.mark.parametrize("dump", sorted(CASES))
def test_category(sample_posts, dump):
    assert sample_posts[1][dump].meta.get("category") == CASES[dump].get("category")


@pytest.mark.parametrize("dump", sorted(CASES))
def test_headings(sample_posts, dump):
    assert sample_posts[1][dump].headings == CASES[dump]["headings"]


@pytest.mark.parametrize("dump", sorted(CASES))
def test_body_keeps_the_article(sample_posts, dump):
    text = sample_posts[1][dump].text
    for fragment in CASES[dump]["body_must_contain"]:
        assert fragment in text


@pytest.mark.parametrize("dump", sorted(CASES))
def test_body_loses_the_noise(sample_posts, dump):
    post = sample_posts[1][dump]
    for fragment in CASES[dump]["body_must_not_contain"]:
        assert fragment not in post.text
        assert fragment not in post.meta["title"]


def test_repeated_lede_kept_once(sample_posts):
    text = sample_posts[1]["putin-reaches-north-korea.txt"].text
    lede = "રશિયાએ કહ્યું છે કે આ મુલાકાતથી બંને દેશો વચ્ચેના સંરક્ષણ સંબંધોને વેગ મળશે"
    assert text.count(lede) == 1


@pytest.fixture(scope="module")
def sample_posts_with_entities(tmp_path_factory):
    """The samples imported with the project's knowledge base (content/entities)."""
    from sangrah_import.pipeline import ImportSettings, run_import
    from sitebuild import make_content

    content = make_content(tmp_path_factory.mktemp("gold-entities"))
    run_import(ImportSettings(project_dir=content.parent, dumps_dir=content / "dumps",
                              posts_dir=content / "posts", entities_dir=content / "entities"))
    return posts_by_source(content / "posts")


@pytest.mark.parametrize("dump", sorted(CASES))
def test_entities_found(sample_posts_with_entities, dump):
    found = sample_posts_with_entities[dump].meta["entities"]
    for entity in CASES[dump]["entities_must"]:
        assert entity["id"] in found


@pytest.mark.parametrize("dump", sorted(CASES))
def test_entities_in_noise_not_found(sample_posts_with_entities, dump):
    found = sample_posts_with_entities[dump].meta["entities"]
    assert not set(CASES[dump]["entities_must_not"]) & set(found)
