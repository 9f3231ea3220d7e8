"""Conference mode: attendance, the turns with names in the words, notes saved as typed,
actions, breaks, safety pauses, the ending and the debrief, and resuming where it stopped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from restorative_desk.conference.records import (
    Attendance,
    ConferenceRun,
    PauseDecision,
    SafetyPause,
)
from restorative_desk.records import Person, Setting, Status
from restorative_desk.store import Store
from restorative_desk.wording import RoleWording
from tests.conftest import FIXED_NOW
from tests.ui.conference_helpers import full_conference, ready_case, start_run
from tests.ui.helpers import Answers
from ui.conference_dialogs import BreakDialog, DebriefDialog, SafetyPauseDialog, SafetyPauseResult
from ui.conference_window import ATTENDANCE_POSITION, CloseChoice, ConferenceWindow
from ui.turn_page import GUIDANCE_KEY

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise"
)

Opener = Callable[[ConferenceRun], ConferenceWindow]


@pytest.fixture
def ready(store: Store) -> tuple[ConferenceRun, dict[str, Person]]:
    case, people = ready_case(store)
    return start_run(store, case), people


@pytest.fixture
def open_window(
    qtbot: QtBot, store: Store, wording: RoleWording, settings: QSettings
) -> Opener:
    def opened(run: ConferenceRun) -> ConferenceWindow:
        window = ConferenceWindow(
            store, run, full_conference(), wording, settings=settings,
            clock=lambda: FIXED_NOW + timedelta(minutes=42, seconds=10),
        )
        qtbot.addWidget(window)
        # Closing at the end of a test never asks (a test may replace this).
        window.ask_on_close = lambda _parent: CloseChoice.KEEP
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()  # shortcuts reach the active window, as after a click on it
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return opened


def mark_everyone(window: ConferenceWindow, people: dict[str, Person]) -> None:
    """Zoë, Luke and Siobhán came; Mark did not; Priya's statement is read aloud."""
    page = window.attendance
    page.set_mark(people["zoe"].id, Attendance.PRESENT)
    page.set_mark(people["luke"].id, Attendance.PRESENT)
    page.set_mark(people["siobhan"].id, Attendance.PRESENT)
    page.set_mark(people["mark"].id, Attendance.ABSENT)
    page.set_mark(people["priya"].id, Attendance.REPRESENTED)


def press(qtbot: QtBot, window: ConferenceWindow, key: Qt.Key, modifier: Qt.KeyboardModifier
          = Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifier)


