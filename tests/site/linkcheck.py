"""Every reference in a built site, and where it leads.

Two ways to follow them, as the two builds are used:

* ``crawl_served``: the published build (absolute SITEURL under a sub-path,
  pretty URLs) served by ``PagesServer`` the way GitHub Pages serves a
  project site: only under ``/<repo>/``, ``index.html`` for a folder, a 301
  from ``folder`` to ``folder/``, the site's 404.html for anything else.
* ``crawl_files``: the local build (relative URLs) as a browser opens it
  from disk: a reference must name an existing file (a folder is a broken
  link under file://, where browsers list folders instead of opening their
  index.html).

Both return a list of problems (strings); an empty list is a clean site.
"""

from __future__ import annotations

import mimetypes
import re
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

# Attributes that make a browser fetch or navigate to a URL.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "xlink:href", "background", "cite", "longdesc"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.S)
XMLNS = re.compile(r"""\sxmlns(?::\w+)?=(["']).*?\1""")
ABSOLUTE = re.compile(r"""https?://[^\s"'<>()\\]+""")


@dataclass
class Reference:
    url: str
    where: str  # e.g. "a href", "css url()", "img srcset"


@dataclass
class Page:
    refs: list[Reference] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    base: str | None = None


def css_references(text: str, where: str = "css url()") -> list[Reference]:
    refs = []
    for match in CSS_URL.finditer(text):
        url = match.group(2) if match.group(2) is not None else match.group(4)
        if url is not None and url.strip():
            refs.append(Reference(url.strip(), "css @import" if match.group(4) is not None else where))
    return refs


