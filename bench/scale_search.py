"""Search at scale: the split index beside one monolithic lunr.py index and Pagefind.

The search rows of bench/bench_scale.py's table come from here; it can also
run alone on a synthetic site of its own:

    .venv/bin/python bench/scale_search.py --size 1000 [--repeat 3] [--no-pagefind] [--no-lunr-py]

Functions for bench_scale.py (the site is already built, with search on):

    search_figures(output_dir, queries=None, *, articles=None, monolithic=True,
                   pagefind=True, repeat=3, build_repeat=3, lunr_py_build=True,
                   first_query=None, workdir=None) -> dict
        Every search figure of the table, measured on ``output_dir``:
        "split": file counts and sizes (raw and gzip) per kind, the manifest;
        "first_query": what headless Chromium fetches for a first query
            typed into the search box (bytes as gzip sends them, scripts
            included), typed letter by letter and pasted whole;
        "query_ms": warm query times in lunr.js (node), median and p95,
            overall and by kind of query, split and monolithic;
        "ranking": split (assembled in lunr.js) against the monolithic
            index on ``queries``: how many identical (refs, order, scores);
        "monolithic": the one-index baseline (lunr.py index of the same
            site: raw/gzip size, node load time and heap, first-query bytes
            = index + store + scripts + result files, as gzip sends them);
        "build": when ``articles`` (bench/synthetic.py SyntheticArticle
            list) are given: the split index's build time and peak memory
            (cold; warm after one new article; median of ``build_repeat``
            runs, each in a fresh process) and lunr.py's (``lunr_py_build``);
        "pagefind": Pagefind (npm, node_modules/.bin/pagefind) run on the
            same article pages: index time, bundle size, first-query bytes
            in Chromium the same way;
        "load_average": the machine's load before and after.
        ``queries`` default: bench/synthetic.search_queries(articles) when
        articles are given, else words of the site's own documents.

    index_build_figures(documents, repeat=3, lunr_py=True, workers=2) -> dict
        The "build" part alone, for SearchDocument lists.

    first_query_bytes(output_dir, query, typed=True) -> dict
        The "first_query" part alone (Chromium, gzip server on localhost).

Timings are medians of ``repeat`` runs; the machine has 2 cores and may be
shared, so each figure comes with the load average it was measured under.
Writes bench/results/scale_search-<size>.json when run alone.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import pickle
import resource
import shutil
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for extra in (ROOT / "plugins", HERE, ROOT / "tests", ROOT):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

RESULTS = HERE / "results"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
PAGEFIND = ROOT / "node_modules" / ".bin" / "pagefind"
# A person types a letter every 150 ms or so; search.js answers each pause
# of 60 ms, so every prefix typed is a query of its own, with its own loads.
TYPING_DELAY_MS = 150
# Types a web server gzips (what GitHub Pages compresses); fonts and
# Pagefind's own pre-compressed index files go as they are.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/wasm", "image/svg+xml")
MIME = {".js": "application/javascript", ".mjs": "application/javascript", ".json": "application/json",
        ".wasm": "application/wasm", ".html": "text/html; charset=utf-8", ".css": "text/css",
        ".svg": "image/svg+xml", ".woff2": "font/woff2", ".txt": "text/plain"}


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else 0.0


def gz_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


# ---------------------------------------------------------------------------
# Sizes of the split files
# ---------------------------------------------------------------------------


def split_sizes(output_dir: Path) -> dict:
    """Count, raw and gzip bytes (total, median, largest) of each kind of search data file."""
    search = Path(output_dir) / "search"
    figures = {}
    for kind, pattern in (("manifest", "index.js"), ("chunks", "chunks/*.js"), ("lexicon", "lexicon/*.js"),
                          ("suffix", "suffix/*.js"), ("docs", "docs/*.js")):
        paths = sorted(search.glob(pattern))
        raw = [p.stat().st_size for p in paths]
        # Every document file would take long to compress at 50,000: a sample of 500 for the gzip figures.
        sample = paths if len(paths) <= 500 else paths[:: max(1, len(paths) // 500)]
        zipped = [gz_size(p.read_bytes()) for p in sample]
        scale = len(paths) / max(1, len(sample))
        figures[kind] = {
            "files": len(paths), "raw_bytes": sum(raw), "gzip_bytes": round(sum(zipped) * scale),
            "median_raw": statistics.median(raw) if raw else 0, "median_gzip": statistics.median(zipped) if zipped else 0,
            "max_raw": max(raw, default=0), "max_gzip": max(zipped, default=0),
        }
    return figures


# ---------------------------------------------------------------------------
# A local web server that gzips as a real one does, and counts what it sends
# ---------------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    server_version = "sangrah-bench"

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):  # noqa: N802 (http.server's name)
        path = unquote(urlparse(self.path).path)
        target = self.server.resolve(path)
        if target is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            self.server.record(path, 0, 0, 404)
            return
        body = target.read_bytes()
        mime = MIME.get(target.suffix, "application/octet-stream")
        encoded = body
        gzipped = False
        if "gzip" in (self.headers.get("Accept-Encoding") or "") and mime.startswith(COMPRESSED_TYPES):
            encoded = gzip.compress(body, compresslevel=6, mtime=0)
            gzipped = True
        self.send_response(200)
        self.send_header("Content-Type", mime)
        self.send_header("Content-Length", str(len(encoded)))
        self.send_header("Cache-Control", "no-cache")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(encoded)
        self.server.record(path, len(encoded), len(body), 200)


class CountingServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    """Serves ``mounts`` (URL prefix → folder; longest prefix wins) on 127.0.0.1; logs bytes sent."""

    daemon_threads = True

    def __init__(self, mounts: dict[str, Path], files: dict[str, bytes] | None = None):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mounts = sorted(((prefix, Path(folder)) for prefix, folder in mounts.items()),
                             key=lambda m: -len(m[0]))
        self.files = files or {}
        self.log: list[dict] = []
        self.lock = threading.Lock()

    def resolve(self, path: str) -> Path | None:
        if path in self.files:
            return self.files[path]
        for prefix, folder in self.mounts:
            if path.startswith(prefix):
                relative = path[len(prefix):]
                target = (folder / relative).resolve()
                if target.is_dir():
                    target = target / "index.html"
                if target.is_file() and (target == folder.resolve() or folder.resolve() in target.parents):
                    return target
        return None

    def record(self, path: str, sent: int, raw: int, status: int) -> None:
        with self.lock:
            self.log.append({"path": path, "sent": sent, "raw": raw, "status": status})

    def mark(self) -> int:
        with self.lock:
            return len(self.log)

    def since(self, mark: int) -> list[dict]:
        with self.lock:
            return list(self.log[mark:])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@contextmanager
def serving(mounts: dict[str, Path], files: dict[str, Path] | None = None):
    server = CountingServer(mounts, files)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _kind_of(path: str) -> str:
    for marker, kind in (("/search/chunks/", "chunks"), ("/search/lexicon/", "lexicon"), ("/search/suffix/", "suffix"),
                         ("/search/docs/", "docs"), ("/search/index.js", "manifest"), ("/pagefind/", "pagefind")):
        if marker in path:
            return kind
    return "scripts" if path.endswith((".js", ".mjs", ".wasm")) else "other"


def _summary(requests: list[dict]) -> dict:
    by_kind: dict[str, dict] = {}
    for request in requests:
        kind = by_kind.setdefault(_kind_of(request["path"]), {"requests": 0, "gzip_bytes": 0, "raw_bytes": 0})
        kind["requests"] += 1
        kind["gzip_bytes"] += request["sent"]
        kind["raw_bytes"] += request["raw"]
    return {"gzip_bytes": sum(r["sent"] for r in requests), "raw_bytes": sum(r["raw"] for r in requests),
            "requests": len(requests), "by_kind": by_kind,
            "failed": [r["path"] for r in requests if r["status"] != 200],
            "files": [[r["path"], r["sent"]] for r in requests[:80]]}


def _browser():
    from playwright.sync_api import sync_playwright

    return sync_playwright()


# ---------------------------------------------------------------------------
# First query in Chromium: sangrah's split index
# ---------------------------------------------------------------------------


def _wait_for_answer(page, query: str, timeout: int = 60000) -> None:
    page.wait_for_function(
        """q => {
            const all = document.getElementById('search-option-all');
            const note = document.querySelector('.search-popup-note');
            return (all && all.textContent.includes(q)) || (note && !note.hidden && note.textContent.includes(q))
                || document.querySelector('.search-failed');
        }""", arg=query.strip(), timeout=timeout)


def first_query_bytes(output_dir: Path, query: str, typed: bool = True, chromium=None) -> dict:
    """What Chromium fetches for a first search on the site's home page, as gzip sends it.

    Counted: every request from the moment the box gets focus until the
    results (8, with their snippets) are on screen, plus the search script
    and style the page itself loaded (search code, so "scripts included").
    Not counted: the page, its fonts and other styles. A fresh browser
    context (empty cache), service workers blocked (a first visit's first
    search never goes through one).
    """
    with serving({"/": Path(output_dir)}) as server, (_nullcontext(chromium) if chromium else _chromium()) as browser:
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server.url + "/", wait_until="load")
        page_load = server.since(0)
        search_code = [r for r in page_load if "/theme/js/search.js" in r["path"] or "/theme/css/search.css" in r["path"]]
        mark = server.mark()
        started = time.perf_counter()
        page.focus("#search-input")
        if typed:
            page.type("#search-input", query, delay=TYPING_DELAY_MS)
        else:
            page.fill("#search-input", query)
        _wait_for_answer(page, query)
        page.wait_for_load_state("networkidle")
        elapsed = time.perf_counter() - started
        results = page.eval_on_selector_all('[role="option"]:not(#search-option-all)', "els => els.length")
        requests = search_code + server.since(mark)
        context.close()
    figures = _summary(requests)
    figures.update({"query": query, "typed": typed, "results_shown": results, "seconds": round(elapsed, 2),
                    "page_gzip_bytes_not_counted": sum(r["sent"] for r in page_load) - sum(r["sent"] for r in search_code),
                    "errors": errors})
    return figures


@contextmanager
def _nullcontext(value):
    yield value


@contextmanager
def _chromium():
    with _browser() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# ---------------------------------------------------------------------------
# Pagefind on the same pages
# ---------------------------------------------------------------------------

PAGEFIND_PAGE = """<!doctype html>
<html lang="gu"><head><meta charset="utf-8"><title>pagefind</title></head>
<body><input id="q" type="search">
<script type="module">
// Pagefind's JS API as its UI drives it: a search per pause in typing,
// then the data (title, URL, excerpt) of the first 8 results.
let pagefind = null
window.runQuery = async function (text) {
  if (!pagefind) pagefind = await import('/pagefind/pagefind.js')
  const found = await pagefind.search(text)
  return found
}
window.showResults = async function (text) {
  const found = await window.runQuery(text)
  const shown = await Promise.all(found.results.slice(0, 8).map(r => r.data()))
  return { count: found.results.length, titles: shown.map(d => d.meta.title) }
}
window.ready = true
</script></body></html>
"""


def run_pagefind(output_dir: Path, bundle: Path) -> dict:
    """Pagefind over the site's article pages into ``bundle``: seconds, peak memory, bundle size."""
    if bundle.exists():
        shutil.rmtree(bundle)
    command = [str(PAGEFIND), "--site", str(output_dir), "--glob", "posts/**/*.html",
               "--output-path", str(bundle), "--silent"]
    wrapper = ("import json,resource,subprocess,sys,time;t=time.perf_counter();"
               "r=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
               "print(json.dumps({'seconds':time.perf_counter()-t,'code':r.returncode,'err':r.stderr[-2000:],"
               "'peak_mb':resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024}))")
    ran = subprocess.run([sys.executable, "-c", wrapper, *command], capture_output=True, text=True, check=True)
    answer = json.loads(ran.stdout.strip().splitlines()[-1])
    if answer["code"] != 0:
        raise RuntimeError("pagefind failed: " + answer["err"])
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return {"seconds": round(answer["seconds"], 2), "peak_mb": round(answer["peak_mb"], 1),
            "files": len(files), "bundle_bytes": sum(p.stat().st_size for p in files)}


