"""Search: the split index on a synthetic site, beside one lunr.py index and Pagefind.

    .venv/bin/python bench/bench_search.py [--sizes 1000] [--seed 7] [--repeat 3] [--no-pagefind]

For each size, bench/scale_search.py builds a synthetic site with Pelican
and measures it: bytes of a first query in Chromium (gzip, scripts
included), warm lunr.js query times, ranking against one monolithic index,
the split index's build time and peak memory beside lunr.py's, Pagefind's
first query on the same pages. The figures go to
bench/results/scale_search-<size>.json; bench/bench_scale.py puts the same
figures into the scale table.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-pagefind", action="store_true")
    args, _unknown = parser.parse_known_args()  # make bench passes every benchmark's options
    status = 0
    for size in args.sizes:
        command = [sys.executable, str(HERE / "scale_search.py"), "--size", str(size), "--seed", str(args.seed),
                   "--repeat", str(args.repeat)]
        if args.no_pagefind:
            command.append("--no-pagefind")
        status = status or subprocess.run(command).returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
