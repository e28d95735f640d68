"""plain_markdown.py: the HTML of plain posts made directly is Python-Markdown's, byte for byte.

The reader takes that path for most posts, so any text it accepts must come
out exactly as Python-Markdown (no extensions, as pelican.conf.py sets it)
would make it; anything else must be left to Python-Markdown.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown

from sangrah_site.plain_markdown import PlainFirstMarkdown, plain_html

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def markdown_html(text: str) -> str:
    return Markdown(output_format="html5").convert(text)


def body_of(post: Path) -> str:
    raw = post.read_text("utf-8")
    return raw[raw.index("\n---\n", 4) + 5:]


@pytest.mark.parametrize("folder", ["text_dumps", "html_dumps", "json_dumps", "bad_dumps", "blind/text", "blind2/html"])
def test_posts_the_import_writes_read_the_same_either_way(import_dumps, folder):
    _, posts = import_dumps(FIXTURES / folder)
    bodies = [body_of(post) for post in sorted(posts.glob("*.md"))]
    plain = [body for body in bodies if plain_html(body) is not None]
    assert bodies
    for body in plain:
        assert plain_html(body) == markdown_html(body)
    if folder in ("text_dumps", "html_dumps", "json_dumps"):
        assert len(plain) * 2 >= len(bodies), "most posts take the direct path (else it is only a slower reader)"


# Gujarati letters, vowel signs and digits, Latin, every ASCII punctuation
# mark, spaces of several kinds, and line ends: texts that are mostly plain
# with every character Markdown might read as markup somewhere.
_ALPHABET = st.sampled_from(
    list("કખગઘચજટડતદનપબમયરલવસહળ") + list("ાિીુૂેૈોૌંઃ્") + list("૦૧૨૩૪૫૬૭૮૯")
    + list("abcXYZ0123456789") + list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
    + [" ", " ", " ", "\u00a0", "\t", "\u200c", "\u200d", "\n", "\n\n", "## ", "\r", "\u2028", "…", "–", "—", "“", "”"]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_any_text_it_accepts_is_what_python_markdown_makes(text):
    html = plain_html(text)
    if html is not None:
        assert html == markdown_html(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(st.sampled_from(list("કખગ ાિ૧૨ab12,.:;!?()'\"%/—")), min_size=1, max_size=30).map("".join), min_size=1, max_size=6),
       st.lists(st.booleans(), min_size=6, max_size=6))
def test_paragraphs_and_headings_take_the_direct_path(lines, headings):
    blocks = [(f"## {line.strip()}" if heading else line.strip()) for line, heading in zip(lines, headings)]
    blocks = [block for block in blocks if block.strip("# ") and not block[0].isdigit()]
    text = "\n\n".join(blocks) + "\n"
    if blocks:
        assert plain_html(text) == markdown_html(text)


@pytest.mark.parametrize("text", [
    "1. પહેલું", "2024. વર્ષ", "- યાદી", "+ યાદી", "> અવતરણ", "*ત્રાંસું*", "a\\*b", "<b>x</b>", "R&amp;D", "a & b",
    "[કડી](http://x)", "`કોડ`", "### નાનું", "## શીર્ષક ##", "    કોડ", "પહેલી\nબીજી", "એક\n\n\nબે", "a_b_c", "---", "===",
    "x  ", "",
])
def test_markup_and_odd_layout_go_to_python_markdown(text):
    assert plain_html(text) is None


def test_with_an_extension_python_markdown_does_it_all():
    # toc gives headings an id; the direct path would drop it.
    assert 'id="' in PlainFirstMarkdown(extensions=["toc"]).convert("## શીર્ષક\n\nલખાણ\n")
    assert PlainFirstMarkdown().convert("## શીર્ષક\n\nલખાણ\n") == "<h2>શીર્ષક</h2>\n<p>લખાણ</p>"