def pagefind_first_query(output_dir: Path, bundle: Path, query: str, typed: bool = True, chromium=None) -> dict:
    """Pagefind's first query in Chromium, counted like first_query_bytes (everything under /pagefind/)."""
    page_file = bundle.parent / "pagefind-bench.html"
    page_file.write_text(PAGEFIND_PAGE, "utf-8")
    with serving({"/": Path(output_dir), "/pagefind/": bundle}, {"/pagefind-bench.html": page_file}) as server, \
            (_nullcontext(chromium) if chromium else _chromium()) as browser:
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server.url + "/pagefind-bench.html", wait_until="load")
        page.wait_for_function("() => window.ready === true")
        mark = server.mark()
        started = time.perf_counter()
        letters = list(query)
        prefixes = ["".join(letters[:n]) for n in range(1, len(letters) + 1)] if typed else [query]
        for prefix in prefixes[:-1]:
            # As its UI does: each pause in typing searches what is typed so far.
            page.evaluate("t => window.runQuery(t).then(() => null)", prefix)
            page.wait_for_timeout(TYPING_DELAY_MS)
        answer = page.evaluate("t => window.showResults(t)", prefixes[-1])
        page.wait_for_load_state("networkidle")
        elapsed = time.perf_counter() - started
        requests = server.since(mark)
        context.close()
    figures = _summary(requests)
    figures.update({"query": query, "typed": typed, "results": answer["count"],
                    "results_shown": len(answer["titles"]), "seconds": round(elapsed, 2), "errors": errors})
    return figures


