"""The theme: structure and language of every page, no outside requests,
undated and uncategorized articles, interface labels, contrast, escaping."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from linkcheck import css_references, external_urls_in_text, feed_references, html_page
from sitebuild import ROOT, build, make_content

THEME = ROOT / "theme"
LABELS = json.loads((ROOT / "plugins" / "sangrah_site" / "labels.json").read_text("utf-8"))
CSS = (THEME / "static" / "css" / "site.css").read_text("utf-8")
PUBLISHED = "https://example.github.io/sangrah-archive"
UNDATED_SLUG = "kim-putin-meeting"  # its dump has no date
WORLD_SLUG = "rashiyana-rashtrapati-putin-pahonchya-uttar-koriya-24"  # dated, section World


def _build(tmp_path_factory, name, **kwargs) -> Path:
    tmp = tmp_path_factory.mktemp(name)
    output = tmp / "output"
    build(make_content(tmp), output, **kwargs)
    return output


@pytest.fixture(scope="module")
def site_gu(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "gu")


@pytest.fixture(scope="module")
def site_en(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "en", extra={"SANGRAH_UI_LANG": '"en"'})


@pytest.fixture(scope="module")
def site_published(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "published", config="publish.conf.py", siteurl=PUBLISHED)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def pages(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.html"))
    assert found, f"no pages in {site}"
    return found


def article(site: Path, slug: str) -> BeautifulSoup:
    return soup(site / "posts" / slug / "index.html")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


# -- every page ------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("which", ["site_gu", "site_published"])
def test_every_page_has_lang_landmarks_one_h1_and_a_skip_link(which, request):
    site = request.getfixturevalue(which)
    for path in pages(site):
        page = soup(path)
        where = path.relative_to(site)
        assert page.html.get("lang") in ("gu", "en"), where
        assert page.title and page.title.get_text(strip=True), f"{where}: empty <title>"
        assert len(page.find_all("main")) == 1, f"{where}: needs exactly one <main>"
        assert page.main.get("id") == "main", where
        assert len(page.find_all("h1")) == 1, f"{where}: needs exactly one <h1>"
        assert page.find("header") and page.find("footer"), where
        assert page.find("nav", attrs={"aria-label": True}), f"{where}: main navigation needs a label"
        skip = page.body.find("a")
        assert skip is not None and skip.get("href") == "#main", f"{where}: the first link must skip to #main"
        assert len(page.select('[aria-current="page"]')) <= 1, where
        assert page.find("meta", attrs={"name": "viewport"}), where


@pytest.mark.slow
def test_current_page_is_marked_in_the_navigation(site_gu):
    for relative, url in (("index.html", "./index.html"), ("archives/index.html", "../archives/index.html"),
                          ("tags/index.html", "../tags/index.html"), ("categories/index.html", "../categories/index.html")):
        page = soup(site_gu / relative)
        current = page.select('nav [aria-current="page"]')
        assert [a.get("href") for a in current] == [url], relative
    tag_page = soup(site_gu / "tag" / "rasiya" / "index.html")
    assert not tag_page.select('nav [aria-current="page"]'), "a tag page is not the tags index"
    assert tag_page.select("nav a.in-section")


@pytest.mark.slow
def test_article_title_and_body_carry_the_article_language(site_gu):
    for slug in (UNDATED_SLUG, WORLD_SLUG):
        page = article(site_gu, slug)
        assert page.h1.get("lang") == "gu"
        body = page.select_one(".prose")
        assert body is not None and body.get("lang") == "gu"
        assert len(text_of(body)) > 200
    home = soup(site_gu / "index.html")
    titles = home.select(".teaser-title")
    assert len(titles) == 2 and all(t.get("lang") == "gu" for t in titles)


# -- nothing from elsewhere ----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("which", ["site_gu", "site_published"])
def test_no_file_of_the_site_refers_outside_it(which, request):
    site = request.getfixturevalue(which)
    allowed = PUBLISHED + "/"
    outside = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        where = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            urls = [r.url for r in html_page(path.read_text("utf-8")).refs]
        elif path.suffix == ".xml":
            urls = [r.url for r in feed_references(path.read_text("utf-8"))]
        elif path.suffix == ".css":
            text = path.read_text("utf-8")
            urls = [r.url for r in css_references(text)] + external_urls_in_text(text)
        elif path.suffix in (".js", ".svg", ".json", ".webmanifest"):
            # A leading comment is a file's license header (lunr.js names its
            # home page there): text for people, nothing a browser loads.
            urls = external_urls_in_text(re.sub(r"\A\ufeff?\s*/\*.*?\*/", "", path.read_text("utf-8"), flags=re.S))
        else:
            continue
        for url in urls:
            lowered = url.lower()
            if lowered.startswith(("http:", "https:", "//")) and not url.startswith(allowed) and url != PUBLISHED:
                outside.append(f"{where}: {url}")
            if lowered.startswith("javascript:"):
                outside.append(f"{where}: {url}")
    assert not outside, "references outside the site:\n" + "\n".join(outside)


@pytest.mark.slow
def test_fonts_are_bundled_and_limited_to_gujarati(site_gu):
    faces = re.findall(r"@font-face\s*{(.*?)}", CSS, re.S)
    assert len(faces) == 4
    css_dir = site_gu / "theme" / "css"
    for face in faces:
        assert "font-display: swap" in face
        assert "U+0A80-0AFF" in face and "U+200C-200D" in face and "U+0964-0965" in face and "U+25CC" in face
        (src,) = re.findall(r'url\("([^"]+)"\)', face)
        font = (css_dir / src).resolve()
        assert font.is_file(), f"{src} is not in the site"
        assert font.read_bytes()[:4] == b"wOF2", f"{src} is not a woff2 file"
    assert re.search(r"--sans:[^;]*Shruti[^;]*\"Gujarati Sangam MN\"[^;]*\"Lohit Gujarati\"[^;]*sans-serif", CSS)
    assert (site_gu / "theme" / "fonts" / "LICENSE-noto-sans-gujarati.txt").is_file()


# -- dates and sections ----------------------------------------------------------------


@pytest.mark.slow
def test_undated_article_says_date_unknown_and_stays_out_of_1970(site_gu):
    page = article(site_gu, UNDATED_SLUG)
    meta = text_of(page.select_one(".story-meta"))
    assert LABELS["gu"]["date_unknown"] in meta
    assert "1970" not in page.get_text() and page.select_one(".story time") is None
    assert not (site_gu / "archives" / "1970").exists()
    archives = soup(site_gu / "archives" / "index.html")
    undated = archives.select_one(".archive-undated")
    assert undated is not None and undated.find("a", href=f"../posts/{UNDATED_SLUG}/index.html")
    assert "1970" not in archives.get_text()
    years = [text_of(h).split()[0] for h in archives.select(".archive-year-title")]
    assert years == ["2024"]
    home = soup(site_gu / "index.html")
    assert "1970" not in home.get_text() and LABELS["gu"]["date_unknown"] in home.get_text()


@pytest.mark.slow
def test_feeds_leave_undated_articles_out(site_published):
    """A feed entry needs a date; the placeholder would show an undated post as news of 1970."""
    feeds = {path.name: path.read_text("utf-8") for path in (site_published / "feeds").glob("*.atom.xml")}
    assert "all.atom.xml" in feeds
    for name, text in feeds.items():
        assert "1970" not in text and f"/posts/{UNDATED_SLUG}/" not in text, name
    assert f"/posts/{WORLD_SLUG}/" in feeds["all.atom.xml"]
    # The sample's undated post is its section's only one: that feed has no
    # entry, and is dated by the site's newest article (not by the build's clock).
    [empty] = [text for text in feeds.values() if "<entry>" not in text]
    newest = re.search(r"<updated>([^<]+)</updated>", feeds["all.atom.xml"]).group(1)
    assert re.search(r"<updated>([^<]+)</updated>", empty).group(1) == newest


@pytest.mark.slow
def test_dated_article_shows_its_date_and_section(site_gu):
    page = article(site_gu, WORLD_SLUG)
    time = page.select_one(".story-meta time")
    assert time is not None and time["datetime"].startswith("2024-06-19")
    assert text_of(time) == "19 જૂન, 2024"
    section = page.select_one(".story-header a.kicker")
    assert section is not None and text_of(section) == LABELS["gu"]["World"]
    assert section["href"] == "../../category/world/index.html"
    assert "content/dumps/putin-reaches-north-korea.txt" in text_of(page.select_one(".provenance"))


@pytest.mark.slow
def test_uncategorized_is_not_shown_on_an_article(site_gu):
    page = article(site_gu, UNDATED_SLUG)
    assert page.select_one(".story a.kicker") is None
    assert not page.find("a", href=re.compile("category/uncategorized"))
    assert LABELS["gu"]["Uncategorized"] not in page.get_text()
    tags = [text_of(a) for a in page.select(".story-tags a")]
    assert tags == ["kim_punit_meeting", "rasiya", "america"]


@pytest.mark.slow
def test_month_and_year_archives_use_month_names(site_gu):
    month = soup(site_gu / "archives" / "2024" / "06" / "index.html")
    assert text_of(month.h1).startswith(LABELS["gu"]["month_archive_title"].format(month="જૂન", year="2024"))
    year = soup(site_gu / "archives" / "2024" / "index.html")
    assert text_of(year.h1).startswith(LABELS["gu"]["year_archive_title"].format(year="2024"))
    assert year.find("a", href="../../archives/2024/06/index.html", string="જૂન")


# -- interface language -------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["gu", "en"])
def test_interface_labels_follow_the_ui_language(lang, site_gu, site_en):
    site = site_gu if lang == "gu" else site_en
    other = "en" if lang == "gu" else "gu"
    labels = LABELS[lang]
    home = soup(site / "index.html")
    assert home.html["lang"] == lang
    nav = [text_of(a) for a in home.select(".site-nav a")]
    assert nav[:4] == [labels["home"], labels["categories"], labels["tags"], labels["archives"]]
    assert text_of(home.h1) == labels["latest"]
    assert text_of(home.select_one(".skip-link")) == labels["skip_to_content"]
    undated = article(site, UNDATED_SLUG)
    assert labels["date_unknown"] in text_of(undated.select_one(".story-meta"))
    world = article(site, WORLD_SLUG)
    assert text_of(world.select_one("a.kicker")) == labels["World"]
    # No interface label of the other language anywhere outside article text.
    for path in pages(site):
        page = soup(path)
        for node in page.select("[lang]")[1:]:  # article titles, bodies, ledes, tags
            node.decompose()
        text = text_of(page)
        for key in ("archives", "skip_to_content", "footer_note", "latest", "all_tags"):
            if LABELS[other][key] != labels[key]:
                assert LABELS[other][key] not in text, f"{path.relative_to(site)}: {other} label {key!r}"


def test_labels_exist_in_both_languages():
    assert set(LABELS["gu"]) == set(LABELS["en"])
    for lang in ("gu", "en"):
        assert all(isinstance(v, str) and v.strip() for v in LABELS[lang].values()), lang


def test_templates_use_only_labels_that_exist():
    used = set()
    for template in (THEME / "templates").glob("*.html"):
        text = re.sub(r"{#.*?#}", "", template.read_text("utf-8"), flags=re.S)
        used |= set(re.findall(r"'(\w+)'\s*\|\s*label", text))
        for pair in re.findall(r"\(\s*'(\w+)'\s+if\s+\w+\s+else\s+'(\w+)'\s*\)\s*\|\s*label", text):
            used |= set(pair)
    assert {"date_unknown", "not_found_text", "not_found_text_nosearch"} <= used
    missing = sorted(used - set(LABELS["en"]))
    assert not missing, f"labels used by templates but missing from labels.json: {missing}"


def test_every_import_section_has_a_label():
    sections = json.loads((ROOT / "plugins" / "sangrah_import" / "data" / "sections.json").read_text("utf-8"))
    categories = set(sections["sections"].values())
    missing = sorted(c for c in categories if c not in LABELS["gu"] or c not in LABELS["en"])
    assert not missing, f"categories without a label in labels.json: {missing}"


def test_templates_hold_no_hard_coded_interface_text():
    allowed = re.compile(r"^[\s·›←→:,.()\-–—|/]*$")
    for template in sorted((THEME / "templates").glob("*.html")):
        text = template.read_text("utf-8")
        text = re.sub(r"{#.*?#}", "", text, flags=re.S)
        text = re.sub(r"{%.*?%}", "", text, flags=re.S)
        text = re.sub(r"{{.*?}}", "", text, flags=re.S)
        text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
        text = re.sub(r"<[^>]*>", "", text, flags=re.S)
        text = text.replace("<!doctype html>", "")
        leftovers = [line.strip() for line in text.splitlines() if not allowed.match(line)]
        assert not leftovers, f"{template.name}: text not from labels.json: {leftovers}"


# -- optional pieces -------------------------------------------------------------------------


@pytest.mark.slow
def test_search_box_appears_only_when_enabled(site_gu, site_published, tmp_path):
    off = tmp_path / "off"
    build(make_content(tmp_path / "content-off"), off, extra={"SANGRAH_SEARCH": "false"})
    assert soup(off / "index.html").find("form") is None, "no search box while SANGRAH_SEARCH is off"
    assert soup(site_gu / "index.html").find("form") is not None, "SANGRAH_SEARCH is on in pelican.conf.py"
    page = soup(site_published / "posts" / WORLD_SLUG / "index.html")
    form = page.select_one('header form[role="search"]')
    assert form is not None and form["action"] == f"{PUBLISHED}/search/"
    field = form.select_one('input[type="search"][name="q"]#search-input')
    assert field is not None and page.find("label", attrs={"for": "search-input"})


@pytest.mark.slow
def test_entities_link_leads_to_the_entities_index(site_gu, site_published):
    # pelican.conf.py defines ENTITIES_INDEX_URL: sangrah_entities writes the index
    # (its pages are tested in tests/entity_pages).
    link = soup(site_gu / "index.html").select_one('.site-nav a[href="./entities/index.html"]')
    assert link is not None and text_of(link) == LABELS["gu"]["entities"]
    assert (site_gu / "entities" / "index.html").is_file()
    page = soup(site_published / "posts" / WORLD_SLUG / "index.html")
    link = page.select_one(f'.site-nav a[href="{PUBLISHED}/entities/"]')
    assert link is not None and text_of(link) == LABELS["gu"]["entities"]


# -- safety and determinism --------------------------------------------------------------------


@pytest.mark.slow
def test_markup_in_titles_and_tags_is_escaped(tmp_path):
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "markup-title.txt").write_text(
        "<script>alert(1)</script> સુરતમાં <b>બોલ્ડ</b> & પાણી\n\n"
        "સુરતમાં આજે ભારે વરસાદ પડ્યો હતો અને ઘણા વિસ્તારોમાં પાણી ભરાયાં હતાં. "
        "તંત્રએ લોકોને સાવચેત રહેવા જણાવ્યું હતું. <img src=x onerror=alert(2)>\n", encoding="utf-8")
    output = tmp_path / "output"
    build(make_content(tmp_path / "site", dumps_dir=dumps), output)
    for path in pages(output):
        page = soup(path)
        where = path.relative_to(output)
        # The theme's own search script is the only one: an empty element loading theme/js/search.js.
        scripts = [s for s in page.find_all("script")
                   if not (re.search(r"/theme/js/search\.js\?v=\w+$", s.get("src", "")) and not s.string)]
        assert not scripts, f"{where}: a <script> from the dump became markup"
        assert not page.find("b", string="બોલ્ડ"), f"{where}: a <b> from the dump became markup"
        handlers = [(el.name, a) for el in page.find_all(True) for a in el.attrs if a.lower().startswith("on")]
        assert not handlers, f"{where}: event handler attributes {handlers}"
    post = [p for p in (output / "posts").glob("*/index.html")]
    assert len(post) == 1
    assert "બોલ્ડ" in text_of(soup(post[0]).h1), "the title is shown (escaped), not dropped"


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory, site_published) -> tuple[Path, Path]:
    """The published site and a second build of it from another folder."""
    return site_published, _build(tmp_path_factory, "again", config="publish.conf.py", siteurl=PUBLISHED)


def _differing(outputs, suffixes):
    files = [sorted(p.relative_to(o).as_posix() for p in o.rglob("*") if p.is_file()) for o in outputs]
    assert files[0] == files[1]
    return [f for f in files[0] if f.endswith(suffixes)
            and (outputs[0] / f).read_bytes() != (outputs[1] / f).read_bytes()]


@pytest.mark.slow
def test_pages_and_theme_files_are_deterministic(two_builds):
    different = _differing(two_builds, (".html", ".css", ".svg", ".woff2", ".txt"))
    assert not different, f"files differ between two builds of the same content: {different}"


@pytest.mark.slow
def test_feeds_are_deterministic(two_builds):
    different = _differing(two_builds, (".xml",))
    assert not different, f"feeds differ between two builds of the same content: {different}"


# -- colours -------------------------------------------------------------------------------------


def _palette(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{6})\s*;", block))


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_colours_meet_wcag_aa_in_light_and_dark_mode():
    light = _palette(CSS[CSS.index(":root {"):CSS.index("}", CSS.index(":root {"))])
    dark_start = CSS.index("@media (prefers-color-scheme: dark)")
    dark = {**light, **_palette(CSS[dark_start:CSS.index("}\n}", dark_start)])}
    assert dark["bg"] != light["bg"], "dark mode must change the background"
    for name, palette in (("light", light), ("dark", dark)):
        for text in ("fg", "muted", "accent", "link"):
            for background in ("bg", "surface"):
                ratio = contrast(palette[text], palette[background])
                assert ratio >= 4.5, f"{name}: --{text} on --{background} is {ratio:.2f}:1"
        # Focus rings and the current-page bar are non-text: 3:1.
        assert contrast(palette["focus"], palette["bg"]) >= 3
        assert contrast(palette["accent"], palette["bg"]) >= 3


def test_reading_sizes_for_gujarati():
    body = re.search(r"\nbody {(.*?)}", CSS, re.S).group(1)
    assert "font-size: 1.125rem" in body
    assert float(re.search(r"line-height: ([\d.]+)", body).group(1)) >= 1.7
    prose = re.search(r"\n\.prose {(.*?)}", CSS, re.S).group(1)
    assert 1.75 <= float(re.search(r"line-height: ([\d.]+)", prose).group(1)) <= 1.9
    assert 36 <= float(re.search(r"max-width: ([\d.]+)em", prose).group(1)) <= 40
    assert "prefers-color-scheme: dark" in CSS and ":focus-visible" in CSS and "@media print" in CSS
