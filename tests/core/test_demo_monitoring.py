"""The demo's fictional equality-monitoring answers: only young people harmed or responsible,
shares like an inner-London borough, a mild built-in disproportionality, and nothing else in
the demo changed by them."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import astuple, replace
from pathlib import Path

import pytest

from restorative_desk import demo as demo_module
from restorative_desk.demo import fill_demo
from restorative_desk.demo_monitoring import LEANED_ETHNICITIES, MonitoringAnswers
from restorative_desk.monitoring import CareStatus, EthnicGroup, SendStatus
from restorative_desk.records import CaseFilter, Person, Role, Setting
from restorative_desk.store import Store

from ..conftest import FIXED_NOW

CASES = 160
YOUNG_ROLES = (Role.PERSON_HARMED, Role.PERSON_RESPONSIBLE)


def _open(path: Path) -> Store:
    return Store.open(path, key=os.urandom(32), actor="Demo", clock=lambda: FIXED_NOW)


def _everyone(store: Store) -> list[tuple[Setting, Person]]:
    rows = store.case_rows(CaseFilter(), limit=CASES)
    return [(row.setting, p) for row in rows for p in store.people(row.id)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = _open(tmp_path_factory.mktemp("demo_monitoring") / "demo.db")
    fill_demo(store, CASES, seed=7)
    yield store
    store.close()


def _answered(person: Person) -> bool:
    return any(
        value is not None
        for value in (person.ethnicity, person.gender, person.send, person.care_status)
    )


def test_only_young_people_harmed_or_responsible_have_answers(demo: Store) -> None:
    everyone = _everyone(demo)
    young = [p for _, p in everyone if p.is_child and p.role in YOUNG_ROLES]
    assert len(young) > CASES
    assert all(not _answered(p) for _, p in everyone if p not in young)
    assert sum(_answered(p) for p in young) == len(young)


def test_shares_are_roughly_an_inner_london_borough(demo: Store) -> None:
    young = [p for _, p in _everyone(demo) if p.is_child and p.role in YOUNG_ROLES]
    groups = Counter(p.ethnicity.group if p.ethnicity else None for p in young)
    share = {group: groups[group] / len(young) for group in groups}
    assert 0.30 < share[EthnicGroup.WHITE] < 0.50
    assert 0.17 < share[EthnicGroup.BLACK] < 0.35
    assert 0.08 < share[EthnicGroup.MIXED] < 0.22
    assert 0.04 < share[EthnicGroup.ASIAN] < 0.16
    with_send = [p for p in young if p.send in (SendStatus.EHC_PLAN, SendStatus.SEN_SUPPORT,
                                                SendStatus.DISABILITY)]
    assert 0.12 < len(with_send) / len(young) < 0.35
    assert any(p.send is None for p in young) and any(p.care_status is None for p in young)


def test_looked_after_mostly_in_care_homes_and_few_in_schools(demo: Store) -> None:
    young = [(s, p) for s, p in _everyone(demo) if p.is_child and p.role in YOUNG_ROLES]
    in_care_homes = [p for s, p in young if s is Setting.CARE_HOME]
    in_schools = [p for s, p in young if s is Setting.SCHOOL]
    looked_after = CareStatus.LOOKED_AFTER
    assert sum(p.care_status is looked_after for p in in_care_homes) > 0.8 * len(in_care_homes)
    assert sum(p.care_status is looked_after for p in in_schools) < 0.15 * len(in_schools)


def test_the_lean_is_mild_and_where_it_says() -> None:
    """Looked-after and Black Caribbean or White and Black Caribbean young people are a little
    more often responsible, and more often on cases that stop (fictional, on purpose)."""

    def leaned_share(role: Role, stops: bool) -> float:
        people = [
            MonitoringAnswers(f"lean-{n}", Setting.SCHOOL, stops=stops)(
                Person("case", role, "Zoë", is_child=True)
            )
            for n in range(3000)
        ]
        return sum(p.ethnicity in LEANED_ETHNICITIES for p in people) / len(people)

    harmed = leaned_share(Role.PERSON_HARMED, stops=False)
    responsible = leaned_share(Role.PERSON_RESPONSIBLE, stops=False)
    stopped = leaned_share(Role.PERSON_RESPONSIBLE, stops=True)
    assert 0.11 < harmed < 0.19
    assert harmed < responsible < 0.3
    assert responsible < stopped < 0.45


def test_answers_are_the_same_for_the_same_seed() -> None:
    person = Person("case", Role.PERSON_RESPONSIBLE, "Siobhán", is_child=True)
    first = [MonitoringAnswers(f"7-RD-{n}", Setting.YOS, stops=False)(person) for n in range(50)]
    again = [MonitoringAnswers(f"7-RD-{n}", Setting.YOS, stops=False)(person) for n in range(50)]
    assert first == again
    assert len({astuple(p) for p in first}) > 10


def test_the_rest_of_the_demo_is_unchanged_by_the_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demo: Store
) -> None:
    """The same demo made without the answers differs only in them."""

    class NoAnswers:
        def __init__(self, *_args: object, **_kwargs: object) -> None:
            pass

        def __call__(self, person: Person) -> Person:
            return person

    monkeypatch.setattr(demo_module, "MonitoringAnswers", NoAnswers)
    without = _open(tmp_path / "without.db")
    try:
        fill_demo(without, CASES, seed=7)

        def shape(store: Store) -> list[tuple[object, ...]]:
            rows = store.case_rows(CaseFilter(), limit=CASES)
            return [
                (row.reference, row.status, row.summary, *(
                    astuple(replace(p, id="", case_id="", supports_person_id=None, ethnicity=None,
                                    gender=None, send=None, care_status=None))
                    for p in store.people(row.id)
                ))
                for row in rows
            ]

        assert shape(without) == shape(demo)
    finally:
        without.close()
