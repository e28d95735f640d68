"""The search files of a built site, and the versions that name them.

Layout (paths relative to the site root; search.js knows the same layout):

    search/index.html          the search page (a Pelican direct template)
    search/index.js            the manifest of the split index     } data, loaded
    search/chunks/<n>.js       postings of a run of terms          } as classic
    search/lexicon/<n>.js      a run of terms, sorted              } scripts
    search/suffix/<n>.js       a run of terms, sorted backwards    } (fetch() fails
    search/docs/<n>.js         title, URL, date, body of document n} on file://)
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

What each part holds and why: split.py. Three versions:

- ``data_version`` (a hash of the data alone) is written into every data
  file, so the browser can tell that the parts belong together;
- ``runtime_version`` (the search code and rules, the runtime scripts, the
  theme and vendor files: everything but the data) goes into the pages' URLs
  for scripts, styles and data files (``?v=``). It does not change when an
  article is added, so a new article does not rewrite every page. A data
  file of an older build that a cache hands out is caught by its
  ``data_version`` and loaded again past the caches (search.js);
- ``site_version`` (both) names the service worker's caches, so a new build
  installs a new worker, which replaces them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
from pathlib import Path
from typing import Iterable

from sangrah_lang.browser import rules_script
from sangrah_lang.code_files import package_files

from .build import SearchData, to_json

log = logging.getLogger("sangrah.search")

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
SEARCH_DIR = "search"
INDEX_FILE = "search/index.js"
DOCS_DIR = "search/docs"
CHUNKS_DIR = "search/chunks"
LEXICON_DIR = "search/lexicon"
SUFFIX_DIR = "search/suffix"
# Written anew by every build: an old file of a folder must not outlive its data.
DATA_DIRS = (DOCS_DIR, CHUNKS_DIR, LEXICON_DIR, SUFFIX_DIR)
# A service worker keeps every search file of a site up to this size (raw
# bytes of data) after the first search, so search works offline; above
# it, only the files searches loaded (a visitor is not sent a whole large
# index in the background). SANGRAH_SEARCH_OFFLINE_BYTES sets it.
OFFLINE_BYTES = 3_000_000
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


def data_script(kind: str, key, version: str, payload: dict, payload_json: str | None = None) -> bytes:
    """A data file: one call to ``sangrahSearch.receive`` (``payload_json``: the payload already serialized)."""
    text = payload_json if payload_json is not None else to_json(payload)
    call = f"sangrahSearch.receive({to_json(kind)},{to_json(key)},{to_json(version)},{js_string(text)});\n"
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


def data_files(data: SearchData, offline_bytes: int = OFFLINE_BYTES) -> dict[str, bytes]:
    """Every data file of the search, by path relative to the site root.

    The manifest is written last: it says whether the whole set is small
    enough to keep offline, which takes the size of the rest.
    """
    files = {}
    parts = ((CHUNKS_DIR, "chunk", data.index.chunks), (LEXICON_DIR, "lexicon", data.index.lexicon),
             (SUFFIX_DIR, "suffix", data.index.suffixes), (DOCS_DIR, "doc", data.docs))
    for folder, kind, payloads in parts:
        for number, payload in enumerate(payloads):
            files[f"{folder}/{number}.js"] = data_script(kind, number, data.version, payload,
                                                         data.serialized.get((kind, number)))
    total = sum(len(content) for content in files.values())
    manifest = {**data.index.manifest, "docs": len(data.docs), "offline": total <= offline_bytes}
    files[INDEX_FILE] = data_script("manifest", None, data.version, manifest)
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


def code_digest(offline_bytes: int) -> str:
    """A hash of the code and rules that turn documents into search data (and of the settings they read)."""
    from sangrah_lang import __file__ as lang_init

    digest = hashlib.sha256()
    for folder in (HERE, Path(lang_init).resolve().parent):
        for path in package_files(folder, (".py", ".js", ".json")):
            name = f"{folder.name}/{path.relative_to(folder).as_posix()}"
            digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    digest.update(f"lunr {_lunr_version()}\0offline {offline_bytes}\0".encode("ascii"))
    return digest.hexdigest()


def _lunr_version() -> str:
    from importlib.metadata import version

    return version("lunr")


def runtime_version(code: str, runtime: dict[str, bytes], theme_static: Path, vendor: dict, project: Path) -> str:
    """The version the pages carry: everything of the search a browser keeps except the data.

    Search code and rules (``code``: :func:`code_digest`), runtime scripts,
    theme files, vendor files, the service worker's source. It names the
    scripts and styles in the pages' URLs (``?v=``) and the URLs search.js
    loads data files under. It leaves out the documents on purpose: a new
    article then changes no page but its own and the listings it is on, so
    an incremental build rewrites those and not every page of the site. The
    data keeps its own version inside its files (``data_version``), which
    search.js checks (a file of another build is loaded again past the
    caches), and the service worker's caches are named by
    :func:`site_version`.
    """
    digest = hashlib.sha256()

    def add(name: str, content: bytes) -> None:
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(content).digest())

    add("code", code.encode("ascii"))
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


def site_version(data: str, runtime: str) -> str:
    """The service worker's version: :func:`runtime_version` and the data (``data``: the version
    :func:`build.build_search_data` gives it, a hash of every data file).

    It changes with every build that changes what a browser keeps, so a new
    build installs a new worker, which empties the old caches. Page HTML is
    not part of it: the worker fetches pages from the network first.
    """
    return hashlib.sha256(f"{runtime}\0{data}".encode("ascii")).hexdigest()[:12]


def service_worker(version: str) -> bytes:
    """sw.js with this build's version (a new version makes browsers install the new worker)."""
    template = (STATIC / "sw.js").read_text("utf-8")
    if "__SANGRAH_VERSION__" not in template:
        raise RuntimeError("sw.js template lost its __SANGRAH_VERSION__ marker")
    return template.replace("__SANGRAH_VERSION__", version).encode("utf-8")


