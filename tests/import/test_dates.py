"""Publication dates in the shapes scraped news carries them."""

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sangrah_import.data import load
from sangrah_import.extract.dates import (
    date_from_filename,
    dateline_by_its_dates,
    find_dates,
    is_dateline,
    zone,
)

IST = zone("Asia/Kolkata")


def only(text):
    found = find_dates(text, IST)
    assert len(found) == 1, found
    return found[0]


WRITTEN = [
    ("3 મે 2023", date(2023, 5, 3)),  # dateparser reads this as March
    ("૧૯ જૂન ૨૦૨૪", date(2024, 6, 19)),
    ("5 ઓગસ્ટ 2023", date(2023, 8, 5)),
    ("5 ઑગસ્ટ, 2023", date(2023, 8, 5)),
    ("12 જુલાઇ 2022", date(2022, 7, 12)),
    ("1લી સપ્ટેમ્બર 2021", date(2021, 9, 1)),
    ("ઓક્ટોબર 2, 2019", date(2019, 10, 2)),
    ("June 19, 2024", date(2024, 6, 19)),
    ("19 Jun 2024", date(2024, 6, 19)),
    ("19th June 2024", date(2024, 6, 19)),
    ("19/06/2024", date(2024, 6, 19)),
    ("19-06-2024", date(2024, 6, 19)),
    ("19.06.2024", date(2024, 6, 19)),
    ("06/19/2024", date(2024, 6, 19)),  # only month-first reading is valid
]


@pytest.mark.parametrize("text, expected", WRITTEN)
def test_written_dates(text, expected):
    found = only(text)
    assert found.value == expected and found.kind == "text"


def test_times_and_zones_are_kept_in_local_time():
    assert only("Updated: 19 Jun 2024, 10:30 AM IST").value == datetime(2024, 6, 19, 10, 30, tzinfo=IST)
    assert only("19 June 2024 4:05 pm").value == datetime(2024, 6, 19, 16, 5, tzinfo=IST)
    utc = only("2024-06-19T03:28:14Z")
    assert utc.kind == "stamp" and utc.value.utcoffset() == timedelta(hours=5, minutes=30)
    assert utc.value.astimezone(timezone.utc) == datetime(2024, 6, 19, 3, 28, 14, tzinfo=timezone.utc)


STAMPS = [
    ("Copy of x 2024 06 19T085814.469 y", datetime(2024, 6, 19, 8, 58, 14)),
    ("IMG_20230101_235959.jpg", datetime(2023, 1, 1, 23, 59, 59)),
    ("PXL_20220315_101010123.jpg", datetime(2022, 3, 15, 10, 10, 10)),
    ("WhatsApp Image 2024-02-29 at 10.30.15.jpeg", datetime(2024, 2, 29, 10, 30, 15)),
    ("2024-06-19T08:58:14.469+05:30", datetime(2024, 6, 19, 8, 58, 14)),
]


@pytest.mark.parametrize("text, expected", STAMPS)
def test_machine_stamps(text, expected):
    found = only(text)
    assert found.kind == "stamp" and found.value == expected.replace(tzinfo=IST)


@pytest.mark.parametrize(
    "text",
    [
        "બે કોરિયાઓ 1950-53ના સંઘર્ષથી યુદ્ધમાં છે",
        "મે મહિનામાં 2023ની ચૂંટણી",  # મે without a day is not a date
        "31 ફેબ્રુઆરી 2023",  # no such day
        "2006 થી પ્રતિબંધો હેઠળ છે",
        "ગઈકાલે બુધવારે",
        "મેં 12 વાગ્યે 2020 લોકો જોયા",
    ],
)
def test_things_that_are_not_dates(text):
    assert find_dates(text, IST) == []


def test_labels_rank_published_above_updated():
    published, updated = find_dates("Published: 18 June 2024 | Updated: 19 June 2024", IST)
    assert (published.label, updated.label) == ("published", "updated")


@pytest.mark.parametrize(
    "line, expected",
    [
        ("અમદાવાદ, તા. ૧૨ જુલાઇ ૨૦૨૩", True),
        ("Updated: 19 Jun 2024, 10:30 AM IST", True),
        ("19 June 2024", True),
        ("ગુજરાતમાં 19 જૂન 2024ના રોજ ભારે વરસાદની આગાહી હવામાન વિભાગે કરી છે", False),
    ],
)
def test_datelines(line, expected):
    assert is_dateline(line, IST) is expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("2023-08-15-independence-day.txt", date(2023, 8, 15)),
        ("20230815_story.html", date(2023, 8, 15)),
        ("story-15-08-2023.txt", date(2023, 8, 15)),
        ("kim-putin-meeting.txt", None),
        ("report-2023.txt", None),
    ],
)
def test_dates_in_file_names(name, expected):
    found = date_from_filename(name, IST)
    assert (found.value if found else None) == expected


def test_the_quick_checks_before_each_pattern_never_skip_a_date(monkeypatch):
    """Each date pattern runs only on text holding what it needs (a digit-T-digit,
    a digit-separator-digit, a month name): the dates found are those of every
    pattern run on every line with a year, on the corpora's lines and on the
    written and machine forms above."""
    from pathlib import Path

    import sangrah_import.extract.dates as dates

    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    lines = [case[0] for case in WRITTEN + STAMPS]
    for path in sorted(fixtures.rglob("*")):
        if path.suffix in (".txt", ".html", ".json"):
            lines += path.read_text("utf-8", errors="replace").splitlines()
    lines = [line for line in lines if any(year in line for year in ("19", "20", "૧૯", "૨૦"))]
    assert len(lines) > 500
    local = zone("Asia/Kolkata")

    def found():
        dates._dates_in.cache_clear()
        return [find_dates(line, local) for line in lines]

    guarded = found()
    monkeypatch.setattr(dates, "_needs", lambda: [None] * len(dates._patterns()))
    unguarded = found()
    dates._dates_in.cache_clear()
    assert guarded == unguarded
    assert sum(map(len, guarded)) > 100


