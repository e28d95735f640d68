"""Re-running the import: identical bytes, and a person's edits survive."""

import hashlib
import json
from pathlib import Path

from posts import read_post


def _digests(folder: Path) -> dict[str, str]:
    """Digest of every post and of the manifest (the report describes the run
    itself: 'created' the first time, 'unchanged' the second)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "import-report.json"
    }


def test_two_runs_give_identical_bytes(import_dumps):
    report, posts = import_dumps()
    first = _digests(posts)
    report2, _ = import_dumps(content=posts.parent)
    assert _digests(posts) == first
    assert set(report2.counts()) == {"unchanged"}


def test_fresh_imports_of_the_same_dumps_are_identical(import_dumps, tmp_path):
    _, posts_a = import_dumps()
    from sitebuild import make_content
    from sangrah_import.pipeline import ImportSettings, run_import

    other = make_content(tmp_path / "again")
    run_import(ImportSettings(project_dir=other.parent, dumps_dir=other / "dumps", posts_dir=other / "posts",
                              entities_dir=other / "entities"))
    assert _digests(other / "posts") == _digests(posts_a)


def test_a_hand_edited_post_is_never_overwritten(import_dumps):
    _, posts = import_dumps()
    post = sorted(posts.glob("*.md"))[0]
    edited = post.read_text("utf-8").replace("\n---\n", "\n---\n\nસંપાદકની નોંધ: આ લેખ સુધાર્યો છે.\n", 1)
    post.write_text(edited, "utf-8")
    dump = posts.parent / "dumps" / Path(read_post(post).meta["source"]).name
    dump.write_text(dump.read_text("utf-8") + "\nએક નવો ફકરો જે ડમ્પમાં પાછળથી ઉમેરાયો છે અને જે લેખમાં આવવો જોઈએ.\n", "utf-8")

    report, _ = import_dumps(content=posts.parent)

    assert post.read_text("utf-8") == edited
    kept = [e for e in report.entries if e["status"] == "kept"]
    assert [e["post"] for e in kept] == [post.name]
    assert any("kept" in line and post.name in line for line in report.summary_lines())
    # No second post appears for the same dump.
    assert len(list(posts.glob("*.md"))) == 2


def test_an_unedited_post_follows_its_changed_dump(import_dumps):
    _, posts = import_dumps()
    dump = posts.parent / "dumps" / "kim-putin-meeting.txt"
    dump.write_text(dump.read_text("utf-8").replace("લગભગ બે કલાક", "લગભગ ત્રણ કલાક"), "utf-8")
    report, _ = import_dumps(content=posts.parent)
    assert report.counts()["updated"] == 1
    assert "લગભગ ત્રણ કલાક" in (posts / "kim-putin-meeting.md").read_text("utf-8")


def test_a_hand_written_post_without_manifest_is_kept(import_dumps):
    """A fresh clone of an archive that committed an edited post (no manifest)."""
    _, posts = import_dumps()
    post = posts / "kim-putin-meeting.md"
    post.write_text(post.read_text("utf-8").replace("kim putin meeting", "Kim–Putin meeting"), "utf-8")
    (posts / ".sangrah" / "manifest.json").unlink()
    report, _ = import_dumps(content=posts.parent)
    assert "Kim–Putin meeting" in post.read_text("utf-8")
    assert [e["status"] for e in report.entries if e["post"] == post.name] == ["kept"]


def test_report_accounts_for_every_dump(import_dumps):
    report, posts = import_dumps()
    saved = json.loads((posts / ".sangrah" / "import-report.json").read_text("utf-8"))
    dumps = sorted(p.name for p in (posts.parent / "dumps").iterdir())
    assert sorted(Path(e["dump"]).name for e in saved["entries"]) == dumps
    for entry in saved["entries"]:
        assert entry["url"] == f"posts/{Path(entry['post']).stem}/"


def test_removed_dump_takes_its_unedited_post_along(import_dumps):
    _, posts = import_dumps()
    (posts.parent / "dumps" / "kim-putin-meeting.txt").unlink()
    report, _ = import_dumps(content=posts.parent)
    assert not (posts / "kim-putin-meeting.md").exists()
    assert report.counts()["removed"] == 1
