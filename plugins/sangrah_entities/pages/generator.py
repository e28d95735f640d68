"""The Pelican side of the entity pages: a generator that writes them.

The only module of sangrah_entities that imports Pelican; ``register()`` in
the package imports it when Pelican loads the plugin, so the recognizer (and
the import, which uses it) never does. The work itself is in ``index`` and
``chart``, plain functions.

Pelican runs every generator's ``generate_context`` before any writes a
page, and this one is registered after the articles generator: so the
articles are complete when the index is built, and the entity groups it
attaches to them are there when article pages are written.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from babel import Locale
from pelican.generators import Generator

from ..kb import KnowledgeBaseError, load_knowledge_base, load_knowledge_base_with
from .index import EntityIndex, collect, groups_linking, unknown_report

log = logging.getLogger(__name__)

# Used when the settings leave them out (pelican.conf.py sets them per build).
DEFAULT_URLS = {
    "ENTITY_URL": "entity/{id}/",
    "ENTITY_SAVE_AS": "entity/{id}/index.html",
    "ENTITIES_INDEX_URL": "entities/",
    "ENTITIES_INDEX_SAVE_AS": "entities/index.html",
    "ENTITIES_TYPE_URL": "entities/{type}/",
    "ENTITIES_TYPE_SAVE_AS": "entities/{type}/index.html",
}
# The entities index shows this many of each type (the most mentioned); a
# type with more gets its own paginated list, linked from there. Thousands of
# names on one page made it the site's largest page.
INDEX_TOP = 100


def entities_dir(settings) -> Path:
    """Where the knowledge base is: the folder the import reads (PATH/entities by default).

    ``SANGRAH_ENTITIES_DIR``, when set, wins; relative to PATH like the import's folders.
    """
    content = Path(settings["PATH"])
    chosen = settings.get("SANGRAH_ENTITIES_DIR") or (settings.get("SANGRAH_IMPORT") or {}).get("entities", "entities")
    return (content / chosen).resolve()


@lru_cache(maxsize=2)
def month_abbreviations(lang: str) -> dict[int, str]:
    return dict(Locale.parse(lang).months["stand-alone"]["abbreviated"])


def discovered_file(settings) -> Path | None:
    """The import's file of published discovered names, when the site publishes them."""
    if not settings.get("SANGRAH_PUBLISH_DISCOVERED"):
        return None
    posts = (settings.get("SANGRAH_IMPORT") or {}).get("posts", "posts")
    path = Path(settings["PATH"]) / posts / ".sangrah" / "entities-discovered.yaml"
    return path if path.is_file() else None


def _setting(settings, name: str) -> str:
    value = settings.get(name)
    return DEFAULT_URLS[name] if value is None else value


class EntityPagesGenerator(Generator):
    """Writes entity/<id>/ (paginated like a tag) and the entities index."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        date_lang = self.settings.get("SANGRAH_DATE_LANG", self.settings.get("SANGRAH_UI_LANG", "gu"))
        self.env.filters["month_abbr"] = lambda month: month_abbreviations(date_lang)[int(month)]
        self.index: EntityIndex | None = None

    def _url(self, name: str, entity_id: str) -> str:
        return _setting(self.settings, name).format(id=entity_id, slug=entity_id)

    def generate_context(self) -> None:
        directory = entities_dir(self.settings)
        if directory.is_dir():
            try:
                discovered = discovered_file(self.settings)
                if discovered is None:
                    entities = load_knowledge_base(directory).entities
                else:
                    # Unreviewed names the import published (SANGRAH_PUBLISH_DISCOVERED).
                    entities = load_knowledge_base_with(directory, discovered).entities
            except KnowledgeBaseError as error:
                # The import stops on the same error first; a site built from
                # posts alone still gets its other pages.
                log.error("sangrah entities: no entity pages, %s", error)
                entities = {}
        else:
            log.warning("sangrah entities: no knowledge base at %s, so no entity pages", directory)
            entities = {}

        articles = self.context.get("articles", [])
        index = collect(
            articles, entities,
            url_for=lambda entity_id: self._url("ENTITY_URL", entity_id),
            save_as_for=lambda entity_id: self._url("ENTITY_SAVE_AS", entity_id),
            sort_lang=self.settings.get("SANGRAH_UI_LANG", "gu"),
            related_limit=int(self.settings.get("SANGRAH_ENTITY_RELATED", 12)),
        )
        if index.unknown:
            log.warning("sangrah entities: %d id(s) the knowledge base does not know were skipped:\n  %s",
                        len(index.unknown), "\n  ".join(unknown_report(index.unknown)))

        for article in articles:
            article.entity_groups = index.groups_of(article)
        # Pages Pelican writes but lists nowhere: a translation is the same story
        # in another language (counting it would count the story twice), hidden
        # posts and drafts are not in the archive's lists. They link the entities
        # that have pages and add to no count.
        uncounted = [t for a in articles for t in getattr(a, "translations", [])]
        uncounted += list(self.context.get("hidden_articles", [])) + list(self.context.get("drafts", []))
        for other in uncounted:
            other.entity_groups = groups_linking(other, index)

        self.index = index
        self.context["entity_index"] = index
        # The navigation shows the entities link when this is defined (base.html).
        for name in ("ENTITIES_INDEX_URL", "ENTITIES_INDEX_SAVE_AS"):
            self.context.setdefault(name, _setting(self.settings, name))

    def generate_output(self, writer) -> None:
        if self.index is None:
            return
        relative = self.settings["RELATIVE_URLS"]
        template = self.get_template("entity")
        for entity_id in sorted(self.index.pages):
            page = self.index.pages[entity_id]
            writer.write_file(
                page.save_as, template, self.context, relative_urls=relative,
                paginated={"articles": page.articles}, template_name="entity", url=page.url,
                entity=page, articles=page.articles,
            )
        # The index: the most mentioned of each type, and a link to all of a
        # type when there are more (entities/<type>/, paginated).
        index_template = self.get_template("entities")
        top = int(self.settings.get("SANGRAH_ENTITIES_INDEX_TOP", INDEX_TOP))
        shown = {kind: group[:top] for kind, group in self.index.by_type.items()}
        type_urls = {kind: self._type_url("ENTITIES_TYPE_URL", kind)
                     for kind, group in self.index.by_type.items() if len(group) > top}
        writer.write_file(
            _setting(self.settings, "ENTITIES_INDEX_SAVE_AS"), index_template, self.context,
            relative_urls=relative, template_name="entities", url=_setting(self.settings, "ENTITIES_INDEX_URL"),
            paginated={}, entities_by_type=shown, counts={kind: len(g) for kind, g in self.index.by_type.items()},
            type_urls=type_urls, entity_type=None,
        )
        for kind in sorted(type_urls):
            group = self.index.by_type[kind]
            writer.write_file(
                self._type_url("ENTITIES_TYPE_SAVE_AS", kind), index_template, self.context,
                relative_urls=relative, template_name="entities", url=type_urls[kind],
                paginated={"entities": group}, entities=group, entity_type=kind,
                counts={kind: len(group)}, entities_by_type={kind: group}, type_urls=type_urls,
            )

    def _type_url(self, name: str, kind: str) -> str:
        return _setting(self.settings, name).format(type=kind)
