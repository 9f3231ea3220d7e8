"""The conference dialogs (break, safety pause, debrief) and the proposed-actions editor, driven
through their widgets (never exec'd)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from restorative_desk.conference.records import (
    ConferenceRun,
    Debrief,
    PauseDecision,
    ProposedAction,
    SafetyPause,
)
from restorative_desk.records import (
    Case,
    NotProceedingReason,
    Person,
    ReferralSource,
    Role,
    Setting,
    Status,
)
from restorative_desk.store import Store
from ui.actions_editor import Confirm, action_line
from ui.conference_dialogs import (
    ActionsEditor,
    BreakDialog,
    DebriefDialog,
    SafetyPauseDialog,
    SafetyPauseResult,
)
from ui.widgets import FormMessages

from ..conftest import FIXED_NOW
from ..preparing import prepare_for_conference
from .helpers import Answers


@pytest.fixture
def run(store: Store) -> ConferenceRun:
    """A conference under way on a ready case with Zoë and Jay."""
    case = store.create_case(
        Case(setting=Setting.SCHOOL, organisation="Hillside Primary School",
             referral_source=ReferralSource.EDUCATION, referral_date=date(2026, 11, 2),
             summary="A falling-out in the lunch queue.")
    )
    store.add_person(Person(case_id=case.id, role=Role.PERSON_HARMED, name="Zoë Nguyễn",
                            preferred_name="Zoë", is_child=True))
    store.add_person(Person(case_id=case.id, role=Role.PERSON_RESPONSIBLE, name="Jason Brown",
                            preferred_name="Jay", is_child=True))
    prepare_for_conference(store, case.id)
    for status in (Status.INITIAL_ENGAGEMENT, Status.RISK_ASSESSMENT, Status.PREPARING,
                   Status.READY):
        store.move_case(case.id, status)
    return store.start_conference(case.id, script_key="full_conference", script_version=1,
                                  script_title="Full restorative conference")


def shown(messages: FormMessages, field: str) -> str:
    message = messages.messages[field] if field else messages.general
    return "" if message.isHidden() else message.text()


def unnamed_inputs(widget: QWidget) -> list[QWidget]:
    kinds = (QLineEdit, QPlainTextEdit, QDateEdit, QCheckBox, QRadioButton)
    inputs = [w for kind in kinds for w in widget.findChildren(kind)
              if w.objectName() != "qt_spinbox_lineedit"]
    assert inputs
    return [w for w in inputs if not w.accessibleName()]


# -- a break ---------------------------------------------------------------------------------


def test_a_break_gives_its_reason_or_none_when_cancelled(qtbot: QtBot) -> None:
    dialog = BreakDialog(None)
    qtbot.addWidget(dialog)
    dialog.reason.setText("  Zoë asked for a few minutes ")
    dialog.accept()
    assert dialog.result_reason() == "Zoë asked for a few minutes"

    blank = BreakDialog(None)
    qtbot.addWidget(blank)
    blank.accept()
    assert blank.result_reason() == ""

    cancelled = BreakDialog(None)
    qtbot.addWidget(cancelled)
    cancelled.reason.setText("Łukasz needs air")
    cancelled.reject()
    assert cancelled.result_reason() is None


def test_ask_returns_what_the_dialog_gave(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(BreakDialog, "exec", lambda self: self.accept())
    assert BreakDialog.ask(None) == ""
    monkeypatch.setattr(BreakDialog, "exec", lambda self: self.reject())
    assert BreakDialog.ask(None) is None


# -- a safety pause --------------------------------------------------------------------------


def pause_dialog(qtbot: QtBot, run: ConferenceRun) -> SafetyPauseDialog:
    dialog = SafetyPauseDialog(None, run, now=FIXED_NOW)
    qtbot.addWidget(dialog)
    return dialog


def test_the_pause_speaks_calmly_and_asks_about_ending_only_when_it_ends(
    qtbot: QtBot, run: ConferenceRun
) -> None:
    dialog = pause_dialog(qtbot, run)
    words = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Pause for safety. Everyone's safety and wellbeing come first." in words
    assert not dialog.ending_group.isVisibleTo(dialog)
    dialog.decision_buttons[PauseDecision.END].setChecked(True)
    assert dialog.ending_group.isVisibleTo(dialog)
    assert not dialog.not_proceeding_reason.isVisibleTo(dialog)
    dialog.move_buttons[Status.NOT_PROCEEDING].setChecked(True)
    assert dialog.not_proceeding_reason.isVisibleTo(dialog)
    assert [dialog.not_proceeding_reason.itemText(i)
            for i in range(dialog.not_proceeding_reason.count())] == [
        "Choose a reason", *(r.label for r in NotProceedingReason)
    ]
    assert unnamed_inputs(dialog) == []


def test_carrying_on_after_a_break(qtbot: QtBot, run: ConferenceRun) -> None:
    dialog = pause_dialog(qtbot, run)
    dialog.what_happened.setPlainText("Zoë cried when Jay spoke; she wanted her mum.")
    dialog.decision_buttons[PauseDecision.CONTINUE_AFTER_BREAK].setChecked(True)
    dialog.accept()
    assert dialog.result_pause() == SafetyPauseResult(
        SafetyPause(run.id, FIXED_NOW, "Zoë cried when Jay spoke; she wanted her mum.",
                    PauseDecision.CONTINUE_AFTER_BREAK),
        None, None,
    )


def test_nothing_filled_in_asks_what_happened_and_what_was_decided(
    qtbot: QtBot, run: ConferenceRun
) -> None:
    dialog = pause_dialog(qtbot, run)
    dialog.accept()
    assert dialog.result_pause() is None
    assert "what happened" in shown(dialog.messages, "what_happened")
    assert "Choose what you decided" in shown(dialog.messages, "decision")


def test_ending_without_a_reason_or_next_steps_is_shown_and_the_typing_kept(
    qtbot: QtBot, run: ConferenceRun
) -> None:
    dialog = pause_dialog(qtbot, run)
    dialog.what_happened.setPlainText("Siobhán felt unsafe and left the room.")
    dialog.decision_buttons[PauseDecision.END].setChecked(True)
    dialog.move_buttons[Status.NOT_PROCEEDING].setChecked(True)
    dialog.accept()
    assert dialog.result_pause() is None
    assert "why the conference is ending" in shown(dialog.messages, "reason")
    assert "what happens next" in shown(dialog.messages, "next_steps")
    assert "Choose why the case is not going ahead" in shown(
        dialog.messages, "not_proceeding_reason"
    )
    assert dialog.what_happened.toPlainText() == "Siobhán felt unsafe and left the room."
    assert dialog.decision() is PauseDecision.END


def test_ending_and_stopping_the_case_gives_the_move_and_its_reason(
    qtbot: QtBot, run: ConferenceRun
) -> None:
    dialog = pause_dialog(qtbot, run)
    dialog.what_happened.setPlainText("Zoë said she felt unsafe.")
    dialog.decision_buttons[PauseDecision.END].setChecked(True)
    dialog.end_reason.setPlainText("Zoë does not want to meet after all.")
    dialog.next_steps.setPlainText("Mai takes Zoë home; I ring them tomorrow.")
    dialog.move_buttons[Status.NOT_PROCEEDING].setChecked(True)
    dialog.not_proceeding_reason.set_value(NotProceedingReason.DECLINED)
    dialog.accept()
    assert dialog.result_pause() == SafetyPauseResult(
        SafetyPause(run.id, FIXED_NOW, "Zoë said she felt unsafe.", PauseDecision.END,
                    reason="Zoë does not want to meet after all.",
                    next_steps="Mai takes Zoë home; I ring them tomorrow."),
        Status.NOT_PROCEEDING, NotProceedingReason.DECLINED,
    )


@pytest.mark.parametrize("move_to", [None, Status.PREPARING])
def test_ending_can_keep_the_case_ready_or_send_it_back_to_preparing(
    qtbot: QtBot, run: ConferenceRun, move_to: Status | None
) -> None:
    dialog = pause_dialog(qtbot, run)
    assert dialog.move_buttons[None].isChecked()  # the least drastic, unless chosen otherwise
    dialog.what_happened.setPlainText("Jay shouted and left.")
    dialog.decision_buttons[PauseDecision.END].setChecked(True)
    dialog.end_reason.setPlainText("Jay was not ready.")
    dialog.next_steps.setPlainText("I see Jay on Monday.")
    dialog.move_buttons[move_to].setChecked(True)
    dialog.not_proceeding_reason.set_value(NotProceedingReason.OTHER)  # ignored: not stopping
    dialog.accept()
    result = dialog.result_pause()
    assert result is not None
    assert (result.move_to, result.not_proceeding_reason) == (move_to, None)


def test_carrying_on_does_not_keep_words_typed_for_ending(
    qtbot: QtBot, run: ConferenceRun
) -> None:
    dialog = pause_dialog(qtbot, run)
    dialog.what_happened.setPlainText("Nguyễn needed water.")
    dialog.decision_buttons[PauseDecision.END].setChecked(True)
    dialog.end_reason.setPlainText("Half-typed")
    dialog.move_buttons[Status.PREPARING].setChecked(True)
    dialog.decision_buttons[PauseDecision.CONTINUE].setChecked(True)
    dialog.accept()
    result = dialog.result_pause()
    assert result is not None
    assert (result.pause.reason, result.move_to) == ("", None)


def test_a_refused_pause_comes_back_as_it_was(qtbot: QtBot, run: ConferenceRun) -> None:
    draft = SafetyPauseResult(
        SafetyPause(run.id, FIXED_NOW, "Zoë felt unsafe.", PauseDecision.END,
                    reason="Not today.", next_steps="I ring tomorrow."),
        Status.NOT_PROCEEDING, NotProceedingReason.UNSUITABLE,
    )
    dialog = pause_dialog(qtbot, run)
    dialog.fill(draft)
    assert dialog.current() == draft


def test_the_window_saves_what_the_pause_dialog_gives(
    store: Store, run: ConferenceRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = SafetyPauseResult(
        SafetyPause(run.id, FIXED_NOW, "Zoë felt unsafe.", PauseDecision.CONTINUE), None, None
    )
    monkeypatch.setattr(SafetyPauseDialog, "ask", Answers(answer))
    result = SafetyPauseDialog.ask(None, run, now=FIXED_NOW)
    assert result is not None
    saved = store.record_safety_pause(result.pause)
    assert store.safety_pauses(run.id) == [saved]


# -- the agreement's proposed actions -------------------------------------------------------


def editor(qtbot: QtBot, store: Store, run: ConferenceRun) -> ActionsEditor:
    made = ActionsEditor(store, run, store.people(run.case_id))
    qtbot.addWidget(made)
    return made


def add(made: ActionsEditor, what: str, who: str = "", by_when: date | None = None) -> None:
    made.what.setText(what)
    made.who.setCurrentText(who)
    made.by_when.set_value(by_when)
    made.add_button.click()


def test_who_offers_the_names_people_are_called_by(
    qtbot: QtBot, store: Store, run: ConferenceRun
) -> None:
    made = editor(qtbot, store, run)
    names = [made.who.itemText(i) for i in range(made.who.count())]
    assert "Zoë" in names and "Jay" in names
    assert made.who.currentText() == ""
    assert "young person's own" in made.what.placeholderText()
    assert unnamed_inputs(made) == []


def test_actions_are_added_in_order_and_saved(
    qtbot: QtBot, store: Store, run: ConferenceRun
) -> None:
    made = editor(qtbot, store, run)
    assert made.empty_note.isVisibleTo(made) and not made.list.isVisibleTo(made)
    with qtbot.waitSignal(made.actions_changed):
        add(made, "Say sorry to Zoë in person", "Jay", date(2026, 12, 4))
    add(made, "Tell Miss Khan if it happens again", "Zoë and her mum")
    assert made.texts() == [
        "1. Jay: Say sorry to Zoë in person · by 4 Dec 2026",
        "2. Zoë and her mum: Tell Miss Khan if it happens again",
    ]
    saved = store.proposed_actions(run_id=run.id)
    assert [(a.what, a.who, a.by_when) for a in saved] == [
        ("Say sorry to Zoë in person", "Jay", date(2026, 12, 4)),
        ("Tell Miss Khan if it happens again", "Zoë and her mum", None),
    ]
    assert made.what.text() == "" and made.who.currentText() == ""
    assert made.by_when.value() is None


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_enter_in_what_adds_the_action(qtbot: QtBot, store: Store, run: ConferenceRun) -> None:
    made = editor(qtbot, store, run)
    made.show()
    qtbot.keyClicks(made.what, "Help tidy the lunch hall")  # type: ignore[no-untyped-call]
    with qtbot.waitSignal(made.actions_changed):
        qtbot.keyClick(made.what, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
    assert made.texts() == ["1. Help tidy the lunch hall"]


def test_an_action_without_what_or_with_a_past_date_is_shown_and_kept(
    qtbot: QtBot, store: Store, run: ConferenceRun
) -> None:
    made = editor(qtbot, store, run)
    with qtbot.assertNotEmitted(made.actions_changed):
        add(made, "   ", "Łukasz", date(2026, 11, 25))
    assert "Write what will be done" in shown(made.messages, "what")
    assert "cannot be in the past" in shown(made.messages, "by_when")
    assert made.who.currentText() == "Łukasz"
    assert made.by_when.value() == date(2026, 11, 25)
    assert store.proposed_actions(run_id=run.id) == []
    made.what.setText("Write a letter to Siobhán")
    made.by_when.set_value(date(2026, 11, 26))  # today is fine
    made.add_button.click()
    assert shown(made.messages, "what") == "" and shown(made.messages, "by_when") == ""
    assert made.texts() == ["1. Łukasz: Write a letter to Siobhán · by 26 Nov 2026"]


def test_an_action_is_loaded_back_changed_and_saved(
    qtbot: QtBot, store: Store, run: ConferenceRun
) -> None:
    made = editor(qtbot, store, run)
    add(made, "Say sorry", "Jay")
    add(made, "Pay for the glasses", "Jay", date(2026, 12, 18))
    made.list.setCurrentRow(0)
    made.edit_button.click()
    assert made.add_button.text() == "Save changes"
    assert made.cancel_button.isVisibleTo(made)
    assert (made.what.text(), made.who.currentText(), made.by_when.value()) == (
        "Say sorry", "Jay", None
    )
    made.what.setText("Say sorry to Zoë in person")
    made.by_when.set_value(date(2026, 12, 4))
    with qtbot.waitSignal(made.actions_changed):
        made.add_button.click()
    assert made.texts() == [
        "1. Jay: Say sorry to Zoë in person · by 4 Dec 2026",
        "2. Jay: Pay for the glasses · by 18 Dec 2026",
    ]
    assert len(store.proposed_actions(run_id=run.id)) == 2
    assert made.add_button.text() == "Add action" and made.editing() is None


def test_cancelling_an_edit_leaves_the_action_as_it_was(
    qtbot: QtBot, store: Store, run: ConferenceRun
) -> None:
    made = editor(qtbot, store, run)
    add(made, "Say sorry", "Jay")
    made.edit(made.saved_actions()[0].id)
    made.what.setText("Something else")
    made.cancel_button.click()
    assert made.what.text() == "" and made.editing() is None
    assert [a.what for a in store.proposed_actions(run_id=run.id)] == ["Say sorry"]


def test_removing_an_action_asks_first(qtbot: QtBot, store: Store, run: ConferenceRun) -> None:
    made = editor(qtbot, store, run)
    add(made, "Say sorry", "Jay")
    add(made, "Pay for the glasses", "Jay")
    made.list.setCurrentRow(0)
    asked: list[str] = []

    def answer(yes: bool) -> Confirm:
        def confirm(_parent: QWidget, _title: str, text: str, _yes_text: str) -> bool:
            asked.append(text)
            return yes
        return confirm

    made.confirm = answer(False)
    with qtbot.assertNotEmitted(made.actions_changed):
        made.remove_button.click()
    assert len(made.texts()) == 2
    made.confirm = answer(True)
    with qtbot.waitSignal(made.actions_changed):
        made.remove_button.click()
    assert "Say sorry" in asked[0]
    assert made.texts() == ["1. Jay: Pay for the glasses"]
    assert [a.what for a in store.proposed_actions(run_id=run.id)] == ["Pay for the glasses"]


def test_edit_and_remove_need_a_chosen_action_and_refresh_shows_others_changes(
    qtbot: QtBot, store: Store, run: ConferenceRun
) -> None:
    made = editor(qtbot, store, run)
    assert not made.edit_button.isEnabled() and not made.remove_button.isEnabled()
    store.save_proposed_action(ProposedAction(run.id, run.case_id, "Write to Zoë", "Jay"))
    made.refresh()
    assert made.texts() == ["1. Jay: Write to Zoë"]
    made.list.setCurrentRow(0)
    assert made.edit_button.isEnabled() and made.remove_button.isEnabled()


def test_saving_an_action_removed_meanwhile_keeps_the_typing(
    qtbot: QtBot, store: Store, run: ConferenceRun
) -> None:
    made = editor(qtbot, store, run)
    add(made, "Say sorry", "Jay")
    made.edit(made.saved_actions()[0].id)
    store.remove_proposed_action(made.saved_actions()[0].id)
    made.what.setText("Say sorry to Zoë")
    made.add_button.click()
    assert "no longer on record" in shown(made.messages, "")
    assert made.what.text() == "Say sorry to Zoë" and made.editing() is None
    assert made.texts() == []


def test_an_action_line_reads_plainly() -> None:
    action = ProposedAction("r", "c", "say sorry to Zoë in person", "Jay", date(2026, 12, 4))
    assert action_line(1, action) == "1. Jay: say sorry to Zoë in person · by 4 Dec 2026"
    assert action_line(3, ProposedAction("r", "c", "tidy up")) == "3. tidy up"


# -- the facilitator's debrief ----------------------------------------------------------------


def test_the_debrief_says_it_is_private_and_that_hard_is_allowed(
    qtbot: QtBot, store: Store, run: ConferenceRun
) -> None:
    dialog = DebriefDialog(None, store, run)
    qtbot.addWidget(dialog)
    words = " ".join(label.text().replace("&", "").replace("\n", " ")
                     for label in dialog.findChildren(QLabel))
    assert "Only you can see this." in words
    assert "Vicarious trauma is real. It is fine to say this was hard." in words
    assert "How are you after this one?" in words
    assert dialog.wants_supervision.accessibleName() == "Would supervision help?"
    assert unnamed_inputs(dialog) == []


def test_the_debrief_is_saved_privately_to_the_facilitator(
    qtbot: QtBot, store: Store, run: ConferenceRun
) -> None:
    dialog = DebriefDialog(None, store, run)
    qtbot.addWidget(dialog)
    dialog.how_it_went.setPlainText("Calm in the end; Zoë's mum helped.")
    dialog.follow_up.setPlainText("Ring Siobhán on Monday.")
    dialog.how_are_you.setPlainText("Tired. That one was hard.")
    dialog.wants_supervision.setChecked(True)
    dialog.accept()
    saved = dialog.result_debrief()
    assert saved is not None
    assert (saved.facilitator, saved.how_are_you, saved.wants_supervision) == (
        "Test Facilitator", "Tired. That one was hard.", True
    )
    assert store.debrief(run.id) == saved
    with store.recording_as(FIXED_NOW, "Another Facilitator"):
        assert store.debrief(run.id) is None


def test_an_existing_debrief_is_loaded_for_editing(
    qtbot: QtBot, store: Store, run: ConferenceRun
) -> None:
    store.save_debrief(Debrief(run.id, store.actor, how_it_went="Went well.",
                               follow_up="Check on Jay.", how_are_you="Fine.",
                               wants_supervision=True))
    dialog = DebriefDialog(None, store, run)
    qtbot.addWidget(dialog)
    assert dialog.how_it_went.toPlainText() == "Went well."
    assert dialog.follow_up.toPlainText() == "Check on Jay."
    assert dialog.how_are_you.toPlainText() == "Fine."
    assert dialog.wants_supervision.isChecked()
    dialog.how_are_you.setPlainText("Fine now; shaken earlier.")
    dialog.accept()
    debrief = store.debrief(run.id)
    assert debrief is not None and debrief.how_are_you == "Fine now; shaken earlier."


def test_not_now_saves_nothing(
    qtbot: QtBot, store: Store, run: ConferenceRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(DebriefDialog, "exec", lambda self: self.reject())
    assert DebriefDialog.ask(None, store, run) is None
    assert store.debrief(run.id) is None


def test_a_debrief_the_store_refuses_keeps_the_typing(
    qtbot: QtBot, store: Store, run: ConferenceRun
) -> None:
    dialog = DebriefDialog(None, store, run)
    qtbot.addWidget(dialog)
    dialog.how_it_went.setPlainText("x" * 20_001)
    dialog.accept()
    assert dialog.result_debrief() is None
    assert "too long" in shown(dialog.messages, "how_it_went")
    assert len(dialog.how_it_went.toPlainText()) == 20_001
