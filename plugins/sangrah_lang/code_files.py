"""The source files of a plugin package, in a stable order, for the digests that key caches and versions.

Not a language rule: it lives here because every plugin imports this
package (the import's result cache, the site's render keys and the search
version each hash code this way).
"""

from __future__ import annotations

import os
from pathlib import Path


def package_files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Files under ``folder`` ending in one of ``suffixes``; folder by folder, names sorted.

    Caches and hidden folders (``__pycache__``, ``.git``) are left out.
    """
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        files += [Path(root) / name for name in sorted(names) if name.endswith(suffixes)]
    return files
