"""The search files are built by a forked process while the pages are rendered (background.py).

Real Pelican builds of the sample dumps: the forked build writes the bytes
the in-process one does, and a search build that fails fails the build,
with its reason, whichever process it ran in.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitebuild import build, make_content


def _files(output: Path) -> dict[str, bytes]:
    return {path.relative_to(output).as_posix(): path.read_bytes()
            for path in sorted(output.rglob("*")) if path.is_file()}


LINKING_POST = """---
title: લિંક ધરાવતો લેખ
date: 2024-06-20T10:00:00+05:30
slug: linking-post
---

[વિશે]({filename}/pages/about.md) અને ![ફોટો]({static}/images/photo.png) સાથેનો શબ્દ ગોકળગાય.
"""


def test_forked_and_in_process_search_builds_write_the_same_site(tmp_path):
    content = make_content(tmp_path / "site")
    # A post written by hand that links a page and a static file: the forked
    # search reads the articles before Pelican knows either.
    (content / "pages").mkdir(exist_ok=True)
    (content / "pages" / "about.md").write_text("---\ntitle: About\nslug: about\n---\n\nAbout us.\n", "utf-8")
    (content / "images").mkdir()
    (content / "images" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (content / "posts" / "linking-post.md").write_text(LINKING_POST, "utf-8")
    forked, alone = tmp_path / "forked", tmp_path / "alone"
    first = build(content, forked)
    # The same posts (the import ran already): only where the index is built differs.
    result = build(content, alone, extra={"SANGRAH_SEARCH_BACKGROUND": "false"})
    assert "search files" not in result.stderr  # no wait line from a process that did not exist
    one, two = _files(forked), _files(alone)
    assert any(name.startswith("search/chunks/") for name in one)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    # Both resolved the links in the article's page, found its word, and
    # neither warned of a link it could not find.
    for site in (one, two):
        page = site["posts/linking-post/index.html"].decode("utf-8")
        assert "{filename}" not in page and "{static}" not in page and "images/photo.png" in page
    assert "ગોકળગાય" in "".join(data.decode("utf-8") for name, data in one.items() if name.startswith("search/docs/"))
    for said in (first, result):
        assert "Unable to find" not in said.stdout + said.stderr


@pytest.mark.parametrize("background", ["true", "false"])
def test_a_failed_search_build_fails_the_build_with_its_reason(tmp_path, background):
    content = make_content(tmp_path / "site")
    output = tmp_path / "out"
    # A setting only the index build reads, and cannot use.
    result = build(content, output, check=False,
                   extra={"SANGRAH_SEARCH_BACKGROUND": background, "SANGRAH_SEARCH_WORKERS": '"many"'})
    said = result.stdout + result.stderr  # Pelican logs its critical error on stdout
    assert result.returncode != 0
    assert "SANGRAH_SEARCH_WORKERS must be a whole number, not 'many'" in said
    assert "Traceback" not in said
    if background == "true":
        assert "the search files were not built" in said
    shutil.rmtree(output, ignore_errors=True)


def test_the_index_is_built_beside_the_pages_only_when_memory_allows():
    from sangrah_search.background import INDEX_BYTES_PER_DOCUMENT, available_memory, fits_beside_the_pages

    meminfo = "MemTotal:       24683648 kB\nMemFree:        1000000 kB\nMemAvailable:    8388608 kB\n"
    assert available_memory(meminfo) == 8 * 1024 ** 3
    assert available_memory("MemTotal: 1 kB\n") is None  # an older kernel: unknown, not zero
    if Path("/proc/meminfo").is_file():
        assert available_memory() > 0
    # 8 GiB free: half of it holds the index of 65,536 articles, not one more.
    half = 4 * 1024 ** 3 // INDEX_BYTES_PER_DOCUMENT
    assert fits_beside_the_pages(half, 8 * 1024 ** 3)
    assert not fits_beside_the_pages(half + 1, 8 * 1024 ** 3)
    assert fits_beside_the_pages(10 ** 9, None)  # unknown: as configured
