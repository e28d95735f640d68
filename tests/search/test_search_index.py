"""The search index and files of a build (Python side, lunr.py).

Fields and boosts, the entities field (Latin names find Gujarati articles),
what the manifest and the document files hold, the files of a built site
and their versions, and determinism. The split files are read back whole
(read_split_index) and searched with lunr.py.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sangrah_search.build import FIELDS, MAX_POSITIONS, build_index, build_search_data, to_json
from sangrah_search.documents import SearchDocument, entity_names, html_to_text, load_entities, shorten
from sangrah_search.output import (BOM, OFFLINE_BYTES, code_digest, data_script, read_data_script,
                                   read_split_index, runtime_files, runtime_version, site_version)
from sangrah_search.pipeline import load_index
from sangrah_search.scoring import lunr_serialized
from sangrah_search.split import assemble
from sitebuild import ROOT, build, make_content
from tests.search.searchsite import KIM_SLUG, VISIT_SLUG, build_sample, sample_content

KB = load_entities(ROOT / "content" / "entities")


def doc(url, title="", body="", tags=(), names=(), **more) -> SearchDocument:
    return SearchDocument(url=url, title=title, body=body, tags=tuple(tags), entity_names=tuple(names), **more)


def refs(index, query) -> list[str]:
    return [hit["ref"] for hit in index.search(query)]


# -- fields and boosts ------------------------------------------------------------


def test_fields_are_boosted_title_entities_tags_body():
    assert [name for name, _ in FIELDS] == ["title", "entities", "tags", "body"]
    boosts = [boost for _, boost in FIELDS]
    assert boosts == sorted(boosts, reverse=True) and len(set(boosts)) == 4


def test_a_title_match_outranks_a_body_match():
    filler = " ".join(["સરકારે આજે નવી યોજનાની જાહેરાત કરી હતી."] * 5)
    docs = [
        doc("body/", "વરસાદના સમાચાર", filler + " ભાવનગરમાં પૂર આવ્યું."),
        doc("title/", "ભાવનગરમાં પૂર", filler),
    ]
    index = build_index(docs)
    assert refs(index, "ભાવનગર") == ["1", "0"]
    # The same holds for each step down: entities over tags over body.
    index = build_index([doc("a/", "x", "ક્રિકેટ મેચ", tags=["ખેલ"]), doc("b/", "y", "z", names=["ક્રિકેટ બોર્ડ"])])
    assert refs(index, "ક્રિકેટ") == ["1", "0"]
    index = build_index([doc("a/", "x", "ચૂંટણી"), doc("b/", "y", "z", tags=["ચૂંટણી"])])
    assert refs(index, "ચૂંટણી") == ["1", "0"]


def test_entities_field_finds_gujarati_articles_by_latin_names():
    names, unknown = entity_names(["vladimir-putin", "north-korea", "no-such-entity"], KB)
    assert unknown == ["no-such-entity"]
    assert {"વ્લાદિમીર પુતિન", "Vladimir Putin", "પુતિન", "Putin", "ઉત્તર કોરિયા", "North Korea"} <= set(names)
    docs = [
        doc("ru/", "રશિયાના રાષ્ટ્રપતિ ઉત્તર કોરિયામાં", "પ્યોંગયાંગમાં ભવ્ય સ્વાગત થયું.", names=names),
        doc("rain/", "સુરતમાં વરસાદ", "ભારે વરસાદ પડ્યો."),
    ]
    index = build_index(docs)
    for query in ("putin", "Putin", "vladimir", "north korea", "korea", "પુતિન"):
        assert refs(index, query) == ["0"], query
    kirby, _ = entity_names(["john-kirby"], KB)
    assert "Kirby" in kirby and "જ્હોન કિર્બી" in kirby


def test_positions_are_kept_for_titles_only_and_capped():
    title = " ".join(["પુતિન"] * 10)
    index = build_index([doc("a/", title, "પુતિન અને કિમ", tags=["પુતિન"], names=["પુતિન"])])
    posting = index.inverted_index["પુતિન"]
    assert posting["title"]["0"]["position"][:2] == [[0, 5], [6, 5]]
    assert len(posting["title"]["0"]["position"]) == MAX_POSITIONS
    assert posting["body"]["0"] == posting["entities"]["0"] == posting["tags"]["0"] == {}
    # Scores still count every occurrence (term frequencies are apart from positions).
    rich = build_index([doc("a/", "", " ".join(["પુતિન"] * 10)), doc("b/", "", "પુતિન " + "x " * 9)])
    assert refs(rich, "પુતિન") == ["0", "1"]


def test_serialized_index_round_trips_and_finds_inflections():
    data = build_search_data([doc("a/", "રશિયાના પ્રમુખ", "રશિયાએ કહ્યું")])
    manifest = data.index.manifest
    index = load_index(lunr_serialized(assemble(manifest, data.index.chunks), manifest["pipeline"], manifest["version"]))
    assert refs(index, "રશિયાએ") == ["0"]
    assert manifest["fields"] == ["title", "entities", "tags", "body"]


# -- text of an article ----------------------------------------------------------------


def test_html_to_text_keeps_words_apart_and_drops_markup():
    html = "<h2>શીર્ષક</h2><p>પહેલો<b>ફકરો</b></p><p>બીજો</p><ul><li>એક</li><li>બે</li></ul><script>x()</script>"
    assert html_to_text(html) == "શીર્ષક પહેલોફકરો બીજો એક બે"
    assert html_to_text("<p>&lt;img src=x&gt;</p>") == "<img src=x>"


def test_summary_is_cut_at_a_space():
    text = "શબ્દ " * 100
    short = shorten(text, 50)
    assert short.endswith("…") and len(short) <= 51 and not short[:-1].endswith(" ")
    assert short[:-1].split(" ")[-1] == "શબ્દ"
    assert shorten("ટૂંકું લખાણ") == "ટૂંકું લખાણ"


# -- data files ------------------------------------------------------------------------


def test_data_files_are_one_call_with_json_that_cannot_break_out():
    payload = {"title": "</script><script>alert(1)</script>\"'\\'\u2028\u2029 \\u0041", "n": [1, 2]}
    script = data_script("doc", 3, "abc", payload)
    text = script.decode("utf-8")
    assert text.startswith(BOM + 'sangrahSearch.receive("doc",3,"abc",\'{')
    assert "\u2028" not in text and "\u2029" not in text
    assert text[len(BOM):].count("sangrahSearch.receive(") == 1 and text.endswith("');\n")
    assert read_data_script(script) == {"kind": "doc", "key": 3, "version": "abc", "payload": payload}
    assert to_json({"b": 1, "a": [1, 2]}) == '{"a":[1,2],"b":1}'


def test_data_files_read_back_the_same_in_javascript(tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed")
    payload = {"title": "</script>\"'\\'\u2028\u2029 \\u0041 😀 રશિયા", "n": [1.5, None]}
    path = tmp_path / "data.js"
    path.write_bytes(data_script("store", None, "v1", payload))
    code = ("const fs=require('fs');let got;new Function('sangrahSearch',fs.readFileSync(process.argv[1],'utf8'))"
            "({receive:(k,key,v,p)=>{got={k,key,v,p:JSON.parse(p)}}});process.stdout.write(JSON.stringify(got))")
    answer = json.loads(subprocess.run([node, "-e", code, str(path)], capture_output=True, text=True, check=True).stdout)
    assert answer == {"k": "store", "key": None, "v": "v1", "p": payload}


# -- a built site -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_sample(tmp_path_factory.mktemp("search-site"), hostile=True)


def read_data(path: Path) -> dict:
    content = path.read_bytes()
    assert content.startswith(BOM.encode("utf-8"))
    return read_data_script(content)


@pytest.mark.slow
def test_site_has_the_search_files_and_every_page_names_their_version(site: Path):
    for relative in ("search/index.html", "search/index.js", "search/chunks/0.js", "search/lexicon/0.js",
                     "search/suffix/0.js", "search/lunr.min.js",
                     "search/LICENSE-lunr.txt", "search/sangrah-rules.js", "search/sangrah-lang.js",
                     "theme/js/search.js", "theme/css/search.css", "sw.js"):
        assert (site / relative).is_file(), relative
    lunr = (ROOT / "node_modules" / "lunr" / "lunr.min.js").read_bytes()
    assert (site / "search" / "lunr.min.js").read_bytes() == lunr, "lunr.js is copied as npm ships it"
    index = read_data(site / "search" / "index.js")
    assert index["kind"] == "manifest" and index["payload"]["documents"] == index["payload"]["docs"] == 4
    assert index["payload"]["offline"] is True, "a small site is kept whole for offline search"
    parts = sorted(site.glob("search/*/*.js"))
    assert {read_data(part)["version"] for part in parts} == {index["version"]}
    docs = sorted(site.glob("search/docs/*.js"))
    assert len(docs) == 4
    sw = (site / "sw.js").read_text("utf-8")
    assert re.search(r"var VERSION = '([0-9a-f]{12})'", sw), "the worker's caches are named by the build"
    # Every page names the same runtime version (not the data's: output.py).
    versions = {re.search(r'data-search-version="([0-9a-f]{12})"', page.read_text("utf-8")).group(1)
                for page in site.rglob("*.html")}
    assert len(versions) == 1
    version = versions.pop()
    for page in site.rglob("*.html"):
        assert f'search.js?v={version}"' in page.read_text("utf-8"), page
    assert "http" not in re.sub(r"(?s)/\*.*?\*/", "", sw), "the service worker names no host"


def doc_files(site: Path) -> list[dict]:
    return [read_data(site / "search" / "docs" / f"{n}.js")["payload"]
            for n in range(len(list(site.glob("search/docs/*.js"))))]


@pytest.mark.slow
def test_each_document_file_holds_what_its_result_shows(site: Path):
    docs = doc_files(site)
    assert all(set(d) == {"url", "title", "date", "dateText", "summary", "lang", "body"} for d in docs)
    rows = {d["url"]: d for d in docs}
    visit = rows[f"posts/{VISIT_SLUG}/index.html"]
    assert visit["date"].startswith("2024-06-19") and visit["dateText"] == "19 જૂન, 2024"
    assert rows[f"posts/{KIM_SLUG}/index.html"]["date"] == ""
    for row in rows.values():
        assert len(row["summary"]) <= 201
    # A sentence from deep inside an article is in its document file only.
    sentence = "લેન્ડમાઇન વિસ્ફોટ બાદ તેમાંના કેટલાક ઘાયલ થયા હતા"
    assert sentence in visit["body"]
    assert not [p for p in site.glob("search/*.js") if sentence in p.read_text("utf-8")]
    assert not [p for p in site.glob("search/[!d]*/*.js") if sentence in p.read_text("utf-8")]
    number = [d["url"] for d in docs].index(f"posts/{VISIT_SLUG}/index.html")
    assert read_data(site / "search" / "docs" / f"{number}.js")["key"] == number
    assert (site / "search" / "index.js").stat().st_size < 4000


@pytest.mark.slow
def test_index_of_the_site_answers_the_sample_queries(site: Path):
    index = load_index(read_split_index(site / "search"))
    urls = [d["url"] for d in doc_files(site)]

    def found(query):
        return {urls[int(hit["ref"])].split("/")[1] for hit in index.search(query)}

    assert found("રશિયા") == found("રશિયાએ") == {KIM_SLUG, VISIT_SLUG}
    assert found("putin") == {KIM_SLUG, VISIT_SLUG}
    assert found("kirby") == {VISIT_SLUG}
    assert found("gam") == found("choro") == set()


@pytest.mark.slow
def test_rendered_text_is_indexed_so_hand_edits_count(tmp_path: Path):
    content = sample_content(tmp_path)
    post = content / "posts" / f"{KIM_SLUG}.md"
    post.write_text(post.read_text("utf-8") + "\nહાથથીઉમેરેલોશબ્દ પણ શોધાય.\n", encoding="utf-8")
    output = tmp_path / "output"
    build(content, output)
    index = load_index(read_split_index(output / "search"))
    assert len(index.search("હાથથીઉમેરેલોશબ્દ")) == 1


@pytest.mark.slow
def test_search_off_means_no_box_no_page_no_index(tmp_path: Path):
    output = build_sample(tmp_path, extra={"SANGRAH_SEARCH": "false"})
    assert not (output / "search").exists() and not (output / "sw.js").exists()
    assert "search-form" not in (output / "index.html").read_text("utf-8")
    assert "search.js" not in (output / "index.html").read_text("utf-8")


def _hashes(output: Path) -> dict[str, str]:
    return {p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(output.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_two_builds_give_identical_search_files_and_a_change_gives_a_new_version(tmp_path: Path):
    first = build_sample(tmp_path / "one", config="publish.conf.py", siteurl="https://example.github.io/repo")
    second = build_sample(tmp_path / "two", config="publish.conf.py", siteurl="https://example.github.io/repo")
    a, b = _hashes(first), _hashes(second)
    search_files = [name for name in a if name.startswith("search/") or name == "sw.js"]
    assert len(search_files) > 8
    assert [name for name in search_files if a[name] != b.get(name)] == []

    content = sample_content(tmp_path / "three")
    post = content / "posts" / f"{KIM_SLUG}.md"
    post.write_text(post.read_text("utf-8") + "\nનવો ફકરો.\n", encoding="utf-8")
    third = tmp_path / "three" / "output"
    build(content, third, config="publish.conf.py", siteurl="https://example.github.io/repo")
    c = _hashes(third)
    assert c["search/index.js"] != a["search/index.js"] and c["sw.js"] != a["sw.js"]
    assert c["search/lunr.min.js"] == a["search/lunr.min.js"]


def test_pages_name_the_runtime_and_the_worker_names_the_data(tmp_path: Path):
    """A new article changes the worker's version, not the pages' (output.py); a theme file changes both."""
    code = code_digest(OFFLINE_BYTES)
    theme = tmp_path / "static"
    (theme / "css").mkdir(parents=True)
    (theme / "css" / "site.css").write_text("body{}", "utf-8")
    pages = runtime_version(code, runtime_files(), theme, {}, ROOT)
    assert re.fullmatch(r"[0-9a-f]{12}", pages) and pages == runtime_version(code, runtime_files(), theme, {}, ROOT)
    one = build_search_data([doc("/a/", title="એક")]).version
    two = build_search_data([doc("/a/", title="એક"), doc("/b/", title="બે")]).version
    assert one != two and site_version(one, pages) != site_version(two, pages)
    assert build_search_data([doc("/a/", title="એક")]).version == one, "the data's version is a function of the data"
    (theme / "css" / "site.css").write_text("body{color:red}", "utf-8")
    changed = runtime_version(code, runtime_files(), theme, {}, ROOT)
    assert changed != pages and site_version(one, changed) != site_version(one, pages)
    # The offline threshold is code: it changes the runtime's version, so the worker's.
    assert runtime_version(code_digest(OFFLINE_BYTES + 1), runtime_files(), theme, {}, ROOT) != changed


@pytest.mark.slow
def test_a_site_without_articles_builds_with_an_empty_index(tmp_path: Path):
    empty = tmp_path / "dumps"
    empty.mkdir()
    output = tmp_path / "output"
    build(make_content(tmp_path / "site", dumps_dir=empty), output)
    assert read_data(output / "search" / "index.js")["payload"]["documents"] == 0
    assert not list(output.glob("search/docs/*.js"))
    assert (output / "search" / "index.html").is_file() and (output / "sw.js").is_file()


def html_to_text_bs4(html: str) -> str:
    """The text of an HTML fragment by BeautifulSoup: the reference the index's own walk is held to."""
    from bs4 import BeautifulSoup

    from sangrah_search.documents import BLOCK_TAGS

    if not html:
        return ""
    soup = BeautifulSoup(html, "lxml")
    for element in soup.find_all(["script", "style", "template"]):
        element.decompose()
    for element in soup.find_all(BLOCK_TAGS):
        element.insert_before(" ")
        element.insert_after(" ")
    return re.sub(r"\s+", " ", soup.get_text()).strip()


