"""The front matter is the same bytes whichever YAML emitter writes it.

Posts are written with libyaml's emitter where PyYAML has it and the value
is one it writes as the pure-Python emitter does (it is several times
faster), and with the pure-Python one otherwise; an archive must not change
its bytes with that. Held on every line of the fixture dumps (titles, tags,
bylines as scraped: Gujarati, English, punctuation, quotes, emoji) and on
values YAML treats specially.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sangrah_import.write.frontmatter import _fast_safe, _yaml_line

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

AWKWARD = [
    "", " ", "-", "- item", "? key", ": colon", "#hash", "@handle", "`tick`", "!tag", "&anchor", "*alias",
    "|", ">", "%", "yes", "no", "on", "off", "null", "~", "true", "1e3", "0x1F", "0o17", "012", "1_000",
    ".inf", "-.nan", "2024-06-19", "2024-06-19T08:58:14+05:30", "12:30", "a: b", "a #b", "trailing ",
    " leading", "tab\there", "line\nbreak", "quote ' single", 'quote " double', "back\\slash",
    "zwj\u200dzwnj\u200c", "bom\ufeff", "nel\x85", "ls\u2028ps\u2029", "bell\x07", "del\x7f",
    "emoji 🇮🇳 🙏", "રશિયા: પુતિન", "'quoted'", '"quoted"', "{brace}", "[bracket]", "a, b", "x" * 5000,
    "ન્યૂઝ | ગુજરાત | સમાચાર", "૧૯ જૂન, ૨૦૨૪", "100%", "https://example.com/a?b=c#d",
]


def fixture_lines(limit: int = 4000) -> list[str]:
    lines: list[str] = []
    for path in sorted(FIXTURES.rglob("*")):
        if path.suffix not in {".txt", ".html", ".json", ".jsonl", ".md"} or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        lines.extend(line for line in text.splitlines() if line.strip())
    # Spread over the whole corpus, not only its first files.
    step = max(1, len(lines) // limit)
    return lines[::step]


needs_libyaml = pytest.mark.skipif(not getattr(yaml, "__with_libyaml__", False),
                                   reason="PyYAML without libyaml: only the pure-Python emitter exists")


def test_scalars_written_as_the_pure_python_emitter_writes_them():
    values = AWKWARD + fixture_lines()
    assert len(values) > 1000
    differ = [v for v in values if _yaml_line("title", v) != _yaml_line("title", v, yaml.SafeDumper)]
    assert differ == []


def test_lists_written_as_the_pure_python_emitter_writes_them():
    lists = [[]] + [AWKWARD[i:i + 3] for i in range(0, len(AWKWARD), 3)]
    lists += [line.split()[:6] for line in fixture_lines()]
    differ = [v for v in lists if _yaml_line("tags", v) != _yaml_line("tags", v, yaml.SafeDumper)]
    assert differ == []


@needs_libyaml
def test_the_fast_emitter_is_used_for_most_values():
    # Otherwise the speed-up is gone without any other test noticing.
    lines = fixture_lines()
    assert sum(map(_fast_safe, lines)) > 0.8 * len(lines)


@needs_libyaml
def test_the_rule_is_needed():
    # Values the guard sends to the pure-Python emitter, which libyaml writes otherwise.
    for value in ("emoji 🇮🇳 🙏", "nel\x85"):
        assert not _fast_safe(value)
        assert _yaml_line("title", value, yaml.CSafeDumper) != _yaml_line("title", value, yaml.SafeDumper)


# PyYAML's emitter writes NEL (U+0085) in a single-quoted scalar, where a
# reader folds it; the import never leaves one in a value (it splits lines
# there, as str.splitlines does).
@pytest.mark.parametrize("value", [v for v in AWKWARD if "\x85" not in v])
def test_a_value_reads_back_as_written(value):
    # Whichever emitter wrote it, the reader gets the value back.
    assert yaml.safe_load(_yaml_line("title", value)) == {"title": value}
