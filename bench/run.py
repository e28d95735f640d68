"""`make bench`: run every benchmark in this folder and print its figures.

Benchmarks measure; they assert nothing (speed and size targets are
figures to read, not tests to pass). Each bench_*.py is a script of its own;
this runs them one after another, passing on any arguments
(e.g. `make bench BENCH_ARGS="--only search --sizes 1000"`).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", default=[], help="run only bench_<name>.py (repeatable)")
    args, rest = parser.parse_known_args()
    scripts = sorted(HERE.glob("bench_*.py"))
    if args.only:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in args.only]
    status = 0
    for script in scripts:
        print(f"\n== {script.stem} ==", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script), *rest], cwd=HERE.parent)
        print(f"({script.stem}: {time.perf_counter() - started:.1f} s wall)", flush=True)
        status = status or result.returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
