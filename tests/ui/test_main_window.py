"""The main window: search and filters narrow the list, keys reach everything, layout is kept."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtWidgets import QApplication, QSplitter
from pytestqt.qtbot import QtBot

from restorative_desk.records import (
    Case,
    CaseFilter,
    NotProceedingReason,
    ReferralSource,
    Setting,
    Status,
)
from restorative_desk.rules import ACTIVE_STATUSES
from restorative_desk.store import Store
from restorative_desk.wording import RoleWording
from ui.case_list_model import STATUS_COLUMN
from ui.main_window import (
    DEFAULT_SIZE,
    GEOMETRY_KEY,
    SPLITTER_KEY,
    MainWindow,
    build_main_window,
)
from ui.shortcuts_dialog import ShortcutsDialog

AddCases = Callable[..., list[Case]]

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def make_window(
    store: Store, wording: RoleWording, settings: QSettings, qtbot: QtBot
) -> Callable[[], MainWindow]:
    """A main window over the test store, shown and registered with qtbot."""

    def make() -> MainWindow:
        window = build_main_window(store, wording, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def _choose_row(window: MainWindow, row: int) -> None:
    """Select a row as a click or arrow key would."""
    window.case_list.selectionModel().setCurrentIndex(
        window.case_list_model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def _activate(window: MainWindow, qtbot: QtBot) -> None:
    """Make the window the active one, as a user clicking on it would (this is asynchronous)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _selected_row(window: MainWindow) -> int | None:
    rows = window.case_list.selectionModel().selectedRows()
    return rows[0].row() if rows else None


def test_lists_a_first_page_and_counts_every_case(
    store: Store, add_cases: AddCases, make_window: Callable[[], MainWindow], qtbot: QtBot
) -> None:
    add_cases(store, 450)
    window = make_window()
    assert window.case_list_model.rowCount() == 200
    assert window.count_label.text() == "450 cases"

    window.case_list.scrollToBottom()
    qtbot.waitUntil(lambda: window.case_list_model.rowCount() > 200)
    assert window.case_list_model.rowCount() == 400, "one more page, not everything"


def test_search_is_debounced_and_narrows_the_list(
    store: Store, add_cases: AddCases, make_window: Callable[[], MainWindow], qtbot: QtBot
) -> None:
    add_cases(store, 40)
    window = make_window()
    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, "Riverside")
    assert window.case_list_model.case_filter.search == "", "waits for typing to pause"
    qtbot.waitUntil(lambda: window.case_list_model.case_filter.search == "Riverside")
    expected = store.count_cases(CaseFilter(search="Riverside"))
    assert 0 < window.case_list_model.rowCount() == expected < 40
    assert window.count_label.text() == f"{expected} cases"


def test_setting_and_stage_filters_narrow_the_list(
    store: Store, add_cases: AddCases, make_window: Callable[[], MainWindow]
) -> None:
    cases = add_cases(store, 40)
    store.move_case(cases[0].id, Status.NOT_PROCEEDING, reason=NotProceedingReason.DECLINED)
    window = make_window()

    window.setting_filter.setCurrentText(Setting.SCHOOL.label)
    assert window.case_list_model.case_filter.settings == {Setting.SCHOOL}
    assert window.count_label.text() == "10 cases"
    model = window.case_list_model
    assert all(model.index(row, 1).data() == "School" for row in range(model.rowCount()))

    window.setting_filter.setCurrentIndex(0)
    window.status_filter.setCurrentText("Open cases")
    assert window.case_list_model.case_filter.statuses == ACTIVE_STATUSES
    assert window.count_label.text() == "39 cases"

    window.status_filter.setCurrentText(Status.NOT_PROCEEDING.label)
    assert window.count_label.text() == "1 case"
    assert window.case_list_model.index(0, STATUS_COLUMN).data() == "Not proceeding"


