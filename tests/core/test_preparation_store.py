"""Preparation records saved and loaded unchanged, checked on the way in, erased with the case."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from restorative_desk.preparation.catalogue import catalogue
from restorative_desk.preparation.records import (
    AssessmentStage,
    BiasCheck,
    BiasStage,
    ConferencePlan,
    Consent,
    ConsentGiver,
    ConsentMethod,
    Decision,
    Finding,
    ParticipantPreparation,
    RiskAssessment,
    RiskFinding,
    Seat,
    Way,
    frozen_answers,
)
from restorative_desk.records import Case, Person, Role, Setting
from restorative_desk.rules import MAX_LONG_TEXT, ValidationError
from restorative_desk.store import NotFound, Store

from ..conftest import FIXED_NOW
from .test_store import UNICODE_NAMES, make_case, some_text, typed_text

TODAY = FIXED_NOW.date()
recent = st.dates(min_value=date(2026, 1, 1), max_value=TODAY)


@pytest.fixture
def case(store: Store) -> Case:
    return store.create_case(make_case())


@pytest.fixture
def child(store: Store, case: Case) -> Person:
    return store.add_person(
        Person(case_id=case.id, role=Role.PERSON_HARMED, name="Zoë Ó Briain", is_child=True)
    )


def fresh() -> tuple[Store, Case, Person]:
    store = Store.open(None, actor="Test Facilitator", clock=lambda: FIXED_NOW)
    case = store.create_case(make_case())
    someone = store.add_person(Person(case_id=case.id, role=Role.PERSON_HARMED, name="Siobhán"))
    return store, case, someone


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    answers=st.dictionaries(st.sampled_from([q.key for q in catalogue().questions]), some_text),
    given_on=st.none() | recent,
    note=typed_text,
    attending=st.booleans(),
)
def test_preparation_round_trips(
    answers: dict[str, str], given_on: date | None, note: str, attending: bool
) -> None:
    store, case, someone = fresh()
    try:
        prep = ParticipantPreparation(
            case_id=case.id, person_id=someone.id, attending=attending,
            information_given_on=given_on, information_note=note, facts_acknowledged_on=given_on,
            acknowledgement_note=note, answers=frozen_answers(answers),
        )
        saved = store.save_participant_preparation(prep)
        assert store.participant_preparation(someone.id) == saved
        assert dict(saved.answers) == {k: v for k, v in answers.items() if v.strip()}
        again = store.save_participant_preparation(replace(saved, attending=not attending))
        assert store.participants(case.id) == {someone.id: again}
    finally:
        store.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    given_by=st.sampled_from(ConsentGiver),
    method=st.sampled_from(ConsentMethod),
    ways=st.lists(st.sampled_from(Way), min_size=1, max_size=4, unique=True),
    given_on=recent,
    name=st.sampled_from(UNICODE_NAMES),
    note=typed_text,
)
def test_consent_round_trips(
    given_by: ConsentGiver, method: ConsentMethod, ways: list[Way], given_on: date, name: str,
    note: str,
) -> None:
    store, case, someone = fresh()
    try:
        consent = Consent(
            case_id=case.id, person_id=someone.id, given_by=given_by, given_on=given_on,
            method=method, ways=tuple(ways), giver_name=name, witness=name, note=note,
        )
        saved = store.add_consent(consent)
        assert saved.recorded_by == "Test Facilitator"
        assert store.consents(case.id) == [saved]
        withdrawn = store.withdraw_consent(saved.id, TODAY, note)
        assert store.consents(case.id) == [withdrawn]
        assert withdrawn.withdrawn
    finally:
        store.close()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    stage=st.sampled_from(AssessmentStage),
    decision=st.none() | st.sampled_from(Decision),
    findings=st.lists(st.sampled_from(Finding), min_size=8, max_size=8),
    text=some_text,
    on=recent,
)
def test_assessment_round_trips(
    stage: AssessmentStage, decision: Decision | None, findings: list[Finding], text: str, on: date
) -> None:
    store, case, _ = fresh()
    try:
        items = catalogue().risks_for(Setting.SCHOOL)
        answered = tuple(
            RiskFinding(
                item.key, finding, note=text,
                mitigation=text if finding is Finding.CONCERN else "",
                kinds=item.kinds[:2] if finding is Finding.CONCERN else (),
            )
            for item, finding in zip(items, findings, strict=False)
        )
        assessment = RiskAssessment(
            case_id=case.id, stage=stage, assessed_on=on, assessed_by="Nguyễn Thị Lan",
            findings=answered, decision=decision, decided_by="Jo" if decision else "",
            decision_reason=text if decision else "", safeguarding_followed_on=on,
            safeguarding_note=text,
        )
        saved = store.save_risk_assessment(assessment)
        assert store.risk_assessments(case.id) == [saved]
        edited = store.save_risk_assessment(replace(saved, assessed_by="Łukasz"))
        assert store.risk_assessments(case.id) == [edited]
        assert edited.recorded_at == saved.recorded_at
    finally:
        store.close()


def test_bias_checks_and_plan_round_trip(store: Store, case: Case, child: Person) -> None:
    check = store.record_bias_check(
        BiasCheck(case_id=case.id, stage=BiasStage.REFERRAL, done=True, recorded_on=TODAY,
                  recorded_by="Jo", dimensions=("age", "culture"), reflection="Checked.",
                  reframed="Saw it from her side.", colleague_checked=True)
    )
    skipped = store.record_bias_check(
        BiasCheck(case_id=case.id, stage=BiasStage.RISK_DECISION, done=False, recorded_on=TODAY,
                  recorded_by="Jo")
    )
    assert store.bias_checks(case.id) == [check, skipped]
    assert store.conference_plan(case.id) is None
    plan = store.save_conference_plan(
        ConferencePlan(case_id=case.id, date=date(2026, 12, 3), start_time=time(15, 30),
                       venue="Læringssenter, Rûm 2", room="Library", interpreters="Polish",
                       breaks="After the first round", refreshments="Tea and fruit",
                       seating=(Seat(facilitator="facilitator"), Seat(person_id=child.id)))
    )
    assert store.conference_plan(case.id) == plan
    changed = store.save_conference_plan(replace(plan, room="Hall", start_time=None))
    assert store.conference_plan(case.id) == changed


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ways": ()}, "ways"),
        ({"given_on": date(2026, 11, 27)}, "given_on"),
        ({"given_by": ConsentGiver.PARENT_CARER, "giver_name": " "}, "giver_name"),
        ({"method": ConsentMethod.VERBAL_WITNESSED, "witness": ""}, "witness"),
        ({"note": "x" * (MAX_LONG_TEXT + 1)}, "note"),
    ],
)
def test_bad_consent_is_refused_with_a_clear_field(
    store: Store, case: Case, child: Person, change: dict[str, object], field: str
) -> None:
    consent = Consent(case_id=case.id, person_id=child.id, given_by=ConsentGiver.SELF,
                      given_on=TODAY, method=ConsentMethod.SIGNED_FORM, ways=(Way.LETTER,))
    with pytest.raises(ValidationError) as raised:
        store.add_consent(replace(consent, **change))  # type: ignore[arg-type]
    assert raised.value.field == field
    assert store.consents(case.id) == []


def test_withdrawal_cannot_come_before_consent_or_in_the_future(
    store: Store, case: Case, child: Person
) -> None:
    given = store.add_consent(
        Consent(case_id=case.id, person_id=child.id, given_by=ConsentGiver.SELF,
                given_on=date(2026, 11, 20), method=ConsentMethod.SIGNED_FORM,
                ways=(Way.FACE_TO_FACE,))
    )
    for bad in (date(2026, 11, 19), date(2026, 11, 27)):
        with pytest.raises(ValidationError):
            store.withdraw_consent(given.id, bad)
    assert not store.consents(case.id)[0].withdrawn
    with pytest.raises(NotFound):
        store.withdraw_consent("no-such-id", TODAY)


def test_records_must_belong_to_the_case(store: Store, case: Case, child: Person) -> None:
    other = store.create_case(make_case())
    with pytest.raises(ValidationError, match="not on this case"):
        store.add_consent(
            Consent(case_id=other.id, person_id=child.id, given_by=ConsentGiver.SELF,
                    given_on=TODAY, method=ConsentMethod.SIGNED_FORM, ways=(Way.LETTER,))
        )
    with pytest.raises(ValidationError, match="no longer on the case"):
        store.save_conference_plan(
            ConferencePlan(case_id=other.id, seating=(Seat(person_id=child.id),))
        )


@pytest.mark.parametrize(
    ("assessment_change", "field"),
    [
        ({"assessed_by": ""}, "assessed_by"),
        ({"decision": Decision.PROCEED_DIRECT, "decided_by": "Jo"}, "decision_reason"),
        ({"findings": (RiskFinding("no_such_item", Finding.CONCERN),)}, "no_such_item"),
        ({"findings": (RiskFinding("venue_safety", Finding.NO_CONCERN, mitigation="x"),)},
         "venue_safety"),
        ({"assessed_on": date(2026, 12, 1)}, "assessed_on"),
    ],
)
def test_bad_assessments_are_refused(
    store: Store, case: Case, assessment_change: dict[str, object], field: str
) -> None:
    base = RiskAssessment(case_id=case.id, stage=AssessmentStage.INITIAL, assessed_on=TODAY,
                          assessed_by="Jo")
    with pytest.raises(ValidationError) as raised:
        store.save_risk_assessment(replace(base, **assessment_change))  # type: ignore[arg-type]
    assert raised.value.field == field


def test_setting_facts_are_checked_and_cleared(store: Store) -> None:
    yos = store.create_case(make_case(setting=Setting.YOS))
    store.set_case_fact(yos.id, "victim_details_received", "2026-11-20")
    store.set_case_fact(yos.id, "enhanced_rights", "Yes")
    assert {k: f.value for k, f in store.case_facts(yos.id).items()} == {
        "victim_details_received": "2026-11-20", "enhanced_rights": "Yes"
    }
    for key, value in (("victim_details_received", "2026-12-01"),
                       ("victim_details_received", "31/11/2026"),
                       ("enhanced_rights", "Maybe"),
                       ("protocol_police_if_at_home", "No")):  # a care-home question
        with pytest.raises(ValidationError):
            store.set_case_fact(yos.id, key, value)
    store.set_case_fact(yos.id, "enhanced_rights", "")
    assert set(store.case_facts(yos.id)) == {"victim_details_received"}
    care = store.create_case(make_case(setting=Setting.CARE_HOME))
    store.set_case_fact(care.id, "protocol_police_if_at_home", "No")
    with pytest.raises(ValidationError, match="one of the answers"):
        store.set_case_fact(care.id, "protocol_police_if_at_home", "Perhaps")


def test_erasing_a_case_erases_its_preparation(store: Store, case: Case, child: Person) -> None:
    from ..preparing import prepare_for_conference

    prepare_for_conference(store, case.id)
    store.set_case_fact(store.create_case(make_case(setting=Setting.YOS)).id,
                        "enhanced_rights", "No")
    store.record_bias_check(BiasCheck(case_id=case.id, stage=BiasStage.REFERRAL, done=False,
                                      recorded_on=TODAY, recorded_by="Jo"))
    store.save_conference_plan(ConferencePlan(case_id=case.id, venue="Hall"))
    store.erase_case(case.id)
    for method in (store.consents, store.risk_assessments, store.bias_checks,
                   store.readiness_overrides):
        assert method(case.id) == []
    assert store.conference_plan(case.id) is None
    assert store.integrity_problems() == []


def test_the_trail_names_fields_never_values(store: Store, case: Case, child: Person) -> None:
    store.save_participant_preparation(
        ParticipantPreparation(case_id=case.id, person_id=child.id,
                               answers=frozen_answers({"triggers": "Loud voices in corridors"}))
    )
    entries = store.audit.entries(case_id=case.id)
    assert any(e.record_type == "preparation" for e in entries)
    assert "Loud voices" not in repr(entries)
    assert "Zoë" not in repr(entries)

