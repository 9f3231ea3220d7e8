"""The first-run wizard: nothing is written before a good passphrase; the key is shown once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from restorative_desk.access import NewCaseFile, case_file_exists, open_case_file
from restorative_desk.documents import recovery_sheet
from restorative_desk.security import keys_path, parse_recovery_key
from tests.conftest import TEST_PASSPHRASE
from ui.locking import ClipboardGuard
from ui.setup_wizard import NOT_THE_SAME, SetupWizard

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def wizard(qtbot: QtBot, db_path: Path) -> SetupWizard:
    made = SetupWizard(db_path, "Test Facilitator")
    qtbot.addWidget(made)
    made.show()
    return made


def _type_passphrase(qtbot: QtBot, wizard: SetupWizard, first: str, second: str) -> None:
    page = wizard.passphrase_page
    qtbot.keyClicks(page.passphrase, first)
    qtbot.keyClicks(page.again, second)


def _create(qtbot: QtBot, wizard: SetupWizard) -> None:
    _type_passphrase(qtbot, wizard, TEST_PASSPHRASE, TEST_PASSPHRASE)
    wizard.next()
    assert wizard.currentPage() is wizard.key_page


def test_the_first_page_says_why_and_labels_its_fields(wizard: SetupWizard) -> None:
    page = wizard.passphrase_page
    assert page.passphrase.accessibleName() == "Passphrase"
    assert page.again.accessibleName() == "Passphrase again"
    assert page.passphrase.echoMode() == page.passphrase.EchoMode.Password
    assert "lost" in " ".join(label.text() for label in page.findChildren(type(page.feedback)))


def test_a_weak_passphrase_is_refused_and_nothing_written(
    qtbot: QtBot, wizard: SetupWizard, db_path: Path
) -> None:
    _type_passphrase(qtbot, wizard, "short", "short")
    assert wizard.passphrase_page.feedback.text().startswith("Not yet")
    wizard.next()
    assert wizard.currentPage() is wizard.passphrase_page
    assert "at least 12 characters" in wizard.passphrase_page.feedback.text()
    assert not case_file_exists(db_path)


def test_two_different_passphrases_are_refused_and_nothing_written(
    qtbot: QtBot, wizard: SetupWizard, db_path: Path
) -> None:
    _type_passphrase(qtbot, wizard, TEST_PASSPHRASE, "heron teapot glaciers")
    assert NOT_THE_SAME in wizard.passphrase_page.feedback.text()
    assert not wizard.passphrase_page.validatePage()
    assert not case_file_exists(db_path)


def test_a_good_passphrase_makes_the_case_file_and_shows_the_key_once(
    qtbot: QtBot, wizard: SetupWizard, db_path: Path
) -> None:
    _create(qtbot, wizard)
    assert db_path.exists() and keys_path(db_path).exists()
    shown = wizard.key_page.key_label.text()
    assert len(parse_recovery_key(shown)) == 32
    key = wizard.recovery_key()
    assert parse_recovery_key(key) == parse_recovery_key(shown)
    assert wizard.passphrase_page.passphrase.text() == "", "the passphrase is not kept"
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled(), "the box must be ticked first"
    wizard.key_page.stored_box.setChecked(True)
    assert finish.isEnabled()
    wizard.accept()
    made = wizard.result_case_file()
    assert isinstance(made, NewCaseFile) and made.recovery_key == key
    assert wizard.key_page.key_label.text() == "", "the key is not left on screen"
    made.store.close()
    open_case_file(db_path, TEST_PASSPHRASE, actor="Test Facilitator").close()


def test_the_key_is_never_copied_by_itself_and_a_copy_is_cleared(
    qtbot: QtBot, db_path: Path
) -> None:
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("something of the user's")
    guard = ClipboardGuard()
    wizard = SetupWizard(db_path, "Test Facilitator", clipboard=guard)
    qtbot.addWidget(wizard)
    wizard.show()
    _create(qtbot, wizard)
    assert clipboard.text() == "something of the user's"
    wizard.key_page.copy_button.click()
    assert clipboard.text() == wizard.recovery_key()
    guard.clear()
    assert clipboard.text() == ""
    wizard.reject()


def test_the_recovery_sheet_is_saved_as_pdf(
    qtbot: QtBot, wizard: SetupWizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given: list[tuple[str, str, str, date]] = []

    def render(recovery_key: str, organisation: str, db_name: str, made_on: date) -> bytes:
        given.append((recovery_key, organisation, db_name, made_on))
        return b"%PDF-1.4 sheet"

    monkeypatch.setattr(recovery_sheet, "render_recovery_sheet", render)
    wizard.passphrase_page.organisation.setText("Riverside Academy")
    _create(qtbot, wizard)
    target = tmp_path / "sheet.pdf"
    wizard.choose_save_path = lambda _parent, _suggested: str(target)
    wizard.key_page.save_button.click()
    assert target.read_bytes() == b"%PDF-1.4 sheet"
    assert given == [(wizard.recovery_key(), "Riverside Academy", "cases.db", date.today())]
    assert "Saved" in wizard.key_page.result.text()
    wizard.reject()


def test_cancelling_after_the_key_is_shown_leaves_no_case_file(
    qtbot: QtBot, wizard: SetupWizard, db_path: Path
) -> None:
    _create(qtbot, wizard)
    wizard.reject()
    assert wizard.result_case_file() is None
    assert not case_file_exists(db_path)


def test_ask_gives_none_when_cancelled(
    qtbot: QtBot, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SetupWizard, "exec", lambda self: self.reject())
    assert SetupWizard.ask(None, db_path, "Test Facilitator") is None
