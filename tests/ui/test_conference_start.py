"""Starting a conference from a ready case, the script offered per setting, the offer to resume
one not finished, and the app not locking itself while people talk."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from restorative_desk.access import NewCaseFile, create_case_file, open_case_file
from restorative_desk.conference.records import Attendance
from restorative_desk.preparation.records import Decision
from restorative_desk.records import Setting, Status
from restorative_desk.scripts.choosing import default_script
from restorative_desk.scripts.loading import shipped_scripts
from restorative_desk.store import Store
from restorative_desk.wording import RoleWording
from tests.conftest import TEST_PASSPHRASE
from tests.ui.conference_helpers import ready_case, start_run
from ui.case_detail import RETURN_TEXT, START_TEXT
from ui.conference_start import StartConferenceDialog
from ui.conference_window import CloseChoice
from ui.main_window import MainWindow
from ui.session import CONFERENCE_IDLE_LIMIT_S, Session

from .helpers import Answers

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise"
)


def _main(qtbot: QtBot, store: Store, wording: RoleWording, settings: QSettings) -> MainWindow:
    window = MainWindow(store, wording, settings)
    qtbot.addWidget(window)
    return window


def _quiet(window: MainWindow) -> None:
    """Closing the conference windows at the end of a test keeps them to resume."""
    for conference in window.conference_windows():
        conference.ask_on_close = lambda _parent: CloseChoice.KEEP


@pytest.mark.parametrize(
    ("setting", "decision", "expected"),
    [
        (Setting.SCHOOL, Decision.PROCEED_DIRECT, "full_conference"),
        (Setting.CARE_HOME, Decision.PROCEED_DIRECT, "care_home_conference"),
        (Setting.YOS, None, "yos_conference"),
        (Setting.COMMUNITY, None, "full_conference"),
        (Setting.YOS, Decision.PROCEED_INDIRECT, "indirect_process"),
    ],
)
def test_the_usual_script_is_offered_first(
    setting: Setting, decision: Decision | None, expected: str
) -> None:
    chosen = default_script(shipped_scripts(), setting, decision)
    assert chosen is not None and chosen.key == expected


def test_the_dialog_offers_the_settings_scripts_with_the_indirect_one_first_when_decided(
    qtbot: QtBot, store: Store
) -> None:
    case, _ = ready_case(store, Setting.CARE_HOME, supporters=False)
    dialog = StartConferenceDialog(store, case)
    qtbot.addWidget(dialog)
    assert "referral_order_panel" not in dialog.buttons  # a YOS script
    assert dialog.buttons["care_home_conference"].isChecked()
    latest = store.risk_assessments(case.id)[-1]
    store.save_risk_assessment(replace(latest, decision=Decision.PROCEED_INDIRECT))
    indirect = StartConferenceDialog(store, case)
    qtbot.addWidget(indirect)
    assert indirect.buttons["indirect_process"].isChecked()
    assert "indirect" in indirect.note.text()
    indirect.choose("circle")
    indirect.accept()
    chosen = indirect.chosen()
    assert chosen is not None and chosen.key == "circle"


def test_the_organisations_own_wording_is_offered(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from restorative_desk.scripts.library import SCRIPTS_ENV, copy_for_organisation

    monkeypatch.setenv(SCRIPTS_ENV, str(tmp_path / "our-scripts"))
    shipped = next(s for s in shipped_scripts() if s.key == "care_home_conference")
    ours = copy_for_organisation(shipped)
    case, _ = ready_case(store, Setting.CARE_HOME, supporters=False)
    dialog = StartConferenceDialog(store, case)
    qtbot.addWidget(dialog)
    assert ours.key in dialog.buttons and "care_home_conference" in dialog.buttons
    dialog.choose(ours.key)
    dialog.accept()
    chosen = dialog.chosen()
    assert chosen is not None and chosen.key == ours.key and not chosen.shipped


def test_start_conference_waits_for_a_ready_case_and_opens_the_window(
    qtbot: QtBot, store: Store, wording: RoleWording, settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case, _ = ready_case(store)
    store.move_case(case.id, Status.PREPARING)
    window = _main(qtbot, store, wording, settings)
    window.select_case(case.id)
    panel = window.detail_panel
    assert not panel.start_button.isEnabled()
    assert "ready" in panel.start_button.toolTip() and "Preparing" in panel.start_button.toolTip()
    store.move_case(case.id, Status.READY)
    panel.show_case(case.id)
    assert panel.start_button.isEnabled() and panel.start_button.text() == START_TEXT

    chosen = next(s for s in shipped_scripts() if s.key == "full_conference")
    monkeypatch.setattr(StartConferenceDialog, "ask", Answers(chosen))
    panel.start_button.click()
    (run,) = store.conference_runs(case.id)
    assert (run.script_key, run.script_version, run.running) == ("full_conference", 1, True)
    (conference,) = window.conference_windows()
    _quiet(window)
    assert conference.isVisible() and conference.shows_attendance()
    assert panel.start_button.text() == RETURN_TEXT
    # Asking again brings the same window forward.
    panel.start_button.click()
    assert window.conference_windows() == [conference]


def test_an_unfinished_conference_is_offered_and_resumed_where_it_stopped(
    qtbot: QtBot, store: Store, wording: RoleWording, settings: QSettings,
) -> None:
    case, people = ready_case(store, supporters=False)
    run = start_run(store, case)
    store.set_attendance(run.id, people["zoe"].id, Attendance.PRESENT)
    store.set_attendance(run.id, people["luke"].id, Attendance.PRESENT)
    key = f"harmed.hardest:{people['zoe'].id}"
    store.set_conference_position(run.id, key)
    store.save_turn_note(run.id, key, "Walking into school the next day.", people["zoe"].id)

    window = _main(qtbot, store, wording, settings)
    bar = window.resume_bar
    offered = bar.offered()
    assert not bar.isHidden() and offered is not None and offered.id == run.id
    assert case.reference in bar.label.text() and "not finished" in bar.label.text()
    bar.later_button.click()
    assert bar.isHidden()

    window.offer_unfinished_conferences()
    bar.resume_button.click()
    (conference,) = window.conference_windows()
    _quiet(window)
    assert conference.position() == key
    assert conference.turn_page.note.text() == "Walking into school the next day."
    assert window.current_case_id() == case.id
    assert bar.isHidden()  # not offered while it is open

    conference.close()  # kept to resume later: offered again
    assert window.conference_windows() == [] and bar.offered() is not None


@pytest.fixture
def made(db_path: Path) -> Iterator[NewCaseFile]:
    new = create_case_file(db_path, TEST_PASSPHRASE, actor="Test Facilitator")
    yield new
    new.store.close()


def test_idling_in_a_conference_does_not_lock_but_locking_keeps_everything(
    qtbot: QtBot, db_path: Path, wording: RoleWording, settings: QSettings, made: NewCaseFile,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = made.store
    case, people = ready_case(store, supporters=False)
    run = start_run(store, case)
    session = Session(db_path, "Test Facilitator", wording, settings, idle_interval_ms=60_000)
    try:
        window = session.open_window(store)
        qtbot.addWidget(window)
        window.open_conference(run)
        (conference,) = window.conference_windows()
        conference.attendance.set_mark(people["zoe"].id, Attendance.PRESENT)
        conference.attendance.set_mark(people["luke"].id, Attendance.PRESENT)
        key = f"responsible.what_happened:{people['luke'].id}"
        conference.go_to_key(key)

        session.idle.idle_timed_out.emit()  # people are talking: no lock
        assert session.store is store and session.idle.is_running()
        # ...but a laptop left untouched for half an hour locks even in a conference.
        monkeypatch.setattr(session.idle, "idle_seconds", lambda: CONFERENCE_IDLE_LIMIT_S + 1)
        with qtbot.waitSignal(session.locked):
            session.idle.idle_timed_out.emit()
        assert session.store is None
        session.unlock_window.unlocked.emit(open_case_file(db_path, TEST_PASSPHRASE,
                                                           actor="Test Facilitator"))
        store = session.store
        assert store is not None
        window = session.window
        assert window is not None
        qtbot.addWidget(window)
        monkeypatch.undo()
        window.open_conference(store.get_conference(run.id))
        (conference,) = window.conference_windows()
        conference.go_to_key(key)

        conference.turn_page.note.edit.setPlainText("Siobhán's phone was on the bench")
        with qtbot.waitSignal(session.locked):
            session.lock()  # typed a moment ago: saved, the window closed, offered again
        assert session.unlock_window is not None
        qtbot.addWidget(session.unlock_window)
    finally:
        session.shut_down()
    with open_case_file(db_path, TEST_PASSPHRASE, actor="Test Facilitator") as again:
        (unfinished,) = again.unfinished_conferences()
        assert unfinished.position == key
        assert again.turn_notes(run.id)[key].text == "Siobhán's phone was on the bench"
