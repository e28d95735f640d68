"""Sample sites for the search tests: the sample dumps, hostile titles.

The entity ids of a post come from the import (the recognizer), so the
Latin-name queries (putin, kirby) test the recognizer and the search
together. Editing a post after import is what a person does: the import
then keeps the post as it is.
"""

from __future__ import annotations

from pathlib import Path

from sitebuild import build, make_content, run_import

KIM_SLUG = "kim-putin-meeting"
VISIT_SLUG = "rashiyana-rashtrapati-putin-pahonchya-uttar-koriya-24"  # the one that names Kirby

XSS_TITLE = "<img src=x onerror=window.__xss=1> <script>window.__xss=1</script> xsstitle"
# A dump whose headline is a script payload: whatever the import makes of it.
HOSTILE_DUMP = (
    XSS_TITLE + "\n\n"
    "xssbody સુરતમાં આજે ભારે વરસાદ પડ્યો હતો અને ઘણા વિસ્તારોમાં પાણી ભરાયાં હતાં. "
    "<img src=x onerror=window.__xss=2> તંત્રએ લોકોને સાવચેત રહેવા જણાવ્યું હતું. <script>window.__xss=3</script>\n"
)
# A post written by hand with the payload in its title and (as text) in its
# body, so it reaches the search data even if the import cleans titles.
HOSTILE_POST = f"""---
title: '{XSS_TITLE}'
date: 2024-07-01
date_source: text
tags: [xsstag]
entities: []
lang: gu
slug: xss-by-hand
---

xsshand: વડોદરામાં &lt;img src=x onerror=window.__xss=4&gt; અને &lt;script&gt;window.__xss=5&lt;/script&gt; લખાણ તરીકે જ દેખાવું જોઈએ.
"""


def sample_content(tmp: Path, hostile: bool = False) -> Path:
    """The sample dumps imported into ``tmp/content`` (and the hand-written hostile post)."""
    content = make_content(tmp)
    if hostile:
        (content / "dumps" / "hostile-title.txt").write_text(HOSTILE_DUMP, encoding="utf-8")
    run_import(content)
    if hostile:
        (content / "posts" / "xss-by-hand.md").write_text(HOSTILE_POST, encoding="utf-8")
    return content


def build_sample(tmp: Path, hostile: bool = False, **build_options) -> Path:
    """Build the sample site into ``tmp/output`` (options as for sitebuild.build)."""
    output = tmp / "output"
    build(sample_content(tmp, hostile=hostile), output, **build_options)
    return output
