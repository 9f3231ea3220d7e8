"""Settings ▸ Schools and others."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from restorative_desk.pilots.records import (
    Organisation,
    OrganisationKind,
    PilotActivity,
    PilotEntry,
)
from restorative_desk.store import Store
from ui.organisations_page import OrganisationsPage
from ui.settings_dialog import SettingsDialog, SettingsPage


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def test_add_rename_retire_and_restore(qtbot: QtBot, store: Store) -> None:
    page = OrganisationsPage(store)
    qtbot.addWidget(page)
    page.name.setText("Ysgol Gymraeg")
    with qtbot.waitSignal(page.organisations_changed):
        qtbot.keyClick(page.name, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
    [added] = store.organisations()
    assert added.name == "Ysgol Gymraeg" and added.kind is OrganisationKind.SCHOOL
    assert page.chosen_id() == added.id and page.status.text() == "Added Ysgol Gymraeg."
    page.name.setText("Ysgol Gymraeg Caerdydd")
    page.kind.set_value(OrganisationKind.OTHER)
    page.save_button.click()
    assert store.organisation(added.id).name == "Ysgol Gymraeg Caerdydd"
    assert store.organisation(added.id).kind is OrganisationKind.OTHER
    page.retire_button.click()
    assert not store.organisation(added.id).active
    assert cell_text(page.table, 0, 2) == "Retired"
    assert page.retire_button.text() == "Res&tore"
    page.retire_button.click()
    assert store.organisation(added.id).active


def test_a_clash_is_shown_and_the_typing_kept(qtbot: QtBot, store: Store) -> None:
    store.add_organisation(Organisation("École Saint-Loup", OrganisationKind.SCHOOL))
    page = OrganisationsPage(store)
    qtbot.addWidget(page)
    page.table.setCurrentCell(-1, -1)
    page.name.setText("ÉCOLE SAINT-LOUP")
    page.add_button.click()
    assert "already an organisation" in page.messages.messages["name"].text()
    assert page.name.text() == "ÉCOLE SAINT-LOUP"
    assert len(store.organisations()) == 1


def test_one_with_entries_is_retired_not_deleted(qtbot: QtBot, store: Store) -> None:
    used = store.add_organisation(Organisation("Riverside", OrganisationKind.SCHOOL))
    store.add_organisation(Organisation("Typo", OrganisationKind.SCHOOL))
    store.add_pilot_entry(PilotEntry(used.id, date(2026, 11, 2), PilotActivity.COACHING, 0, 2,
                                     "JS"))
    page = OrganisationsPage(store)
    qtbot.addWidget(page)
    assert cell_text(page.table, 0, 3) == "1"
    page.table.setCurrentCell(0, 0)
    assert not page.delete_chosen()
    assert "retire it instead" in page.messages.messages["name"].text()
    page.table.setCurrentCell(1, 0)
    assert page.delete_chosen()
    assert [o.id for o in store.organisations()] == [used.id]


def test_a_page_of_settings(qtbot: QtBot, store: Store, settings: QSettings) -> None:
    dialog = SettingsDialog(None, store, settings)
    qtbot.addWidget(dialog)
    dialog.show_page(SettingsPage.SCHOOLS)
    assert dialog.tabs.currentWidget() is dialog.organisations_page
