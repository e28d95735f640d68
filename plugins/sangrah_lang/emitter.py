"""Which PyYAML emitter writes a value: libyaml's where it writes what the Python one does.

Not a language rule: it lives here because every plugin that writes YAML
(the import's front matter, the entities' review file) imports this package.

libyaml's emitter is several times faster than PyYAML's pure-Python one,
and the two write the same bytes for printable text of the Basic
Multilingual Plane. They differ on emoji and NEL (libyaml escapes them), on
when a key needs YAML's "? key" form (empty or long keys), and on where a
long scalar is folded. Values with any of those go to the Python emitter,
so a file's bytes never depend on which emitters PyYAML has
(tests/import/test_frontmatter_dumpers.py, tests/entities/test_entities_discovery.py).
"""

from __future__ import annotations

import yaml

FAST_DUMPER = getattr(yaml, "CSafeDumper", None)
_ASTRAL = "\U00010000"
# Keys at least this long may be written as "? key" (YAML's simple keys end at 128 characters).
_MAX_KEY = 100


def libyaml_writes_the_same(value, width: int = 10**6) -> bool:
    """Whether libyaml writes ``value`` (str, int, lists and dicts of them) as the Python emitter does at ``width``."""
    if isinstance(value, str):
        # Shorter than half the width: no line is long enough to be folded, whatever its indent.
        return value.isprintable() and len(value) < width // 2 and (not value or max(value) < _ASTRAL)
    if isinstance(value, list):
        return all(libyaml_writes_the_same(item, width) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and 0 < len(key) < _MAX_KEY and libyaml_writes_the_same(key, width)
                   and libyaml_writes_the_same(item, width) for key, item in value.items())
    return isinstance(value, int)


def safe_dumper_for(value, width: int = 10**6):
    """yaml.CSafeDumper when it writes ``value`` as yaml.SafeDumper does (and PyYAML has it), else yaml.SafeDumper."""
    if FAST_DUMPER is not None and libyaml_writes_the_same(value, width):
        return FAST_DUMPER
    return yaml.SafeDumper
