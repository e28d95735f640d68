"""Scale: sangrah against stock Pelican on the same synthetic archive, and the search figures.

    make bench BENCH_ARGS="--only scale"                      # 1,000 articles, quick
    make bench BENCH_ARGS="--only scale --sizes 10000"        # the table
    make bench BENCH_ARGS="--only scale --sizes 50000"        # one cold build: time and peak memory

For each size N, in a scratch folder:

1. synthetic dumps: ``bench/synthetic.write_dumps`` (N articles plus a few
   held back, each added later as "one new dump");
2. **sangrah, cold**: ``pelican`` with pelican.conf.py on a content folder
   with only the dumps (no posts, no caches, empty output): import, entities,
   pages, search index. Wall time and the build's peak memory (the sum over
   its process tree, sampled), median of ``--repeat`` runs, each followed
   by a cold build of stock Pelican (step 4), so that the two take turns
   and each pair's ratio is printed too;
3. **sangrah, one dump added**: a held-back dump copied in, the same build
   again over the same folders (each repeat adds another dump);
4. **stock Pelican** on the posts the import wrote: Pelican 4.12, its default
   theme and settings, plus pelican-yaml-metadata to read the posts' front
   matter (and FILENAME_METADATA off: a slug such as "2024-06-469-…" makes
   stock Pelican read a date from the file name and fail on that post);
   cold, then with its content cache on: a first build to fill it and a
   rebuild after adding the same new post sangrah got;
5. the largest HTML page of either site;
6. the search figures: ``bench/scale_search.search_figures`` (the search
   side's module) on the cold build's output (the same synthetic articles).

Sizes of 50,000 and more run step 2 once and report time and peak memory
(``--table`` runs everything there too). Every timing is the median of
``--repeat`` runs and comes with the load average it was measured under:
the machine has 2 cores and may be shared.

Results: printed, and written to bench/results/bench_scale-<N>.json and a
chart bench/results/bench_scale-<N>.svg (drawn here, no plotting library).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for extra in (ROOT / "plugins", HERE, ROOT / "tests"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

import scale_search  # noqa: E402
from scale_search import load_average  # noqa: E402
from synthetic import synthetic_archive, write_dumps  # noqa: E402

RESULTS = HERE / "results"
PYTHON = sys.executable
# The targets of the scale issue (figure -> (target, what the baseline is)).
TARGETS = {
    "full_build": "≤ 1.5 × stock Pelican",
    "rebuild": "≤ 0.3 × the cold build (Pelican's cache: 0.8 ×)",
    "largest_page": "≤ 500 KB",
    "large_run": "completes, peak memory reported (lunr.py alone: 6.9 GB at 50,000)",
}
LARGE = 50_000
HELD_BACK = 5  # dumps written beyond N, added one per rebuild
STOCK_SETTINGS = '''# Stock Pelican 4.12: default theme and settings, plus what reading the same posts needs.
PATH = "content"
PLUGINS = ["pelican.plugins.yaml_metadata"]
# A slug like "2024-06-469-..." (digits of an image caption) would be read as a date and fail.
FILENAME_METADATA = ""
'''


# -- memory of a process tree ---------------------------------------------------------------


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: the parent pid follows the last ')'.
        fields = stat[stat.rfind(b")") + 2:].split()
        children.setdefault(int(fields[1]), []).append(int(entry))
    return children


def _tree(pid: int) -> list[int]:
    children = _children_map()
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def _memory_of(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes of one process; PSS shares pages among the processes that map them."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, pss


class TreeMemory:
    """Samples a process tree's memory every ``interval`` seconds while it runs.

    Reports the peak of the tree's summed PSS (each page counted once, shared
    pages split among the forked workers that share them: what the build
    really holds), of its summed RSS (shared pages counted in every process:
    an upper bound), and the largest single process.

    Once a second: reading smaps_rollup walks a process's page tables under
    its memory lock, and four times a second it cost some 10 s of system CPU
    over a two-minute build of several processes (measured), time taken
    from the build being timed; a build's memory peak lasts longer than a
    second.
    """

    def __init__(self, pid: int, interval: float = 1.0):
        self.pid, self.interval = pid, interval
        self.peak_pss = self.peak_rss = self.peak_single = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            total_rss = total_pss = 0
            for pid in _tree(self.pid):
                rss, pss = _memory_of(pid)
                total_rss += rss
                total_pss += pss
                self.peak_single = max(self.peak_single, rss)
            self.peak_rss = max(self.peak_rss, total_rss)
            self.peak_pss = max(self.peak_pss, total_pss)
            self._stop.wait(self.interval)

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        mib = 2 ** 20
        return {"peak_pss_mib": round(self.peak_pss / mib), "peak_rss_sum_mib": round(self.peak_rss / mib),
                "peak_single_process_mib": round(self.peak_single / mib)}


# -- running builds -------------------------------------------------------------------------

_TIMELINE = re.compile(r"^sangrah build: (start\+import .*)$", re.M)
_PAGES = re.compile(r"^sangrah build: (\d+) pages: (.*)$", re.M)


def run_build(command: list[str], cwd: Path, log: Path) -> dict:
    """Run one build; its wall time, peak memory, load average and the sangrah lines it printed."""
    before = load_average()
    started = time.perf_counter()
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        memory = TreeMemory(process.pid)
        status = process.wait()
        seconds = time.perf_counter() - started
        figures = memory.stop()
    text = log.read_text("utf-8", errors="replace")
    if status != 0:
        raise RuntimeError(f"build failed ({status}): {' '.join(command)}\n{text[-3000:]}")
    figures.update({"seconds": round(seconds, 2), "load_average": [before, load_average()]})
    timeline = _TIMELINE.search(text)
    if timeline:
        figures["phases"] = {name: float(value) for name, value in
                             re.findall(r"([\w+]+) ([\d.]+) s", timeline.group(1))}
    pages = _PAGES.search(text)
    if pages:
        figures["pages"] = f"{pages.group(1)} pages: {pages.group(2)}"
    return figures


def snapshot_code(work: Path) -> Path:
    """A copy of the code the builds run (plugins, theme, settings), taken once.

    Every build of a run uses it, so an edit to the repository while a
    benchmark runs (its caches are keyed by the code) cannot turn an
    incremental build into a cold one halfway through.
    """
    code = work / "code"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("plugins", "theme"):
        shutil.copytree(ROOT / folder, code / folder, ignore=ignore)
    for name in ("pelican.conf.py", "publish.conf.py"):
        shutil.copy2(ROOT / name, code / name)
    (code / "node_modules").symlink_to(ROOT / "node_modules")
    return code


def sangrah_command(code: Path, content: Path, output: Path) -> list[str]:
    return [PYTHON, "-m", "pelican", str(content), "-s", str(code / "pelican.conf.py"), "-o", str(output)]


def stock_command(site: Path, output: Path, cached: bool) -> list[str]:
    command = [PYTHON, "-m", "pelican", str(site / "content"), "-s", str(site / "stock.conf.py"), "-o", str(output)]
    if cached:
        # Pelican's content cache, its other settings as they come (GZIP_CACHE on).
        command += ["-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true", f'CACHE_PATH="{site / "cache"}"']
    return command


def fresh_site(folder: Path, dumps: list[Path]) -> Path:
    """A content folder of these dumps (and the knowledge base and pages), nothing else."""
    from sitebuild import make_content

    if folder.exists():
        shutil.rmtree(folder)
    content = make_content(folder, dumps=[])
    for dump in dumps:
        shutil.copy2(dump, content / "dumps" / dump.name)
    return content


def median_run(runs: list[dict]) -> dict:
    """The run of median wall time, with every run's time beside it."""
    ordered = sorted(runs, key=lambda r: r["seconds"])
    chosen = dict(ordered[len(ordered) // 2])
    chosen["seconds_all"] = [r["seconds"] for r in runs]
    chosen["seconds_median"] = round(statistics.median(r["seconds"] for r in runs), 2)
    return chosen


def largest_html(output: Path) -> dict:
    largest, where = 0, None
    count = 0
    for path in output.rglob("*.html"):
        count += 1
        size = path.stat().st_size
        if size > largest:
            largest, where = size, path.relative_to(output).as_posix()
    return {"bytes": largest, "path": where, "html_files": count}


# -- one size -------------------------------------------------------------------------------


def measure(size: int, repeat: int, work: Path, table: bool, search: bool, seed: int) -> dict:
    results: dict = {"size": size, "repeat": repeat, "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                     "machine": {"cores": os.cpu_count(), "python": platform.python_version()}}
    dumps_dir = work / "all-dumps"
    print(f"[{size:,}] writing {size:,} synthetic dumps (+{HELD_BACK} held back) ...", flush=True)
    started = time.perf_counter()
    # One archive for the dumps and the search figures (its first ``size``
    # articles are those of ``synthetic_archive(size, seed)``).
    articles = synthetic_archive(size + HELD_BACK, seed)
    paths = write_dumps(dumps_dir, size + HELD_BACK, articles=articles)
    results["dumps_seconds"] = round(time.perf_counter() - started, 1)
    base, extra = paths[:size], paths[size:]
    code = snapshot_code(work)

    # Cold builds, sangrah and stock Pelican in turn (S T S T ...), so that a
    # drift in the machine's speed falls on both; each in a folder of its
    # own, nothing deleted between them (on a file system without a journal,
    # ext4 skips inodes freed in the last minutes one by one when it makes a
    # file: a build right after deleting the last one's 40,000 files pays
    # seconds for it).
    cold_runs = []
    stock_runs = []
    runs = repeat if table else 1
    stock = work / "stock"
    for attempt in range(runs):
        site = work / f"sangrah-{attempt}"
        content = fresh_site(site, base)
        output = site / "output"
        print(f"[{size:,}] sangrah cold build {attempt + 1}/{runs} ...", flush=True)
        cold_runs.append(run_build(sangrah_command(code, content, output), code, work / f"sangrah-cold-{attempt}.log"))
        print(f"    {cold_runs[-1]['seconds']} s, peak {cold_runs[-1]['peak_pss_mib']} MiB (PSS), "
              f"load {cold_runs[-1]['load_average']}", flush=True)
        if not table:
            continue
        if attempt == 0:
            # Stock Pelican reads the posts of the first cold build (the added posts come later, one per rebuild).
            if stock.exists():
                shutil.rmtree(stock)
            (stock / "content").mkdir(parents=True)
            (stock / "stock.conf.py").write_text(STOCK_SETTINGS, "utf-8")
            for post in sorted((content / "posts").glob("*.md")):
                shutil.copy2(post, stock / "content" / post.name)
        out = stock / f"output-{attempt}"
        print(f"[{size:,}] stock Pelican cold build {attempt + 1}/{runs} ...", flush=True)
        stock_runs.append(run_build(stock_command(stock, out, cached=False), stock, work / f"stock-cold-{attempt}.log"))
        print(f"    {stock_runs[-1]['seconds']} s", flush=True)
        results["stock_largest_page"] = largest_html(out)
    results["sangrah_cold"] = median_run(cold_runs)
    results["largest_page"] = largest_html(site / "output")
    posts = sorted((content / "posts").glob("*.md"))
    results["posts"] = len(posts)
    if not table:
        return results
    results["stock_cold"] = median_run(stock_runs)
    results["cold_ratios"] = [round(ours["seconds"] / theirs["seconds"], 3) for ours, theirs in zip(cold_runs, stock_runs)]

    # sangrah, one dump added: over the last cold build's folders.
    added_runs = []
    added_posts = []
    for attempt, dump in enumerate(extra[:repeat]):
        before = {p.name for p in (content / "posts").glob("*.md")}
        shutil.copy2(dump, content / "dumps" / dump.name)
        print(f"[{size:,}] sangrah rebuild after adding {dump.name} ...", flush=True)
        added_runs.append(run_build(sangrah_command(code, content, output), code, work / f"sangrah-added-{attempt}.log"))
        new = sorted({p.name for p in (content / "posts").glob("*.md")} - before)
        added_posts += [content / "posts" / name for name in new]
        print(f"    {added_runs[-1]['seconds']} s ({added_runs[-1].get('pages', '')})", flush=True)
    results["sangrah_added"] = median_run(added_runs)
    results["largest_page_after_rebuilds"] = largest_html(output)

    # Stock Pelican with its content cache: fill it, then add the posts one by one.
    out = stock / "output-cached"
    print(f"[{size:,}] stock Pelican with its cache: first build ...", flush=True)
    results["stock_cache_fill"] = run_build(stock_command(stock, out, cached=True), stock, work / "stock-fill.log")
    stock_added = []
    for attempt, post in enumerate(added_posts[:repeat]):
        shutil.copy2(post, stock / "content" / post.name)
        print(f"[{size:,}] stock Pelican rebuild after adding {post.name} ...", flush=True)
        stock_added.append(run_build(stock_command(stock, out, cached=True), stock, work / f"stock-added-{attempt}.log"))
        print(f"    {stock_added[-1]['seconds']} s", flush=True)
    if stock_added:
        results["stock_added"] = median_run(stock_added)

    if search:
        results["search"] = search_rows(output, articles[:size], repeat, work)
    return results


def search_rows(output: Path, articles, repeat: int, work: Path) -> dict:
    """The search side's figures (bench/scale_search.py), or why there are none."""
    print(f"[{len(articles):,}] search figures (bench/scale_search.py) ...", flush=True)
    try:
        figures = scale_search.search_figures(output, articles=articles, repeat=repeat,
                                              build_repeat=repeat, workdir=work)
    except Exception as error:  # noqa: BLE001 - the build figures stand without the search ones
        return {"status": f"failed: {type(error).__name__}: {error}"}
    figures["status"] = "measured"
    return figures


# -- the table ------------------------------------------------------------------------------


def _mb(n: float) -> str:
    return f"{n / 2 ** 20:,.1f} MiB" if n >= 2 ** 20 else f"{n / 1024:,.1f} KiB"


def table_rows(r: dict) -> list[tuple[str, str, str, str]]:
    """(figure, sangrah, baseline, target) rows of one size's results."""
    rows = []
    cold = r["sangrah_cold"]
    if "stock_cold" in r:
        stock = r["stock_cold"]["seconds_median"]
        ratio = cold["seconds_median"] / stock
        pairs = r.get("cold_ratios") or []
        in_turn = f" (in turn: {', '.join(f'{x:.2f}' for x in pairs)} ×)" if len(pairs) > 1 else ""
        rows.append(("full build from dumps (import, entities, render, index)",
                     f"{cold['seconds_median']} s = {ratio:.2f} × stock{in_turn}", f"stock Pelican {stock} s",
                     TARGETS["full_build"]))
    if "sangrah_added" in r:
        added = r["sangrah_added"]["seconds_median"]
        stock_line = "—"
        if "stock_added" in r:
            stock_added = r["stock_added"]["seconds_median"]
            stock_line = (f"Pelican's cache: {stock_added} s = "
                          f"{stock_added / r['stock_cold']['seconds_median']:.2f} × its cold build")
        rows.append(("rebuild after adding one dump", f"{added} s = {added / cold['seconds_median']:.2f} × cold",
                     stock_line, TARGETS["rebuild"]))
    largest = r["largest_page"]
    stock_page = r.get("stock_largest_page")
    rows.append(("largest HTML page", f"{_mb(largest['bytes'])} ({largest['path']})",
                 f"stock: {_mb(stock_page['bytes'])} ({stock_page['path']})" if stock_page else "—",
                 TARGETS["largest_page"]))
    rows.append((f"peak memory of the cold build ({r['size']:,})",
                 f"{cold['peak_pss_mib']:,} MiB PSS (RSS summed {cold['peak_rss_sum_mib']:,}, "
                 f"largest process {cold['peak_single_process_mib']:,})", "lunr.py alone: 6.9 GB at 50,000",
                 TARGETS["large_run"] if r["size"] >= LARGE else "—"))
    search = r.get("search")
    if search is not None:
        rows += search_table_rows(search)
    return rows


def search_table_rows(s: dict) -> list[tuple[str, str, str, str]]:
    if s.get("status") != "measured":
        status = s.get("status", "pending")
        return [(name, status, "", target) for name, target in (
            ("first-query bytes (gzip, scripts included)", "≤ 200 KB"),
            ("query time in lunr.js, warm, median / p95", "≤ 10 / ≤ 50 ms"),
            ("ranking identical to one lunr.py index", "200 of 200 queries"),
            ("index build time / peak", "≤ 60 s, ≤ 2 GB"))]
    rows = []
    first = s.get("first_query", {})
    pagefind = s.get("pagefind", {}).get("first_query", {})
    mono = s.get("monolithic", {})
    for mode in ("typed", "pasted"):
        if mode in first:
            base = [f"Pagefind {_mb(pagefind[mode]['gzip_bytes'])}"] if mode in pagefind else []
            if mono.get("first_query_gzip_bytes"):
                base.append(f"monolithic lunr {_mb(mono['first_query_gzip_bytes'])}")
            rows.append((f"first-query bytes, {mode} (gzip, scripts included)", _mb(first[mode]["gzip_bytes"]),
                         ", ".join(base), "≤ 200 KB"))
    q = s.get("query_ms", {})
    if "split_warm" in q:
        mono_q = q.get("mono_warm")
        rows.append(("query time in lunr.js, warm, median / p95",
                     f"{q['split_warm']['median_ms']} / {q['split_warm']['p95_ms']} ms",
                     f"monolithic {mono_q['median_ms']} / {mono_q['p95_ms']} ms" if mono_q else "—",
                     "≤ 10 / ≤ 50 ms"))
    if "ranking" in s:
        rows.append(("ranking identical to one lunr.py index", f"{s['ranking']['identical']} of {s['ranking']['queries']}",
                     "—", "all of 200"))
    b = s.get("build", {})
    if "split-cold" in b:
        lunr = b.get("lunr.py", {})
        rows.append(("index build time / peak", f"{b['split-cold']['seconds_median']} s / {b['split-cold']['peak_mb_max']} MiB",
                     f"lunr.py {lunr.get('seconds_median')} s / {lunr.get('peak_mb_max')} MiB" if lunr.get("runs") else "—",
                     "≤ 60 s, ≤ 2 GB"))
    return rows


def print_table(r: dict) -> None:
    rows = table_rows(r)
    header = ("figure", f"sangrah ({r['size']:,} articles)", "baseline (same run)", "target")
    widths = [max(len(str(row[i])) for row in rows + [header]) for i in range(4)]
    print()
    for row in [header, tuple("-" * w for w in widths)] + rows:
        print(" | ".join(str(cell).ljust(width) for cell, width in zip(row, widths)))
    cold = r["sangrah_cold"]
    print(f"\ncold build phases (median run): {cold.get('phases')}; {cold.get('pages', '')}")
    if "sangrah_added" in r:
        print(f"rebuild phases (median run): {r['sangrah_added'].get('phases')}; {r['sangrah_added'].get('pages', '')}")
    loads = [run["load_average"] for key in ("sangrah_cold", "sangrah_added", "stock_cold", "stock_added") if key in r
             for run in [r[key]]]
    print(f"load average (1, 5, 15 min) before → after the median runs: {loads}")


# -- the chart ------------------------------------------------------------------------------


def _esc(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def chart_svg(r: dict) -> str:
    """Each figure as two bars, sangrah and its baseline, scaled to the larger; the target as a line."""
    groups = []  # (title, [(label, value, unit text)], target value or None)
    if "stock_cold" in r:
        groups.append(("Full build from dumps (s)", [("sangrah", r["sangrah_cold"]["seconds_median"]),
                                                     ("stock Pelican", r["stock_cold"]["seconds_median"])],
                       1.5 * r["stock_cold"]["seconds_median"], "1.5 × stock"))
    if "sangrah_added" in r:
        bars = [("sangrah", r["sangrah_added"]["seconds_median"])]
        if "stock_added" in r:
            bars.append(("stock Pelican, cached", r["stock_added"]["seconds_median"]))
        groups.append(("Rebuild after one new dump (s)", bars, 0.3 * r["sangrah_cold"]["seconds_median"],
                       "0.3 × sangrah cold"))
    page_bars = [("sangrah", round(r["largest_page"]["bytes"] / 1024, 1))]
    if "stock_largest_page" in r:
        page_bars.append(("stock Pelican", round(r["stock_largest_page"]["bytes"] / 1024, 1)))
    groups.append(("Largest HTML page (KB)", page_bars, 500, "500 KB"))
    groups.append(("Peak memory of the cold build (MiB)", [("sangrah (PSS)", r["sangrah_cold"]["peak_pss_mib"]),
                                                            ("lunr.py alone at 50,000", 6.9 * 1000 ** 3 / 2 ** 20)],
                   None, None))

    width, left, bar_h, gap, top = 760, 210, 22, 34, 50
    height = top + sum(len(b) * (bar_h + 4) + gap + 18 for _, b, _, _ in groups) + 20
    plot = width - left - 150
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="#fff"/>',
           f'<text x="10" y="24" font-size="15" font-weight="bold">sangrah at {r["size"]:,} articles '
           f'(bench_scale, {r["when"][:10]}; medians of {r["repeat"]} runs)</text>']
    y = top
    for title, bars, target, target_label in groups:
        out.append(f'<text x="10" y="{y + 12}" font-weight="bold">{_esc(title)}</text>')
        y += 18
        scale = max([v for _, v in bars] + ([target] if target else [])) or 1
        first_y = y
        for index, (label, value) in enumerate(bars):
            length = max(1.0, plot * value / scale)
            color = "#1f6f8b" if index == 0 else "#b5b5b5"
            out.append(f'<text x="{left - 8}" y="{y + bar_h - 7}" text-anchor="end">{_esc(label)}</text>')
            out.append(f'<rect x="{left}" y="{y}" width="{length:.1f}" height="{bar_h}" fill="{color}"/>')
            out.append(f'<text x="{left + length + 6:.1f}" y="{y + bar_h - 7}">{value:,.1f}</text>')
            y += bar_h + 4
        if target:
            x = left + plot * target / scale
            out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{first_y - 4}" y2="{y}" stroke="#c0392b" '
                       f'stroke-width="2" stroke-dasharray="4 3"/>')
            out.append(f'<text x="{x + 4:.1f}" y="{first_y - 6}" fill="#c0392b" font-size="11">target: {_esc(target_label)}</text>')
        y += gap
    out.append("</svg>")
    return "\n".join(out) + "\n"


# -- main -----------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000", help="comma-separated archive sizes (default: 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (median reported)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--table", action="store_true", help=f"the whole table even at {LARGE:,} and more")
    parser.add_argument("--no-search", action="store_true", help="skip the search figures")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (its path is printed)")
    parser.add_argument("--workdir", help="where the scratch folder goes (default: the system's temp folder)")
    args, _ = parser.parse_known_args()  # bench/run.py passes every benchmark the same arguments

    RESULTS.mkdir(parents=True, exist_ok=True)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    for size in sizes:
        if args.workdir:
            Path(args.workdir).mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f"sangrah-bench-scale-{size}-", dir=args.workdir))
        table = args.table or size < LARGE
        try:
            results = measure(size, max(1, args.repeat), work, table, search=table and not args.no_search,
                              seed=args.seed)
        finally:
            if args.keep:
                print(f"scratch folder kept: {work}")
            else:
                shutil.rmtree(work, ignore_errors=True)
        print_table(results)
        stem = RESULTS / f"bench_scale-{size}"
        stem.with_suffix(".json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
        stem.with_suffix(".svg").write_text(chart_svg(results), "utf-8")
        print(f"\nwritten: {stem.with_suffix('.json')}, {stem.with_suffix('.svg')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
