"""The language rules as a script for the browser.

Pages of the archive are opened from file:// too, where fetch() of a JSON file
is refused; a classic script that defines a global works everywhere. The
build writes it next to sangrah-lang.js, which reads the global.
"""

from __future__ import annotations

import json
from pathlib import Path

from .normalize import RULES_PATH

GLOBAL_NAME = "SANGRAH_LANGUAGE_RULES"
SCRIPT_NAME = "sangrah-rules.js"


def rules_script() -> str:
    """JavaScript source that sets ``SANGRAH_LANGUAGE_RULES`` to language.json."""
    rules = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    # ASCII only (\u escapes): the file then reads the same whatever charset
    # the browser assumes for it.
    body = json.dumps(rules, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
    return (
        "/* Generated from plugins/sangrah_lang/language.json by the build: do not edit. */\n"
        f"var {GLOBAL_NAME} = {body};\n"
    )


def write_rules_script(directory: Path | str) -> Path:
    """Write ``sangrah-rules.js`` into ``directory``; returns its path."""
    path = Path(directory) / SCRIPT_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(rules_script(), encoding="ascii")
    return path
