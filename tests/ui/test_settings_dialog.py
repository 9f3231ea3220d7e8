"""Settings: auto-lock, passphrase change, backups and retention periods."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from restorative_desk.access import create_case_file, open_case_file
from restorative_desk.documents.letterhead import (
    MAX_DETAIL_LENGTH,
    ORGANISATION_SETTING_KEY,
    OrganisationDetails,
    organisation_details,
)
from restorative_desk.preparation.records import PARENT_CONSENT_SETTING_KEY, ParentConsentPolicy
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
    NO_LOGO,
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


# -- the organisation -------------------------------------------------------------------------


def picture(path: Path, size: tuple[int, int] = (240, 80), kind: str = "PNG") -> Path:
    from PIL import Image

    Image.new("RGB", size, "#1d5e5a").save(path, kind)
    return path


def test_the_organisation_tab_comes_last_and_starts_empty(
    qtbot: QtBot, store: Store, settings: QSettings
) -> None:
    dialog = make_dialog(qtbot, store, settings)
    dialog.show_page(SettingsPage.ORGANISATION)
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "&Organisation"
    assert dialog.tabs.count() == len(SettingsPage) and SettingsPage.ORGANISATION.value == 3
    assert dialog.organisation() == OrganisationDetails()
    assert dialog.logo_preview.text() == NO_LOGO and not dialog.remove_logo_button.isEnabled()
    assert dialog.parent_consent.value() is ParentConsentPolicy.ALL_CHILDREN
    assert [dialog.parent_consent.itemText(i) for i in range(dialog.parent_consent.count())] == [
        policy.label for policy in ParentConsentPolicy
    ]


def test_the_organisation_is_saved_and_comes_back(
    qtbot: QtBot, store: Store, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logo = picture(tmp_path / "logo.jpg", kind="JPEG")
    monkeypatch.setattr(
        settings_dialog.QFileDialog, "getOpenFileName", lambda *_args: (str(logo), "")
    )
    dialog = make_dialog(qtbot, store, settings)
    qtbot.keyClicks(dialog.organisation_name, "Oakfield Restorative Team ")
    dialog.organisation_contact.setText("01632 960 123 · hello@oakfield.example")
    dialog.choose_logo_button.click()
    assert dialog.logo() == logo.read_bytes()
    assert dialog.logo_preview.pixmap() is not None and not dialog.logo_preview.pixmap().isNull()
    assert dialog.remove_logo_button.isEnabled()
    dialog.parent_consent.set_value(ParentConsentPolicy.UNDER_16)
    dialog.accept()

    assert dialog.result() == QDialog.DialogCode.Accepted
    expected = OrganisationDetails(
        "Oakfield Restorative Team", "01632 960 123 · hello@oakfield.example", logo.read_bytes()
    )
    assert organisation_details(store) == expected
    assert store.setting(PARENT_CONSENT_SETTING_KEY) == "under_16"
    again = make_dialog(qtbot, store, settings)
    assert again.organisation() == expected
    assert again.parent_consent.value() is ParentConsentPolicy.UNDER_16

    again.remove_logo_button.click()
    assert again.logo_preview.text() == NO_LOGO and again.logo() is None
    again.accept()
    assert organisation_details(store).logo is None
    assert organisation_details(store).name == "Oakfield Restorative Team"


def test_unchanged_organisation_is_not_rewritten(
    qtbot: QtBot, store: Store, settings: QSettings
) -> None:
    make_dialog(qtbot, store, settings).accept()
    assert store.setting(ORGANISATION_SETTING_KEY) is None
    assert store.setting(PARENT_CONSENT_SETTING_KEY) is None


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"GIF89a" + bytes(40), "not a PNG or JPEG picture"),
        (b"\x89PNG\r\n\x1a\n" + bytes(2 * 1024 * 1024), "too large (2.0 MB)"),
    ],
)
def test_a_logo_that_will_not_do_is_explained_and_nothing_typed_is_lost(
    qtbot: QtBot,
    store: Store,
    settings: QSettings,
    tmp_path: Path,
    content: bytes,
    words: str,
) -> None:
    good = picture(tmp_path / "good.png")
    bad = tmp_path / "bad.png"
    bad.write_bytes(content)
    dialog = make_dialog(qtbot, store, settings)
    dialog.organisation_name.setText("Oakfield Restorative Team")
    assert dialog.choose_logo(good)

    assert not dialog.choose_logo(bad)

    message = dialog.organisation_messages.messages["logo"]
    assert not message.isHidden() and words in message.text()
    assert dialog.logo() == good.read_bytes()  # the logo chosen before is kept
    assert dialog.organisation_name.text() == "Oakfield Restorative Team"
    assert dialog.choose_logo(good) and message.isHidden()


def test_a_damaged_saved_logo_is_explained_when_saving(
    qtbot: QtBot, store: Store, settings: QSettings
) -> None:
    store.set_setting(
        ORGANISATION_SETTING_KEY,
        {"name": "Oakfield", "contact": "", "logo": base64.b64encode(b"not a picture").decode()},
    )
    dialog = make_dialog(qtbot, store, settings)
    assert dialog.logo_preview.text() == "Cannot show this picture"
    dialog.show_page(SettingsPage.SECURITY)
    dialog.organisation_name.setText("Oakfield Restorative Team")
    dialog.retention[Setting.SCHOOL].setValue(40)

    dialog.accept()

    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.tabs.currentIndex() == SettingsPage.ORGANISATION.value
    message = dialog.organisation_messages.messages["logo"]
    assert not message.isHidden() and "not a PNG or JPEG" in message.text()
    assert dialog.organisation_name.text() == "Oakfield Restorative Team"
    assert store.setting(RETENTION_SETTING_KEY) is None  # nothing is saved half-way

    dialog.remove_logo_button.click()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert organisation_details(store) == OrganisationDetails("Oakfield Restorative Team")
    assert store.setting(RETENTION_SETTING_KEY)[Setting.SCHOOL.value] == 40


def test_the_organisation_inputs_are_labelled(
    qtbot: QtBot, store: Store, settings: QSettings
) -> None:
    dialog = make_dialog(qtbot, store, settings)
    page = dialog.tabs.widget(SettingsPage.ORGANISATION.value)
    buddies = {label.buddy(): label.text() for label in page.findChildren(QLabel) if label.buddy()}
    assert buddies[dialog.organisation_name] == "Organisation &name"
    assert buddies[dialog.organisation_contact] == "Contact for &questions"
    assert buddies[dialog.parent_consent] == "&Parent or carer consent"
    logo_row = next(widget for widget, text in buddies.items() if text == "Logo")
    assert logo_row.focusProxy() is dialog.choose_logo_button
    for widget in (
        dialog.organisation_name,
        dialog.organisation_contact,
        dialog.parent_consent,
        dialog.choose_logo_button,
        dialog.remove_logo_button,
        dialog.logo_preview,
    ):
        assert widget.accessibleName()
    assert dialog.organisation_name.maxLength() == MAX_DETAIL_LENGTH
