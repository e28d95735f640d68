"""Readable slugs that never merge two different words or two dumps."""

from pathlib import Path

from sangrah_lang.slug import SlugRegistry, slugify


def test_romanized_slug_drops_the_final_inherent_vowel():
    assert slugify("રશિયા અને ઉત્તર કોરિયા") == "rashiya-ane-uttar-koriya"
    assert slugify("ગુજરાત હાઈકોર્ટ") == "gujarat-haikort"


def test_slug_is_ascii_and_short():
    slug = slugify("અમદાવાદમાં ભારે વરસાદ બાદ શહેરના અનેક વિસ્તારોમાં પાણી ભરાયા, તંત્ર દોડતું થયું અને લોકો પરેશાન")
    assert slug.isascii() and len(slug) <= 60 and not slug.endswith("-")


def test_latin_and_mixed_titles():
    assert slugify("Gujarat Titans win IPL 2022!") == "gujarat-titans-win-ipl-2022"
    assert slugify("Café — Zürich") == "cafe-zurich"


def test_registry_keeps_distinct_words_apart():
    registry = SlugRegistry()
    assert slugify("કિમ") == slugify("કીમ")  # colloquial romanization is lossy …
    first = registry.assign("કિમ", slugify("કિમ"))
    second = registry.assign("કીમ", slugify("કીમ"))
    assert first != second  # … the registry is not
    assert registry.assign("કિમ", slugify("કિમ")) == first
    assert registry.collisions == [("કીમ", "kim", "kim-2")]


def test_two_dumps_with_one_headline_get_two_urls(import_dumps, tmp_path):
    dumps = tmp_path / "in"
    dumps.mkdir()
    body = "સુરતમાં આજે સવારે ભારે વરસાદ પડ્યો હતો અને અનેક વિસ્તારોમાં પાણી ભરાઈ ગયા હતા. તંત્રએ લોકોને ઘરમાં રહેવા અપીલ કરી છે."
    (dumps / "a.txt").write_text("સુરતમાં ભારે વરસાદ\n\n" + body + "\n", "utf-8")
    (dumps / "b.txt").write_text("સુરતમાં ભારે વરસાદ\n\n" + body.replace("સવારે", "બપોરે") + "\n", "utf-8")
    report, posts = import_dumps(dumps_dir=dumps)
    urls = [e["url"] for e in report.entries]
    assert len(urls) == 2 and len(set(urls)) == 2
    assert len(list(posts.glob("*.md"))) == 2


def test_tags_that_romanize_alike_get_separate_pages(tmp_path):
    from sitebuild import build, make_content

    content = make_content(tmp_path, dumps=[])
    text = "ગામમાં આજે મોટો મેળો ભરાયો હતો અને હજારો લોકો આવ્યા હતા. વહીવટીતંત્રએ સુરક્ષાની પૂરી વ્યવસ્થા કરી હતી."
    (content / "dumps" / "one.txt").write_text("પહેલો લેખ\n\n" + text + "\n\n#કિમ\n", "utf-8")
    (content / "dumps" / "two.txt").write_text("બીજો લેખ\n\n" + text.replace("મોટો", "નાનો") + "\n\n#કીમ\n", "utf-8")
    output = tmp_path / "out"
    build(content, output)
    tag_pages = sorted(p.parent.name for p in (output / "tag").glob("*/index.html"))
    assert tag_pages == ["kim", "kim-2"]
    pages = [(output / "tag" / slug / "index.html").read_text("utf-8") for slug in tag_pages]
    listed = [("પહેલો લેખ" in page, "બીજો લેખ" in page) for page in pages]
    # Each tag page lists exactly one of the two articles, and not the same one.
    assert sorted(listed) == [(False, True), (True, False)]


def test_word_by_word_romanization_equals_romanizing_whole_runs():
    # romanize() caches words; aksharamukha given a whole run of words must
    # agree, on every Gujarati line of the fixture dumps (titles, bodies,
    # captions as scraped, not lines chosen for it).
    import re
    from pathlib import Path

    from aksharamukha import transliterate

    from sangrah_lang.slug import romanize

    # Runs of Gujarati words with the spaces between them, given to aksharamukha at once.
    gujarati_run = re.compile(r"[\u0A80-\u0AFF]+(?:[\s\u0A80-\u0AFF]*[\u0A80-\u0AFF])?")

    def whole(text: str) -> str:
        return gujarati_run.sub(lambda m: transliterate.process(
            "Gujarati", "RomanColloquial", m.group(0), pre_options=["SchwaFinalGujarati"]), text)

    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    lines = []
    for path in sorted(fixtures.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        lines.extend(line[:160] for line in text.splitlines() if re.search("[\u0A80-\u0AFF]", line))
    lines = lines[::2]
    assert len(lines) > 300
    assert [romanize(line) for line in lines] == [whole(line) for line in lines]


def test_a_batch_of_words_romanizes_as_each_word_alone(monkeypatch):
    # prepare_romanization sends many words in one aksharamukha call, one per
    # line; every word must come back as a call of its own would give it, on
    # the words of the fixture dumps (every distinct one, not chosen ones).
    import re

    from aksharamukha import transliterate

    from sangrah_lang import slug
    from sangrah_lang.normalize import normalize_text

    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    words = set()
    for path in sorted(fixtures.rglob("*.txt")):
        words.update(re.findall("[\u0A80-\u0AFF]+", normalize_text(path.read_text("utf-8", errors="replace"))))
    words = sorted(words)[::3]
    assert len(words) > 1000
    monkeypatch.setattr(slug, "_ROMAN_WORDS", {})
    assert slug.prepare_romanization([" ".join(words)]) == len(words)
    batched = dict(slug._ROMAN_WORDS)
    alone = {word: transliterate.process("Gujarati", "RomanColloquial", word, pre_options=["SchwaFinalGujarati"])
             for word in words}
    assert batched == alone
    assert slug.prepare_romanization(words[:10]) == 0  # already known: no call at all