def _bs4_lede(html: str) -> str:
    from bs4 import BeautifulSoup

    paragraph = BeautifulSoup(html, "lxml").find("p") if html else None
    return html_to_text_bs4(str(paragraph)) if paragraph is not None else html_to_text_bs4(html)


def test_text_walk_equals_beautifulsoup_on_real_pages_and_posts():
    # The index reads article text by walking lxml's tree; BeautifulSoup on
    # the same parser is the reference. Saved news pages (scripts, comments,
    # templates, tables, broken markup) and the Markdown of the import's
    # corpora rendered as Pelican renders posts.
    import markdown

    from sangrah_search.documents import body_and_lede

    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    samples = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(fixtures.rglob("*.htm*"))]
    for path in sorted(fixtures.rglob("*.txt"))[:80]:
        text = path.read_text(encoding="utf-8", errors="replace")
        samples.append(markdown.markdown(text))
    samples += ["", "   ", "<!-- only a comment -->", "<p>a</p><p>b</p>", "x<br>y", "<div>a<script>b</script>c</div>d",
                "<p>one <b>two</b></p> tail <p>three</p>", "<template><p>t</p></template>u", "<p>&lt;img src=x&gt;</p>",
                "<table><tr><td>1</td><td>2</td></tr></table>", "<p>un<p>closed", "plain text only"]
    assert len(samples) > 60
    for html in samples:
        assert body_and_lede(html) == (html_to_text_bs4(html), _bs4_lede(html)), html[:200]


