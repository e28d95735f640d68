"""Whatever is thrown at it, the import never crashes and accounts for every file.

Random bytes, real dumps cut short or with bytes flipped, random Unicode,
random JSON shapes and random HTML soup, under every extension the readers
know: each file must end up in the report (a post, a duplicate or a reject
with a reason), no reject may be an internal error, every post stays in the
posts folder, and no post renders to live markup.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import markdown
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import corpus_files

REAL_DUMPS = [p for name in ("html_dumps", "json_dumps", "text_dumps", "bad_dumps") for p in corpus_files(name)
              if p.stat().st_size < 100_000]
EXTENSIONS = [".txt", ".html", ".htm", ".json", ".jsonl", ".md", "", ".xml", ".csv"]
LIVE = ("script", "iframe", "img", "svg", "object", "embed", "form", "a", "style", "base", "meta", "link")

TAGS = ["p", "div", "span", "a", "b", "strong", "h1", "h2", "h3", "ul", "li", "table", "tr", "td", "br", "script",
        "style", "article", "main", "header", "footer", "nav", "aside", "figure", "figcaption", "img", "svg", "iframe",
        "blockquote", "time", "meta", "embed", "noscript", "math", "template", "form", "title"]
ATTRIBUTES = ["class", "id", "itemprop", "datetime", "role", "onerror", "href", "src", "style", "content", "property"]
WORDS = ["સમાચાર", "અમદાવાદ", "આ પણ વાંચો:", "Advertisement", "2024-06-19T08:58:14Z", "By Staff", "19 જૂન 2024",
         "javascript:alert(1)", "<", ">", "&amp;", "\u200d", "\ufeff", "Ãkk÷LkÃkwh", "ad", "related", "share",
         "articleBody", "NewsArticle", "{", "}", '"', "\n\n", "---", "Title: x", "# heading", "[x](javascript:y)"]

html_soup = st.recursive(
    st.sampled_from(WORDS) | st.text(max_size=30),
    lambda inner: st.builds(
        lambda tag, attrs, children: f"<{tag}{''.join(f' {k}={json.dumps(v)}' for k, v in attrs)}>{''.join(children)}</{tag}>",
        st.sampled_from(TAGS),
        st.lists(st.tuples(st.sampled_from(ATTRIBUTES), st.sampled_from(WORDS)), max_size=3),
        st.lists(inner, max_size=4),
    ),
    max_leaves=40,
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40) | st.sampled_from(WORDS),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["title", "headline", "text", "body", "html", "date", "pubDate", "timestamp", "tags",
                         "keywords", "url", "link", "author", "byline", "category", "articles", "items", "data", "slug",
                         "save_as", "id"]) | st.text(max_size=8), inner, max_size=6),
    max_leaves=25,
)


@st.composite
def mutated_dump(draw):
    source = draw(st.sampled_from(REAL_DUMPS))
    data = bytearray(source.read_bytes())
    operation = draw(st.sampled_from(["truncate", "flip", "insert", "delete"]))
    if data:
        at = draw(st.integers(0, len(data)))
        if operation == "truncate":
            data = data[:at]
        elif operation == "flip":
            for _ in range(draw(st.integers(1, 20))):
                index = draw(st.integers(0, len(data) - 1))
                data[index] = draw(st.integers(0, 255))
        elif operation == "insert":
            data[at:at] = draw(st.binary(max_size=64))
        else:
            data[at:at + draw(st.integers(1, 200))] = b""
    return bytes(data), source.suffix


dump = st.one_of(
    st.tuples(st.binary(max_size=2000), st.sampled_from(EXTENSIONS)),
    mutated_dump(),
    st.tuples(st.text(max_size=800).map(lambda t: t.encode("utf-8")), st.sampled_from([".txt", ".md", ""])),
    st.tuples(st.text(max_size=400).map(lambda t: t.encode("utf-16")), st.just(".txt")),
    st.tuples(json_values.map(lambda v: json.dumps(v, ensure_ascii=False).encode("utf-8")), st.sampled_from([".json", ".jsonl"])),
    st.tuples(st.lists(json_values, max_size=4).map(lambda vs: "\n".join(json.dumps(v) for v in vs).encode()), st.just(".jsonl")),
    st.tuples(html_soup.map(lambda h: ("<!DOCTYPE html><html><body>" + h).encode("utf-8")), st.sampled_from([".html", ".htm", ".txt"])),
)


def _import(files: list[tuple[bytes, str]]):
    from sangrah_import.pipeline import ImportSettings, run_import

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        dumps, posts = root / "content" / "dumps", root / "content" / "posts"
        dumps.mkdir(parents=True)
        names = []
        for index, (data, suffix) in enumerate(files):
            name = f"dump {index};$(x){suffix}"
            (dumps / name).write_bytes(data)
            names.append(name)
        report = run_import(ImportSettings(project_dir=root, dumps_dir=dumps, posts_dir=posts, entities_dir=None,
                                           workers=1, max_bytes=1_000_000, progress=False))
        entries = report.as_dict()["entries"]
        rendered = []
        for post in posts.glob("*.md"):
            assert post.resolve().parent == posts.resolve()
            text = post.read_text("utf-8")
            rendered.append(markdown.markdown(text.split("\n---\n", 1)[1], output_format="html5"))
        written_outside = [p for p in root.rglob("*") if p.is_file() and posts not in p.parents and dumps not in p.parents]
        return names, entries, rendered, written_outside


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(dump, min_size=1, max_size=4))
def test_every_input_is_accounted_for_and_nothing_crashes(files):
    names, entries, rendered, outside = _import(files)
    reported = {Path(e["dump"]).name for e in entries}
    assert reported == set(names)
    for entry in entries:
        assert entry["status"] in ("created", "updated", "unchanged", "kept", "duplicate", "rejected")
        if entry["status"] == "rejected":
            assert entry["reason"] and "internal error" not in entry["reason"]
    for html in rendered:
        assert BeautifulSoup(html, "html.parser").find_all(LIVE) == []
    assert outside == []


# -- duplicate anchors --------------------------------------------------------------------------


def _anchors_by_definition(items):
    """The module docstring's rule, one sketch at a time: the ANCHORS smallest
    hashes held by at most ANCHOR_MAX_SHARED sketches, topped up with the
    smallest of the rest."""
    from sangrah_import.extract.duplicates import ANCHOR_MAX_SHARED, ANCHORS

    held_by: dict[int, int] = {}
    for item in items:
        for value in item.sketch:
            held_by[value] = held_by.get(value, 0) + 1
    anchors = {}
    for item in items:
        rare = [v for v in item.sketch if held_by[v] <= ANCHOR_MAX_SHARED][:ANCHORS]
        common = [v for v in item.sketch if held_by[v] > ANCHOR_MAX_SHARED][:ANCHORS - len(rare)]
        anchors[item.key] = rare + common
    return anchors


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_duplicate_anchors_follow_their_definition(data):
    from sangrah_import.extract.duplicates import Candidate, anchors_of

    # A small pool of hashes (some above 2**63), so that sketches share
    # many: the rare/common split and the top-up are both exercised.
    pool = data.draw(st.lists(st.integers(min_value=0, max_value=2**64 - 1), min_size=1, max_size=40, unique=True))
    sketches = data.draw(st.lists(st.lists(st.sampled_from(pool), unique=True, max_size=30), max_size=40))
    items = [Candidate(f"key{n}", n, sorted(sketch), None, False, 0) for n, sketch in enumerate(sketches)]
    assert anchors_of(items) == _anchors_by_definition(items)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=2**64 - 1), max_size=300))
def test_a_sketch_packed_for_the_cache_unpacks_to_the_same_values(values):
    from sangrah_import.extract.duplicates import pack_sketch, unpack_sketch

    packed = pack_sketch(values)
    assert isinstance(packed, str) and json.loads(json.dumps(packed)) == packed
    assert unpack_sketch(packed) == values
