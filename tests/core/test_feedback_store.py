"""Feedback from three perspectives through the store: checks, round-trips, the trail without
answers or names, corrections, and erasure with the case."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from restorative_desk.feedback.checks import (
    MAX_COMMENT,
    participant_feedback_problems,
    partner_feedback_problems,
    staff_reflection_problems,
)
from restorative_desk.feedback.records import (
    Answer,
    FeedbackMethod,
    ParticipantFeedback,
    PartnerFeedback,
    StaffReflection,
)
from restorative_desk.records import ReferralSource, Role
from restorative_desk.rules import Problem, ValidationError
from restorative_desk.store import NotFound, Store

from ..feedbacking import HeldCase, held_case

TODAY = date(2026, 11, 26)
REFERRED = date(2026, 11, 2)


@pytest.fixture
def held(store: Store) -> HeldCase:
    return held_case(store)


def feedback_from(held: HeldCase, **changes: object) -> ParticipantFeedback:
    base = ParticipantFeedback(
        case_id=held.case.id, role=Role.PERSON_HARMED, given_on=TODAY,
        method=FeedbackMethod.PAPER, person_id=held.harmed.id, satisfaction=5,
        felt_safe=Answer.YES, felt_heard=Answer.YES, understood_next=Answer.NOT_SURE,
        real_choice=Answer.YES, would_recommend=Answer.YES,
        comment="Zoë said: «I felt listened to» — thank you, Siobhán.",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def fields(problems: list[Problem]) -> list[str]:
    return [p.field for p in problems]


# -- checks ------------------------------------------------------------------------------------


def test_a_participants_answers_are_checked() -> None:
    base = ParticipantFeedback("c", Role.PERSON_HARMED, TODAY, FeedbackMethod.PAPER,
                               satisfaction=4)

    def check(feedback: ParticipantFeedback, role: Role | None = None) -> list[Problem]:
        return participant_feedback_problems(feedback, today=TODAY, referral_date=REFERRED,
                                             role_on_case=role)

    assert check(base) == []
    assert fields(check(replace(base, satisfaction=6))) == ["satisfaction"]
    assert fields(check(replace(base, satisfaction=0))) == ["satisfaction"]
    tomorrow = replace(base, given_on=TODAY + timedelta(days=1))
    assert "future" in check(tomorrow)[0].message
    early = replace(base, given_on=REFERRED - timedelta(days=1))
    assert "before the referral" in check(early)[0].message
    long = replace(base, comment="x" * (MAX_COMMENT + 1))
    assert fields(check(long)) == ["comment"]
    assert check(replace(base, comment="x" * MAX_COMMENT)) == []
    empty = replace(base, satisfaction=None)
    assert "at least one" in check(empty)[0].message
    assert check(replace(empty, comment="Good.")) == []
    assert check(replace(empty, felt_safe=Answer.NO)) == []
    assert fields(check(replace(base, role=Role.FACILITATOR))) == ["role"]
    named = replace(base, person_id="p1")
    assert fields(check(named, Role.PERSON_RESPONSIBLE)) == ["role"]
    assert check(named, Role.PERSON_HARMED) == []


def test_a_staff_reflection_needs_who_and_one_answer() -> None:
    base = StaffReflection("c", TODAY, "JA", prepared=4)

    def check(reflection: StaffReflection) -> list[Problem]:
        return staff_reflection_problems(reflection, today=TODAY, referral_date=REFERRED)

    assert check(base) == []
    assert fields(check(replace(base, by_whom="  "))) == ["by_whom"]
    assert fields(check(replace(base, impact=9))) == ["impact"]
    empty = replace(base, prepared=None)
    assert fields(check(empty)) == ["prepared"]
    assert check(replace(empty, support_needed=True)) == []
    too_long = replace(base, do_differently="y" * (MAX_COMMENT + 1))
    assert fields(check(too_long)) == ["do_differently"]


def test_partner_feedback_may_be_about_no_case() -> None:
    base = PartnerFeedback(ReferralSource.POLICE, TODAY, satisfaction=3)
    assert partner_feedback_problems(base, today=TODAY, referral_date=None) == []
    old = replace(base, given_on=date(2001, 1, 1))
    assert partner_feedback_problems(old, today=TODAY, referral_date=None) == []
    assert fields(partner_feedback_problems(old, today=TODAY, referral_date=REFERRED)) == [
        "given_on"]
    empty = replace(base, satisfaction=None)
    assert fields(partner_feedback_problems(empty, today=TODAY, referral_date=None)) == [
        "satisfaction"]


# -- the store ---------------------------------------------------------------------------------


def test_participant_feedback_round_trips_and_the_trail_holds_no_words(
    store: Store, held: HeldCase
) -> None:
    saved = store.add_participant_feedback(feedback_from(held))
    assert saved.id and saved.recorded_by == "Test Facilitator" and saved.recorded_at
    assert store.participant_feedback(held.case.id) == [saved]
    assert store.get_participant_feedback(saved.id) == saved
    trail = repr(store.audit.entries(case_id=held.case.id))
    assert "participant feedback" in trail
    for private in ("listened", "Zoë", "Siobhán", "not_sure"):
        assert private not in trail


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    satisfaction=st.none() | st.integers(1, 5),
    answers=st.lists(st.none() | st.sampled_from(Answer), min_size=5, max_size=5),
    comment=st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
                    min_size=1, max_size=60),
    method=st.sampled_from(FeedbackMethod),
)
def test_any_answers_come_back_as_saved(
    store: Store, held: HeldCase, satisfaction: int | None, answers: list[Answer | None],
    comment: str, method: FeedbackMethod,
) -> None:
    record = feedback_from(
        held, satisfaction=satisfaction, felt_safe=answers[0], felt_heard=answers[1],
        understood_next=answers[2], real_choice=answers[3], would_recommend=answers[4],
        comment=comment, method=method, person_id=None,
    )
    saved = store.add_participant_feedback(record)
    assert store.get_participant_feedback(saved.id) == saved


def test_a_person_must_be_on_the_case_in_that_role(store: Store, held: HeldCase) -> None:
    with pytest.raises(ValidationError, match="role"):
        store.add_participant_feedback(feedback_from(held, person_id=held.responsible.id))
    other = held_case(store)
    with pytest.raises(ValidationError, match="not on this case"):
        store.add_participant_feedback(feedback_from(held, person_id=other.harmed.id))
    with pytest.raises(ValidationError, match="before the referral"):
        store.add_participant_feedback(feedback_from(held, given_on=date(2026, 10, 1)))
    assert store.participant_feedback(held.case.id) == []


def test_feedback_is_corrected_and_deleted(store: Store, held: HeldCase) -> None:
    saved = store.add_participant_feedback(feedback_from(held))
    changed = store.update_participant_feedback(
        replace(saved, satisfaction=3, comment="Łukasz: it was hard but fair.")
    )
    assert store.participant_feedback(held.case.id) == [changed]
    assert changed.recorded_at == saved.recorded_at
    updates = [e for e in store.audit.entries(case_id=held.case.id) if e.action.value == "update"
               and e.record_type == "participant feedback"]
    assert updates and set(updates[-1].fields) == {"satisfaction", "comment"}
    store.delete_participant_feedback(saved.id)
    assert store.participant_feedback(held.case.id) == []
    with pytest.raises(NotFound):
        store.delete_participant_feedback(saved.id)


def test_staff_reflections_round_trip(store: Store, held: HeldCase) -> None:
    reflection = StaffReflection(held.case.id, TODAY, "Jo Adeyemi", prepared=4, impact=5,
                                 went_well="Nguyễn's supporter helped a lot.",
                                 do_differently="Shorter opening.", support_needed=True)
    saved = store.add_staff_reflection(reflection)
    assert store.staff_reflections(held.case.id) == [saved]
    changed = store.update_staff_reflection(replace(saved, support_needed=False))
    assert store.get_staff_reflection(saved.id) == changed
    assert "Nguyễn" not in repr(store.audit.entries(case_id=held.case.id))
    store.delete_staff_reflection(saved.id)
    assert store.staff_reflections(held.case.id) == []


def test_partner_feedback_with_and_without_a_case(store: Store, held: HeldCase) -> None:
    on_case = store.add_partner_feedback(PartnerFeedback(
        ReferralSource.POLICE, TODAY, case_id=held.case.id, organisation="Lewisham Police",
        satisfaction=4, kept_informed=Answer.YES, would_refer_again=Answer.YES,
    ))
    general = store.add_partner_feedback(PartnerFeedback(
        ReferralSource.HEALTH, date(2026, 1, 5), organisation="CAMHS",
        comment="Très utile — clear updates.",
    ))
    assert general.case_id is None
    assert store.partner_feedback(held.case.id) == [on_case]
    assert store.partner_feedback() == [general, on_case]
    assert store.partner_feedback(general_only=True) == [general]
    with pytest.raises(ValidationError, match="before the referral"):
        store.update_partner_feedback(replace(general, case_id=held.case.id))
    moved = store.update_partner_feedback(replace(general, case_id=held.case.id, given_on=TODAY))
    assert store.partner_feedback(held.case.id) == [on_case, moved]
    general_entries = [e for e in store.audit.entries() if e.record_type == "partner feedback"]
    assert general_entries and "CAMHS" not in repr(general_entries)
    store.delete_partner_feedback(moved.id)
    assert store.partner_feedback() == [on_case]


def test_erasing_a_case_erases_its_feedback_but_not_general_feedback(
    store: Store, held: HeldCase
) -> None:
    store.add_participant_feedback(feedback_from(held))
    store.add_staff_reflection(StaffReflection(held.case.id, TODAY, "JA", prepared=3))
    store.add_partner_feedback(PartnerFeedback(ReferralSource.POLICE, TODAY,
                                               case_id=held.case.id, satisfaction=5))
    general = store.add_partner_feedback(PartnerFeedback(ReferralSource.HEALTH, TODAY,
                                                         satisfaction=2))
    store.erase_case(held.case.id)
    assert store.participant_feedback(held.case.id) == []
    assert store.staff_reflections(held.case.id) == []
    assert store.partner_feedback() == [general]
    assert store.integrity_problems() == []


def test_removing_a_person_keeps_their_feedback_without_the_link(
    store: Store, held: HeldCase
) -> None:
    saved = store.add_participant_feedback(feedback_from(held, person_id=held.supporter.id,
                                                         role=Role.SUPPORTER))
    store.remove_person(held.supporter.id)
    assert store.participant_feedback(held.case.id) == [replace(saved, person_id=None)]
