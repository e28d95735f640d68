"""Bad and hostile dumps (tests/fixtures/bad_dumps): each is a clean post or a
reported reject with its reason; no payload reaches a post or a page, and no
file is written outside content/posts/ and output/."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import entries_for, expected
from corpus import check_post, check_rendered, check_report_entry

CASES = expected("bad_dumps")["dumps"]
POSTS = [c for c in CASES if c["outcome"] == "post"]


def _post_cases():
    """(post key, expectation) of every expected post, records included."""
    for case in POSTS:
        if "records" in case:
            for record in case["records"]:
                merged = {k: v for k, v in case.items() if k not in ("records", "outcome", "note")}
                merged.update(record)
                yield f"{case['file']}#{record['index']}", merged
        else:
            yield case["file"], case


POST_CASES = list(_post_cases())


def find_post(posts, key):
    """The post of ``key``; a one-record export's post also answers to the file's name."""
    if key in posts:
        return posts[key]
    records = [p for k, p in posts.items() if k.split("#")[0] == key]
    return records[0] if len(records) == 1 else None


def report_misses(report, case):
    if "records" in case:
        return [m for r in case["records"] for m in check_report_entry(entries_for(report, case["file"], r["index"]), r)]
    return check_report_entry(entries_for(report, case["file"]), case)


def test_bad_corpus_score(bad_corpus):
    """Print the share of bad dumps handled as expected (all must be)."""
    report, posts, _, _ = bad_corpus
    failures = {}
    for case in CASES:
        failures[case["file"]] = report_misses(report, case)
    for key, case in POST_CASES:
        failures.setdefault(key.split("#")[0], []).extend(check_post(find_post(posts, key), case, strict_nulls=True))
    perfect = sum(1 for m in failures.values() if not m)
    print(f"\nbad corpus: {perfect}/{len(CASES)} dumps handled as expected")
    for entry in report.as_dict()["entries"]:
        where = Path(entry["dump"]).name + (f"#{entry['record']}" if "record" in entry else "")
        print(f"  {where}: {entry['status']} {entry.get('reason') or entry.get('duplicate_of') or ''}")
    for name, found in sorted(failures.items()):
        for miss in found:
            print(f"  MISS {name}: {miss}")


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_outcome(bad_corpus, case):
    report, _, _, _ = bad_corpus
    assert report_misses(report, case) == []


@pytest.mark.parametrize("key,case", POST_CASES, ids=[k for k, _ in POST_CASES])
def test_post(bad_corpus, key, case):
    _, posts, _, _ = bad_corpus
    assert check_post(find_post(posts, key), case, strict_nulls=True) == []


def test_every_dump_is_accounted_for(bad_corpus):
    report, _, content, _ = bad_corpus
    dumps = {p.name for p in (content / "dumps").iterdir()}
    reported = {Path(e["dump"]).name for e in report.as_dict()["entries"]}
    assert dumps == reported


def test_nothing_is_written_outside_the_posts_folder(bad_corpus):
    _, posts, content, written = bad_corpus
    assert written == []
    root = content.parent
    for case in CASES:
        for path in case.get("paths_must_not_exist", []):
            path = path.split(" (")[0]
            if path.startswith("/"):
                assert not Path(path).exists(), path
            else:
                assert not (root / path).exists() and not (content / path).exists(), path
    for post in posts.values():
        assert post.path.resolve().parent == (content / "posts").resolve()


def test_huge_dump_is_refused_without_being_read(bad_corpus):
    report, _, _, _ = bad_corpus
    [entry] = entries_for(report, "huge_60mb.txt")
    assert entry["status"] == "rejected" and "too large" in entry["reason"]


def _page_parts(page: Path) -> str:
    """What a dump reaches on its rendered page: the title, the description, the
    article's headline and body markup, and the text of its tag, author and
    entity links (the theme's own links and scripts are not the post's)."""
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    parts = [str(soup.title or "")]
    parts += [str(meta.get("content", "")) for meta in soup.find_all("meta")]
    article = soup.find("article") or soup
    parts += [str(element) for element in article.find_all(class_=["story-title", "prose"])]
    parts += [link.get_text() for link in article.find_all("a")]
    return "\n".join(parts)


@pytest.mark.slow
@pytest.mark.parametrize("key,case", POST_CASES, ids=[k for k, _ in POST_CASES])
def test_rendered_page(bad_corpus, bad_site, key, case):
    _, posts, _, _ = bad_corpus
    post = find_post(posts, key)
    page = bad_site / "posts" / post.meta["slug"] / "index.html"
    assert page.is_file()
    assert check_rendered(_page_parts(page), case) == []
    text = " ".join(BeautifulSoup(page.read_text("utf-8"), "html.parser").get_text(" ").split())
    for fragment in case.get("must_contain", []):
        assert " ".join(fragment.split()) in text
