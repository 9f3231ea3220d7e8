"""A count withheld only to protect a "<5" beside it reads "hidden" in the dashboard's tables,
charts and notes, never "<5"."""

from __future__ import annotations

from PySide6.QtCharts import QChartView
from PySide6.QtCore import QSize, Qt
from pytestqt.qtbot import QtBot

from restorative_desk.reports.figures import (
    HIDDEN_NOTE,
    ChartKind,
    FigureRow,
    FigureTable,
    protected_counts,
)
from ui.chart_plan import WITHHELD_NOTE, note_for, summary_sentence
from ui.charts import chart_for, marks_on
from ui.figure_table import HIDDEN_TIP, FigureTableModel

OUTCOMES = FigureTable(
    "agreement_outcomes", "How agreements ended", "Setting",
    ("Completed", "Partly completed", "Not completed"),
    (
        FigureRow("School", protected_counts([78, 14, 3], total_shown=True)),
        FigureRow("Youth Offending Service", protected_counts([36, 11, 8], total_shown=True)),
    ),
    ChartKind.STACKED,
)  # fmt: skip


def _marks(table: FigureTable, qtbot: QtBot) -> list[str]:
    chart = chart_for(table)
    view = QChartView(chart)
    qtbot.addWidget(view)
    view.resize(QSize(720, 420))
    view.grab()
    return marks_on(chart)


def test_the_table_shows_hidden_with_its_reason(qtbot: QtBot) -> None:
    model = FigureTableModel(OUTCOMES)
    partly = model.index(0, 2)
    assert model.data(partly, Qt.ItemDataRole.DisplayRole) == "hidden"
    assert model.data(partly, Qt.ItemDataRole.ToolTipRole) == HIDDEN_TIP
    assert model.data(partly, Qt.ItemDataRole.AccessibleTextRole) == \
        "hidden to protect a figure under five"
    assert model.data(model.index(0, 3), Qt.ItemDataRole.DisplayRole) == "<5"


def test_stacked_bars_end_with_both_words(qtbot: QtBot) -> None:
    assert "hidden, <5" in _marks(OUTCOMES, qtbot)


def test_grouped_bars_label_each_withheld_bar_with_its_own_text(qtbot: QtBot) -> None:
    table = FigureTable(OUTCOMES.key, OUTCOMES.title, OUTCOMES.row_heading, OUTCOMES.columns,
                        OUTCOMES.rows, ChartKind.BARS)  # fmt: skip
    marks = _marks(table, qtbot)
    assert "hidden" in marks and "<5" in marks
    assert "14" not in marks


def test_lines_mark_a_hidden_month_hidden(qtbot: QtBot) -> None:
    months = FigureTable(
        "referrals_by_month", "Referrals by month", "Month", ("Referrals", "Conferences"),
        (
            FigureRow("September 2026", protected_counts([12, 9], total_shown=False)),
            FigureRow("October 2026", protected_counts([20, 2], total_shown=True)),
        ),
        ChartKind.LINE,
    )  # fmt: skip
    assert _marks(months, qtbot) == ["hidden, <5"]


def test_notes_and_summary_explain_hidden_only_where_it_is() -> None:
    note = note_for(OUTCOMES)
    assert note.endswith(f"{WITHHELD_NOTE} {HIDDEN_NOTE}")
    assert "1 figure is hidden to protect a figure under five." in summary_sentence(OUTCOMES)
    plain = FigureTable("t", "Small", "Setting", ("Count",),
                        (FigureRow("School", protected_counts([3], total_shown=False)),))
    assert HIDDEN_NOTE not in note_for(plain)