# ---------------------------------------------------------------------------
# lunr.js under node: warm query times, split and monolithic; ranking equality
# ---------------------------------------------------------------------------

NODE_SCRIPT = r"""
'use strict'
const fs = require('fs')
const path = require('path')
const root = process.argv[2]
const job = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'))
const lunr = require(path.join(root, 'node_modules', 'lunr'))
const rules = JSON.parse(fs.readFileSync(path.join(root, 'plugins', 'sangrah_lang', 'language.json'), 'utf8'))
const lang = require(path.join(root, 'plugins', 'sangrah_search', 'static', 'sangrah-lang.js')).create(rules, lunr)
lang.registerWithLunr()
const core = require(path.join(root, 'theme', 'static', 'js', 'search.js'))
const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6

function readData (file) {
  let got = null
  new Function('sangrahSearch', fs.readFileSync(file, 'utf8'))({ // eslint-disable-line no-new-func
    receive: (kind, key, version, data) => { got = { kind, key, version, payload: JSON.parse(data) } }
  })
  return got
}

const DIRS = { chunk: 'chunks', lexicon: 'lexicon', suffix: 'suffix' }
function openSplit () {
  const manifest = readData(path.join(job.split, 'index.js'))
  const loaded = []
  const split = core.createSplit(manifest.payload, lunr, (kind, n) => {
    loaded.push(kind + '/' + n)
    return Promise.resolve(readData(path.join(job.split, DIRS[kind], n + '.js')).payload)
  })
  return { split, loaded }
}

function kindOf (q) { return job.kinds[q] || 'query' }

async function main () {
  const out = { split: { cold: [], warm: {} }, mono: { warm: {} }, ranking: { same: 0, differ: [] } }
  // Split: each query once cold on a fresh split index (its parts loaded
  // from disk: parse and assembly, no network), then warm.
  const fresh = openSplit()
  const results = {}
  for (const q of job.queries) {
    const t = process.hrtime.bigint()
    const before = fresh.loaded.length
    results[q] = await core.searchSplit(fresh.split, lunr, lang, q)
    out.split.cold.push({ q, ms: ms(t), parts: fresh.loaded.length - before })
  }
  for (const q of job.queries) {
    const times = []
    await core.searchSplit(fresh.split, lunr, lang, q)
    for (let i = 0; i < job.repeat; i++) {
      const t = process.hrtime.bigint()
      await core.searchSplit(fresh.split, lunr, lang, q)
      times.push(ms(t))
    }
    out.split.warm[q] = times
  }
  if (job.mono) {
    global.gc && global.gc()
    const heapBefore = process.memoryUsage().heapUsed
    const t0 = process.hrtime.bigint()
    const data = readData(job.mono)
    const parsed = ms(t0)
    const t1 = process.hrtime.bigint()
    const index = lunr.Index.load(data.payload)
    out.mono.load = { parse_ms: parsed, load_ms: ms(t1), total_ms: ms(t0) }
    global.gc && global.gc()
    out.mono.heap_mb = (process.memoryUsage().heapUsed - heapBefore) / 1048576
    for (const q of job.queries) {
      const whole = core.search(index, lunr, lang, q)
      const times = []
      for (let i = 0; i < job.repeat; i++) {
        const t = process.hrtime.bigint()
        core.search(index, lunr, lang, q)
        times.push(ms(t))
      }
      out.mono.warm[q] = times
      const a = whole.results.map(r => [r.ref, r.score])
      const b = results[q].results.map(r => [r.ref, r.score])
      if (JSON.stringify(a) === JSON.stringify(b) && whole.fuzzy === results[q].fuzzy) out.ranking.same++
      else out.ranking.differ.push(q)
    }
  }
  out.hits = Object.fromEntries(job.queries.map(q => [q, results[q].results.length]))
  process.stdout.write(JSON.stringify(out))
}
main().catch(e => { console.error(e); process.exit(1) })
"""


