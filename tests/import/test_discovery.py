"""Unknown names after title cues reach the editors' review file, not the posts."""

import yaml

from posts import posts_by_source


def test_unknown_names_go_to_the_review_file_only(import_dumps, tmp_path):
    dumps = tmp_path / "in"
    dumps.mkdir()
    body = (
        "જિલ્લા કલેક્ટર કચેરીમાં આજે મળેલી બેઠકમાં પ્રવક્તા રમણીકલાલ દેસાઈએ જણાવ્યું કે નવી યોજના આવતા મહિને શરૂ થશે. "
        "બેઠકમાં અનેક અધિકારીઓ હાજર રહ્યા હતા અને યોજનાની વિગતો પર ચર્ચા થઈ હતી."
    )
    (dumps / "a.txt").write_text("નવી યોજનાની જાહેરાત\n\n" + body + "\n", "utf-8")
    report, posts = import_dumps(dumps_dir=dumps)
    review = yaml.safe_load((posts / ".sangrah" / "entities-review.yaml").read_text("utf-8"))
    names = [entry["name"] for entry in review["discovered"]]
    assert any("રમણીકલાલ" in name for name in names), names
    post = posts_by_source(posts)["a.txt"]
    assert not any("ramnik" in e or "રમણીકલાલ" in e for e in post.meta["entities"])
    assert any("for review" in line for line in report.summary_lines())


def test_review_file_is_deterministic(import_dumps):
    _, posts = import_dumps()
    first = (posts / ".sangrah" / "entities-review.yaml").read_bytes()
    import_dumps(content=posts.parent)
    assert (posts / ".sangrah" / "entities-review.yaml").read_bytes() == first


def test_publish_discovered_makes_them_entities_with_pages(tmp_path):
    from sitebuild import build, make_content

    content = make_content(tmp_path, dumps=[])
    body = (
        "જિલ્લા કલેક્ટર કચેરીમાં આજે મળેલી બેઠકમાં પ્રવક્તા રમણીકલાલ દેસાઈએ જણાવ્યું કે નવી યોજના આવતા મહિને શરૂ થશે. "
        "બેઠકમાં અનેક અધિકારીઓ હાજર રહ્યા હતા અને યોજનાની વિગતો પર ચર્ચા થઈ હતી."
    )
    (content / "dumps" / "a.txt").write_text("નવી યોજનાની જાહેરાત\n\n" + body + "\n", "utf-8")
    output = tmp_path / "out"
    build(content, output, extra={"SANGRAH_PUBLISH_DISCOVERED": "true"})
    post = posts_by_source(content / "posts")["a.txt"]
    discovered = [e for e in post.meta["entities"] if e.startswith("ram")]
    assert discovered, post.meta["entities"]
    page = output / "entity" / discovered[0] / "index.html"
    assert page.exists()
    assert "રમણીકલાલ" in page.read_text("utf-8")

    # Turned off again: back to review only, no page.
    output2 = tmp_path / "out2"
    build(content, output2)
    post = posts_by_source(content / "posts")["a.txt"]
    assert discovered[0] not in post.meta["entities"]
    assert not (output2 / "entity" / discovered[0]).exists()
