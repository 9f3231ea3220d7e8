"""The pilot log's day view, the overview and the view beside the case list."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QTableWidget
from pytestqt.qtbot import QtBot

from restorative_desk.pilots.records import (
    Organisation,
    OrganisationKind,
    PilotActivity,
    PilotEntry,
    PilotOutcome,
    PilotTopic,
)
from restorative_desk.store import Store
from restorative_desk.wording import RoleWording
from ui import widgets
from ui.main_window import build_main_window
from ui.pilot_day import PilotDayModel, PilotDayView
from ui.pilot_log import PilotLogView
from ui.pilot_overview import PilotOverviewView

TODAY = date(2026, 11, 26)


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


@pytest.fixture
def school(store: Store) -> Organisation:
    return store.add_organisation(Organisation("École Saint-Loup", OrganisationKind.SCHOOL))


def add(store: Store, school: Organisation, day: date = TODAY, pupils: int = 28) -> PilotEntry:
    return store.add_pilot_entry(PilotEntry(
        organisation_id=school.id, session_date=day, activity=PilotActivity.MINI_CONFERENCE,
        pupils=pupils, staff=1, staff_initials="ZÖ", year_groups=(7, 8),
        topic=PilotTopic.BULLYING, outcome=PilotOutcome.AGREEMENT_MADE))


def test_the_model(qtmodeltester: object, store: Store, school: Organisation) -> None:
    model = PilotDayModel()
    model.set_entries([add(store, school), add(store, school, pupils=3)], {school.id: "École"})
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.data(model.index(0, 0)) == "École"
    assert model.data(model.index(0, 2)) == "7, 8"


def test_a_day_and_moving_between_days(qtbot: QtBot, store: Store, school: Organisation) -> None:
    add(store, school)
    add(store, school, day=date(2026, 11, 25), pupils=4)
    view = PilotDayView(store)
    qtbot.addWidget(view)
    assert view.model.rowCount() == 1
    assert "1 entry on 26 Nov 2026" in view.summary.text()
    view.previous_button.click()
    assert view.model.entry_at(0).pupils == 4  # type: ignore[union-attr]
    view.next_button.click()
    view.next_button.click()
    assert view.model.rowCount() == 0 and "No entries" in view.summary.text()
    assert not view.correct_button.isEnabled()


def test_removing_asks_first(qtbot: QtBot, store: Store, school: Organisation,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    kept, gone = add(store, school), add(store, school, pupils=5)
    view = PilotDayView(store)
    qtbot.addWidget(view)
    view.table.setCurrentIndex(view.model.index(1, 1))
    answers = iter([False, True])
    monkeypatch.setattr(widgets, "confirm", lambda *_args: next(answers))
    assert not view.remove_chosen()
    assert store.pilot_entry_count() == 2
    with qtbot.waitSignal(view.entry_deleted):
        assert view.remove_chosen()
    assert [e.id for e in store.pilot_entries_on(TODAY)] == [kept.id]
    assert gone.id not in {view.model.entry_at(0).id}  # type: ignore[union-attr]


def test_correcting_an_entry_in_the_same_form(
    qtbot: QtBot, store: Store, school: Organisation, settings: QSettings
) -> None:
    entry = add(store, school)
    log = PilotLogView(store, settings)
    qtbot.addWidget(log)
    log.pages.setCurrentWidget(log.day_view)
    log.day_view.refresh()
    log.day_view.table.activated.emit(log.day_view.model.index(0, 1))  # Enter or double-click
    form = log.entry_form
    assert log.pages.currentIndex() == 0 and form.editing == entry
    assert form.pupils.value() == 28 and form.initials.text() == "ZÖ"
    form.pupils.setValue(27)
    with qtbot.waitSignal(form.editing_finished):
        form.save_button.click()
    assert store.pilot_entry(entry.id).pupils == 27
    assert store.pilot_entry_count() == 1
    assert log.pages.currentWidget() is log.day_view
    assert log.day_view.model.entry_at(0).pupils == 27  # type: ignore[union-attr]
    assert form.editing is None and form.confirmation.text().startswith("Corrected:")


def test_the_overview_shows_withheld_counts(
    qtbot: QtBot, store: Store, school: Organisation
) -> None:
    for _ in range(6):
        add(store, school)
    add(store, school, day=date(2026, 10, 5))
    view = PilotOverviewView(store)
    qtbot.addWidget(view)
    view.load()
    assert view.overview is not None
    _title, table, _note = view.tables["by_month"]
    cells = {cell_text(table, r, 0): cell_text(table, r, 1) for r in range(table.rowCount())}
    assert cells == {"Sep 2026": "0", "Oct 2026": "<5", "Nov 2026": "6"}
    assert "7 sessions" in view.summary.text() and "<5" in view.summary.text()
    _title, _training, note = view.tables["training"]
    assert note.text() == "Nothing recorded in these dates."


def test_the_overview_with_no_organisations(qtbot: QtBot, store: Store) -> None:
    view = PilotOverviewView(store)
    qtbot.addWidget(view)
    view.load()
    assert "Settings" in view.summary.text()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_view_pilot_log_beside_the_case_list(
    qtbot: QtBot, store: Store, school: Organisation, settings: QSettings,
    wording: RoleWording,
) -> None:
    window = build_main_window(store, wording, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    [action] = [a for a in window.shortcut_actions() if a.text() == "&Pilot log"]
    assert action.shortcut().toString() == "Ctrl+4"
    action.trigger()
    assert window.pilot_log.isVisible()
    assert QApplication.focusWidget() is window.pilot_log.entry_form.session_date
    assert not window.detail_panel.isVisible()  # the log is not about one case: whole width
    next(a for a in window.shortcut_actions() if a.text() == "Case &list").trigger()
    assert window.detail_panel.isVisible()
