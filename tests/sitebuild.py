"""Build real sites for tests: Pelican on a copy of the content, in a temp dir.

Tests never write into the repository's own content/ or output/: each build
gets a fresh copy of the dumps (and entity data) next to its own output.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def make_content(tmp: Path, dumps: list[Path] | None = None, dumps_dir: Path | None = None) -> Path:
    """A content folder under ``tmp`` holding the given dumps (default: the samples)."""
    content = tmp / "content"
    (content / "dumps").mkdir(parents=True, exist_ok=True)
    (content / "posts").mkdir(exist_ok=True)
    if dumps is None and dumps_dir is None:
        dumps_dir = ROOT / "content" / "dumps"
    if dumps_dir is not None:
        shutil.copytree(dumps_dir, content / "dumps", dirs_exist_ok=True)
    for dump in dumps or []:
        shutil.copy2(dump, content / "dumps" / dump.name)
    for extra in ("entities", "pages"):
        if (ROOT / "content" / extra).is_dir():
            shutil.copytree(ROOT / "content" / extra, content / extra, dirs_exist_ok=True)
    return content


def build(content: Path, output: Path, config: str = "pelican.conf.py", siteurl: str | None = None,
          extra: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run the real `pelican` on ``content`` into ``output``."""
    env = dict(os.environ)
    if siteurl is not None:
        env["SITEURL"] = siteurl
    command = [PYTHON, "-m", "pelican", str(content), "-s", str(ROOT / config), "-o", str(output)]
    if extra:
        # pelican keeps only the last -e option: all settings go in one.
        command += ["-e", *(f"{key}={value}" for key, value in extra.items())]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"pelican failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def run_import(content: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run `python -m sangrah_import` on ``content`` (settings: pelican.conf.py)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"))
    command = [PYTHON, "-m", "sangrah_import", "-s", str(ROOT / "pelican.conf.py"), "--content", str(content), *args]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"import failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result
