"""Every link and asset of the built sample site works, published and local.

Published: the site is built with publish.conf.py for
http://127.0.0.1:<port>/some-repo (a GitHub Pages project site lives under
/<repo>/, not at the root of its host) and served only under that path; every
page is fetched and every reference followed. A link written as /theme/...
or one that forgets SITEURL breaks here even though it works at a root.

Local: the site built with pelican.conf.py (relative URLs, index.html named
in every link) is checked as a browser opening output/ from disk sees it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from linkcheck import PagesServer, crawl_files, crawl_served, page_url
from sitebuild import build, make_content

pytestmark = pytest.mark.slow

# DEFAULT_PAGINATION 1 gives the sample's two articles two index pages, so
# the "newer"/"older" links are followed too. (One setting per build: pelican
# keeps only the last of several -e options, see sitebuild.build.)
VARIANTS = {
    "default": {},
    "paginated": {"DEFAULT_PAGINATION": "1"},
    "english-ui": {"SANGRAH_UI_LANG": '"en"'},
}


def _report(problems: list[str]) -> str:
    return "\n".join(problems[:60]) + (f"\n… and {len(problems) - 60} more" if len(problems) > 60 else "")


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_published_site_under_a_sub_path_has_no_broken_or_outside_link(tmp_path: Path, variant: str):
    content = make_content(tmp_path)
    output = tmp_path / "output"
    with PagesServer("some-repo") as server:
        build(content, output, config="publish.conf.py", siteurl=server.site_url, extra=VARIANTS[variant])
        server.serve(output)
        problems, reached = crawl_served(server.site_url, output)
        assert not problems, "broken or outside references:\n" + _report(problems)
        not_pretty = sorted(u for u in reached if u.endswith("index.html"))
        assert not not_pretty, "published links name index.html: " + ", ".join(not_pretty)

        pages = {p.relative_to(output).as_posix() for p in output.rglob("*.html")} - {"404.html"}
        unreached = sorted(p for p in pages if page_url(server.site_url, p) not in reached)
        assert not unreached, "pages no link leads to from the home page: " + ", ".join(unreached)


def test_published_site_links_are_absolute_and_pretty(tmp_path: Path):
    content = make_content(tmp_path)
    output = tmp_path / "output"
    site = "http://127.0.0.1:9/some-repo"
    build(content, output, config="publish.conf.py", siteurl=site)
    html = (output / "posts" / "kim-putin-meeting" / "index.html").read_text("utf-8")
    assert f'href="{site}/theme/css/site.css"' in html
    assert f'href="{site}/archives/"' in html
    assert "index.html" not in html, "published links must be pretty (no index.html)"
    # The 404 page is served at any depth: its links must not be relative.
    page_404 = (output / "404.html").read_text("utf-8")
    assert 'href="./' not in page_404 and 'href="../' not in page_404
    assert f'href="{site}/"' in page_404


def test_github_pages_stand_in_behaves_like_pages(tmp_path: Path):
    """The crawl is only as good as its server: folders, redirects, 404s, the prefix."""
    from linkcheck import fetch

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<p>a</p>")
    (tmp_path / "404.html").write_text("<p>gone</p>")
    with PagesServer("repo") as server:
        server.serve(tmp_path)
        assert fetch(server.site_url + "/a/")[0] == 200
        status, _, _, location = fetch(server.site_url + "/a")
        assert (status, location) == (301, "/repo/a/")
        status, _, body, _ = fetch(server.site_url + "/b/")
        assert (status, body) == (404, b"<p>gone</p>")
        assert fetch(server.origin + "/a/")[0] == 404, "nothing is served outside /repo/"
        assert fetch(server.site_url + "/../404.html")[0] == 404


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_local_site_works_from_file_urls(tmp_path: Path, variant: str):
    content = make_content(tmp_path)
    output = tmp_path / "output"
    build(content, output, extra=VARIANTS[variant])
    problems, reached = crawl_files(output)
    assert not problems, "broken references under file://:\n" + _report(problems)
    pages = set(output.rglob("*.html")) - {output / "404.html"}
    unreached = sorted(p.relative_to(output).as_posix() for p in pages - {p.resolve() for p in reached})
    assert not unreached, "pages no link leads to from index.html: " + ", ".join(unreached)


def test_crawlers_catch_what_they_are_for(tmp_path: Path):
    """A root-relative asset, an outside link, a folder link and a missing file are all reported."""
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    (site / "sub" / "index.html").write_text("<p>sub</p>")
    (site / "style.css").write_text("body{background:url(missing.png)}")
    (site / "index.html").write_text(
        '<link rel="stylesheet" href="style.css"><a href="sub/">folder</a> <a href="nope.html">missing</a>'
        '<img src="/style.css"> <a href="https://example.org/">out</a> <a href="#nowhere">frag</a>'
        '<img srcset="sub/index.html 1x, gone.png 2x">'
    )
    problems, _ = crawl_files(site)
    text = "\n".join(problems)
    for expected in ("'sub/' is a folder", "'nope.html' is broken", "'/style.css' points outside",
                     "'https://example.org/' leaves the site", "#nowhere", "'missing.png' is broken", "'gone.png' is broken"):
        assert expected in text, f"{expected!r} not reported in:\n{text}"

    with PagesServer("repo") as server:
        served = tmp_path / "served"
        (served / "sub").mkdir(parents=True)
        (served / "sub" / "index.html").write_text("<p>sub</p>")
        (served / "index.html").write_text(
            f'<a href="{server.site_url}/sub">no slash</a> <img src="/theme/x.css">'
            f' <form action="{server.site_url}/search/"></form> <a href="//cdn.example.org/x.js">cdn</a>'
        )
        server.serve(served)
        problems, _ = crawl_served(server.site_url, served)
    text = "\n".join(problems)
    for expected in ("answered 301", "'/theme/x.css' leaves the site", "/search/ answered 404", "cdn.example.org"):
        assert expected in text, f"{expected!r} not reported in:\n{text}"
