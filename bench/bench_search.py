"""Search: index build (lunr.py), index size, load and query times (lunr.js under node).

    .venv/bin/python bench/bench_search.py [--sizes 1000 5000] [--seed 7] [--repeat 5]

For each size, a synthetic archive (bench/synthetic.py) goes through the
search plugin's own functions, as a site build does: article HTML → text,
entity ids → names from the KB, lunr.py index, store and body files. The
build runs in a child process, so its peak memory (ru_maxrss) is its own.
Then node loads the written index file as a page would (evaluate the
script, lunr.Index.load) and runs a mix of queries through search.js's own
query code (prefix clauses, AND check, fuzzy retry): common words, rare
words, prefixes as typed, Latin entity names, two-word queries and typos.

Prints a table; writes the figures to bench/results/bench_search.json.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT / "plugins"), str(HERE)]

RESULTS = HERE / "results"

NODE_BENCH = r"""
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

// Load as a page does: the data file is a script calling sangrahSearch.receive
// with the index as a JSON string, which receive parses.
function load () {
  let payload = null
  const t0 = process.hrtime.bigint()
  const source = fs.readFileSync(job.index, 'utf8')
  new Function('sangrahSearch', source)({ receive: (kind, key, version, data) => { payload = JSON.parse(data) } }) // eslint-disable-line no-new-func
  const evaluated = ms(t0)
  const t1 = process.hrtime.bigint()
  const index = lunr.Index.load(payload)
  return { index, evaluate: evaluated, load: ms(t1), total: ms(t0) }
}

// Collected before each load and before measuring: the heap figure is
// what one loaded index holds, not the garbage of earlier loads.
global.gc()
const heapBefore = process.memoryUsage().heapUsed
const loads = []
let index = null
for (let i = 0; i < job.repeat; i++) {
  index = null
  global.gc()
  const got = load()
  index = got.index
  loads.push({ evaluate: got.evaluate, load: got.load, total: got.total })
}
global.gc()
const heap = process.memoryUsage().heapUsed - heapBefore