@pytest.mark.slow
def test_the_term_cache_outlives_a_changed_setting(tmp_path: Path):
    """The terms depend on the documents and the language rules, not on settings such as the site's name."""
    content = sample_content(tmp_path)
    output = tmp_path / "output"
    build(content, output)
    [terms] = (tmp_path / "cache" / "output").glob("sangrah-search-terms-*.sqlite")
    before = terms.stat().st_mtime_ns
    build(content, output, extra={"SITENAME": '"Another name"'})
    assert "Another name" in (output / "index.html").read_text("utf-8")
    assert sorted((tmp_path / "cache").rglob("sangrah-search-terms-*.sqlite")) == [terms]
    assert terms.stat().st_mtime_ns == before, "every document's terms came from the cache: nothing to save"


def test_the_text_cache_gives_the_parse_of_the_same_html_and_nothing_else(tmp_path: Path, monkeypatch):
    import sangrah_search.documents as documents

    pages = ["<p>રશિયાના <b>પ્રમુખ</b></p><p>પુતિન</p>", "<h2>A</h2><p>b c</p>", "", "<p>રશિયાના પ્રમુખ</p>"]
    expected = [documents.body_and_lede(html) for html in pages]
    path = tmp_path / "texts.sqlite"
    first = documents.TextCache(path)
    assert [first.body_and_lede(html) for html in pages] == expected
    first.save()

    parsed: list[str] = []
    real = documents.body_and_lede
    monkeypatch.setattr(documents, "body_and_lede", lambda html: parsed.append(html) or real(html))
    second = documents.TextCache(path)
    changed = "<p>રશિયાના પ્રમુખ પુતિન</p>"
    assert [second.body_and_lede(html) for html in pages + [changed]] == expected + [real(changed)]
    assert parsed == [changed]  # only the new HTML was parsed
    second.save()
    # A text no longer used leaves the file; other parsing code drops it whole.
    third = documents.TextCache(path)
    assert len(third.old) == len(set(pages + [changed]))
    third.used, third.old, third.tag = dict(third.old), {}, "other parsing code"
    third.save()
    assert documents.TextCache(path).old == {}


