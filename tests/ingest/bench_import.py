"""Import throughput on 1 and 2 (or more) cores: dumps per second.

    .venv/bin/python tests/ingest/bench_import.py [--copies 8] [--workers 1 2]

Builds a folder of dumps from the held-out corpora (HTML pages, JSON exports,
text dumps), each copied --copies times with a distinct sentence added so
that no copy is a duplicate of another, then times a full import (cache off)
with each worker count. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "tests")]

from sangrah_import.pipeline import ImportSettings, run_import  # noqa: E402

CORPORA = ("html_dumps", "json_dumps", "text_dumps")


def make_dumps(folder: Path, copies: int) -> int:
    count = 0
    for name in CORPORA:
        for source in sorted((ROOT / "tests" / "fixtures" / name).iterdir()):
            if source.name in ("README.md", "expected.json"):
                continue
            data = source.read_bytes()
            for copy in range(copies):
                marker = f"નકલ {copy} {source.stem} ની નોંધ: આ વાક્ય દરેક નકલને જુદી બનાવે છે."
                if source.suffix in (".html", ".htm"):
                    body = data.replace(b"</p>", f" {marker}</p>".encode(), 1)
                elif source.suffix in (".json", ".jsonl"):
                    body = data.replace(b'": "', f'": "{marker} '.encode())
                else:
                    body = data + f"\n\n{marker}\n".encode()
                (folder / f"{source.stem}-{copy}{source.suffix}").write_bytes(body)
                count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=8)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        dumps = root / "content" / "dumps"
        dumps.mkdir(parents=True)
        count = make_dumps(dumps, args.copies)
        print(f"{count} dumps ({', '.join(CORPORA)} x {args.copies})")
        for workers in args.workers:
            posts = root / "content" / f"posts-{workers}"
            settings = ImportSettings(project_dir=root, dumps_dir=dumps, posts_dir=posts, entities_dir=None,
                                      workers=workers, cache=False, progress=False)
            started = time.perf_counter()
            report = run_import(settings)
            seconds = time.perf_counter() - started
            print(f"  {workers} worker(s): {seconds:6.2f} s  {count / seconds:7.1f} dumps/s  {dict(report.counts())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
