"""Rules for cases: which stage may follow which, and what makes a record valid."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .records import Case, Contact, NotProceedingReason, Person, Role, Status

MAX_SHORT_TEXT = 200
MAX_LONG_TEXT = 20_000

# The RJC stages in order, with the steps back a facilitator sometimes needs (a risk seen late
# sends a case back to assessment; a date falling through sends a ready case back to preparing).
_FORWARD: dict[Status, tuple[Status, ...]] = {
    Status.REFERRED: (Status.INITIAL_ENGAGEMENT,),
    Status.INITIAL_ENGAGEMENT: (Status.RISK_ASSESSMENT,),
    Status.RISK_ASSESSMENT: (Status.PREPARING,),
    Status.PREPARING: (Status.READY, Status.RISK_ASSESSMENT),
    Status.READY: (Status.CONFERENCE_HELD, Status.PREPARING),
    Status.CONFERENCE_HELD: (Status.MONITORING, Status.FOLLOW_UP, Status.CLOSED),
    Status.MONITORING: (Status.FOLLOW_UP, Status.CLOSED),
    Status.FOLLOW_UP: (Status.CLOSED,),
    Status.CLOSED: (Status.FOLLOW_UP,),
    Status.NOT_PROCEEDING: (Status.INITIAL_ENGAGEMENT,),
}

# A case can stop at any point before the conference is held.
_CAN_STOP = frozenset(
    {
        Status.REFERRED,
        Status.INITIAL_ENGAGEMENT,
        Status.RISK_ASSESSMENT,
        Status.PREPARING,
        Status.READY,
    }
)

ACTIVE_STATUSES = frozenset(Status) - {Status.CLOSED, Status.NOT_PROCEEDING}


def allowed_transitions(current: Status) -> tuple[Status, ...]:
    """The stages a case in `current` may move to next, in the order to offer them."""
    nexts = _FORWARD[current]
    if current in _CAN_STOP:
        nexts = (*nexts, Status.NOT_PROCEEDING)
    return nexts


def can_move(current: Status, new: Status) -> bool:
    """Whether a case may move from `current` to `new`."""
    return new in allowed_transitions(current)


class ValidationError(ValueError):
    """A record that cannot be saved as it is; `field` names the input to fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a record, for showing beside the input."""

    field: str
    message: str


def _text_problems(values: dict[str, tuple[str, str, int]]) -> list[Problem]:
    problems = []
    for name, (label, value, limit) in values.items():
        if len(value) > limit:
            problems.append(
                Problem(
                    name, f"{label} is {len(value):,} characters long; keep it under {limit:,}."
                )
            )
        if "\x00" in value:
            problems.append(Problem(name, f"{label} contains a character that cannot be saved."))
    return problems


def case_problems(case: Case, today: date) -> list[Problem]:
    """Everything that stops `case` being saved, in the order of the form."""
    problems: list[Problem] = []
    if not case.organisation.strip():
        problems.append(Problem("organisation", "Add the organisation (for example the school)."))
    if not case.summary.strip():
        problems.append(Problem("summary", "Add a short summary of what happened."))
    if case.referral_date > today:
        problems.append(Problem("referral_date", "The referral date cannot be in the future."))
    if case.incident_date is not None and case.incident_date > case.referral_date:
        problems.append(
            Problem("incident_date", "The incident date cannot be after the referral date.")
        )
    problems += _text_problems(
        {
            "organisation": ("The organisation", case.organisation, MAX_SHORT_TEXT),
            "venue": ("The venue", case.venue, MAX_SHORT_TEXT),
            "facilitator": ("The facilitator's name", case.facilitator, MAX_SHORT_TEXT),
            "co_facilitator": ("The co-facilitator's name", case.co_facilitator, MAX_SHORT_TEXT),
            "summary": ("The summary", case.summary, MAX_LONG_TEXT),
        }
    )
    return problems


def person_problems(person: Person, today: date) -> list[Problem]:
    """Everything that stops `person` being saved."""
    problems: list[Problem] = []
    if not person.name.strip():
        problems.append(Problem("name", "Add the person's name."))
    if person.date_of_birth is not None and person.date_of_birth > today:
        problems.append(Problem("date_of_birth", "The date of birth cannot be in the future."))
    if person.role is Role.SUPPORTER and not person.supports_person_id:
        problems.append(Problem("supports_person_id", "Choose who this person is supporting."))
    problems += _text_problems(
        {
            "name": ("The name", person.name, MAX_SHORT_TEXT),
            "preferred_name": ("The preferred name", person.preferred_name, MAX_SHORT_TEXT),
            "pronouns": ("The pronouns", person.pronouns, MAX_SHORT_TEXT),
            "relationship": ("The relationship", person.relationship, MAX_LONG_TEXT),
            "contact_details": ("The contact details", person.contact_details, MAX_LONG_TEXT),
            "communication_needs": (
                "The communication and access needs",
                person.communication_needs,
                MAX_LONG_TEXT,
            ),
            "interpreter_language": (
                "The interpreter language",
                person.interpreter_language,
                MAX_SHORT_TEXT,
            ),
        }
    )
    return problems


def contact_problems(contact: Contact, today: date) -> list[Problem]:
    """Everything that stops `contact` being saved."""
    problems: list[Problem] = []
    if contact.contact_date > today:
        problems.append(Problem("contact_date", "A contact cannot be logged in the future."))
    if not contact.by_whom.strip():
        problems.append(Problem("by_whom", "Add who made the contact."))
    problems += _text_problems(
        {
            "by_whom": ("The name", contact.by_whom, MAX_SHORT_TEXT),
            "note": ("The note", contact.note, MAX_LONG_TEXT),
        }
    )
    return problems


def move_problems(
    new_status: Status, reason: NotProceedingReason | None, note: str
) -> list[Problem]:
    """What stops a move to `new_status` being recorded (the stage order is checked apart)."""
    problems: list[Problem] = []
    if new_status is Status.NOT_PROCEEDING and reason is None:
        problems.append(Problem("reason", "Choose why the case is not going ahead."))
    if reason is NotProceedingReason.OTHER and not note.strip():
        problems.append(Problem("note", "Say briefly why the case is not going ahead."))
    problems += _text_problems({"note": ("The note", note, MAX_LONG_TEXT)})
    return problems


def raise_first(problems: list[Problem]) -> None:
    """Raise the first problem as a ValidationError, if there is one."""
    if problems:
        raise ValidationError(problems[0].field, problems[0].message)
