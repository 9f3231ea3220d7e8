"""Outcome agreements in the store: drafts with the conference's actions carried over, agreeing
(which freezes a version), new versions with a reason, reviews, closing, and erasure."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from restorative_desk.agreements.records import (
    ActionResult,
    ActionReview,
    Agreement,
    AgreementAction,
    AgreementStatus,
    Review,
    Signoff,
    SignoffHow,
)
from restorative_desk.conference.records import Ending, ProposedAction
from restorative_desk.records import Case, Person, Role, Status
from restorative_desk.rules import MAX_SHORT_TEXT, ValidationError
from restorative_desk.store import NotFound, Store

from ..conftest import FIXED_NOW
from ..preparing import prepare_for_conference
from .test_store import UNICODE_NAMES, make_case, some_text, typed_text

TODAY = FIXED_NOW.date()


def held_conference(store: Store) -> tuple[Case, str]:
    """A case whose conference was held, with two actions proposed in the room."""
    case = store.create_case(make_case())
    prepare_for_conference(store, case.id)
    for status in (Status.INITIAL_ENGAGEMENT, Status.RISK_ASSESSMENT, Status.PREPARING,
                   Status.READY):
        store.move_case(case.id, status)
    run = store.start_conference(case.id, script_key="full_conference", script_version=1,
                                 script_title="Full restorative conference")
    for what, who, by_when in (("Write a letter to Amara", "Jay", date(2026, 12, 4)),
                               ("Help tidy the garden", "Jay and Mr Ōta", None)):
        store.save_proposed_action(ProposedAction(run.id, case.id, what, who, by_when))
    store.end_conference(run.id, Ending.COMPLETED)
    return store.get_case(case.id), run.id


@pytest.fixture
def held(store: Store) -> tuple[Case, str]:
    return held_conference(store)


def everyone_signs(store: Store, case_id: str) -> list[Signoff]:
    people = store.people(case_id)
    return [
        Signoff(people[0].id, SignoffHow.SIGNED, TODAY),
        Signoff(people[1].id, SignoffHow.VERBAL, TODAY, note="Agreed by phone; cannot write."),
    ]


def agreed(store: Store, case: Case, run_id: str = "") -> Agreement:
    draft = store.start_agreement(case.id, from_run_id=run_id)
    if not draft.actions:
        draft = store.save_agreement_draft(
            replace(draft, actions=(AgreementAction("Say sorry to Amara", who="Jay"),))
        )
    return store.agree(draft.id, agreed_on=TODAY, signoffs=everyone_signs(store, case.id))


# -- drafting -------------------------------------------------------------------------------------


def test_the_conference_actions_are_carried_over(store: Store, held: tuple[Case, str]) -> None:
    case, run_id = held
    draft = store.start_agreement(case.id, from_run_id=run_id)
    assert draft.status is AgreementStatus.DRAFT and draft.version == 1
    assert [(a.what, a.who, a.by_when, a.position) for a in draft.actions] == [
        ("Write a letter to Amara", "Jay", date(2026, 12, 4), 1),
        ("Help tidy the garden", "Jay and Mr Ōta", None, 2),
    ]
    assert draft.created_by == "Test Facilitator" and draft.created_at == FIXED_NOW
    assert store.current_agreement(case.id) == draft
    assert store.agreement_in_force(case.id) is None


def test_an_agreement_works_without_a_conference(store: Store) -> None:
    case = store.create_case(make_case())
    draft = store.start_agreement(case.id)
    assert draft.actions == () and store.agreement_versions(case.id) == [draft]


def test_a_conference_of_another_case_is_refused(store: Store, held: tuple[Case, str]) -> None:
    other = store.create_case(make_case())
    with pytest.raises(ValidationError, match="not on this case"):
        store.start_agreement(other.id, from_run_id=held[1])


def test_one_open_agreement_per_case(store: Store, held: tuple[Case, str]) -> None:
    case, run_id = held
    store.start_agreement(case.id, from_run_id=run_id)
    with pytest.raises(ValidationError, match="already has an agreement"):
        store.start_agreement(case.id)


def test_a_draft_saves_its_actions_in_order(store: Store, held: tuple[Case, str]) -> None:
    case, run_id = held
    draft = store.start_agreement(case.id, from_run_id=run_id)
    letter, garden = draft.actions
    new = AgreementAction("Meet at break for a chat", who="Jay", for_whom="Amara",
                          review_date=date(2026, 12, 10))
    saved = store.save_agreement_draft(replace(
        draft, summary="A falling-out at lunch; Jay will put things right.",
        own_words="I want to make it up to her.", review_date=date(2026, 12, 11),
        actions=(replace(garden, support="Mr Ōta will be there"), new),
    ))
    assert [a.what for a in saved.actions] == ["Help tidy the garden", "Meet at break for a chat"]
    assert [a.position for a in saved.actions] == [1, 2]
    assert saved.actions[0].id == garden.id and saved.actions[0].support == "Mr Ōta will be there"
    assert saved.actions[1].id not in ("", letter.id)
    assert store.get_agreement(draft.id) == saved
    trail = store.audit.entries(case_id=case.id)
    assert any(e.record_type == "agreement action" and e.action.value == "delete" for e in trail)
    assert "make it up" not in repr(trail)  # field names only, never the words


def test_a_draft_is_checked(store: Store, held: tuple[Case, str]) -> None:
    case, run_id = held
    draft = store.start_agreement(case.id, from_run_id=run_id)
    with pytest.raises(ValidationError, match="what will be done") as caught:
        store.save_agreement_draft(replace(draft, actions=(AgreementAction("  "),)))
    assert caught.value.field == "actions.0.what"
    with pytest.raises(ValidationError, match="keep it under"):
        store.save_agreement_draft(
            replace(draft, actions=(AgreementAction("Say sorry", who="x" * (MAX_SHORT_TEXT + 1)),))
        )
    with pytest.raises(ValidationError, match="when the agreement is agreed"):
        store.save_agreement_draft(replace(draft, signoffs=tuple(everyone_signs(store, case.id))))
    assert store.get_agreement(draft.id) == draft


# -- agreeing and versions ------------------------------------------------------------------------


def test_agreeing_needs_an_action_and_someone_s_agreement(store: Store) -> None:
    case = store.create_case(make_case())
    store.add_person(Person(case_id=case.id, role=Role.PERSON_HARMED, name="Zoë Ó Briain"))
    store.add_person(Person(case_id=case.id, role=Role.PERSON_RESPONSIBLE, name="Łukasz"))
    draft = store.start_agreement(case.id)
    with pytest.raises(ValidationError, match="at least one action"):
        store.agree(draft.id, agreed_on=TODAY, signoffs=everyone_signs(store, case.id))
    draft = store.save_agreement_draft(replace(draft, actions=(AgreementAction("Say sorry"),)))
    with pytest.raises(ValidationError, match="Record who agreed"):
        store.agree(draft.id, agreed_on=TODAY, signoffs=[])
    with pytest.raises(ValidationError, match="future"):
        store.agree(draft.id, agreed_on=TODAY + timedelta(days=1),
                    signoffs=everyone_signs(store, case.id))
    stranger = store.add_person(Person(case_id=store.create_case(make_case()).id,
                                       role=Role.PERSON_HARMED, name="Nguyễn Thị Lan"))
    with pytest.raises(ValidationError, match="not on this case"):
        store.agree(draft.id, agreed_on=TODAY,
                    signoffs=[Signoff(stranger.id, SignoffHow.SIGNED, TODAY)])
    twice = everyone_signs(store, case.id)[:1] * 2
    with pytest.raises(ValidationError, match="twice"):
        store.agree(draft.id, agreed_on=TODAY, signoffs=twice)
    done = store.agree(draft.id, agreed_on=TODAY, signoffs=everyone_signs(store, case.id))
    assert done.status is AgreementStatus.AGREED and done.agreed_on == TODAY
    assert done.signoffs == tuple(everyone_signs(store, case.id))
    assert store.agreement_in_force(case.id) == done


def test_an_agreed_version_is_never_edited(store: Store, held: tuple[Case, str]) -> None:
    case, run_id = held
    done = agreed(store, case, run_id)
    with pytest.raises(ValidationError, match="new version"):
        store.save_agreement_draft(replace(done, summary="Changed afterwards"))
    with pytest.raises(ValidationError, match="new version"):
        store.agree(done.id, agreed_on=TODAY, signoffs=everyone_signs(store, case.id))
    with pytest.raises(ValidationError, match="new version"):
        store.discard_draft(done.id)
    assert store.get_agreement(done.id) == done


def test_a_new_version_keeps_the_history(store: Store, held: tuple[Case, str]) -> None:
    case, run_id = held
    first = agreed(store, case, run_id)
    with pytest.raises(ValidationError, match="why"):
        store.new_version(first.id, "  ")
    second = store.new_version(first.id, "Amara asked for the letter to wait a week.")
    assert (second.version, second.status, second.change_reason) == (
        2, AgreementStatus.DRAFT, "Amara asked for the letter to wait a week."
    )
    assert [a.what for a in second.actions] == [a.what for a in first.actions]
    assert {a.id for a in second.actions}.isdisjoint(a.id for a in first.actions)
    assert second.signoffs == () and second.agreed_on is None
    with pytest.raises(ValidationError, match="already being drafted"):
        store.new_version(first.id, "Another change at the same time")
    # The agreed version stays in force until the new one is agreed.
    assert store.agreement_in_force(case.id) == first
    assert store.current_agreement(case.id) == second
    letter = replace(second.actions[0], by_when=date(2026, 12, 11))
    second = store.save_agreement_draft(replace(second, actions=(letter, *second.actions[1:])))
    second = store.agree(second.id, agreed_on=TODAY, signoffs=everyone_signs(store, case.id))
    assert store.agreement_versions(case.id) == [first, second]
    assert store.get_agreement(first.id).actions[0].by_when == date(2026, 12, 4)
    assert store.agreement_in_force(case.id) == second
    with pytest.raises(ValidationError, match="replaced"):
        store.record_review(Review(first.id, TODAY))


def test_a_draft_version_can_be_let_go(store: Store, held: tuple[Case, str]) -> None:
    case, run_id = held
    first = agreed(store, case, run_id)
    second = store.new_version(first.id, "Trying a different date")
    store.discard_draft(second.id)
    assert store.agreement_versions(case.id) == [first]
    with pytest.raises(NotFound):
        store.get_agreement(second.id)


def test_agreements_across_cases_for_printing(store: Store) -> None:
    one, run_id = held_conference(store)
    other = store.create_case(make_case())
    first = agreed(store, one, run_id)
    draft = store.start_agreement(other.id)
    assert store.agreements() == [first, draft]
    assert store.agreements(statuses=[AgreementStatus.AGREED]) == [first]
    assert store.agreements(since=TODAY + timedelta(days=1)) == []
    assert store.agreements(since=TODAY) == [first, draft]


# -- reviews and closing -------------------------------------------------------------------------


def test_reviews_are_kept_for_the_agreement_in_force(
    store: Store, held: tuple[Case, str]
) -> None:
    case, run_id = held
    draft = store.start_agreement(case.id, from_run_id=run_id)
    with pytest.raises(ValidationError, match="not in force"):
        store.record_review(Review(draft.id, TODAY))
    done = store.agree(draft.id, agreed_on=date(2026, 11, 20),
                       signoffs=everyone_signs(store, case.id))
    letter, garden = done.actions
    review = Review(
        done.id, TODAY, present="Jay, Amara, Ms Nowak",
        results=(ActionReview(letter.id, ActionResult.DONE, "Lovely letter"),
                 ActionReview(garden.id, ActionResult.PARTLY_DONE)),
        next_review=date(2026, 12, 10), notes="Going well.",
    )
    saved = store.record_review(review)
    assert saved.id and saved.recorded_by == "Test Facilitator"
    assert store.reviews(done.id) == [saved]
    for bad, match in (
        (replace(review, held_on=TODAY + timedelta(days=1)), "future"),
        (replace(review, held_on=date(2026, 11, 19)), "before the agreement"),
        (replace(review, next_review=TODAY), "after this one"),
        (replace(review, results=(ActionReview("elsewhere", ActionResult.DONE),)), "not in this"),
        (replace(review, results=(ActionReview(letter.id, ActionResult.DONE),) * 2), "two results"),
    ):
        with pytest.raises(ValidationError, match=match):
            store.record_review(bad)
    assert store.reviews(done.id) == [saved]


def test_closing_keeps_the_case_open_unless_asked(store: Store, held: tuple[Case, str]) -> None:
    case, run_id = held
    store.move_case(case.id, Status.MONITORING)
    done = agreed(store, case, run_id)
    with pytest.raises(ValidationError, match="what happens next"):
        store.close_agreement(done.id, AgreementStatus.PARTLY_COMPLETED, outcome_note=" ",
                              closed_on=TODAY)
    with pytest.raises(ValidationError, match="outcome"):
        store.close_agreement(done.id, AgreementStatus.AGREED, outcome_note="", closed_on=TODAY)
    closed = store.close_agreement(done.id, AgreementStatus.PARTLY_COMPLETED,
                                   outcome_note="The letter came; the garden waits for spring.",
                                   closed_on=TODAY)
    assert closed.status is AgreementStatus.PARTLY_COMPLETED and closed.closed_on == TODAY
    assert store.get_case(case.id).status is Status.MONITORING
    assert store.agreement_in_force(case.id) is None
    with pytest.raises(ValidationError, match="not in force"):
        store.close_agreement(done.id, AgreementStatus.COMPLETED, outcome_note="", closed_on=TODAY)
    with pytest.raises(ValidationError, match="not in force"):
        store.record_review(Review(done.id, TODAY))
    with pytest.raises(ValidationError, match="not closed"):
        store.new_version(done.id, "Too late for that")
    # Another agreement can follow a closed one, as the next version.
    again = store.start_agreement(case.id)
    assert again.version == 2 and "version 1 closed" in again.change_reason


def test_closing_the_case_with_the_agreement(store: Store, held: tuple[Case, str]) -> None:
    case, run_id = held
    done = agreed(store, case, run_id)
    with pytest.raises(ValidationError, match="closure summary"):
        store.close_agreement(done.id, AgreementStatus.COMPLETED, outcome_note="",
                              closed_on=TODAY, close_case=True)
    assert store.get_agreement(done.id).status is AgreementStatus.AGREED
    store.close_agreement(done.id, AgreementStatus.COMPLETED, outcome_note="",
                          closed_on=TODAY, close_case=True,
                          closure_summary="Everything agreed was done; Amara feels safe again.")
    assert store.get_case(case.id).status is Status.CLOSED
    last = store.status_history(case.id)[-1]
    assert (last.from_status, last.note) == (
        Status.CONFERENCE_HELD, "Everything agreed was done; Amara feels safe again."
    )
    with pytest.raises(ValidationError, match="reopen"):
        store.start_agreement(case.id)


def test_a_case_not_yet_at_its_conference_cannot_be_closed(store: Store) -> None:
    case = store.create_case(make_case())
    store.add_person(Person(case_id=case.id, role=Role.PERSON_HARMED, name="Siobhán"))
    store.add_person(Person(case_id=case.id, role=Role.PERSON_RESPONSIBLE, name="Jay"))
    done = agreed(store, case)
    with pytest.raises(ValidationError, match="cannot be closed yet"):
        store.close_agreement(done.id, AgreementStatus.COMPLETED, outcome_note="",
                              closed_on=TODAY, close_case=True, closure_summary="All done")
    assert store.get_agreement(done.id).status is AgreementStatus.AGREED


def test_erasing_a_case_erases_its_agreements(store: Store, held: tuple[Case, str]) -> None:
    case, run_id = held
    done = agreed(store, case, run_id)
    store.record_review(Review(done.id, TODAY, results=(
        ActionReview(done.actions[0].id, ActionResult.DONE),)))
    store.new_version(done.id, "A change after the review")
    store.erase_case(case.id)
    for table in ("agreements", "agreement_actions", "agreement_signoffs", "agreement_reviews"):
        assert store._rows(f"SELECT * FROM {table}", []) == []
    assert store.integrity_problems() == []


# -- round trips ----------------------------------------------------------------------------------

dates = st.none() | st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
actions = st.builds(
    AgreementAction, what=some_text, who=typed_text, for_whom=typed_text, by_when=dates,
    how_known=typed_text, support=typed_text, review_date=dates,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    summary=typed_text, own_words=typed_text, review_date=dates,
    drafted=st.lists(actions, max_size=5), how=st.sampled_from(SignoffHow), note=typed_text,
    name=st.sampled_from(UNICODE_NAMES),
)
def test_agreements_round_trip(
    summary: str, own_words: str, review_date: date | None, drafted: list[AgreementAction],
    how: SignoffHow, note: str, name: str,
) -> None:
    store = Store.open(None, actor="Test Facilitator", clock=lambda: FIXED_NOW)
    try:
        case = store.create_case(make_case())
        person = store.add_person(Person(case_id=case.id, role=Role.PERSON_HARMED, name=name))
        draft = store.start_agreement(case.id)
        saved = store.save_agreement_draft(replace(
            draft, summary=summary, own_words=own_words, review_date=review_date,
            actions=tuple(drafted),
        ))
        assert store.get_agreement(draft.id) == saved
        assert (saved.summary, saved.own_words, saved.review_date) == (
            summary, own_words, review_date)
        assert [replace(a, id="", position=0) for a in saved.actions] == drafted
        # Saving what was loaded changes nothing.
        assert store.save_agreement_draft(saved) == saved
        if drafted:
            signoff = Signoff(person.id, how, TODAY, note)
            done = store.agree(draft.id, agreed_on=TODAY, signoffs=[signoff])
            assert store.agreement_versions(case.id) == [done]
            assert done.signoffs == (signoff,)
    finally:
        store.close()
