"""Names after title cues that the KB does not know go to a review file."""

import yaml

from sangrah_entities import DEFAULT_SETTINGS, Document, aggregate_discoveries, get_recognizer, write_review_file

from entity_samples import KB_DIR, cleaned_sample

DOCS = {
    "doc-b": "કૃષિ મંત્રી રાઘવજીભાઈ ઠુમ્મરે જણાવ્યું કે પાક સારો છે. ધારાસભ્ય કિરીટ પટેલ સાથે બેઠક થઈ.",
    "doc-a": "ધારાસભ્ય કિરીટ પટેલે રજૂઆત કરી. કલેક્ટરે આદેશ આપ્યો. મંત્રી સાથે ચર્ચા થઈ.",
    "doc-c": "President Jane Doe met Minister Ravi Kumar. વડાપ્રધાન નરેન્દ્ર મોદીએ કહ્યું.",
}


def analyze_all(order):
    recognizer = get_recognizer(KB_DIR)
    return [(doc_id, recognizer.analyze(Document.from_text("", DOCS[doc_id], doc_id)).discoveries) for doc_id in order]


def test_discoveries_name_the_unknown_people_after_titles():
    entries = aggregate_discoveries(analyze_all(sorted(DOCS)))
    names = [e["name"] for e in entries]
    # most frequent first, then by name; endings taken off (પટેલે -> પટેલ)
    assert names[0] == "કિરીટ પટેલ"
    assert set(names) == {"કિરીટ પટેલ", "રાઘવજીભાઈ ઠુમ્મર", "Jane Doe", "Ravi Kumar"}
    first = entries[0]
    assert first["count"] == 2
    assert first["cues"] == {"ધારાસભ્ય": 2}
    assert first["documents"] == ["doc-a", "doc-b"]
    assert first["examples"][0].startswith("ધારાસભ્ય કિરીટ પટેલે")


def test_known_entities_and_non_names_are_not_discovered():
    entries = aggregate_discoveries(analyze_all(sorted(DOCS)))
    names = {e["name"] for e in entries}
    assert not any("મોદી" in n for n in names)  # in the KB: a mention, not a discovery
    assert not any("સાથ" in n or "આદેશ" in n for n in names)  # કલેક્ટરે is no title cue


def test_samples_discover_nothing_false():
    recognizer = get_recognizer(KB_DIR)
    for dump in ("kim-putin-meeting.txt", "putin-reaches-north-korea.txt"):
        assert recognizer.analyze(cleaned_sample(dump)).discoveries == []


def test_review_file_is_deterministic(tmp_path):
    one = write_review_file(tmp_path / "a.yaml", aggregate_discoveries(analyze_all(sorted(DOCS))))
    two = write_review_file(tmp_path / "b.yaml", aggregate_discoveries(analyze_all(sorted(DOCS, reverse=True))))
    assert one.read_bytes() == two.read_bytes()
    data = yaml.safe_load(one.read_text(encoding="utf-8"))
    assert [e["name"] for e in data["discovered"]][0] == "કિરીટ પટેલ"
    assert one.read_text(encoding="utf-8").startswith("# Names found after a title word")


def test_min_count_filters_rare_names():
    entries = aggregate_discoveries(analyze_all(sorted(DOCS)), min_count=2)
    assert [e["name"] for e in entries] == ["કિરીટ પટેલ"]


def test_discovered_names_are_not_published_by_default():
    assert DEFAULT_SETTINGS["SANGRAH_PUBLISH_DISCOVERED"] is False


def test_review_file_bytes_do_not_depend_on_the_yaml_emitter(tmp_path, monkeypatch):
    # The review file is written by libyaml when it writes what PyYAML's
    # Python emitter does; entries made of the fixture dumps' own lines
    # (short and long, digits, punctuation, quotes) must come out the same
    # through both, and so must entries libyaml is not trusted with.
    from pathlib import Path

    from sangrah_entities.discovery import REVIEW_WIDTH
    from sangrah_lang import emitter

    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    lines = []
    for path in sorted(fixtures.rglob("*.txt")):
        lines += [line.strip() for line in path.read_text("utf-8", errors="replace").splitlines()
                  if line.strip().isprintable() and max(line, default="") < "\U00010000" and len(line) < 240]
    lines = lines[::7][:600]
    assert len(lines) > 200
    entries = [{"name": line[:40], "count": n, "cues": {line[:12] or "-": n}, "documents": [f"dumps/{n}.txt", line[-30:]],
                "examples": [line, line[::-1]]} for n, line in enumerate(lines)]
    entries.append({"name": "emoji 😀 and NEL \x85", "count": 1, "cues": {"": 1, "y" * 200: 2}, "documents": [],
                    "examples": ["x" * 2000]})
    for group in (entries[:-1], entries):
        fast = write_review_file(tmp_path / "fast.yaml", group).read_bytes()
        monkeypatch.setattr(emitter, "FAST_DUMPER", None)
        slow = write_review_file(tmp_path / "slow.yaml", group).read_bytes()
        monkeypatch.undo()
        assert fast == slow
    def dumper_for(group):
        return emitter.safe_dumper_for({"discovered": group}, REVIEW_WIDTH)

    assert dumper_for(entries[:-1]) is getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    assert dumper_for(entries) is yaml.SafeDumper