def node_figures(split_dir: Path, queries: list[str], kinds: dict[str, str], mono_file: Path | None,
                 repeat: int) -> dict:
    node = shutil.which("node")
    with tempfile.TemporaryDirectory(prefix="sangrah-scale-node-") as tmp:
        job = Path(tmp) / "job.json"
        job.write_text(json.dumps({"split": str(split_dir), "mono": str(mono_file) if mono_file else None,
                                   "queries": queries, "kinds": kinds, "repeat": repeat},
                                  ensure_ascii=False), "utf-8")
        script = Path(tmp) / "scale.js"
        script.write_text(NODE_SCRIPT, "utf-8")
        ran = subprocess.run([node, "--expose-gc", "--max-old-space-size=16000", str(script), str(ROOT), str(job)],
                             capture_output=True, text=True)
        if ran.returncode != 0:
            raise RuntimeError("node: " + ran.stderr[-3000:])
        answer = json.loads(ran.stdout)

    def times(table: dict) -> dict:
        # Per query the median of its repeats, then median and p95 over queries.
        per_query = {q: statistics.median(t) for q, t in table.items()}
        every = list(per_query.values())
        by_kind: dict[str, list] = {}
        for q, t in per_query.items():
            by_kind.setdefault(kinds.get(q, "query"), []).append(t)
        return {"median_ms": round(statistics.median(every), 2), "p95_ms": round(percentile(every, 0.95), 2),
                "max_ms": round(max(every), 2),
                "by_kind": {k: {"median_ms": round(statistics.median(v), 2), "p95_ms": round(percentile(v, 0.95), 2),
                                "queries": len(v)} for k, v in sorted(by_kind.items())}}

    cold = answer["split"]["cold"]
    figures = {"split_warm": times(answer["split"]["warm"]),
               "split_cold": {"median_ms": round(statistics.median(c["ms"] for c in cold), 2),
                              "p95_ms": round(percentile([c["ms"] for c in cold], 0.95), 2),
                              "parts_median": statistics.median(c["parts"] for c in cold),
                              "parts_max": max(c["parts"] for c in cold)},
               "hits_median": statistics.median(answer["hits"].values())}
    if mono_file:
        figures["mono_warm"] = times(answer["mono"]["warm"])
        figures["mono_load"] = {k: round(v, 1) for k, v in answer["mono"]["load"].items()}
        figures["mono_heap_mb"] = round(answer["mono"]["heap_mb"], 1)
        figures["ranking"] = {"queries": len(queries), "identical": answer["ranking"]["same"],
                              "different": answer["ranking"]["differ"][:20]}
    return figures


