"""The "Due and overdue" view: what is due across cases in words, overdue first; activating an
item opens its case; Ctrl+3 reaches it; it follows changes to cases."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from restorative_desk.store import Store
from restorative_desk.wording import RoleWording
from tests.agreeing import agreed_case
from ui.due_view import (
    WHAT_COLUMN,
    WHEN_COLUMN,
    DueView,
)
from ui.main_window import MainWindow, build_main_window

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def window(store: Store, wording: RoleWording, settings: QSettings, qtbot: QtBot) -> MainWindow:
    made = build_main_window(store, wording, settings)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


def _texts(view: DueView, column: int) -> list[object]:
    model = view.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_lists_what_is_due_in_words_overdue_first(
    store: Store, qtbot: QtBot, qtmodeltester: object
) -> None:
    case, _ = agreed_case(store)
    view = DueView(store)
    qtbot.addWidget(view)
    view.show()
    qtmodeltester.check(view.model)  # type: ignore[attr-defined]
    assert _texts(view, WHEN_COLUMN) == [f"Overdue since 20 Nov 2026\n{case.reference}",
                                         f"Due Fri 27 Nov 2026\n{case.reference}"]
    what = [str(text) for text in _texts(view, WHAT_COLUMN)]
    assert what[0].startswith("Action: Say sorry to Zoë") and what[1].startswith("Review")
    assert "1 overdue and 1 due in the coming week" in view.summary.text()
    assert view.table.accessibleName() == "Due and overdue"


def test_says_so_when_nothing_is_due(store: Store, qtbot: QtBot) -> None:
    view = DueView(store)
    qtbot.addWidget(view)
    view.show()
    assert view.model.rowCount() == 0
    assert "Nothing is overdue" in view.summary.text()


def test_the_case_list_comes_first_and_ctrl_3_reaches_what_is_due(
    store: Store, window: MainWindow, qtbot: QtBot
) -> None:
    assert not window.due_view.isVisible()  # the case list is the default
    agreed_case(store)
    window.refresh_cases()
    due = next(a for a in window.shortcut_actions() if a.text() == "Due and &overdue")
    assert due.shortcut().toString() == "Ctrl+3"
    due.trigger()
    assert window.due_view.isVisible()
    assert window.due_view.model.rowCount() == 2
    assert window.due_view.table.currentIndex().row() == 0


def test_activating_an_item_opens_its_case(
    store: Store, window: MainWindow, qtbot: QtBot
) -> None:
    agreed_case(store)
    case, _ = agreed_case(store, harmed="Siobhán Walsh", late_by=30)
    next(a for a in window.shortcut_actions() if a.text() == "Due and &overdue").trigger()
    view = window.due_view
    first = view.model.index(0, 0)
    assert view.model.data(first) == f"Overdue since 27 Oct 2026\n{case.reference}"
    with qtbot.waitSignal(view.case_chosen) as chosen:
        view.table.activated.emit(first)
    assert chosen.args == [case.id]
    assert window.current_case_id() == case.id


def test_follows_changes_to_cases(store: Store, window: MainWindow, qtbot: QtBot) -> None:
    next(a for a in window.shortcut_actions() if a.text() == "Due and &overdue").trigger()
    assert window.due_view.model.rowCount() == 0
    agreed_case(store)
    window.refresh_cases()
    assert window.due_view.model.rowCount() == 2


def test_screenshot(store: Store, window: MainWindow, qtbot: QtBot) -> None:
    for harmed, late, review in (("Zoë Nguyễn", 6, 1), ("Siobhán Walsh", 30, 4),
                                 ("Amara Mensah", 2, -2), ("Priya Patel", 0, 6)):
        agreed_case(store, harmed=harmed, late_by=late, review_in=review)
    window.resize(1280, 720)
    next(a for a in window.shortcut_actions() if a.text() == "Due and &overdue").trigger()
    qtbot.wait(10)
    shots = Path("/tmp/shots")
    if shots.is_dir():
        window.grab().save(str(shots / "due_view.png"))
    assert window.due_view.model.rowCount() >= 6
    assert window.due_view.table.currentIndex().row() == 0  # the keyboard is in the list
