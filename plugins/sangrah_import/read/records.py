"""Scraper exports: JSON (an array, or an object holding one) and JSON Lines.

One post per record; a record is identified by its index (its position in
the array, or its 0-based line number in a JSON Lines file), which the post
keeps as ``record``. The usual field names of scrapers and feeds map onto
the post (data/records.json); any other field, and every identifier, slug or
path a record carries, is ignored. A body given as HTML is read like a saved
page (read/html.py); a text body is cleaned like a text dump.

A JSON file that does not parse holds nothing that can be trusted and is
rejected whole; in JSON Lines each line stands alone, so a broken line is a
reject for that record while the others import.
"""

from __future__ import annotations

import json
import re
from datetime import tzinfo

from ..data import load
from ..extract.date_values import parse_date_value
from ..model import DateEvidence, Draft
from .decode import decode
from .errors import RecordReject, Reject
from .html import draft_from_html
from .html_meta import is_web_url, keywords
from .markup import plain_value

# How deep an export's article list is looked for ({"data": {"articles": […]}}).
MAX_CONTAINER_DEPTH = 3
# HTML in a body field: block or line-break tags, not a stray '<' in prose.
_HTML_BODY = re.compile(r"<(?:p|div|br|h[1-6]|ul|ol|li|blockquote|figure|figcaption|table|article|section|span|a|img|script|style|iframe|strong|b|em)\b[^>]*>", re.IGNORECASE)


def _key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", str(name).lower())


def _fields(record: dict) -> dict[str, object]:
    """The record's fields by normalized name (first spelling wins)."""
    found: dict[str, object] = {}
    for name, value in record.items():
        found.setdefault(_key(name), value)
    return found


def _unwrap(value):
    """The value inside {"rendered": …}, {"name": …} and the like."""
    keys = load("records")["wrapped_value_keys"]["keys"]
    for _ in range(3):
        if isinstance(value, dict):
            value = next((value[k] for k in keys if k in value), None)
    return value


def _first(fields: dict, group: str):
    """(field name, value) of the first non-empty field of a group."""
    for name in load("records")[group]:
        value = _unwrap(fields.get(name))
        if value is None or value == "" or value == [] or (isinstance(value, str) and not value.strip()):
            continue
        return name, value
    return None, None


def _texts(value) -> list[str]:
    items = value if isinstance(value, list) else [value]
    texts = []
    for item in items:
        item = _unwrap(item)
        if isinstance(item, (str, int, float)) and not isinstance(item, bool):
            text = plain_value(item)
            if text:
                texts.append(text)
    return texts


def looks_like_article(record) -> bool:
    if not isinstance(record, dict):
        return False
    fields = _fields(record)
    return _first(fields, "text")[1] is not None or _first(fields, "html")[1] is not None


def draft_from_record(record: dict, source: str, index: str | None, local_zone: tzinfo) -> Draft:
    """A draft from one record; raises Reject when it holds no article text."""
    fields = _fields(record)
    _, html_body = _first(fields, "html")
    text_name, text_body = _first(fields, "text")
    if html_body is None and isinstance(text_body, str) and _HTML_BODY.search(text_body):
        html_body, text_body = text_body, None
    if html_body is not None and not isinstance(html_body, str):
        html_body = None
    if text_body is not None and not isinstance(text_body, str):
        text_body = "\n\n".join(_texts(text_body)) or None

    if isinstance(html_body, str) and html_body.strip():
        draft = draft_from_html(html_body, source, local_zone, record=index)
        draft.title = draft.title_source = None  # a fragment's "title" is its first heading: not the headline
        draft.tags, draft.authors, draft.category, draft.url = [], [], None, None
    elif isinstance(text_body, str) and text_body.strip():
        text = text_body.replace("\r\n", "\n").replace("\r", "\n")
        draft = Draft(source=source, record=index, lines=text.split("\n"))
    else:
        raise Reject("no body text in the record (no text, body, content or html field)")

    _, title = _first(fields, "title")
    title_text = plain_value(_unwrap(title)) if title is not None else ""
    if title_text:
        draft.title, draft.title_source = title_text, "record"

    for rank, name in enumerate(load("records")["date"]):
        raw = _unwrap(fields.get(name))
        if raw is None or raw == "":
            continue
        value = parse_date_value(raw, local_zone)
        if value is not None:
            draft.dates.append(DateEvidence(value, "record", f"{name}: {raw}", rank))
            break

    _, tags = _first(fields, "tags")
    if tags is not None:
        draft.tags = keywords(tags) if isinstance(tags, str) else _texts(tags)
    _, category = _first(fields, "category")
    if category is not None:
        names = _texts(category)
        draft.category = names[0] if names else draft.category
    _, author = _first(fields, "author")
    if author is not None:
        draft.authors = _texts(author)
    _, url = _first(fields, "url")
    if isinstance(url, str) and is_web_url(url):
        draft.url = url.strip()
    return draft


