"""No payload of the hostile dumps runs in a real browser.

The site is built from tests/fixtures/bad_dumps (scripts, event handlers,
javascript:/vbscript:/data: URLs, iframes, SVG with script, mutation-XSS
shapes, <base>, meta refresh, payloads in titles, tags and JSON records) and
every generated page is opened in Debian's headless Chromium: no dialog may
open, no payload global (window.__xss) may be set, no request may leave the
site, no script may throw. Elements of each article get mouse events too, so
that a surviving on* handler would fire.
"""

from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
PAYLOAD_MARKERS = ("alert", "xss", "evil", "msgbox", "cookie", "javascript:", "vbscript:")


def _need_browser():
    reason = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "playwright is not installed"
    if reason is None and not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} is not installed (apt-get install chromium)"
    if reason:
        if os.environ.get("SANGRAH_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser test required (SANGRAH_REQUIRE_BROWSER=1) but {reason}")
        pytest.skip(reason)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(bad_site):
    _need_browser()
    handler = functools.partial(_QuietHandler, directory=str(bad_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", bad_site
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(served):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_no_payload_runs_on_any_page(served, browser):
    origin, output = served
    pages = sorted(output.rglob("*.html"))
    assert any("/posts/" in p.as_posix() for p in pages)
    context = browser.new_context()
    page = context.new_page()
    dialogs, outside, errors = [], [], []
    current = {"url": ""}
    page.on("dialog", lambda d: (dialogs.append(f"{current['url']}: {d.type} {d.message}"), d.dismiss()))
    page.on("request", lambda r: outside.append(f"{current['url']}: {r.url}")
            if not r.url.startswith((origin + "/", "data:", "about:")) else None)
    page.on("pageerror", lambda e: errors.append(f"{current['url']}: {e}"))
    page.on("console", lambda m: errors.append(f"{current['url']}: console {m.type}: {m.text}")
            if m.type == "error" and any(k in m.text.lower() for k in PAYLOAD_MARKERS) else None)
    for path in pages:
        url = f"{origin}/{path.relative_to(output).as_posix()}"
        current["url"] = url
        page.goto(url, wait_until="load")
        page.evaluate("""() => {
            for (const element of document.querySelectorAll('main *, article *')) {
                for (const type of ['mouseover', 'mouseenter', 'focus', 'click']) {
                    if (type === 'click' && element.closest('a')) continue;  // stay on the page
                    element.dispatchEvent(new Event(type, {bubbles: true}));
                }
            }
        }""")
        page.wait_for_timeout(20)
        assert page.evaluate("() => typeof window.__xss") == "undefined", url
        assert page.url.startswith(origin), f"{url} navigated to {page.url}"
    context.close()
    assert dialogs == []
    assert outside == []
    assert errors == []
