"""Interface labels and date formats, in the language a site setting picks."""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import lru_cache
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
    return digits(babel_format_date(value, format=style, locale=lang), system)


def month_name(month: int, lang: str = "gu") -> str:
    from babel import Locale

    return Locale.parse(lang).months["stand-alone"]["wide"][int(month)]


def make_filters(settings: dict) -> tuple[dict, dict]:
    """(JINJA_FILTERS, JINJA_GLOBALS) additions for the theme."""
    ui = settings.get("SANGRAH_UI_LANG", "gu")
    date_lang = settings.get("SANGRAH_DATE_LANG", ui)
    system = settings.get("SANGRAH_DIGITS", "latn")
    filters = {
        "label": lambda key, **values: label(key, ui, **values),
        "sdate": lambda value, style="long": format_date(value, date_lang, style, system),
        "month_name": lambda month: month_name(month, date_lang),
        "digits": lambda value: digits(str(value), system),
    }
    return filters, {"UI_LANG": ui, "DATE_LANG": date_lang}