def test_search_files_are_written_when_their_bytes_change_and_only_then(tmp_path: Path):
    from sangrah_search.output import PARALLEL_WRITES, write_files

    count = PARALLEL_WRITES * 2 + 1  # enough for the second writer
    files = {f"search/docs/{n}.js": f'receive("doc",{n},"aaaa",{"x" * (70_000 if n == 7 else n)})'.encode() for n in range(count)}
    assert write_files(tmp_path, files) == count
    assert all((tmp_path / name).read_bytes() == data for name, data in files.items())
    stamps = {name: (tmp_path / name).stat().st_mtime_ns for name in files}

    # Same bytes: nothing written. Same size, other bytes (a new version):
    # written, whether the difference is at the start or past the first block.
    assert write_files(tmp_path, files) == 0
    changed = dict(files)
    changed["search/docs/1.js"] = files["search/docs/1.js"].replace(b"aaaa", b"bbbb")
    big = max(files, key=lambda name: len(files[name]))
    changed[big] = files[big][:-3] + b"yy)"
    del changed["search/docs/2.js"]
    assert write_files(tmp_path, changed) == 2
    assert (tmp_path / big).read_bytes() == changed[big] and len(changed[big]) > 65_536
    assert not (tmp_path / "search/docs/2.js").exists()  # a data file the site no longer has is removed
    untouched = [name for name in changed if name not in ("search/docs/1.js", big)]
    assert all((tmp_path / name).stat().st_mtime_ns == stamps[name] for name in untouched)


