"""The pilot log's quick entry, driven by the keyboard alone."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget
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
from ui.pilot_entry import NOT_ASKED, PilotEntryForm

TODAY = date(2026, 11, 26)
# Focus and Tab need the form shown (offscreen), as the main window tests do.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def schools(store: Store) -> list[Organisation]:
    return [store.add_organisation(Organisation(name, OrganisationKind.SCHOOL))
            for name in ("Ysgol Gymraeg", "École Saint-Loup")]


@pytest.fixture
def form(qtbot: QtBot, store: Store, settings: QSettings, schools: list[Organisation]
         ) -> PilotEntryForm:
    made = PilotEntryForm(store, settings)
    qtbot.addWidget(made)
    made.show()  # a child-less widget shown offscreen, so focus and Tab work
    made.activateWindow()
    qtbot.waitUntil(made.isActiveWindow)
    return made


def press(qtbot: QtBot, widget: QWidget | None, key: Qt.Key,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, modifier)  # type: ignore[no-untyped-call]


def tab(qtbot: QtBot, times: int = 1) -> None:
    for _ in range(times):
        press(qtbot, QApplication.focusWidget(), Qt.Key.Key_Tab)


def type_here(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)  # type: ignore[no-untyped-call]


def test_a_session_recorded_with_the_keyboard_alone(
    qtbot: QtBot, store: Store, form: PilotEntryForm, schools: list[Organisation]
) -> None:
    form.focus_first()
    assert QApplication.focusWidget() is form.session_date
    tab(qtbot)  # school: the first, École Saint-Loup (by name)
    assert QApplication.focusWidget() is form.organisation
    tab(qtbot)
    type_here(qtbot, "cl")  # type-ahead: Class circle
    tab(qtbot)
    type_here(qtbot, "28")
    tab(qtbot)
    type_here(qtbot, "1")
    tab(qtbot)
    type_here(qtbot, "7")
    tab(qtbot, 2)  # past what it was about (a class circle need not say)
    assert QApplication.focusWidget() is form.outcome
    type_here(qtbot, "r")  # Resolved
    tab(qtbot)  # the follow-up: its "No follow-up" box (the date is off)
    tab(qtbot)
    assert QApplication.focusWidget() is form.initials
    type_here(qtbot, "js")
    with qtbot.waitSignal(form.entry_saved) as saved:
        press(qtbot, form.initials, Qt.Key.Key_Return)
    entry = store.pilot_entry(saved.args[0])
    assert entry.organisation_id == schools[1].id
    assert (entry.session_date, entry.activity, entry.pupils, entry.staff) == (
        TODAY, PilotActivity.CLASS_CIRCLE, 28, 1)
    assert entry.year_groups == (7,)
    assert entry.outcome is PilotOutcome.RESOLVED and entry.topic is None
    assert entry.staff_initials == "JS"
    assert form.confirmation.text() == "Saved: class circle, Year 7, 28 pupils."
    # Ready for the next: school, date and initials kept, the rest cleared.
    assert form.organisation.value() == schools[1].id
    assert form.initials.text() == "JS"
    assert form.pupils.value() == 0 and form.year_groups.text() == ""
    assert QApplication.focusWidget() is form.activity


def test_problems_shown_and_typing_kept(
    qtbot: QtBot, store: Store, form: PilotEntryForm
) -> None:
    form.activity.set_value(PilotActivity.RESTORATIVE_CONVERSATION)
    form.year_groups.setText("7, 14")
    form.initials.setText("ZÖ")
    press(qtbot, form.initials, Qt.Key.Key_Return)
    # Every problem at once, beside its field; the keyboard goes to the first.
    assert "7-9" in form.messages.messages["year_groups"].text()
    assert form.messages.messages["pupils"].isVisibleTo(form)
    assert QApplication.focusWidget() is form.pupils
    form.year_groups.setText("7-9")
    press(qtbot, form.year_groups, Qt.Key.Key_Return)
    assert form.messages.messages["year_groups"].isHidden()
    assert form.messages.messages["topic"].text() == "Choose what the session was about."
    assert store.pilot_entry_count() == 0
    assert form.year_groups.text() == "7-9" and form.initials.text() == "ZÖ"
    form.pupils.setValue(2)
    form.topic.set_value(PilotTopic.ONLINE)
    form.outcome.set_value(PilotOutcome.FOLLOW_UP_NEEDED)
    assert form.follow_up.value() == date(2026, 12, 3)  # offered a week on
    with qtbot.waitSignal(form.entry_saved):
        press(qtbot, form.pupils, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    [entry] = store.pilot_entries_on(TODAY)
    assert entry.year_groups == (7, 8, 9) and entry.follow_up_date == date(2026, 12, 3)
    assert entry.staff_initials == "ZÖ"


def test_training_is_not_asked_what_it_was_about(form: PilotEntryForm) -> None:
    form.activity.set_value(PilotActivity.TWILIGHT_TRAINING)
    assert not form.topic.isEnabled()
    assert form.topic.currentText() == NOT_ASKED
    form.activity.set_value(PilotActivity.MINI_CONFERENCE)
    assert form.topic.isEnabled()


def test_same_as_last_fills_all_but_the_date(
    qtbot: QtBot, store: Store, form: PilotEntryForm, schools: list[Organisation]
) -> None:
    store.add_pilot_entry(PilotEntry(
        organisation_id=schools[0].id, session_date=date(2026, 11, 20),
        activity=PilotActivity.PEER_MEDIATION, pupils=3, staff=1, staff_initials="ŁK",
        year_groups=(5, 6), topic=PilotTopic.BULLYING, outcome=PilotOutcome.FOLLOW_UP_NEEDED,
        follow_up_date=date(2026, 11, 27), note="Lunchtime"))
    form.focus_first()
    press(qtbot, QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert form.organisation.value() == schools[0].id
    assert form.activity.value() is PilotActivity.PEER_MEDIATION
    assert (form.pupils.value(), form.staff.value()) == (3, 1)
    assert form.year_groups.text() == "5, 6" and form.year_words.text() == "Years 5 and 6"
    assert form.topic.value() is PilotTopic.BULLYING
    assert form.follow_up.value() == date(2026, 12, 3)  # the same week on, from today
    assert form.initials.text() == "ŁK" and form.note.text() == "Lunchtime"
    assert form.session_date.date().toPython() == TODAY
    with qtbot.waitSignal(form.entry_saved):
        press(qtbot, QApplication.focusWidget(), Qt.Key.Key_Return)
    assert store.pilot_entry_count() == 2


def test_same_as_last_with_nothing_before(form: PilotEntryForm) -> None:
    assert not form.fill_from_last()
    assert "no earlier entry" in form.confirmation.text()


def test_the_school_is_remembered(
    qtbot: QtBot, store: Store, settings: QSettings, schools: list[Organisation]
) -> None:
    first = PilotEntryForm(store, settings)
    qtbot.addWidget(first)
    first.organisation.set_value(schools[0].id)
    first.pupils.setValue(3)
    first.activity.set_value(PilotActivity.COACHING)
    first.initials.setText("JS")
    assert first.save() is not None
    second = PilotEntryForm(store, settings)
    qtbot.addWidget(second)
    assert second.organisation.value() == schools[0].id
