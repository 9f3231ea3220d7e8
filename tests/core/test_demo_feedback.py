"""Demo feedback: most people who came to a held conference answer, people harmed mostly
satisfied (some not sure), a staff reflection per conference, partner agencies now and then and
in general; nothing after the store's clock; the same seed gives the same feedback."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from restorative_desk.conference.records import Attendance
from restorative_desk.demo import fill_demo
from restorative_desk.feedback.records import SATISFIED_FROM, Answer, ParticipantFeedback
from restorative_desk.records import CaseFilter, Role
from restorative_desk.store import Store

from ..conftest import FIXED_NOW

TODAY = FIXED_NOW.date()
CASES = 150


def _open(path: Path) -> Store:
    return Store.open(path, key=os.urandom(32), actor="Demo", clock=lambda: FIXED_NOW)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = _open(tmp_path_factory.mktemp("demo_feedback") / "demo.db")
    fill_demo(store, CASES, seed=7)
    yield store
    store.close()


def _held(store: Store) -> list[str]:
    rows = store.case_rows(CaseFilter(), limit=CASES)
    return [row.id for row in rows if store.conference_runs(row.id)]


def _all_feedback(store: Store) -> list[ParticipantFeedback]:
    return [f for case_id in _held(store) for f in store.participant_feedback(case_id)]


def test_most_who_came_answer_and_each_conference_has_a_reflection(demo: Store) -> None:
    held = _held(demo)
    assert len(held) > 20
    came = answered = 0
    for case_id in held:
        run = demo.conference_runs(case_id)[-1]
        present = [p for p, a in demo.attendance(run.id).items() if a is Attendance.PRESENT]
        came += len(present)
        answered += len(demo.participant_feedback(case_id))
        reflections = demo.staff_reflections(case_id)
        assert len(reflections) == 1 and reflections[0].given_on == run.started_at.date()
    assert 0.7 * came < answered <= came


def test_people_harmed_are_mostly_satisfied_but_not_all(demo: Store) -> None:
    harmed = [f for f in _all_feedback(demo) if f.role is Role.PERSON_HARMED]
    scores = [f.satisfaction for f in harmed if f.satisfaction is not None]
    satisfied = sum(1 for score in scores if score >= SATISFIED_FROM)
    assert 0.7 < satisfied / len(scores) < 0.97
    answers = [f.felt_safe for f in _all_feedback(demo)]
    assert Answer.NOT_SURE in answers and Answer.YES in answers
    assert any(f.comment for f in harmed) and any(not f.person_id for f in _all_feedback(demo))


def test_nothing_after_the_clock_and_partners_give_feedback(demo: Store) -> None:
    everything = _all_feedback(demo)
    assert all(f.given_on <= TODAY and f.recorded_at <= FIXED_NOW  # type: ignore[operator]
               for f in everything)
    partners = demo.partner_feedback()
    assert any(p.case_id for p in partners)
    general = demo.partner_feedback(general_only=True)
    assert len(general) >= 5 and all(p.given_on <= TODAY for p in general)


def test_the_same_seed_gives_the_same_feedback(tmp_path: Path, demo: Store) -> None:
    again = _open(tmp_path / "again.db")
    try:
        fill_demo(again, CASES, seed=7)
        first = [(f.role, f.satisfaction, f.comment, f.given_on) for f in _all_feedback(demo)]
        second = [(f.role, f.satisfaction, f.comment, f.given_on) for f in _all_feedback(again)]
        assert first == second
    finally:
        again.close()
