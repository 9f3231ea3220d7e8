"""Monitoring and follow-up: what is due around the date edges (today, tomorrow, exactly a week,
yesterday, weekends), overdue actions, preparation deadlines, and completion rates with small
counts suppressed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from restorative_desk.agreements.follow_up import (
    CaseDeadline,
    CaseSetting,
    DueItem,
    FollowedAgreement,
    completion_rates,
    due_items,
    next_agreement_review,
    period_of,
)
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
from restorative_desk.preparation.catalogue import catalogue
from restorative_desk.preparation.deadlines import deadline_status
from restorative_desk.records import NotProceedingReason, Person, Role, Setting, Status
from restorative_desk.store import Store

from ..conftest import FIXED_NOW
from .test_store import make_case

FRIDAY = date(2026, 11, 27)


def in_force(review_date: date | None = None, *actions: AgreementAction) -> Agreement:
    return Agreement(case_id="case-1", version=1, status=AgreementStatus.AGREED,
                     review_date=review_date, actions=actions, agreed_on=date(2026, 11, 2),
                     id="agreement-1")


def due(agreement: Agreement, today: date, *reviews: Review) -> list[DueItem]:
    return due_items([FollowedAgreement("RD-2026-0001", agreement, reviews)], [], today)


def action(what: str = "Write a letter to Amara", **fields: object) -> AgreementAction:
    base = AgreementAction(what, who="Jay", id=what)
    return replace(base, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(("days", "listed", "overdue"), [
    (-1, True, True),   # yesterday: missed
    (0, True, False),   # today
    (1, True, False),   # tomorrow
    (7, True, False),   # exactly a week ahead
    (8, False, False),  # beyond the week
])
def test_agreement_reviews_due_within_the_week(days: int, listed: bool, overdue: bool) -> None:
    today = date(2026, 11, 26)
    items = due(in_force(today + timedelta(days=days)), today)
    if not listed:
        assert items == []
        return
    (item,) = items
    assert (item.kind, item.due, item.overdue) == ("review", today + timedelta(days=days), overdue)
    assert item.label == "Review the agreement (version 1)" and item.reference == "RD-2026-0001"
    assert (item.case_id, item.agreement_id) == ("case-1", "agreement-1")


def test_the_week_counts_weekend_days() -> None:
    # From a Friday: Sunday and Monday are within the week, next Friday too, Saturday after not.
    for day, listed in ((date(2026, 11, 29), True), (date(2026, 11, 30), True),
                        (date(2026, 12, 4), True), (date(2026, 12, 5), False)):
        assert bool(due(in_force(day), FRIDAY)) is listed, day


def test_a_review_held_moves_on_to_the_next_review_date() -> None:
    agreement = in_force(date(2026, 11, 25))
    held = Review(agreement.id, date(2026, 11, 25), next_review=date(2026, 12, 9))
    assert next_agreement_review(agreement, [held]) == date(2026, 12, 9)
    assert due(agreement, date(2026, 11, 26), held) == []
    assert [i.due for i in due(agreement, date(2026, 12, 2), held)] == [date(2026, 12, 9)]
    early = Review(agreement.id, date(2026, 11, 20))  # a check-in before the review date
    assert next_agreement_review(agreement, [early]) == date(2026, 11, 25)
    last = Review(agreement.id, date(2026, 11, 26))  # held late, no further review set
    assert next_agreement_review(agreement, [last]) is None


def test_overdue_actions_until_a_review_finds_them_done() -> None:
    today = date(2026, 11, 26)
    letter = action(by_when=today - timedelta(days=1))
    garden = action("Help tidy the garden", by_when=today)
    later = action("Football together", by_when=today + timedelta(days=2))
    agreement = in_force(None, letter, garden, later)
    (item,) = due(agreement, today)
    assert (item.kind, item.due, item.overdue, item.action_id) == (
        "action", today - timedelta(days=1), True, letter.id)
    assert item.label == "Write a letter to Amara (Jay)"
    partly = Review(agreement.id, today,
                    results=(ActionReview(letter.id, ActionResult.PARTLY_DONE),))
    assert len(due(agreement, today, partly)) == 1
    done = Review(agreement.id, today, results=(ActionReview(letter.id, ActionResult.DONE),))
    assert due(agreement, today, done) == []
    # The latest review counts: done, then found undone again.
    undone = Review(agreement.id, today + timedelta(days=1),
                    results=(ActionReview(letter.id, ActionResult.NOT_DONE),))
    tomorrow = due(agreement, today + timedelta(days=1), done, undone)
    assert [i.action_id for i in tomorrow] == [letter.id, garden.id]  # the garden's day passed


def test_an_action_s_own_review_date() -> None:
    today = date(2026, 11, 26)
    letter = action(review_date=today + timedelta(days=3), by_when=today + timedelta(days=10))
    agreement = in_force(None, letter)
    (item,) = due(agreement, today)
    assert (item.kind, item.label, item.action_id) == (
        "review", "Review: Write a letter to Amara", letter.id)
    looked = Review(agreement.id, today + timedelta(days=3),
                    results=(ActionReview(letter.id, ActionResult.PARTLY_DONE),))
    assert due(agreement, today + timedelta(days=3), looked) == []
    other = Review(agreement.id, today + timedelta(days=3))  # did not look at this action
    assert len(due(agreement, today + timedelta(days=3), other)) == 1


def test_drafts_and_closed_agreements_are_not_followed() -> None:
    today = date(2026, 11, 26)
    for status in (AgreementStatus.DRAFT, AgreementStatus.COMPLETED):
        agreement = replace(in_force(today, action(by_when=today - timedelta(days=3))),
                            status=status)
        assert due(agreement, today) == []


def test_overdue_first_then_by_date_with_deadlines() -> None:
    today = date(2026, 11, 26)
    definition = catalogue().deadlines_for(Setting.YOS)[0]
    near = deadline_status(definition, {"victim_details_received": "2026-11-20"}, today)
    passed = deadline_status(definition, {"victim_details_received": "2026-11-10"}, today)
    waiting = deadline_status(definition, {}, today)
    met = deadline_status(definition, {"victim_details_received": "2026-11-10",
                                       "rj_information_offered": "2026-11-12"}, today)
    deadlines = [CaseDeadline("c2", "RD-2026-0002", s) for s in (near, passed, waiting, met)]
    agreement = in_force(today + timedelta(days=2), action(by_when=today - timedelta(days=2)))
    items = due_items([FollowedAgreement("RD-2026-0001", agreement)], deadlines, today)
    assert [(i.kind, i.due, i.overdue) for i in items] == [
        ("deadline", date(2026, 11, 17), True),
        ("action", date(2026, 11, 24), True),
        ("deadline", date(2026, 11, 27), False),
        ("review", date(2026, 11, 28), False),
    ]
    assert items[0].label == definition.label and items[0].reference == "RD-2026-0002"


# -- the store across cases -----------------------------------------------------------------------


def agree_on(store: Store, case_id: str, agreement: Agreement) -> Agreement:
    person = store.add_person(Person(case_id=case_id, role=Role.PERSON_HARMED, name="Zoë"))
    draft = store.save_agreement_draft(agreement)
    return store.agree(draft.id, agreed_on=FIXED_NOW.date(),
                       signoffs=[Signoff(person.id, SignoffHow.SIGNED, FIXED_NOW.date())])


def test_the_store_lists_what_is_due_across_cases(store: Store) -> None:
    today = FIXED_NOW.date()
    school = store.create_case(make_case())
    draft = store.start_agreement(school.id)
    agree_on(store, school.id, replace(
        draft, review_date=today + timedelta(days=3),
        actions=(AgreementAction("Say sorry", who="Jay", by_when=today - timedelta(days=1)),),
    ))
    yos = store.create_case(make_case(setting=Setting.YOS))
    store.set_case_fact(yos.id, "victim_details_received", "2026-11-20")
    quiet = store.create_case(make_case())
    store.start_agreement(quiet.id)  # a draft: nothing due yet
    items = store.due_items()
    assert [(i.kind, i.reference, i.overdue) for i in items] == [
        ("action", school.reference, True),
        ("deadline", yos.reference, False),
        ("review", school.reference, False),
    ]
    assert store.due_items(today + timedelta(days=30))[-1].overdue
    # A newer version being drafted does not stop the agreed one being followed.
    first = store.current_agreement(school.id)
    assert first is not None
    store.new_version(first.id, "Changing the date")
    assert len(store.due_items()) == 3


def test_stopped_cases_have_no_deadlines_due(store: Store) -> None:
    yos = store.create_case(make_case(setting=Setting.YOS))
    store.set_case_fact(yos.id, "victim_details_received", "2026-11-10")
    assert [i.kind for i in store.due_items()] == ["deadline"]
    store.move_case(yos.id, Status.NOT_PROCEEDING, reason=NotProceedingReason.DECLINED)
    assert store.due_items() == []


# -- completion rates -----------------------------------------------------------------------------


def closed(case_id: str, status: AgreementStatus, on: date) -> Agreement:
    return Agreement(case_id=case_id, status=status, closed_on=on, agreed_on=date(2026, 1, 5))


def test_periods() -> None:
    assert period_of(date(2026, 11, 26), "month") == ("2026-11", date(2026, 11, 1))
    assert period_of(date(2026, 11, 26), "quarter") == ("2026-Q4", date(2026, 10, 1))
    assert period_of(date(2026, 1, 1), "quarter") == ("2026-Q1", date(2026, 1, 1))
    assert period_of(date(2026, 9, 30), "quarter") == ("2026-Q3", date(2026, 7, 1))


def test_completion_rates_suppress_small_counts() -> None:
    cases = [CaseSetting(f"s{n}", Setting.SCHOOL) for n in range(20)]
    cases += [CaseSetting(f"y{n}", Setting.YOS) for n in range(3)]
    agreements = [closed(f"s{n}", AgreementStatus.COMPLETED, date(2026, 11, 3)) for n in range(6)]
    agreements += [closed(f"s{n}", AgreementStatus.NOT_COMPLETED, date(2026, 11, 20))
                   for n in range(6, 11)]
    # October: six closed, but two partly completed could point to two children.
    agreements += [closed(f"s{n}", AgreementStatus.COMPLETED, date(2026, 10, 9))
                   for n in range(11, 15)]
    agreements += [closed(f"s{n}", AgreementStatus.PARTLY_COMPLETED, date(2026, 10, 9))
                   for n in range(15, 17)]
    agreements += [closed(f"y{n}", AgreementStatus.COMPLETED, date(2026, 11, 9)) for n in range(3)]
    agreements.append(Agreement(case_id="s19", status=AgreementStatus.AGREED))  # still open
    october, november, yos = completion_rates(agreements, cases)
    assert (november.setting, november.period, november.starts) == (
        Setting.SCHOOL, "2026-11", date(2026, 11, 1))
    assert (november.closed, november.completed, november.partly_completed,
            november.not_completed, november.suppressed) == (11, 6, 0, 5, False)
    assert november.rate == pytest.approx(6 / 11)
    assert october.period == "2026-10" and october.suppressed and october.closed == 6
    assert (october.completed, october.partly_completed, october.rate) == (None, None, None)
    assert yos.setting is Setting.YOS and yos.suppressed and yos.closed is None
    (quarter, yos_quarter) = completion_rates(agreements, cases, period="quarter")
    assert (quarter.period, quarter.closed, quarter.suppressed) == ("2026-Q4", 17, True)
    assert yos_quarter.suppressed


def test_the_store_counts_closed_agreements(store: Store) -> None:
    for _ in range(5):
        case = store.create_case(make_case())
        done = agree_on(store, case.id, replace(
            store.start_agreement(case.id), actions=(AgreementAction("Say sorry", who="Jay"),)))
        store.close_agreement(done.id, AgreementStatus.COMPLETED, outcome_note="",
                              closed_on=FIXED_NOW.date())
    (rate,) = store.completion_rates()
    assert (rate.setting, rate.period, rate.closed, rate.completed, rate.rate) == (
        Setting.SCHOOL, "2026-11", 5, 5, 1.0)
    store.erase_case(store.agreements()[0].case_id)
    (rate,) = store.completion_rates(period="quarter")
    assert rate.suppressed and rate.closed is None
