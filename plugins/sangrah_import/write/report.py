"""The import report: what became of every dump, for people and programs.

Written to ``<posts>/.sangrah/import-report.json`` after every run (sorted,
no timestamps, so it is as reproducible as the posts) and summarized in a
few lines on the console.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..model import Post
from .frontmatter import record_value
from .json_by_line import dumps_by_line
from .store import STATE_DIR, write_atomically

REPORT = "import-report.json"


class ImportReport:
    def __init__(self, article_url: str = "posts/{slug}/"):
        self.article_url = article_url
        self.entries: list[dict] = []
        self.keys: set[str] = set()
        self.discovered = 0  # names for the editors' review file
        self.review_file: Path | None = None  # dumps still present but not published this run

    @staticmethod
    def _key(source: str, record: str | None) -> str:
        return source if record is None else f"{source}#{record}"

    def entry(self, post: Post, slug: str, status: str, reason: str | None = None) -> None:
        item = {
            "dump": post.source,
            "status": status,
            "post": f"{slug}.md",
            "url": self.article_url.format(slug=slug),
            "title": post.title,
            "date_source": post.date_source,
        }
        if post.record is not None:
            item["record"] = record_value(post.record)
        if reason:
            item["reason"] = reason
        if post.notes:
            item["notes"] = list(post.notes)
        self.entries.append(item)

    def reject(self, source: str, record: str | None, reason: str) -> None:
        item = {"dump": source, "status": "rejected", "reason": reason}
        if record is not None:
            item["record"] = record_value(record)
        self.entries.append(item)
        self.keys.add(self._key(source, record))

    def duplicate(self, source: str, record: str | None, original: str, similarity: float | None = None,
                  same_url: bool = False) -> None:
        item = {"dump": source, "status": "duplicate", "duplicate_of": original}
        if record is not None:
            item["record"] = record_value(record)
        if similarity is not None:
            item["similarity"] = similarity
        if same_url:
            item["same_url"] = True
        self.entries.append(item)

    def removed(self, key: str, post_file: str) -> None:
        self.entries.append({"dump": key, "status": "removed", "post": post_file, "reason": "the dump is gone"})

    # -- reading the report -------------------------------------------------

    def counts(self) -> Counter:
        return Counter(e["status"] for e in self.entries)

    def rejected(self) -> list[dict]:
        return [e for e in self.entries if e["status"] == "rejected"]

    def undated(self) -> list[dict]:
        return [e for e in self.entries if e.get("date_source") == "none"]

    def as_dict(self) -> dict:
        def order(entry):
            record = entry.get("record", "")
            return entry["dump"], (0, record, "") if isinstance(record, int) else (1, 0, str(record)), entry["status"]

        return {"summary": dict(sorted(self.counts().items())), "entries": sorted(self.entries, key=order)}

    def save(self, posts_dir: Path) -> Path:
        path = posts_dir / STATE_DIR / REPORT
        data = dumps_by_line(self.as_dict())
        write_atomically(path, data.encode("utf-8"))
        return path

    def summary_lines(self) -> list[str]:
        counts = self.counts()
        published = sum(counts[s] for s in ("created", "updated", "unchanged", "kept"))
        dumps = len({e["dump"] for e in self.entries})
        parts = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
        lines = [f"sangrah import: {dumps} dump(s) -> {published} post(s) ({parts or 'nothing to do'})"]
        for entry in self.rejected():
            where = entry["dump"] + (f" #{entry['record']}" if "record" in entry else "")
            lines.append(f"  rejected {where}: {entry['reason']}")
        for entry in self.entries:
            if entry["status"] == "duplicate":
                lines.append(f"  duplicate {entry['dump']}: same article as {entry['duplicate_of']}")
            elif entry["status"] == "kept":
                lines.append(f"  kept {entry['post']}: edited by hand, not overwritten")
        for entry in self.undated():
            lines.append(f"  undated {entry['dump']}: no date found, published as 'date unknown'")
        if self.discovered:
            lines.append(f"  {self.discovered} name(s) the entity knowledge base lacks, for review: {self.review_file}")
        return lines
