"""A conference as it runs: starting from a ready case, attendance, notes saved as typed,
breaks, safety pauses, proposed actions, the ending and the facilitator's private debrief."""

from __future__ import annotations

from datetime import date

import pytest

from restorative_desk.conference.records import (
    Attendance,
    Debrief,
    Ending,
    PauseDecision,
    ProposedAction,
    SafetyPause,
)
from restorative_desk.records import Case, NotProceedingReason, Role, Status
from restorative_desk.rules import ValidationError
from restorative_desk.store import Store

from ..conftest import FIXED_NOW
from ..preparing import prepare_for_conference
from .test_store import make_case


@pytest.fixture
def case(store: Store) -> Case:
    made = store.create_case(make_case())
    prepare_for_conference(store, made.id)
    for status in (Status.INITIAL_ENGAGEMENT, Status.RISK_ASSESSMENT, Status.PREPARING,
                   Status.READY):
        store.move_case(made.id, status)
    return store.get_case(made.id)


def start(store: Store, case: Case) -> str:
    run = store.start_conference(case.id, script_key="full_conference", script_version=1,
                                 script_title="Full restorative conference")
    return run.id


def test_a_conference_starts_only_from_a_ready_case(store: Store) -> None:
    waiting = store.create_case(make_case())
    with pytest.raises(ValidationError, match="ready"):
        store.start_conference(waiting.id, script_key="k", script_version=1, script_title="T")


def test_one_conference_at_a_time_and_its_script_is_kept(store: Store, case: Case) -> None:
    run_id = start(store, case)
    with pytest.raises(ValidationError, match="under way"):
        start(store, case)
    (run,) = store.conference_runs(case.id)
    assert (run.script_key, run.script_version, run.started_by) == (
        "full_conference", 1, "Test Facilitator"
    )
    assert run.running and store.unfinished_conferences() == [run] and run.id == run_id


def test_notes_are_saved_as_typed_and_the_trail_holds_no_words(store: Store, case: Case) -> None:
    run_id = start(store, case)
    zoe = next(p for p in store.people(case.id) if p.role is Role.PERSON_HARMED)
    store.save_turn_note(run_id, f"harmed.impact:{zoe.id}", "I was scared", zoe.id)
    store.save_turn_note(run_id, f"harmed.impact:{zoe.id}", "I was scared to go to school",
                         zoe.id)
    notes = store.turn_notes(run_id)
    assert notes[f"harmed.impact:{zoe.id}"].text == "I was scared to go to school"
    trail = store.audit.entries(case_id=case.id)
    entries = [e for e in trail if e.record_type == "conference note"]
    assert len(entries) == 1  # the first save, not every autosave
    assert "scared" not in repr(store.audit.entries(case_id=case.id))
    store.set_conference_position(run_id, f"harmed.impact:{zoe.id}")
    assert store.get_conference(run_id).position == f"harmed.impact:{zoe.id}"


def test_attendance_breaks_and_pauses(store: Store, case: Case) -> None:
    run_id = start(store, case)
    people = store.people(case.id)
    store.set_attendance(run_id, people[0].id, Attendance.PRESENT)
    store.set_attendance(run_id, people[1].id, Attendance.REPRESENTED)
    store.set_attendance(run_id, people[1].id, Attendance.PRESENT)
    assert store.attendance(run_id) == {p.id: Attendance.PRESENT for p in people[:2]}
    store.start_break(run_id, "Zoë asked for a minute")
    with pytest.raises(ValidationError, match="already"):
        store.start_break(run_id)
    ended = store.end_break(run_id)
    assert ended.ended_at is not None and store.breaks(run_id)[0].reason == "Zoë asked for a minute"
    with pytest.raises(ValidationError):
        store.record_safety_pause(SafetyPause(run_id, FIXED_NOW, "", PauseDecision.CONTINUE))
    with pytest.raises(ValidationError, match="why"):
        store.record_safety_pause(
            SafetyPause(run_id, FIXED_NOW, "Raised voices", PauseDecision.END)
        )
    pause = store.record_safety_pause(
        SafetyPause(run_id, FIXED_NOW, "Raised voices; Jay left the room",
                    PauseDecision.CONTINUE_AFTER_BREAK)
    )
    assert store.safety_pauses(run_id) == [pause]


