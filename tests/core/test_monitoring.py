"""Equality monitoring on people: saved and loaded whole, never in the trail, age bands by day."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from restorative_desk.age_bands import age_band_on, age_on, band_of_age
from restorative_desk.monitoring import CareStatus, Ethnicity, Gender, SendStatus
from restorative_desk.records import AgeBand, Person, Role
from restorative_desk.store import Store
from restorative_desk.store.codec import MONITORING_VALUES, person_from_row, person_to_row

from .test_store import make_case

ANSWERS: dict[str, Any] = {
    "ethnicity": Ethnicity.WHITE_AND_BLACK_CARIBBEAN,
    "gender": Gender.ANOTHER_WAY,
    "send": SendStatus.EHC_PLAN,
    "care_status": CareStatus.LOOKED_AFTER,
}


def _young_person(case_id: str, **changes: object) -> Person:
    base = Person(case_id, Role.PERSON_RESPONSIBLE, "Łukasz Kowalski", is_child=True)
    return replace(base, **changes)  # type: ignore[arg-type]


@given(
    ethnicity=st.none() | st.sampled_from(Ethnicity),
    gender=st.none() | st.sampled_from(Gender),
    send=st.none() | st.sampled_from(SendStatus),
    care=st.none() | st.sampled_from(CareStatus),
    child=st.booleans(),
)
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_answers_load_back_as_given(
    store: Store,
    ethnicity: Ethnicity | None,
    gender: Gender | None,
    send: SendStatus | None,
    care: CareStatus | None,
    child: bool,
) -> None:
    case = store.create_case(make_case())
    person = store.add_person(
        _young_person(
            case.id, ethnicity=ethnicity, gender=gender, send=send, care_status=care,
            is_child=child,
        )
    )
    assert store.get_person(person.id) == person
    changed = store.update_person(replace(person, ethnicity=None, gender=gender, send=None))
    assert store.people(case.id) == [changed]


def test_not_recorded_is_null_in_the_row() -> None:
    row = person_to_row(_young_person("case"))
    assert [row[column] for column in MONITORING_VALUES] == [None, None, None, None]
    assert person_from_row(row) == _young_person("case")


def test_answers_are_stored_as_their_values() -> None:
    row = person_to_row(_young_person("case", **ANSWERS))
    assert {column: row[column] for column in MONITORING_VALUES} == {
        "ethnicity": "mixed_white_black_caribbean",
        "gender": "another_way",
        "send": "ehc_plan",
        "care_status": "looked_after",
    }
    assert person_from_row(row) == _young_person("case", **ANSWERS)


def test_every_value_is_known_to_the_integrity_check() -> None:
    for column, known in MONITORING_VALUES.items():
        assert len(known) == len(set(known)) > 2, column


def test_an_unknown_stored_value_is_reported(store: Store) -> None:
    case = store.create_case(make_case())
    person = store.add_person(_young_person(case.id, **ANSWERS))
    assert store.integrity_problems() == []
    with store._writing():
        store._conn.execute("UPDATE people SET gender = 'robot' WHERE id = ?", [person.id])
    assert any(p.startswith("people.gender:") for p in store.integrity_problems())


def test_the_trail_names_the_fields_but_never_the_answers(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    case = store.create_case(make_case())
    person = store.add_person(_young_person(case.id, ethnicity=Ethnicity.CARIBBEAN))
    store.update_person(replace(person, **ANSWERS))
    store.update_person(replace(person, gender=Gender.PREFER_NOT_TO_SAY, send=SendStatus.NONE))
    entries = store.audit.entries(case_id=case.id)
    assert "gender" in entries[0].fields and "send" in entries[0].fields
    assert "care_status" in entries[1].fields
    raw = repr(store._conn.execute("SELECT * FROM audit_log").fetchall())
    text = repr(entries) + raw + caplog.text
    answers: list[Any] = [
        *ANSWERS.values(), Ethnicity.CARIBBEAN, Gender.PREFER_NOT_TO_SAY, SendStatus.NONE
    ]
    for answer in answers:
        assert answer.value not in text, answer
        assert answer.label not in text, answer


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (0, AgeBand.UNDER_10), (9, AgeBand.UNDER_10), (10, AgeBand.AGE_10_13),
        (13, AgeBand.AGE_10_13), (14, AgeBand.AGE_14_15), (15, AgeBand.AGE_14_15),
        (16, AgeBand.AGE_16_17), (17, AgeBand.AGE_16_17), (18, AgeBand.AGE_18_24),
        (24, AgeBand.AGE_18_24), (25, AgeBand.AGE_25_PLUS), (70, AgeBand.AGE_25_PLUS),
    ],
)
def test_band_of_age(age: int, band: AgeBand) -> None:
    assert band_of_age(age) is band


def test_age_counts_whole_years_to_the_day() -> None:
    born = date(2012, 3, 15)
    assert age_on(born, date(2026, 3, 14)) == 13
    assert age_on(born, date(2026, 3, 15)) == 14
    assert age_on(date(2012, 2, 29), date(2026, 2, 28)) == 13
    assert age_on(date(2012, 2, 29), date(2026, 3, 1)) == 14


def test_age_band_on_a_day_prefers_the_date_of_birth() -> None:
    person = _young_person("case", date_of_birth=date(2012, 3, 15), age_band=AgeBand.AGE_16_17)
    assert age_band_on(person, date(2026, 3, 14)) is AgeBand.AGE_10_13
    assert age_band_on(person, date(2026, 3, 15)) is AgeBand.AGE_14_15
    banded = replace(person, date_of_birth=None)
    assert age_band_on(banded, date(2026, 3, 15)) is AgeBand.AGE_16_17
    assert age_band_on(replace(banded, age_band=None), date(2026, 3, 15)) is None


@given(born=st.dates(min_value=date(1940, 1, 1)), day=st.dates(max_value=date(2100, 1, 1)))
def test_age_band_matches_the_age(born: date, day: date) -> None:
    age = age_on(born, day)
    band = age_band_on(_young_person("case", date_of_birth=born), day)
    assert band is band_of_age(age)
    if born <= day:
        assert age >= 0


def _decrypted(store: Store, folder: Path, name: str) -> bytes:
    plain = folder / name
    store._conn.execute(f"ATTACH DATABASE '{plain}' AS plain KEY ''")
    store._conn.execute("SELECT sqlcipher_export('plain')")
    store._conn.execute("DETACH DATABASE plain")
    return plain.read_bytes()


def test_erasing_a_case_erases_the_answers(tmp_path: Path, db_key: bytes) -> None:
    with Store.open(tmp_path / "cases.db", key=db_key, actor="Jo") as store:
        case = store.create_case(make_case())
        store.add_person(_young_person(case.id, **ANSWERS))
        assert b"mixed_white_black_caribbean" in _decrypted(store, tmp_path, "before.db")
        store.erase_case(case.id)
        store.compact()
        after = _decrypted(store, tmp_path, "after.db")
    for answer in ANSWERS.values():
        assert answer.value.encode() not in after
