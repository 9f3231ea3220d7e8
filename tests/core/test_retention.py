"""Retention periods, the review list and erasure that leaves only anonymous counts."""

from __future__ import annotations

from datetime import UTC, date, datetime

from restorative_desk.records import (
    CaseFilter,
    NotProceedingReason,
    Person,
    Role,
    Setting,
    Status,
)
from restorative_desk.retention import (
    DEFAULT_RETENTION_MONTHS,
    keep_until,
    past_retention,
    retention_periods,
)
from restorative_desk.store import Store
from restorative_desk.store.audit import AuditAction

from ..preparing import ON, prepare_for_conference
from .test_store import make_case


def close_case(store: Store, case_id: str, on: date) -> None:
    with store.recording_as(datetime(on.year, on.month, on.day, 12, tzinfo=UTC)):
        prepare_for_conference(store, case_id, on=min(on, ON))
        for status in (
            Status.INITIAL_ENGAGEMENT,
            Status.RISK_ASSESSMENT,
            Status.PREPARING,
            Status.READY,
            Status.CONFERENCE_HELD,
            Status.CLOSED,
        ):
            store.move_case(case_id, status)


def test_periods_default_and_ignore_nonsense() -> None:
    periods = retention_periods({"school": 24, "yos": -3, "care_home": "soon"})  # type: ignore[dict-item]
    assert periods[Setting.SCHOOL] == 24
    assert periods[Setting.YOS] == DEFAULT_RETENTION_MONTHS
    assert periods[Setting.CARE_HOME] == DEFAULT_RETENTION_MONTHS


def test_keep_until_handles_month_ends() -> None:
    assert keep_until(date(2020, 2, 29), 12) == date(2021, 2, 28)
    assert keep_until(date(2020, 1, 31), 1) == date(2020, 2, 29)


def test_review_lists_only_cases_past_their_settings_period(store: Store) -> None:
    old = store.create_case(make_case(referral_date=date(2018, 1, 5)))
    close_case(store, old.id, date(2018, 6, 1))
    recent = store.create_case(make_case(referral_date=date(2025, 1, 5)))
    close_case(store, recent.id, date(2025, 6, 1))
    stopped = store.create_case(make_case(setting=Setting.YOS, referral_date=date(2023, 3, 1)))
    with store.recording_as(datetime(2023, 4, 1, 9, tzinfo=UTC)):
        store.move_case(stopped.id, Status.NOT_PROCEEDING, reason=NotProceedingReason.DECLINED)
    store.create_case(make_case(referral_date=date(2010, 1, 1)))  # still open: never due

    periods = retention_periods({"school": 72, "yos": 24})
    due = past_retention(store.ended_cases(), periods, date(2026, 11, 26))
    assert [(d.case.id, d.keep_until) for d in due] == [
        (old.id, date(2024, 6, 1)),
        (stopped.id, date(2025, 4, 1)),
    ]


def test_erasure_removes_everything_but_an_anonymous_count(store: Store) -> None:
    case = store.create_case(make_case(summary="Łukasz's bike was damaged"))
    store.add_person(Person(case.id, Role.PERSON_HARMED, "Łukasz Wiśniewski"))
    store.save_draft("referral", case.id, case.id, {"summary": "Łukasz said more"})
    close_case(store, case.id, date(2019, 3, 3))
    kept = store.create_case(make_case())

    store.erase_case(case.id)
    store.compact()

    assert store.count_cases() == 1 and store.count_cases(CaseFilter(search="lukasz")) == 0
    assert store.people(case.id) == [] and store.drafts() == []
    assert store.erased_counts() == [(Setting.SCHOOL, 2019, Status.CLOSED, 1)]
    assert store.get_case(kept.id) == kept
    assert store.audit.entries(actions=[AuditAction.ERASE])[0].record_id == case.id
    assert store.audit.verify().ok and store.integrity_problems() == []