def srcset_urls(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "base" and values.get("href"):
            self.page.base = values["href"]
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id",) or (name == "name" and tag == "a"):
                self.page.ids.add(value)
            if name in URL_ATTRIBUTES or (name == "data" and tag == "object"):
                self.page.refs.append(Reference(value.strip(), f"{tag} {name}"))
            elif name in ("srcset", "imagesrcset"):
                self.page.refs += [Reference(u, f"{tag} {name}") for u in srcset_urls(value)]
            elif name == "style":
                self.page.refs += css_references(value, f"{tag} style url()")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            target = re.search(r"url\s*=\s*(.+)", values.get("content") or "", re.I)
            if target:
                self.page.refs.append(Reference(target.group(1).strip("'\" "), "meta refresh"))
        self._in_style = tag == "style"

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.page.refs += css_references(data, "style url()")


def html_page(text: str) -> Page:
    parser = _Extractor()
    parser.feed(text)
    parser.close()
    return parser.page


def feed_references(text: str) -> list[Reference]:
    """Links of an Atom/RSS feed, including those inside its escaped HTML."""
    refs = []
    root = ET.fromstring(text)
    for element in root.iter():
        for name, value in element.attrib.items():
            if name in ("href", "src", "url"):
                refs.append(Reference(value, f"feed {name}"))
        local = element.tag.rsplit("}", 1)[-1]
        if local in ("content", "summary", "description") and element.text:
            refs += [Reference(r.url, f"feed {local}: {r.where}") for r in html_page(element.text).refs]
    return refs


def external_urls_in_text(text: str) -> list[str]:
    """Every http(s) URL written in a stylesheet, script or SVG (XML namespaces aside)."""
    return ABSOLUTE.findall(XMLNS.sub("", text))


def _skippable(url: str) -> str | None:
    """Why a reference needs no fetching (None: it must be followed)."""
    scheme = urlsplit(url).scheme.lower()
    if url.startswith("#"):
        return "fragment"
    if scheme == "data":
        return "data"
    return None


def _kind(path_or_url: str, content_type: str = "") -> str:
    path = urlsplit(path_or_url).path
    if "html" in content_type or path.endswith((".html", ".htm")) or path.endswith("/"):
        return "html"
    if "css" in content_type or path.endswith(".css"):
        return "css"
    if "xml" in content_type or path.endswith(".xml"):
        return "xml"
    return "other"


# -- a GitHub Pages stand-in -----------------------------------------------------


class _PagesHandler(BaseHTTPRequestHandler):
    server_version = "PagesStandIn"

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_HEAD(self):
        self._serve(body=False)

    def do_GET(self):
        self._serve(body=True)

    def _send(self, status, data=b"", content_type="text/html; charset=utf-8", location=None, body=True):
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        # As GitHub Pages answers: browsers may reuse any file for ten minutes.
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _not_found(self, body):
        page = self.server.root / "404.html" if self.server.root else None
        data = page.read_bytes() if page and page.is_file() else b"not found"
        self._send(404, data, body=body)

    def _serve(self, body):
        prefix = self.server.prefix
        path = unquote(urlsplit(self.path).path)
        if path == prefix:
            return self._send(301, location=prefix + "/", body=body)
        if self.server.root is None or not path.startswith(prefix + "/"):
            return self._send(404, b"not found", body=body)
        root = self.server.root.resolve()
        target = (root / path[len(prefix) + 1:]).resolve()
        if target != root and root not in target.parents:
            return self._send(404, b"not found", body=body)
        if target.is_dir():
            if not path.endswith("/"):
                return self._send(301, location=path + "/", body=body)
            target = target / "index.html"
        if not target.is_file():
            return self._not_found(body)
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if target.suffix == ".woff2":
            content_type = "font/woff2"
        if content_type.startswith("text/") or content_type.endswith(("xml", "javascript", "json")):
            content_type += "; charset=utf-8"
        self._send(200, target.read_bytes(), content_type, body=body)


class PagesServer:
    """Serves a folder under ``/<repo>/`` on 127.0.0.1, like GitHub Pages a project site.

    The port is taken when the server is made, so the site can be built for
    ``server.site_url`` before ``serve(folder)`` starts answering.
    """

    def __init__(self, repo: str = "some-repo") -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _PagesHandler)
        self.httpd.prefix = "/" + repo.strip("/")
        self.httpd.root = None
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.site_url = self.origin + self.httpd.prefix
        self._thread = None

    def serve(self, root: Path) -> "PagesServer":
        self.httpd.root = Path(root)
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        if self._thread is not None:
            self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url: str) -> tuple[int, str, bytes, str | None]:
    """(status, content type, body, Location) without following redirects."""
    try:
        with _opener.open(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read(), None
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read(), error.headers.get("Location")


# -- the two crawls -----------------------------------------------------------------


def page_url(site_url: str, relative: str) -> str:
    """The pretty URL GitHub Pages gives to ``relative`` (a file of the output)."""
    if relative == "index.html":
        return site_url + "/"
    if relative.endswith("/index.html"):
        return f"{site_url}/{relative[:-len('index.html')]}"
    return f"{site_url}/{relative}"


def crawl_served(site_url: str, output: Path, missing_path: str = "no/such/page/") -> tuple[list[str], set[str]]:
    """Fetch every page of the served site and follow every reference of every page.

    Returns (problems, pages reached by following links from the home page).
    """
    site_url = site_url.rstrip("/")
    inside = site_url + "/"
    problems: list[str] = []
    seeds = [site_url + "/"]
    seeds += sorted(page_url(site_url, p.relative_to(output).as_posix()) for p in output.rglob("*.html"))
    missing = f"{site_url}/{missing_path}"
    queue = [(url, "seed") for url in seeds] + [(missing, "seed (missing page)")]
    fetched: dict[str, tuple[int, str, bytes]] = {}
    parsed: dict[str, Page] = {}
    linked_from: dict[str, set[str]] = {}
    fragments: list[tuple[str, str, str]] = []  # (source page, target page, id)

    while queue:
        url, source = queue.pop(0)
        if url in fetched:
            continue
        status, content_type, body, location = fetch(url)
        fetched[url] = (status, content_type, body)
        if url == missing:
            if status != 404:
                problems.append(f"{url}: a missing page answered {status}, not 404")
        elif status != 200:
            detail = f" (to {location})" if location else ""
            problems.append(f"{source}: {url} answered {status}{detail}")
            continue
        kind = _kind(url, content_type)
        text = body.decode("utf-8", errors="replace")
        if kind == "html":
            page = html_page(text)
            parsed[url] = page
            refs = page.refs
            base = urljoin(url, page.base) if page.base else url
        elif kind == "css":
            refs, base = css_references(text), url
        elif kind == "xml":
            try:
                refs, base = feed_references(text), url
            except ET.ParseError as error:
                problems.append(f"{url}: not well-formed XML ({error})")
                continue
        else:
            continue
        for ref in refs:
            why = _skippable(ref.url)
            if why == "fragment":
                fragments.append((url, url, ref.url[1:]))
                continue
            if why:
                continue
            target = urljoin(base, ref.url)
            scheme = urlsplit(target).scheme
            if scheme not in ("http", "https") or not (target == site_url or target.startswith(inside)):
                problems.append(f"{url}: {ref.where} {ref.url!r} leaves the site ({target})")
                continue
            target, fragment = urldefrag(target)
            if fragment:
                fragments.append((url, target, fragment))
            linked_from.setdefault(target, set()).add(url)
            if target not in fetched:
                queue.append((target, f"{url} ({ref.where} {ref.url!r})"))

    for source, target, fragment in fragments:
        page = parsed.get(target)
        if page is not None and unquote(fragment) not in page.ids:
            problems.append(f"{source}: link to #{fragment} on {target}, which has no such id")

    # Which pages a visitor reaches by following links from the home page.
    reached, todo = {site_url + "/"}, [site_url + "/"]
    outlinks: dict[str, set[str]] = {}
    for target, sources in linked_from.items():
        for s in sources:
            outlinks.setdefault(s, set()).add(target)
    while todo:
        for target in outlinks.get(todo.pop(), ()):
            if target not in reached:
                reached.add(target)
                todo.append(target)
    return problems, reached


def crawl_files(output: Path) -> tuple[list[str], set[Path]]:
    """Follow every reference of every HTML and CSS file as a browser would from file://.

    Returns (problems, files reached by following links from index.html).
    """
    output = output.resolve()
    problems: list[str] = []
    edges: dict[Path, set[Path]] = {}
    ids: dict[Path, set[str]] = {}
    fragments: list[tuple[Path, Path, str]] = []
    pages = sorted(output.rglob("*.html"))
    for path in pages:
        ids[path] = html_page(path.read_text("utf-8")).ids

    for path in pages + sorted(output.rglob("*.css")):
        text = path.read_text("utf-8")
        if path.suffix == ".css":
            refs, base = css_references(text), path.as_uri()
        else:
            page = html_page(text)
            refs = page.refs
            base = urljoin(path.as_uri(), page.base) if page.base else path.as_uri()
        where = path.relative_to(output).as_posix()
        for ref in refs:
            why = _skippable(ref.url)
            if why == "fragment":
                fragments.append((path, path, ref.url[1:]))
                continue
            if why:
                continue
            target_url, fragment = urldefrag(urljoin(base, ref.url))
            parts = urlsplit(target_url)
            if parts.scheme != "file":
                problems.append(f"{where}: {ref.where} {ref.url!r} leaves the site ({target_url})")
                continue
            target = Path(unquote(parts.path))
            try:
                resolved = target.resolve()
            except OSError:
                resolved = target
            if resolved != output and output not in resolved.parents:
                problems.append(f"{where}: {ref.where} {ref.url!r} points outside the site ({resolved})")
                continue
            if resolved.is_dir():
                problems.append(f"{where}: {ref.where} {ref.url!r} is a folder; from file:// it must name a file")
                continue
            if not resolved.is_file():
                problems.append(f"{where}: {ref.where} {ref.url!r} is broken ({resolved} does not exist)")
                continue
            edges.setdefault(path, set()).add(resolved)
            if fragment:
                fragments.append((path, resolved, fragment))

    for source, target, fragment in fragments:
        if target in ids and unquote(fragment) not in ids[target]:
            problems.append(f"{source.relative_to(output)}: link to #{fragment} on {target.relative_to(output)}, which has no such id")

    home = output / "index.html"
    reached, todo = {home}, [home]
    while todo:
        for target in edges.get(todo.pop(), ()):
            if target not in reached:
                reached.add(target)
                todo.append(target)
    return problems, reached
