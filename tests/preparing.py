"""Test helper: record everything a case needs before its conference, as a facilitator would."""

from __future__ import annotations

from datetime import date

from restorative_desk.preparation.catalogue import catalogue
from restorative_desk.preparation.readiness import is_participant, needs_parent_consent
from restorative_desk.preparation.records import (
    AssessmentStage,
    Consent,
    ConsentGiver,
    ConsentMethod,
    Decision,
    Finding,
    ParticipantPreparation,
    RiskAssessment,
    RiskFinding,
    Way,
)
from restorative_desk.records import Contact, ContactType, Person, Role
from restorative_desk.store import Store

ON = date(2026, 11, 20)


def prepare_for_conference(store: Store, case_id: str, *, on: date = ON) -> None:
    """Add the two principal people if missing, then meet, inform and ask everyone for consent,
    record the acknowledgement and a full assessment after preparation deciding to meet."""
    case = store.get_case(case_id)
    roles = {p.role for p in store.people(case_id)}
    for role, name in ((Role.PERSON_HARMED, "Amara Osei"), (Role.PERSON_RESPONSIBLE, "Jay Brown")):
        if role not in roles:
            store.add_person(Person(case_id=case_id, role=role, name=name, is_child=True))
    prep = store.case_preparation(case_id)
    policy = store.parent_consent_policy()
    for person in prep.people:
        if not is_participant(prep, person):
            continue
        store.log_contact(
            Contact(case_id=case_id, person_id=person.id, contact_date=on,
                    contact_type=ContactType.PREPARATION, by_whom="Test Facilitator")
        )
        store.save_participant_preparation(
            ParticipantPreparation(
                case_id=case_id, person_id=person.id, information_given_on=on,
                facts_acknowledged_on=on if person.role is Role.PERSON_RESPONSIBLE else None,
            )
        )
        givers = [ConsentGiver.SELF]
        if needs_parent_consent(person, policy, store.today()):
            givers.append(ConsentGiver.PARENT_CARER)
        for giver in givers:
            store.add_consent(
                Consent(case_id=case_id, person_id=person.id, given_by=giver, given_on=on,
                        method=ConsentMethod.SIGNED_FORM, ways=(Way.FACE_TO_FACE,),
                        giver_name="Sam Carer" if giver is ConsentGiver.PARENT_CARER else "")
            )
    store.save_risk_assessment(
        RiskAssessment(
            case_id=case_id, stage=AssessmentStage.AFTER_PREPARATION, assessed_on=on,
            assessed_by="Test Facilitator",
            findings=tuple(
                RiskFinding(item.key, Finding.NO_CONCERN)
                for item in catalogue().risks_for(case.setting)
            ),
            decision=Decision.PROCEED_DIRECT, decided_by="Test Facilitator",
            decision_reason="Everyone is prepared and wants to meet.",
        )
    )
