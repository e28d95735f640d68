"""filestamps.py: a post is hashed once per build, by the import, Pelican's readers and its generators alike.

Pelican's content cache compares a post with its cached reading by a hash
of the file (CHECK_MODIFIED_METHOD = "sha256"), asked by the generator and by
its Readers. Both must take the kept digest: the Readers are easy to miss,
since Pelican installs its own hashing in them after ``readers_init``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pelican import signals
from pelican.generators import ArticlesGenerator
from pelican.settings import read_settings

from sangrah_lang import filestamps as kept
from sangrah_site import filestamps

ROOT = Path(__file__).resolve().parents[2]


def _generator(tmp_path: Path) -> ArticlesGenerator:
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    settings = read_settings(str(ROOT / "pelican.conf.py"), override={
        "PATH": str(content), "OUTPUT_PATH": str(tmp_path / "output"), "CACHE_PATH": str(tmp_path / "cache"),
        "PLUGINS": [],
    })
    return ArticlesGenerator(context={}, settings=settings, path=str(content), theme=settings["THEME"],
                             output_path=str(tmp_path / "output"))


def test_the_generator_and_its_readers_stamp_posts_with_the_kept_digest(tmp_path: Path, monkeypatch):
    hashed = []
    real_sha256 = hashlib.sha256
    monkeypatch.setattr(kept.hashlib, "sha256", lambda data=b"": hashed.append(1) or real_sha256(data))
    kept.clear()
    with signals.article_generator_init.connected_to(filestamps.share_file_digests):
        generator = _generator(tmp_path)
    post = tmp_path / "content" / "posts" / "a.md"
    post.write_text("---\ntitle: A\n---\nબોડી\n", "utf-8")
    stamps = [generator._get_file_stamp(str(post)), generator.readers._get_file_stamp(str(post)),
              generator.readers._get_file_stamp(str(post))]
    assert stamps == [real_sha256(post.read_bytes()).digest()] * 3
    assert len(hashed) == 1, "the post was read and hashed again"

    # Changed (to another size: two writes can fall in one tick of the file
    # system's clock): its stamp follows the bytes.
    post.write_text("---\ntitle: B\n---\nબીજી વાત\n", "utf-8")
    assert generator.readers._get_file_stamp(str(post)) == real_sha256(post.read_bytes()).digest()


def test_prefetching_posts_stamps_them_with_the_kept_digest_whatever_the_receivers_order(tmp_path: Path):
    # blinker calls a signal's receivers in no set order: prefetch_posts must
    # not count on share_file_digests having run before it.
    from sangrah_site.reader import prefetch_posts

    generator = _generator(tmp_path)
    assert generator.readers._filestamp_func is not filestamps.file_sha256
    prefetch_posts(generator)
    assert generator.readers._filestamp_func is filestamps.file_sha256


def test_the_import_keeps_the_digests_of_the_posts_for_the_build_it_runs_in(tmp_path: Path, monkeypatch):
    from sangrah_import.pipeline import ImportSettings, run_import
    from sitebuild import make_content

    dumps = sorted((ROOT / "tests" / "fixtures" / "text_dumps").glob("*.txt"))[:4]
    content = make_content(tmp_path, dumps=dumps)
    settings = ImportSettings(project_dir=content.parent, dumps_dir=content / "dumps", posts_dir=content / "posts",
                              entities_dir=content / "entities", workers=1)
    run_import(settings)
    posts = sorted((content / "posts").glob("*.md"))
    assert len(posts) == 4
    build = object()  # the Pelican instance
    run_import(settings, build=build)  # posts unchanged: hashed to tell them from edited ones

    def no_reading(*args, **kwargs):
        raise AssertionError("a post was read again for its digest")

    monkeypatch.setattr(kept, "open", no_reading, raising=False)
    kept.start(build)  # the site's receiver of the same initialized signal, after the import
    assert [kept.file_sha256(post) for post in posts] == [hashlib.sha256(post.read_bytes()).digest() for post in posts]
    kept.start(object())  # another build: nothing kept is trusted
    with pytest.raises(AssertionError, match="read again"):
        kept.file_sha256(posts[0])
