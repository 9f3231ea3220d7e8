"""Feedback forms: each participant's, the staff reflection and a partner agency's."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from ..records import ReferralSource, Role


class Answer(enum.Enum):
    """A yes / no / not sure answer on a feedback form."""

    YES = "yes"
    NOT_SURE = "not_sure"
    NO = "no"

    @property
    def label(self) -> str:
        return _ANSWER_LABELS[self]


_ANSWER_LABELS = {Answer.YES: "Yes", Answer.NOT_SURE: "Not sure", Answer.NO: "No"}


class FeedbackMethod(enum.Enum):
    """How the answers reached the app."""

    PAPER = "paper"
    WITH_THEM = "with_them"

    @property
    def label(self) -> str:
        return "Paper form" if self is FeedbackMethod.PAPER else "Entered with them"


# Satisfaction is asked on a scale of 1 (not at all satisfied) to 5 (very satisfied);
# 4 and 5 count as "satisfied", as in the published evaluations.
SATISFACTION_SCALE = (1, 2, 3, 4, 5)
SATISFIED_FROM = 4


@dataclass(frozen=True)
class ParticipantFeedback:
    """What one participant said about the conference. Any answer may be left out."""

    case_id: str
    role: Role
    given_on: date
    method: FeedbackMethod
    person_id: str | None = None
    satisfaction: int | None = None
    felt_safe: Answer | None = None
    felt_heard: Answer | None = None
    understood_next: Answer | None = None
    real_choice: Answer | None = None
    would_recommend: Answer | None = None
    comment: str = ""
    id: str = ""
    recorded_by: str = ""
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class StaffReflection:
    """A facilitator's or staff member's short reflection after a conference."""

    case_id: str
    given_on: date
    by_whom: str
    prepared: int | None = None  # 1 to 5: how well prepared everyone was
    impact: int | None = None  # 1 to 5: impact on their own practice (4-5 is "high")
    went_well: str = ""
    do_differently: str = ""
    support_needed: bool = False
    id: str = ""
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class PartnerFeedback:
    """A partner agency's view of the restorative work, for one case or in general."""

    agency: ReferralSource
    given_on: date
    case_id: str | None = None
    organisation: str = ""
    satisfaction: int | None = None
    kept_informed: Answer | None = None
    would_refer_again: Answer | None = None
    comment: str = ""
    id: str = ""
    recorded_by: str = ""
    recorded_at: datetime | None = None
