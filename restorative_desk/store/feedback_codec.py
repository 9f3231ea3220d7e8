"""Feedback records to database rows and back."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ..feedback.records import (
    Answer,
    FeedbackMethod,
    ParticipantFeedback,
    PartnerFeedback,
    StaffReflection,
)
from ..records import ReferralSource, Role

Row = dict[str, Any]


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _answer(value: Answer | None) -> str | None:
    return value.value if value is not None else None


def _answer_from(value: str | None) -> Answer | None:
    return Answer(value) if value else None


def participant_to_row(feedback: ParticipantFeedback) -> Row:
    return {
        "id": feedback.id,
        "case_id": feedback.case_id,
        "person_id": feedback.person_id or None,
        "role": feedback.role.value,
        "given_on": feedback.given_on.isoformat(),
        "method": feedback.method.value,
        "satisfaction": feedback.satisfaction,
        "felt_safe": _answer(feedback.felt_safe),
        "felt_heard": _answer(feedback.felt_heard),
        "understood_next": _answer(feedback.understood_next),
        "real_choice": _answer(feedback.real_choice),
        "would_recommend": _answer(feedback.would_recommend),
        "comment": feedback.comment,
        "recorded_by": feedback.recorded_by,
        "recorded_at": _iso(feedback.recorded_at),
    }


def participant_from_row(row: Row) -> ParticipantFeedback:
    return ParticipantFeedback(
        id=row["id"],
        case_id=row["case_id"],
        person_id=row["person_id"],
        role=Role(row["role"]),
        given_on=date.fromisoformat(row["given_on"]),
        method=FeedbackMethod(row["method"]),
        satisfaction=row["satisfaction"],
        felt_safe=_answer_from(row["felt_safe"]),
        felt_heard=_answer_from(row["felt_heard"]),
        understood_next=_answer_from(row["understood_next"]),
        real_choice=_answer_from(row["real_choice"]),
        would_recommend=_answer_from(row["would_recommend"]),
        comment=row["comment"],
        recorded_by=row["recorded_by"],
        recorded_at=_moment(row["recorded_at"]),
    )


def reflection_to_row(reflection: StaffReflection) -> Row:
    return {
        "id": reflection.id,
        "case_id": reflection.case_id,
        "given_on": reflection.given_on.isoformat(),
        "by_whom": reflection.by_whom,
        "prepared": reflection.prepared,
        "impact": reflection.impact,
        "went_well": reflection.went_well,
        "do_differently": reflection.do_differently,
        "support_needed": int(reflection.support_needed),
        "recorded_at": _iso(reflection.recorded_at),
    }


def reflection_from_row(row: Row) -> StaffReflection:
    return StaffReflection(
        id=row["id"],
        case_id=row["case_id"],
        given_on=date.fromisoformat(row["given_on"]),
        by_whom=row["by_whom"],
        prepared=row["prepared"],
        impact=row["impact"],
        went_well=row["went_well"],
        do_differently=row["do_differently"],
        support_needed=bool(row["support_needed"]),
        recorded_at=_moment(row["recorded_at"]),
    )


def partner_to_row(feedback: PartnerFeedback) -> Row:
    return {
        "id": feedback.id,
        "case_id": feedback.case_id or None,
        "agency": feedback.agency.value,
        "organisation": feedback.organisation,
        "given_on": feedback.given_on.isoformat(),
        "satisfaction": feedback.satisfaction,
        "kept_informed": _answer(feedback.kept_informed),
        "would_refer_again": _answer(feedback.would_refer_again),
        "comment": feedback.comment,
        "recorded_by": feedback.recorded_by,
        "recorded_at": _iso(feedback.recorded_at),
    }


def partner_from_row(row: Row) -> PartnerFeedback:
    return PartnerFeedback(
        id=row["id"],
        case_id=row["case_id"],
        agency=ReferralSource(row["agency"]),
        organisation=row["organisation"],
        given_on=date.fromisoformat(row["given_on"]),
        satisfaction=row["satisfaction"],
        kept_informed=_answer_from(row["kept_informed"]),
        would_refer_again=_answer_from(row["would_refer_again"]),
        comment=row["comment"],
        recorded_by=row["recorded_by"],
        recorded_at=_moment(row["recorded_at"]),
    )
