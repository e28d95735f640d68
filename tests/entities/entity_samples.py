"""The two sample dumps as the import will hand them to the recognizer.

STAND-IN FOR THE IMPORT (plugins/sangrah_import): until the entity tests are
pointed at the real cleaner, ``cleaned_sample`` drops the scraping noise of
these two dumps with the smallest rules that do it — the lines the gold
fixture lists as noise (SEO keyword trailers, hashtags, the caption of
another story, "આ પણ વાંચો" links, an ad line, the section label) — and
takes the Gujarati headline as the title. It is not a general cleaner.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from sangrah_entities import Document

ROOT = Path(__file__).resolve().parents[2]
DUMPS = ROOT / "content" / "dumps"
GOLD = json.loads((ROOT / "tests" / "fixtures" / "gold_samples.json").read_text(encoding="utf-8"))
KB_DIR = ROOT / "content" / "entities"

_NOISE_LINE = re.compile(
    r"^(#|.*\|.*\||Top Stories|Copy of |whatsapp ad|આ પણ વાંચો)", re.IGNORECASE
)


def split_sample(dump_name: str) -> tuple[str, list[str], list[str]]:
    """(title, body paragraphs, noise lines) for one sample dump."""
    post = next(p for p in GOLD["posts"] if p["dump"] == dump_name)
    lines = (DUMPS / dump_name).read_text(encoding="utf-8").splitlines()
    title = post["title_any_of"][0]
    body: list[str] = []
    noise: list[str] = []
    for index, line in enumerate(lines):
        line = line.strip()
        if not line:
            continue
        if index == 0:
            # The first line is the title (with an SEO prefix in one dump).
            continue
        if _NOISE_LINE.match(line) or line.startswith("|"):
            noise.append(line)
        elif line not in body:  # the repeated lede paragraph is kept once
            body.append(line)
    return title, body, noise


def cleaned_sample(dump_name: str) -> Document:
    title, body, _noise = split_sample(dump_name)
    return Document.from_text(title, "\n\n".join(body), doc_id=dump_name)


def noise_only(dump_name: str) -> Document:
    _title, _body, noise = split_sample(dump_name)
    return Document.from_text("", "\n\n".join(noise), doc_id=dump_name + "#noise")