# ---------------------------------------------------------------------------
# Index builds: split (cold, warm) and lunr.py, each in a fresh process
# ---------------------------------------------------------------------------


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM).

    Not ru_maxrss: on Linux a child started by fork and exec reports the
    parent's peak until it passes it, which hid every figure under the
    parent's size (measured: 192.8 MiB for every build at 1,000 articles).
    Forked workers (terms.py) are counted through RUSAGE_CHILDREN.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child_build(mode: str, documents_file: Path, workers: int) -> dict:
    """In a fresh process: build one way, report seconds and peak memory."""
    from sangrah_search.build import build_index, build_search_data
    from sangrah_search.output import data_files, write_files
    from sangrah_search.pipeline import serialize_index
    from sangrah_search.terms import TermCache

    with documents_file.open("rb") as handle:
        documents = pickle.load(handle)
    before = peak_rss_mb()
    with tempfile.TemporaryDirectory(prefix="sangrah-scale-build-") as tmp:
        cache_file = Path(tmp) / "terms.pickle"
        if mode == "split-warm":
            # The cache as the previous build left it: every article but the newest.
            cache = TermCache(cache_file)
            from sangrah_search.build import index_fields, HIGHLIGHTED_FIELDS
            cache.terms_of_all([index_fields(d) for d in documents[:-1]], HIGHLIGHTED_FIELDS, workers)
            cache.save()
            del cache
        started = time.perf_counter()
        cpu = time.process_time()
        if mode == "lunr.py":
            from sangrah_search.build import ordered
            from sangrah_search.output import data_script
            serialized = serialize_index(build_index(ordered(documents)))
            size = len(data_script("index", None, "x", serialized))
            terms = len(serialized["invertedIndex"])
        else:
            cache = TermCache(cache_file if mode == "split-warm" else None)
            data = build_search_data(documents, cache, workers)
            files = data_files(data)
            write_files(Path(tmp) / "out", files)
            size = sum(len(c) for c in files.values())
            terms = sum(len(c["terms"]) for c in data.index.chunks)
        seconds = time.perf_counter() - started
    return {"mode": mode, "seconds": round(seconds, 2), "cpu_seconds": round(time.process_time() - cpu, 2),
            "peak_mb": round(peak_rss_mb(), 1),
            "workers_peak_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
            "before_mb": round(before, 1), "bytes": size, "terms": terms, "documents": len(documents)}


def index_build_figures(documents, repeat: int = 3, lunr_py: bool = True, workers: int = 2,
                        lunr_py_repeat: int | None = None) -> dict:
    """Build times and peak memory of the split index (cold, warm) and of lunr.py's one index."""
    figures: dict = {"load_average_before": load_average()}
    with tempfile.TemporaryDirectory(prefix="sangrah-scale-docs-") as tmp:
        documents_file = Path(tmp) / "documents.pickle"
        with documents_file.open("wb") as handle:
            pickle.dump(list(documents), handle, protocol=pickle.HIGHEST_PROTOCOL)
        modes = [("split-cold", repeat), ("split-warm", repeat)]
        if lunr_py:
            modes.append(("lunr.py", lunr_py_repeat or repeat))
        for mode, runs in modes:
            results = []
            for _ in range(runs):
                ran = subprocess.run([sys.executable, __file__, "--child-build", mode, "--documents", str(documents_file),
                                      "--workers", str(workers)], capture_output=True, text=True)
                if ran.returncode != 0:
                    results.append({"error": ran.stderr[-2000:]})
                    break
                results.append(json.loads(ran.stdout.strip().splitlines()[-1]))
            good = [r for r in results if "error" not in r]
            figures[mode] = {
                "runs": len(good), "seconds_median": statistics.median(r["seconds"] for r in good) if good else None,
                "seconds_all": [r["seconds"] for r in good], "peak_mb_max": max((r["peak_mb"] for r in good), default=None),
                "workers_peak_mb_max": max((r["workers_peak_mb"] for r in good), default=None),
                "before_mb": good[0]["before_mb"] if good else None, "bytes": good[0]["bytes"] if good else None,
                "terms": good[0]["terms"] if good else None, "errors": [r["error"] for r in results if "error" in r],
            }
    figures["load_average_after"] = load_average()
    return figures


