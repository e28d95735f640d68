"""The browser files load as a page loads them and search the built index.

A page has no module system: lunr.js, the generated rules script and
sangrah-lang.js run as classic scripts sharing one global object, in that
order. node's vm module gives the same setting without a browser.
"""

from __future__ import annotations

import json
import subprocess

from sangrah_lang.browser import GLOBAL_NAME, write_rules_script
from sangrah_search.pipeline import make_builder, serialize_index

from tests.search.node_harness import JS_DIR, ROOT, node_or_fail

DOCUMENTS = [
    {"id": "1", "body": "રશિયાના રાષ્ટ્રપતિ પ્યોંગયાંગ પહોંચ્યા"},
    {"id": "2", "body": "Sanctions on Russia were tightened on Tuesday"},
]


def test_scripts_load_in_page_order_and_search(tmp_path):
    builder = make_builder()
    builder.ref("id")
    builder.field("body")
    for document in DOCUMENTS:
        builder.add(document)
    index = builder.build()
    rules = write_rules_script(tmp_path)
    queries = ["રશિયાએ", "sanction", "રશિ*"]
    completed = subprocess.run(
        [node_or_fail(), str(JS_DIR / "browser_load.js"), str(rules)],
        input=json.dumps({"index": serialize_index(index), "queries": queries}, ensure_ascii=False),
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, check=True,
    )
    answer = json.loads(completed.stdout)
    assert answer["globals"] == ["function", "object", "object"]
    assert answer["registered"] == ["sangrah-normalizer", "sangrah-stemmer", "sangrah-stopwords", "sangrah-trimmer"]
    assert answer["tokenizerIsSangrahs"]
    expected = [[[r["ref"], r["score"]] for r in index.search(q)] for q in queries]
    assert answer["results"] == expected
    assert [[ref for ref, _ in hits] for hits in expected] == [["1"], ["2"], ["1"]]
    assert rules.read_text(encoding="ascii").count(GLOBAL_NAME) == 1
