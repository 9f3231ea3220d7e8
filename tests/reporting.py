"""Test helpers for report figures: small hand-built case files through the store's public
methods (cases, people with equality answers, conferences held on a chosen day, feedback,
pilot sessions)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from restorative_desk.feedback.records import (
    Answer,
    FeedbackMethod,
    ParticipantFeedback,
    StaffReflection,
)
from restorative_desk.monitoring import Ethnicity, Gender
from restorative_desk.pilots.records import (
    Organisation,
    OrganisationKind,
    PilotActivity,
    PilotEntry,
    PilotOutcome,
    PilotTopic,
)
from restorative_desk.records import Case, Person, ReferralSource, Role, Setting, Status
from restorative_desk.store import Store
from tests.preparing import prepare_for_conference

NAMES = ("Zoë Nguyễn", "Łukasz Kowalski", "Siobhán Walsh", "فاطمة الزهراء")
NOTE = "Said something private about Zoë at lunchtime"


def at(day: date) -> datetime:
    """Midday on `day`, UTC (the store records moments in UTC)."""
    return datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)


def add_case(
    store: Store, referred: date, *, setting: Setting = Setting.SCHOOL,
    organisation: str = "Hillside Primary School", ethnicity: Ethnicity | None = None,
    gender: Gender | None = None, born: date | None = None,
) -> Case:
    """A case referred on `referred` with a child harmed and a child responsible (equality
    answers on both), Unicode names and a private summary."""
    with store.recording_as(at(referred)):
        case = store.create_case(Case(
            setting=setting, organisation=organisation, referral_source=ReferralSource.EDUCATION,
            referral_date=referred, summary=NOTE, facilitator="Jo Adeyemi",
        ))
        for role, name in ((Role.PERSON_HARMED, NAMES[0]), (Role.PERSON_RESPONSIBLE, NAMES[1])):
            store.add_person(Person(
                case_id=case.id, role=role, name=name, is_child=True, date_of_birth=born,
                contact_details="07700 900123", ethnicity=ethnicity, gender=gender,
            ))
    return case


def hold_conference(store: Store, case: Case, on: date) -> None:
    """Prepare everyone (consent included) and move the case to "conference held" on `on`."""
    with store.recording_as(at(on)):
        for status in (Status.INITIAL_ENGAGEMENT, Status.RISK_ASSESSMENT, Status.PREPARING):
            store.move_case(case.id, status)
        prepare_for_conference(store, case.id, on=on)
        store.move_case(case.id, Status.READY)
        store.move_case(case.id, Status.CONFERENCE_HELD)


def add_feedback(
    store: Store, case: Case, on: date, *, role: Role = Role.PERSON_HARMED,
    satisfaction: int = 5, recommend: Answer = Answer.YES,
) -> None:
    """One participant's feedback form, with a free comment naming someone."""
    with store.recording_as(at(on)):
        store.add_participant_feedback(ParticipantFeedback(
            case_id=case.id, role=role, given_on=on, method=FeedbackMethod.PAPER,
            satisfaction=satisfaction, felt_safe=Answer.YES, felt_heard=Answer.YES,
            would_recommend=recommend, comment=f"{NAMES[2]} listened. {NOTE}",
        ))


def add_reflection(store: Store, case: Case, on: date, impact: int) -> None:
    """A staff reflection by a named member of staff."""
    with store.recording_as(at(on)):
        store.add_staff_reflection(StaffReflection(
            case_id=case.id, given_on=on, by_whom=NAMES[3], impact=impact, prepared=4,
            went_well=NOTE,
        ))


def add_school(store: Store, name: str) -> Organisation:
    """A school in the organisations list."""
    return store.add_organisation(Organisation(name, OrganisationKind.SCHOOL))


def add_sessions(
    store: Store, school: Organisation, on: date, how_many: int,
    activity: PilotActivity = PilotActivity.RESTORATIVE_CONVERSATION,
    outcome: PilotOutcome | None = PilotOutcome.RESOLVED,
) -> None:
    """`how_many` pilot sessions at `school` on `on`, with a private note."""
    with store.recording_as(at(on)):
        for _ in range(how_many):
            store.add_pilot_entry(PilotEntry(
                organisation_id=school.id, session_date=on, activity=activity, pupils=2,
                staff=1, staff_initials="ZN", year_groups=(7,),
                topic=None if activity.is_training else PilotTopic.BULLYING,
                outcome=None if activity.is_training else outcome, note=NOTE,
            ))
