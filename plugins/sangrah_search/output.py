"""The search files of a built site, and the versions that name them.

Layout (paths relative to the site root; search.js knows the same layout):

    search/index.html          the search page (a Pelican direct template)
    search/index.js            the lunr index          } data, loaded as
    search/store.js            titles, dates, URLs     } classic scripts
    search/docs/<n>.js         body text of document n } (fetch() fails on file://)
    search/sangrah-rules.js    language rules (generated from language.json)
    search/sangrah-lang.js     the pipeline for lunr.js (plugins/sangrah_search/static)
    <SANGRAH_VENDOR target>    lunr.js from node_modules (npm registry, pinned)
    sw.js                      the service worker: at the root, so its scope is the site

A data file is one call, ``sangrahSearch.receive(kind, key, version, 'json')``:
a script element can load it from disk as well as from a server, and
search.js matches the call to the request. The payload is JSON in a string
literal, parsed with JSON.parse: JavaScript engines parse a large JSON
string faster than the same data written as an object literal (measured
under node on the index of 5,000 synthetic articles, 22 MB: 370-630 ms
against 400-1,600 ms).

Two versions: ``data_version`` (a hash of the data alone) is written into the
index and the store so the browser can tell that the two belong together;
``site_version`` (the data plus every file the search and the theme run on)
goes into the pages' URLs for the search files (``?v=``), so a browser never
mixes a new page with files it cached from an older build, and names the
service worker's caches, so a new build replaces them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
from pathlib import Path
from typing import Iterable

from sangrah_lang.browser import rules_script

from .build import SearchData, to_json

log = logging.getLogger("sangrah.search")

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
SEARCH_DIR = "search"
INDEX_FILE = "search/index.js"
STORE_FILE = "search/store.js"
DOCS_DIR = "search/docs"
RULES_FILE = "search/sangrah-rules.js"
LANG_FILE = "search/sangrah-lang.js"
SERVICE_WORKER = "sw.js"
LUNR_SOURCES = ("node_modules/lunr/lunr.min.js", "node_modules/lunr/lunr.js")
# A byte order mark makes browsers read a script as UTF-8 whatever charset
# a server or the file system claims; JavaScript treats it as white space.
BOM = "\ufeff"


def js_string(text: str) -> str:
    """``text`` as a single-quoted JavaScript string literal.

    JSON has no raw line breaks and to_json escapes U+2028 and U+2029; what
    is left to escape is the backslash and the quote.
    """
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def data_script(kind: str, key, version: str, payload: dict) -> bytes:
    """A data file: one call to ``sangrahSearch.receive``."""
    call = f"sangrahSearch.receive({to_json(kind)},{to_json(key)},{to_json(version)},{js_string(to_json(payload))});\n"
    return (BOM + call).encode("utf-8")


_DATA_CALL = re.compile(r"\ufeff?sangrahSearch\.receive\((\"\w+\"),([^,]+),(\"\w*\"),'(.*)'\);\n\Z", re.S)


def read_data_script(content: bytes) -> dict:
    """kind, key, version and payload of a data file (the inverse of data_script)."""
    match = _DATA_CALL.match(content.decode("utf-8"))
    if match is None:
        raise ValueError("not a sangrah search data file")
    text = re.sub(r"\\(.)", lambda m: m.group(1), match.group(4), flags=re.S)
    return {"kind": json.loads(match.group(1)), "key": json.loads(match.group(2)),
            "version": json.loads(match.group(3)), "payload": json.loads(text)}


def data_files(data: SearchData) -> dict[str, bytes]:
    """Every data file of the search, by path relative to the site root."""
    files = {
        INDEX_FILE: data_script("index", None, data.version, data.index),
        STORE_FILE: data_script("store", None, data.version, data.store),
    }
    for number, body in enumerate(data.bodies):
        files[f"{DOCS_DIR}/{number}.js"] = data_script("doc", number, data.version, body)
    return files


def lunr_target(vendor: dict) -> str:
    """Where SANGRAH_VENDOR puts lunr.js in the site (the build fails without it)."""
    for source in LUNR_SOURCES:
        if source in vendor:
            return vendor[source]
    raise SystemExit(
        "sangrah search: lunr.js is not copied into the site: add "
        '"node_modules/lunr/lunr.min.js": "search/lunr.min.js" to SANGRAH_VENDOR in pelican.conf.py'
    )


def runtime_scripts(vendor: dict) -> list[str]:
    """The scripts search.js loads before any index, in load order."""
    return [lunr_target(vendor), RULES_FILE, LANG_FILE]


def runtime_files() -> dict[str, bytes]:
    """Language files the plugin writes (lunr.js itself is copied by sangrah_site's vendor step)."""
    return {
        RULES_FILE: rules_script().encode("ascii"),
        LANG_FILE: (STATIC / "sangrah-lang.js").read_bytes(),
    }


def _files_under(folder: Path) -> Iterable[tuple[str, Path]]:
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                yield path.relative_to(folder).as_posix(), path


def site_version(data: SearchData, runtime: dict[str, bytes], theme_static: Path, vendor: dict,
                 project: Path) -> str:
    """A hash of everything a visitor's browser keeps: data, runtime scripts, theme files, vendor files.

    Sources are hashed (not the output): the pages that carry this version
    are written after it is computed. Page HTML is not part of it: the
    service worker fetches pages from the network first.
    """
    digest = hashlib.sha256()

    def add(name: str, content: bytes) -> None:
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(content).digest())

    add("data", data.version.encode("ascii"))
    for name, content in sorted(runtime.items()):
        add(name, content)
    for name, path in _files_under(theme_static):
        add("theme/" + name, path.read_bytes())
    for source, target in sorted(vendor.items()):
        origin = project / source
        if origin.is_file():
            add("vendor/" + target, origin.read_bytes())
    add("service-worker", (STATIC / "sw.js").read_bytes())
    return digest.hexdigest()[:12]


def service_worker(version: str) -> bytes:
    """sw.js with this build's version (a new version makes browsers install the new worker)."""
    template = (STATIC / "sw.js").read_text("utf-8")
    if "__SANGRAH_VERSION__" not in template:
        raise RuntimeError("sw.js template lost its __SANGRAH_VERSION__ marker")
    return template.replace("__SANGRAH_VERSION__", version).encode("utf-8")


def write_files(output: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` (path relative to ``output`` → bytes); an old docs folder goes first."""
    docs = output / DOCS_DIR
    if docs.is_dir():
        # Pelican usually empties the output first; when it does not, an
        # article that is gone must not leave its body text behind.
        shutil.rmtree(docs)
    for relative, content in sorted(files.items()):
        path = output / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
