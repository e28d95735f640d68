"""Read generated posts the way a reader sees them (for assertions).

Assertions about text must look at what the reader gets, not at the
Markdown source: escaping (`\\#tag`) would otherwise hide text that is
still there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import markdown
import yaml
from bs4 import BeautifulSoup


@dataclass
class ReadPost:
    path: Path
    meta: dict
    html: str

    @property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.html, "html.parser")

    @property
    def text(self) -> str:
        return " ".join(self.soup.get_text(" ").split())

    @property
    def headings(self) -> list[str]:
        return [" ".join(h.get_text(" ").split()) for h in self.soup.find_all(["h2", "h3"])]


def read_post(path: Path) -> ReadPost:
    raw = path.read_text("utf-8")
    assert raw.startswith("---\n"), f"{path} has no front matter"
    end = raw.index("\n---\n", 4)
    meta = yaml.safe_load(raw[4:end])
    html = markdown.markdown(raw[end + 5:], output_format="html5")
    return ReadPost(path, meta, html)


def posts_by_source(posts_dir: Path) -> dict[str, ReadPost]:
    """Posts keyed by the file name of the dump they came from."""
    found = {}
    for path in sorted(posts_dir.glob("*.md")):
        post = read_post(path)
        name = Path(post.meta["source"]).name
        key = name if post.meta.get("record") is None else f"{name}#{post.meta['record']}"
        found[key] = post
    return found
