"""Demo agreements in every state: drafts just after a conference, agreed ones being monitored
(some reviews due this week, some actions late), reviews for follow-up, outcomes for closed
cases, a second version with its reason; the same seed gives the same agreements."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from restorative_desk.agreements.records import AgreementStatus
from restorative_desk.demo import fill_demo
from restorative_desk.records import CaseFilter, Status
from restorative_desk.store import Store

from ..conftest import FIXED_NOW

TODAY = FIXED_NOW.date()
CASES = 150


def _open(path: Path) -> Store:
    return Store.open(path, key=os.urandom(32), actor="Demo", clock=lambda: FIXED_NOW)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = _open(tmp_path_factory.mktemp("demo_agreements") / "demo.db")
    fill_demo(store, CASES, seed=7)
    yield store
    store.close()


def _status_of(store: Store) -> dict[str, Status]:
    return {row.id: row.status for row in store.case_rows(CaseFilter(), limit=CASES)}


def test_agreements_in_every_state(demo: Store) -> None:
    agreements = demo.agreements()
    states = Counter(a.status for a in agreements)
    assert set(states) == set(AgreementStatus)
    assert states[AgreementStatus.COMPLETED] > states[AgreementStatus.NOT_COMPLETED]
    second = [a for a in agreements if a.version == 2]
    assert second and all(len(a.change_reason) >= 5 for a in second)


def test_each_agreement_fits_its_case_stage(demo: Store) -> None:
    stages = _status_of(demo)
    for case_id, status in stages.items():
        current = demo.current_agreement(case_id)
        if status is Status.CONFERENCE_HELD:
            assert current is not None and current.status is AgreementStatus.DRAFT
        elif status in (Status.MONITORING, Status.FOLLOW_UP):
            assert current is not None and current.status is AgreementStatus.AGREED
            assert current.signoffs and current.review_date is not None
        elif status is Status.CLOSED:
            assert current is not None and current.status.is_outcome
            if current.status is not AgreementStatus.COMPLETED:
                assert current.outcome_note.strip()
        else:
            assert current is None
    follow_up = [c for c, s in stages.items() if s is Status.FOLLOW_UP]
    assert follow_up
    for case_id in follow_up:
        agreement = demo.agreement_in_force(case_id)
        assert agreement is not None and demo.reviews(agreement.id)


def test_actions_are_carried_over_in_plain_words(demo: Store) -> None:
    agreed = [a for a in demo.agreements() if a.status is AgreementStatus.AGREED]
    actions = [action for a in agreed for action in a.actions]
    assert actions
    assert all(a.what and a.who and a.by_when and a.for_whom for a in actions)
    assert any(a.how_known and a.support for a in actions)


def test_some_things_are_due_this_week_and_some_overdue(demo: Store) -> None:
    items = demo.due_items()
    kinds = Counter((item.kind, item.overdue) for item in items)
    assert kinds[("review", False)] >= 1
    assert kinds[("action", True)] >= 1
    for agreement in demo.agreements():
        for day in (agreement.agreed_on, agreement.closed_on):
            assert day is None or day <= TODAY


def _fingerprint(store: Store) -> list[tuple[object, ...]]:
    return [
        (a.version, a.status, a.summary, a.review_date, a.agreed_on, a.closed_on,
         tuple((x.what, x.who, x.by_when, x.how_known) for x in a.actions))
        for a in store.agreements()
    ]


def test_the_same_seed_gives_the_same_agreements(tmp_path: Path) -> None:
    prints = []
    for name, seed in (("a", 11), ("b", 11), ("c", 12)):
        with _open(tmp_path / f"{name}.db") as store:
            fill_demo(store, 40, seed=seed)
            prints.append(_fingerprint(store))
    assert prints[0] and prints[0] == prints[1]
    assert prints[0] != prints[2]
