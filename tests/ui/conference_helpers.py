"""A case ready for its conference, with people whose names test the wording, and a run."""

from __future__ import annotations

from datetime import date

from restorative_desk.conference.records import ConferenceRun
from restorative_desk.records import Case, Person, ReferralSource, Role, Setting, Status
from restorative_desk.scripts.loading import find_script
from restorative_desk.scripts.model import Script
from restorative_desk.store import Store
from tests.preparing import prepare_for_conference

TO_READY = (Status.INITIAL_ENGAGEMENT, Status.RISK_ASSESSMENT, Status.PREPARING, Status.READY)


def ready_case(
    store: Store, setting: Setting = Setting.SCHOOL, *, supporters: bool = True
) -> tuple[Case, dict[str, Person]]:
    """A prepared case moved to ready: Zoë (harmed), Łukasz called Luke (responsible), and
    (with `supporters`) Siobhán for Zoë, Mark for Luke and Priya, a member of staff."""
    case = store.create_case(
        Case(
            setting=setting,
            organisation="Riverside Academy",
            referral_source=ReferralSource.EDUCATION,
            referral_date=date(2026, 11, 2),
            summary="A phone taken and a photo shared in the lunch hall.",
            facilitator="Test Facilitator",
        )
    )
    people = {
        "zoe": store.add_person(
            Person(case.id, Role.PERSON_HARMED, "Zoë Nguyễn", pronouns="she/her", is_child=True)
        ),
        "luke": store.add_person(
            Person(case.id, Role.PERSON_RESPONSIBLE, "Łukasz Brown", preferred_name="Luke",
                   pronouns="he/him", is_child=True)
        ),
    }
    if supporters:
        people["siobhan"] = store.add_person(
            Person(case.id, Role.SUPPORTER, "Siobhán Nguyễn", relationship="Mum",
                   supports_person_id=people["zoe"].id)
        )
        people["mark"] = store.add_person(
            Person(case.id, Role.SUPPORTER, "Mark Brown", relationship="Dad",
                   supports_person_id=people["luke"].id)
        )
        people["priya"] = store.add_person(Person(case.id, Role.PROFESSIONAL, "Priya Shah"))
    prepare_for_conference(store, case.id)
    for status in TO_READY:
        store.move_case(case.id, status)
    return store.get_case(case.id), people


def full_conference() -> Script:
    """The shipped full restorative conference."""
    script = find_script("full_conference")
    assert script is not None
    return script


def start_run(store: Store, case: Case, script: Script | None = None) -> ConferenceRun:
    """Start a conference on `case` with `script` (the full conference by default)."""
    script = script or full_conference()
    return store.start_conference(
        case.id, script_key=script.key, script_version=script.version, script_title=script.title
    )
