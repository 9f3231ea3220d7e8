"""What to draw for a figure table, and the words that go with it: which columns, which way
round, on what scale, where figures are withheld, and a one-sentence summary for screen readers.

Plain Python (no Qt), so the choices can be tested on their own; ui/charts.py draws them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from restorative_desk.reports.figures import (
    HIDDEN,
    HIDDEN_NOTE,
    Cell,
    ChartKind,
    Count,
    FigureTable,
    Measure,
)

WITHHELD_NOTE = "<5: fewer than five, not shown so no child can be identified."
LONGEST_UPRIGHT_LABEL = 12  # longer row labels read better beside horizontal bars
_MONTH = re.compile(r"^([A-Z][a-z]{2})[a-z]* (\d{4})$")


@dataclass(frozen=True)
class ChartPlan:
    """How one table is drawn."""

    kind: ChartKind
    columns: tuple[int, ...]  # the table's columns drawn, in order
    unit: str  # "" for counts, "%" or "days" for measures
    horizontal: bool
    withheld: tuple[tuple[int, int], ...]  # (row, column) of drawn cells not shown

    @property
    def percent(self) -> bool:
        return self.unit == "%"


def plan_chart(table: FigureTable) -> ChartPlan:
    """Counts are drawn as the table asks; percentages and days are never mixed into count
    bars: a table of measures (or of one count beside measures) draws the measures sharing
    the first one's unit as horizontal bars on their own scale."""
    count_columns = tuple(i for i in range(len(table.columns)) if _all_of(table, i, Count))
    units = {i: _unit(table, i) for i in range(len(table.columns)) if i not in count_columns}
    if table.charted:  # the table knows best
        columns = table.charted
        unit = "" if columns[0] in count_columns else units[columns[0]]
        kind = table.chart if not unit else ChartKind.BARS
    elif len(count_columns) >= 2 or (count_columns and not units) or not units:
        columns, unit, kind = count_columns, "", table.chart
    else:
        unit = units[min(units)]  # the first measure's unit: the table's own emphasis
        columns = tuple(i for i, its in units.items() if its == unit)
        kind = ChartKind.BARS
    horizontal = kind is not ChartKind.LINE and (
        bool(unit) or any(len(row.label) > LONGEST_UPRIGHT_LABEL for row in table.rows)
    )
    withheld = tuple(
        (r, c) for r, row in enumerate(table.rows) for c in columns if row.cells[c].withheld
    )
    return ChartPlan(kind, columns, unit, horizontal, withheld)


def _all_of(table: FigureTable, column: int, kind: type) -> bool:
    return all(isinstance(row.cells[column], kind) for row in table.rows)


def _unit(table: FigureTable, column: int) -> str:
    for row in table.rows:
        cell = row.cells[column]
        if isinstance(cell, Measure):
            return cell.unit
    return ""


def short_month(label: str) -> str:
    """"Mar 2026" (or "March 2026") as "Mar 26", so twelve months fit under a chart."""
    found = _MONTH.match(label)
    return f"{found.group(1)} {found.group(2)[2:]}" if found else label


def value_text(value: float, unit: str) -> str:
    """A drawn value as the table writes it: 42, 88%, 16 days."""
    if unit == "%":
        return f"{value:.0f}%"
    if unit == "days":
        return f"{value:.0f} days"
    return f"{value:,.0f}"


def summary_sentence(table: FigureTable, plan: ChartPlan | None = None) -> str:
    """One sentence saying what the chart shows, for screen readers and tooltips, e.g.
    "Referrals by month: highest was School in Mar 2026, with 42."."""
    plan = plan or plan_chart(table)
    shown = [
        (value, r, c)
        for r, row in enumerate(table.rows)
        for c in plan.columns
        if (value := row.cells[c].number) is not None
    ]
    if table.is_empty or not plan.columns:
        return f"{table.title}: nothing recorded for this period."
    if not shown and plan.withheld:
        return f"{table.title}: every figure is under five, so none is shown."
    if not shown:
        return f"{table.title}: nothing recorded for this period."
    value, row, column = max(shown, key=lambda found: found[0])
    place = "in" if plan.kind is ChartKind.LINE else "for"
    label = table.rows[row].label
    amount = value_text(value, plan.unit)
    if len(plan.columns) == 1:
        words = f"{table.title}: highest {place} {label}, with {amount}."
    else:
        joined = "at" if plan.unit else "with"
        words = f"{table.title}: highest was {table.columns[column]} {place} {label}, {joined} " \
                f"{amount}."
    if plan.withheld:
        cells = [table.rows[r].cells[c] for r, c in plan.withheld]
        hidden = sum(1 for cell in cells if cell.text == HIDDEN)
        small = len(cells) - hidden
        if small:
            words += f" {small} figure{'s are' if small != 1 else ' is'} under five and not shown."
        if hidden:
            words += f" {hidden} figure{'s are' if hidden != 1 else ' is'} hidden to protect a " \
                     "figure under five."
    return words


def has_drawing(table: FigureTable, plan: ChartPlan | None = None) -> bool:
    """Whether a chart of `table` would show anything (a bar, a point or a "<5")."""
    plan = plan or plan_chart(table)
    return bool(plan.withheld) or any(
        row.cells[c].number is not None for row in table.rows for c in plan.columns
    )


def note_for(table: FigureTable, plan: ChartPlan | None = None, *, short: bool = False) -> str:
    """The line under a chart: the table's own note (only its first sentence if `short`),
    what is not drawn, and the "<5" rule."""
    plan = plan or plan_chart(table)
    note = first_sentence(table.note) if short else table.note
    parts = [note] if note else []
    left_out = [table.columns[i] for i in range(len(table.columns)) if i not in plan.columns]
    if left_out and not table.is_empty:
        parts.append(f"In the table only: {', '.join(left_out)}.")
    if plan.withheld or table.withheld_any:
        parts.append(WITHHELD_NOTE)
    if table.hidden_any:
        parts.append(HIDDEN_NOTE)
    return " ".join(parts)


def withheld_text(cells: list[Cell]) -> str:
    """One label for withheld cells drawn at one place: "<5", "hidden" or "<5, hidden"."""
    return ", ".join(dict.fromkeys(cell.text for cell in cells if cell.withheld))


def first_sentence(text: str) -> str:
    """The text up to the end of its first sentence."""
    found = re.search(r"[.!?](\s|$)", text)
    return text[: found.start() + 1] if found else text
