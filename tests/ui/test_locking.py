"""Locking: unsaved typing kept as a draft, the case file closed, the clipboard cleared."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from restorative_desk.access import NewCaseFile, create_case_file
from restorative_desk.records import Case, ReferralSource, Setting
from restorative_desk.store import Store
from restorative_desk.store.audit import AuditAction
from restorative_desk.store.backup import backups_in
from restorative_desk.wording import RoleWording
from tests.conftest import TEST_PASSPHRASE
from ui.asking import SaveChoice
from ui.locking import AUTO_LOCK_KEY, auto_lock_minutes
from ui.main_window import MainWindow
from ui.session import BACKUP_FOLDER_KEY, Session

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise"
)


@pytest.fixture
def made(db_path: Path) -> Iterator[NewCaseFile]:
    new = create_case_file(db_path, TEST_PASSPHRASE, actor="Test Facilitator")
    yield new
    new.store.close()


@pytest.fixture
def case(made: NewCaseFile) -> Case:
    return made.store.create_case(
        Case(
            setting=Setting.SCHOOL,
            organisation="Riverside Academy",
            referral_source=ReferralSource.EDUCATION,
            referral_date=made.store.today(),
            summary="A shove in the lunch queue.",
        )
    )


@pytest.fixture
def session(
    qtbot: QtBot, db_path: Path, wording: RoleWording, settings: QSettings
) -> Iterator[Session]:
    started = Session(db_path, "Test Facilitator", wording, settings)
    yield started
    started.shut_down()


def _open(qtbot: QtBot, session: Session, store: Store) -> MainWindow:
    window = session.open_window(store)
    qtbot.addWidget(window)
    return window


def _unlock(qtbot: QtBot, session: Session) -> MainWindow:
    unlock = session.unlock_window
    assert unlock is not None and unlock.isVisible()
    qtbot.keyClicks(unlock.passphrase, TEST_PASSPHRASE)
    with qtbot.waitSignal(session.window_opened):
        unlock.unlock_button.click()
    assert session.window is not None
    qtbot.addWidget(session.window)
    return session.window


def test_locking_keeps_typing_closes_the_file_and_clears_the_clipboard(
    qtbot: QtBot, session: Session, made: NewCaseFile, case: Case
) -> None:
    window = _open(qtbot, session, made.store)
    window.select_case(case.id)
    window.detail_panel.referral.organisation.setText("Riverside Academy, Year 9")
    session.clipboard.copy("RD-2026-0001 Riverside")

    with qtbot.waitSignal(session.locked):
        session.lock()

    with pytest.raises(Exception):  # noqa: B017 - whatever the driver raises for a closed file
        made.store.get_case(case.id)
    assert QGuiApplication.clipboard().text() == ""
    assert not window.isVisible()
    assert session.unlock_window is not None and session.unlock_window.isVisible()
    qtbot.addWidget(session.unlock_window)

    again = _unlock(qtbot, session)
    panel = again.detail_panel
    assert panel.current_case_id() == case.id, "the case shown before is shown again"
    assert panel.draft_bar.isVisible()
    panel.restore_draft()
    assert panel.referral.organisation.text() == "Riverside Academy, Year 9"
    assert panel.is_dirty()
    assert not panel.draft_bar.isVisible()
    assert session.store is not None
    assert session.store.draft("referral", case.id) is None, "restored drafts are let go"
    panel.ask_save_changes = lambda _parent: SaveChoice.DISCARD


def test_a_new_case_being_typed_is_kept_and_offered_again(
    qtbot: QtBot, session: Session, made: NewCaseFile
) -> None:
    window = _open(qtbot, session, made.store)
    window.detail_panel.start_new_case()
    window.detail_panel.referral.organisation.setText("Oak House")
    session.lock()
    assert session.unlock_window is not None
    qtbot.addWidget(session.unlock_window)
    panel = _unlock(qtbot, session).detail_panel
    assert panel.shows_new_case() and panel.draft_bar.isVisible()
    panel.discard_draft()
    assert not panel.draft_bar.isVisible()
    assert session.store is not None and session.store.drafts() == []


def test_saving_lets_the_draft_go(
    qtbot: QtBot, session: Session, made: NewCaseFile, case: Case
) -> None:
    made.store.save_draft("referral", case.id, case.id, {"organisation": "x"})
    window = _open(qtbot, session, made.store)
    window.select_case(case.id)
    panel = window.detail_panel
    assert panel.draft_bar.isVisible()
    panel.referral.venue.setText("The quiet room")
    assert panel.save()
    assert made.store.draft("referral", case.id) is None


def test_a_clipboard_the_app_did_not_fill_is_left_alone(
    qtbot: QtBot, session: Session, made: NewCaseFile
) -> None:
    _open(qtbot, session, made.store)
    QGuiApplication.clipboard().setText("the user's shopping list")
    session.clipboard._ours.clear()  # as if copied in another program
    if QGuiApplication.clipboard().ownsClipboard():
        pytest.skip("this platform cannot tell other programs' clipboard text from ours")
    session.lock()
    assert session.unlock_window is not None
    qtbot.addWidget(session.unlock_window)
    assert QGuiApplication.clipboard().text() == "the user's shopping list"


def test_the_lock_action_locks(qtbot: QtBot, session: Session, made: NewCaseFile) -> None:
    window = _open(qtbot, session, made.store)
    lock = next(a for a in window.shortcut_actions() if a.text() == "&Lock")
    assert lock.shortcut().toString() == "Ctrl+Shift+L"
    with qtbot.waitSignal(session.locked):
        lock.trigger()
    assert session.store is None
    assert session.unlock_window is not None
    qtbot.addWidget(session.unlock_window)


def test_idle_time_locks(
    qtbot: QtBot, db_path: Path, wording: RoleWording, settings: QSettings, made: NewCaseFile
) -> None:
    session = Session(db_path, "Test Facilitator", wording, settings, idle_interval_ms=1000)
    _open(qtbot, session, made.store)
    assert session.idle.is_running()
    with qtbot.waitSignal(session.locked, timeout=3000):
        pass
    assert session.store is None
    assert session.unlock_window is not None
    qtbot.addWidget(session.unlock_window)
    assert not session.idle.is_running()
    session.shut_down()


def test_the_idle_minutes_come_from_settings_within_limits(settings: QSettings) -> None:
    assert auto_lock_minutes(settings) == 5
    for stored, expected in (("12", 12), ("0", 1), ("90", 30), ("soon", 5)):
        settings.setValue(AUTO_LOCK_KEY, stored)
        assert auto_lock_minutes(settings) == expected


def test_showing_a_case_is_noted_once_in_the_trail(
    qtbot: QtBot, session: Session, made: NewCaseFile, case: Case
) -> None:
    window = _open(qtbot, session, made.store)
    window.select_case(case.id)
    window.detail_panel.referral.venue.setText("The quiet room")
    window.detail_panel.save()
    views = made.store.audit.entries(actions=[AuditAction.VIEW], case_id=case.id)
    assert len(views) == 1


def test_the_first_unlock_of_the_day_backs_up(
    qtbot: QtBot,
    db_path: Path,
    wording: RoleWording,
    settings: QSettings,
    made: NewCaseFile,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    settings.setValue(BACKUP_FOLDER_KEY, str(folder))
    session = Session(db_path, "Test Facilitator", wording, settings, today=date.today)
    window = _open(qtbot, session, made.store)
    assert len(backups_in(folder)) == 1
    assert "backup is saved" in window.statusBar().currentMessage()
    session.lock()
    assert session.unlock_window is not None
    qtbot.addWidget(session.unlock_window)
    _unlock(qtbot, session)
    assert len(backups_in(folder)) == 1, "one a day"
    session.shut_down()


def test_a_missing_backup_folder_is_a_calm_message(
    qtbot: QtBot, session: Session, settings: QSettings, made: NewCaseFile, tmp_path: Path
) -> None:
    settings.setValue(BACKUP_FOLDER_KEY, str(tmp_path / "unplugged"))
    window = _open(qtbot, session, made.store)
    message = window.statusBar().currentMessage()
    assert "not made" in message and "Plug in" in message


def test_the_first_start_runs_the_setup_wizard_then_opens_the_window(
    qtbot: QtBot, session: Session, db_path: Path
) -> None:
    asked: list[Path] = []

    def ask(_parent: object, path: Path, actor: str, _clipboard: object) -> NewCaseFile:
        asked.append(path)
        return create_case_file(path, TEST_PASSPHRASE, actor=actor)

    session.ask_setup = ask
    assert session.start()
    assert asked == [db_path]
    assert session.window is not None and session.window.isVisible()
    qtbot.addWidget(session.window)


def test_stopping_the_setup_wizard_ends_the_start(session: Session) -> None:
    session.ask_setup = lambda *_args: None
    assert not session.start()
    assert session.window is None


def test_restoring_a_backup_locks_swaps_the_file_and_asks_for_its_passphrase(
    qtbot: QtBot,
    session: Session,
    made: NewCaseFile,
    case: Case,
    db_path: Path,
    tmp_path: Path,
) -> None:
    from datetime import datetime

    from restorative_desk.store.backup import make_backup
    from restorative_desk.store.restore import check_backup
    from ui.restore_dialog import RestoreChoice

    folder = tmp_path / "usb"
    folder.mkdir()
    backup = make_backup(made.store, folder, now=datetime(2026, 11, 26, 9, 0))
    window = _open(qtbot, session, made.store)
    made.store.erase_case(case.id)  # a mistake the backup puts right
    checked = check_backup(backup.path, db_path, TEST_PASSPHRASE, actor="Test Facilitator")

    window.set_restore_handler(session.restore)  # as open_window wires it
    session.restore(RestoreChoice(checked, datetime(2026, 11, 26, 9, 30)))

    assert session.store is None and session.unlock_window is not None
    qtbot.addWidget(session.unlock_window)
    assert "is in place (1 case)" in session.unlock_window.message.text()
    assert list(tmp_path.glob("cases.db.before-restore-*"))
    restored = _unlock(qtbot, session)
    assert restored.case_list_model.row_of(case.id) is not None


def test_a_damaged_file_found_by_the_check_on_open_says_what_to_do(
    qtbot: QtBot, session: Session, made: NewCaseFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr("ui.widgets.tell", lambda _parent, _title, text: told.append(text))
    monkeypatch.setattr(Store, "quick_problems", lambda _self: ["Database structure: page 7"])
    _open(qtbot, session, made.store)
    qtbot.waitUntil(lambda: bool(told))
    assert "page 7" in told[0] and "Restore from backup" in told[0]


def test_a_healthy_file_passes_the_check_on_open_quietly(
    qtbot: QtBot, session: Session, made: NewCaseFile
) -> None:
    assert made.store.quick_problems() == []
    with qtbot.waitSignal(session.checked) as result:
        _open(qtbot, session, made.store)
    assert result.args == [[]]


def test_a_draft_kept_on_lock_is_not_readable_in_any_file(
    qtbot: QtBot,
    session: Session,
    made: NewCaseFile,
    case: Case,
    settings: QSettings,
    tmp_path: Path,
) -> None:
    window = _open(qtbot, session, made.store)
    window.select_case(case.id)
    window.detail_panel.referral.summary.setPlainText("QzxDraftOnLockMarker about Siobhán")
    with qtbot.waitSignal(session.locked):
        session.lock()
    settings.sync()
    assert session.unlock_window is not None
    qtbot.addWidget(session.unlock_window)
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert any(path.name.endswith(".ini") for path in written)
    for path in written:
        assert b"QzxDraftOnLockMarker" not in path.read_bytes(), path.name
