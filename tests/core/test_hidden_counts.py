"""Complementary suppression says what it is: a count withheld only so that a "<5" beside it
cannot be worked out from a total is 5 or more and is written "hidden", never "<5", in the
figures, the CSV and the board report."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from restorative_desk.documents.board_charts import chart_data, withheld_text
from restorative_desk.documents.board_report import BoardReportRequest, render_board_report
from restorative_desk.documents.pdf_base import Letterhead
from restorative_desk.reports.export import COLUMNS, anonymised_rows
from restorative_desk.reports.figures import (
    HIDDEN,
    HIDDEN_NOTE,
    WITHHELD,
    ChartKind,
    Count,
    Dashboard,
    FigureRow,
    FigureTable,
    protected_counts,
    with_hidden_note,
)
from restorative_desk.reports.suppression import protect_grid

from .board_sample import sample_dashboard

counts = st.integers(min_value=0, max_value=40)
grids = st.integers(1, 6).flatmap(
    lambda width: st.lists(st.lists(counts, min_size=width, max_size=width), max_size=6)
)


def _true_values_behind(cells: list[Count], values: list[int]) -> None:
    for value, cell in zip(values, cells, strict=True):
        if cell.text == HIDDEN:
            assert value >= 5 and cell.withheld and cell.number is None
        elif cell.text == WITHHELD:
            assert 1 <= value <= 4 and cell.withheld and cell.number is None
        else:
            assert cell.value == value


def test_a_hidden_count_is_withheld_and_says_hidden() -> None:
    cell = Count(None, shields=True)
    assert (cell.text, cell.withheld, cell.number, cell.value) == (HIDDEN, True, None, None)
    assert Count(None).text == WITHHELD
    with pytest.raises(ValueError):
        Count(12, shields=True)


def test_the_partner_of_a_small_count_is_hidden_not_under_five() -> None:
    assert [c.text for c in protected_counts([14, 3, 20], total_shown=True)] == [
        HIDDEN, WITHHELD, "20"]  # fmt: skip
    assert [c.text for c in protected_counts([14, 3, 20], total_shown=False)] == [
        "14", WITHHELD, "20"]  # fmt: skip


@given(st.lists(counts, max_size=8), st.booleans())
def test_protected_counts_hidden_is_5_or_more_and_under_five_is_1_to_4(
    values: list[int], total_shown: bool
) -> None:
    _true_values_behind(list(protected_counts(values, total_shown=total_shown)), values)


@given(grids, st.booleans(), st.booleans())
def test_protect_grid_hidden_is_5_or_more_and_under_five_is_1_to_4(
    grid: list[list[int]], rows: bool, columns: bool
) -> None:
    shown = protect_grid(grid, row_totals=rows, column_totals=columns)
    for values, cells in zip(grid, shown, strict=True):
        _true_values_behind(cells, values)


def test_a_grid_hides_partners_in_rows_and_columns() -> None:
    shown = protect_grid([[14, 2], [30, 40]], row_totals=True, column_totals=True)
    assert [[c.text for c in row] for row in shown] == [[HIDDEN, WITHHELD], [HIDDEN, HIDDEN]]


OUTCOMES = FigureTable(
    "agreement_outcomes", "How agreements ended", "Setting",
    ("Completed", "Partly completed", "Not completed"),
    (
        FigureRow("School", protected_counts([78, 14, 3], total_shown=True)),
        FigureRow("Youth Offending Service", protected_counts([36, 11, 8], total_shown=True)),
    ),
    ChartKind.STACKED,
)  # fmt: skip


def _with_outcomes() -> Dashboard:
    dashboard = sample_dashboard()
    tables = tuple(OUTCOMES if t.key == OUTCOMES.key else t for t in dashboard.tables)
    return replace(dashboard, tables=tables)


def test_the_csv_says_hidden_and_withheld_yes() -> None:
    dashboard = _with_outcomes()
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(anonymised_rows(dashboard))
    lines = {(line["table"], line["row"], line["column"]): line
             for line in csv.DictReader(io.StringIO(text.getvalue()))}  # fmt: skip
    partly = lines[("agreement_outcomes", "School", "Partly completed")]
    assert (partly["value"], partly["withheld"]) == ("hidden", "yes")
    small = lines[("agreement_outcomes", "School", "Not completed")]
    assert (small["value"], small["withheld"]) == ("<5", "yes")


def test_the_board_report_says_hidden_in_its_table_note_and_chart() -> None:
    request = BoardReportRequest(Letterhead("Oakfield Partnership"), produced_on=date(2026, 11, 26))
    pdf = render_board_report(_with_outcomes(), request)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "School\n78\nhidden\n<5\n" in text  # never the true 14
    assert "+ hidden, <5" in text  # at the end of the stacked bar
    assert "shown as hidden" in text  # how to read it
    assert HIDDEN_NOTE in " ".join(text.split())


def test_board_chart_labels_each_withheld_figure_with_its_own_text() -> None:
    data = chart_data(OUTCOMES)
    assert data is not None
    assert withheld_text(data.series, 0) == "hidden, <5"
    assert withheld_text(data.series, 1) == ""


def test_the_hidden_note_is_added_only_where_a_hidden_count_is() -> None:
    assert with_hidden_note("A note.", OUTCOMES) == f"A note. {HIDDEN_NOTE}"
    plain = replace(OUTCOMES, rows=OUTCOMES.rows[1:])
    assert with_hidden_note("A note.", plain) == "A note."


def test_a_figure_worked_out_from_a_hidden_count_says_hidden_not_under_five() -> None:
    from restorative_desk.reports.figures import HIDDEN, WITHHELD, Measure, withheld_because

    hidden, small, shown = Count(None, shields=True), Count.of(3), Count.of(12)
    assert withheld_because(hidden, shown) == HIDDEN
    assert withheld_because(hidden, small) == WITHHELD  # a small count beside it wins
    share_of_hidden = Measure(None, "%", withheld_because(hidden))
    assert share_of_hidden.withheld
    assert share_of_hidden.text == "hidden"
