"""Find the publication date of a dump, and say where it came from.

dateparser was measured to misread Gujarati news dates (it reads "3 મે 2023"
as a date in March and misses ઓગસ્ટ, જુલાઇ), so dates are matched here with
explicit patterns over month names from CLDR (via babel) plus the spelling
variants news sites use (data/months.json).

Only dates that are *about the dump* count: datelines, labelled
"Published/Updated" lines, machine stamps (ISO times, image export names) and
the file name. A date inside a sentence ("the 1950-53 conflict", "on 15 August
1947") is history the article tells, not when it was published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale

from sangrah_lang import RULES, normalize_text

from ..data import load
from ..model import DateEvidence
from ..text import Need, words_pattern


@dataclass(frozen=True)
class FoundDate:
    """A date expression in a piece of text."""

    start: int
    end: int
    value: date | datetime
    kind: str  # "text" (written by a person) or "stamp" (written by a machine)
    label: str | None = None  # "published" / "updated" when a label precedes it
    rank: int = 0


@lru_cache(maxsize=1)
def _month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for locale in ("gu", "en"):
        months = Locale.parse(locale).months["format"]
        for width in ("wide", "abbreviated"):
            for number, name in months[width].items():
                names[normalize_text(name).lower().rstrip(".")] = number
    for number, variants in load("months")["variants"].items():
        for name in variants:
            names[normalize_text(name).lower()] = int(number)
    return names


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Gujarati letters and signs: a month name must not run on into a longer word
# (મે is May only when it stands alone, not in મેળો or મેં).
_GU = "\u0A80-\u0AFF\u0900-\u097F"


def _camera_prefixes() -> list[str]:
    """What cameras, phones and messengers begin an exported image's name with (data/noise.json)."""
    return load("noise")["caption_patterns"]["camera_prefixes"]


@lru_cache(maxsize=1)
def _patterns():
    months = _alternation(_month_names())
    ordinals = _alternation(load("months")["ordinal_suffixes"]["list"])
    zones = _alternation(load("months")["zones"]["map"])
    day_parts = _alternation(load("months")["day_parts"]["map"])
    month = rf"(?P<month>{months})(?![A-Za-z{_GU}])\.?"
    day = rf"(?P<day>\d{{1,2}})(?:{ordinals})?(?![\d])"
    year = r"(?P<year>(?:19|20)\d{2})(?!\d)"
    time = (
        rf"(?:\s*(?:,|at|\||-|–)?\s*(?:(?:સમય|time|samay)\s*[:ઃ]?\s*)?(?:(?P<daypart>{day_parts})\s*)?(?P<hour>\d{{1,2}})[:.](?P<minute>\d{{2}})"
        r"(?::(?P<second>\d{2}))?\s*(?:કલાક\s*)?(?P<ampm>[ap]\.?\s?m\.?)?"
        rf"(?:\s*\(?(?P<zone>{zones})\)?(?![A-Za-z]))?)?"
    )
    flags = re.IGNORECASE
    return [
        # 2024-06-19T08:58:14.469+05:30 — written by software.
        ("stamp", re.compile(
            r"(?<!\d)(?P<year>(?:19|20)\d{2})-(?P<month_n>\d{2})-(?P<day>\d{2})"
            r"T(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
            r"(?P<offset>Z|[+-]\d{2}:?\d{2})?(?!\d)", flags)),
        # 2024 06 19T085814.469 — image export names (Canva, phone galleries).
        ("stamp", re.compile(
            r"(?<!\d)(?P<year>(?:19|20)\d{2})[ _-](?P<month_n>\d{2})[ _-](?P<day>\d{2})"
            r"T(?P<hour>\d{2})(?P<minute>\d{2})(?P<second>\d{2})(?:\.\d+)?(?!\d)", flags)),
        # IMG_20240619_123456, PXL_20240619_123456789, WhatsApp Image 2024-06-19 at 10.30.15
        ("stamp", re.compile(
            rf"(?:{_alternation(_camera_prefixes())})[ _-]?"
            r"(?P<year>(?:19|20)\d{2})-?(?P<month_n>\d{2})-?(?P<day>\d{2})"
            r"(?:[ _-](?:at )?(?P<hour>\d{2})[.]?(?P<minute>\d{2})[.]?(?P<second>\d{2}))?", flags)),
        # 2024-06-19, 2024/06/19 08:58 — numbers in year-first order, typed by a person.
        ("text", re.compile(
            r"(?<![\d/.-])(?P<year>(?:19|20)\d{2})(?P<sep>[-/.])(?P<month_n>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\d/-])"
            + time, flags)),
        # 19 June 2024, 19મી જૂન, 2024, 1st Jan 2024 10:30 AM IST
        ("text", re.compile(
            rf"(?<![\d]){day}[\s.,-]*{month}[\s.,-]*{year}" + time, flags)),
        # June 19, 2024
        ("text", re.compile(
            rf"(?<![A-Za-z{_GU}]){month}\s*{day},?\s*{year}" + time, flags)),
        # 19/06/2024, 19-06-2024, 19.06.2024 — Indian order, day first.
        ("text", re.compile(
            r"(?<![\d/.-])(?P<day>\d{1,2})[/.-](?P<month_n>\d{1,2})[/.-](?P<year>(?:19|20)\d{2})(?![\d/-])"
            + time, flags)),
    ]


