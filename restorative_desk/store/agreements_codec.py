"""Agreement records to database rows and back."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from ..agreements.records import (
    ActionResult,
    ActionReview,
    Agreement,
    AgreementAction,
    AgreementStatus,
    Review,
    Signoff,
    SignoffHow,
)

Row = dict[str, Any]


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def agreement_to_row(agreement: Agreement) -> Row:
    """The agreement's own row (actions and sign-offs have rows of their own)."""
    return {
        "id": agreement.id,
        "case_id": agreement.case_id,
        "version": agreement.version,
        "status": agreement.status.value,
        "summary": agreement.summary,
        "own_words": agreement.own_words,
        "review_date": _iso(agreement.review_date),
        "agreed_on": _iso(agreement.agreed_on),
        "change_reason": agreement.change_reason,
        "outcome_note": agreement.outcome_note,
        "closed_on": _iso(agreement.closed_on),
        "created_at": _iso(agreement.created_at),
        "created_by": agreement.created_by,
    }


def agreement_from_row(
    row: Row, actions: Iterable[AgreementAction], signoffs: Iterable[Signoff]
) -> Agreement:
    return Agreement(
        id=row["id"],
        case_id=row["case_id"],
        version=int(row["version"]),
        status=AgreementStatus(row["status"]),
        summary=row["summary"],
        own_words=row["own_words"],
        review_date=_date(row["review_date"]),
        actions=tuple(actions),
        signoffs=tuple(signoffs),
        agreed_on=_date(row["agreed_on"]),
        change_reason=row["change_reason"],
        outcome_note=row["outcome_note"],
        closed_on=_date(row["closed_on"]),
        created_at=datetime.fromisoformat(row["created_at"]),
        created_by=row["created_by"],
    )


def action_to_row(action: AgreementAction, agreement: Agreement) -> Row:
    return {
        "id": action.id,
        "agreement_id": agreement.id,
        "case_id": agreement.case_id,
        "position": action.position,
        "what": action.what,
        "who": action.who,
        "for_whom": action.for_whom,
        "by_when": _iso(action.by_when),
        "how_known": action.how_known,
        "support": action.support,
        "review_date": _iso(action.review_date),
    }


def action_from_row(row: Row) -> AgreementAction:
    return AgreementAction(
        id=row["id"],
        position=int(row["position"]),
        what=row["what"],
        who=row["who"],
        for_whom=row["for_whom"],
        by_when=_date(row["by_when"]),
        how_known=row["how_known"],
        support=row["support"],
        review_date=_date(row["review_date"]),
    )


def signoff_to_row(signoff: Signoff, agreement: Agreement, record_id: str, position: int) -> Row:
    return {
        "id": record_id,
        "agreement_id": agreement.id,
        "case_id": agreement.case_id,
        "position": position,
        "person_id": signoff.person_id,
        "how": signoff.how.value,
        "signed_on": signoff.on.isoformat(),
        "note": signoff.note,
    }


def signoff_from_row(row: Row) -> Signoff:
    return Signoff(
        person_id=row["person_id"],
        how=SignoffHow(row["how"]),
        on=date.fromisoformat(row["signed_on"]),
        note=row["note"],
    )


def review_to_row(review: Review, case_id: str, recorded_at: datetime) -> Row:
    return {
        "id": review.id,
        "agreement_id": review.agreement_id,
        "case_id": case_id,
        "held_on": review.held_on.isoformat(),
        "present": review.present,
        "notes": review.notes,
        "results": json.dumps(
            [{"action_id": r.action_id, "result": r.result.value, "note": r.note}
             for r in review.results],
            ensure_ascii=False,
        ),
        "next_review": _iso(review.next_review),
        "recorded_by": review.recorded_by,
        "recorded_at": recorded_at.isoformat(),
    }


def review_from_row(row: Row) -> Review:
    return Review(
        id=row["id"],
        agreement_id=row["agreement_id"],
        held_on=date.fromisoformat(row["held_on"]),
        present=row["present"],
        notes=row["notes"],
        results=tuple(
            ActionReview(item["action_id"], ActionResult(item["result"]), item["note"])
            for item in json.loads(row["results"])
        ),
        next_review=_date(row["next_review"]),
        recorded_by=row["recorded_by"],
    )
