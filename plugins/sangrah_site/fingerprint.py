"""What a page shows, as a digest: its render key.

A page is rendered again only when its key changes. The key is made of

* the **site digest**: every setting and site-wide value the templates may
  read (names, URLs, labels, languages, the navigation's pages), the bytes of
  every template and of the plugins' code, and the versions of the libraries
  that turn posts into HTML (Pelican, Markdown, Jinja, nh3, babel, ...);
* the **page digest**: the template, the output path, and every value the
  page is given, followed into the objects it shows.

Objects are followed by type, with what a template can show of them:

* an article or page: the bytes of its source file (its text and front
  matter) and everything it shows from elsewhere: its URL, the names and
  URLs of its tags, category and authors, its entities' names and URLs,
  its translations;
* a tag, category or author: name, slug, URL;
* an entity as a page's subject (``entity=``): names, type, counts, first
  and last mention, months of the chart, co-mentions with their counts, and
  its articles;
  an entity shown anywhere else: names, type, URL.

A value of any other type makes the page uncacheable (it is rendered every
time): a new kind of value can cost speed, never correctness.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

from sangrah_lang.code_files import package_files
from sangrah_lang.filestamps import file_sha256

PLUGINS = Path(__file__).resolve().parent.parent
# Libraries whose output ends up in the pages.
LIBRARIES = ("pelican", "jinja2", "markupsafe", "markdown", "PyYAML", "pelican-yaml-metadata", "nh3", "babel")
# Values the search plugin changes when its code, scripts or theme files
# change: the writer renders a placeholder and puts the value in afterwards
# (writer.py), so they are not part of any key.
VOLATILE = ("SANGRAH_SEARCH_VERSION",)


class Uncacheable(Exception):
    """A page shows a value this module cannot follow."""


def _digest(*parts: str) -> str:
    # Each part followed by a NUL, hashed in one call (a build makes some 200,000 of these).
    return hashlib.sha256(("\0".join(parts) + "\0").encode("utf-8", "surrogatepass")).hexdigest()


def _file_digests(folder: Path, suffixes: tuple[str, ...]) -> list[str]:
    return [f"{path.relative_to(folder).as_posix()} {hashlib.sha256(path.read_bytes()).hexdigest()}"
            for path in package_files(folder, suffixes)]


def _library_versions() -> list[str]:
    versions = []
    for library in LIBRARIES:
        try:
            versions.append(f"{library}=={metadata.version(library)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{library}==-")
    return versions


def _stable(value: Any) -> Any:
    """JSON for a settings value; functions and other objects by their type's name.

    Their behaviour is code (in the code digest); an object's address, which
    its repr would give, changes on every run.
    """
    if isinstance(value, (set, frozenset)):
        return sorted(map(str, value))
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    kind = type(value)
    return f"<{kind.__module__}.{getattr(value, '__qualname__', kind.__qualname__)}>"


def site_digest(context: dict, template_dirs: list[Path], site_values: dict) -> str:
    """Everything every page may show that is not given to it in particular."""
    settings = {key: value for key, value in context.items() if key.isupper() and key not in VOLATILE}
    parts = [json.dumps(settings, sort_keys=True, default=_stable, ensure_ascii=False)]
    parts += _library_versions()
    parts += _file_digests(PLUGINS, (".py", ".json", ".yaml", ".html", ".js"))
    for folder in template_dirs:
        parts += _file_digests(folder, (".html", ".htm", ".xml", ".txt", ".j2", ".jinja"))
    fingerprints = Fingerprints()
    parts += [f"{name}={fingerprints.of(value)}" for name, value in sorted(site_values.items())]
    return _digest(*parts)


# Pelican's own intrasite link syntax ({filename}, {static}, {tag}, ...): a
# body with such a link shows another page's URL.
_INTRASITE = re.compile(r"\{(?:filename|static|attach|tag|category|author|index)\}|\|(?:filename|static|attach|tag|category|author|index)\|")


class Fingerprints:
    """Digests of the values pages show, each computed once per build (by object identity)."""

    def __init__(self):
        self._memo: dict[int, str] = {}
        self._keep: list = []  # the objects memoized, so their ids stay theirs

    def _remember(self, value, digest: str) -> str:
        self._memo[id(value)] = digest
        self._keep.append(value)
        return digest

    def known(self, value: Any) -> str | None:
        """The digest of ``value`` if this build computed it (an article's, an entity's link), else None."""
        return self._memo.get(id(value))

    def names(self) -> set[str]:
        """Every digest :meth:`known` can give."""
        return set(self._memo.values())

    def of(self, value: Any, subject: bool = False) -> str:
        """The digest of ``value`` as a page shows it (``subject``: the page is about it)."""
        # Asked first: most values asked are articles and entities already
        # digested (a listing's teasers), a million times at 10,000 articles.
        # Only kept objects are in the memo, so an id there is theirs.
        known = self._memo.get(id(value))
        if known is not None and not (subject and _is_entity(value)):  # an entity is shown in full on its own page only
            return known
        if value is None or isinstance(value, (bool, int, float, str)):
            return repr(value)
        if isinstance(value, (date, datetime)):
            return value.isoformat()
        if isinstance(value, Content):
            return self._remember(value, self.content(value))
        if isinstance(value, URLWrapper):
            return f"{type(value).__name__}({value.name!r},{value.slug!r},{value.url!r})"
        if _is_entity(value):
            return self.entity(value) if subject else self._remember(value, self.entity_reference(value))
        if isinstance(value, (list, tuple)):
            digest = _digest(type(value).__name__, *(self.of(item) for item in value))
            return self._remember(value, digest) if len(value) > 16 else digest
        if isinstance(value, dict):
            return _digest("dict", *(f"{self.of(k)}:{self.of(v)}" for k, v in value.items()))
        if _is_plain_record(value):
            return repr(value)
        raise Uncacheable(type(value).__qualname__)

    def content(self, item: Content) -> str:
        """An article or page: its source, and what it shows from other objects."""
        source = getattr(item, "source_path", None)
        try:
            source_digest = file_sha256(source).hex() if source else "-"
        except OSError:
            source_digest = "unreadable"
        parts = [
            type(item).__name__, source_digest, item.url, item.save_as, getattr(item, "status", ""),
            getattr(item, "lang", ""), str(getattr(item, "in_default_lang", True)), getattr(item, "template", ""),
            self.of(getattr(item, "date", None)),
            self.of(list(getattr(item, "tags", None) or [])),
            self.of(getattr(item, "category", None)),
            self.of(list(getattr(item, "authors", None) or [])),
            self.of([(kind, list(group)) for kind, group in getattr(item, "entity_groups", None) or []]),
            self.of([(t.lang, t.url, str(t.title)) for t in getattr(item, "translations", None) or []]),
        ]
        body = getattr(item, "_content", "") or ""
        if _INTRASITE.search(body):
            parts.append(item.get_content(""))
        return _digest(*parts)

    def entity_reference(self, entity) -> str:
        """An entity where another page links it: what a link shows."""
        return _digest("entity", entity.id, entity.type, json.dumps(dict(entity.names), sort_keys=True, ensure_ascii=False),
                       entity.url, entity.description or "")

    def entity(self, entity) -> str:
        """An entity as its own page shows it."""
        return _digest(
            self.entity_reference(entity), str(entity.count), str(entity.undated),
            self.of(entity.first), self.of(entity.last), repr(entity.months),  # the chart is made of them
            self.of([(other, n) for other, n in entity.related]), self.of(entity.articles),
        )


def _is_entity(value) -> bool:
    # Duck-typed: sangrah_entities' EntityPage, without importing it here.
    return type(value).__name__ == "EntityPage" and hasattr(value, "related")


def _is_plain_record(value) -> bool:
    """A frozen dataclass of plain values (the entity chart): its repr is its content."""
    params = getattr(type(value), "__dataclass_params__", None)
    return bool(params and params.frozen)