@lru_cache(maxsize=1)
def _needs() -> list[Need | None]:
    """For each of _patterns(), in order: what a text must hold for it to match
    (None: nothing cheaper to ask). Most lines with a year have no time
    stamp, no numeric date, no camera's name and no month name, and a search
    for one of these fails faster than the pattern it guards, whose
    look-behind makes the regular expression engine try it at every position.
    """
    stamp = Need(re.compile(r"\d[Tt]\d"), False)  # 2024-06-19T08:58, 2024 06 19T085814 (IGNORECASE: t too)
    numeric = Need(re.compile(r"\d[-/.]\d"), False)  # 2024-06-19, 19/06/2024
    camera = Need(words_pattern(_camera_prefixes()), True)
    month = Need(words_pattern(_month_names()), True)
    return [stamp, stamp, camera, numeric, month, month, numeric]


def _zone_offset(match) -> tzinfo | None:
    groups = match.groupdict()
    offset = groups.get("offset")
    if offset:
        if offset.upper() == "Z":
            return timezone.utc
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    zone = groups.get("zone")
    if zone:
        minutes = load("months")["zones"]["map"][zone.lower()]
        return timezone(timedelta(minutes=minutes))
    return None


def _value(match, local_zone: tzinfo) -> date | datetime | None:
    groups = match.groupdict()
    try:
        year = int(groups["year"])
        if groups.get("month_n"):
            month = int(groups["month_n"])
            day = int(groups["day"])
            if month > 12 and day <= 12:  # 06/19/2024: an American month-first date
                month, day = day, month
        else:
            month = _month_names()[normalize_text(groups["month"]).lower().rstrip(".")]
            day = int(groups["day"])
        day_value = date(year, month, day)
    except (ValueError, KeyError, TypeError):
        return None
    if groups.get("hour") is None:
        return day_value
    hour, minute = int(groups["hour"]), int(groups["minute"])
    second = int(groups.get("second") or 0)
    ampm = (groups.get("ampm") or "").lower().replace(".", "").replace(" ", "")
    if not ampm and groups.get("daypart"):
        ampm = load("months")["day_parts"]["map"][groups["daypart"]]
        if ampm == "night":
            ampm = "pm" if 6 <= hour <= 11 else ("am" if hour == 12 else "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        moment = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return day_value
    zone = _zone_offset(match)
    if zone is None:
        return moment.replace(tzinfo=local_zone)
    return moment.replace(tzinfo=zone).astimezone(local_zone)


def _label_before(text: str, start: int) -> tuple[str | None, int]:
    """'published' or 'updated' when such a label introduces the date.

    A weekday may stand between the label and the date ("Updated: Thu, 18
    Jul 2024", "પ્રકાશિત: શનિવાર, ૨૦ જુલાઈ").
    """
    before = text[max(0, start - 60):start].lower()
    trailing_weekdays, labels = _label_patterns()
    before = trailing_weekdays.sub(" ", before)
    for kind, rank, label in labels:
        if label.search(before):
            return kind, rank
    return None, 0


@lru_cache(maxsize=1)
def _label_patterns() -> tuple[re.Pattern, tuple[tuple[str, int, re.Pattern], ...]]:
    """Weekdays ending a text, and each label ending one ('updated' first, longest first): compiled once."""
    trailing_weekdays = re.compile(rf"(?:[\s,.]*(?:{_alternation(_weekday_names())})[\s,.]*)+$")
    words = load("months")["date_labels"]
    labels = tuple(
        (kind, rank, re.compile(rf"(?:^|[^\w]){re.escape(word)}\.?\s*[:\-–ઃ]?\s*$"))
        for kind, rank in (("updated", 1), ("published", 0))
        for word in sorted(words[kind], key=len, reverse=True)
    )
    return trailing_weekdays, labels


@lru_cache(maxsize=1)
def _weekday_names() -> set[str]:
    names = {w.lower() for w in load("months")["weekdays"]["names"]}
    for locale in ("gu", "en"):
        for width in ("wide", "abbreviated"):
            names.update(n.lower().rstrip(".") for n in Locale.parse(locale).days["format"][width].values())
    return names


_ANY_YEAR = re.compile(r"(?:19|20)\d{2}")
# Four digits in a row once normalized: ASCII or Gujarati/Devanagari digits
# (language.json's digit map), with nothing between them that normalization
# keeps. Most lines of a dump have no such run, and this spares them the
# normalization too.
_DIGIT_CLASS = "[0-9" + "".join(map(re.escape, sorted(RULES["digits"]["map"]))) + "]"
_INVISIBLE_CLASS = "[" + "".join(map(re.escape, sorted(RULES["invisible"]["chars"]))) + "]*"
_FOUR_DIGITS = re.compile(_DIGIT_CLASS + ("(?:" + _INVISIBLE_CLASS + _DIGIT_CLASS + ")") * 3)


def find_dates(text: str, local_zone: tzinfo) -> list[FoundDate]:
    """Every date expression in ``text`` (normalized to ASCII digits), in order.

    Overlapping matches keep the first pattern that matched (stamps first).
    """
    return list(_dates_in(text, local_zone))


# Cleaning asks about a line's dates more than once (is it a dateline? a
# byline strip? which date does it give?): the answer is kept for the lines
# of the dump at hand. FoundDate is frozen, so the kept tuples are shared.
@lru_cache(maxsize=4096)
def _dates_in(text: str, local_zone: tzinfo) -> tuple[FoundDate, ...]:
    if not _FOUR_DIGITS.search(text):
        return ()
    normalized = normalize_text(text)
    found: list[FoundDate] = []
    if not _ANY_YEAR.search(normalized):
        # Every pattern holds a four-digit year; most lines of a dump have
        # none, and this spares them seven regular expressions each.
        return ()
    taken: list[tuple[int, int]] = []
    present: dict[Need, bool] = {}
    for (kind, pattern), need in zip(_patterns(), _needs()):
        if need is not None:
            if need not in present:
                present[need] = need.found_in(normalized)
            if not present[need]:
                continue
        for match in pattern.finditer(normalized):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            value = _value(match, local_zone)
            if value is None:
                continue
            label, rank = _label_before(normalized, start)
            taken.append((start, end))
            found.append(FoundDate(start, end, value, kind, label, rank))
    return tuple(sorted(found, key=lambda f: f.start))


def date_from_filename(name: str, local_zone: tzinfo) -> FoundDate | None:
    """A date in a dump's file name: 2023-08-15-slug.txt, 20230815_x.html, 15-08-2023.txt …"""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name)
    year_first = re.search(
        r"(?<!\d)((?:19|20)\d{2})[-_. ]?(0[1-9]|1[0-2])[-_. ]?(0[1-9]|[12]\d|3[01])(?!\d)", stem)
    day_first = re.search(r"(?<!\d)(\d{2})[-_.](\d{2})[-_.]((?:19|20)\d{2})(?!\d)", stem)
    for match, order in ((year_first, (1, 2, 3)), (day_first, (3, 2, 1))):
        if match:
            try:
                value = date(*(int(match[i]) for i in order))
            except ValueError:
                continue
            return FoundDate(match.start(), match.end(), value, "filename")
    for found in find_dates(stem.replace("_", " ").replace("-", " "), local_zone):
        return FoundDate(found.start, found.end, found.value, "filename")
    return None


