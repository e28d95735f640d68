"""JSON files of many records (the manifest, the import report) with one record a line.

``json.dumps`` with ``indent`` runs Python's own encoder, not its C one: for
the 10,000 records of a large archive, the manifest and the report took half
a second to write on every run. A record a line is written by the C encoder,
is as easy to diff and to read (one post or dump a line), and parses to the
same data.
"""

from __future__ import annotations

import json


def _compact(value, sort_keys: bool) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=sort_keys, separators=(", ", ": "))


def dumps_by_line(document: dict, sort_keys: bool = False) -> str:
    """``document`` (an object) as JSON text: each element of a list and each value of an
    object among its values on a line of its own; everything else compact."""
    members = []
    for name in sorted(document) if sort_keys else document:
        value = document[name]
        if isinstance(value, list) and value:
            text = "[\n" + ",\n".join("  " + _compact(item, sort_keys) for item in value) + "\n ]"
        elif isinstance(value, dict) and value:
            keys = sorted(value) if sort_keys else value
            text = "{\n" + ",\n".join(f"  {_compact(key, sort_keys)}: {_compact(value[key], sort_keys)}"
                                      for key in keys) + "\n }"
        else:
            text = _compact(value, sort_keys)
        members.append(f" {_compact(name, sort_keys)}: {text}")
    return "{\n" + ",\n".join(members) + "\n}\n"
