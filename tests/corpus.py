"""Hold imported posts to a hand-written corpus's expectations.

The corpora under tests/fixtures/ were written by people who did not read
the import code; each entry says what a careful editor extracts from one
dump. ``check_post`` returns the list of misses for one post (empty when it
meets every expectation), so tests can both assert and print a score.
"""

from __future__ import annotations

import re
import unicodedata

from posts import ReadPost


def norm(text: str) -> str:
    """The corpora's matching normalisation (see their README files)."""
    text = unicodedata.normalize("NFC", str(text)).lstrip("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub("[\u200b\u200c\u200d]", "", text)
    return "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n"))


def flat(text: str) -> str:
    return " ".join(norm(text).split())


def tag_key(tag: str) -> str:
    return re.sub(r"[\s_\-]+", " ", norm(tag).lstrip("#")).strip().casefold()


def check_post(post: ReadPost | None, expected: dict) -> list[str]:
    if post is None:
        return ["no post"]
    misses: list[str] = []
    meta, text = post.meta, flat(post.text)
    paragraphs = [flat(p.get_text(" ")) for p in post.soup.find_all(["p", "li", "h2", "h3", "blockquote"])]

    if "title_any_of" in expected:
        titles = [flat(t).casefold() for t in expected["title_any_of"]]
        if flat(meta.get("title", "")).casefold() not in titles:
            misses.append(f"title: {meta.get('title')!r}")
    if "date" in expected:
        got = meta.get("date")
        if expected["date"] is None:
            if meta.get("date_source") != "none":
                misses.append(f"date: expected none, got {got} from {meta.get('date_source')}")
        else:
            if not str(got).startswith(expected["date"]):
                misses.append(f"date: expected {expected['date']}, got {got} ({meta.get('date_source')})")
            elif expected.get("time") and not (hasattr(got, "strftime") and got.strftime("%H:%M") == expected["time"]):
                misses.append(f"time: expected {expected['time']}, got {got}")
    if expected.get("date_source") and meta.get("date_source") != expected["date_source"]:
        misses.append(f"date_source: expected {expected['date_source']}, got {meta.get('date_source')}")
    tags = {tag_key(t) for t in meta.get("tags") or []}
    for tag in expected.get("tags_must", []):
        if tag_key(tag) not in tags:
            misses.append(f"tag missing: {tag}")
    for tag in expected.get("tags_must_not", []):
        if tag_key(tag) in tags:
            misses.append(f"tag not wanted: {tag}")
    if "category" in expected:
        got = meta.get("category")
        if (got or None) != expected["category"]:
            misses.append(f"category: expected {expected['category']}, got {got}")
    if "author" in expected and expected["author"]:
        authors = [flat(a).casefold() for a in meta.get("authors") or []]
        if flat(expected["author"]).casefold() not in authors:
            misses.append(f"author: expected {expected['author']}, got {meta.get('authors')}")
    if "headings" in expected:
        got = [flat(h) for h in post.headings]
        if got != [flat(h) for h in expected["headings"]]:
            misses.append(f"headings: {got}")
    for fragment in expected.get("body_must_contain", []):
        if flat(fragment) not in text:
            misses.append(f"body lost: {fragment[:60]}")
    for fragment in expected.get("body_must_not_contain", []):
        if flat(fragment) in text:
            misses.append(f"noise kept: {fragment[:60]}")
    for fragment in expected.get("body_once", []):
        if text.count(flat(fragment)) != 1:
            misses.append(f"not once ({text.count(flat(fragment))}x): {fragment[:60]}")
    for line in expected.get("body_must_not_have_line", []):
        if flat(line) in paragraphs:
            misses.append(f"noise line kept: {line}")
    return misses
