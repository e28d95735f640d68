"""The search in the real headless Chromium (Debian's), served and from disk.

The sample site is built twice: published (publish.conf.py) and served under
/some-repo/ on localhost the way GitHub Pages serves a project site, and
local (pelican.conf.py) opened straight from disk (file://). Typing in the
header's box must find the right articles in both, with every request
staying inside the site; the keyboard, the search page's ?q= links, the
messages, hostile titles and the service worker are checked too.

Without /usr/bin/chromium these tests are skipped, unless
SANGRAH_REQUIRE_BROWSER=1 (CI), where a missing browser fails them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from sitebuild import ROOT, build
from tests.search.searchsite import KIM_SLUG, VISIT_SLUG, XSS_TITLE, build_sample, sample_content
from tests.search.test_search_index import read_data
from tests.site.linkcheck import PagesServer

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
LABELS = json.loads((ROOT / "plugins" / "sangrah_site" / "labels.json").read_text("utf-8"))
BOTH = {KIM_SLUG, VISIT_SLUG}
QUERIES = [
    ("રશિયા", BOTH),
    ("રશિયાએ", BOTH),  # inflected: the articles say રશિયાના, રશિયાને, રશિયા
    ("પુતિન", BOTH),
    ("putin", BOTH),  # Latin, through the entities' English names
    ("kirby", {VISIT_SLUG}),  # only the second sample mentions John Kirby
    ("north korea", BOTH),
    ("gam no choro", set()),  # SEO noise the import removed
]


def _browser_or_skip() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("SANGRAH_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing and SANGRAH_REQUIRE_BROWSER=1")
        pytest.skip(f"{CHROMIUM} is not installed (set SANGRAH_REQUIRE_BROWSER=1 to fail instead)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        if os.environ.get("SANGRAH_REQUIRE_BROWSER") == "1":
            raise
        pytest.skip("playwright is not installed")


@pytest.fixture(scope="module")
def browser():
    _browser_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    _browser_or_skip()
    tmp = tmp_path_factory.mktemp("served")
    with PagesServer("some-repo") as server:
        output = build_sample(tmp, hostile=True, config="publish.conf.py", siteurl=server.site_url)
        server.serve(output)
        yield {"home": server.site_url + "/", "inside": server.site_url + "/", "output": output,
               "search": server.site_url + "/search/", "post": lambda slug: f"{server.site_url}/posts/{slug}/"}


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    _browser_or_skip()
    output = build_sample(tmp_path_factory.mktemp("local"), hostile=True)
    root = output.as_uri()
    return {"home": root + "/index.html", "inside": root + "/", "output": output,
            "search": root + "/search/index.html", "post": lambda slug: f"{root}/posts/{slug}/index.html"}


@pytest.fixture(params=["served", "file"])
def site(request):
    return request.getfixturevalue("served" if request.param == "served" else "local")


class Visit:
    """A fresh context and page that records every request and script error."""

    def __init__(self, browser, inside: str, **context_options):
        self.context = browser.new_context(**context_options)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.inside = inside
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def outside(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.inside) and not url.startswith("data:")]

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser):
    opened = []

    def make(site, **options):
        v = Visit(browser, site["inside"], **options)
        opened.append(v)
        return v

    yield make
    for v in opened:
        v.close()


def type_query(page, query: str) -> None:
    """Type into the header's box and wait until the list answers this query."""
    page.fill("#search-input", "")
    page.type("#search-input", query)
    wait_for_answer(page, query)


def wait_for_answer(page, query: str) -> None:
    page.wait_for_function(
        """q => {
            const all = document.getElementById('search-option-all');
            const note = document.querySelector('.search-popup-note');
            return (all && all.textContent.includes(q)) || (note && !note.hidden && note.textContent.includes(q))
                || document.querySelector('.search-failed');
        }""", arg=query.strip(), timeout=10000)


def option_slugs(page) -> set[str]:
    hrefs = page.eval_on_selector_all('[role="option"]:not(#search-option-all)', "els => els.map(e => e.dataset.href)")
    return {re.search(r"/posts/([^/]+)/", href).group(1) for href in hrefs}


