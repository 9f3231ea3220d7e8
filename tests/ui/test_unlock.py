"""The unlock screen: the passphrase, the wait after too many tries, and the recovery key."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from restorative_desk.access import create_case_file, open_case_file
from restorative_desk.security import WrongPassphrase, unlock, vault
from restorative_desk.store import Store
from tests.conftest import TEST_PASSPHRASE
from ui import unlock as unlock_module
from ui.unlock import NOT_ENCRYPTED, RECOVERY_PAGE, UnlockWindow

# The offscreen platform used in tests cannot size or raise top-level windows.
pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise"
)

NEW_PASSPHRASE = "otter kettle meadow"


@pytest.fixture
def recovery_key(db_path: Path) -> str:
    """A case file at db_path, closed again; its recovery key."""
    made = create_case_file(db_path, TEST_PASSPHRASE, actor="Test Facilitator")
    made.store.close()
    return made.recovery_key


@pytest.fixture
def window(qtbot: QtBot, db_path: Path, recovery_key: str) -> UnlockWindow:
    shown = UnlockWindow(db_path, "Test Facilitator")
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _fail(db_path: Path, times: int) -> None:
    for _ in range(times):
        with pytest.raises(WrongPassphrase):
            unlock(db_path, "not the passphrase")


def test_the_passphrase_field_is_labelled_and_hidden(window: UnlockWindow) -> None:
    assert window.passphrase.echoMode() == window.passphrase.EchoMode.Password
    assert window.passphrase.accessibleName() == "Passphrase"
    assert "cases.db" in window.file_label.text()


def test_the_right_passphrase_unlocks(qtbot: QtBot, window: UnlockWindow, db_path: Path) -> None:
    qtbot.keyClicks(window.passphrase, TEST_PASSPHRASE)
    with qtbot.waitSignal(window.unlocked) as blocker:
        qtbot.mouseClick(window.unlock_button, Qt.MouseButton.LeftButton)
    store = blocker.args[0]
    assert isinstance(store, Store) and store.path == db_path
    store.close()
    assert window.passphrase.text() == "", "the passphrase does not linger in the field"


def test_a_wrong_passphrase_says_so_and_counts(qtbot: QtBot, window: UnlockWindow) -> None:
    qtbot.keyClicks(window.passphrase, "heron teapot glacial")
    with qtbot.assertNotEmitted(window.unlocked):
        qtbot.keyClick(window.passphrase, Qt.Key.Key_Return)
    assert "doesn't open this case file" in window.message.text()
    assert "4 more times" in window.message.text()
    assert window.message.isVisible()
    assert window.passphrase.text() == ""
    assert window.unlock_button.isEnabled()


def test_an_empty_passphrase_is_not_tried(
    qtbot: QtBot, window: UnlockWindow, db_path: Path
) -> None:
    window.unlock_button.click()
    assert "Please type" in window.message.text()
    assert vault.failed_attempts(db_path) == 0


def test_too_many_tries_show_the_wait_and_disable_unlocking(
    qtbot: QtBot, db_path: Path, recovery_key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail(db_path, vault.FREE_ATTEMPTS)  # counted in the key file, so a restart still waits
    window = UnlockWindow(db_path, "Test Facilitator")
    qtbot.addWidget(window)
    assert window.waiting()
    assert "Please wait" in window.message.text() and "second" in window.message.text()
    assert not window.unlock_button.isEnabled()
    assert not window.recover_button.isEnabled()

    monkeypatch.setattr(unlock_module, "wait_before_next_try", lambda _path: 0.0)
    window._on_countdown_timeout()
    assert not window.waiting()
    assert window.unlock_button.isEnabled()
    assert "try again now" in window.message.text()


def test_the_wrong_try_that_starts_the_wait_starts_the_countdown(
    qtbot: QtBot, window: UnlockWindow, db_path: Path
) -> None:
    _fail(db_path, vault.FREE_ATTEMPTS - 1)
    window.passphrase.setText("still not the passphrase")
    window.unlock_button.click()
    assert window.waiting()
    assert not window.unlock_button.isEnabled()
    assert "Please wait" in window.message.text()


def test_the_recovery_key_sets_a_new_passphrase(
    qtbot: QtBot, window: UnlockWindow, db_path: Path, recovery_key: str
) -> None:
    qtbot.mouseClick(window.forgot_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentIndex() == RECOVERY_PAGE
    window.recovery_key.setText(recovery_key.lower())
    qtbot.keyClicks(window.new_passphrase, NEW_PASSPHRASE)
    qtbot.keyClicks(window.new_passphrase_again, NEW_PASSPHRASE)
    assert "Good" in window.new_problems.text()
    with qtbot.waitSignal(window.unlocked) as blocker:
        window.recover_button.click()
    blocker.args[0].close()
    open_case_file(db_path, NEW_PASSPHRASE, actor="Test Facilitator").close()


def test_the_new_passphrase_must_be_good_and_typed_twice(
    qtbot: QtBot, window: UnlockWindow, recovery_key: str
) -> None:
    window.forgot_button.click()
    window.recovery_key.setText(recovery_key)
    qtbot.keyClicks(window.new_passphrase, "short")
    assert window.new_problems.text().startswith("Not yet")
    with qtbot.assertNotEmitted(window.unlocked):
        window.recover_button.click()
    assert "at least 12 characters" in window.message.text()
    window.new_passphrase.setText(NEW_PASSPHRASE)
    window.new_passphrase_again.setText(NEW_PASSPHRASE + "s")
    with qtbot.assertNotEmitted(window.unlocked):
        window.recover_button.click()
    assert "not the same" in window.message.text()


def test_a_mistyped_recovery_key_is_explained(qtbot: QtBot, window: UnlockWindow) -> None:
    window.forgot_button.click()
    window.recovery_key.setText("ABCD-EFGH")
    window.new_passphrase.setText(NEW_PASSPHRASE)
    window.new_passphrase_again.setText(NEW_PASSPHRASE)
    with qtbot.assertNotEmitted(window.unlocked):
        window.recover_button.click()
    assert window.message.isVisible() and window.message.text()
    window.back_button.click()
    assert window.recovery_key.text() == ""


def test_a_plain_file_from_an_earlier_version_is_named_and_left_alone(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    from restorative_desk.wording import load_role_wording
    from ui.session import Session, is_plain_case_file

    plain = tmp_path / "old.db"
    with sqlite3.connect(plain) as conn:
        conn.execute("CREATE TABLE cases (id TEXT)")
    conn.close()
    before = plain.read_bytes()
    assert is_plain_case_file(plain)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    session = Session(plain, "Test Facilitator", load_role_wording(), settings)
    assert session.start()
    window = session.unlock_window
    assert window is not None
    qtbot.addWidget(window)
    assert window.message.text() == NOT_ENCRYPTED
    assert window.quit_button.isVisible() and not window.unlock_button.isVisible()
    assert plain.read_bytes() == before