# --- The dateline word count: a shortcut that must agree with the full test ---

_MONTHS = load("months")
_GU_DIGITS = str.maketrans("0123456789", "૦૧૨૩૪૫૬૭૮૯")


def _two(n):
    return f"{n:02d}"


@st.composite
def _time_part(draw):
    """Everything the date patterns' time may hold, at its longest and in pieces."""
    hour, minute, second = draw(st.integers(0, 23)), draw(st.integers(0, 59)), draw(st.integers(0, 59))
    clock = f"{hour}{draw(st.sampled_from([':', '.']))}{_two(minute)}"
    if draw(st.booleans()):
        clock += f":{_two(second)}"
    return "".join([
        draw(st.sampled_from(["", ",", " at", " |", " -", " –", ", "])),
        draw(st.sampled_from(["", " ", "સમય: ", " સમય ઃ ", "time ", "samay ", "સમયઃ"])),
        draw(st.sampled_from([""] + [k + " " for k in _MONTHS["day_parts"]["map"]])),
        clock,
        draw(st.sampled_from(["", " કલાક", "કલાક "])),
        draw(st.sampled_from(["", " am", " a.m.", " a m", " p. m.", "PM", " P.M."])),
        draw(st.sampled_from([""] + [f" {z.upper()}" for z in _MONTHS["zones"]["map"]] + [" (IST)", " ( IST )", "(gmt)"])),
    ])


@st.composite
def _date_part(draw):
    year, month, day = draw(st.integers(1900, 2099)), draw(st.integers(1, 12)), draw(st.integers(1, 31))
    months = [name for number, names in _MONTHS["variants"].items() if int(number) == month for name in names]
    name = draw(st.sampled_from(months + ["June", "Jun.", "SEPT"]))
    ordinal = draw(st.sampled_from([""] + _MONTHS["ordinal_suffixes"]["list"]))
    ending = draw(st.sampled_from(["", "ના", "ની", ",", ":", "."]))
    written = draw(st.sampled_from([
        f"{day}{ordinal} {name} {year}",
        f"{day}{ordinal}-{name}-{year}",
        f"{day}{ordinal} {name}, {year}",
        f"{name} {day}, {year}",
        f"{day}/{month}/{year}",
        f"{_two(day)}.{_two(month)}.{year}",
        f"{year}-{_two(month)}-{_two(day)}",
        f"{year}/{month}/{day}",
    ]))
    if draw(st.booleans()):
        written += draw(_time_part())
    stamp = draw(st.sampled_from([
        f"{year}-{_two(month)}-{_two(day)}T10:30:15.469+05:30",
        f"{year} {_two(month)} {_two(day)}T103015.469",
        f"WhatsApp Image {year}-{_two(month)}-{_two(day)} at 10.30.15",
        f"IMG_{year}{_two(month)}{_two(day)}_103015",
        f"Screenshot {year}-{_two(month)}-{_two(day)}",
    ]))
    text = draw(st.sampled_from([written, written, written, stamp])) + ending
    return text.translate(_GU_DIGITS) if draw(st.booleans()) else text


_FILLER = st.sampled_from([
    "Updated:", "Published", "પ્રકાશિત:", "તા.", "અપડેટ", "|", "-", "—", ",", "ઃ",
    "ગુરુવાર,", "Thu,", "Wednesday", "on", "at", "IST",
    "અમદાવાદ,", "ગાંધીનગર", "ગુજરાતમાં", "ભારે", "વરસાદની", "આગાહી", "રોજ", "New", "Delhi:",
    "12", "૨૦૨૩", "2019", "1998ના", "20", "10:30", "સમય", "મોડી", "a", "m",
    "ચુકાદાની", "તારીખ:", "hearing", "next", "જન્મ",
])


@given(parts=st.lists(st.one_of(_date_part(), _FILLER, _FILLER), min_size=1, max_size=16),
       glue=st.sampled_from([" ", ", ", " | ", "  "]))
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_dateline_word_count_never_changes_the_answer(parts, glue):
    """is_dateline first counts a line's words against its years (each date
    holds one and covers at most DATE_MAX_OTHER_WORDS of them) and runs the date
    patterns only when the count leaves room for a dateline: on lines of dates
    with every time part, labels, places, numbers and qualifiers, it answers
    as the patterns alone would."""
    line = glue.join(parts)
    assert is_dateline(line, IST) == dateline_by_its_dates(line, IST), line


@pytest.mark.parametrize(
    "line",
    [
        # A place, a weekday, a label and a date with every part of a time:
        # nine words of the line are the date's, and the line is a dateline.
        "અમદાવાદ, ગુરુવાર, તા. 19મી જૂન 2024, સમય: મોડી રાત્રે 10:30 કલાક a m (IST)",
        "ગાંધીનગર | Updated: June 19, 2024 at 10:30 p. m. IST",
        "સુરત તા.૧૯ જુલાઇ ૨૦૨૩ વહેલી સવારે ૬.૧૫ કલાકે",
        "WhatsApp Image 2024-06-19 at 10.30.15 | 2024-06-19T10:30:15+05:30",
    ],
)
def test_datelines_with_long_times_pass_the_word_count(line):
    assert is_dateline(line, IST) is dateline_by_its_dates(line, IST) is True