def test_proposed_actions_in_order(store: Store, case: Case) -> None:
    run_id = start(store, case)
    first = store.save_proposed_action(
        ProposedAction(run_id, case.id, "Say sorry to Zoë in person", "Jay", date(2026, 12, 4))
    )
    second = store.save_proposed_action(ProposedAction(run_id, case.id, "Help tidy the garden"))
    store.save_proposed_action(
        ProposedAction(run_id, case.id, "Help tidy the garden, twice", "Jay", id=second.id,
                       position=second.position)
    )
    assert [a.what for a in store.proposed_actions(run_id=run_id)] == [
        "Say sorry to Zoë in person", "Help tidy the garden, twice"
    ]
    with pytest.raises(ValidationError):
        store.save_proposed_action(ProposedAction(run_id, case.id, " "))
    with pytest.raises(ValidationError, match="past"):
        store.save_proposed_action(ProposedAction(run_id, case.id, "x", by_when=date(2026, 1, 1)))
    store.remove_proposed_action(first.id)
    assert len(store.proposed_actions(case_id=case.id)) == 1


def test_a_completed_conference_moves_the_case_on(store: Store, case: Case) -> None:
    run_id = start(store, case)
    store.start_break(run_id)
    ended = store.end_conference(run_id, Ending.COMPLETED)
    assert ended.ending is Ending.COMPLETED and not ended.running
    assert store.get_case(case.id).status is Status.CONFERENCE_HELD
    assert store.breaks(run_id)[0].ended_at is not None
    assert store.unfinished_conferences() == []
    with pytest.raises(ValidationError, match="ended"):
        store.start_break(run_id)


def test_ending_early_needs_a_reason_and_next_steps(store: Store, case: Case) -> None:
    run_id = start(store, case)
    with pytest.raises(ValidationError):
        store.end_conference(run_id, Ending.ENDED_EARLY, reason="Too upset")
    with pytest.raises(ValidationError):
        store.end_conference(run_id, Ending.ENDED_EARLY, reason="r", next_steps="n",
                             move_to=Status.CLOSED)
    store.end_conference(
        run_id, Ending.ENDED_EARLY, reason="Zoë was too upset to go on.",
        next_steps="Meet Zoë and her mum next week; offer a letter instead.",
        move_to=Status.NOT_PROCEEDING, not_proceeding_reason=NotProceedingReason.DECLINED,
    )
    assert store.get_case(case.id).status is Status.NOT_PROCEEDING


def test_the_debrief_is_private_to_its_facilitator(store: Store, case: Case) -> None:
    run_id = start(store, case)
    with pytest.raises(ValidationError, match="only by the facilitator"):
        store.save_debrief(Debrief(run_id, "Someone Else", how_are_you="fine"))
    saved = store.save_debrief(
        Debrief(run_id, "Test Facilitator", how_it_went="Calm in the end.",
                follow_up="Check on Jay on Monday.", how_are_you="Tired; it was a hard one.",
                wants_supervision=True)
    )
    assert store.debrief(run_id) == saved
    with store.recording_as(FIXED_NOW, "Co Facilitator"):
        assert store.debrief(run_id) is None
        theirs = store.save_debrief(Debrief(run_id, "Co Facilitator", how_are_you="OK."))
        assert store.debrief(run_id) == theirs
    assert store.debrief(run_id) == saved  # a co-facilitator's debrief never replaces it
    assert "Tired" not in repr(store.audit.entries(case_id=case.id))


def test_erasing_the_case_erases_its_conferences(store: Store, case: Case) -> None:
    run_id = start(store, case)
    store.save_turn_note(run_id, "preamble.welcome", "Everyone came on time.")
    store.save_proposed_action(ProposedAction(run_id, case.id, "Write a letter"))
    store.erase_case(case.id)
    assert store.unfinished_conferences() == []
    assert store.turn_notes(run_id) == {}
    assert store.integrity_problems() == []
