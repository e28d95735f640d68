"""Regenerate the machine-made lists in ``language.json``.

Three lists in ``language.json`` are derived from outside sources rather than
written by hand; this script derives them again, so a reviewer can see where
every entry came from and rerun it after a source changes:

* ``tokenizer.word_chars.ranges``: code point ranges of letters (L*),
  non-spacing and spacing combining marks (Mn, Mc) and decimal digits (Nd),
  minus Default_Ignorable_Code_Point, as the ``regex`` module knows them
  (a test compares them with the module and with node's RegExp).
  Written out as explicit ranges so that Python and every browser agree even
  when their own Unicode tables are of different ages.
* ``stop_words.gujarati.words``: stopwordsiso's ``gu`` list merged with
  spaCy's ``spacy.lang.gu`` list, run through sangrah's own normalization and
  trimmer, minus the entries reviewed out in ``stop_words.gujarati.dropped``.
* ``stop_words.english.words``: lunr's own English stop word list
  (lunr.py's copy; a test checks it equals lunr.js's), minus
  ``stop_words.english.dropped``.

spaCy is not a sangrah dependency. Install it anywhere throwaway and pass
that interpreter::

    python3 -m venv /tmp/spacy-venv && /tmp/spacy-venv/bin/pip install spacy==3.8.18
    .venv/bin/python plugins/sangrah_lang/tools/generate_language_data.py \
        --spacy-python /tmp/spacy-venv/bin/python

Only the values of those three keys are rewritten, in place, so the rest of
the file (and other people's keys) keeps its exact text.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
LANGUAGE_JSON = HERE.parent / "language.json"
sys.path.insert(0, str(HERE.parent.parent))

from sangrah_lang import fold_case, normalize_text  # noqa: E402  (path set above)

WORD_CHAR_CLASS = r"[[\p{L}\p{Mn}\p{Mc}\p{Nd}]--\p{Default_Ignorable_Code_Point}]"
SPACY_READER = (
    "import json; from spacy.lang.gu.stop_words import STOP_WORDS; "
    "print(json.dumps(sorted(STOP_WORDS), ensure_ascii=False))"
)


def word_char_ranges() -> list[str]:
    pattern = regex.compile(WORD_CHAR_CLASS, regex.V1)
    ranges: list[str] = []
    start = None
    for cp in range(0x110001):
        inside = cp <= 0x10FFFF and not 0xD800 <= cp <= 0xDFFF and bool(pattern.match(chr(cp)))
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            end = cp - 1
            ranges.append(f"{start:04X}" if start == end else f"{start:04X}-{end:04X}")
            start = None
    return ranges


def lunr_english_stop_words() -> list[str]:
    from lunr.stop_word_filter import WORDS

    return sorted(WORDS)


def spacy_gujarati_stop_words(spacy_python: str) -> list[str]:
    output = subprocess.run(
        [spacy_python, "-c", SPACY_READER], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output)


def stopwordsiso_gujarati() -> list[str]:
    import stopwordsiso

    return sorted(stopwordsiso.stopwords("gu"))


def as_index_term(word: str) -> str | None:
    """The form a stop word takes after sangrah's tokenizer and trimmer.

    A stop word is compared with trimmed tokens, so 'નં.' must be listed as
    'નં'; an entry that the tokenizer would split in two can never match a
    token and is left out (the caller reports it).
    """
    from sangrah_lang import tokenize, trim

    tokens = tokenize(word)
    if len(tokens) != 1:
        return None
    return trim(tokens[0]) or None


def merged_gujarati(sources: list[list[str]], dropped: dict[str, str]) -> tuple[list[str], list[str]]:
    words: set[str] = set()
    unusable: list[str] = []
    for source in sources:
        for raw in source:
            term = as_index_term(fold_case(normalize_text(raw)))
            if term is None:
                unusable.append(raw)
            elif term not in dropped:
                words.add(term)
    return sorted(words), unusable


def format_list(values: list[str], indent: str, per_line: int) -> str:
    """One JSON list, wrapped so that a diff shows which entries changed."""
    if not values:
        return "[]"
    quoted = [json.dumps(v, ensure_ascii=False) for v in values]
    lines = [", ".join(quoted[i : i + per_line]) for i in range(0, len(quoted), per_line)]
    inner = (",\n" + indent + "  ").join(lines)
    return "[\n" + indent + "  " + inner + "\n" + indent + "]"


def replace_list(text: str, key_path: list[str], values: list[str], per_line: int) -> str:
    """Replace the list at ``key_path`` in the JSON text, leaving all else as is.

    Each key is looked for after the previous one, so the path names a unique
    place as long as the file keeps its nesting order (checked afterwards).
    """
    position = 0
    match = None
    for key in key_path:
        match = re.compile(r'"' + re.escape(key) + r'"\s*:\s*').search(text, position)
        if match is None:
            raise KeyError("/".join(key_path))
        position = match.end()
    if text[position] != "[":
        raise ValueError(f"{'/'.join(key_path)} is not a list")
    end = text.index("]", position) + 1
    line_start = text.rfind("\n", 0, match.start()) + 1
    indent = re.match(r"[ ]*", text[line_start:]).group(0)
    return text[:position] + format_list(values, indent, per_line) + text[end:]


def get_path(data: dict, key_path: list[str]):
    for key in key_path:
        data = data[key]
    return data


def rewrite(generated: dict[tuple[str, ...], tuple[list[str], int]]) -> None:
    text = LANGUAGE_JSON.read_text(encoding="utf-8")
    for key_path, (values, per_line) in generated.items():
        text = replace_list(text, list(key_path), values, per_line)
    check = json.loads(text)
    for key_path, (values, _) in generated.items():
        assert get_path(check, list(key_path)) == values, key_path
    LANGUAGE_JSON.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spacy-python", required=True, help="a Python that can import spacy")
    parser.add_argument("--phase", choices=["word-chars", "stop-words"], default="word-chars")
    args = parser.parse_args()

    if args.phase == "word-chars":
        ranges = word_char_ranges()
        rewrite({("tokenizer", "word_chars", "ranges"): (ranges, 12)})
        print(f"word_chars: {len(ranges)} ranges")
        # The stop words go through the tokenizer, which must see the ranges
        # just written: a fresh interpreter reads them.
        return subprocess.call(
            [sys.executable, __file__, "--spacy-python", args.spacy_python, "--phase", "stop-words"]
        )

    rules = json.loads(LANGUAGE_JSON.read_text(encoding="utf-8"))
    gujarati, unusable = merged_gujarati(
        [stopwordsiso_gujarati(), spacy_gujarati_stop_words(args.spacy_python)],
        rules["stop_words"]["gujarati"]["dropped"],
    )
    english_dropped = rules["stop_words"]["english"]["dropped"]
    english = [word for word in lunr_english_stop_words() if word not in english_dropped]
    rewrite(
        {
            ("stop_words", "gujarati", "words"): (gujarati, 10),
            ("stop_words", "english", "words"): (english, 12),
        }
    )
    print(f"gujarati stop words: {len(gujarati)}; not single tokens, left out: {unusable}")
    print(f"english stop words: {len(english)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