def test_typing_finds_the_right_articles_and_nothing_leaves_the_site(site, visit):
    v = visit(site)
    v.page.goto(site["home"])
    for query, expected in QUERIES:
        type_query(v.page, query)
        assert option_slugs(v.page) == expected, query
    note = v.page.text_content(".search-popup-note")
    assert note == LABELS["gu"]["search_no_results"].replace("{q}", "gam no choro")
    assert v.page.get_attribute("#search-input", "aria-expanded") == "false"
    assert not v.errors, v.errors
    assert not v.outside(), "requests outside the site: " + ", ".join(v.outside())
    loaded = [u for u in v.requests if "/search/" in u]
    assert any("/search/index.js?v=" in u for u in loaded) and any("/search/lunr.min.js?v=" in u for u in loaded)
    assert any("/search/docs/" in u for u in loaded), "results load their document files"
    assert any("/search/chunks/" in u for u in loaded) and any("/search/lexicon/" in u for u in loaded)


def test_results_show_title_date_and_highlighted_snippet(served, visit):
    v = visit(served)
    v.page.goto(served["home"])
    type_query(v.page, "રશિયાએ")
    first = v.page.locator('[role="option"]').first
    v.page.wait_for_function("() => document.querySelector('#search-option-0 .search-option-snippet mark')")
    assert "ચિંતા" in first.locator(".search-option-title").text_content()
    assert first.locator("time").get_attribute("datetime").startswith("2024-06-19")
    marks = first.locator(".search-option-snippet mark").all_text_contents()
    assert marks and all(m.startswith("રશિયા") for m in marks), marks
    assert first.locator(".search-option-title mark").all_text_contents() == ["રશિયાના"]
    # The undated sample says so instead of a date.
    assert LABELS["gu"]["date_unknown"] in v.page.locator("#search-option-1").text_content()


def test_keyboard_slash_arrows_enter_and_escape(served, visit):
    v = visit(served)
    v.page.goto(served["post"](KIM_SLUG))
    v.page.keyboard.press("/")
    assert v.page.evaluate("document.activeElement.id") == "search-input"
    v.page.keyboard.type("kirby")
    wait_for_answer(v.page, "kirby")
    box = v.page.locator("#search-input")
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-controls") == "search-listbox"
    assert v.page.get_attribute("#search-listbox", "role") == "listbox"
    v.page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "search-option-0"
    assert v.page.get_attribute("#search-option-0", "aria-selected") == "true"
    v.page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "search-option-all"
    v.page.keyboard.press("ArrowUp")
    v.page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and v.page.locator(".search-popup").is_hidden()
    v.page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "search-option-0"
    with v.page.expect_navigation():
        v.page.keyboard.press("Enter")
    assert v.page.url == served["post"](VISIT_SLUG)
    # On the new page "/" goes to the box again; typed in the box it is a character.
    v.page.keyboard.press("/")
    v.page.keyboard.type("a/b")
    assert v.page.input_value("#search-input") == "a/b"


def test_search_page_reads_q_from_the_address(site, visit):
    v = visit(site)
    v.page.goto(site["search"] + "?q=" + quote("પુતિન kirby"))
    v.page.wait_for_selector(".search-result-title a")
    assert v.page.input_value("#search-input") == "પુતિન kirby"
    links = v.page.eval_on_selector_all(".search-result-title a", "els => els.map(e => e.href)")
    assert links == [site["post"](VISIT_SLUG)]
    assert v.page.text_content("#search-page-status") == LABELS["gu"]["search_count_one"]
    # Arrow keys move from the box into the results, Enter follows the link.
    v.page.focus("#search-input")
    v.page.keyboard.press("ArrowDown")
    assert v.page.evaluate("document.activeElement.href") == site["post"](VISIT_SLUG)
    v.page.keyboard.press("ArrowUp")
    assert v.page.evaluate("document.activeElement.id") == "search-input"
    # Typing updates the results (and the address, where the browser allows it).
    v.page.fill("#search-input", "રશિયા")
    v.page.wait_for_function("() => document.querySelectorAll('.search-result').length === 2")
    if site["home"].startswith("http"):
        assert v.page.url.endswith("?q=" + quote("રશિયા"))
    v.page.keyboard.press("ArrowDown")
    with v.page.expect_navigation():
        v.page.keyboard.press("Enter")
    assert "/posts/" in v.page.url
    assert not v.errors and not v.outside()


def test_header_form_submits_to_the_search_page(local, visit):
    v = visit(local)
    v.page.goto(local["post"](KIM_SLUG))
    v.page.fill("#search-input", "kirby")
    with v.page.expect_navigation():
        v.page.press("#search-input", "Enter")
    assert v.page.url.startswith(local["search"]) and "q=kirby" in v.page.url
    v.page.wait_for_selector(".search-result")
    assert v.page.locator(".search-result").count() == 1


