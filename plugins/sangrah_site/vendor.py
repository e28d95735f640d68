"""Copy the browser-side dependencies from node_modules into the site.

They come from the npm registry, pinned by package-lock.json, so the site
loads nothing from a CDN and works offline.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .writer import write_if_changed

log = logging.getLogger("sangrah.site")


def copy_vendor_files(pelican) -> list[str]:
    """Copy the files (only those whose bytes changed); their paths relative to the output."""
    settings = pelican.settings
    project = Path(settings.get("SANGRAH_ROOT") or Path(settings["PATH"]).resolve().parent)
    output = Path(settings["OUTPUT_PATH"])
    missing = []
    copied = []
    for source, target in sorted(settings.get("SANGRAH_VENDOR", {}).items()):
        origin = project / source
        if not origin.is_file():
            missing.append(source)
            continue
        write_if_changed(output / target, origin.read_bytes())
        copied.append(Path(target).as_posix())
    if missing:
        raise SystemExit("sangrah: browser files missing (run `npm ci` or `make html`): " + ", ".join(missing))
    # GitHub Pages must serve the site as it is, not run it through Jekyll.
    write_if_changed(output / ".nojekyll", b"")
    return copied + [".nojekyll"]
