"""Test helper: a case whose conference was held, with who came, ready for feedback."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from restorative_desk.conference.records import Attendance, Ending
from restorative_desk.records import Case, Person, ReferralSource, Role, Setting, Status
from restorative_desk.store import Store

from .preparing import prepare_for_conference


@dataclass(frozen=True)
class HeldCase:
    case: Case
    harmed: Person
    responsible: Person
    supporter: Person
    absent: Person
    run_id: str


def held_case(store: Store, *, setting: Setting = Setting.SCHOOL) -> HeldCase:
    """A case (referred 2 November 2026) with a completed conference: the person harmed (Zoë),
    the person responsible (Łukasz) and a supporter came; a community member did not."""
    case = store.create_case(Case(
        setting=setting, organisation="Hillside Primary School",
        referral_source=ReferralSource.EDUCATION, referral_date=date(2026, 11, 2),
        summary="A falling-out at lunchtime.", facilitator="Jo Adeyemi",
    ))
    harmed = store.add_person(Person(case.id, Role.PERSON_HARMED, "Zoë Nguyễn", is_child=True))
    responsible = store.add_person(
        Person(case.id, Role.PERSON_RESPONSIBLE, "Łukasz Kowalski", is_child=True)
    )
    supporter = store.add_person(Person(case.id, Role.SUPPORTER, "Siobhán Kelly",
                                        supports_person_id=harmed.id))
    absent = store.add_person(Person(case.id, Role.COMMUNITY_MEMBER, "يوسف الحسن"))
    prepare_for_conference(store, case.id)
    for status in (Status.INITIAL_ENGAGEMENT, Status.RISK_ASSESSMENT, Status.PREPARING,
                   Status.READY):
        store.move_case(case.id, status)
    run = store.start_conference(case.id, script_key="full_conference", script_version=1,
                                 script_title="Full restorative conference")
    for person in (harmed, responsible, supporter):
        store.set_attendance(run.id, person.id, Attendance.PRESENT)
    store.set_attendance(run.id, absent.id, Attendance.ABSENT)
    store.end_conference(run.id, Ending.COMPLETED)
    return HeldCase(store.get_case(case.id), harmed, responsible, supporter, absent, run.id)
