"""The audit trail: changes recorded by id and field name, never by value; tamper-evident."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from restorative_desk.records import Contact, ContactType, Person, Role, Status
from restorative_desk.store import Store
from restorative_desk.store.audit import AuditAction

from .test_opening import keyed
from .test_store import make_case

SECRET_NAME = "Zyxwvut Qplmokn"


def filled_case(store: Store) -> str:
    case = store.create_case(make_case(summary=f"{SECRET_NAME} was pushed at lunch"))
    person = store.add_person(Person(case.id, Role.PERSON_HARMED, SECRET_NAME, pronouns="she/her"))
    store.update_person(replace(person, preferred_name="Zyx"))
    store.log_contact(
        Contact(case.id, date(2026, 11, 20), ContactType.PHONE, "Jo", person_id=person.id)
    )
    store.move_case(case.id, Status.INITIAL_ENGAGEMENT)
    store.record_view(case.id)
    return case.id


def test_changes_are_recorded_with_ids_and_field_names(store: Store) -> None:
    case_id = filled_case(store)
    entries = list(reversed(store.audit.entries()))
    actions = [(e.action, e.record_type) for e in entries]
    assert actions == [
        (AuditAction.CREATE, "case"),
        (AuditAction.CREATE, "person"),
        (AuditAction.UPDATE, "person"),
        (AuditAction.CREATE, "contact"),
        (AuditAction.UPDATE, "case"),
        (AuditAction.VIEW, "case"),
    ]
    assert all(e.case_id == case_id and e.actor == "Test Facilitator" for e in entries)
    assert entries[2].fields == ("preferred_name",)
    assert "summary" in entries[0].fields and "name" in entries[1].fields
    assert entries[4].fields == ("status",)
    assert entries[4].detail == "referred -> initial_engagement"


def test_the_trail_never_holds_values(store: Store) -> None:
    filled_case(store)
    text = repr(store.audit.entries())
    assert SECRET_NAME not in text and "Zyx" not in text and "pushed" not in text


def test_a_healthy_trail_verifies(store: Store) -> None:
    filled_case(store)
    report = store.audit.verify()
    assert report.ok and report.checked == 6


def test_filters(store: Store) -> None:
    case_id = filled_case(store)
    other = store.create_case(make_case())
    assert {e.case_id for e in store.audit.entries(case_id=other.id)} == {other.id}
    views = store.audit.entries(actions=[AuditAction.VIEW])
    assert [e.case_id for e in views] == [case_id]
    assert store.audit.actors() == ["Test Facilitator"]


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        ("UPDATE audit_log SET fields = '[]' WHERE seq = 3", "Entry 3 of the audit trail has"),
        ("UPDATE audit_log SET actor = 'Someone' WHERE seq = 1", "Entry 1 of the audit trail has"),
        ("DELETE FROM audit_log WHERE seq = 2", "Entry 2 is missing"),
        ("DELETE FROM audit_log WHERE seq = 6", "Entries after 5 are missing"),
        ("UPDATE audit_head SET seq = 5", "record of its last entry was changed"),
        ("DELETE FROM audit_head", "record of its last entry is gone"),
    ],
)  # fmt: skip
def test_a_changed_or_missing_entry_is_found(
    store: Store, db_path: Path, db_key: bytes, tamper: str, expected: str
) -> None:
    filled_case(store)
    raw = keyed(db_path, db_key)  # someone holding the key but not the trail's MAC key
    raw.execute(tamper)
    raw.commit()
    raw.close()
    report = store.audit.verify()
    assert not report.ok and expected in (report.problem or "")


def test_events_and_settings_are_recorded(store: Store) -> None:
    store.record_event(AuditAction.UNLOCK, detail="2 failed attempts before")
    store.set_setting("retention_months", {"school": 60})
    entries = store.audit.entries()
    assert [e.action for e in entries] == [AuditAction.UPDATE, AuditAction.UNLOCK]
    assert entries[0].fields == ("retention_months",)
    assert store.audit.verify().ok
