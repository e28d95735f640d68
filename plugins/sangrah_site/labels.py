"""Interface labels and date formats, in the language a site setting picks."""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import lru_cache, partial
from pathlib import Path

from babel.dates import format_date as babel_format_date

LABELS_PATH = Path(__file__).with_name("labels.json")
GUJARATI_DIGITS = str.maketrans("0123456789", "૦૧૨૩૪૫૬૭૮૯")


@lru_cache(maxsize=1)
def labels() -> dict:
    with LABELS_PATH.open(encoding="utf-8") as handle:
        return json.load(handle)


def label(key: str, lang: str = "gu", **values) -> str:
    """The label ``key`` in ``lang`` (falling back to English, then the key)."""
    table = labels()
    text = table.get(lang, {}).get(key) or table["en"].get(key) or key
    return text.format(**values) if values else text


def digits(text: str, system: str = "latn") -> str:
    return text.translate(GUJARATI_DIGITS) if system == "gujr" else text


def format_date(value: date | datetime, lang: str = "gu", style: str = "long", system: str = "latn") -> str:
    """'19 જૂન, 2024' or 'June 19, 2024' (babel's CLDR formats)."""
    if isinstance(value, datetime):
        value = value.date()
    return _format_day(value, lang, style, system)


# Listings print the same few thousand days hundreds of thousands of times
# (every teaser of every page), and babel parses its locale on every call:
# remembered, a date costs a dictionary lookup.
@lru_cache(maxsize=65536)
def _format_day(value: date, lang: str, style: str, system: str) -> str:
    return digits(babel_format_date(value, format=style, locale=lang), system)


@lru_cache(maxsize=64)
def month_name(month: int, lang: str = "gu") -> str:
    from babel import Locale

    return Locale.parse(lang).months["stand-alone"]["wide"][int(month)]


def _label_filter(lang: str, key: str, **values) -> str:
    return label(key, lang, **values)


def _date_filter(lang: str, system: str, value, style: str = "long") -> str:
    return format_date(value, lang, style, system)


def _month_filter(lang: str, month) -> str:
    return month_name(month, lang)


def _digits_filter(system: str, value) -> str:
    return digits(str(value), system)


def _month_year_filter(lang: str, system: str, month, year) -> str:
    """'જૂન 2024': an entity chart names a month on every bar and row, so this
    is a filter (a Jinja macro call costs ten times as much)."""
    return f"{month_name(month, lang)} {digits(str(year), system)}"


def _count_filter(ui: str, system: str, n) -> str:
    """'1 લેખ', '12 લેખ': the article count in the interface's words."""
    text = label("article_count_one", ui) if n == 1 else label("article_count", ui, n=n)
    return digits(text, system)


def make_filters(settings: dict) -> tuple[dict, dict]:
    """(JINJA_FILTERS, JINJA_GLOBALS) additions for the theme.

    Partials of module functions, not lambdas: the settings travel inside
    Pelican's content cache (every tag keeps a reference to them), and a
    lambda cannot be pickled.
    """
    ui = settings.get("SANGRAH_UI_LANG", "gu")
    date_lang = settings.get("SANGRAH_DATE_LANG", ui)
    system = settings.get("SANGRAH_DIGITS", "latn")
    filters = {
        "label": partial(_label_filter, ui),
        "sdate": partial(_date_filter, date_lang, system),
        "month_name": partial(_month_filter, date_lang),
        "digits": partial(_digits_filter, system),
        "month_year": partial(_month_year_filter, date_lang, system),
        "article_count": partial(_count_filter, ui, system),
    }
    from .memo import memo_each, memo_html

    return filters, {"UI_LANG": ui, "DATE_LANG": date_lang, "memo_html": memo_html, "memo_each": memo_each}
