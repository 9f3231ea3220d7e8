"""Saving and loading cases, people and contacts; search, filters and paging."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from restorative_desk.monitoring import CareStatus, Ethnicity, Gender, SendStatus
from restorative_desk.records import (
    AgeBand,
    Case,
    CaseFilter,
    Contact,
    ContactType,
    HarmCategory,
    Person,
    ReferralSource,
    Role,
    Setting,
    Status,
)
from restorative_desk.rules import MAX_LONG_TEXT, ValidationError
from restorative_desk.store import NotFound, Store

UNICODE_NAMES = [
    "Zoë Ó Briain",
    "Łukasz Wiśniewski",
    "Nguyễn Thị Lan",
    "Siobhán",
    "مريم حداد",
    "יעל כהן",
]

# Text a person could type: any printable character (no NUL, no lone surrogates).
typed_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=80
)
some_text = typed_text.filter(lambda t: t.strip() != "")
past_dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2026, 11, 26))


def make_case(**changes: object) -> Case:
    base = Case(
        setting=Setting.SCHOOL,
        organisation="Hillside Primary School",
        referral_source=ReferralSource.EDUCATION,
        referral_date=date(2026, 11, 2),
        summary="A falling-out at lunchtime.",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    referral = draw(past_dates)
    incident = draw(st.none() | st.dates(min_value=date(1990, 1, 1), max_value=referral))
    return make_case(
        setting=draw(st.sampled_from(Setting)),
        organisation=draw(some_text),
        venue=draw(typed_text),
        referral_source=draw(st.sampled_from(ReferralSource)),
        referral_date=referral,
        incident_date=incident,
        summary=draw(some_text),
        harm_categories=tuple(draw(st.lists(st.sampled_from(HarmCategory), unique=True))),
        facilitator=draw(typed_text),
        co_facilitator=draw(typed_text),
        next_action_date=draw(st.none() | st.dates()),
    )


@given(case=cases())
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_saved_case_loads_back_equal(store: Store, case: Case) -> None:
    saved = store.create_case(case)
    assert store.get_case(saved.id) == saved
    assert saved.reference.startswith(f"RD-{case.referral_date.year}-")


@given(
    name=some_text,
    preferred=typed_text,
    needs=typed_text,
    dob=st.none() | past_dates,
    ethnicity=st.none() | st.sampled_from(Ethnicity),
    gender=st.none() | st.sampled_from(Gender),
    send=st.none() | st.sampled_from(SendStatus),
    care=st.none() | st.sampled_from(CareStatus),
)
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_saved_person_loads_back_equal(
    store: Store,
    name: str,
    preferred: str,
    needs: str,
    dob: date | None,
    ethnicity: Ethnicity | None,
    gender: Gender | None,
    send: SendStatus | None,
    care: CareStatus | None,
) -> None:
    case = store.create_case(make_case())
    person = store.add_person(
        Person(
            case_id=case.id,
            role=Role.PERSON_RESPONSIBLE,
            name=name,
            preferred_name=preferred,
            communication_needs=needs,
            date_of_birth=dob,
            is_child=True,
            age_band=AgeBand.AGE_14_15,
            ethnicity=ethnicity,
            gender=gender,
            send=send,
            care_status=care,
        )
    )
    assert store.get_person(person.id) == person
    assert store.people(case.id) == [person]


@pytest.mark.parametrize("name", UNICODE_NAMES)
def test_any_unicode_name_is_kept_and_found(store: Store, name: str) -> None:
    case = store.create_case(make_case(summary=f"{name} was upset at break."))
    store.add_person(Person(case_id=case.id, role=Role.PERSON_HARMED, name=name))
    assert store.people(case.id)[0].name == name
    first_word = name.split()[0]
    found = store.case_rows(CaseFilter(search=first_word))
    assert [row.id for row in found] == [case.id]


def test_search_ignores_accents_and_operators(store: Store) -> None:
    case = store.create_case(make_case(summary="Zoë and Siobhán fell out"))
    assert store.count_cases(CaseFilter(search="zoe siobhan")) == 1
    assert store.count_cases(CaseFilter(search='siob" * (')) == 1
    # Operators typed by a user are plain words that must all match, never query syntax.
    assert store.count_cases(CaseFilter(search="zoe OR nobody")) == 0
    assert store.count_cases(CaseFilter(search="nobody-here")) == 0
    assert store.case_rows(CaseFilter(search="   "))[0].id == case.id


@pytest.mark.parametrize(
    ("name", "typed"),
    [
        ("Łukasz Wiśniewski", "lukasz wisniewski"),
        ("Đặng Thị Hoa", "dang thi"),
        ("Øyvind Ødegård", "oyvind odegard"),
        ("Siobhán Ní Bhriain", "siobhan"),
        ("Jürgen Straße", "strasse"),
        ("Zoë", "ZOE"),
    ],
)
def test_names_are_found_as_typed_on_a_plain_keyboard(
    store: Store, name: str, typed: str
) -> None:
    case = store.create_case(make_case())
    store.add_person(Person(case_id=case.id, role=Role.PERSON_HARMED, name=name))
    assert [row.id for row in store.case_rows(CaseFilter(search=typed))] == [case.id]
    assert store.count_cases(CaseFilter(search=name)) == 1  # and as written


def test_search_finds_people_names_and_forgets_removed_people(store: Store) -> None:
    case = store.create_case(make_case())
    person = store.add_person(
        Person(case_id=case.id, role=Role.PERSON_HARMED, name="Tendai Moyo", preferred_name="Tee")
    )
    assert store.count_cases(CaseFilter(search="tee")) == 1
    store.remove_person(person.id)
    assert store.count_cases(CaseFilter(search="tendai")) == 0


def test_filters_by_setting_and_status(store: Store) -> None:
    school = store.create_case(make_case())
    yos = store.create_case(make_case(setting=Setting.YOS, organisation="Northbank YOS"))
    store.move_case(yos.id, Status.INITIAL_ENGAGEMENT)
    assert [r.id for r in store.case_rows(CaseFilter(settings=frozenset({Setting.YOS})))] == [
        yos.id
    ]
    only_referred = CaseFilter(statuses=frozenset({Status.REFERRED}))
    assert [r.id for r in store.case_rows(only_referred)] == [school.id]
    both = CaseFilter(statuses=frozenset({Status.REFERRED, Status.INITIAL_ENGAGEMENT}))
    assert store.count_cases(both) == 2


def test_pages_cover_every_case_once_newest_first(store: Store) -> None:
    with store.batch():
        for day in range(1, 29):
            for _ in range(3):
                store.create_case(make_case(referral_date=date(2026, 2, day)))
    seen = []
    page = store.case_rows(CaseFilter(), limit=10)
    while page:
        seen += page
        page = store.case_rows(CaseFilter(), after=page[-1], limit=10)
    assert len({row.id for row in seen}) == 84 == len(seen)
    keys = [(row.referral_date, row.reference) for row in seen]
    assert keys == sorted(keys, reverse=True)


def test_references_count_up_per_year(store: Store) -> None:
    first = store.create_case(make_case(referral_date=date(2025, 12, 30)))
    second = store.create_case(make_case(referral_date=date(2026, 1, 2)))
    third = store.create_case(make_case(referral_date=date(2026, 1, 3)))
    assert [first.reference, second.reference, third.reference] == [
        "RD-2025-0001",
        "RD-2026-0001",
        "RD-2026-0002",
    ]
    assert store.case_by_reference("rd-2026-0002").id == third.id
    with pytest.raises(NotFound):
        store.case_by_reference("RD-1999-0001")


def test_editing_a_case_keeps_its_reference_and_stage(store: Store) -> None:
    case = store.create_case(make_case())
    store.move_case(case.id, Status.INITIAL_ENGAGEMENT)
    edited = store.update_case(replace(case, venue="Library", status=Status.CLOSED, reference="X"))
    assert edited.reference == case.reference
    assert store.get_case(case.id).status is Status.INITIAL_ENGAGEMENT
    assert store.get_case(case.id).venue == "Library"


def test_contacts_are_a_timeline_newest_first(store: Store) -> None:
    case = store.create_case(make_case())
    person = store.add_person(Person(case_id=case.id, role=Role.PERSON_HARMED, name="Amara"))
    for day in (3, 9, 5):
        store.log_contact(
            Contact(
                case_id=case.id,
                person_id=person.id,
                contact_date=date(2026, 11, day),
                contact_type=ContactType.PHONE,
                by_whom="Jo",
                note=f"Call on the {day}th",
            )
        )
    timeline = store.contacts(case.id)
    assert [c.contact_date.day for c in timeline] == [9, 5, 3]
    corrected = store.update_contact(
        replace(timeline[0], note="Visit instead", contact_type=ContactType.VISIT)
    )
    assert store.contacts(case.id)[0].note == "Visit instead"
    store.remove_contact(corrected.id)
    assert len(store.contacts(case.id)) == 2
    store.remove_person(person.id)
    assert all(c.person_id is None for c in store.contacts(case.id))


def test_bad_input_is_refused_and_nothing_is_lost(store: Store) -> None:
    case = store.create_case(make_case())
    attempts = [
        make_case(summary="   "),
        make_case(organisation=""),
        make_case(incident_date=date(2026, 11, 3)),
        make_case(referral_date=date(2026, 12, 25)),
        make_case(summary="x" * 100_000),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError):
            store.create_case(attempt)
        with pytest.raises(ValidationError):
            store.update_case(replace(attempt, id=case.id))
    assert store.count_cases() == 1
    assert store.get_case(case.id) == case


def test_overlong_text_gets_a_message_that_says_how_long(store: Store) -> None:
    with pytest.raises(ValidationError) as caught:
        store.create_case(make_case(summary="x" * 100_000))
    assert caught.value.field == "summary"
    assert "100,000" in caught.value.message and f"{MAX_LONG_TEXT:,}" in caught.value.message


def test_people_and_contacts_are_checked(store: Store) -> None:
    case = store.create_case(make_case())
    other = store.create_case(make_case())
    stranger = store.add_person(Person(case_id=other.id, role=Role.PERSON_HARMED, name="Kofi"))
    bad_people = [
        Person(case_id=case.id, role=Role.PERSON_HARMED, name=" "),
        Person(
            case_id=case.id, role=Role.PERSON_HARMED, name="Ruby", date_of_birth=date(2030, 1, 1)
        ),
        Person(case_id=case.id, role=Role.SUPPORTER, name="Aunt May"),
        Person(
            case_id=case.id, role=Role.SUPPORTER, name="Aunt May", supports_person_id=stranger.id
        ),
    ]
    for person in bad_people:
        with pytest.raises(ValidationError):
            store.add_person(person)
    future = Contact(
        case_id=case.id, contact_date=date(2027, 1, 1), contact_type=ContactType.PHONE, by_whom="Jo"
    )
    with pytest.raises(ValidationError):
        store.log_contact(future)
    with pytest.raises(ValidationError):
        store.log_contact(replace(future, contact_date=date(2026, 11, 1), person_id=stranger.id))
    assert store.people(case.id) == [] and store.contacts(case.id) == []


def test_reopening_the_database_finds_everything(db_path: Path, db_key: bytes) -> None:
    with Store.open(db_path, key=db_key, actor="Jo") as store:
        case = store.create_case(make_case(summary="Siobhán's bike was damaged"))
        person = store.add_person(Person(case_id=case.id, role=Role.PERSON_HARMED, name="Siobhán"))
        store.move_case(case.id, Status.INITIAL_ENGAGEMENT)
    with Store.open(db_path, key=db_key, actor="Jo") as store:
        assert store.get_case(case.id).status is Status.INITIAL_ENGAGEMENT
        assert store.people(case.id) == [person]
        assert store.count_cases(CaseFilter(search="siobhan")) == 1
        assert store.integrity_problems() == []
