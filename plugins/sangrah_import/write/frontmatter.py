"""Post -> the text of a Markdown file with YAML front matter.

The field order is fixed and every value is written the same way each run,
so that the same dump always gives the same bytes.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

import yaml

from sangrah_lang.emitter import libyaml_writes_the_same, safe_dumper_for

from ..model import Post
from .markdown import blocks_to_markdown

# libyaml's emitter is about seven times faster than PyYAML's pure-Python
# one, and every import renders every post again to see whether its file
# changed (~1 ms a post with the slow emitter). sangrah_lang.emitter says
# which values it writes as the Python emitter does; the rest go to the
# Python one, so a post's bytes never depend on which emitter PyYAML has.
_fast_safe = libyaml_writes_the_same
dumper_for = safe_dumper_for


def _yaml_line(key: str, value, dumper=None) -> str:
    """``key: value`` with YAML's own quoting; lists on one line ([a, b])."""
    if dumper is None:
        if isinstance(value, list):
            # A flow list is its items' flow forms joined by ", " (no line
            # is ever wrapped): tags and entity ids repeat over thousands of
            # posts, and each is written once.
            return f"{key}: [" + ", ".join(_flow_item(item) for item in value) + "]"
        if key in _REPEATING:
            return _repeating_line(key, value)
    dumper = dumper or dumper_for(value)
    if isinstance(value, list):
        flow = yaml.dump(value, Dumper=dumper, allow_unicode=True, width=10**6, default_flow_style=True)
        return f"{key}: {flow.strip()}"
    return yaml.dump({key: value}, Dumper=dumper, allow_unicode=True, width=10**6,
                     default_flow_style=False).rstrip("\n")


_REPEATING = frozenset({"date_source", "category", "lang"})


@lru_cache(maxsize=1 << 16)
def _flow_item(item) -> str:
    flow = yaml.dump([item], Dumper=dumper_for([item]), allow_unicode=True, width=10**6,
                     default_flow_style=True).strip()
    return flow[1:-1]


@lru_cache(maxsize=1 << 10)
def _repeating_line(key: str, value) -> str:
    return _yaml_line(key, value, dumper_for(value))


def record_value(record: str) -> int | str:
    """A record's id as written: its index as a number when it is one."""
    return int(record) if record.isdigit() else record


def render_post(post: Post) -> str:
    date_text = post.date.isoformat(timespec="seconds") if isinstance(post.date, datetime) else post.date.isoformat()
    lines = ["---", _yaml_line("title", post.title), f"date: {date_text}", _yaml_line("date_source", post.date_source)]
    if post.category:
        lines.append(_yaml_line("category", post.category))
    lines.append(_yaml_line("tags", post.tags))
    lines.append(_yaml_line("entities", post.entities))
    if post.authors:
        lines.append(_yaml_line("authors", post.authors))
    lines.append(_yaml_line("lang", post.lang))
    lines.append(_yaml_line("slug", post.slug))
    lines.append(_yaml_line("source", post.source))
    if post.record is not None:
        lines.append(_yaml_line("record", record_value(post.record)))
    if post.url:
        lines.append(_yaml_line("original_url", post.url))
    lines.append("---")
    return "\n".join(lines) + "\n\n" + blocks_to_markdown(post.blocks)


def read_front_matter(text: str) -> dict:
    """The YAML front matter of a post's text ({} when it has none or it is broken)."""
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    if end < 0:
        return {}
    try:
        data = yaml.safe_load(text[3:end])
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}
