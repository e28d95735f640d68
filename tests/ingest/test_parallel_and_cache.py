"""Scale of the import: all cores, the same bytes as one core, and re-runs that
read only the dumps that changed."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, corpus_files
from sangrah_import.cache import CACHE_FILE

ALL_DUMPS = [p for name in ("html_dumps", "json_dumps", "bad_dumps", "text_dumps") for p in corpus_files(name)]


def _settings(content: Path, **options):
    from sangrah_import.pipeline import ImportSettings

    return ImportSettings(project_dir=content.parent, dumps_dir=content / "dumps", posts_dir=content / "posts",
                          entities_dir=content / "entities", **options)


def _digests(posts: Path, with_cache: bool = False, with_report: bool = True) -> dict[str, str]:
    return {
        p.relative_to(posts).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(posts.rglob("*"))
        if p.is_file() and (with_cache or p.name != CACHE_FILE) and (with_report or p.name != "import-report.json")
    }


def _cache_entries(content: Path) -> dict:
    from sangrah_import.cache import ResultCache

    cache = ResultCache(content / "posts")
    try:
        return cache.entries()
    finally:
        cache.close()


def test_parallel_import_gives_the_bytes_of_a_single_process_import(tmp_path, monkeypatch):
    import sangrah_import.pipeline as pipeline
    from sitebuild import make_content

    one = make_content(tmp_path / "one", dumps=ALL_DUMPS)
    two = make_content(tmp_path / "two", dumps=ALL_DUMPS)
    pipeline.run_import(_settings(one, workers=1))
    # The posts are written by forked workers too, however few.
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_WRITES", 1)
    pipeline.run_import(_settings(two, workers=2))
    assert _digests(one / "posts") == _digests(two / "posts")
    assert _cache_entries(one) == _cache_entries(two) != {}
    assert len(list((one / "posts").glob("*.md"))) > 60


def test_parallel_writes_update_move_and_keep_posts_as_one_process_does(tmp_path, monkeypatch):
    import sangrah_import.pipeline as pipeline
    from sitebuild import make_content

    dumps = corpus_files("text_dumps")
    sites = {workers: make_content(tmp_path / f"w{workers}", dumps=dumps) for workers in (1, 2)}
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_WRITES", 1)
    for workers, content in sites.items():
        pipeline.run_import(_settings(content, workers=workers))
    for content in sites.values():
        posts = sorted((content / "posts").glob("*.md"))
        # A person edits one post; one dump gets a new headline (its post
        # moves to a new slug), another a new last paragraph (updated).
        posts[0].write_text(posts[0].read_text("utf-8") + "\nAn editor's note.\n", "utf-8")
        first, second = sorted((content / "dumps").glob("*.txt"))[:2]
        first.write_text("A different headline altogether\n\n" + first.read_text("utf-8"), "utf-8")
        second.write_text(second.read_text("utf-8") + "\n\nOne more paragraph, added later by the site.\n", "utf-8")
    reports = {workers: pipeline.run_import(_settings(content, workers=workers)) for workers, content in sites.items()}
    statuses = [entry["status"] for entry in reports[2].entries]
    assert {"kept", "updated", "created", "unchanged"} <= set(statuses)
    assert [e["status"] for e in reports[1].entries] == statuses
    assert _digests(sites[1] / "posts") == _digests(sites[2] / "posts")


class CountingReader:
    """Stands in for read_dump and counts which dumps went through the readers."""

    def __init__(self, real):
        self.real = real
        self.read: list[str] = []

    def __call__(self, data, source, local_zone):
        self.read.append(Path(source).name)
        return self.real(data, source, local_zone)


@pytest.fixture
def counting(monkeypatch):
    import sangrah_import.pipeline as pipeline

    counter = CountingReader(pipeline.read_dump)
    monkeypatch.setattr(pipeline, "read_dump", counter)
    return counter


def test_an_unchanged_rerun_reads_no_dump(tmp_path, counting):
    from sangrah_import.pipeline import run_import
    from sitebuild import make_content

    content = make_content(tmp_path, dumps=corpus_files("html_dumps") + corpus_files("json_dumps"))
    first = run_import(_settings(content, workers=1))
    assert len(counting.read) == len(list((content / "dumps").iterdir()))
    # (The report differs: it says "created" the first time, "unchanged" now.)
    before = _digests(content / "posts", with_cache=True, with_report=False)

    counting.read.clear()
    second = run_import(_settings(content, workers=1))
    assert counting.read == []
    assert set(second.counts()) <= {"unchanged", "duplicate", "rejected"}
    assert second.counts()["rejected"] == first.counts()["rejected"]
    assert _digests(content / "posts", with_cache=True, with_report=False) == before

    # One changed dump is the only one read again.
    dump = content / "dumps" / "vtv-ranji-saurashtra-win.html"
    dump.write_bytes(dump.read_bytes().replace("કપ્તાનની અડધી સદી".encode(), "કપ્તાનની શાનદાર અડધી સદી".encode()))
    third = run_import(_settings(content, workers=1))
    assert counting.read == [dump.name]
    assert third.counts()["updated"] == 1


def test_a_rerun_renders_only_posts_whose_inputs_changed(tmp_path, monkeypatch):
    import sangrah_import.pipeline as pipeline
    from sitebuild import make_content

    rendered: list[str] = []
    real = pipeline.render_post

    def counting_render(post):
        rendered.append(post.slug)
        return real(post)

    monkeypatch.setattr(pipeline, "render_post", counting_render)
    content = make_content(tmp_path, dumps=corpus_files("json_dumps") + corpus_files("text_dumps"))
    first = pipeline.run_import(_settings(content, workers=1))
    posts = sorted((content / "posts").glob("*.md"))
    assert len(rendered) == len(posts) == first.counts()["created"]

    # Nothing changed: no post is rendered again, and none is written.
    rendered.clear()
    before = _digests(content / "posts", with_report=False)
    second = pipeline.run_import(_settings(content, workers=1))
    assert rendered == [] and second.counts()["unchanged"] == len(posts)
    assert _digests(content / "posts", with_report=False) == before

    # A post edited by hand is kept, not rendered over; a post deleted is
    # written again; the others are still not rendered.
    edited, deleted = posts[0], posts[1]
    edited.write_text(edited.read_text("utf-8") + "\nAn editor's note.\n", "utf-8")
    original = deleted.read_bytes()
    deleted.unlink()
    third = pipeline.run_import(_settings(content, workers=1))
    assert edited.read_text("utf-8").endswith("An editor's note.\n")
    assert deleted.read_bytes() == original
    assert third.counts()["kept"] == 1 and third.counts()["created"] == 1
    assert rendered == [deleted.stem]


def test_changed_import_rules_invalidate_the_cache(tmp_path, counting, monkeypatch):
    import sangrah_import.cache as cache
    from sangrah_import.pipeline import run_import
    from sitebuild import make_content

    content = make_content(tmp_path, dumps=corpus_files("json_dumps"))
    run_import(_settings(content, workers=1))
    counting.read.clear()
    real = cache.code_fingerprint
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "different rules " + real())
    run_import(_settings(content, workers=1))
    assert sorted(counting.read) == sorted(p.name for p in (content / "dumps").iterdir())
    # The entries of the old rules are gone: the cache stays the archive's size.
    entries = _cache_entries(content)
    assert len(entries) == len(list((content / "dumps").iterdir()))
    assert sorted(source for source, _ in entries.values()) == sorted(
        f"content/dumps/{p.name}" for p in (content / "dumps").iterdir())


def test_the_fingerprint_covers_code_and_data_files(tmp_path):
    from sangrah_import.cache import PLUGINS, code_fingerprint

    plugins = tmp_path / "plugins"
    for package in ("sangrah_import", "sangrah_lang"):
        shutil.copytree(PLUGINS / package, plugins / package, ignore=shutil.ignore_patterns("__pycache__"))
    fingerprint = code_fingerprint.__wrapped__  # without the per-process memo
    base = fingerprint(plugins)
    assert fingerprint(plugins) == base
    noise = plugins / "sangrah_import" / "data" / "noise.json"
    noise.write_text(noise.read_text("utf-8").replace('"also read"', '"also read", "read this too"'), "utf-8")
    after_data = fingerprint(plugins)
    assert after_data != base
    reader = plugins / "sangrah_import" / "read" / "html.py"
    reader.write_text(reader.read_text("utf-8") + "\n# a changed rule\n", "utf-8")
    assert fingerprint(plugins) not in (base, after_data)


def test_a_dump_that_breaks_a_reader_is_a_reject_not_a_crash(tmp_path, monkeypatch):
    import sangrah_import.pipeline as pipeline
    from sitebuild import make_content

    def broken(data, source, local_zone):
        raise ValueError("a reader bug")

    monkeypatch.setattr(pipeline, "read_dump", broken)
    content = make_content(tmp_path, dumps=corpus_files("json_dumps")[:1])
    report = pipeline.run_import(_settings(content, workers=1, cache=False))
    [entry] = report.rejected()
    assert "internal error" in entry["reason"] and "a reader bug" in entry["reason"]


def test_posts_name_their_dump_by_its_real_path(tmp_path):
    """A dump in a subfolder is named by its path under the project; a dump that
    is a link, by the file it links to (the sources differ, so do the posts)."""
    from sangrah_import.pipeline import _source_of, list_dumps
    from sitebuild import make_content

    content = make_content(tmp_path / "site", dumps=[])
    dumps = content / "dumps"
    text = corpus_files("text_dumps")[0]
    (dumps / "2024" / "june").mkdir(parents=True)
    shutil.copy2(text, dumps / "2024" / "june" / text.name)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy2(text, elsewhere / "linked.txt")
    (dumps / "linked.txt").symlink_to(elsewhere / "linked.txt")
    settings = _settings(content)
    sources = sorted(_source_of(path, settings) for path in list_dumps(settings))
    assert sources == sorted([f"content/dumps/2024/june/{text.name}", (elsewhere / "linked.txt").resolve().as_posix()])


def test_a_damaged_cache_file_is_started_afresh(tmp_path, counting):
    from sangrah_import.pipeline import run_import
    from sitebuild import make_content

    content = make_content(tmp_path, dumps=corpus_files("json_dumps"))
    run_import(_settings(content, workers=1))
    before = _digests(content / "posts", with_report=False)
    entries = _cache_entries(content)
    cache_file = content / "posts" / ".sangrah" / CACHE_FILE
    cache_file.write_bytes(b"not a database, a half-copied file" * 100)
    legacy = content / "posts" / ".sangrah" / "cache"  # where entries were kept before
    legacy.mkdir()
    (legacy / ("0" * 64 + ".json")).write_text("{}", "utf-8")
    counting.read.clear()
    run_import(_settings(content, workers=1))
    # Every dump read again, the same posts, the same entries, the old folder gone.
    assert sorted(counting.read) == sorted(p.name for p in (content / "dumps").iterdir())
    assert _digests(content / "posts", with_report=False) == before
    assert _cache_entries(content) == entries != {} and not legacy.exists()


def test_a_post_rendered_again_takes_its_body_from_the_cache_or_else_from_its_dump(tmp_path, counting, monkeypatch):
    """A re-run reads only the cache's summaries; a post it must write again gets its
    blocks from the cache, and when they cannot be read there, from its dump again."""
    import sangrah_import.cache as cache
    from sangrah_import.pipeline import run_import
    from sitebuild import make_content

    content = make_content(tmp_path, dumps=corpus_files("html_dumps"))
    run_import(_settings(content, workers=1))
    posts = sorted((content / "posts").glob("*.md"))
    originals = {post: post.read_bytes() for post in posts[:2]}
    for post in originals:
        post.unlink()
    counting.read.clear()
    run_import(_settings(content, workers=1))
    assert counting.read == []
    assert {post: post.read_bytes() for post in originals} == originals

    monkeypatch.setattr(cache.ResultCache, "blocks", lambda self, key: None)
    posts[0].unlink()
    run_import(_settings(content, workers=1))
    assert len(counting.read) == 1
    assert posts[0].read_bytes() == originals[posts[0]]


def test_a_cache_file_of_an_earlier_layout_is_emptied_not_misread(tmp_path, counting):
    import sqlite3

    from sangrah_import.pipeline import run_import
    from sitebuild import make_content

    content = make_content(tmp_path, dumps=corpus_files("json_dumps"))
    cache_file = content / "posts" / ".sangrah" / CACHE_FILE
    cache_file.parent.mkdir(parents=True)
    old = sqlite3.connect(cache_file)
    old.execute("CREATE TABLE results (key TEXT PRIMARY KEY, source TEXT NOT NULL, data BLOB NOT NULL)")
    old.execute("INSERT INTO results VALUES ('k', 'content/dumps/x.json', x'00')")
    old.commit()
    old.close()
    report = run_import(_settings(content, workers=1))
    assert sorted(counting.read) == sorted(p.name for p in (content / "dumps").iterdir())
    assert report.counts()["created"] > 0
    assert sorted(source for source, _ in _cache_entries(content).values()) == sorted(
        f"content/dumps/{p.name}" for p in (content / "dumps").iterdir())
