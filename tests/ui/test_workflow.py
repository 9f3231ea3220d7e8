"""A facilitator's day, end to end through the main window, then again after a restart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from restorative_desk.records import Contact, ContactType, Person, ReferralSource, Role, Setting
from restorative_desk.store import Store
from restorative_desk.wording import RoleWording
from tests.conftest import FIXED_NOW
from ui.contact_dialog import ContactDialog
from ui.main_window import MainWindow, build_main_window
from ui.person_dialog import PersonDialog
from ui.widgets import to_qdate

from .helpers import Answers

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def open_window(
    db_path: Path, db_key: bytes, wording: RoleWording, settings: QSettings, qtbot: QtBot
) -> MainWindow:
    store = Store.open(db_path, key=db_key, actor="Sam Okafor", clock=lambda: FIXED_NOW)
    window = build_main_window(store, wording, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # shortcuts reach the active window, as when the user clicks on it
    qtbot.waitUntil(window.isActiveWindow)
    window.destroyed.connect(store.close)
    return window


def test_record_a_referral_its_people_and_contacts_then_find_them_after_a_restart(
    db_path: Path,
    db_key: bytes,
    wording: RoleWording,
    settings: QSettings,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(db_path, db_key, wording, settings, qtbot)

    # A new referral, typed in and saved with the keyboard.
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.detail_panel.title.text().startswith("New case")
    form = window.detail_panel.referral
    form.setting.set_value(Setting.YOS)
    qtbot.keyClicks(form.organisation, "Northbank YOS")
    form.referral_source.set_value(ReferralSource.YOUTH_OFFENDING_TEAM)
    form.referral_date.setDate(to_qdate(date(2026, 11, 23)))
    form.summary.setPlainText("Siobhán's phone was taken at the bus stop; she asked to meet.")
    with qtbot.waitSignal(window.detail_panel.case_saved) as saved:
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    case_id = saved.args[0]
    assert window.case_list_model.row_of(case_id) is not None
    assert window.count_label.text().startswith("1 case")

    # The people, with names from many languages, and a contact with each of them.
    harmed = Person("", Role.PERSON_HARMED, "Siobhán Ó Briain", preferred_name="Shiv")
    responsible = Person("", Role.PERSON_RESPONSIBLE, "Nguyễn Văn An", pronouns="he/him")
    monkeypatch.setattr(PersonDialog, "ask", Answers(harmed, responsible))
    window.detail_panel.people.add_button.click()
    window.detail_panel.people.add_button.click()
    people = {p.name: p for p in window.detail_panel._store.people(case_id)}
    assert set(people) == {"Siobhán Ó Briain", "Nguyễn Văn An"}
    calls = Answers(
        Contact("", date(2026, 11, 24), ContactType.PHONE, "Sam Okafor",
                person_id=people["Siobhán Ó Briain"].id, note="Explained what a meeting is."),
        Contact("", date(2026, 11, 25), ContactType.VISIT, "Sam Okafor",
                person_id=people["Nguyễn Văn An"].id, note="Met An with his dad at home."),
    )  # fmt: skip
    monkeypatch.setattr(ContactDialog, "ask", calls)
    window.detail_panel.contacts.log_button.click()
    window.detail_panel.contacts.log_button.click()
    newest = window.detail_panel.contacts.texts()[0]
    assert newest.startswith("25 Nov 2026 · Visit with Nguyễn Văn An")

    # Search finds the case by a person's name typed without accents; filters narrow the list.
    window.search_field.setText("nguyen")
    qtbot.waitUntil(lambda: window.case_list_model.rowCount() == 1)
    window.setting_filter.setCurrentText("School")
    qtbot.waitUntil(lambda: window.case_list_model.rowCount() == 0)
    window.setting_filter.setCurrentText("Youth Offending Service")
    qtbot.waitUntil(lambda: window.case_list_model.rowCount() == 1)
    window.close()

    # Next morning: the app opens again on the same file and everything is there.
    again = open_window(db_path, db_key, wording, settings, qtbot)
    again.search_field.setText("Shiv")
    qtbot.waitUntil(lambda: again.case_list_model.rowCount() == 1)
    assert again.select_case(case_id)
    panel = again.detail_panel
    assert panel.referral.organisation.text() == "Northbank YOS"
    assert "Siobhán's phone" in panel.referral.summary.toPlainText()
    names = [panel.people.list.topLevelItem(n).text(0) for n in range(2)]  # type: ignore[union-attr]
    assert names == ["Shiv (Siobhán Ó Briain)", "Nguyễn Văn An"]
    roles = [panel.people.list.topLevelItem(n).text(1) for n in range(2)]  # type: ignore[union-attr]
    assert roles == ["Victim", "Young person"]  # the YOS's own words
    assert len(panel.contacts.texts()) == 2
