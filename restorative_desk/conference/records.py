"""What is kept while a conference runs, and after it."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime


class Attendance(enum.Enum):
    """Whether someone came; someone absent may be represented by a statement read aloud."""

    PRESENT = "present"
    ABSENT = "absent"
    REPRESENTED = "represented"

    @property
    def label(self) -> str:
        return _ATTENDANCE_LABELS[self]


_ATTENDANCE_LABELS = {
    Attendance.PRESENT: "Came",
    Attendance.ABSENT: "Did not come",
    Attendance.REPRESENTED: "Did not come: a statement is read aloud",
}


class PauseDecision(enum.Enum):
    """What was decided after a safety pause."""

    CONTINUE = "continue"
    CONTINUE_AFTER_BREAK = "continue_after_break"
    END = "end"

    @property
    def label(self) -> str:
        return _DECISION_LABELS[self]


_DECISION_LABELS = {
    PauseDecision.CONTINUE: "Carry on",
    PauseDecision.CONTINUE_AFTER_BREAK: "Carry on after a break",
    PauseDecision.END: "End the conference",
}


class Ending(enum.Enum):
    """How a conference ended."""

    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"

    @property
    def label(self) -> str:
        return "Completed" if self is Ending.COMPLETED else "Ended early"


@dataclass(frozen=True)
class ConferenceRun:
    """One conference held (or being held) on a case, with the script and version it used."""

    case_id: str
    script_key: str
    script_version: int
    script_title: str
    started_at: datetime
    started_by: str
    id: str = ""
    position: str = ""  # the turn key shown last, to resume at
    ended_at: datetime | None = None
    ending: Ending | None = None
    end_reason: str = ""
    next_steps: str = ""

    @property
    def running(self) -> bool:
        return self.ended_at is None


@dataclass(frozen=True)
class TurnNote:
    """What was said at one turn, in the person's own words where possible."""

    run_id: str
    turn_key: str
    text: str
    person_id: str = ""
    updated_at: datetime | None = None


@dataclass(frozen=True)
class Break:
    """A break in the conference."""

    run_id: str
    started_at: datetime
    reason: str = ""
    ended_at: datetime | None = None
    id: str = ""


@dataclass(frozen=True)
class SafetyPause:
    """A pause because someone's safety or wellbeing needed it, and what was decided."""

    run_id: str
    at: datetime
    what_happened: str
    decision: PauseDecision
    reason: str = ""  # needed when the conference ends
    next_steps: str = ""
    id: str = ""


@dataclass(frozen=True)
class ProposedAction:
    """An action proposed in the agreement phase, for the agreement to pick up."""

    run_id: str
    case_id: str
    what: str
    who: str = ""
    by_when: date | None = None
    id: str = ""
    position: int = 0


@dataclass(frozen=True)
class Debrief:
    """The facilitator's own short debrief and wellbeing check-in: private to them."""

    run_id: str
    facilitator: str
    how_it_went: str = ""
    follow_up: str = ""
    how_are_you: str = ""
    wants_supervision: bool = False
    updated_at: datetime | None = None
