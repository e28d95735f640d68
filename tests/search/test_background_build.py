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


def test_forked_and_in_process_search_builds_write_the_same_site(tmp_path):
    content = make_content(tmp_path / "site")
    forked, alone = tmp_path / "forked", tmp_path / "alone"
    build(content, forked)
    # The same posts (the import ran already): only where the index is built differs.
    result = build(content, alone, extra={"SANGRAH_SEARCH_BACKGROUND": "false"})
    assert "search files" not in result.stderr  # no wait line from a process that did not exist
    one, two = _files(forked), _files(alone)
    assert any(name.startswith("search/chunks/") for name in one)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


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
