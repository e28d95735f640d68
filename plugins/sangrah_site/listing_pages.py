"""The listing pages, written from one pass over the articles: every one paginated.

Pelican's own tag, category, author and period-archive pages are switched
off (build.py: their article lists cost a scan of every article per group)
and so are its tags, categories, authors and archives direct templates
(one page listing everything: 16 MB at 10,000 articles). This generator
writes them all again, at the same URLs, from the groups Pelican has already
made:

* ``tag/<slug>/``, ``category/<slug>/``, ``author/<slug>/``: the group's
  articles, paginated like the home page;
* ``archives/``: years with their months and counts, and the first undated
  articles with a link to all of them;
* ``archives/<year>/``: the months of the year, each with its newest titles;
* ``archives/<year>/<month>/`` and ``archives/undated/``: title lists,
  paginated (``SANGRAH_ARCHIVE_PAGINATION`` a page);
* ``tags/``, ``categories/``, ``authors/``: name, link and count, most
  articles first, paginated (``SANGRAH_INDEX_PAGINATION`` a page).

No page grows with the archive beyond its page size, and every page is
given only what it shows (so its render key can follow it, writer.py).
"""

from __future__ import annotations

from pelican.generators import Generator

from .labels import label
from .listings import Row, ranked_rows, years_with_months

# Titles of each month shown on a year's page.
YEAR_PAGE_TITLES = 5
# Undated titles shown on the archives page (all of them: archives/undated/),
# unless SANGRAH_ARCHIVES_UNDATED says otherwise.
ARCHIVES_UNDATED_TITLES = 20


class ListingsGenerator(Generator):
    def generate_context(self) -> None:
        for name in ("UNDATED_URL", "UNDATED_SAVE_AS"):
            self.context.setdefault(name, self.settings.get(name, "archives/undated/"
                                                            + ("index.html" if name.endswith("SAVE_AS") else "")))

    def generate_output(self, writer) -> None:
        context = self.context
        write = lambda *args, **kwargs: writer.write_file(*args, relative_urls=self.settings["RELATIVE_URLS"], **kwargs)  # noqa: E731
        tags = list(context.get("tags") or [])
        categories = list(context.get("categories") or [])
        authors = list(context.get("authors") or [])

        for kind, groups in (("tag", tags), ("category", categories), ("author", authors)):
            template = self.get_template(kind)
            for obj, articles in groups:
                if not obj.save_as:
                    continue
                write(obj.save_as, template, context, paginated={"articles": articles}, template_name=kind,
                      url=obj.url, articles=articles, page_name=obj.page_name, **{kind: obj})

        self._write_archives(write)

        ui = self.settings.get("SANGRAH_UI_LANG", "gu")
        default_category = self.settings.get("DEFAULT_CATEGORY")
        indexes = (
            ("tags", ranked_rows(tags)),
            ("categories", ranked_rows(categories, label=lambda c: label(c.name, ui),
                                       last=lambda c: c.name == default_category)),
            ("authors", ranked_rows(authors)),
        )
        for name, rows in indexes:
            save_as = self.settings.get(f"{name.upper()}_SAVE_AS")
            if save_as:
                write(save_as, self.get_template(name), context, paginated={"rows": rows}, template_name=name,
                      url=self.settings.get(f"{name.upper()}_URL"), rows=rows)

    def _write_archives(self, write) -> None:
        context = self.context
        settings = self.settings
        years = years_with_months(context.get("period_archives") or {})
        undated = list(context.get("undated_articles") or [])
        shown = int(settings.get("SANGRAH_ARCHIVES_UNDATED", ARCHIVES_UNDATED_TITLES))
        save_as = settings.get("ARCHIVES_SAVE_AS")
        if save_as:
            write(save_as, self.get_template("archives"), context, template_name="archives",
                  url=settings.get("ARCHIVES_URL"), years=years, undated_count=len(undated),
                  undated_first=undated[:shown])
        period_template = self.get_template("period_archives")
        list_template = self.get_template("archive_list")
        for year in years:
            months = [{"period_num": m["period_num"], "url": m["url"], "count": len(m["dates"]),
                       "latest": m["dates"][:YEAR_PAGE_TITLES]} for m in year.months]
            write(year.save_as, period_template, context, template_name="period_archives", url=year.url,
                  paginated={}, period_num=(year.year,), count=year.count, months=months)
            for month in year.months:
                write(month["save_as"], list_template, context, template_name="archive_list", url=month["url"],
                      paginated={"articles": month["dates"]}, articles=month["dates"],
                      period_num=month["period_num"], year_url=year.url)
        undated_save_as = context.get("UNDATED_SAVE_AS")
        # Its own pages only when the archives page cannot show them all
        # (archives.html links it under the same condition).
        if len(undated) > shown and undated_save_as:
            write(undated_save_as, list_template, context, template_name="archive_list",
                  url=context.get("UNDATED_URL"), paginated={"articles": undated}, articles=undated,
                  period_num=None, year_url=None)


__all__ = ["ListingsGenerator", "Row"]
