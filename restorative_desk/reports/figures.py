"""The shapes every report shares, and the small-count rule that keeps children unidentifiable.

A count of people between 1 and 4 is never shown: it becomes "<5" in the app, the PDF and the CSV.
A percentage is shown only when neither the people it counts nor the rest are 1 to 4, and an
average or median only over 5 or more. Tables are built from these cells, so the dashboard, the
board report and the CSV export all apply the same rule without knowing it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from statistics import median

from ..records import Setting

SMALLEST_SHOWN = 5
WITHHELD = "<5"
HIDDEN = "hidden"  # a count of 5 or more withheld only so a "<5" beside it stays unknown
HIDDEN_MEANING = "hidden so that a count under 5 beside it cannot be worked out from a total"
HIDDEN_NOTE = f"Hidden: 5 or more, {HIDDEN_MEANING}."  # said under a table that has one


def with_hidden_note(note: str, table: FigureTable) -> str:
    """`note`, and the "hidden" explanation after it when `table` has a hidden count."""
    if not table.hidden_any:
        return note
    return f"{note} {HIDDEN_NOTE}" if note else HIDDEN_NOTE
NO_DATA = "none"  # shown where there is nothing to count


def is_small(count: int) -> bool:
    """A count of people that could identify someone: 1 to 4."""
    return 0 < count < SMALLEST_SHOWN


@dataclass(frozen=True)
class Count:
    """A count of people or sessions; `value` is None when it is withheld. `shields` marks a
    count withheld only to protect another cell (complementary suppression): it is 5 or more,
    and is written "hidden" rather than "<5" so nobody reads it as a small number."""

    value: int | None
    shields: bool = False

    def __post_init__(self) -> None:
        if self.shields and self.value is not None:
            raise ValueError("only a withheld count can shield another")

    @classmethod
    def of(cls, count: int) -> Count:
        """The count as it may be shown: 1 to 4 withheld."""
        if count < 0:
            raise ValueError("a count cannot be negative")
        return cls(None if is_small(count) else count)

    @property
    def withheld(self) -> bool:
        return self.value is None

    @property
    def text(self) -> str:
        if self.value is None:
            return HIDDEN if self.shields else WITHHELD
        return f"{self.value:,}"

    @property
    def number(self) -> float | None:
        """The value to chart (None draws nothing and is labelled with `text`)."""
        return None if self.value is None else float(self.value)


@dataclass(frozen=True)
class Measure:
    """A derived figure: a percentage, a number of days, an average score."""

    value: float | None
    unit: str = ""  # "%", "days" or "" (a score)
    reason: str = NO_DATA  # shown when value is None: WITHHELD, HIDDEN or NO_DATA

    @property
    def withheld(self) -> bool:
        return self.value is None and self.reason in (WITHHELD, HIDDEN)

    @property
    def text(self) -> str:
        if self.value is None:
            return self.reason
        if self.unit == "%":
            return f"{self.value:.0f}%"
        if self.unit == "days":
            return f"{self.value:.0f} days"
        return f"{self.value:.1f}"

    @property
    def number(self) -> float | None:
        return self.value


Cell = Count | Measure


def withheld_because(*counts: Count) -> str:
    """Why a figure worked out from these counts is withheld: "<5" if one of them is under
    five, "hidden" if they are only hidden to protect another."""
    return WITHHELD if any(c.withheld and not c.shields for c in counts) else HIDDEN


def share(part: int, whole: int) -> Measure:
    """`part` of `whole` as a percentage, withheld when it would reveal 1 to 4 people."""
    if not 0 <= part <= whole:
        raise ValueError("part must be between 0 and whole")
    if whole == 0:
        return Measure(None, "%", NO_DATA)
    if whole < SMALLEST_SHOWN or is_small(part) or is_small(whole - part):
        return Measure(None, "%", WITHHELD)
    return Measure(100.0 * part / whole, "%")


def middle(values: Sequence[float], unit: str = "days") -> Measure:
    """The median of `values`, withheld over fewer than 5."""
    if not values:
        return Measure(None, unit, NO_DATA)
    if len(values) < SMALLEST_SHOWN:
        return Measure(None, unit, WITHHELD)
    return Measure(float(median(values)), unit)


def average(total: float, how_many: int, unit: str = "") -> Measure:
    """A mean from a total and a count, withheld over fewer than 5."""
    if how_many == 0:
        return Measure(None, unit, NO_DATA)
    if how_many < SMALLEST_SHOWN:
        return Measure(None, unit, WITHHELD)
    return Measure(total / how_many, unit)


def protected_counts(counts: Sequence[int], *, total_shown: bool) -> tuple[Count, ...]:
    """A row of counts with 1 to 4 withheld. When the row's total is shown elsewhere and only
    one cell is withheld, the smallest other non-zero cell is withheld too, so the hidden one
    cannot be worked out by subtraction; that one is written "hidden", not "<5"."""
    cells = [Count.of(count) for count in counts]
    hidden = [i for i, cell in enumerate(cells) if cell.withheld]
    if total_shown and len(hidden) == 1:
        others = [i for i, count in enumerate(counts) if count > 0 and i not in hidden]
        if others:
            partner = min(others, key=lambda i: (counts[i], i))
            cells[partner] = Count(None, shields=True)
    return tuple(cells)


class ChartKind(enum.Enum):
    """How a table is best drawn."""

    BARS = "bars"  # grouped bars: one group per row, one bar per column
    STACKED = "stacked"  # one stacked bar per row
    LINE = "line"  # one line per column across the rows (months)


@dataclass(frozen=True)
class FigureRow:
    """One row of a table: a label (a month, a setting, a group) and a cell per column."""

    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class FigureTable:
    """A titled table of cells that can also be drawn as a chart."""

    key: str  # stable name, e.g. "referrals_by_month"
    title: str
    row_heading: str
    columns: tuple[str, ...]
    rows: tuple[FigureRow, ...]
    chart: ChartKind = ChartKind.BARS
    note: str = ""
    # The columns to draw when the table knows best (the app and the PDF both honour it);
    # empty: each renderer's own rule (counts as asked, never mixed with shares or days).
    charted: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if any(not 0 <= column < len(self.columns) for column in self.charted):
            raise ValueError("a charted column is not in the table")

    @property
    def is_empty(self) -> bool:
        return not self.rows

    @property
    def withheld_any(self) -> bool:
        return any(cell.withheld for row in self.rows for cell in row.cells)

    @property
    def hidden_any(self) -> bool:
        """Whether a count is withheld only to protect another ("hidden")."""
        return any(cell.text == HIDDEN for row in self.rows for cell in row.cells)


@dataclass(frozen=True)
class Headline:
    """One figure at the top of the dashboard, optionally beside a published figure."""

    label: str
    cell: Cell
    published: str = ""  # e.g. "85% in the Ministry of Justice evaluation"


@dataclass(frozen=True)
class ReportFilter:
    """What the figures cover: a date range (inclusive), settings (none = all), an organisation."""

    start: date
    end: date
    settings: frozenset[Setting] = field(default_factory=frozenset)
    organisation: str = ""

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError("the start date is after the end date")


@dataclass(frozen=True)
class Dashboard:
    """Every figure for one filter."""

    filter: ReportFilter
    headlines: tuple[Headline, ...]
    tables: tuple[FigureTable, ...]

    def table(self, key: str) -> FigureTable:
        """The table with this key (KeyError if there is none)."""
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)


class Cancelled(Exception):
    """The person asked long work to stop."""


# progress(done, total) is called as long work goes on; it returns False to stop.
Progress = Callable[[int, int], bool]


def report_progress(progress: Progress | None, done: int, total: int) -> None:
    """Tell `progress` how far the work is; raise Cancelled if it says stop."""
    if progress is not None and not progress(done, total):
        raise Cancelled