def write_files(output: Path, files: dict[str, bytes]) -> int:
    """Write ``files`` (path relative to ``output`` → bytes); stale data files go. Returns how many were written.

    Pelican usually empties the output first; when it does not, an article
    that is gone must not leave its body text behind, nor an old chunk its
    postings. A file whose bytes are unchanged is not rewritten (its time
    stamp stays, for rsync and for incremental builds). A new build changes
    most of the thousands of data files (each names the data version): they
    are written by two processes where fork exists.
    """
    wanted = {output / relative for relative in files}
    for folder in DATA_DIRS:
        if (output / folder).is_dir():
            for path in (output / folder).iterdir():
                if path not in wanted:
                    if path.is_dir():
                        shutil.rmtree(path)
                    else:
                        path.unlink()
    changed = [(output / relative, content) for relative, content in sorted(files.items())
               if not _holds(output / relative, content)]
    for folder in sorted({path.parent for path, _ in changed}):
        folder.mkdir(parents=True, exist_ok=True)
    if len(changed) < PARALLEL_WRITES or not hasattr(os, "fork"):
        _write_all(changed)
        return len(changed)
    pid = os.fork()
    if pid == 0:  # the second writer: every other file, then gone
        status = 1
        try:
            _write_all(changed[1::2])
            status = 0
        finally:
            os._exit(status)
    _write_all(changed[0::2])
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise OSError(f"sangrah search: writing the search files under {output} failed")
    return len(changed)


# Fewer changed files than this are written by one process.
PARALLEL_WRITES = 500
_COMPARED = 1 << 16  # bytes compared at a time: a changed file mostly differs in its first part


def _holds(path: Path, content: bytes) -> bool:
    """Whether the file at ``path`` holds exactly ``content`` (read only as far as the first difference)."""
    try:
        if path.stat().st_size != len(content):
            return False
        with path.open("rb") as handle:
            for start in range(0, len(content), _COMPARED):
                if handle.read(_COMPARED) != content[start:start + _COMPARED]:
                    return False
        return True
    except OSError:
        return False


def _write_all(files: list[tuple[Path, bytes]]) -> None:
    for path, content in files:
        overwrite(path, content)


def overwrite(path: Path, content: bytes) -> None:
    """Make the file at ``path`` hold ``content``: written over its old bytes, then cut to length.

    Not opened with truncation (as ``Path.write_bytes`` does): on ext4 that
    frees the file's blocks and the write allocates them again, and a
    rebuild rewrites some 11,000 data files of the same sizes. Rewriting
    10,000 files of 1.5 KB took 2.3-2.5 s truncated and 0.2 s in place
    (measured on the 2-core build machine). A reader of a file while it is
    written may see a mix of old and new bytes, as it could see a cut file
    before; the data files name their build, which search.js checks.
    """
    handle = os.open(path, os.O_WRONLY | os.O_CREAT, 0o666)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(handle, view):]
        os.ftruncate(handle, len(content))
    finally:
        os.close(handle)


def read_split_index(search_dir: Path) -> dict:
    """The whole index of a built site's split files, serialized as lunr.py would (for tests and tools)."""
    from .scoring import lunr_serialized
    from .split import assemble

    manifest = read_data_script((search_dir / "index.js").read_bytes())["payload"]
    chunks = [read_data_script((search_dir / "chunks" / f"{n}.js").read_bytes())["payload"]
              for n in range(len(manifest["chunks"]))]
    return lunr_serialized(assemble(manifest, chunks), manifest["pipeline"], manifest["version"])