# ---------------------------------------------------------------------------
# Documents and queries
# ---------------------------------------------------------------------------


def documents_of(articles) -> list:
    """SearchDocuments of synthetic articles, as the plugin makes them from rendered posts."""
    from sangrah_search.documents import SearchDocument, entity_names, first_paragraph_text, html_to_text, shorten
    from sangrah_search.documents import load_entities

    kb = load_entities(ROOT / "content" / "entities")
    return [
        SearchDocument(url=a.url, title=a.title, body=html_to_text(a.html), tags=a.tags,
                       entity_names=entity_names(a.entity_ids, kb)[0],
                       date_iso=a.date.isoformat() if a.date else "", date_text=a.date.isoformat() if a.date else "",
                       summary=shorten(first_paragraph_text(a.html)), lang=a.lang)
        for a in articles
    ]


def site_documents_as_articles(output_dir: Path) -> list:
    """The site's own documents in the shape search_queries() reads (no entity ids)."""
    from types import SimpleNamespace

    from sangrah_search.output import read_data_script

    docs = sorted((Path(output_dir) / "search" / "docs").glob("*.js"), key=lambda p: int(p.stem))
    found = []
    for path in docs[:3000]:
        payload = read_data_script(path.read_bytes())["payload"]
        found.append(SimpleNamespace(title=payload["title"], html=payload["body"], entity_ids=()))
    return found


def query_kinds(queries: list[str]) -> dict[str, str]:
    """A rough kind per query, for the per-kind times."""
    kinds = {}
    for q in queries:
        if q.startswith(("+", "title:")):
            kinds[q] = "syntax"
        elif " " in q:
            kinds[q] = "two words"
        elif q.isascii():
            kinds[q] = "latin"
        else:
            kinds[q] = "gujarati"
    return kinds


# ---------------------------------------------------------------------------
# Everything
# ---------------------------------------------------------------------------


def monolithic_file(output_dir: Path, target: Path, documents=None) -> Path:
    """One lunr index of the site as search/index.js used to be: from lunr.py when documents are
    given, else put back together from the split files (the same bytes: tests/search/test_split_ranking.py)."""
    from sangrah_search.output import data_script, read_split_index
    from sangrah_search.pipeline import serialize_index

    if documents is not None:
        from sangrah_search.build import build_index, ordered
        serialized = serialize_index(build_index(ordered(documents)))
    else:
        from sangrah_search.pipeline import _utf16_order
        serialized = read_split_index(Path(output_dir) / "search")
        serialized["invertedIndex"] = sorted(serialized["invertedIndex"], key=_utf16_order)
    target.write_bytes(data_script("index", None, "monolithic", serialized))
    return target


def monolithic_first_query(output_dir: Path, mono_file: Path, first: dict) -> dict:
    """The one-index baseline's first-query bytes: index + store of every document + the same scripts and result files."""
    from sangrah_search.build import to_json
    from sangrah_search.output import js_string, read_data_script

    docs = sorted((Path(output_dir) / "search" / "docs").glob("*.js"), key=lambda p: int(p.stem))
    rows = []
    for path in docs:
        payload = read_data_script(path.read_bytes())["payload"]
        rows.append([payload[k] for k in ("url", "title", "date", "dateText", "summary", "lang")])
    store = f"sangrahSearch.receive(\"store\",null,\"x\",{js_string(to_json({'fields': [], 'docs': rows}))});\n".encode()
    index_gz = gz_size(mono_file.read_bytes())
    store_gz = gz_size(store)
    others = sum(v["gzip_bytes"] for k, v in first["by_kind"].items() if k in ("scripts", "other", "docs"))
    return {"index_bytes": mono_file.stat().st_size, "index_gzip_bytes": index_gz, "store_bytes": len(store),
            "store_gzip_bytes": store_gz, "first_query_gzip_bytes": index_gz + store_gz + others}