def test_fuzzy_retry_is_announced(served, visit):
    v = visit(served)
    v.page.goto(served["home"])
    type_query(v.page, "પુતીન")  # long ī: no such word; one edit from પુતિન
    assert option_slugs(v.page) == BOTH
    assert v.page.text_content(".search-popup-note") == LABELS["gu"]["search_fuzzy"].replace("{q}", "પુતીન")
    v.page.goto(served["search"] + "?q=" + quote("kirbey"))
    v.page.wait_for_selector(".search-result")
    assert LABELS["gu"]["search_fuzzy"].replace("{q}", "kirbey") in v.page.text_content("#search-page-status")


def test_a_missing_index_says_so(local, visit, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(local["output"], broken)
    (broken / "search" / "index.js").unlink()
    site = {"inside": broken.as_uri() + "/"}
    v = visit(site)
    v.page.goto(broken.as_uri() + "/index.html")
    v.page.type("#search-input", "putin")
    v.page.wait_for_selector(".search-failed")
    assert v.page.text_content(".search-popup-note") == LABELS["gu"]["search_failed"]
    v.page.goto(broken.as_uri() + "/search/index.html?q=putin")
    v.page.wait_for_selector("#search-page-status.search-failed")
    assert v.page.text_content("#search-page-status") == LABELS["gu"]["search_failed"]


def test_hostile_titles_and_bodies_stay_text(site, visit):
    v = visit(site)
    v.page.goto(site["home"])
    type_query(v.page, "xsstitle")
    titles = v.page.locator(".search-option-title").all_text_contents()
    assert XSS_TITLE in titles, titles
    assert v.page.locator(".search-popup img, .search-popup script").count() == 0
    v.page.goto(site["search"] + "?q=xsshand")
    v.page.wait_for_function("() => document.querySelector('.search-result-snippet mark')")
    snippet = v.page.text_content(".search-result-snippet")
    assert "<img src=x onerror=window.__xss=4>" in snippet and "<script>window.__xss=5</script>" in snippet
    assert v.page.text_content(".search-result-title") == XSS_TITLE
    assert v.page.locator("main img, main script").count() == 0
    v.page.wait_for_timeout(200)
    assert v.page.evaluate("typeof window.__xss") == "undefined"


def test_english_interface_text(tmp_path, visit, browser):
    output = build_sample(tmp_path, extra={"SANGRAH_UI_LANG": '"en"'})
    v = visit({"inside": output.as_uri() + "/"})
    v.page.goto(output.as_uri() + "/index.html")
    type_query(v.page, "gam no choro")
    assert v.page.text_content(".search-popup-note") == LABELS["en"]["search_no_results"].replace("{q}", "gam no choro")
    type_query(v.page, "kirby")
    assert v.page.text_content("#search-option-all").startswith(LABELS["en"]["search_all_results"].replace("{q}", "kirby"))


def test_service_worker_keeps_search_and_visited_pages_for_offline(served, visit):
    v = visit(served)
    page = v.page
    page.goto(served["home"])
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == served["home"], "the worker's scope is the site's sub-path"
    type_query(page, "putin")
    page.evaluate("window.sangrahSearch.whenKept()")
    page.goto(served["post"](VISIT_SLUG))
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    page.evaluate("window.sangrahSearch.whenKept()")
    caches = page.evaluate("caches.keys()")
    version = re.search(r"var VERSION = '(\w+)'", (served["output"] / "sw.js").read_text("utf-8")).group(1)
    assert caches and all(name.startswith("sangrah " + served["home"]) and name.endswith(version) for name in caches)

    v.context.set_offline(True)
    page.goto(served["home"])
    assert page.title().startswith("સંગ્રહ")
    type_query(page, "kirby")
    assert option_slugs(page) == {VISIT_SLUG}
    page.goto(served["post"](VISIT_SLUG))
    assert "ચિંતા" in page.text_content("h1")
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Sangrah Gujarati')
    with pytest.raises(Exception):
        page.goto(served["post"](KIM_SLUG))  # never visited: not available offline
    assert not v.outside()


# A dump added after the first build: its words are in no other article.
LATE_DUMP = (
    "ભાવનગરમાં દરિયાકાંઠે નવું પક્ષી અભયારણ્ય ખુલ્લું મુકાયું\n\n"
    "ભાવનગર જિલ્લાના દરિયાકાંઠે આજે નવું પક્ષી અભયારણ્ય ખુલ્લું મુકાયું હતું. "
    "શિયાળામાં અહીં હજારો સુરખાબ આવે છે, એમ વન વિભાગે જણાવ્યું હતું.\n"
)


def _search_version(html: str) -> str:
    return re.search(r'data-search-version="(\w+)"', html).group(1)


def test_an_article_added_later_is_found_past_a_cached_index(tmp_path, browser):
    """A new article leaves the other pages as they were, their search version too.

    So a browser may reuse the older manifest under the same URL (GitHub
    Pages lets it for ten minutes); its first search after the new build
    must still find the new article, not fail, and not show the older data.
    """
    _browser_or_skip()
    content = sample_content(tmp_path)
    output = tmp_path / "output"
    with PagesServer("some-repo") as server:
        build(content, output, config="publish.conf.py", siteurl=server.site_url)
        server.serve(output)
        context = browser.new_context(service_workers="block")  # the HTTP cache alone
        try:
            requests, errors = [], []
            context.on("request", lambda r: requests.append(r.url))
            page = context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(server.site_url + "/")
            page.evaluate("window.sangrahSearch.loadIndex().then(() => true)")  # the manifest, now in the cache
            old_manifest = read_data(output / "search" / "index.js")
            old_pages = {path: path.read_bytes() for path in output.rglob("*.html")}

            (content / "dumps" / "late-news.txt").write_text(LATE_DUMP, encoding="utf-8")
            posts_before = set((content / "posts").iterdir())
            build(content, output, config="publish.conf.py", siteurl=server.site_url)
            (new_post,) = set((content / "posts").iterdir()) - posts_before
            slug = re.search(r"^slug: (\S+)$", new_post.read_text("utf-8"), re.M).group(1)
            assert read_data(output / "search" / "index.js")["version"] != old_manifest["version"]
            home = output / "index.html"
            assert _search_version(home.read_text("utf-8")) == _search_version(old_pages[home].decode("utf-8"))
            # Articles, tags and entities the new article is not on: not a byte changes.
            untouched = [path for path in old_pages if path.relative_to(output).parts[0] in ("posts", "tag", "entity")
                         and slug.encode() not in path.read_bytes()]
            assert len(untouched) > 5 and all(path.read_bytes() == old_pages[path] for path in untouched)

            page.goto(server.site_url + "/tags/")  # a page not opened before, of the new build
            type_query(page, "અભયારણ્ય")
            assert option_slugs(page) == {slug}
            manifests = [u for u in requests if "/search/index.js?" in u]
            assert any("&r=" in u for u in manifests), "the manifest was asked for again, past the cache"
            assert not errors, errors
        finally:
            context.close()


def test_more_results_after_a_new_build_answer_the_query_afresh(tmp_path, browser):
    """The search page's next results, asked for after the site was built again, come from the new index.

    Their documents are numbered by the new build; the results in hand were
    found with the old one. The page must search again, not fail and not
    show another article under a result's title.
    """
    _browser_or_skip()
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import write_dumps

    content = sample_content(tmp_path)
    extra = write_dumps(tmp_path / "synthetic", 31)
    for dump in extra[:30]:
        shutil.copy2(dump, content / "dumps" / dump.name)
    output = tmp_path / "output"
    with PagesServer("some-repo") as server:
        build(content, output, config="publish.conf.py", siteurl=server.site_url)
        server.serve(output)
        context = browser.new_context(service_workers="block")
        try:
            errors = []
            page = context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(server.site_url + "/search/?q=" + quote("રશિયા"))
            page.wait_for_selector(".search-result")
            first_count = page.text_content("#search-page-status")
            assert page.locator(".search-result").count() == 20 and page.is_visible(".search-more")

            shutil.copy2(extra[30], content / "dumps" / extra[30].name)
            build(content, output, config="publish.conf.py", siteurl=server.site_url)
            page.click(".search-more")
            page.wait_for_function("s => document.getElementById('search-page-status').textContent !== s",
                                   arg=first_count, timeout=10000)
            assert "search-failed" not in (page.get_attribute("#search-page-status", "class") or "")
            page.wait_for_selector(".search-result")
            # Each result's title is its own article's, from the new build.
            titles = {}
            for post in (content / "posts").glob("*.md"):
                front = yaml.safe_load(post.read_text("utf-8").split("\n---\n", 1)[0].removeprefix("---\n"))
                titles[front["slug"]] = front["title"]
            for result in page.locator(".search-result-title a").all():
                slug = re.search(r"/posts/([^/]+)/", result.get_attribute("href")).group(1)
                assert result.text_content().strip() == titles[slug]
            assert not errors, errors
        finally:
            context.close()