# Which evidence wins: a date a person wrote on the article beats a machine
# stamp, which beats the file name; a "published" label beats "updated".
_SOURCE_ORDER = {
    "json-ld": 0, "meta": 1, "record": 1, "time-element": 2, "text": 3,
    "stamp": 4, "filename": 5, "file-mtime": 6,
}


def choose_date(evidence: list[DateEvidence]) -> DateEvidence | None:
    """The most trusted piece of evidence (stable for equal trust: first found)."""
    if not evidence:
        return None
    return min(evidence, key=lambda e: (_SOURCE_ORDER.get(e.source, 9), e.rank))


def zone(name: str) -> tzinfo:
    return ZoneInfo(name)


_LABEL_WORDS = None


def _label_words() -> set[str]:
    global _LABEL_WORDS
    if _LABEL_WORDS is None:
        labels = load("months")["date_labels"]
        words: set[str] = set()
        for phrase in labels["published"] + labels["updated"]:
            words.update(phrase.lower().split())
        words.update(load("months")["zones"]["map"])
        words.update(_weekday_names())
        words.update(load("months")["day_parts"]["map"])
        words.update({"on", "at", "am", "pm", "a.m.", "p.m.", "hrs", "ist)", "(ist", "time", "and"})
        _LABEL_WORDS = words
    return _LABEL_WORDS


