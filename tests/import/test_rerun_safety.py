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


def test_a_new_dump_with_an_existing_headline_loses_no_post_and_moves_no_url(import_dumps):
    """A new dump whose headline a published post already has, sorting before
    that post's dump: the published post keeps its URL, the newcomer is
    numbered, and both posts are on disk."""
    _, posts = import_dumps()
    dumps = posts.parent / "dumps"
    before = {read_post(p).meta["source"]: p.name for p in posts.glob("*.md")}
    original = dumps / "putin-reaches-north-korea.txt"
    text = original.read_text("utf-8")
    # Same first line (the headline), a different story under it.
    headline, _, _ = text.partition("\n")
    newcomer = dumps / "a-same-headline.txt"
    newcomer.write_text(headline + "\n\n" + "ગાંધીનગરમાં આજે શિક્ષણ વિભાગની બેઠક મળી હતી અને નવી શાળાઓ માટે બજેટ મંજૂર થયું હતું. "
                        * 6 + "\n", "utf-8")

    report, _ = import_dumps(content=posts.parent)

    after = {read_post(p).meta["source"]: p.name for p in posts.glob("*.md")}
    assert len(after) == 3, report.summary_lines()
    for source, name in before.items():
        assert after[source] == name
    assert after[next(s for s in after if s.endswith("a-same-headline.txt"))] not in before.values()


def test_a_retitled_post_gives_up_its_url_without_taking_the_newcomer_along(import_dumps):
    """A dump whose headline changed moves to its new slug; a new dump with
    the old headline, sorting first, takes the old URL; no file is lost."""
    _, posts = import_dumps()
    dumps = posts.parent / "dumps"
    original = dumps / "putin-reaches-north-korea.txt"
    old_name = next(p.name for p in posts.glob("*.md") if read_post(p).meta["source"].endswith(original.name))
    text = original.read_text("utf-8")
    headline, _, body = text.partition("\n")
    original.write_text("ઉત્તર કોરિયામાં પુતિનનું સ્વાગત: બે દાયકા પછી પહેલી મુલાકાત\n" + body, "utf-8")
    (dumps / "a-old-headline.txt").write_text(
        headline + "\n\n" + "વડોદરામાં આજે નવા પુલનું ઉદ્ઘાટન થયું અને શહેરના લોકોએ તેનો ઉપયોગ શરૂ કર્યો હતો. " * 6 + "\n",
        "utf-8")

    report, _ = import_dumps(content=posts.parent)

    after = {read_post(p).meta["source"].rsplit("/", 1)[-1]: p.name for p in posts.glob("*.md")}
    assert len(after) == 3, report.summary_lines()
    assert after["a-old-headline.txt"] == old_name
    assert after[original.name] != old_name
