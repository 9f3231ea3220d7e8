"""Restoring from the Tools menu: check a backup in a dialog, then hand it over."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from restorative_desk.access import create_case_file, open_case_file
from restorative_desk.demo import fill_demo
from restorative_desk.store import Store
from restorative_desk.store.audit import AuditAction
from restorative_desk.store.backup import make_backup
from restorative_desk.store.restore import SCRATCH_PREFIX
from restorative_desk.wording import RoleWording
from tests.conftest import TEST_PASSPHRASE
from tests.ui.helpers import Answers
from ui import restore_dialog, settings_dialog
from ui.main_window import MainWindow
from ui.restore_dialog import RestoreChoice, RestoreDialog
from ui.settings_dialog import BACKUP_FOLDER_KEY, SettingsDialog, SettingsPage

MADE = datetime(2026, 11, 20, 9, 30)


@pytest.fixture
def vault_store(db_path: Path) -> Iterator[Store]:
    with create_case_file(db_path, TEST_PASSPHRASE, actor="Test Facilitator").store as store:
        fill_demo(store, 6, people=False)
        yield store


@pytest.fixture
def backup(vault_store: Store, tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return make_backup(vault_store, folder, now=MADE).path


def scratch(db_path: Path) -> list[Path]:
    return list(db_path.parent.glob(f"{SCRATCH_PREFIX}*"))


def make_dialog(qtbot: QtBot, db_path: Path) -> RestoreDialog:
    dialog = RestoreDialog(None, db_path, actor="Test Facilitator")
    qtbot.addWidget(dialog)
    return dialog


def test_check_then_restore_hands_over_the_checked_backup(
    qtbot: QtBot, db_path: Path, backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = Answers(True)
    monkeypatch.setattr(restore_dialog, "confirm", asked)
    dialog = make_dialog(qtbot, db_path)
    dialog.backup.setText(str(backup))
    qtbot.keyClicks(dialog.passphrase, TEST_PASSPHRASE)
    assert not dialog.restore_button.isEnabled()
    dialog.check_button.click()
    assert dialog.status.text().startswith(
        "This backup is whole: made on 20 Nov 2026, 09:30, holding 6 cases."
    )
    assert dialog.restore_button.isEnabled()

    dialog.restore_button.click()

    choice = dialog.choice()
    assert isinstance(choice, RestoreChoice) and choice.checked.case_count == 6
    text = asked.calls[0][0][2]
    assert isinstance(text, str) and "kept aside as cases.db.before-restore-" in text
    assert choice.checked.restored_db.exists()  # handed over, not discarded
    choice.checked.discard()


def test_a_wrong_passphrase_is_said_and_nothing_is_left(
    qtbot: QtBot, db_path: Path, backup: Path
) -> None:
    dialog = make_dialog(qtbot, db_path)
    dialog.backup.setText(str(backup))
    qtbot.keyClicks(dialog.passphrase, "wrong words entirely")
    assert not dialog.check()
    assert "doesn't open" in dialog.status.text() and not dialog.restore_button.isEnabled()
    assert scratch(db_path) == []


def test_cancel_or_a_change_after_checking_discards_the_unpacked_copy(
    qtbot: QtBot, db_path: Path, backup: Path
) -> None:
    dialog = make_dialog(qtbot, db_path)
    dialog.backup.setText(str(backup))
    qtbot.keyClicks(dialog.passphrase, TEST_PASSPHRASE)
    assert dialog.check() and scratch(db_path)
    qtbot.keyClicks(dialog.passphrase, "x")
    assert scratch(db_path) == [] and not dialog.restore_button.isEnabled()
    assert "again" in dialog.status.text()

    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, TEST_PASSPHRASE)
    assert dialog.check()
    dialog.reject()
    assert scratch(db_path) == [] and dialog.choice() is None


def test_declining_the_confirmation_keeps_the_dialog_open(
    qtbot: QtBot, db_path: Path, backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(restore_dialog, "confirm", Answers(False))
    dialog = make_dialog(qtbot, db_path)
    dialog.backup.setText(str(backup))
    qtbot.keyClicks(dialog.passphrase, TEST_PASSPHRASE)
    dialog.check()
    dialog.accept()
    assert dialog.choice() is None and dialog.checked_backup() is not None
    dialog.reject()


# -- the Tools menu --------------------------------------------------------------------------


@pytest.fixture
def window(
    qtbot: QtBot, vault_store: Store, wording: RoleWording, settings: QSettings
) -> MainWindow:
    made = MainWindow(vault_store, wording, settings)
    qtbot.addWidget(made)
    return made


def test_tools_menu_lists_its_actions_and_settings_has_a_shortcut(window: MainWindow) -> None:
    tools = window._tools
    assert [a.text() for a in tools.actions()] == [
        "&Settings…",
        "&Conference scripts…",
        "&Print agreements…",
        "Agreement &outcomes…",
        "Partner a&gency feedback…",
        "&Audit trail…",
        "Cases past &retention…",
        "&Back up now",
        "R&estore from backup…",
    ]
    assert tools.settings_action in window.shortcut_actions()


def test_back_up_now_without_a_folder_opens_the_backups_page(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = Answers(False)
    monkeypatch.setattr(SettingsDialog, "ask", asked)
    window._tools.backup_action.trigger()
    assert asked.calls[0][1] == {"page": SettingsPage.BACKUPS}


def test_back_up_now_with_a_folder_says_what_it_did(
    window: MainWindow, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told = Answers(None)
    monkeypatch.setattr(settings_dialog, "inform", told)
    settings.setValue(BACKUP_FOLDER_KEY, str(tmp_path))
    window._tools.backup_action.trigger()
    assert list(tmp_path.glob("*.rdbackup"))
    assert str(told.calls[0][0][2]).startswith("Backed up at ")


def test_restore_goes_to_the_handler(
    window: MainWindow, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choice = object()
    monkeypatch.setattr(RestoreDialog, "ask", Answers(choice))
    handled: list[object] = []
    window.set_restore_handler(handled.append)
    window._tools.restore_action.trigger()
    assert handled == [choice]


def test_without_a_handler_the_window_restores_and_closes(
    qtbot: QtBot,
    window: MainWindow,
    vault_store: Store,
    db_path: Path,
    backup: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = make_dialog(qtbot, db_path)
    dialog.backup.setText(str(backup))
    qtbot.keyClicks(dialog.passphrase, TEST_PASSPHRASE)
    dialog.check()
    monkeypatch.setattr(restore_dialog, "confirm", Answers(True))
    dialog.accept()
    monkeypatch.setattr(RestoreDialog, "ask", Answers(dialog.choice()))
    told = Answers(None)
    monkeypatch.setattr(settings_dialog, "inform", told)
    closed: list[bool] = []
    monkeypatch.setattr(window, "close", lambda: closed.append(True) or True)

    window._tools.restore_action.trigger()

    assert closed == [True]
    assert "The backup is in place" in str(told.calls[0][0][2])
    assert list(db_path.parent.glob("cases.db.before-restore-*"))
    with open_case_file(db_path, TEST_PASSPHRASE, actor="t") as restored:
        assert restored.count_cases() == 6
        assert restored.audit.entries(actions=[AuditAction.RESTORE])
