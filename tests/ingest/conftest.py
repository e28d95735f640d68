"""Shared imports of the held-out corpora (tests/fixtures/*_dumps), one per test session."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def corpus_files(name: str) -> list[Path]:
    folder = FIXTURES / name
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name not in ("README.md", "expected.json", "make_bad_dumps.py"))


def expected(name: str) -> dict:
    return json.loads((FIXTURES / name / "expected.json").read_text("utf-8"))


def import_corpus(tmp: Path, name: str, **options):
    """Import one corpus into a fresh content folder; (report dict, posts by dump name, content)."""
    from posts import posts_by_source
    from sangrah_import.pipeline import ImportSettings, run_import
    from sitebuild import make_content

    content = make_content(tmp, dumps=corpus_files(name))
    settings = ImportSettings(project_dir=content.parent, dumps_dir=content / "dumps", posts_dir=content / "posts",
                              entities_dir=content / "entities", **options)
    report = run_import(settings)
    return report, posts_by_source(content / "posts"), content


def entries_for(report, dump: str, record=None) -> list[dict]:
    found = []
    for entry in report.as_dict()["entries"]:
        if Path(entry["dump"]).name != dump:
            continue
        if record is not None and entry.get("record") != record:
            continue
        found.append(entry)
    return found


@pytest.fixture(scope="session")
def html_corpus(tmp_path_factory):
    return import_corpus(tmp_path_factory.mktemp("html-corpus"), "html_dumps")


@pytest.fixture(scope="session")
def json_corpus(tmp_path_factory):
    return import_corpus(tmp_path_factory.mktemp("json-corpus"), "json_dumps")


def _files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="session")
def bad_corpus(tmp_path_factory):
    """The bad and hostile dumps, with the 60 MiB dump generated next to them.

    Returns (report, posts, content, files written by the import outside content/posts).
    """
    from posts import posts_by_source
    from sangrah_import.pipeline import ImportSettings, run_import
    from sitebuild import make_content

    tmp = tmp_path_factory.mktemp("bad-corpus")
    content = make_content(tmp, dumps=corpus_files("bad_dumps"))
    subprocess.run([sys.executable, str(FIXTURES / "bad_dumps" / "make_bad_dumps.py"), "--huge", "60",
                    "--out", str(content / "dumps")], check=True, capture_output=True)
    before = _files_under(tmp)
    settings = ImportSettings(project_dir=content.parent, dumps_dir=content / "dumps", posts_dir=content / "posts",
                              entities_dir=content / "entities")
    report = run_import(settings)
    written = sorted(f for f in _files_under(tmp) - before if not f.startswith("content/posts/"))
    return report, posts_by_source(content / "posts"), content, written


@pytest.fixture(scope="session")
def bad_site(bad_corpus, tmp_path_factory):
    """The site Pelican builds from the bad dumps (output folder)."""
    from sitebuild import build

    _, _, content, _ = bad_corpus
    output = content.parent / "output"
    build(content, output)
    return output
