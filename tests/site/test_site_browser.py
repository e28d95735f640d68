"""The published sample site in the real headless Chromium (Debian's).

Every page at phone (320 and 390 px) and desktop width: no horizontal
scrolling, the bundled Gujarati fonts in use, no request leaving the site or
failing, dark mode applied, the skip link first in keyboard order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from linkcheck import PagesServer, page_url
from sitebuild import build, make_content

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
WIDTHS = (320, 390, 1280)

# A dump made to stress the layout: a long headline and words no line can hold.
STRESS_DUMP = (
    "અમદાવાદ-ગાંધીનગર-વડોદરા-સુરત-રાજકોટ-ભાવનગર-જામનગર-જૂનાગઢ-ભુજ-મહેસાણા-પાલનપુર-હિંમતનગર એક્સપ્રેસવે પર "
    "નવો ટોલ પ્લાઝા શરૂ, વાહનચાલકોને રાહત\n\n"
    "અમદાવાદ, તા. 12 જુલાઈ 2024: રાજ્ય સરકારે આજે નવા ટોલ પ્લાઝાની જાહેરાત કરી હતી. "
    "વધુ માહિતી માટે https://example.invalid/a/very/long/path/that/does/not/break/anywhere/at/all/"
    "0123456789012345678901234567890123456789012345678901234567890123456789 જુઓ.\n\n"
    "સરકારે જણાવ્યું હતું કે પ્લાઝા પર ફાસ્ટેગ ફરજિયાત રહેશે. "
    "Supercalifragilisticexpialidocious-Pneumonoultramicroscopicsilicovolcanoconiosis-Hippopotomonstrosesquippedaliophobia.\n"
)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    tmp = tmp_path_factory.mktemp("browser")
    content = make_content(tmp)
    (content / "dumps" / "stress-long-words.txt").write_text(STRESS_DUMP, encoding="utf-8")
    output = tmp / "output"
    with PagesServer("some-repo") as server:
        build(content, output, config="publish.conf.py", siteurl=server.site_url)
        server.serve(output)
        yield server, output


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _page_urls(server, output):
    return [page_url(server.site_url, p.relative_to(output).as_posix()) for p in sorted(output.rglob("*.html"))]


def test_no_page_scrolls_sideways_or_reaches_outside(served, browser):
    server, output = served
    urls = _page_urls(server, output)
    assert any("/posts/" in u for u in urls)
    problems = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=width < 600)
        page = context.new_page()
        outside, failed = [], []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server.site_url + "/") else None)
        # Going to the next page aborts what the last one still loads (its icon): not a failure.
        page.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})")
                if "ERR_ABORTED" not in (r.failure or "") else None)
        page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        for url in urls:
            page.goto(url, wait_until="load")
            state = page.evaluate("""async () => {
                await document.fonts.ready;
                const root = document.documentElement;
                const faces = [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight);
                const wide = [...document.querySelectorAll('body *')]
                    .filter(el => el.getBoundingClientRect().right > root.clientWidth + 0.5)
                    .map(el => el.tagName.toLowerCase() + '.' + el.className).slice(0, 3);
                return {overflow: root.scrollWidth - root.clientWidth, faces, wide};
            }""")
            if state["overflow"] > 0 or state["wide"]:
                problems.append(f"{width}px {url}: {state['overflow']}px too wide ({', '.join(state['wide'])})")
            if "Sangrah Gujarati Sans 400" not in state["faces"]:
                problems.append(f"{width}px {url}: bundled Gujarati font not used ({state['faces']})")
        problems += [f"{width}px: request outside the site: {u}" for u in outside]
        problems += [f"{width}px: failed: {u}" for u in failed]
        context.close()
    assert not problems, "\n".join(problems)


def test_dark_mode_and_skip_link(served, browser):
    server, _ = served
    backgrounds = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 800})
        page = context.new_page()
        page.goto(server.site_url + "/", wait_until="load")
        backgrounds[scheme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
        if scheme == "light":
            page.keyboard.press("Tab")
            focused = page.evaluate("""() => {
                const el = document.activeElement, box = el.getBoundingClientRect();
                return {href: el.getAttribute('href'), top: box.top, outline: getComputedStyle(el).outlineStyle};
            }""")
            assert focused["href"] == "#main" and focused["top"] >= 0, focused
            assert focused["outline"] != "none", "focus must be visible"
        context.close()
    assert backgrounds["light"] != backgrounds["dark"]
    assert backgrounds["dark"] == "rgb(20, 20, 19)"
