"""Which stage may follow which, and the log every move leaves."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from restorative_desk.records import Case, NotProceedingReason, ReferralSource, Setting, Status
from restorative_desk.rules import ACTIVE_STATUSES, ValidationError, allowed_transitions, can_move
from restorative_desk.store import Store

from ..preparing import prepare_for_conference
from .test_store import make_case


def test_the_stages_follow_the_rjc_order() -> None:
    path = [
        Status.REFERRED,
        Status.INITIAL_ENGAGEMENT,
        Status.RISK_ASSESSMENT,
        Status.PREPARING,
        Status.READY,
        Status.CONFERENCE_HELD,
        Status.MONITORING,
        Status.FOLLOW_UP,
        Status.CLOSED,
    ]
    for current, following in itertools.pairwise(path):
        assert allowed_transitions(current)[0] is following


@pytest.mark.parametrize(
    ("current", "new"),
    [
        (Status.REFERRED, Status.READY),
        (Status.REFERRED, Status.CONFERENCE_HELD),
        (Status.RISK_ASSESSMENT, Status.CONFERENCE_HELD),
        (Status.CONFERENCE_HELD, Status.NOT_PROCEEDING),
        (Status.CLOSED, Status.REFERRED),
        (Status.NOT_PROCEEDING, Status.READY),
    ],
)
def test_leaps_and_late_stops_are_not_allowed(current: Status, new: Status) -> None:
    assert not can_move(current, new)


def test_a_case_can_stop_at_any_point_before_the_conference() -> None:
    stoppable = {s for s in Status if can_move(s, Status.NOT_PROCEEDING)}
    assert stoppable == {
        Status.REFERRED,
        Status.INITIAL_ENGAGEMENT,
        Status.RISK_ASSESSMENT,
        Status.PREPARING,
        Status.READY,
    }
    assert Status.CLOSED not in ACTIVE_STATUSES and Status.PREPARING in ACTIVE_STATUSES


def test_every_stage_can_eventually_close() -> None:
    for start in Status:
        seen, frontier = {start}, [start]
        while frontier:
            for following in allowed_transitions(frontier.pop()):
                if following not in seen:
                    seen.add(following)
                    frontier.append(following)
        assert Status.CLOSED in seen, start


@given(moves=st.lists(st.sampled_from(Status), max_size=12))
@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_only_allowed_moves_happen_and_each_is_logged(store: Store, moves: list[Status]) -> None:
    case = store.create_case(make_case())
    prepare_for_conference(store, case.id)  # readiness has its own tests (test_readiness.py)
    current = Status.REFERRED
    for new in moves:
        reason = NotProceedingReason.DECLINED
        if can_move(current, new):
            store.move_case(case.id, new, reason=reason)
            current = new
        else:
            with pytest.raises(ValidationError):
                store.move_case(case.id, new, reason=reason)
    history = store.status_history(case.id)
    assert store.get_case(case.id).status is current
    assert history[0].from_status is None and history[0].to_status is Status.REFERRED
    for before, after in itertools.pairwise(history):
        assert after.from_status is before.to_status
        assert can_move(before.to_status, after.to_status)
    assert all(change.changed_by == "Test Facilitator" for change in history)


def test_not_proceeding_needs_a_reason_and_keeps_it(store: Store) -> None:
    case = store.create_case(make_case())
    with pytest.raises(ValidationError):
        store.move_case(case.id, Status.NOT_PROCEEDING)
    with pytest.raises(ValidationError):
        store.move_case(case.id, Status.NOT_PROCEEDING, reason=NotProceedingReason.OTHER)
    change = store.move_case(
        case.id, Status.NOT_PROCEEDING, reason=NotProceedingReason.OTHER, note="Moved away"
    )
    assert change.reason is NotProceedingReason.OTHER
    assert store.get_case(case.id).not_proceeding_reason is NotProceedingReason.OTHER
    store.move_case(case.id, Status.INITIAL_ENGAGEMENT, note="The family asked to try again")
    reopened = store.get_case(case.id)
    assert reopened.status is Status.INITIAL_ENGAGEMENT and reopened.not_proceeding_reason is None
    assert store.status_history(case.id)[-1].note == "The family asked to try again"


def test_labels_read_as_plain_words() -> None:
    assert Status.RISK_ASSESSMENT.label == "Risk and safety assessment"
    assert Setting.CARE_HOME.label == "Children's care home"
    assert ReferralSource.SELF_OR_FAMILY.label == "Self or family"
    assert isinstance(Case(Setting.YOS, "x", ReferralSource.POLICE, date(2026, 1, 1), "y"), Case)
