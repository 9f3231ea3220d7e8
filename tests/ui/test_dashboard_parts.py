"""The Figures view's parts: the table model (checked with qtmodeltester), the filter bar's
ReportFilter and quick ranges, a card's keyboard (Enter for the table, Ctrl+Shift+S for a
PNG)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from restorative_desk.records import Setting
from restorative_desk.reports.figures import Count, FigureTable, ReportFilter
from tests.ui.dashboards import empty_dashboard, sample_dashboard
from ui import dashboard_work
from ui.dashboard_cards import FigureCard, HeadlineTile
from ui.dashboard_filters import (
    ALL_ORGANISATIONS,
    FilterBar,
    last_twelve_months,
    school_year,
    this_quarter,
)
from ui.figure_table import CELL_ROLE, WITHHELD_TIP, FigureTableModel

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize("table", sample_dashboard().tables, ids=lambda table: table.key)
def test_figure_table_model_passes_the_model_tester(
    table: FigureTable, qtmodeltester: object
) -> None:
    qtmodeltester.check(FigureTableModel(table))  # type: ignore[attr-defined]


def test_figure_table_model_shows_cells_as_written() -> None:
    model = FigureTableModel(sample_dashboard().table("agreement_outcomes"))
    assert model.columnCount() == 5 and model.rowCount() == 4
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["Setting", "Completed", "Partly completed", "Not completed",
                       "Completed (share)"]
    row = [model.data(model.index(1, column)) for column in range(5)]
    assert row == ["Children's care home", "21", "6", "<5", "<5"]
    withheld = model.index(1, 3)
    assert model.data(withheld, Qt.ItemDataRole.ToolTipRole) == WITHHELD_TIP
    assert model.data(withheld, Qt.ItemDataRole.AccessibleTextRole) == "fewer than five, not shown"
    assert model.data(model.index(0, 4)) == "79%"
    alignment = model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole)
    assert alignment == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    assert model.data(model.index(0, 1), CELL_ROLE) == Count(96)
    assert model.data(QModelIndex()) is None


def test_filter_bar_builds_the_report_filter(qtbot: QtBot) -> None:
    bar = FilterBar(TODAY)
    qtbot.addWidget(bar)
    assert bar.report_filter() == ReportFilter(date(2025, 12, 1), TODAY)
    bar.set_organisations(["Riverside Academy", "Hillside Primary School"])
    with qtbot.waitSignal(bar.filter_changed) as changed:
        bar.setting.setCurrentIndex(1)
    assert changed.args == [ReportFilter(date(2025, 12, 1), TODAY, frozenset({Setting.SCHOOL}))]
    with qtbot.waitSignal(bar.filter_changed) as changed:
        bar.organisation.setCurrentText("Riverside Academy")
    assert changed.args[0].organisation == "Riverside Academy"
    with qtbot.waitSignal(bar.filter_changed) as changed:
        bar.school_year_button.click()
    assert (changed.args[0].start, changed.args[0].end) == (date(2026, 9, 1), TODAY)
    # A date typed a digit at a time is read once it has settled.
    with qtbot.waitSignal(bar.filter_changed) as changed:
        bar.start.setDate(bar.start.date().addDays(3))
    assert changed.args[0].start == date(2026, 9, 4)
    bar.set_organisations(["Hillside Primary School"])  # the chosen one has gone
    assert bar.organisation.currentText() == ALL_ORGANISATIONS
    assert bar.report_filter().organisation == ""


def test_dates_given_backwards_are_put_in_order(qtbot: QtBot) -> None:
    bar = FilterBar(TODAY)
    qtbot.addWidget(bar)
    bar.set_period(date(2026, 6, 30), date(2026, 1, 1))
    chosen = bar.report_filter()
    assert (chosen.start, chosen.end) == (date(2026, 1, 1), date(2026, 6, 30))


def test_quick_ranges() -> None:
    assert school_year(TODAY) == (date(2026, 9, 1), TODAY)
    assert school_year(date(2026, 3, 2)) == (date(2025, 9, 1), date(2026, 3, 2))
    assert last_twelve_months(TODAY) == (date(2025, 12, 1), TODAY)
    assert this_quarter(TODAY) == (date(2026, 10, 1), TODAY)
    assert this_quarter(date(2026, 3, 31)) == (date(2026, 1, 1), date(2026, 3, 31))


def test_card_enter_shows_the_table_and_back(qtbot: QtBot) -> None:
    card = FigureCard(sample_dashboard().table("satisfaction_by_role"))
    qtbot.addWidget(card)
    assert card.stack.currentWidget() is card.chart_view
    assert "Satisfaction by role: highest was" in card.accessibleDescription()
    assert card.chart_view is not None and card.chart_view.accessibleName() == \
        "Satisfaction by role"
    qtbot.keyClick(card, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
    assert card.showing_table() and card.stack.currentWidget() is card.table_view
    assert card.table_button.text() == "Show as chart"
    qtbot.keyClick(  # type: ignore[no-untyped-call]
        card, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier
    )
    assert not card.showing_table() and card.stack.currentWidget() is card.chart_view


def test_card_saves_a_crisp_png(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = FigureCard(sample_dashboard().table("referrals_by_month"))
    qtbot.addWidget(card)
    asked: list[str] = []

    def answer(_parent: object, caption: str, suggested: str, *_rest: object) -> str:
        asked.append(suggested)
        return str(tmp_path / "referrals")

    monkeypatch.setattr(dashboard_work, "ask_save_path", answer)
    with qtbot.waitSignal(card.saved) as saved:
        qtbot.keyClick(card, Qt.Key.Key_S,  # type: ignore[no-untyped-call]
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert asked == ["referrals-by-month.png"]
    assert saved.args == [str(tmp_path / "referrals.png")]
    image = QImage(str(tmp_path / "referrals.png"))
    assert (image.width(), image.height()) == (1920, 1120)  # twice the size, for crispness
    assert (tmp_path / "referrals.png").stat().st_size > 10_000


def test_card_for_an_empty_table_says_there_is_nothing(qtbot: QtBot) -> None:
    card = FigureCard(empty_dashboard().table("pilot_outcomes"))
    qtbot.addWidget(card)
    assert card.stack.currentWidget() is card.nothing
    assert "nothing recorded" in card.nothing.text()
    card.set_table(sample_dashboard().table("pilot_outcomes"))
    assert card.stack.currentWidget() is card.chart_view


def test_headline_tile_says_the_figure_and_the_published_one(qtbot: QtBot) -> None:
    satisfied = sample_dashboard().headlines[3]
    tile = HeadlineTile(satisfied)
    qtbot.addWidget(tile)
    assert tile.value.text() == "88%"
    assert tile.accessibleName() == "People harmed who were satisfied: 88%"
    assert tile.published.text() == "85% in the Ministry of Justice evaluation"
    assert tile.published.font().pointSizeF() < tile.value.font().pointSizeF()