def test_an_empty_store_says_how_to_start(make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    assert window.count_label.text() == "0 cases"
    notes = [label.text() for label in window.findChildren(type(window.count_label))]
    assert any("New case" in text and "first referral" in text for text in notes)


def test_choosing_a_case_shows_it(
    store: Store, add_cases: AddCases, make_window: Callable[[], MainWindow], qtbot: QtBot
) -> None:
    add_cases(store, 5)
    window = make_window()
    _choose_row(window, 2)
    expected = window.case_list_model.case_id_at(2)
    qtbot.waitUntil(lambda: window.detail_panel.current_case_id() == expected)


def test_keeping_unsaved_work_puts_the_selection_back(
    store: Store,
    add_cases: AddCases,
    make_window: Callable[[], MainWindow],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_cases(store, 5)
    window = make_window()
    first = window.case_list_model.case_id_at(0)
    assert first is not None
    assert window.select_case(first)
    monkeypatch.setattr(window.detail_panel, "maybe_save", lambda: False)

    _choose_row(window, 3)
    qtbot.waitUntil(lambda: _selected_row(window) == 0)
    assert window.detail_panel.current_case_id() == first


def test_select_case_loads_pages_as_far_as_the_case(
    store: Store, add_cases: AddCases, make_window: Callable[[], MainWindow]
) -> None:
    cases = add_cases(store, 450)
    window = make_window()
    assert window.select_case(cases[300].id)
    row = window.case_list_model.row_of(cases[300].id)
    assert row is not None and row >= 200
    assert _selected_row(window) == row
    assert window.case_list_model.rowCount() == 400
    assert window.detail_panel.current_case_id() == cases[300].id


def test_a_new_case_is_selected_even_when_the_filters_hid_it(
    store: Store, add_cases: AddCases, make_window: Callable[[], MainWindow]
) -> None:
    add_cases(store, 10)
    window = make_window()
    window.status_filter.setCurrentText(Status.CLOSED.label)
    assert window.case_list_model.rowCount() == 0

    new_action = next(a for a in window.shortcut_actions() if a.text() == "&New case")
    new_action.trigger()
    assert window.detail_panel.current_case_id() is None
    created = store.create_case(
        Case(
            setting=Setting.COMMUNITY,
            organisation="Eastfield Community Centre",
            referral_source=ReferralSource.SELF_OR_FAMILY,
            referral_date=date(2026, 11, 26),
            summary="Noise and shouting between neighbours' children.",
        )
    )
    window.detail_panel.case_saved.emit(created.id)

    assert window.status_filter.currentIndex() == 0
    assert window.case_list_model.row_of(created.id) == 0
    assert _selected_row(window) == 0
    assert window.count_label.text() == "11 cases"


def test_a_stage_change_refreshes_the_row_and_keeps_the_selection(
    store: Store, add_cases: AddCases, make_window: Callable[[], MainWindow], qtbot: QtBot
) -> None:
    cases = add_cases(store, 5)
    window = make_window()
    assert window.select_case(cases[1].id)
    row = window.case_list_model.row_of(cases[1].id)
    assert row is not None
    store.move_case(cases[1].id, Status.INITIAL_ENGAGEMENT)
    with qtbot.assert_not_emitted(window.case_list_model.modelReset):
        window.detail_panel.case_changed.emit(cases[1].id)
    assert window.case_list_model.index(row, STATUS_COLUMN).data() == "Initial engagement"
    assert _selected_row(window) == row


def test_keyboard_reaches_search_list_and_details(
    store: Store, add_cases: AddCases, make_window: Callable[[], MainWindow], qtbot: QtBot
) -> None:
    cases = add_cases(store, 3)
    window = make_window()
    window.select_case(cases[0].id)
    _activate(window, qtbot)
    window.search_field.setText("Oak")

    window.case_list.setFocus()
    qtbot.keyClick(window.case_list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.hasFocus()
    assert window.search_field.selectedText() == "Oak"

    qtbot.keyClick(window.search_field, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.case_list.hasFocus()

    qtbot.keyClick(window.case_list, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    focused = QApplication.focusWidget()
    assert focused is not None and window.detail_panel.isAncestorOf(focused)


def test_tab_goes_from_search_through_the_filters_to_the_list(
    make_window: Callable[[], MainWindow], qtbot: QtBot
) -> None:
    window = make_window()
    _activate(window, qtbot)
    window.search_field.setFocus()
    seen = []
    for _ in range(4):
        widget = QApplication.focusWidget()
        assert widget is not None
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen[:2] == [window.setting_filter, window.status_filter]
    assert window.case_list in seen


def test_every_input_is_named_for_screen_readers(make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    for widget in (window.search_field, window.setting_filter, window.status_filter):
        assert widget.accessibleName()
    assert window.case_list.accessibleName() == "Case list"
    assert window.search_field.placeholderText() == "Search cases, names, schools…"


def test_shortcuts_are_listed(make_window: Callable[[], MainWindow], qtbot: QtBot) -> None:
    window = make_window()
    texts = {action.text().replace("&", "") for action in window.shortcut_actions()}
    assert {"New case", "Save", "Find", "Case list", "Case details"} <= texts
    dialog = ShortcutsDialog(window.shortcut_actions(), window)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Keyboard shortcuts"


def test_geometry_and_splitter_are_restored(
    store: Store, wording: RoleWording, settings: QSettings, qtbot: QtBot
) -> None:
    first = build_main_window(store, wording, settings)
    qtbot.addWidget(first)
    first.resize(first.width(), 520)  # the offscreen screen is only 800x600
    first.show()
    qtbot.waitExposed(first)
    splitter = first.findChild(QSplitter)
    assert splitter is not None
    splitter.setSizes([300, 500])
    sizes = splitter.sizes()
    assert first.close()
    assert settings.contains(GEOMETRY_KEY) and settings.contains(SPLITTER_KEY)

    second = build_main_window(store, wording, settings)
    qtbot.addWidget(second)
    assert second.height() == 520 != DEFAULT_SIZE[1]
    second.show()
    qtbot.waitExposed(second)
    restored = second.findChild(QSplitter)
    assert restored is not None
    # The screen may make the window narrower; the list keeps its share of the width.
    share = restored.sizes()[0] / sum(restored.sizes())
    assert share == pytest.approx(sizes[0] / sum(sizes), abs=0.05)


def test_closing_waits_for_unsaved_work(
    make_window: Callable[[], MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    monkeypatch.setattr(window.detail_panel, "maybe_save", lambda: False)
    assert not window.close()
    assert window.isVisible()
    monkeypatch.setattr(window.detail_panel, "maybe_save", lambda: True)
    assert window.close()

