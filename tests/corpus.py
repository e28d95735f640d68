"""Hold imported posts to a hand-written corpus's expectations.

The corpora under tests/fixtures/ were written by people who did not read
the import code; each entry says what a careful editor extracts from one
dump. ``check_post`` returns the list of misses for one post (empty when it
meets every expectation), so tests can both assert and print a score.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timezone

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


def _offset(value: datetime) -> str | None:
    offset = value.utcoffset()
    if offset is None:
        return None
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _zone_misses(got, expected: dict) -> list[str]:
    """utc_offset (the zone the source stated) and instant_utc (the moment)."""
    misses = []
    if not isinstance(got, datetime):
        if expected.get("utc_offset") or expected.get("instant_utc"):
            misses.append(f"time zone: expected {expected.get('utc_offset')}, got a date only ({got})")
        return misses
    if expected.get("utc_offset") and _offset(got) != expected["utc_offset"]:
        misses.append(f"utc_offset: expected {expected['utc_offset']}, got {_offset(got)}")
    if expected.get("instant_utc"):
        instant = got.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%MZ")
        if instant != expected["instant_utc"]:
            misses.append(f"instant_utc: expected {expected['instant_utc']}, got {instant}")
    return misses


def check_post(post: ReadPost | None, expected: dict, strict_nulls: bool = False) -> list[str]:
    """Misses of one post against one expectation.

    ``strict_nulls``: an expected null author or time means the post must
    have none (the held-out HTML/JSON corpora say so; the older text corpus
    used null for "not checked").
    """
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
            elif "time" in expected and expected["time"] is None and strict_nulls and isinstance(got, datetime):
                misses.append(f"time: expected none (a date only), got {got}")
            misses.extend(_zone_misses(got, expected))
    if expected.get("date_source") and meta.get("date_source") != expected["date_source"]:
        misses.append(f"date_source: expected {expected['date_source']}, got {meta.get('date_source')}")
    tags = {tag_key(t) for t in meta.get("tags") or []}
    for tag in expected.get("tags_must", []):
        if tag_key(tag) not in tags:
            misses.append(f"tag missing: {tag}")
    for tag in expected.get("tags_must_not", []):
        if tag_key(tag) in tags:
            misses.append(f"tag not wanted: {tag}")
    if "category_any_of" in expected:
        if (meta.get("category") or None) not in expected["category_any_of"]:
            misses.append(f"category: expected one of {expected['category_any_of']}, got {meta.get('category')}")
    elif "category" in expected:
        got = meta.get("category")
        if (got or None) != expected["category"]:
            misses.append(f"category: expected {expected['category']}, got {got}")
    authors = [flat(a).casefold() for a in meta.get("authors") or []]
    if "author_any_of" in expected:
        if not any(flat(a).casefold() in authors for a in expected["author_any_of"]):
            misses.append(f"author: expected one of {expected['author_any_of']}, got {meta.get('authors')}")
    elif "author" in expected and expected["author"]:
        if flat(expected["author"]).casefold() not in authors:
            misses.append(f"author: expected {expected['author']}, got {meta.get('authors')}")
    elif "author" in expected and expected["author"] is None and strict_nulls and authors:
        misses.append(f"author: expected none, got {meta.get('authors')}")
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
    title = flat(meta.get("title", ""))
    for fragment in expected.get("title_must_not_contain", []):
        if fragment in title:
            misses.append(f"title contains {fragment!r}: {title}")
    for fragment in expected.get("tags_must_not_contain", []):
        for tag in meta.get("tags") or []:
            if fragment.casefold() in str(tag).casefold():
                misses.append(f"tag contains {fragment!r}: {tag}")
    for fragment in expected.get("must_contain", []):
        if flat(fragment) not in text and flat(fragment) not in title:
            misses.append(f"lost: {fragment[:60]}")
    for fragment in expected.get("body_must_not_contain_mojibake", []):
        if fragment in post.text or fragment in title:
            misses.append(f"mojibake kept: {fragment}")
    for fragment in expected.get("must_not_contain_anywhere", []) + expected.get("must_not_contain", []):
        source = post.path.read_text("utf-8")
        if fragment in source:
            misses.append(f"post file contains {fragment!r}")
    if expected.get("date_must_not_be") and str(meta.get("date", "")).startswith(expected["date_must_not_be"]):
        misses.append(f"date must not be {expected['date_must_not_be']}")
    slug = str(meta.get("slug", ""))
    for fragment in expected.get("slug_must_not_contain", []):
        if fragment in slug:
            misses.append(f"slug contains {fragment!r}: {slug}")
    return misses


def check_rendered(page_html: str, expected: dict) -> list[str]:
    """Misses of a rendered article page: payload strings that must not be in it."""
    misses = []
    for fragment in expected.get("must_not_contain", []) + expected.get("must_not_contain_anywhere", []):
        if fragment in page_html:
            misses.append(f"page contains {fragment!r}")
    return misses


def check_report_entry(entries: list[dict], expected: dict) -> list[str]:
    """An expected outcome (post, duplicate, reject, skip) against the report entries of one dump or record."""
    outcome = expected.get("outcome", "post")
    statuses = [e["status"] for e in entries]
    if outcome == "skip":
        return [f"expected no entry, got {statuses}"] if entries else []
    if not entries:
        return ["not in the report"]
    if len(entries) != 1:
        return [f"{len(entries)} report entries: {statuses}"]
    entry = entries[0]
    if outcome == "post":
        if entry["status"] not in ("created", "updated", "unchanged", "kept"):
            return [f"expected a post, got {entry['status']}: {entry.get('reason') or entry.get('duplicate_of')}"]
    elif outcome == "reject":
        if entry["status"] != "rejected":
            return [f"expected a reject, got {entry['status']}"]
        reason = entry.get("reason", "").casefold()
        accepted = expected.get("reason_contains_any") or [expected.get("reason_contains", "")]
        if not any(word.casefold() in reason for word in accepted):
            return [f"reject reason {entry.get('reason')!r} lacks {accepted}"]
    elif outcome == "duplicate":
        if entry["status"] != "duplicate":
            return [f"expected a duplicate of {expected.get('duplicate_of')}, got {entry['status']}"]
        if expected.get("duplicate_of"):
            original = entry["duplicate_of"]
            name, _, record = original.partition("#")
            short = name.rsplit("/", 1)[-1] + (f"#{record}" if record else "")
            if short != expected["duplicate_of"]:
                return [f"duplicate of {short}, expected {expected['duplicate_of']}"]
    return []


def print_score(label: str, failures: dict[str, list[str]], unit: str = "dumps") -> int:
    """Print how many items meet every expectation, and each miss; returns that count."""
    perfect = sum(1 for misses in failures.values() if not misses)
    print(f"\n{label}: {perfect}/{len(failures)} {unit} meet every expectation")
    for name, misses in sorted(failures.items()):
        for miss in misses:
            print(f"  {name}: {miss}")
    return perfect