def search_figures(output_dir: Path, queries: list[str] | None = None, *, articles=None, monolithic: bool = True,
                   pagefind: bool = True, repeat: int = 3, build_repeat: int = 3, lunr_py_build: bool = True,
                   first_query: str | None = None, workdir: Path | None = None) -> dict:
    """Every search figure of the scale table for the built site in ``output_dir`` (see the module's doc)."""
    from synthetic import search_queries

    output_dir = Path(output_dir)
    figures: dict = {"load_average_before": load_average(), "when": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    if queries is None:
        queries = search_queries(articles if articles is not None else site_documents_as_articles(output_dir), 200)
    figures["queries"] = len(queries)
    figures["split"] = split_sizes(output_dir)
    documents = documents_of(articles) if articles is not None else None

    with tempfile.TemporaryDirectory(prefix="sangrah-scale-search-", dir=workdir) as tmp:
        tmp = Path(tmp)
        mono = monolithic_file(output_dir, tmp / "monolithic.js", None) if monolithic else None
        figures["query_ms"] = node_figures(output_dir / "search", queries, query_kinds(queries), mono, repeat)
        if "ranking" in figures["query_ms"]:
            figures["ranking"] = figures["query_ms"].pop("ranking")

        # A first query a reader might type: a common word (the costly case
        # for loading: its postings are the largest), then for comparison a
        # rare word and two words (other_queries, pasted).
        probe = first_query or queries[0]
        others = other_probes(queries, probe)
        runs = {"typed": [], "pasted": []}
        with _chromium() as browser:
            for _ in range(repeat):
                runs["typed"].append(first_query_bytes(output_dir, probe, typed=True, chromium=browser))
                runs["pasted"].append(first_query_bytes(output_dir, probe, typed=False, chromium=browser))
            figures["first_query"] = {k: _median_run(v) for k, v in runs.items()}
            figures["first_query"]["others"] = {
                kind: _brief(first_query_bytes(output_dir, q, typed=False, chromium=browser)) for kind, q in others.items()}
            if monolithic:
                figures["monolithic"] = monolithic_first_query(output_dir, mono, figures["first_query"]["pasted"])
                figures["monolithic"].update({
                    "load_ms": figures["query_ms"].get("mono_load"), "heap_mb": figures["query_ms"].get("mono_heap_mb"),
                    "query_ms": figures["query_ms"].get("mono_warm")})
            if pagefind and PAGEFIND.exists():
                bundle = tmp / "pagefind"
                figures["pagefind"] = {"index": run_pagefind(output_dir, bundle)}
                pf = {"typed": [], "pasted": []}
                for _ in range(repeat):
                    pf["typed"].append(pagefind_first_query(output_dir, bundle, probe, True, browser))
                    pf["pasted"].append(pagefind_first_query(output_dir, bundle, probe, False, browser))
                figures["pagefind"]["first_query"] = {k: _median_run(v) for k, v in pf.items()}
                figures["pagefind"]["first_query"]["others"] = {
                    kind: _brief(pagefind_first_query(output_dir, bundle, q, False, browser)) for kind, q in others.items()}
    if documents is not None:
        figures["build"] = index_build_figures(documents, build_repeat, lunr_py_build)
    figures["load_average_after"] = load_average()
    return figures


def other_probes(queries: list[str], probe: str) -> dict[str, str]:
    """A rare word and a two-word query from the mix (search_queries puts rare words 20-39, two words from 100)."""
    found = {}
    singles = [q for q in queries[20:40] if " " not in q and q != probe]
    pairs = [q for q in queries if " " in q and not q.startswith(("+", "title:"))]
    if singles:
        found["rare word"] = singles[0]
    if pairs:
        found["two words"] = pairs[0]
    return found


def _brief(run: dict) -> dict:
    return {"query": run["query"], "gzip_bytes": run["gzip_bytes"], "requests": run["requests"],
            "results_shown": run["results_shown"]}


def _median_run(runs: list[dict]) -> dict:
    """The run with the median byte count (the byte counts of repeated runs barely differ)."""
    ordered = sorted(runs, key=lambda r: r["gzip_bytes"])
    chosen = dict(ordered[len(ordered) // 2])
    chosen["gzip_bytes_all"] = [r["gzip_bytes"] for r in runs]
    return chosen


# ---------------------------------------------------------------------------
# Alone: a synthetic site of its own
# ---------------------------------------------------------------------------


def write_posts(articles, posts: Path) -> None:
    """Synthetic articles as Markdown posts (front matter + the HTML body, which Markdown keeps)."""
    import yaml

    posts.mkdir(parents=True, exist_ok=True)
    for article in articles:
        meta = {"title": article.title, "slug": article.slug, "lang": article.lang,
                "tags": list(article.tags), "entities": list(article.entity_ids)}
        if article.date:
            meta["date"] = article.date.isoformat()
            meta["date_source"] = "text"
        else:
            meta["date"] = "1970-01-01"
            meta["date_source"] = "none"
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
        (posts / f"{article.slug}.md").write_text(f"---\n{front}---\n\n{article.html}", encoding="utf-8")


def build_site(articles, workdir: Path) -> tuple[Path, float]:
    """A real Pelican build (pelican.conf.py, search on) of ``articles`` under ``workdir``."""
    from sitebuild import build, make_content

    empty = workdir / "no-dumps"
    empty.mkdir(parents=True, exist_ok=True)
    content = make_content(workdir / "site", dumps_dir=empty)
    write_posts(articles, content / "posts")
    output = workdir / "output"
    started = time.perf_counter()
    build(content, output)
    return output, time.perf_counter() - started


def print_figures(figures: dict) -> None:
    def kb(n):
        return f"{n / 1024:,.1f} KB" if n < 10 * 2 ** 20 else f"{n / 2 ** 20:,.1f} MB"

    rows = []
    first = figures.get("first_query", {})
    for mode in ("typed", "pasted"):
        if mode in first:
            f = first[mode]
            rows.append((f"first query ({mode}) gzip", f"{kb(f['gzip_bytes'])} in {f['requests']} requests "
                         + ", ".join(f"{k} {kb(v['gzip_bytes'])}" for k, v in sorted(f["by_kind"].items()))))
    for kind, f in first.get("others", {}).items():
        rows.append((f"first query, {kind} (pasted)", f"{kb(f['gzip_bytes'])} in {f['requests']} requests ({f['query']})"))
    pf = figures.get("pagefind", {}).get("first_query", {})
    for mode in ("typed", "pasted"):
        if mode in pf:
            rows.append((f"Pagefind first query ({mode})", f"{kb(pf[mode]['gzip_bytes'])} in {pf[mode]['requests']} requests"))
    for kind, f in pf.get("others", {}).items():
        rows.append((f"Pagefind, {kind} (pasted)", f"{kb(f['gzip_bytes'])} in {f['requests']} requests ({f['query']})"))
    if "monolithic" in figures:
        m = figures["monolithic"]
        rows.append(("monolithic first query gzip", kb(m["first_query_gzip_bytes"])))
        rows.append(("monolithic index raw / gzip", f"{kb(m['index_bytes'])} / {kb(m['index_gzip_bytes'])}"))
    q = figures.get("query_ms", {})
    if q:
        rows.append(("split warm query median / p95", f"{q['split_warm']['median_ms']} / {q['split_warm']['p95_ms']} ms"))
        rows.append(("split cold query median / p95", f"{q['split_cold']['median_ms']} / {q['split_cold']['p95_ms']} ms"
                     f" ({q['split_cold']['parts_median']} parts median, {q['split_cold']['parts_max']} max)"))
        if "mono_warm" in q:
            rows.append(("monolithic warm median / p95", f"{q['mono_warm']['median_ms']} / {q['mono_warm']['p95_ms']} ms"))
            rows.append(("monolithic load / heap", f"{q['mono_load']['total_ms']} ms / {q['mono_heap_mb']} MiB"))
    if "ranking" in figures:
        r = figures["ranking"]
        rows.append(("ranking identical", f"{r['identical']} of {r['queries']} queries"))
    b = figures.get("build", {})
    for mode in ("split-cold", "split-warm", "lunr.py"):
        if mode in b and b[mode]["runs"]:
            rows.append((f"index build {mode}", f"{b[mode]['seconds_median']} s (runs {b[mode]['seconds_all']}), "
                         f"peak {b[mode]['peak_mb_max']} MiB"))
    s = figures.get("split", {})
    for kind, v in s.items():
        rows.append((f"{kind} files", f"{v['files']:,}: {kb(v['raw_bytes'])} raw, {kb(v['gzip_bytes'])} gzip; "
                     f"median {v['median_gzip']:,} B gzip, largest {v['max_gzip']:,} B gzip"))
    rows.append(("load average", f"{figures.get('load_average_before')} → {figures.get('load_average_after')}"))
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(name.ljust(width), " ", value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-pagefind", action="store_true")
    parser.add_argument("--no-lunr-py", action="store_true", help="skip lunr.py's build (its time and memory)")
    parser.add_argument("--build-only", action="store_true", help="only the index build figures (no site, no browser)")
    parser.add_argument("--query", help="the first query typed in Chromium (default: the first of the mix)")
    parser.add_argument("--child-build", help=argparse.SUPPRESS)
    parser.add_argument("--documents", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=2, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child_build:
        print(json.dumps(_child_build(args.child_build, args.documents, args.workers)))
        return 0

    from synthetic import synthetic_archive

    print(f"synthetic archive of {args.size:,} articles…", flush=True)
    articles = synthetic_archive(args.size, seed=args.seed)
    if args.build_only:
        figures = {"size": args.size, "build": index_build_figures(documents_of(articles), args.repeat,
                                                                     not args.no_lunr_py)}
    else:
        with tempfile.TemporaryDirectory(prefix="sangrah-scale-site-") as tmp:
            print("building the site with Pelican…", flush=True)
            output, seconds = build_site(articles, Path(tmp))
            print(f"  {seconds:.1f} s; measuring…", flush=True)
            figures = search_figures(output, articles=articles, pagefind=not args.no_pagefind, repeat=args.repeat,
                                     build_repeat=args.repeat, lunr_py_build=not args.no_lunr_py,
                                     first_query=args.query)
            figures["size"] = args.size
            figures["pelican_build_seconds"] = round(seconds, 1)
    print()
    print_figures(figures)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"scale_search-{args.size}.json"
    path.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"\n(figures written to {path.relative_to(ROOT)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
