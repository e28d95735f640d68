"""Dates stated by machines: JSON-LD, meta tags, <time datetime>, record fields.

A stated date keeps the zone it was stated in ("2024-03-04T20:15Z" stays
20:15 UTC, it does not become 5 March in India): the post shows the moment
as the source wrote it, and any reader can still compare instants. A value
without a zone is read in the site's TIMEZONE; a date without a time stays
a date (no invented midnight that a zone could shift to another day).

Accepted: ISO 8601 (with or without time, zone, fractions), RFC 822 (feeds:
"Wed, 19 Jun 2024 14:28:14 +0530", "… GMT"), Unix epoch seconds or
milliseconds (numbers or digit strings; they count from UTC, so they are
stated in UTC), and the human forms the text date finder reads
("19 જૂન, 2024", "22/07/2024", "June 19, 2024 10:30 AM").
"""

from __future__ import annotations

import email.utils
import re
from datetime import date, datetime, timezone, tzinfo

from .dates import find_dates

# Epoch values are accepted for publication years in this range; anything
# else is a wrong unit or not a date at all.
EARLIEST_YEAR = 1990
LATEST_YEAR = 2100
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|z|[+-]\d{2}(?::?\d{2})?)?)?$")
_DIGITS = re.compile(r"^\d{9,14}(?:\.\d+)?$")


def _plausible(value: date | datetime) -> bool:
    return EARLIEST_YEAR <= value.year <= LATEST_YEAR


def _from_epoch(number: float) -> datetime | None:
    """Seconds or milliseconds since 1970 (UTC); milliseconds when seconds would be absurd."""
    for divisor in (1, 1000, 1_000_000):
        try:
            moment = datetime.fromtimestamp(number / divisor, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            continue
        if _plausible(moment):
            return moment
    return None


def _from_iso(text: str, local_zone: tzinfo) -> date | datetime | None:
    text = text.strip()
    if not _ISO.match(text):
        return None
    if len(text) == 10:
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    normalized = text.replace(",", ".").replace(" ", "T", 1).replace("z", "Z")
    normalized = re.sub(r"\s+(?=[Z+-]\d*)", "", normalized)
    # "+0530" -> "+05:30", "+05" -> "+05:00": fromisoformat wants the colon form.
    normalized = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", normalized)
    normalized = re.sub(r"([+-]\d{2})$", r"\1:00", normalized)
    try:
        moment = datetime.fromisoformat(normalized)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=local_zone)


def _from_rfc822(text: str) -> datetime | None:
    if not re.search(r"[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}|\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}", text):
        return None
    try:
        moment = email.utils.parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment is None:
        return None
    if moment.tzinfo is None:  # "-0000": the zone is unknown, the time is UTC
        moment = moment.replace(tzinfo=timezone.utc)
    return moment


def parse_date_value(value, local_zone: tzinfo) -> date | datetime | None:
    """A publication date from a machine-stated value, or None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 100:
        return None
    if _DIGITS.match(text):
        return _from_epoch(float(text))
    found = _from_iso(text, local_zone) or _from_rfc822(text)
    if found is None:
        matches = find_dates(text, local_zone)
        found = matches[0].value if matches else None
    return found if found is not None and _plausible(found) else None
