"""Pelican settings for a sangrah archive (local build: `make html`).

`publish.conf.py` reuses everything here and changes only what a site
served from GitHub Pages needs (absolute SITEURL, pretty URLs, feeds).
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Pelican loads plugins from PLUGIN_PATHS by file; their shared library
# (plugins/sangrah_lang) is imported by name, so the folder goes on sys.path.
if str(HERE / "plugins") not in sys.path:
    sys.path.insert(0, str(HERE / "plugins"))
# The project folder: node_modules and the theme are found from here even when
# a build reads its content from elsewhere (tests build copies in temp dirs).
SANGRAH_ROOT = str(HERE)

# -- the archive ---------------------------------------------------------------
SITENAME = "સંગ્રહ"
SITESUBTITLE = "સમાચાર આર્કાઇવ"
DEFAULT_LANG = "gu"
TIMEZONE = "Asia/Kolkata"

# Interface labels and article dates: "gu" (Gujarati) or "en" (English).
SANGRAH_UI_LANG = "gu"
SANGRAH_DATE_LANG = "gu"
# Digits in dates and counts: "latn" (19 જૂન 2024) or "gujr" (૧૯ જૂન ૨૦૨૪).
SANGRAH_DIGITS = "latn"

# The import (plugins/sangrah_import): folders are relative to PATH.
SANGRAH_IMPORT = {
    "dumps": "dumps",
    "posts": "posts",
    "entities": "entities",
    "fail_on_reject": False,  # True: a rejected dump fails the build
    "max_bytes": 20 * 1024 * 1024,  # bigger dumps are rejected with that reason
    "undated_date": "1970-01-01",  # sorts undated posts last; shown as "date unknown"
}

# Entities (plugins/sangrah_entities): names the knowledge base lacks, found
# after title words (મંત્રી, પ્રવક્તા, Mr. …), are listed for editors in
# content/posts/.sangrah/entities-review.yaml. They become entities only when
# an editor adds them to content/entities/, unless this is True (then they
# are published at once, unreviewed, as people).
SANGRAH_PUBLISH_DISCOVERED = False
SANGRAH_DISCOVERY_MIN_COUNT = 1  # names seen fewer times are not listed

# -- content -------------------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]
# Dumps are raw, untrusted input: Pelican must never read them as content,
# and it must not render hand-written HTML files either.
ARTICLE_EXCLUDES = ["dumps"]
PAGE_EXCLUDES = ["dumps", "posts"]
READERS = {"html": None, "htm": None, "rst": None}
MARKDOWN = {
    # No extensions: post bodies are plain paragraphs, headings, lists and
    # quotes. (attr_list, for one, would let text in a dump set attributes.)
    "extensions": [],
    "output_format": "html5",
}
# Every post has a date (the import writes a placeholder for undated dumps),
# so no file times leak into the site (they would differ on every clone).
DEFAULT_DATE = None
# Dates come from the front matter only: Pelican would otherwise read a date
# from a file name that starts like one ("2024-06-469-…", a slug made of a
# caption's digits) and fail on it.
FILENAME_METADATA = ""
USE_FOLDER_AS_CATEGORY = False
# Pelican gives every article a category; posts whose dump names no section
# get this one, which the theme does not show on the article.
DEFAULT_CATEGORY = "Uncategorized"
# Summaries (feeds) are the first paragraph, whole: Pelican counts words by
# regex and would cut Gujarati words at their vowel signs.
SUMMARY_MAX_LENGTH = None
SUMMARY_MAX_PARAGRAPHS = 1

# -- plugins and theme ---------------------------------------------------------
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "pelican.plugins.yaml_metadata",
    "sangrah_import",
    "sangrah_site",
    # Full-text search: lunr index, search page, service worker (search/, sw.js).
    "sangrah_search",
    # Entity pages (entity/<id>/, entities/) from the posts' `entities` ids.
    "sangrah_entities",
]
THEME = "theme"
THEME_STATIC_DIR = "theme"
# Titles, tags and names come from untrusted dumps: the theme's templates
# escape every value unless it is marked safe (article and page bodies,
# already sanitized by sangrah_site, are).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [], "autoescape": True}
# Browser-side dependencies come from node_modules (npm registry, pinned in
# package-lock.json) and are copied into the site: nothing is loaded from a CDN.
SANGRAH_VENDOR = {
    "node_modules/@fontsource/noto-sans-gujarati/files/noto-sans-gujarati-gujarati-400-normal.woff2": "theme/fonts/noto-sans-gujarati-400.woff2",
    "node_modules/@fontsource/noto-sans-gujarati/files/noto-sans-gujarati-gujarati-700-normal.woff2": "theme/fonts/noto-sans-gujarati-700.woff2",
    "node_modules/@fontsource/noto-serif-gujarati/files/noto-serif-gujarati-gujarati-400-normal.woff2": "theme/fonts/noto-serif-gujarati-400.woff2",
    "node_modules/@fontsource/noto-serif-gujarati/files/noto-serif-gujarati-gujarati-700-normal.woff2": "theme/fonts/noto-serif-gujarati-700.woff2",
    # The SIL Open Font License travels with the fonts it covers.
    "node_modules/@fontsource/noto-sans-gujarati/LICENSE": "theme/fonts/LICENSE-noto-sans-gujarati.txt",
    "node_modules/@fontsource/noto-serif-gujarati/LICENSE": "theme/fonts/LICENSE-noto-serif-gujarati.txt",
    # lunr.js searches the index in the browser (the search scripts load it on first use).
    "node_modules/lunr/lunr.min.js": "search/lunr.min.js",
    "node_modules/lunr/LICENSE": "search/LICENSE-lunr.txt",
}
# Full-text search (plugins/sangrah_search): a search box on every page, the
# search page search/, the index and a service worker for offline reading.
# False: no box, no search page, no index.
SANGRAH_SEARCH = True

# -- URLs ----------------------------------------------------------------------
# Locally every link names its index.html, so that output/ works when opened
# straight from disk (file://). The published site drops it (pretty URLs).
SITEURL = ""
RELATIVE_URLS = True
INDEX_SUFFIX = "index.html"


def url_settings(suffix):
    """URL and SAVE_AS settings for one choice of INDEX_SUFFIX."""
    urls = {
        "ARTICLE": "posts/{slug}/",
        "PAGE": "pages/{slug}/",
        "TAG": "tag/{slug}/",
        "CATEGORY": "category/{slug}/",
        "AUTHOR": "author/{slug}/",
        "TAGS": "tags/",
        "CATEGORIES": "categories/",
        "AUTHORS": "authors/",
        "ARCHIVES": "archives/",
        "YEAR_ARCHIVE": "archives/{date:%Y}/",
        "MONTH_ARCHIVE": "archives/{date:%Y}/{date:%m}/",
        # sangrah_site: every undated article (the archives page shows the first).
        "UNDATED": "archives/undated/",
        "SEARCH": "search/",
        # sangrah_entities: one page per entity id, and the index of them all.
        "ENTITY": "entity/{id}/",
        "ENTITIES_INDEX": "entities/",
        # All entities of one type (person, place, organization), paginated;
        # the index shows the most mentioned of each.
        "ENTITIES_TYPE": "entities/{type}/",
    }
    settings = {}
    for name, path in urls.items():
        settings[f"{name}_URL"] = path + suffix
        settings[f"{name}_SAVE_AS"] = path + "index.html"
    settings["INDEX_URL"] = suffix
    settings["ARTICLE_LANG_URL"] = settings["ARTICLE_URL"]
    settings["ARTICLE_LANG_SAVE_AS"] = settings["ARTICLE_SAVE_AS"]
    settings["PAGE_LANG_URL"] = settings["PAGE_URL"]
    settings["PAGE_LANG_SAVE_AS"] = settings["PAGE_SAVE_AS"]
    settings["PAGINATION_PATTERNS"] = (
        (1, "{url}", "{save_as}"),
        (2, "{base_name}/page/{number}/" + suffix, "{base_name}/page/{number}/index.html"),
    )
    return settings


globals().update(url_settings(INDEX_SUFFIX))
DAY_ARCHIVE_SAVE_AS = ""
# tags/, categories/, authors/ and archives/ are written by sangrah_site
# (listing_pages.py), paginated, at the URLs above; Pelican's own versions
# list everything on one page.
DIRECT_TEMPLATES = ["index", "404", "search"]
DEFAULT_PAGINATION = 20
# Page sizes: None is DEFAULT_PAGINATION articles. Headline lists (a month,
# the undated articles) and name lists (tags, sections, authors, an entity
# type) are short lines: more to a page, still far below 500 KB.
PAGINATED_TEMPLATES = {
    "index": None, "tag": None, "category": None, "author": None, "entity": 100,
    "archive_list": 200, "tags": 500, "categories": 500, "authors": 500, "entities": 500,
}
# An entity's front page shows its newest articles as teasers (headline, lede);
# the rest of that page and its numbered pages (PAGINATED_TEMPLATES, 100 to a
# page) list headlines and dates. A name in most of the news lists thousands
# of articles: as teasers, twenty to a page, the entity pages alone were over
# half of a 10,000-article site's 840 MB (GitHub Pages publishes at most 1 GB).
SANGRAH_ENTITY_TEASERS = 20
# An entity page lists this many co-mentioned entities.
SANGRAH_ENTITY_RELATED = 12

# Every post is an article of its own: the theme shows no translations, and
# Pelican's pairing of same-slug posts as translations would hide one of them
# from every listing (the import gives every post its own slug). It also
# scans its article list once per article (quadratic: a second per build at
# 10,000 articles, half a minute at 50,000).
ARTICLE_TRANSLATION_ID = None
# Newest first, equal dates by slug (without the pairing above, Pelican's
# "reversed-date" would leave them in the order the disk lists the files).
# A function from the plugins, not from this file: Pelican pickles its
# settings into its content cache, and a function defined here cannot be
# pickled when publish.conf.py runs this file.
from sangrah_site.listings import newest_first  # noqa: E402 - plugins/ is on sys.path (above)

ARTICLE_ORDER_BY = newest_first

# Feeds need absolute URLs: only the published site has them.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# -- the build (sangrah_site/build.py) ----------------------------------------------
# The output folder is kept between builds: only files whose bytes change are
# written, and files the site no longer has are removed (the build records
# what it wrote). A build with no record yet starts from an emptied folder.
DELETE_OUTPUT_DIRECTORY = False
OUTPUT_RETENTION = [".git"]
# Where the build keeps its caches (rendered pages, Pelican's parsed posts):
# None is cache/<output folder name> beside the output folder.
SANGRAH_BUILD_CACHE = None
# Pelican's content cache: a post unchanged since the last build is not
# parsed again. Not gzipped (gzip costs more than it saves at this size);
# posts compared by content, not by modification time.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
GZIP_CACHE = False
CHECK_MODIFIED_METHOD = "sha256"
# Processes rendering pages: 0 is every core this build may use.
SANGRAH_BUILD_WORKERS = 0
