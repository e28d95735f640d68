"""Pelican settings for the published site (`make publish SITEURL=...`).

Everything from pelican.conf.py, plus: the absolute SITEURL of a GitHub
Pages project site (https://USER.github.io/REPO), pretty URLs without
index.html, and Atom feeds (which need absolute URLs).
"""

import os
import runpy
import sys
from pathlib import Path

_base = runpy.run_path(str(Path(__file__).resolve().parent / "pelican.conf.py"))
globals().update({k: v for k, v in _base.items() if k.isupper()})

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
if not SITEURL:
    sys.exit("publish.conf.py: set SITEURL, e.g. make publish SITEURL=https://USER.github.io/REPO")
RELATIVE_URLS = False
INDEX_SUFFIX = ""
globals().update(_base["url_settings"](INDEX_SUFFIX))

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
