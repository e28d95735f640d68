"""A node process running sangrah-lang.js for the search tests.

The browser side is tested under node with the lunr.js that the site ships
(node_modules/lunr, installed by `make test` from package-lock.json). One
process serves a whole test session; requests and answers are JSON lines.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
JS_DIR = Path(__file__).resolve().parent / "js"


def node_or_fail() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to test the browser side of search (sangrah-lang.js)")
    if not (ROOT / "node_modules" / "lunr" / "lunr.js").exists():
        pytest.fail("node_modules/lunr is missing: run `npm ci` (make test does)")
    return node


class NodeDriver:
    """A long-lived `node tests/search/js/<script>` answering JSON lines."""

    def __init__(self, script: str):
        self.process = subprocess.Popen(
            [node_or_fail(), str(JS_DIR / script)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            cwd=ROOT,
        )

    def call(self, op: str, **arguments):
        request = json.dumps({"op": op, **arguments}, ensure_ascii=False)
        self.process.stdin.write(request + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"node driver exited (code {self.process.poll()})")
        reply = json.loads(line)
        if "error" in reply:
            raise RuntimeError("node: " + reply["error"])
        return reply["ok"]

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)
