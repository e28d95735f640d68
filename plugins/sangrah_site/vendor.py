"""Copy the browser-side dependencies from node_modules into the site.

They come from the npm registry, pinned by package-lock.json, so the site
loads nothing from a CDN and works offline.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

log = logging.getLogger("sangrah.site")


def copy_vendor_files(pelican) -> None:
    settings = pelican.settings
    project = Path(settings.get("SANGRAH_ROOT") or Path(settings["PATH"]).resolve().parent)
    output = Path(settings["OUTPUT_PATH"])
    missing = []
    for source, target in sorted(settings.get("SANGRAH_VENDOR", {}).items()):
        origin = project / source
        if not origin.is_file():
            missing.append(source)
            continue
        destination = output / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(origin, destination)
    if missing:
        raise SystemExit("sangrah: browser files missing (run `npm ci` or `make html`): " + ", ".join(missing))
    # GitHub Pages must serve the site as it is, not run it through Jekyll.
    (output / ".nojekyll").write_bytes(b"")
