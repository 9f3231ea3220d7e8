"""Settings: auto-lock, passphrase change, backups and retention periods."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from restorative_desk.access import create_case_file, open_case_file
from restorative_desk.records import Setting
from restorative_desk.retention import DEFAULT_RETENTION_MONTHS, RETENTION_SETTING_KEY
from restorative_desk.security import WrongPassphrase, failed_attempts
from restorative_desk.store import Store
from restorative_desk.store.audit import AuditAction
from restorative_desk.store.backup import backups_in
from tests.conftest import TEST_PASSPHRASE
from ui import settings_dialog
from ui.locking import AUTO_LOCK_KEY, auto_lock_minutes
from ui.settings_dialog import (
    BACKUP_FOLDER_KEY,
    BACKUP_NOTE,
    NO_BACKUPS,
    ChangePassphraseDialog,
    SettingsDialog,
    SettingsPage,
    months_in_words,
)

NEW_PASSPHRASE = "lantern pebble orchard"
NOW = datetime(2026, 11, 26, 14, 5, 0)


@pytest.fixture
def vault_store(db_path: Path) -> Iterator[Store]:
    """A real case file with a key file, so the passphrase can be changed."""
    with create_case_file(db_path, TEST_PASSPHRASE, actor="Test Facilitator").store as store:
        yield store


def make_dialog(qtbot: QtBot, store: Store, settings: QSettings) -> SettingsDialog:
    dialog = SettingsDialog(None, store, settings, clock=lambda: NOW)
    qtbot.addWidget(dialog)
    return dialog


def test_defaults_then_saved_values_come_back(
    qtbot: QtBot, store: Store, settings: QSettings, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, store, settings)
    assert dialog.auto_lock.value() == 5
    assert dialog.auto_lock.minimum() == 1 and dialog.auto_lock.maximum() == 30
    assert all(box.value() == DEFAULT_RETENTION_MONTHS for box in dialog.retention.values())

    dialog.auto_lock.setValue(12)
    dialog.folder.setText(str(tmp_path))
    dialog.retention[Setting.SCHOOL].setValue(36)
    dialog.accept()

    assert auto_lock_minutes(settings) == 12
    assert settings.value(BACKUP_FOLDER_KEY) == str(tmp_path)
    saved = store.setting(RETENTION_SETTING_KEY)
    assert saved[Setting.SCHOOL.value] == 36 and saved["yos"] == DEFAULT_RETENTION_MONTHS
    again = make_dialog(qtbot, store, settings)
    assert again.auto_lock.value() == 12 and again.folder.text() == str(tmp_path)
    assert again.retention[Setting.SCHOOL].value() == 36


def test_cancel_keeps_nothing_and_unchanged_periods_are_not_rewritten(
    qtbot: QtBot, store: Store, settings: QSettings
) -> None:
    dialog = make_dialog(qtbot, store, settings)
    dialog.auto_lock.setValue(20)
    dialog.retention[Setting.YOS].setValue(24)
    dialog.reject()
    assert settings.value(AUTO_LOCK_KEY) is None and store.setting(RETENTION_SETTING_KEY) is None
    updates = len(store.audit.entries(actions=[AuditAction.UPDATE]))
    make_dialog(qtbot, store, settings).accept()
    assert len(store.audit.entries(actions=[AuditAction.UPDATE])) == updates


def test_a_saved_value_out_of_range_shows_within_range(
    qtbot: QtBot, store: Store, settings: QSettings
) -> None:
    settings.setValue(AUTO_LOCK_KEY, 99)
    assert make_dialog(qtbot, store, settings).auto_lock.value() == 30


def test_retention_shows_the_policy_and_years(
    qtbot: QtBot, store: Store, settings: QSettings
) -> None:
    dialog = make_dialog(qtbot, store, settings)
    dialog.show_page(SettingsPage.RETENTION)
    assert dialog.tabs.currentIndex() == SettingsPage.RETENTION.value
    dialog.retention[Setting.CARE_HOME].setValue(30)
    assert dialog._in_years[Setting.CARE_HOME].text() == "(2 years 6 months)"
    assert months_in_words(12) == "1 year" and months_in_words(1) == "1 month"


def test_back_up_now_lists_the_backup_and_says_so(
    qtbot: QtBot, vault_store: Store, settings: QSettings, tmp_path: Path
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    dialog = make_dialog(qtbot, vault_store, settings)
    assert BACKUP_NOTE in [label.text() for label in dialog.findChildren(settings_dialog.QLabel)]
    assert not dialog.back_up_button.isEnabled()
    dialog.folder.setText(str(folder))
    dialog.folder.editingFinished.emit()
    assert dialog.backup_status.text() == NO_BACKUPS and dialog.back_up_button.isEnabled()

    dialog.back_up_button.click()

    assert len(backups_in(folder)) == 1
    assert dialog.back_up_result.text().startswith("Backed up at 14:05 as restorative-desk-")
    assert dialog.backup_list.count() == 1
    assert dialog.backup_list.item(0).text() == "26 Nov 2026, 14:05"
    assert settings.value(BACKUP_FOLDER_KEY) == str(folder)  # kept, even without Save
    assert vault_store.audit.entries(actions=[AuditAction.BACKUP])


def test_a_missing_folder_is_explained_and_a_failed_backup_said_in_words(
    qtbot: QtBot, vault_store: Store, settings: QSettings, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, vault_store, settings)
    dialog.folder.setText(str(tmp_path / "unplugged"))
    dialog.folder.editingFinished.emit()
    assert "plugged in" in dialog.backup_status.text() and not dialog.back_up_button.isEnabled()

    folder = tmp_path / "usb"
    folder.mkdir()
    (folder / "restorative-desk-2026-11-26-140500.rdbackup").write_bytes(b"")
    dialog.folder.setText(str(folder))
    dialog.folder.editingFinished.emit()
    dialog.back_up_button.click()
    assert dialog.back_up_result.text().startswith("No backup was made. A backup called")


def test_choose_fills_the_folder(
    qtbot: QtBot, store: Store, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        settings_dialog.QFileDialog, "getExistingDirectory", lambda *_args: str(tmp_path)
    )
    dialog = make_dialog(qtbot, store, settings)
    dialog.choose_button.click()
    assert dialog.folder.text() == str(tmp_path) and dialog.backup_status.text() == NO_BACKUPS


def make_passphrase_dialog(qtbot: QtBot, store: Store) -> ChangePassphraseDialog:
    dialog = ChangePassphraseDialog(None, store)
    qtbot.addWidget(dialog)
    return dialog


def test_change_passphrase_checks_the_current_one_then_changes_it(
    qtbot: QtBot, vault_store: Store, db_path: Path
) -> None:
    dialog = make_passphrase_dialog(qtbot, vault_store)
    qtbot.keyClicks(dialog.current, "wrong words here")
    qtbot.keyClicks(dialog.new, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.again, NEW_PASSPHRASE)
    assert dialog.advice.text() == "Good passphrase, typed the same twice."
    dialog.accept()
    assert not dialog.changed()
    assert dialog.messages.messages["current"].text().startswith("That isn't the passphrase")
    assert failed_attempts(db_path) == 1  # wrong tries count, as at the unlock screen

    dialog.current.clear()
    qtbot.keyClicks(dialog.current, TEST_PASSPHRASE)
    dialog.accept()

    assert dialog.changed()
    with pytest.raises(WrongPassphrase):
        open_case_file(db_path, TEST_PASSPHRASE, actor="t")
    (entry, *_) = vault_store.audit.entries(actions=[AuditAction.UPDATE])
    assert entry.record_type == "passphrase"
    open_case_file(db_path, NEW_PASSPHRASE, actor="t").close()


def test_new_passphrase_problems_are_shown_live_and_block_the_change(
    qtbot: QtBot, vault_store: Store, db_path: Path
) -> None:
    dialog = make_passphrase_dialog(qtbot, vault_store)
    assert dialog.advice.text().startswith("Type a new passphrase")
    qtbot.keyClicks(dialog.new, "short")
    assert "at least 12 characters" in dialog.advice.text()
    qtbot.keyClicks(dialog.current, TEST_PASSPHRASE)
    dialog.accept()
    assert not dialog.changed() and "at least 12" in dialog.messages.messages["new"].text()

    dialog.new.clear()
    qtbot.keyClicks(dialog.new, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.again, "lantern pebble")
    assert "not the same yet" in dialog.advice.text()
    dialog.accept()
    assert not dialog.changed() and "not the same" in dialog.messages.messages["again"].text()
    assert failed_attempts(db_path) == 0  # nothing was tried against the key file


def test_settings_opens_the_passphrase_dialog_through_ask(
    qtbot: QtBot, vault_store: Store, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Store] = []
    monkeypatch.setattr(
        ChangePassphraseDialog, "ask", classmethod(lambda _cls, _p, s: asked.append(s) or True)
    )
    dialog = make_dialog(qtbot, vault_store, settings)
    dialog.change_passphrase_button.click()
    assert asked == [vault_store] and "Your passphrase is changed" in dialog.passphrase_note.text()
