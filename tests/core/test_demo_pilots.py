"""The demo pilot log: the same seed and clock give the same log; school days only."""

from __future__ import annotations

from dataclasses import astuple, replace
from datetime import UTC, date, datetime

from restorative_desk.demo import fill_demo
from restorative_desk.demo_pilots import (
    PLACES,
    fill_demo_pilots,
    is_school_day,
    school_year_start,
)
from restorative_desk.pilots.records import OrganisationKind, PilotActivity, PilotEntry
from restorative_desk.store import Store

SUMMER = datetime(2027, 7, 20, 10, 0, tzinfo=UTC)


def log(store: Store) -> list[tuple[object, ...]]:
    names = {o.id: o.name for o in store.organisations()}
    rows = store._rows("SELECT id FROM pilot_entries ORDER BY seq", [])
    entries = [store.pilot_entry(row["id"]) for row in rows]
    return [astuple(replace(e, id="", organisation_id=names[e.organisation_id])) for e in entries]


def entries(store: Store) -> list[PilotEntry]:
    return [store.pilot_entry(row["id"])
            for row in store._rows("SELECT id FROM pilot_entries", [])]


def test_same_seed_and_clock_same_log() -> None:
    first = Store.open(None, actor="a", clock=lambda: SUMMER)
    second = Store.open(None, actor="a", clock=lambda: SUMMER)
    assert fill_demo_pilots(first, seed=3) == fill_demo_pilots(second, seed=3) > 0
    assert log(first) == log(second)
    third = Store.open(None, actor="a", clock=lambda: SUMMER)
    fill_demo_pilots(third, seed=4)
    assert log(third) != log(first)


def test_a_school_year_of_sessions_on_school_days_only() -> None:
    store = Store.open(None, actor="a", clock=lambda: SUMMER)
    fill_demo_pilots(store)
    orgs = store.organisations()
    assert {o.kind for o in orgs} == {OrganisationKind.SCHOOL, OrganisationKind.CARE_HOME,
                                      OrganisationKind.YOS}
    schools = {o.id for o in orgs if o.kind is OrganisationKind.SCHOOL}
    assert len(schools) == 3
    made = entries(store)
    at_schools = [e for e in made if e.organisation_id in schools]
    assert 300 <= len(at_schools) <= 650
    assert {e.activity for e in at_schools} == set(PilotActivity)
    for entry in made:
        assert date(2026, 9, 1) <= entry.session_date <= date(2027, 7, 20)
        assert is_school_day(entry.session_date), entry.session_date
    years = {place.name: set(place.years) for place in PLACES}
    names = {o.id: o.name for o in orgs}
    for entry in made:
        assert set(entry.year_groups) <= years[names[entry.organisation_id]]
    twilight = {(e.organisation_id, e.session_date.month) for e in at_schools
                if e.activity is PilotActivity.TWILIGHT_TRAINING}
    assert len(twilight) >= 25  # monthly at each school


def test_school_year_and_holidays() -> None:
    assert school_year_start(date(2026, 11, 26)) == date(2026, 9, 1)
    assert school_year_start(date(2027, 3, 1)) == date(2026, 9, 1)
    assert school_year_start(date(2026, 9, 20)) == date(2025, 9, 1)  # too early for a story
    assert not is_school_day(date(2026, 11, 28))  # a Saturday
    assert not is_school_day(date(2026, 12, 24))
    assert not is_school_day(date(2027, 1, 1))
    assert not is_school_day(date(2026, 10, 28))
    assert is_school_day(date(2026, 11, 26))


def test_follows_the_store_clock_and_runs_once(store: Store) -> None:
    fill_demo(store, 2, people=False)
    count = store.pilot_entry_count()
    assert count > 0
    assert max(e.session_date for e in entries(store)) <= store.today()
    fill_demo(store, 2, people=False)
    assert store.pilot_entry_count() == count
    assert fill_demo_pilots(store) == 0
