"""Entity pages: what the site shows about each person, place and organization.

``index.collect`` walks the articles once and gives every entity with an
article its page data (articles newest first, first and last mention,
co-mentioned entities, a monthly chart from ``chart``); ``generator`` is the
thin Pelican generator that writes entity/<id>/ and the entities index with
the theme's entity.html and entities.html. Only ``generator`` imports Pelican.
"""

from .chart import Chart, build_chart, monthly_counts, nice_step
from .index import (EntityIndex, EntityPage, collect, entity_ids_of, group_by_type, groups_linking, is_undated,
                    unknown_report)

__all__ = ["Chart", "EntityIndex", "EntityPage", "build_chart", "collect", "entity_ids_of", "group_by_type",
           "groups_linking", "is_undated", "monthly_counts", "nice_step", "unknown_report"]
