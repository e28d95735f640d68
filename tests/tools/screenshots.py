"""Screenshots of a sangrah site, for looking at the theme (nothing is asserted).

    .venv/bin/python tests/tools/screenshots.py [OUT_DIR] [--site DIR | --dumps DIR] [--config publish.conf.py]

Builds the sample site (or the dumps in --dumps) into a temp dir, or takes an
already built site (--site output), serves it on localhost and saves the home
page, one article, one entity page (the most mentioned entity, or --entity)
and the entities index at phone (390x844) and desktop (1280x900) widths, in
light and dark mode, into OUT_DIR (default /tmp/sangrah-shots). It prints, per
shot, the fonts the page loaded, any horizontal overflow and any request that
left the site, so a glance at the output tells whether the bundled Gujarati
fonts were used.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from sitebuild import build, make_content  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
SCHEMES = ("light", "dark")

PAGE_STATE = """async () => {
  await document.fonts.ready;
  const faces = [...document.fonts].filter(f => f.status === 'loaded').map(f => `${f.family} ${f.weight}`);
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1)
    .slice(0, 5).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
  return {faces, overflow: root.scrollWidth - root.clientWidth, wide};
}"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def pick_article(site: Path, wanted: str | None) -> str:
    posts = sorted(p.parent.name for p in (site / "posts").glob("*/index.html"))
    if not posts:
        raise SystemExit(f"no articles under {site / 'posts'}")
    if wanted:
        if wanted not in posts:
            raise SystemExit(f"no article '{wanted}'; there are: {', '.join(posts)}")
        return wanted
    # The longest article shows the most of the body styles.
    return max(posts, key=lambda slug: (site / "posts" / slug / "index.html").stat().st_size)


def pick_entity(site: Path, wanted: str | None) -> str | None:
    """The entity page to shoot: ``wanted``, else the one listing most articles (None: no entity pages)."""
    entities = sorted(p.parent.name for p in (site / "entity").glob("*/index.html"))
    if not entities:
        return None
    if wanted:
        if wanted not in entities:
            raise SystemExit(f"no entity page '{wanted}'; there are: {', '.join(entities[:40])}")
        return wanted

    def listed(entity_id: str) -> int:
        # Articles on its first page plus its further pages: the busiest page shows the most.
        pages = len(list((site / "entity" / entity_id / "page").glob("*/index.html")))
        return (pages, (site / "entity" / entity_id / "index.html").read_text("utf-8").count('class="teaser'))

    return max(entities, key=lambda e: (listed(e), e))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="/tmp/sangrah-shots", help="folder for the PNGs")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--site", type=Path, help="an already built site (local build: pelican.conf.py)")
    source.add_argument("--dumps", type=Path, help="build from this folder of dumps instead of the samples")
    parser.add_argument("--article", help="slug of the article to shoot (default: the longest)")
    parser.add_argument("--entity", help="id of the entity page to shoot (default: the one with most articles)")
    parser.add_argument("--lang", choices=("gu", "en"), help="SANGRAH_UI_LANG for the build")
    parser.add_argument("--extra-pages", action="store_true", help="also archives, tags and categories (desktop)")
    parser.add_argument("--scale", type=float, default=1, help="device scale factor (default 1)")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sangrah-shots-") as tmp:
        if args.site:
            site = args.site.resolve()
        else:
            tmp_path = Path(tmp)
            content = make_content(tmp_path, dumps_dir=args.dumps.resolve() if args.dumps else None)
            extra = {"SANGRAH_UI_LANG": f'"{args.lang}"'} if args.lang else None
            site = tmp_path / "output"
            build(content, site, extra=extra)
        server, base = serve(site)
        article = pick_article(site, args.article)
        pages = {"home": "/index.html", "article": f"/posts/{article}/index.html"}
        entity = pick_entity(site, args.entity)
        if entity:
            pages["entity"] = f"/entity/{entity}/index.html"
        if (site / "entities" / "index.html").is_file():
            pages["entities"] = "/entities/index.html"
        extra_pages = {"archives": "/archives/index.html", "tags": "/tags/index.html",
                       "categories": "/categories/index.html"}
        shots = [(name, path, vp, scheme) for name, path in pages.items()
                 for vp in VIEWPORTS for scheme in SCHEMES]
        if args.extra_pages:
            shots += [(name, path, "desktop", "light") for name, path in extra_pages.items()]
        problems = 0
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for name, path, vp, scheme in shots:
                    context = browser.new_context(
                        viewport=VIEWPORTS[vp], color_scheme=scheme, device_scale_factor=args.scale,
                        is_mobile=(vp == "phone"), has_touch=(vp == "phone"),
                    )
                    page = context.new_page()
                    outside = []
                    page.on("request", lambda r: outside.append(r.url)
                            if urlsplit(r.url).netloc != urlsplit(base).netloc else None)
                    failed = []
                    page.on("requestfailed", lambda r: failed.append(r.url))
                    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
                    page.goto(base + path, wait_until="load")
                    state = page.evaluate(PAGE_STATE)
                    target = out / f"{name}-{vp}-{scheme}.png"
                    page.screenshot(path=str(target), full_page=True)
                    context.close()
                    notes = []
                    if state["overflow"] > 0:
                        notes.append(f"OVERFLOW {state['overflow']}px: {', '.join(state['wide'])}")
                    if outside:
                        notes.append("LEFT THE SITE: " + ", ".join(outside))
                    if failed:
                        notes.append("FAILED: " + ", ".join(failed))
                    problems += bool(notes)
                    print(f"{target}  fonts: {', '.join(state['faces']) or 'none'}" + "".join("\n    " + n for n in notes))
                browser.close()
        finally:
            server.shutdown()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
