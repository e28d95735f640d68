"""Values the search computed per document, kept in one file between builds.

The text of each article's HTML (documents.TextCache) and the terms of each
document (terms.TermCache) are functions of their input and of the code or
rules that made them: a rebuild after one new dump computes them for the
new article alone. One pickle file each, in the build cache folder
(site.cache_file).
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path


class KeptEntries:
    """Entries by key, loaded from ``path`` and written back with the keys this build used.

    The file holds only the entries of the last build (an article that is
    gone leaves nothing behind) and is dropped whole when ``tag`` (a digest
    of what made the entries) changes. A damaged file is only a slower
    build. ``path`` None: nothing is kept.
    """

    def __init__(self, path: Path | None, tag: str):
        self.path = path
        self.tag = tag
        self.old: dict = {}
        self.used: dict = {}
        if path is not None and path.is_file():
            try:
                with path.open("rb") as handle:
                    saved = pickle.load(handle)
                if saved.get("tag") == tag:
                    self.old = saved["entries"]
            except Exception:  # noqa: BLE001 - see the docstring
                self.old = {}

    def save(self) -> None:
        """Write the entries of this build, unless the file already holds exactly them."""
        # A rebuild over the same documents (whatever is computed is new to
        # the file, so equal keys mean nothing was) would write the same
        # pickle again: tens of MB at 50,000 articles.
        if self.path is None or (self.used.keys() == self.old.keys() and self.path.is_file()):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        with temporary.open("wb") as handle:
            pickle.dump({"tag": self.tag, "entries": self.used}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)
