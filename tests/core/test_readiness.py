"""Readiness: what stands between a case and a safe conference, and the gate on "ready"."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from restorative_desk.preparation.catalogue import catalogue
from restorative_desk.preparation.readiness import needs_parent_consent, readiness_blockers
from restorative_desk.preparation.records import (
    PARENT_CONSENT_SETTING_KEY,
    AssessmentStage,
    Consent,
    ConsentGiver,
    ConsentMethod,
    Decision,
    Finding,
    ParentConsentPolicy,
    ParticipantPreparation,
    ReadinessOverride,
    RiskAssessment,
    RiskFinding,
    Way,
)
from restorative_desk.records import AgeBand, Case, Person, Role, Setting, Status
from restorative_desk.rules import ValidationError
from restorative_desk.store import Store
from restorative_desk.store.audit import AuditAction

from ..conftest import FIXED_NOW
from ..preparing import ON, prepare_for_conference
from .test_store import make_case

TODAY = FIXED_NOW.date()


def to_preparing(store: Store, case_id: str) -> None:
    for status in (Status.INITIAL_ENGAGEMENT, Status.RISK_ASSESSMENT, Status.PREPARING):
        store.move_case(case_id, status)


def codes(store: Store, case_id: str) -> set[str]:
    return {b.code for b in store.readiness(case_id).blockers}


def person(store: Store, case_id: str, role: Role) -> Person:
    return next(p for p in store.people(case_id) if p.role is role)


def latest_assessment(store: Store, case_id: str) -> RiskAssessment:
    return store.risk_assessments(case_id)[-1]


REASON = "Agreed with the team manager after a call today."


def override(case_id: str, reason: str = REASON) -> ReadinessOverride:
    return ReadinessOverride(
        case_id=case_id, overridden_by="Jo Adeyemi", reason=reason, blockers=()
    )


@pytest.fixture
def case(store: Store) -> Case:
    made = store.create_case(make_case())
    to_preparing(store, made.id)
    return made


def test_a_new_case_is_blocked_by_missing_people_and_assessment(store: Store, case: Case) -> None:
    assert codes(store, case.id) == {"people:responsible", "people:harmed", "risk:none"}
    with pytest.raises(ValidationError, match="not ready for a conference"):
        store.move_case(case.id, Status.READY)
    assert store.get_case(case.id).status is Status.PREPARING


def test_a_fully_prepared_case_is_ready_and_moves(store: Store, case: Case) -> None:
    prepare_for_conference(store, case.id)
    readiness = store.readiness(case.id)
    assert readiness.ready and readiness.cleared and not readiness.blockers
    store.move_case(case.id, Status.READY)
    store.move_case(case.id, Status.CONFERENCE_HELD)
    assert store.get_case(case.id).status is Status.CONFERENCE_HELD
    assert store.readiness_overrides(case.id) == []


def test_each_person_needs_a_meeting_information_and_consent(store: Store, case: Case) -> None:
    store.add_person(Person(case_id=case.id, role=Role.PERSON_HARMED, name="Zoë Ó Briain"))
    store.add_person(Person(case_id=case.id, role=Role.PERSON_RESPONSIBLE, name="Łukasz Nowak"))
    harmed = person(store, case.id, Role.PERSON_HARMED)
    responsible = person(store, case.id, Role.PERSON_RESPONSIBLE)
    found = codes(store, case.id)
    for pid in (harmed.id, responsible.id):
        assert {f"meeting:{pid}", f"information:{pid}", f"consent:{pid}:missing"} <= found
    assert f"acknowledgement:{responsible.id}" in found
    assert f"acknowledgement:{harmed.id}" not in found
    messages = [b.message for b in store.readiness(case.id).blockers]
    assert "Zoë Ó Briain has had no preparation meeting." in messages


def test_acknowledgement_is_needed_from_the_person_responsible(store: Store, case: Case) -> None:
    prepare_for_conference(store, case.id)
    responsible = person(store, case.id, Role.PERSON_RESPONSIBLE)
    prep = store.participant_preparation(responsible.id)
    store.save_participant_preparation(replace(prep, facts_acknowledged_on=None))
    assert codes(store, case.id) == {f"acknowledgement:{responsible.id}"}


def test_a_withdrawal_blocks_at_once_and_new_consent_clears_it(store: Store, case: Case) -> None:
    prepare_for_conference(store, case.id)
    store.move_case(case.id, Status.READY)
    harmed = person(store, case.id, Role.PERSON_HARMED)
    own = next(
        c for c in store.consents(case.id)
        if c.person_id == harmed.id and c.given_by is ConsentGiver.SELF
    )
    store.withdraw_consent(own.id, TODAY, "Wants time to think.")
    readiness = store.readiness(case.id)
    assert [b.code for b in readiness.blockers] == [f"consent:{harmed.id}:withdrawn"]
    assert "withdrawn on 26 Nov 2026" in readiness.blockers[0].message
    with pytest.raises(ValidationError, match="withdrawn"):
        store.move_case(case.id, Status.CONFERENCE_HELD)
    with pytest.raises(ValidationError, match="already been withdrawn"):
        store.withdraw_consent(own.id, TODAY)
    store.add_consent(replace(own, id="", given_on=TODAY, withdrawn_on=None, withdrawal_note=""))
    assert store.readiness(case.id).ready


def test_parent_or_carer_consent_follows_the_organisations_policy(store: Store, case: Case) -> None:
    prepare_for_conference(store, case.id)
    child = person(store, case.id, Role.PERSON_HARMED)
    parent = next(
        c for c in store.consents(case.id)
        if c.person_id == child.id and c.given_by is ConsentGiver.PARENT_CARER
    )
    store.remove_consent(parent.id)
    assert codes(store, case.id) == {f"parent_consent:{child.id}:missing"}
    store.set_setting(PARENT_CONSENT_SETTING_KEY, ParentConsentPolicy.NOT_REQUIRED.value)
    assert store.readiness(case.id).ready
    store.set_setting(PARENT_CONSENT_SETTING_KEY, ParentConsentPolicy.UNDER_16.value)
    store.update_person(replace(child, age_band=AgeBand.AGE_16_17))
    assert store.readiness(case.id).ready
    store.update_person(replace(child, age_band=None, date_of_birth=date(2011, 12, 1)))
    assert codes(store, case.id) == {f"parent_consent:{child.id}:missing"}  # 14 today


@pytest.mark.parametrize(
    ("policy", "born", "band", "child", "needed"),
    [
        (ParentConsentPolicy.ALL_CHILDREN, date(2008, 11, 27), None, False, True),  # 17 today
        (ParentConsentPolicy.ALL_CHILDREN, date(2008, 11, 26), None, True, False),  # 18 today
        (ParentConsentPolicy.UNDER_16, date(2010, 11, 27), None, True, True),  # 15 today
        (ParentConsentPolicy.UNDER_16, None, AgeBand.AGE_16_17, True, False),
        (ParentConsentPolicy.ALL_CHILDREN, None, AgeBand.AGE_25_PLUS, False, False),
        (ParentConsentPolicy.ALL_CHILDREN, None, None, True, True),  # age unknown: safer to ask
        (ParentConsentPolicy.ALL_CHILDREN, None, None, False, False),
        (ParentConsentPolicy.NOT_REQUIRED, None, AgeBand.UNDER_10, True, False),
    ],
)
def test_who_needs_parent_consent(
    policy: ParentConsentPolicy, born: date | None, band: AgeBand | None, child: bool, needed: bool
) -> None:
    someone = Person(
        case_id="c", role=Role.PERSON_HARMED, name="Siobhán", is_child=child,
        date_of_birth=born, age_band=band,
    )
    assert needs_parent_consent(someone, policy, TODAY) is needed


def test_supporters_count_only_when_they_attend(store: Store, case: Case) -> None:
    prepare_for_conference(store, case.id)
    harmed = person(store, case.id, Role.PERSON_HARMED)
    aunt = store.add_person(
        Person(case_id=case.id, role=Role.SUPPORTER, name="Nguyễn Thị Lan",
               supports_person_id=harmed.id)
    )
    assert f"consent:{aunt.id}:missing" in codes(store, case.id)
    store.save_participant_preparation(
        ParticipantPreparation(case_id=case.id, person_id=aunt.id, attending=False)
    )
    assert store.readiness(case.id).ready
    # The principal people stay participants even when they will not be in the room.
    store.save_participant_preparation(replace(store.participant_preparation(harmed.id),
                                               attending=False))
    assert store.readiness(case.id).ready
    own = next(c for c in store.consents(case.id)
               if c.person_id == harmed.id and c.given_by is ConsentGiver.SELF)
    store.withdraw_consent(own.id, TODAY)
    assert not store.readiness(case.id).ready


def test_an_open_concern_blocks_until_a_mitigation_is_agreed(store: Store, case: Case) -> None:
    prepare_for_conference(store, case.id)
    latest = latest_assessment(store, case.id)
    concern = RiskFinding("power_imbalance", Finding.CONCERN, note="Older and in a group.")
    changed = replace(latest, findings=(concern, *latest.findings[1:]))
    store.save_risk_assessment(changed)
    assert codes(store, case.id) == {"risk:open:power_imbalance"}
    mitigated = replace(concern, mitigation="Meet one to one first; a supporter sits with her.")
    store.save_risk_assessment(replace(changed, findings=(mitigated, *latest.findings[1:])))
    assert store.readiness(case.id).ready
    assert len(store.risk_assessments(case.id)) == 1  # edited, not added


def test_unanswered_items_and_the_safeguarding_procedure(store: Store, case: Case) -> None:
    prepare_for_conference(store, case.id)
    latest = latest_assessment(store, case.id)
    kept = tuple(f for f in latest.findings if f.item not in ("mental_health", "safeguarding"))
    worry = RiskFinding("safeguarding", Finding.CONCERN, mitigation="Referred to the DSL today.")
    store.save_risk_assessment(
        replace(latest, findings=(*kept, worry, RiskFinding("mental_health", Finding.NOT_KNOWN)))
    )
    assert codes(store, case.id) == {"risk:unanswered:mental_health", "risk:safeguarding"}
    store.save_risk_assessment(
        replace(
            latest_assessment(store, case.id),
            findings=(*kept, worry, RiskFinding("mental_health", Finding.NO_CONCERN)),
            safeguarding_followed_on=TODAY,
            safeguarding_note="Told the designated safeguarding lead.",
        )
    )
    assert store.readiness(case.id).ready


def test_the_assessment_must_be_repeated_and_decide_to_go_ahead(store: Store, case: Case) -> None:
    prepare_for_conference(store, case.id)
    latest = latest_assessment(store, case.id)
    store.save_risk_assessment(replace(latest, stage=AssessmentStage.INITIAL))
    assert codes(store, case.id) == {"risk:not_repeated"}
    store.save_risk_assessment(replace(latest, decision=None, decided_by="", decision_reason=""))
    assert codes(store, case.id) == {"decision:missing"}
    store.save_risk_assessment(
        replace(latest, decision=Decision.DO_NOT_PROCEED, decision_reason="Risk is too high.")
    )
    assert codes(store, case.id) == {"decision:do_not_proceed"}


def test_consent_must_cover_the_way_decided(store: Store, case: Case) -> None:
    prepare_for_conference(store, case.id)
    latest = latest_assessment(store, case.id)
    store.save_risk_assessment(
        replace(latest, decision=Decision.PROCEED_INDIRECT, decision_reason="Letters only.")
    )
    found = codes(store, case.id)
    assert found and all(code.endswith(":not_indirect") for code in found)
    harmed = person(store, case.id, Role.PERSON_HARMED)
    store.add_consent(
        Consent(case_id=case.id, person_id=harmed.id, given_by=ConsentGiver.SELF, given_on=TODAY,
                method=ConsentMethod.SIGNED_FORM, ways=(Way.LETTER,))
    )
    assert f"consent:{harmed.id}:not_indirect" not in codes(store, case.id)
    store.save_risk_assessment(latest)  # back to face to face
    assert f"consent:{harmed.id}:not_direct" in codes(store, case.id)


def test_an_override_needs_a_name_and_a_reason_and_is_logged(store: Store, case: Case) -> None:
    with pytest.raises(ValidationError, match="facilitator"):
        store.move_case(case.id, Status.READY,
                        override=replace(override(case.id), overridden_by=" "))
    with pytest.raises(ValidationError, match="safe to go ahead"):
        store.move_case(case.id, Status.READY, override=override(case.id, reason="ok"))
    assert store.readiness_overrides(case.id) == []
    store.move_case(case.id, Status.READY, override=override(case.id))
    logged = store.readiness_overrides(case.id)
    assert len(logged) == 1
    assert set(logged[0].blockers) == {"people:responsible", "people:harmed", "risk:none"}
    assert logged[0].overridden_by == "Jo Adeyemi" and logged[0].recorded_by == "Test Facilitator"
    readiness = store.readiness(case.id)
    assert readiness.cleared and not readiness.ready and readiness.override == logged[0]
    entries = [e for e in store.audit.entries(case_id=case.id)
               if e.record_type == "readiness override"]
    assert [e.action for e in entries] == [AuditAction.CREATE]
    assert "Jo" not in repr(entries) and "manager" not in repr(entries)


def test_an_override_covers_only_the_blockers_it_was_given_for(store: Store, case: Case) -> None:
    prepare_for_conference(store, case.id)
    latest = latest_assessment(store, case.id)
    store.save_risk_assessment(
        replace(latest, findings=(RiskFinding("power_imbalance", Finding.CONCERN),
                                  *latest.findings[1:]))
    )
    store.move_case(case.id, Status.READY, override=override(case.id))
    harmed = person(store, case.id, Role.PERSON_HARMED)
    own = next(c for c in store.consents(case.id)
               if c.person_id == harmed.id and c.given_by is ConsentGiver.SELF)
    store.withdraw_consent(own.id, TODAY)
    with pytest.raises(ValidationError, match="withdrawn"):
        store.move_case(case.id, Status.CONFERENCE_HELD)
    store.move_case(case.id, Status.CONFERENCE_HELD,
                    override=override(case.id, "She agreed to a letter read out instead."))
    assert len(store.readiness_overrides(case.id)) == 2


def test_no_override_is_logged_when_nothing_blocks(store: Store, case: Case) -> None:
    prepare_for_conference(store, case.id)
    store.move_case(case.id, Status.READY, override=override(case.id))
    assert store.readiness_overrides(case.id) == []


def test_setting_risk_items_are_asked_in_their_setting_only(store: Store) -> None:
    book = catalogue()
    school = [i.key for i in book.risks_for(Setting.SCHOOL)]
    yos = [i.key for i in book.risks_for(Setting.YOS)]
    assert "victim_contact" in yos and "victim_contact" not in school
    made = store.create_case(make_case(setting=Setting.YOS))
    prepare_for_conference(store, made.id)
    latest = latest_assessment(store, made.id)
    store.save_risk_assessment(
        replace(latest, findings=tuple(f for f in latest.findings if f.item != "victim_contact"))
    )
    assert codes(store, made.id) == {"risk:unanswered:victim_contact"}


# -- the property: nothing reaches "ready" unsafely without a logged override ------------------

steps = st.fixed_dictionaries(
    {
        "meetings": st.booleans(),
        "information": st.booleans(),
        "acknowledged": st.booleans(),
        "own_consent": st.sampled_from(["none", "given", "withdrawn"]),
        "parent_consent": st.sampled_from(["none", "given", "withdrawn"]),
        "assessment": st.sampled_from(["none", "initial", "after"]),
        "concerns": st.lists(st.sampled_from(["open", "mitigated", "unknown", "none"]),
                             min_size=8, max_size=8),
        "decision": st.sampled_from([None, *Decision]),
        "override": st.booleans(),
    }
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=steps)
def test_no_case_reaches_ready_unsafely_unless_an_override_is_logged(
    plan: dict[str, object],
) -> None:
    store = Store.open(None, actor="Test Facilitator", clock=lambda: FIXED_NOW)
    try:
        case = store.create_case(make_case())
        to_preparing(store, case.id)
        _record(store, case.id, plan)
        attempt = override(case.id) if plan["override"] else None
        with contextlib.suppress(ValidationError):
            store.move_case(case.id, Status.READY, override=attempt)
        reached = store.get_case(case.id).status is Status.READY
        prep = store.case_preparation(case.id)
        blockers = readiness_blockers(prep)
        unsafe = _unsafe(prep)
        logged = store.readiness_overrides(case.id)
        if reached and (unsafe or blockers):
            assert logged, "reached ready with blockers and no override"
            assert {b.code for b in blockers} <= set(logged[-1].blockers)
        if not reached:
            assert blockers and attempt is None
        if reached and not blockers:
            assert logged == []
    finally:
        store.close()


def _unsafe(prep: object) -> bool:
    """Missing or withdrawn consent, or an unmitigated risk, read straight from the records."""
    from restorative_desk.preparation.readiness import CasePreparation

    assert isinstance(prep, CasePreparation)
    for someone in prep.people:
        for giver in ConsentGiver:
            if giver is ConsentGiver.PARENT_CARER and not someone.is_child:
                continue
            consent = prep.latest_consent(someone.id, giver)
            if consent is None or consent.withdrawn_on is not None:
                return True
    latest = prep.latest_assessment
    return latest is None or any(f.open for f in latest.findings)


def _record(store: Store, case_id: str, plan: dict[str, object]) -> None:
    people = [
        store.add_person(Person(case_id=case_id, role=role, name=name, is_child=True))
        for role, name in ((Role.PERSON_HARMED, "Zoë"), (Role.PERSON_RESPONSIBLE, "Jay"))
    ]
    for someone in people:
        if plan["meetings"]:
            from restorative_desk.records import Contact, ContactType

            store.log_contact(Contact(case_id=case_id, person_id=someone.id, contact_date=ON,
                                      contact_type=ContactType.PREPARATION, by_whom="T"))
        store.save_participant_preparation(
            ParticipantPreparation(
                case_id=case_id, person_id=someone.id,
                information_given_on=ON if plan["information"] else None,
                facts_acknowledged_on=ON if plan["acknowledged"] else None,
            )
        )
        for giver, key in ((ConsentGiver.SELF, "own_consent"),
                           (ConsentGiver.PARENT_CARER, "parent_consent")):
            if plan[key] == "none":
                continue
            given = store.add_consent(
                Consent(case_id=case_id, person_id=someone.id, given_by=giver, given_on=ON,
                        method=ConsentMethod.SIGNED_FORM, ways=(Way.FACE_TO_FACE, Way.LETTER),
                        giver_name="Sam" if giver is ConsentGiver.PARENT_CARER else "")
            )
            if plan[key] == "withdrawn":
                store.withdraw_consent(given.id, TODAY)
    if plan["assessment"] == "none":
        return
    findings = []
    concerns = plan["concerns"]
    assert isinstance(concerns, list)
    for item, kind in zip(catalogue().risks_for(Setting.SCHOOL), concerns, strict=False):
        if kind == "open":
            findings.append(RiskFinding(item.key, Finding.CONCERN))
        elif kind == "mitigated":
            findings.append(RiskFinding(item.key, Finding.CONCERN, mitigation="Agreed plan."))
        elif kind == "unknown":
            findings.append(RiskFinding(item.key, Finding.NOT_KNOWN))
        else:
            findings.append(RiskFinding(item.key, Finding.NO_CONCERN))
    decision = plan["decision"]
    assert decision is None or isinstance(decision, Decision)
    store.save_risk_assessment(
        RiskAssessment(
            case_id=case_id,
            stage=AssessmentStage.INITIAL if plan["assessment"] == "initial"
            else AssessmentStage.AFTER_PREPARATION,
            assessed_on=ON, assessed_by="T", findings=tuple(findings), decision=decision,
            decided_by="T" if decision else "",
            decision_reason="Talked it through." if decision else "",
            safeguarding_followed_on=ON,
        )
    )
