"""Dump text reaches the reader as text: never as markup, never as script."""

import markdown
import pytest
from bs4 import BeautifulSoup

from sangrah_import.model import Block
from sangrah_import.write.markdown import blocks_to_markdown, escape_markdown


def render(text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(blocks_to_markdown([Block("paragraph", text)])), "html.parser")


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script> સમાચાર",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "![x](javascript:alert(1))",
        "<a href='javascript:alert(1)'>x</a>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "# not a heading",
        "1. not a list",
        "- not a list",
        "> not a quote",
        "*not emphasis* and _not_ either and `not code`",
        "<http://example.com/autolink>",
        "a \\ backslash and a trailing \\",
        "---",
        "===",
    ],
)
def test_text_renders_as_the_same_characters(text):
    soup = render(text)
    assert soup.find_all(["script", "img", "a", "h1", "h2", "ol", "ul", "blockquote", "em", "code", "hr"]) == []
    assert " ".join(soup.get_text().split()) == " ".join(text.split())


def test_blocks_keep_their_kinds():
    md = blocks_to_markdown([
        Block("paragraph", "પહેલો ફકરો."),
        Block("heading", "પેટા શીર્ષક"),
        Block("list_item", "એક"),
        Block("list_item", "બે"),
        Block("quote", "ઉક્તિ"),
    ])
    soup = BeautifulSoup(markdown.markdown(md), "html.parser")
    assert [t.name for t in soup.find_all(recursive=False)] == ["p", "h2", "ul", "blockquote"]
    assert [li.get_text() for li in soup.find_all("li")] == ["એક", "બે"]


def test_escaping_leaves_gujarati_alone():
    text = "રશિયાના રાષ્ટ્રપતિ વ્લાદિમીર પુતિન આજે ઉત્તર કોરિયા પહોંચ્યા, 24 વર્ષમાં પહેલી મુલાકાત."
    assert escape_markdown(text) == text
