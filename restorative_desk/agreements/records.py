"""What is kept of an outcome agreement: its actions, who agreed, its versions, reviews and
outcome. An agreed version is never changed: a change makes the next version, with a reason."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime


class AgreementStatus(enum.Enum):
    """Where an agreement stands; the last three are its outcome once closed."""

    DRAFT = "draft"
    AGREED = "agreed"
    COMPLETED = "completed"
    PARTLY_COMPLETED = "partly_completed"
    NOT_COMPLETED = "not_completed"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def is_outcome(self) -> bool:
        """Whether this closes the agreement (completed, partly completed, not completed)."""
        return self in OUTCOMES

    @property
    def is_open(self) -> bool:
        """A draft or an agreed agreement that is not closed yet."""
        return not self.is_outcome


_STATUS_LABELS = {
    AgreementStatus.DRAFT: "Draft",
    AgreementStatus.AGREED: "Agreed",
    AgreementStatus.COMPLETED: "Completed",
    AgreementStatus.PARTLY_COMPLETED: "Partly completed",
    AgreementStatus.NOT_COMPLETED: "Not completed",
}

OUTCOMES = (
    AgreementStatus.COMPLETED,
    AgreementStatus.PARTLY_COMPLETED,
    AgreementStatus.NOT_COMPLETED,
)


class SignoffHow(enum.Enum):
    """How someone agreed: signing the printed copy, or out loud (recorded) if they cannot sign."""

    SIGNED = "signed"
    VERBAL = "verbal"

    @property
    def label(self) -> str:
        return "Signed" if self is SignoffHow.SIGNED else "Agreed out loud (recorded)"


class ActionResult(enum.Enum):
    """How an action stood at a review."""

    DONE = "done"
    PARTLY_DONE = "partly_done"
    NOT_DONE = "not_done"
    CHANGED = "changed"

    @property
    def label(self) -> str:
        return _RESULT_LABELS[self]


_RESULT_LABELS = {
    ActionResult.DONE: "Done",
    ActionResult.PARTLY_DONE: "Partly done",
    ActionResult.NOT_DONE: "Not done",
    ActionResult.CHANGED: "Changed",
}


@dataclass(frozen=True)
class AgreementAction:
    """One thing that will be done: what, by whom, for whom, by when, how everyone will know it
    is done and what support the person has to do it."""

    what: str
    who: str = ""
    for_whom: str = ""
    by_when: date | None = None
    how_known: str = ""
    support: str = ""
    review_date: date | None = None
    id: str = ""
    position: int = 0


@dataclass(frozen=True)
class Signoff:
    """Someone's agreement: signed, or recorded verbally where they cannot sign."""

    person_id: str
    how: SignoffHow
    on: date
    note: str = ""


@dataclass(frozen=True)
class Agreement:
    """One version of a case's outcome agreement."""

    case_id: str
    version: int = 1
    status: AgreementStatus = AgreementStatus.DRAFT
    summary: str = ""  # a short plain summary of what happened and what was agreed
    own_words: str = ""  # the young person's own words
    review_date: date | None = None
    actions: tuple[AgreementAction, ...] = ()
    signoffs: tuple[Signoff, ...] = ()
    agreed_on: date | None = None
    change_reason: str = ""  # why this version differs from the one before
    outcome_note: str = ""
    closed_on: date | None = None
    id: str = ""
    created_at: datetime | None = None
    created_by: str = ""

    @property
    def is_open(self) -> bool:
        return self.status.is_open

    @property
    def editable(self) -> bool:
        """Only a draft is changed in place; an agreed version is frozen."""
        return self.status is AgreementStatus.DRAFT


@dataclass(frozen=True)
class ActionReview:
    """How one action stood at a review."""

    action_id: str
    result: ActionResult
    note: str = ""


@dataclass(frozen=True)
class Review:
    """A review of an agreed agreement: who was there, how each action stood, when next."""

    agreement_id: str
    held_on: date
    present: str = ""  # who was there, in free text
    notes: str = ""
    results: tuple[ActionReview, ...] = ()
    next_review: date | None = None
    id: str = ""
    recorded_by: str = ""