def test_a_data_file_written_over_holds_the_new_bytes_alone_whether_they_are_longer_or_shorter(tmp_path: Path):
    from sangrah_search.output import overwrite, write_files

    path = tmp_path / "doc.js"
    for content in (b"a" * 5000, b"b" * 70_000, b"c" * 10, b"", "દસ્તાવેજ".encode() * 9000, b"d" * 3):
        overwrite(path, content)
        assert path.read_bytes() == content
    # Through write_files: a shorter file leaves nothing of the longer one behind.
    longer = {"search/docs/0.js": b'receive("doc",0,"aaaa","' + b"x" * 9000 + b'")'}
    shorter = {"search/docs/0.js": b'receive("doc",0,"bbbb","y")'}
    assert write_files(tmp_path, longer) == 1 and write_files(tmp_path, shorter) == 1
    assert (tmp_path / "search/docs/0.js").read_bytes() == shorter["search/docs/0.js"]


def test_a_damaged_search_cache_file_is_started_afresh(tmp_path: Path):
    from sangrah_search.kept import KeptEntries

    path = tmp_path / "kept.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    damaged = KeptEntries(path, "tag")
    assert dict(damaged.old) == {}
    damaged.used = {"a": ("text", "lede"), "b": [1, 2]}
    damaged.save()
    again = KeptEntries(path, "tag")
    assert dict(again.old) == {"a": ("text", "lede"), "b": [1, 2]}
    # One entry more, one less: the file follows, the kept one unchanged.
    again.used = {"a": again.old["a"], "c": {"x": 1}}
    again.save()
    assert dict(KeptEntries(path, "tag").old) == {"a": ("text", "lede"), "c": {"x": 1}}
    assert dict(KeptEntries(path, "another tag").old) == {}
