"""The build's promises: same input, same bytes; an incremental build is a cold build.

Sites are built with the real ``pelican`` (tests/sitebuild.py) from the
sample dumps plus synthetic ones (bench/synthetic.py), enough for several
pages of every listing. Each build runs in a fresh process, so Python's
string hashing differs between them (an order taken from a set would show).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

from sitebuild import ROOT, build, make_content

sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "site"))
from linkcheck import crawl_files  # noqa: E402
from synthetic import dump_text, synthetic_archive, write_dumps  # noqa: E402

pytestmark = pytest.mark.slow

SYNTHETIC = 40
# Small pages, so that every listing (index, tags, sections, months, undated,
# entities of a type) has more than one page at this size. One -e option
# for all (pelican keeps only the last -e).
SMALL_PAGES = {
    "DEFAULT_PAGINATION": "3",
    # One title per month or undated page: the synthetic dumps have one undated article, the samples another.
    "PAGINATED_TEMPLATES": '{"index": null, "tag": null, "category": null, "author": null, "entity": null,'
                           ' "archive_list": 1, "tags": 5, "categories": 2, "authors": 2, "entities": 4}',
    "SANGRAH_ENTITIES_INDEX_TOP": "3",
    "SANGRAH_ARCHIVES_UNDATED": "1",
}


def files_of(output: Path) -> dict[str, str]:
    """Every file of a built site: relative path -> SHA-256 of its bytes."""
    return {p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(output.rglob("*")) if p.is_file()}


def differences(a: dict[str, str], b: dict[str, str]) -> list[str]:
    only_a = sorted(set(a) - set(b))
    only_b = sorted(set(b) - set(a))
    changed = sorted(k for k in set(a) & set(b) if a[k] != b[k])
    return [f"only in first: {p}" for p in only_a] + [f"only in second: {p}" for p in only_b] + \
        [f"differs: {p}" for p in changed]


def synthetic_content(tmp: Path, count: int = SYNTHETIC) -> Path:
    content = make_content(tmp)
    write_dumps(content / "dumps", count)
    return content


@pytest.fixture(scope="module")
def dumps(tmp_path_factory) -> Path:
    """The synthetic dumps of these tests, written once (one more than the first builds use)."""
    folder = tmp_path_factory.mktemp("dumps")
    write_dumps(folder, SYNTHETIC + 1)
    return folder


def content_with(tmp: Path, dumps: Path, count: int) -> Path:
    content = make_content(tmp)
    for path in sorted(dumps.glob("*.txt"))[:count]:
        shutil.copy2(path, content / "dumps" / path.name)
    return content


def test_two_builds_of_the_same_input_give_the_same_bytes(tmp_path: Path, dumps: Path):
    first = content_with(tmp_path / "a", dumps, SYNTHETIC)
    second = content_with(tmp_path / "b", dumps, SYNTHETIC)
    build(first, tmp_path / "a" / "output")
    build(second, tmp_path / "b" / "output")
    one, two = files_of(tmp_path / "a" / "output"), files_of(tmp_path / "b" / "output")
    assert len(one) > 100
    assert not differences(one, two)


def test_a_rebuild_with_nothing_new_writes_no_page(tmp_path: Path, dumps: Path):
    content = content_with(tmp_path, dumps, SYNTHETIC)
    output = tmp_path / "output"
    build(content, output)
    pages = {p: p.stat().st_mtime_ns for p in output.rglob("*.html")}
    before = files_of(output)
    result = build(content, output)
    assert files_of(output) == before
    rewritten = sorted(p.relative_to(output).as_posix() for p, t in pages.items() if p.stat().st_mtime_ns != t)
    assert not rewritten, "pages written again with the same bytes"
    assert " 0 files written" in result.stderr


def _incremental_and_cold(tmp: Path, prepare, change, config: str = "pelican.conf.py", siteurl: str | None = None,
                          extra: dict | None = None) -> list[str]:
    """Build, apply ``change`` to the content, build again in place; compare with a cold build of the result."""
    warm_content = make_content(tmp / "warm")
    prepare(warm_content)
    warm = tmp / "warm" / "output"
    build(warm_content, warm, config=config, siteurl=siteurl, extra=extra)
    change(warm_content)
    build(warm_content, warm, config=config, siteurl=siteurl, extra=extra)

    cold_content = make_content(tmp / "cold")
    prepare(cold_content)
    change(cold_content)
    cold = tmp / "cold" / "output"
    build(cold_content, cold, config=config, siteurl=siteurl, extra=extra)
    return differences(files_of(warm), files_of(cold))


def _copy_dumps(dumps: Path, names: list[str]):
    def copy(content: Path) -> None:
        for name in names:
            shutil.copy2(dumps / name, content / "dumps" / name)
    return copy


def test_adding_a_dump_gives_the_cold_build(tmp_path: Path, dumps: Path):
    names = sorted(p.name for p in dumps.glob("*.txt"))
    problems = _incremental_and_cold(tmp_path, _copy_dumps(dumps, names[:SYNTHETIC]),
                                     _copy_dumps(dumps, names[SYNTHETIC:]))
    assert not problems, "\n".join(problems[:40])


def test_removing_a_dump_and_editing_a_post_give_the_cold_build(tmp_path: Path, dumps: Path):
    names = sorted(p.name for p in dumps.glob("*.txt"))[:SYNTHETIC]

    def change(content: Path) -> None:
        (content / "dumps" / names[3]).unlink()
        # A person's edit: a new title and tag on an imported post (the import keeps it).
        post = next(p for p in sorted((content / "posts").glob("*.md")) if "\ntags: [" in p.read_text("utf-8")
                    and "\ntags: []" not in p.read_text("utf-8"))
        text = post.read_text("utf-8")
        text = text.replace("\ntitle: ", "\ntitle: સુધારેલું ", 1).replace("\ntags: [", "\ntags: [હાથથી, ", 1)
        post.write_text(text, "utf-8")

    def prepare(content: Path) -> None:
        _copy_dumps(dumps, names)(content)

    warm_content = make_content(tmp_path / "warm")
    prepare(warm_content)
    build(warm_content, tmp_path / "warm" / "output")
    change(warm_content)
    build(warm_content, tmp_path / "warm" / "output")
    # The cold build starts from the posts the warm one ended with (the hand edit included).
    cold_content = make_content(tmp_path / "cold")
    prepare(cold_content)
    (cold_content / "dumps" / names[3]).unlink()
    shutil.rmtree(cold_content / "posts")
    shutil.copytree(warm_content / "posts", cold_content / "posts")
    build(cold_content, tmp_path / "cold" / "output")
    problems = differences(files_of(tmp_path / "warm" / "output"), files_of(tmp_path / "cold" / "output"))
    assert not problems, "\n".join(problems[:40])


def test_a_changed_entity_name_and_a_changed_setting_give_the_cold_build(tmp_path: Path, dumps: Path):
    names = sorted(p.name for p in dumps.glob("*.txt"))[:SYNTHETIC]

    def rename_putin(content: Path) -> None:
        for path in (content / "entities").glob("*.yaml"):
            text = path.read_text("utf-8")
            if "Vladimir Putin" in text:
                path.write_text(text.replace("Vladimir Putin", "Vladimir V. Putin"), "utf-8")

    problems = _incremental_and_cold(tmp_path / "kb", _copy_dumps(dumps, names), rename_putin,
                                     extra={"SANGRAH_UI_LANG": '"en"'})
    assert not problems, "\n".join(problems[:40])


def test_a_new_search_version_renews_pages_in_place_and_gives_the_cold_build(tmp_path: Path, dumps: Path):
    """A theme stylesheet changes the search version every page names, not what
    pages show: the last build's files get the new version; a page deleted
    from the output and one edited there are rendered again."""
    names = sorted(p.name for p in dumps.glob("*.txt"))[:SYNTHETIC]
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    extra = {"THEME": f'"{theme}"'}
    warm_content = content_with(tmp_path / "warm", dumps, SYNTHETIC)
    warm = tmp_path / "warm" / "output"
    build(warm_content, warm, extra=extra)
    versions = {p: re.findall(rb"[?&]v=([0-9a-f]{8,})", p.read_bytes()) for p in warm.rglob("*.html")}
    assert sum(map(len, versions.values())) > len(versions), "pages do not name the search version"
    stylesheet = theme / "static" / "css" / "site.css"
    stylesheet.write_text(stylesheet.read_text("utf-8") + "\n/* a later edit */\n", "utf-8")
    articles = sorted(p for p in warm.glob("*/index.html") if (p.parent.name not in ("page", "tags", "search")))
    articles[0].unlink()
    articles[1].write_text(articles[1].read_text("utf-8").replace("</body>", "<p>edited</p></body>"), "utf-8")
    result = build(warm_content, warm, extra=extra)
    counts = re.search(r"(\d+) pages: (\d+) unchanged, (\d+) given the new search version, (\d+) rendered",
                       result.stderr)
    assert counts, result.stderr
    pages, unchanged, renewed, rendered = map(int, counts.groups())
    assert unchanged == 0 and renewed > pages // 2 and rendered >= 2, counts.group()

    cold_content = content_with(tmp_path / "cold", dumps, SYNTHETIC)
    cold = tmp_path / "cold" / "output"
    build(cold_content, cold, extra=extra)
    problems = differences(files_of(warm), files_of(cold))
    assert not problems, "\n".join(problems[:40])
    assert not re.search(rb"[?&]v=" + versions[next(iter(versions))][0], (warm / "index.html").read_bytes())


def test_published_rebuild_gives_the_cold_build(tmp_path: Path, dumps: Path):
    names = sorted(p.name for p in dumps.glob("*.txt"))
    problems = _incremental_and_cold(tmp_path, _copy_dumps(dumps, names[:SYNTHETIC]),
                                     _copy_dumps(dumps, names[SYNTHETIC:]), config="publish.conf.py",
                                     siteurl="https://example.github.io/archive")
    assert not problems, "\n".join(problems[:40])


def test_small_pages_paginate_every_listing_and_every_link_works(tmp_path: Path, dumps: Path):
    content = content_with(tmp_path, dumps, SYNTHETIC)
    output = tmp_path / "output"
    build(content, output, extra=SMALL_PAGES)
    for listing in ("page/2", "tags/page/2", "categories/page/2", "archives/undated/page/2"):
        assert (output / listing / "index.html").is_file(), listing
    months = sorted(output.glob("archives/*/*/page/2/index.html"))
    assert months, "no month has a second page"
    types = sorted(output.glob("entities/*/page/2/index.html"))
    assert types, "no entity type has a second page"
    problems, reached = crawl_files(output)
    assert not problems, "\n".join(problems[:40])
    root = output.resolve()
    pages = {p.resolve() for p in output.rglob("*.html")} - {root / "404.html"}
    unreached = sorted(p.relative_to(root).as_posix() for p in pages if p not in reached)
    assert not unreached, "pages no link leads to: " + ", ".join(unreached[:20])


# Listings of articles (not the name lists, which are ordered by counts).
_NUMBERED = re.compile(r"^(?!tags/|categories/|authors/|entities/)(?P<listing>.*?)page/(?P<number>\d+)/index\.html$")


def test_news_newer_than_the_archive_leaves_the_full_pages_of_every_listing_alone(tmp_path: Path, dumps: Path):
    """Article lists are paginated from their oldest end: the day's news changes their front pages only."""
    content = content_with(tmp_path, dumps, SYNTHETIC)
    output = tmp_path / "output"
    build(content, output, extra=SMALL_PAGES)
    before = files_of(output)
    numbered: dict[str, dict[int, str]] = {}
    for path in before:
        match = _NUMBERED.match(path)
        if match:
            numbered.setdefault(match["listing"], {})[int(match["number"])] = path
    assert len(numbered) > 10 and sum(map(len, numbered.values())) > 60

    # One more article, dated after every other, with the tags, section and
    # entities the synthetic archive gives it.
    article = dataclasses.replace(synthetic_archive(SYNTHETIC + 1)[SYNTHETIC], date=date(2030, 1, 2))
    (content / "dumps" / "newest.txt").write_text(dump_text(article, SYNTHETIC), encoding="utf-8")
    result = build(content, output, extra=SMALL_PAGES)
    after = files_of(output)

    changed = []
    for listing, pages in numbered.items():
        newest = max(pages)
        for number, path in pages.items():
            assert path in after, f"{path} is gone"
            # The newest numbered page may gain a newer neighbour (its link,
            # when the front page spilled over), never other articles.
            if after[path] != before[path] and number != newest:
                changed.append(path)
    assert not changed, "full pages changed by a newer article: " + ", ".join(changed[:20])
    # It was rendered into the front pages of its listings, and more than
    # a few listings (so the assertion above was put to the test).
    touched = [path for path in before if _NUMBERED.match(path) is None and path.endswith("index.html")
               and after.get(path) != before[path] and "/newest" not in path]
    assert len(touched) >= 5
    rendered = int(re.search(r"(\d+) rendered", result.stderr).group(1))
    assert rendered < len(touched) + 30, result.stderr


