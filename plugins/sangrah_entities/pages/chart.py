"""Mentions per month as the geometry of a bar chart, drawn by the template as SVG.

The SVG has no viewBox: it is as wide as its column (``width="100%"``) and a
fixed number of pixels high. Horizontal positions are percentages of that
width and vertical ones are pixels, so the bars stretch with the page while
the text keeps its CSS size: a viewBox would shrink the labels to a few
pixels on a phone, or blow them up on a desktop.

Labels never need measuring: month names only below 13 months, years centred
under the span of months they cover when that span is wide enough for four
digits, and every other label marked ``minor`` for the theme to hide on
narrow screens.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Iterable

# Pixels (CSS px, the SVG's user units without a viewBox).
TOP = 20  # room for the label above the highest gridline
PLOT_HEIGHT = 120
LABEL_ROW = 18  # one row of axis text below the bars
MIN_BAR_HEIGHT = 2  # a month with one mention among hundreds stays visible

# Share of the chart's width a centred year label needs: four bold digits
# and a gap are about 40 px, which is 13% of a 300 px phone column and 6.5%
# of the 620 px the chart gets beside the co-mentions on a desktop.
YEAR_ROOM_NARROW = 0.13
YEAR_ROOM_WIDE = 0.065
MONTH_LABELS_MAX = 12  # more months than this: years only
MONTH_LABELS_NARROW = 6  # more than this: every other month name on phones
MAX_BAR_SHARE = 10.0  # per cent: one or two months do not make slabs
MAX_GRIDLINES = 4  # above the baseline


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    count: int


@dataclass(frozen=True)
class Bar:
    year: int
    month: int
    count: int
    x: str  # per cent of the width, "12.5%"
    width: str
    y: float | int
    height: float | int


@dataclass(frozen=True)
class Gridline:
    value: int
    y: float | int


@dataclass(frozen=True)
class AxisLabel:
    value: int  # a month number (1-12) or a year
    x: str  # centre, per cent of the width
    y: float  # text baseline
    minor: bool = False  # hidden where the chart is narrow


@dataclass(frozen=True)
class Tick:
    x: str


@dataclass(frozen=True)
class Chart:
    months: tuple[Month, ...]  # every month from the first to the last mention, zeros included
    bars: tuple[Bar, ...]  # months with mentions only
    gridlines: tuple[Gridline, ...]  # baseline first
    month_labels: tuple[AxisLabel, ...]
    year_labels: tuple[AxisLabel, ...]
    ticks: tuple[Tick, ...]  # year boundaries on the axis
    height: int
    baseline: float

    @property
    def first(self) -> Month:
        return self.months[0]

    @property
    def last(self) -> Month:
        return self.months[-1]

    @property
    def total(self) -> int:
        return sum(m.count for m in self.months)

    @property
    def peak(self) -> Month:
        """The month with most mentions (the earliest of equals)."""
        return max(self.months, key=lambda m: (m.count, -m.year, -m.month))


def monthly_counts(dates: Iterable[date | datetime]) -> tuple[Month, ...]:
    """Articles per calendar month, every month from the first to the last present."""
    counts = Counter((value.year, value.month) for value in dates)
    if not counts:
        return ()
    (year, month), end = min(counts), max(counts)
    months = []
    while (year, month) <= end:
        months.append(Month(year, month, counts.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def nice_step(peak: int, most: int = MAX_GRIDLINES) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, … that needs at most ``most`` gridlines to reach ``peak``."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if math.ceil(peak / step) <= most:
                return step
        magnitude *= 10


def _percent(value: float) -> str:
    # Fixed decimals: the same content gives byte-identical pages.
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _px(value: float) -> float | int:
    """Pixels rounded to hundredths, whole ones without ".0" (the page prints them)."""
    value = round(value, 2)
    return int(value) if value == int(value) else value


def _year_spans(months: tuple[Month, ...]) -> list[tuple[int, int, int]]:
    """(year, first index, months covered) for each year on the axis."""
    spans: list[tuple[int, int, int]] = []
    for index, m in enumerate(months):
        if spans and spans[-1][0] == m.year:
            year, start, length = spans[-1]
            spans[-1] = (year, start, length + 1)
        else:
            spans.append((m.year, index, 1))
    return spans


def _label_step(years: int, months: int, room: float) -> int:
    """Label every year, or every 2nd, 5th, 10th, 20th… so that labels get ``room`` each."""
    step = 1
    while 12 * step / months < room and step < years:
        step = {1: 2, 2: 5}.get(step, step * 2)
    return step


def build_chart(months: tuple[Month, ...]) -> Chart:
    if not months:
        raise ValueError("a chart needs at least one month")
    n = len(months)
    slot = 100 / n
    # Gaps shrink as months get thinner; past twelve years bars touch, like an area.
    gap = 0.3 if n <= 24 else 0.2 if n <= 72 else 0.12 if n <= 150 else 0.0
    bar_width = min(slot * (1 - gap), MAX_BAR_SHARE)

    peak = max(m.count for m in months)
    step = nice_step(peak)
    top = math.ceil(peak / step) * step
    baseline = TOP + PLOT_HEIGHT

    def y_of(value: float) -> float | int:
        return _px(baseline - value / top * PLOT_HEIGHT)

    bars = []
    for index, m in enumerate(months):
        if not m.count:
            continue
        height = _px(max(m.count / top * PLOT_HEIGHT, MIN_BAR_HEIGHT))
        centre = (index + 0.5) * slot
        bars.append(Bar(m.year, m.month, m.count, _percent(centre - bar_width / 2), _percent(bar_width),
                        _px(baseline - height), height))

    gridlines = tuple(Gridline(value, y_of(value)) for value in range(0, top + 1, step))

    row = baseline + LABEL_ROW
    month_labels: list[AxisLabel] = []
    if n <= MONTH_LABELS_MAX:
        for index, m in enumerate(months):
            month_labels.append(AxisLabel(m.month, _percent((index + 0.5) * slot), row,
                                          minor=n > MONTH_LABELS_NARROW and index % 2 == 1))
        row += LABEL_ROW

    spans = _year_spans(months)
    year_labels: list[AxisLabel] = []
    ticks: list[Tick] = []
    if n <= MONTH_LABELS_MAX:
        # Under month names every year gets its label: a span is at least one month wide.
        year_labels = [AxisLabel(year, _percent((start + length / 2) * slot), row) for year, start, length in spans]
    else:
        wide_step = _label_step(len(spans), n, YEAR_ROOM_WIDE)
        narrow_step = _label_step(len(spans), n, YEAR_ROOM_NARROW)
        last_wide = last_narrow = None  # centres (share of the width) of the last labels kept
        for year, start, length in spans:
            # A sliver of a year at either end gets its tick, not a label
            # that would crowd its neighbour's.
            if year % wide_step or (length < 6 and len(spans) > 1):
                continue
            centre = (start + length / 2) / n
            if last_wide is not None and centre - last_wide < YEAR_ROOM_WIDE:
                continue
            last_wide = centre
            minor = bool(year % narrow_step) or (last_narrow is not None and centre - last_narrow < YEAR_ROOM_NARROW)
            if not minor:
                last_narrow = centre
            year_labels.append(AxisLabel(year, _percent(centre * 100), row, minor=minor))
        ticks = [Tick(_percent(start * slot)) for _, start, _ in spans[1:]]
    height = int(row + LABEL_ROW / 2)

    return Chart(
        months=months, bars=tuple(bars), gridlines=gridlines, month_labels=tuple(month_labels),
        year_labels=tuple(year_labels), ticks=tuple(ticks), height=height, baseline=baseline,
    )
