"""Organisations and pilot entries to database rows and back."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from ..pilots.records import (
    Organisation,
    OrganisationKind,
    PilotActivity,
    PilotEntry,
    PilotOutcome,
    PilotTopic,
)

Row = dict[str, Any]


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def organisation_to_row(organisation: Organisation, created_at: datetime) -> Row:
    return {
        "id": organisation.id,
        "name": organisation.name,
        "kind": organisation.kind.value,
        "active": int(organisation.active),
        "created_at": created_at.isoformat(),
    }


def organisation_from_row(row: Row) -> Organisation:
    return Organisation(
        id=row["id"],
        name=row["name"],
        kind=OrganisationKind(row["kind"]),
        active=bool(row["active"]),
    )


def entry_to_row(entry: PilotEntry) -> Row:
    return {
        "id": entry.id,
        "organisation_id": entry.organisation_id,
        "session_date": entry.session_date.isoformat(),
        "activity": entry.activity.value,
        "pupils": entry.pupils,
        "staff": entry.staff,
        "year_groups": json.dumps(list(entry.year_groups)),
        "topic": entry.topic.value if entry.topic is not None else None,
        "outcome": entry.outcome.value if entry.outcome is not None else None,
        "follow_up_date": _iso(entry.follow_up_date),
        "staff_initials": entry.staff_initials,
        "note": entry.note,
        "created_at": _iso(entry.created_at),
        "updated_at": _iso(entry.updated_at),
    }


def entry_from_row(row: Row) -> PilotEntry:
    return PilotEntry(
        id=row["id"],
        organisation_id=row["organisation_id"],
        session_date=date.fromisoformat(row["session_date"]),
        activity=PilotActivity(row["activity"]),
        pupils=int(row["pupils"]),
        staff=int(row["staff"]),
        year_groups=tuple(int(year) for year in json.loads(row["year_groups"])),
        topic=PilotTopic(row["topic"]) if row["topic"] else None,
        outcome=PilotOutcome(row["outcome"]) if row["outcome"] else None,
        follow_up_date=_date(row["follow_up_date"]),
        staff_initials=row["staff_initials"],
        note=row["note"],
        created_at=_datetime(row["created_at"]),
        updated_at=_datetime(row["updated_at"]),
    )