def test_a_hand_written_post_is_cleaned_when_read_and_when_taken_from_the_content_cache(tmp_path: Path):
    """Markdown posts are sanitized as they are read, and Pelican caches the clean HTML.

    The second build takes the post from Pelican's content cache: its HTML
    must still be clean there (and be cleaned again if it were not).
    """
    content = make_content(tmp_path, dumps=[])
    (content / "posts" / "hand-made.md").write_text(
        "---\ntitle: Hand made page\ndate: 2024-06-01\n---\n"
        "Before <script>window.handMade = 1</script> middle <img src=x onerror=alert(7)> "
        "<a href=\"javascript:alert(8)\">link</a> after.\n", "utf-8")
    output = tmp_path / "output"
    for attempt in ("cold", "from the content cache"):
        build(content, output)
        pages = [p for p in output.rglob("index.html") if "Hand made page" in p.read_text("utf-8")
                 and "Before" in p.read_text("utf-8")]
        assert pages, attempt
        for page in pages:
            html = page.read_text("utf-8")
            assert "window.handMade" not in html and "onerror" not in html and "javascript:" not in html, attempt
            assert "middle" in html and "after." in html, attempt


def test_an_empty_content_cache_file_is_made_anew_not_a_crash(tmp_path: Path):
    """Pelican leaves an empty cache file when pickling fails and crashes on reading it."""
    content = make_content(tmp_path)
    output = tmp_path / "output"
    build(content, output)
    before = files_of(output)
    emptied = [path for path in (tmp_path / "cache").rglob("*Readers") if path.is_file()]
    assert emptied
    for path in emptied:
        path.write_bytes(b"")
    build(content, output)
    assert files_of(output) == before
    assert all(path.stat().st_size > 0 for path in emptied)