# What may stand beside the date on a dateline: a place name or two
# ("અમદાવાદ, તા. 12 જુલાઇ 2023"), labels, a weekday.
DATELINE_MAX_OTHER_WORDS = 3


# The most words a date expression with its time can cover that count as
# "other words" on a dateline (not a label, not a bare number): "19મી",
# the month, a year with an ending glued on ("2024ના"), and in its time
# "સમય", the first word of "મોડી રાત્રે", "10:30", "કલાક", "a" and "m"
# of "a m". A stamp covers fewer ("WhatsApp Image 2024-06-19 at
# 10.30.15": four). Two to spare.
DATE_MAX_OTHER_WORDS = 11

_DATELINE_STRIP = ".,:;|()[]-–—ઃ"


def is_dateline(text: str, local_zone: tzinfo) -> bool:
    """A line that is a date and little else: metadata, not article text."""
    if not _FOUR_DIGITS.search(text):
        return False  # no year, no date (find_dates' own first test)
    normalized = normalize_text(text)
    # Every date holds a year of its own, so a line has at most that many
    # dates, and each takes at most DATE_MAX_OTHER_WORDS of its other words
    # away. A paragraph that mentions a year keeps too many to be a dateline
    # whatever its dates are: told here without the date patterns, which
    # cost ten times as much on a line of prose.
    years = len(_ANY_YEAR.findall(normalized))
    if not years:
        return False
    if _count_others(_dateline_words(normalized)) - years * DATE_MAX_OTHER_WORDS > DATELINE_MAX_OTHER_WORDS:
        return False
    return _dateline_by_its_dates(text, normalized, local_zone)


def dateline_by_its_dates(text: str, local_zone: tzinfo) -> bool:
    """is_dateline without the word-count shortcut: the dates found, taken out, and the words left counted."""
    return _dateline_by_its_dates(text, normalize_text(text), local_zone)


def _dateline_by_its_dates(text: str, normalized: str, local_zone: tzinfo) -> bool:
    found = find_dates(text, local_zone)
    if not found:
        return False
    rest = normalized
    for item in reversed(found):
        rest = rest[: item.start] + " " + rest[item.end:]
    words = _dateline_words(rest)
    if _qualified(words):
        return False
    return _count_others(words) <= DATELINE_MAX_OTHER_WORDS


def _dateline_words(text: str) -> list[str]:
    """A dateline's words as they are compared: punctuation off their ends, lower case."""
    return [w.strip(_DATELINE_STRIP).lower() for w in text.split()]


def _count_others(words: list[str]) -> int:
    """How many of a dateline's words are neither a label (weekday, zone, 'updated' …) nor a bare number."""
    labels = _label_words()
    return sum(1 for w in words if w and w not in labels and not w.isdigit())


def _qualified(words: list[str]) -> bool:
    """A date said to be a judgment's, a hearing's, a birth's … not the story's."""
    qualifiers = load("months")["date_qualifiers"]["words"]
    joined = " ".join(words)
    return any(q in words or (" " in q and q in joined) for q in qualifiers)


# A dateline that opens a paragraph: "અમદાવાદ, તા. 12 જુલાઇ 2023: શહેરમાં …"
_OPENING_DATELINE = re.compile(r"^\s*[:\-–—]")
OPENING_DATELINE_MAX_OFFSET = 50


def evidence_from_lines(lines, local_zone: tzinfo) -> list[DateEvidence]:
    """Date evidence from a text dump's classified lines (noise included:
    an image caption's export stamp is often the only date a scrape keeps)."""
    evidence: list[DateEvidence] = []
    for line in lines:
        normalized = normalize_text(line.text)
        for found in find_dates(line.text, local_zone):
            snippet = normalized[found.start:found.end]
            if found.kind == "stamp":
                # ISO stamps are written on purpose; image names only hint.
                rank = 0 if "T" in snippet and "-" in snippet else 1
                evidence.append(DateEvidence(found.value, "stamp", snippet, rank))
            elif line.kind in ("dateline", "meta", "byline") or (
                # A labelled date in the article's own lines; never one in an
                # ad or an also-read line of another story, nor a judgment's
                # or a hearing's date ("ચુકાદાની તારીખ: …").
                found.label and line.kind == "content"
                and not _qualified([w.strip(".,:;|()ઃ").lower() for w in normalized[:found.start].split()])
            ):
                rank = 1 if found.label == "updated" else 0
                evidence.append(DateEvidence(found.value, "text", snippet, rank))
            elif (
                line.kind == "content"
                and found.start <= OPENING_DATELINE_MAX_OFFSET
                and _OPENING_DATELINE.match(normalized[found.end:])
            ):
                evidence.append(DateEvidence(found.value, "text", snippet, 0))
    return evidence
