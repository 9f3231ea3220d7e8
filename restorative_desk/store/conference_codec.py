"""Conference records to database rows and back."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ..conference.records import (
    Break,
    ConferenceRun,
    Debrief,
    Ending,
    PauseDecision,
    ProposedAction,
    SafetyPause,
    TurnNote,
)

Row = dict[str, Any]


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def run_to_row(run: ConferenceRun) -> Row:
    return {
        "id": run.id,
        "case_id": run.case_id,
        "script_key": run.script_key,
        "script_version": run.script_version,
        "script_title": run.script_title,
        "started_at": run.started_at.isoformat(),
        "started_by": run.started_by,
        "position": run.position,
        "ended_at": _iso(run.ended_at),
        "ending": run.ending.value if run.ending else None,
        "end_reason": run.end_reason,
        "next_steps": run.next_steps,
    }


def run_from_row(row: Row) -> ConferenceRun:
    return ConferenceRun(
        id=row["id"],
        case_id=row["case_id"],
        script_key=row["script_key"],
        script_version=int(row["script_version"]),
        script_title=row["script_title"],
        started_at=datetime.fromisoformat(row["started_at"]),
        started_by=row["started_by"],
        position=row["position"],
        ended_at=_datetime(row["ended_at"]),
        ending=Ending(row["ending"]) if row["ending"] else None,
        end_reason=row["end_reason"],
        next_steps=row["next_steps"],
    )


def note_from_row(row: Row) -> TurnNote:
    return TurnNote(
        run_id=row["run_id"],
        turn_key=row["turn_key"],
        text=row["text"],
        person_id=row["person_id"],
        updated_at=_datetime(row["updated_at"]),
    )


def break_from_row(row: Row) -> Break:
    return Break(
        id=row["id"],
        run_id=row["run_id"],
        started_at=datetime.fromisoformat(row["started_at"]),
        ended_at=_datetime(row["ended_at"]),
        reason=row["reason"],
    )


def pause_to_row(pause: SafetyPause, case_id: str) -> Row:
    return {
        "id": pause.id,
        "run_id": pause.run_id,
        "case_id": case_id,
        "at": pause.at.isoformat(),
        "what_happened": pause.what_happened,
        "decision": pause.decision.value,
        "reason": pause.reason,
        "next_steps": pause.next_steps,
    }


def pause_from_row(row: Row) -> SafetyPause:
    return SafetyPause(
        id=row["id"],
        run_id=row["run_id"],
        at=datetime.fromisoformat(row["at"]),
        what_happened=row["what_happened"],
        decision=PauseDecision(row["decision"]),
        reason=row["reason"],
        next_steps=row["next_steps"],
    )


def action_to_row(action: ProposedAction) -> Row:
    return {
        "id": action.id,
        "run_id": action.run_id,
        "case_id": action.case_id,
        "what": action.what,
        "who": action.who,
        "by_when": _iso(action.by_when),
        "position": action.position,
    }


def action_from_row(row: Row) -> ProposedAction:
    return ProposedAction(
        id=row["id"],
        run_id=row["run_id"],
        case_id=row["case_id"],
        what=row["what"],
        who=row["who"],
        by_when=date.fromisoformat(row["by_when"]) if row["by_when"] else None,
        position=int(row["position"]),
    )


def debrief_to_row(debrief: Debrief, case_id: str, record_id: str) -> Row:
    return {
        "id": record_id,
        "run_id": debrief.run_id,
        "case_id": case_id,
        "facilitator": debrief.facilitator,
        "how_it_went": debrief.how_it_went,
        "follow_up": debrief.follow_up,
        "how_are_you": debrief.how_are_you,
        "wants_supervision": int(debrief.wants_supervision),
        "updated_at": _iso(debrief.updated_at),
    }


def debrief_from_row(row: Row) -> Debrief:
    return Debrief(
        run_id=row["run_id"],
        facilitator=row["facilitator"],
        how_it_went=row["how_it_went"],
        follow_up=row["follow_up"],
        how_are_you=row["how_are_you"],
        wants_supervision=bool(row["wants_supervision"]),
        updated_at=_datetime(row["updated_at"]),
    )