const timings = {}
const hits = {}
for (const [kind, queries] of Object.entries(job.queries)) {
  timings[kind] = []
  for (const q of queries) {
    core.search(index, lunr, lang, q) // warm-up: the first run compiles and fills caches
    for (let i = 0; i < job.repeat; i++) {
      const t = process.hrtime.bigint()
      const outcome = core.search(index, lunr, lang, q)
      timings[kind].push(ms(t))
      hits[q] = outcome.results.length
    }
  }
}
process.stdout.write(JSON.stringify({ loads, heapOfIndexBytes: heap, timings, hits }))
"""


def child_build(size: int, seed: int, out: Path) -> dict:
    """In the child: make the archive, build the search files as the plugin does, report."""
    from sangrah_search.build import build_search_data
    from sangrah_search.documents import SearchDocument, entity_names, first_paragraph_text, html_to_text, shorten
    from sangrah_search.output import data_files, write_files
    from synthetic import synthetic_archive

    from sangrah_entities import load_knowledge_base

    articles = synthetic_archive(size, seed=seed)
    kb = load_knowledge_base(ROOT / "content" / "entities")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    documents = [
        SearchDocument(
            url=a.url, title=a.title, body=html_to_text(a.html), tags=a.tags,
            entity_names=entity_names(a.entity_ids, kb)[0],
            date_iso=a.date.isoformat() if a.date else "", date_text=a.date.isoformat() if a.date else "",
            summary=shorten(first_paragraph_text(a.html)), lang=a.lang,
        )
        for a in articles
    ]
    text_seconds = time.perf_counter() - started
    data = build_search_data(documents)
    index_seconds = time.perf_counter() - started - text_seconds
    files = data_files(data)
    write_files(out, files)
    total = time.perf_counter() - started
    return {
        "articles": size,
        "words_per_article": round(statistics.mean(a.words for a in articles)),
        "terms": len(data.index["invertedIndex"]),
        "seconds_text": round(text_seconds, 3),
        "seconds_index": round(index_seconds, 3),
        "seconds_total": round(total, 3),
        # ru_maxrss is in KiB on Linux.
        "rss_before_build_mb": round(rss_before / 1024, 1),
        "rss_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def sizes_of(out: Path) -> dict:
    def raw_gz(paths):
        raw = gz = 0
        for path in paths:
            data = path.read_bytes()
            raw += len(data)
            gz += len(gzip.compress(data, compresslevel=6, mtime=0))
        return raw, gz

    index = raw_gz([out / "search" / "index.js"])
    store = raw_gz([out / "search" / "store.js"])
    docs = sorted((out / "search" / "docs").glob("*.js"))
    bodies = raw_gz(docs)
    return {
        "index_bytes": index[0], "index_gzip_bytes": index[1],
        "store_bytes": store[0], "store_gzip_bytes": store[1],
        "doc_files": len(docs), "doc_mean_bytes": round(bodies[0] / max(1, len(docs))),
        "doc_mean_gzip_bytes": round(bodies[1] / max(1, len(docs))),
    }


def query_mix(size: int, seed: int) -> dict[str, list[str]]:
    """Queries drawn from the same archive: frequent and rare words, prefixes, names, typos."""
    from sangrah_lang import is_stop_word, stem
    from synthetic import synthetic_archive, vocabulary

    from sangrah_search.documents import html_to_text

    articles = synthetic_archive(size, seed=seed)
    # Document frequency of index terms (stems), and the most common
    # surface form of each: a query is typed as a word, it matches as a stem.
    df: Counter = Counter()
    forms: dict[str, Counter] = {}
    for article in articles:
        seen = set()
        for word in html_to_text(article.html).split():
            word = word.strip(".,").lower()
            if len(word) < 3 or word.isdigit() or is_stop_word(word):
                continue
            term = stem(word)
            forms.setdefault(term, Counter())[word] += 1
            seen.add(term)
        df.update(seen)
    by_df = [term for term, _ in df.most_common()]
    common = [forms[t].most_common(1)[0][0] for t in by_df[:10]]
    # Ties broken by a hash, not the alphabet (which would put English first).
    rare = [forms[t].most_common(1)[0][0]
            for t in sorted(by_df, key=lambda t: (df[t], hashlib.sha256(t.encode()).hexdigest()))[:10]]
    prefixes = [w[:n] for w in common[:5] for n in (2, 3)]
    mentioned = Counter(e for a in articles for e in a.entity_ids)
    names = {e[0]: e[2] for e in vocabulary().entities}
    latin = [names[e].lower() for e, _ in mentioned.most_common(10) if e in names]
    pairs = [f"{common[i]} {rare[i]}" for i in range(5)] + [f"{common[i]} {common[i + 5]}" for i in range(5)]
    # One letter changed in the middle: nothing matches exactly, the fuzzy retry runs.
    typos = []
    for w in common[:10]:
        middle = len(w) // 2
        typos.append(w[:middle] + ("ા" if w[middle] != "ા" else "ી") + w[middle + 1:])
    return {"common": common, "rare": rare, "prefix": prefixes, "latin": latin, "two words": pairs,
            "typo": [t for t in typos if stem(t) not in df]}  # still a typo after stemming


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run_size(size: int, seed: int, repeat: int, node: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="sangrah-bench-search-") as tmp:
        out = Path(tmp) / "output"
        child = subprocess.run([sys.executable, __file__, "--child-build", str(size), "--seed", str(seed),
                                "--out", str(out)], capture_output=True, text=True, check=True)
        built = json.loads(child.stdout.strip().splitlines()[-1])
        figures = {**built, **sizes_of(out)}
        queries = query_mix(size, seed)
        job = Path(tmp) / "job.json"
        job.write_text(json.dumps({"index": str(out / "search" / "index.js"), "queries": queries,
                                   "repeat": repeat}, ensure_ascii=False), "utf-8")
        script = Path(tmp) / "bench.js"
        script.write_text(NODE_BENCH, "utf-8")
        ran = subprocess.run([node, "--expose-gc", str(script), str(ROOT), str(job)],
                             capture_output=True, text=True, check=True)
        answer = json.loads(ran.stdout)
    loads = answer["loads"]
    every = [t for times in answer["timings"].values() for t in times]
    figures.update({
        "load_evaluate_ms": round(statistics.median(x["evaluate"] for x in loads), 1),
        "load_index_ms": round(statistics.median(x["load"] for x in loads), 1),
        "load_total_ms": round(statistics.median(x["total"] for x in loads), 1),
        "node_heap_of_index_mb": round(answer["heapOfIndexBytes"] / 2 ** 20, 1),
        "query_median_ms": round(statistics.median(every), 2),
        "query_p95_ms": round(percentile(every, 0.95), 2),
        "queries": {kind: {"median_ms": round(statistics.median(times), 2), "p95_ms": round(percentile(times, 0.95), 2),
                           "examples": queries[kind][:3],
                           "mean_hits": round(statistics.mean(answer["hits"][q] for q in queries[kind]), 1)}
                    for kind, times in answer["timings"].items() if times},
    })
    return figures


def kib(n: int) -> str:
    return f"{n / 1024:,.0f} KiB" if n < 10 * 2 ** 20 else f"{n / 2 ** 20:,.1f} MiB"


def print_table(rows: list[dict]) -> None:
    lines = [
        ("articles", lambda r: f"{r['articles']:,}"),
        ("words per article", lambda r: f"{r['words_per_article']}"),
        ("distinct index terms", lambda r: f"{r['terms']:,}"),
        ("lunr.py build (s)", lambda r: f"{r['seconds_total']:.1f} (text {r['seconds_text']:.1f}, index {r['seconds_index']:.1f})"),
        ("build peak RSS", lambda r: f"{r['rss_peak_mb']:.0f} MiB (before {r['rss_before_build_mb']:.0f})"),
        ("index.js raw / gzip", lambda r: f"{kib(r['index_bytes'])} / {kib(r['index_gzip_bytes'])}"),
        ("store.js raw / gzip", lambda r: f"{kib(r['store_bytes'])} / {kib(r['store_gzip_bytes'])}"),
        ("body file mean raw / gzip", lambda r: f"{r['doc_mean_bytes']:,} B / {r['doc_mean_gzip_bytes']:,} B"),
        ("lunr.js load (ms)", lambda r: f"{r['load_total_ms']:.0f} (parse {r['load_evaluate_ms']:.0f} + Index.load {r['load_index_ms']:.0f})"),
        ("node heap of the index", lambda r: f"{r['node_heap_of_index_mb']:.0f} MiB"),
        ("query median / p95 (ms)", lambda r: f"{r['query_median_ms']:.2f} / {r['query_p95_ms']:.2f}"),
    ]
    kinds = sorted({k for r in rows for k in r["queries"]})
    for kind in kinds:
        lines.append((f"  {kind} median / p95", lambda r, k=kind: (
            f"{r['queries'][k]['median_ms']:.2f} / {r['queries'][k]['p95_ms']:.2f}" if k in r["queries"] else "-")))
    width = max(len(name) for name, _ in lines)
    columns = [[cell(r) for r in rows] for _, cell in lines]
    col_width = max(len(v) for values in columns for v in values)
    for (name, _), values in zip(lines, columns):
        print(name.ljust(width) + "  " + "  ".join(v.rjust(col_width) for v in values))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5, help="loads and runs of each query")
    parser.add_argument("--child-build", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args, _unknown = parser.parse_known_args()  # make bench passes every benchmark's options

    if args.child_build:
        print(json.dumps(child_build(args.child_build, args.seed, args.out)))
        return 0

    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "lunr").is_dir():
        print("bench_search: needs node and node_modules/lunr (make setup)")
        return 1
    rows = []
    for size in args.sizes:
        print(f"building and measuring {size:,} articles…", flush=True)
        rows.append(run_size(size, args.seed, args.repeat, node))
    print()
    print_table(rows)
    RESULTS.mkdir(exist_ok=True)
    report = {"benchmark": "search", "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "seed": args.seed, "repeat": args.repeat, "node": subprocess.run(
                  [node, "--version"], capture_output=True, text=True).stdout.strip(),
              "python": sys.version.split()[0], "cpus": os.cpu_count(), "sizes": rows}
    path = RESULTS / "bench_search.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"\n(figures written to {path.relative_to(ROOT)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