def _describe(value) -> str:
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _article_list(value, depth: int = 0):
    """The list of records an export holds, or None."""
    if isinstance(value, list):
        return value
    if not isinstance(value, dict) or depth > MAX_CONTAINER_DEPTH:
        return None
    if looks_like_article(value):
        return None
    fields = _fields(value)
    for name in load("records")["containers"]:
        inner = fields.get(name)
        if isinstance(inner, (list, dict)):
            found = inner if isinstance(inner, list) else _article_list(inner, depth + 1)
            if found is not None and (not found or any(looks_like_article(r) for r in found)):
                return found
    # Any other key holding a list of article-shaped objects.
    for inner in value.values():
        if isinstance(inner, list) and any(looks_like_article(r) for r in inner):
            return inner
    return None


def _record(value, key: str | None, source: str, local_zone: tzinfo):
    """One record of a JSON or JSONL dump: its draft, or a RecordReject with the reason."""
    if not isinstance(value, dict):
        return RecordReject(key, f"not an article record ({_describe(value)}, not an object)")
    try:
        return draft_from_record(value, source, key, local_zone)
    except Reject as reject:
        return RecordReject(key, reject.reason)


def _records(items: list, source: str, local_zone: tzinfo, numbered: bool = True) -> list:
    return [_record(record, str(index) if numbered else None, source, local_zone)
            for index, record in enumerate(items)]


def read_json_dump(data: bytes, source: str, local_zone: tzinfo) -> list:
    text = decode(data)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise Reject(f"invalid JSON ({error.msg} at line {error.lineno} column {error.colno})") from None
    except (RecursionError, ValueError):
        raise Reject("invalid JSON (nested too deeply or malformed)") from None
    if isinstance(value, dict) and looks_like_article(value):
        return _records([value], source, local_zone, numbered=False)
    items = _article_list(value)
    if items is None:
        if isinstance(value, dict):
            keys = ", ".join(sorted(map(str, value))[:6])
            raise Reject(f"not articles: a JSON object without an article list (keys: {keys})")
        raise Reject(f"not articles: the JSON holds {_describe(value)}")
    if not items:
        raise Reject("empty: the JSON list holds no articles")
    if not any(isinstance(item, dict) for item in items):
        raise Reject(f"not articles: a JSON list of {_describe(items[0])} values")
    return _records(items, source, local_zone)


def read_jsonl_dump(data: bytes, source: str, local_zone: tzinfo) -> list:
    """JSON Lines: one record per physical line (0-based); blank lines are skipped."""
    text = decode(data)
    results: list = []
    for number, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        key = str(number)
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            results.append(RecordReject(key, f"invalid JSON on line {number + 1} ({error.msg} at column {error.colno})"))
            continue
        except (RecursionError, ValueError):
            results.append(RecordReject(key, f"invalid JSON on line {number + 1} (nested too deeply)"))
            continue
        results.append(_record(value, key, source, local_zone))
    if not results:
        raise Reject("empty file (no records)")
    return results