def test_a_whole_conference_is_run_through(
    qtbot: QtBot, store: Store, ready: tuple[ConferenceRun, dict[str, Person]],
    open_window: Opener, monkeypatch: pytest.MonkeyPatch,
) -> None:
    run, people = ready
    luke, zoe = people["luke"], people["zoe"]
    window = open_window(run)

    # Attendance first: nothing goes on until everyone is marked; each mark is saved at once.
    assert window.shows_attendance() and window.position() == "arrival.attendance"
    assert not window.next_button.isEnabled()
    assert "Still to mark" in window.attendance.summary.text()
    mark_everyone(window, people)
    assert store.attendance(run.id) == {
        zoe.id: Attendance.PRESENT, luke.id: Attendance.PRESENT,
        people["siobhan"].id: Attendance.PRESENT, people["mark"].id: Attendance.ABSENT,
        people["priya"].id: Attendance.REPRESENTED,
    }
    assert "3 people came" in window.attendance.summary.text()
    assert window.next_button.isEnabled()

    # Forward and back by keys; the welcome has the facilitator's and organisation's names.
    press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.position() == "preamble.welcome"
    assert "Test Facilitator" in window.turn_page.words.text()
    assert "Riverside Academy" in window.turn_page.words.text()
    assert window.turn_page.to_label.text() == "To everyone"
    assert store.get_conference(run.id).position == "preamble.welcome"
    press(qtbot, window, Qt.Key.Key_PageDown)
    assert window.position() == f"preamble.introductions:{zoe.id}"
    assert window.turn_page.words.text().startswith("Zoë Nguyễn, would you tell")
    press(qtbot, window, Qt.Key.Key_PageUp)
    assert window.position() == "preamble.welcome"
    press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.shows_attendance()

    # The person responsible is asked by the name they prefer; their words are kept.
    assert window.go_to_key(f"responsible.what_happened:{luke.id}")
    assert window.turn_page.to_label.text() == "To Luke · person responsible"
    assert window.turn_page.words.text() == "Luke, would you start by telling us what happened?"
    assert window.turn_page.note.label.text() == "Luke's words, as close to his own as you can"
    assert any("(now)" in line and "person responsible" in line for line in window.phases.texts())
    assert window.step_label.text().startswith("Step ")
    note = window.turn_page.note
    qtbot.keyClicks(note.edit, "I took the phone")
    assert note.state.text() == "Saving…"
    assert f"responsible.what_happened:{luke.id}" not in store.turn_notes(run.id)
    qtbot.wait(800)  # the save comes 700 ms after typing stops
    saved = store.turn_notes(run.id)[f"responsible.what_happened:{luke.id}"]
    assert (saved.text, saved.person_id) == ("I took the phone", luke.id)
    assert note.state.text() == "Saved"

    # Typing then moving on at once (Ctrl+Enter) saves without waiting.
    window.go_to_key(f"harmed.realised:{zoe.id}")
    assert window.turn_page.note.label.text() == (
        "Zoë Nguyễn's words, as close to her own as you can"
    )
    note.edit.setPlainText("Ich war wütend, und dann traurig.")
    note.edit.setFocus()
    press(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.position() == f"harmed.impact:{zoe.id}"
    assert store.turn_notes(run.id)[f"harmed.realised:{zoe.id}"].text == (
        "Ich war wütend, und dann traurig."
    )

    # The agreement's actions are captured live.
    assert window.go_to_key("agreement.actions")
    editor = window.turn_page.actions_editor
    assert window.turn_page.capture.currentWidget() is editor
    editor.what.setText("Say sorry to Zoë, face to face")
    editor.who.setCurrentText("Luke")
    editor.add_button.click()
    (action,) = store.proposed_actions(run_id=run.id)
    assert (action.what, action.who) == ("Say sorry to Zoë, face to face", "Luke")

    # A break, with its reason; the time says since when.
    monkeypatch.setattr(BreakDialog, "ask", Answers("Zoë asked for a few minutes"))
    window.break_button.click()
    assert window.on_break() is not None
    assert window.clock_label.text().startswith("On a break since ")
    assert "Zoë asked for a few minutes" in window.break_banner.text()
    assert not window.keeps_awake()
    window.break_button.click()
    assert window.on_break() is None and window.break_banner.isHidden()
    assert window.clock_label.text().startswith("Time so far 0:42:10")
    (taken,) = store.breaks(run.id)
    assert taken.reason == "Zoë asked for a few minutes" and taken.ended_at is not None

    # The end: asked first, then the case is held and the facilitator's debrief offered.
    window.go_to(len(window.turns) - 1)
    assert not window.next_button.isEnabled()
    assert "last step" in window.next_line.full_text()
    window.confirm = Answers(True)
    debrief = Answers(None)
    monkeypatch.setattr(DebriefDialog, "ask", debrief)
    with qtbot.waitSignal(window.case_moved) as moved:
        window.end_button.click()
    assert moved.args == [run.case_id]
    assert store.get_case(run.case_id).status is Status.CONFERENCE_HELD
    assert not store.get_conference(run.id).running
    assert len(debrief.calls) == 1 and not window.isVisible()
    assert store.unfinished_conferences() == []


def test_a_statement_is_read_for_someone_absent(
    store: Store, open_window: Opener, wording: RoleWording
) -> None:
    case, people = ready_case(store, supporters=False)
    run = start_run(store, case)
    window = open_window(run)
    window.attendance.set_mark(people["luke"].id, Attendance.PRESENT)
    window.attendance.set_mark(people["zoe"].id, Attendance.REPRESENTED)
    zoe = people["zoe"].id
    assert window.go_to_key(f"harmed.realised:{zoe}")
    assert window.turn_page.to_label.text() == (
        "Zoë Nguyễn's statement, read aloud · person harmed, not here today"
    )
    assert window.turn_page.note.label.text() == "Zoë Nguyễn's statement, as it is read aloud"
    assert "statement" in window.turn_page.words.text()
    # Nobody present as the person harmed: none of the questions to her are asked.
    assert window.go_to_key(f"harmed.impact:{zoe}") is False


def test_role_words_follow_the_setting(store: Store, open_window: Opener) -> None:
    case, people = ready_case(store, Setting.YOS, supporters=False)
    run = start_run(store, case)
    window = open_window(run)
    window.attendance.set_mark(people["luke"].id, Attendance.PRESENT)
    window.attendance.set_mark(people["zoe"].id, Attendance.PRESENT)
    window.go_to_key(f"responsible.what_happened:{people['luke'].id}")
    assert window.turn_page.to_label.text() == "To Luke · young person"


def test_resuming_opens_where_it_stopped_with_notes_and_attendance(
    qtbot: QtBot, store: Store, ready: tuple[ConferenceRun, dict[str, Person]],
    open_window: Opener,
) -> None:
    run, people = ready
    window = open_window(run)
    mark_everyone(window, people)
    key = f"responsible.thought_since:{people['luke'].id}"
    window.go_to_key(key)
    window.turn_page.note.edit.setPlainText("That it was not funny for Zoë.")
    window.ask_on_close = Answers(CloseChoice.KEEP)
    window.close()
    assert not window.isVisible()
    (unfinished,) = store.unfinished_conferences()
    assert unfinished.position == key

    again = open_window(unfinished)
    assert again.position() == key and not again.shows_attendance()
    assert again.turn_page.note.text() == "That it was not funny for Zoë."
    assert again.attendance.marks()[people["priya"].id] is Attendance.REPRESENTED


def test_closing_can_stay_or_end(
    qtbot: QtBot, store: Store, ready: tuple[ConferenceRun, dict[str, Person]],
    open_window: Opener, monkeypatch: pytest.MonkeyPatch,
) -> None:
    run, _ = ready
    window = open_window(run)
    window.ask_on_close = Answers(CloseChoice.STAY, CloseChoice.END)
    window.close()
    assert window.isVisible() and store.get_conference(run.id).running
    monkeypatch.setattr(DebriefDialog, "ask", Answers(None))
    window.close()
    assert not window.isVisible()
    assert store.get_case(run.case_id).status is Status.CONFERENCE_HELD


def test_an_ending_refused_is_said_plainly_and_nothing_is_lost(
    store: Store, ready: tuple[ConferenceRun, dict[str, Person]], open_window: Opener,
) -> None:
    run, people = ready
    window = open_window(run)
    # Consent withdrawn during the conference: the case is no longer ready to be "held".
    (consent, *_) = [c for c in store.consents(run.case_id) if c.person_id == people["zoe"].id]
    store.withdraw_consent(consent.id, store.today(), "Changed her mind")
    window.confirm = Answers(True)
    told = Answers(None)
    window.tell = told
    window.end_button.click()
    (_, title, text), _ = told.calls[0]
    assert title == "The conference was not ended" and "still open" in str(text)
    assert window.isVisible() and store.get_conference(run.id).running


def test_a_safety_pause_can_end_the_conference_early(
    qtbot: QtBot, store: Store, ready: tuple[ConferenceRun, dict[str, Person]],
    open_window: Opener, monkeypatch: pytest.MonkeyPatch,
) -> None:
    run, _ = ready
    window = open_window(run)
    pause = SafetyPause(
        run_id=run.id, at=FIXED_NOW, what_happened="Zoë became very upset",
        decision=PauseDecision.END, reason="Zoë is not able to go on today",
        next_steps="Jo calls Zoë's mum tomorrow",
    )
    monkeypatch.setattr(SafetyPauseDialog, "ask", Answers(
        SafetyPauseResult(pause, move_to=Status.PREPARING)
    ))
    debrief = Answers(None)
    monkeypatch.setattr(DebriefDialog, "ask", debrief)
    window.pause_button.click()
    assert store.get_case(run.case_id).status is Status.PREPARING
    ended = store.get_conference(run.id)
    assert ended.end_reason == "Zoë is not able to go on today" and not ended.running
    assert len(store.safety_pauses(run.id)) == 1
    assert len(debrief.calls) == 1 and not window.isVisible()


def test_a_safety_pause_can_lead_to_a_break(
    store: Store, ready: tuple[ConferenceRun, dict[str, Person]], open_window: Opener,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run, _ = ready
    window = open_window(run)
    pause = SafetyPause(run_id=run.id, at=FIXED_NOW, what_happened="Voices were raised",
                        decision=PauseDecision.CONTINUE_AFTER_BREAK)
    monkeypatch.setattr(SafetyPauseDialog, "ask", Answers(SafetyPauseResult(pause)))
    window.pause_button.click()
    current = window.on_break()
    assert current is not None and current.reason == "After a safety pause"
    assert window.isVisible() and store.get_conference(run.id).running


def test_the_guidance_folds_away_and_is_remembered(
    store: Store, ready: tuple[ConferenceRun, dict[str, Person]], open_window: Opener,
    settings: QSettings,
) -> None:
    run, people = ready
    window = open_window(run)
    mark_everyone(window, people)
    window.go_to_key("preamble.welcome")
    page = window.turn_page
    assert page.guidance.isVisible() and "Speak slowly" in page.guidance.text()
    page.guidance_button.click()
    assert not page.guidance.isVisible()
    assert settings.value(GUIDANCE_KEY) == "false"
    window.go_next()
    window.go_back()
    assert not page.guidance.isVisible()
    window.ask_on_close = Answers(CloseChoice.KEEP)
    window.close()
    again = open_window(store.get_conference(run.id))
    assert not again.turn_page.guidance_shown()


def test_a_script_without_an_attendance_step_starts_with_the_attendance_page(
    store: Store, ready: tuple[ConferenceRun, dict[str, Person]], qtbot: QtBot,
    wording: RoleWording,
) -> None:
    from dataclasses import replace

    run, people = ready
    script = full_conference()
    script = replace(script, phases=script.phases[1:])  # no "Before we begin"
    window = ConferenceWindow(store, run, script, wording, clock=lambda: FIXED_NOW)
    qtbot.addWidget(window)
    window.ask_on_close = lambda _parent: CloseChoice.KEEP
    assert window.shows_attendance() and window.position() == ATTENDANCE_POSITION
    assert window.step_label.text() == "First: who came"
    mark_everyone(window, people)
    window.go_next()
    assert window.position() == "preamble.welcome"
    window.go_back()
    assert window.shows_attendance()


def test_choosing_a_phase_goes_to_its_first_step(
    store: Store, ready: tuple[ConferenceRun, dict[str, Person]], open_window: Opener,
) -> None:
    run, people = ready
    window = open_window(run)

    def choose(title: str) -> None:
        phases = window.phases
        row = next(r for r in range(phases.count()) if title in phases.item(r).text())
        phases.itemClicked.emit(phases.item(row))

    choose("The agreement")
    assert window.shows_attendance()  # not before everyone is marked
    assert window.phases.texts()[0] == "▶ Before we begin (now)"
    mark_everyone(window, people)
    choose("The agreement")
    assert window.position() == "agreement.actions"
    assert "▶ The agreement (now)" in window.phases.texts()
    assert window.phases.texts()[0] == "✓ Before we begin"
    choose("Before we begin")
    assert window.shows_attendance()
