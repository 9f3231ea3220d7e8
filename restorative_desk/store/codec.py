"""Turning records into database rows and back (the only place that knows both shapes)."""

from __future__ import annotations

import enum
import json
from datetime import date, datetime
from typing import Any

from ..monitoring import CareStatus, Ethnicity, Gender, SendStatus
from ..records import (
    AgeBand,
    Case,
    CaseRow,
    Contact,
    ContactType,
    HarmCategory,
    NotProceedingReason,
    Person,
    ReferralSource,
    Role,
    Setting,
    Status,
    StatusChange,
)

Row = dict[str, Any]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _value(member: enum.Enum | None) -> str | None:
    return str(member.value) if member is not None else None


def case_to_row(case: Case) -> Row:
    return {
        "id": case.id,
        "reference": case.reference,
        "setting": case.setting.value,
        "organisation": case.organisation,
        "venue": case.venue,
        "referral_source": case.referral_source.value,
        "referral_date": case.referral_date.isoformat(),
        "incident_date": _iso(case.incident_date),
        "summary": case.summary,
        "harm_categories": json.dumps([h.value for h in case.harm_categories]),
        "facilitator": case.facilitator,
        "co_facilitator": case.co_facilitator,
        "status": case.status.value,
        "not_proceeding_reason": (
            case.not_proceeding_reason.value if case.not_proceeding_reason else None
        ),
        "next_action_date": _iso(case.next_action_date),
        "created_at": _iso(case.created_at),
        "updated_at": _iso(case.updated_at),
    }


def case_from_row(row: Row) -> Case:
    reason = row["not_proceeding_reason"]
    return Case(
        id=row["id"],
        reference=row["reference"],
        setting=Setting(row["setting"]),
        organisation=row["organisation"],
        venue=row["venue"],
        referral_source=ReferralSource(row["referral_source"]),
        referral_date=date.fromisoformat(row["referral_date"]),
        incident_date=_date(row["incident_date"]),
        summary=row["summary"],
        harm_categories=tuple(HarmCategory(h) for h in json.loads(row["harm_categories"])),
        facilitator=row["facilitator"],
        co_facilitator=row["co_facilitator"],
        status=Status(row["status"]),
        not_proceeding_reason=NotProceedingReason(reason) if reason else None,
        next_action_date=_date(row["next_action_date"]),
        created_at=_datetime(row["created_at"]),
        updated_at=_datetime(row["updated_at"]),
    )


CASE_ROW_COLUMNS = (
    "id, reference, setting, organisation, status, referral_date, facilitator, "
    "next_action_date, substr(summary, 1, 200) AS summary"
)


def case_row_from_row(row: Row) -> CaseRow:
    return CaseRow(
        id=row["id"],
        reference=row["reference"],
        setting=Setting(row["setting"]),
        organisation=row["organisation"],
        status=Status(row["status"]),
        referral_date=date.fromisoformat(row["referral_date"]),
        facilitator=row["facilitator"],
        next_action_date=_date(row["next_action_date"]),
        summary=row["summary"],
    )


# The equality-monitoring columns of `people` and the values each may hold (NULL: not recorded).
MONITORING_VALUES: dict[str, list[str]] = {
    "ethnicity": [e.value for e in Ethnicity],
    "gender": [g.value for g in Gender],
    "send": [s.value for s in SendStatus],
    "care_status": [c.value for c in CareStatus],
}


def person_to_row(person: Person) -> Row:
    return {
        "id": person.id,
        "case_id": person.case_id,
        "role": person.role.value,
        "name": person.name,
        "preferred_name": person.preferred_name,
        "pronouns": person.pronouns,
        "is_child": int(person.is_child),
        "date_of_birth": _iso(person.date_of_birth),
        "age_band": person.age_band.value if person.age_band else None,
        "supports_person_id": person.supports_person_id,
        "relationship": person.relationship,
        "contact_details": person.contact_details,
        "communication_needs": person.communication_needs,
        "interpreter_language": person.interpreter_language,
        "ethnicity": _value(person.ethnicity),
        "gender": _value(person.gender),
        "send": _value(person.send),
        "care_status": _value(person.care_status),
    }


def person_from_row(row: Row) -> Person:
    return Person(
        id=row["id"],
        case_id=row["case_id"],
        role=Role(row["role"]),
        name=row["name"],
        preferred_name=row["preferred_name"],
        pronouns=row["pronouns"],
        is_child=bool(row["is_child"]),
        date_of_birth=_date(row["date_of_birth"]),
        age_band=AgeBand(row["age_band"]) if row["age_band"] else None,
        supports_person_id=row["supports_person_id"],
        relationship=row["relationship"],
        contact_details=row["contact_details"],
        communication_needs=row["communication_needs"],
        interpreter_language=row["interpreter_language"],
        ethnicity=Ethnicity(row["ethnicity"]) if row["ethnicity"] else None,
        gender=Gender(row["gender"]) if row["gender"] else None,
        send=SendStatus(row["send"]) if row["send"] else None,
        care_status=CareStatus(row["care_status"]) if row["care_status"] else None,
    )


def contact_to_row(contact: Contact) -> Row:
    return {
        "id": contact.id,
        "case_id": contact.case_id,
        "person_id": contact.person_id,
        "contact_date": contact.contact_date.isoformat(),
        "contact_type": contact.contact_type.value,
        "by_whom": contact.by_whom,
        "note": contact.note,
        "created_at": _iso(contact.created_at),
    }


def contact_from_row(row: Row) -> Contact:
    return Contact(
        id=row["id"],
        case_id=row["case_id"],
        person_id=row["person_id"],
        contact_date=date.fromisoformat(row["contact_date"]),
        contact_type=ContactType(row["contact_type"]),
        by_whom=row["by_whom"],
        note=row["note"],
        created_at=_datetime(row["created_at"]),
    )


def status_change_to_row(change: StatusChange) -> Row:
    return {
        "id": change.id,
        "case_id": change.case_id,
        "from_status": change.from_status.value if change.from_status else None,
        "to_status": change.to_status.value,
        "reason": change.reason.value if change.reason else None,
        "note": change.note,
        "changed_at": change.changed_at.isoformat(),
        "changed_by": change.changed_by,
    }


def status_change_from_row(row: Row) -> StatusChange:
    return StatusChange(
        id=row["id"],
        case_id=row["case_id"],
        from_status=Status(row["from_status"]) if row["from_status"] else None,
        to_status=Status(row["to_status"]),
        reason=NotProceedingReason(row["reason"]) if row["reason"] else None,
        note=row["note"],
        changed_at=datetime.fromisoformat(row["changed_at"]),
        changed_by=row["changed_by"],
    )
