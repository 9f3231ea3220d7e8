"""Preparation records to database rows and back (the only place that knows both shapes)."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any

from ..preparation.records import (
    AssessmentStage,
    BiasCheck,
    BiasStage,
    CaseFact,
    ConferencePlan,
    Consent,
    ConsentGiver,
    ConsentMethod,
    Decision,
    Finding,
    ParticipantPreparation,
    ReadinessOverride,
    RiskAssessment,
    RiskFinding,
    Seat,
    Way,
    frozen_answers,
)

Row = dict[str, Any]


def _iso(value: date | datetime | time | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def participant_to_row(p: ParticipantPreparation) -> Row:
    return {
        "id": p.person_id,
        "case_id": p.case_id,
        "person_id": p.person_id,
        "attending": int(p.attending),
        "information_given_on": _iso(p.information_given_on),
        "information_note": p.information_note,
        "facts_acknowledged_on": _iso(p.facts_acknowledged_on),
        "acknowledgement_note": p.acknowledgement_note,
        "answers": json.dumps(dict(p.answers), ensure_ascii=False, sort_keys=True),
        "updated_at": _iso(p.updated_at),
    }


def participant_from_row(row: Row) -> ParticipantPreparation:
    return ParticipantPreparation(
        case_id=row["case_id"],
        person_id=row["person_id"],
        attending=bool(row["attending"]),
        information_given_on=_date(row["information_given_on"]),
        information_note=row["information_note"],
        facts_acknowledged_on=_date(row["facts_acknowledged_on"]),
        acknowledgement_note=row["acknowledgement_note"],
        answers=frozen_answers(json.loads(row["answers"])),
        updated_at=_datetime(row["updated_at"]),
    )


def consent_to_row(c: Consent) -> Row:
    return {
        "id": c.id,
        "case_id": c.case_id,
        "person_id": c.person_id,
        "given_by": c.given_by.value,
        "given_on": c.given_on.isoformat(),
        "method": c.method.value,
        "ways": json.dumps([w.value for w in c.ways]),
        "giver_name": c.giver_name,
        "witness": c.witness,
        "note": c.note,
        "withdrawn_on": _iso(c.withdrawn_on),
        "withdrawal_note": c.withdrawal_note,
        "recorded_by": c.recorded_by,
        "recorded_at": _iso(c.recorded_at),
    }


def consent_from_row(row: Row) -> Consent:
    return Consent(
        id=row["id"],
        case_id=row["case_id"],
        person_id=row["person_id"],
        given_by=ConsentGiver(row["given_by"]),
        given_on=date.fromisoformat(row["given_on"]),
        method=ConsentMethod(row["method"]),
        ways=tuple(Way(w) for w in json.loads(row["ways"])),
        giver_name=row["giver_name"],
        witness=row["witness"],
        note=row["note"],
        withdrawn_on=_date(row["withdrawn_on"]),
        withdrawal_note=row["withdrawal_note"],
        recorded_by=row["recorded_by"],
        recorded_at=_datetime(row["recorded_at"]),
    )


def assessment_to_row(a: RiskAssessment) -> Row:
    findings = [
        {"item": f.item, "finding": f.finding.value, "note": f.note, "mitigation": f.mitigation,
         "kinds": list(f.kinds)}
        for f in a.findings
    ]
    return {
        "id": a.id,
        "case_id": a.case_id,
        "stage": a.stage.value,
        "assessed_on": a.assessed_on.isoformat(),
        "assessed_by": a.assessed_by,
        "findings": json.dumps(findings, ensure_ascii=False),
        "decision": a.decision.value if a.decision else None,
        "decided_by": a.decided_by,
        "decision_reason": a.decision_reason,
        "safeguarding_followed_on": _iso(a.safeguarding_followed_on),
        "safeguarding_note": a.safeguarding_note,
        "recorded_at": _iso(a.recorded_at),
    }


def assessment_from_row(row: Row) -> RiskAssessment:
    findings = tuple(
        RiskFinding(
            item=f["item"],
            finding=Finding(f["finding"]),
            note=f["note"],
            mitigation=f["mitigation"],
            kinds=tuple(f["kinds"]),
        )
        for f in json.loads(row["findings"])
    )
    return RiskAssessment(
        id=row["id"],
        case_id=row["case_id"],
        stage=AssessmentStage(row["stage"]),
        assessed_on=date.fromisoformat(row["assessed_on"]),
        assessed_by=row["assessed_by"],
        findings=findings,
        decision=Decision(row["decision"]) if row["decision"] else None,
        decided_by=row["decided_by"],
        decision_reason=row["decision_reason"],
        safeguarding_followed_on=_date(row["safeguarding_followed_on"]),
        safeguarding_note=row["safeguarding_note"],
        recorded_at=_datetime(row["recorded_at"]),
    )


def bias_check_to_row(b: BiasCheck) -> Row:
    return {
        "id": b.id,
        "case_id": b.case_id,
        "stage": b.stage.value,
        "done": int(b.done),
        "recorded_on": b.recorded_on.isoformat(),
        "recorded_by": b.recorded_by,
        "dimensions": json.dumps(list(b.dimensions)),
        "reflection": b.reflection,
        "reframed": b.reframed,
        "colleague_checked": int(b.colleague_checked),
        "recorded_at": _iso(b.recorded_at),
    }


def bias_check_from_row(row: Row) -> BiasCheck:
    return BiasCheck(
        id=row["id"],
        case_id=row["case_id"],
        stage=BiasStage(row["stage"]),
        done=bool(row["done"]),
        recorded_on=date.fromisoformat(row["recorded_on"]),
        recorded_by=row["recorded_by"],
        dimensions=tuple(json.loads(row["dimensions"])),
        reflection=row["reflection"],
        reframed=row["reframed"],
        colleague_checked=bool(row["colleague_checked"]),
        recorded_at=_datetime(row["recorded_at"]),
    )


def override_to_row(o: ReadinessOverride) -> Row:
    return {
        "id": o.id,
        "case_id": o.case_id,
        "overridden_by": o.overridden_by,
        "reason": o.reason,
        "blockers": json.dumps(list(o.blockers)),
        "blocker_messages": json.dumps(list(o.blocker_messages), ensure_ascii=False),
        "recorded_by": o.recorded_by,
        "recorded_at": _iso(o.recorded_at),
    }


def override_from_row(row: Row) -> ReadinessOverride:
    return ReadinessOverride(
        id=row["id"],
        case_id=row["case_id"],
        overridden_by=row["overridden_by"],
        reason=row["reason"],
        blockers=tuple(json.loads(row["blockers"])),
        blocker_messages=tuple(json.loads(row["blocker_messages"])),
        recorded_by=row["recorded_by"],
        recorded_at=_datetime(row["recorded_at"]),
    )


def plan_to_row(p: ConferencePlan) -> Row:
    return {
        "id": p.case_id,
        "case_id": p.case_id,
        "date": _iso(p.date),
        "start_time": p.start_time.strftime("%H:%M") if p.start_time else None,
        "venue": p.venue,
        "room": p.room,
        "interpreters": p.interpreters,
        "breaks": p.breaks,
        "refreshments": p.refreshments,
        "notes": p.notes,
        "seating": json.dumps(
            [{"person_id": s.person_id, "facilitator": s.facilitator} for s in p.seating]
        ),
        "updated_at": _iso(p.updated_at),
    }


def plan_from_row(row: Row) -> ConferencePlan:
    return ConferencePlan(
        case_id=row["case_id"],
        date=_date(row["date"]),
        start_time=time.fromisoformat(row["start_time"]) if row["start_time"] else None,
        venue=row["venue"],
        room=row["room"],
        interpreters=row["interpreters"],
        breaks=row["breaks"],
        refreshments=row["refreshments"],
        notes=row["notes"],
        seating=tuple(Seat(**s) for s in json.loads(row["seating"])),
        updated_at=_datetime(row["updated_at"]),
    )


def fact_from_row(row: Row) -> CaseFact:
    return CaseFact(
        case_id=row["case_id"],
        key=row["key"],
        value=row["value"],
        recorded_on=_date(row["recorded_on"]),
        recorded_by=row["recorded_by"],
    )
