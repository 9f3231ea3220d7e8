"""A case's own feedback summary: who came, who has answered, who is still to be asked."""

from __future__ import annotations

from datetime import date

from restorative_desk.conference.records import Attendance
from restorative_desk.feedback.records import (
    Answer,
    FeedbackMethod,
    ParticipantFeedback,
    StaffReflection,
)
from restorative_desk.feedback.summary import (
    answer_words,
    attended_ids,
    impact_words,
    satisfaction_words,
    still_to_ask,
    summarise,
)
from restorative_desk.records import Person, Role
from restorative_desk.store import Store

from ..feedbacking import held_case

ON = date(2026, 11, 25)

PEOPLE = [
    Person("c", Role.PERSON_HARMED, "Zoë", id="h"),
    Person("c", Role.PERSON_RESPONSIBLE, "Łukasz", id="r"),
    Person("c", Role.SUPPORTER, "Siobhán", id="s"),
    Person("c", Role.FACILITATOR, "Jo", id="f"),
    Person("c", Role.COMMUNITY_MEMBER, "Nguyễn", id="m"),
]


def said(person_id: str | None, role: Role, satisfaction: int | None) -> ParticipantFeedback:
    return ParticipantFeedback("c", role, ON, FeedbackMethod.PAPER, person_id=person_id,
                               satisfaction=satisfaction)


def test_who_came_counts_anyone_present_at_any_conference() -> None:
    first = {"h": Attendance.PRESENT, "r": Attendance.ABSENT, "m": Attendance.REPRESENTED}
    second = {"r": Attendance.PRESENT}
    assert attended_ids([first, second]) == {"h", "r"}
    assert attended_ids([]) == set()


def test_still_to_ask_leaves_out_staff_and_people_who_answered() -> None:
    came = {"h", "r", "s", "f"}
    assert [p.id for p in still_to_ask(PEOPLE, came, [])] == ["h", "r", "s"]
    answered = [said("r", Role.PERSON_RESPONSIBLE, 4)]
    assert [p.id for p in still_to_ask(PEOPLE, came, answered)] == ["h", "s"]


def test_summary_counts_and_words() -> None:
    attendance = {p: Attendance.PRESENT for p in ("h", "r", "s", "f")}
    feedback = [said("h", Role.PERSON_HARMED, 5), said("r", Role.PERSON_RESPONSIBLE, 2),
                said(None, Role.SUPPORTER, None)]
    summary = summarise(PEOPLE, [attendance], feedback,
                        [StaffReflection("c", ON, "Jo", prepared=4)])
    assert (summary.came, summary.given, summary.unnamed) == (3, 3, 1)
    assert [p.id for p in summary.still_to_ask] == ["s"]
    assert (summary.satisfied, summary.scored) == (1, 2)
    lines = summary.lines
    assert lines[0] == "2 of the 3 people who came have given feedback."
    assert "3 participant feedback forms are on record." in lines
    assert any("without a name" in line for line in lines)
    assert "1 of 2 who gave a score were satisfied (4 or 5)." in lines
    assert lines[-1] == "1 staff reflection, 0 from partner agencies."


def test_summary_before_anyone_came() -> None:
    summary = summarise(PEOPLE, [], [])
    assert summary.lines[0] == "No one is marked as coming to a conference on this case yet."
    assert summary.still_to_ask == ()


def test_scores_read_as_words_and_numbers() -> None:
    assert satisfaction_words(5) == "5, Very satisfied"
    assert satisfaction_words(None) == "Not answered"
    assert impact_words(4) == "4, High"
    assert answer_words(Answer.NOT_SURE) == "Not sure"
    assert answer_words(None) == "Not answered"


def test_summary_from_a_held_conference(store: Store) -> None:
    held = held_case(store)
    runs = store.conference_runs(held.case.id)
    summary = summarise(store.people(held.case.id), [store.attendance(r.id) for r in runs],
                        store.participant_feedback(held.case.id))
    assert [p.called for p in summary.still_to_ask] == [
        "Zoë Nguyễn", "Łukasz Kowalski", "Siobhán Kelly"]
