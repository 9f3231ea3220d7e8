"""What makes a feedback record valid (problems by field, for forms to show beside the input).

Every answer on a feedback form may be left out, but a form with no answers at all is not
feedback: at least one is needed."""

from __future__ import annotations

from datetime import date

from ..records import Role
from ..rules import MAX_SHORT_TEXT, Problem
from .records import SATISFACTION_SCALE, ParticipantFeedback, PartnerFeedback, StaffReflection

# A comment box on paper holds a few sentences; typing in more than this is not feedback any
# more but a statement, which belongs in the case notes.
MAX_COMMENT = 2_000

# Facilitators give a staff reflection rather than participant feedback.
STAFF_ROLES = frozenset({Role.FACILITATOR, Role.CO_FACILITATOR})


def _text(problems: list[Problem], field: str, label: str, value: str, limit: int) -> None:
    if len(value) > limit:
        problems.append(
            Problem(field, f"{label} is {len(value):,} characters long; keep it under {limit:,}.")
        )
    if "\x00" in value:
        problems.append(Problem(field, f"{label} contains a character that cannot be saved."))


def _score(problems: list[Problem], field: str, label: str, value: int | None) -> None:
    if value is not None and value not in SATISFACTION_SCALE:
        problems.append(Problem(field, f"{label} is from 1 to 5 (or left blank)."))


def _given_on(
    problems: list[Problem], given_on: date, today: date, referral_date: date | None
) -> None:
    if given_on > today:
        problems.append(Problem("given_on", "The date it was given cannot be in the future."))
    elif referral_date is not None and given_on < referral_date:
        problems.append(
            Problem("given_on", "The date it was given cannot be before the referral date.")
        )


def participant_feedback_problems(
    feedback: ParticipantFeedback,
    *,
    today: date,
    referral_date: date | None,
    role_on_case: Role | None = None,
) -> list[Problem]:
    """What stops a participant's feedback being saved. `role_on_case` is the role of the
    person named by `feedback.person_id` (None when no one is named)."""
    problems: list[Problem] = []
    if feedback.role in STAFF_ROLES:
        problems.append(
            Problem("role", "Facilitators give a staff reflection rather than this form.")
        )
    elif role_on_case is not None and feedback.person_id and role_on_case is not feedback.role:
        problems.append(
            Problem("role", "The role chosen is not this person's role on the case.")
        )
    _given_on(problems, feedback.given_on, today, referral_date)
    _score(problems, "satisfaction", "Satisfaction", feedback.satisfaction)
    _text(problems, "comment", "The comment", feedback.comment, MAX_COMMENT)
    answers = (
        feedback.felt_safe, feedback.felt_heard, feedback.understood_next,
        feedback.real_choice, feedback.would_recommend,
    )
    if feedback.satisfaction is None and all(a is None for a in answers) and (
        not feedback.comment.strip()
    ):
        problems.append(Problem("satisfaction", "Give at least one answer, or a comment."))
    return problems


def staff_reflection_problems(
    reflection: StaffReflection, *, today: date, referral_date: date | None
) -> list[Problem]:
    """What stops a staff reflection being saved: it needs who gave it, and one answer."""
    problems: list[Problem] = []
    if not reflection.by_whom.strip():
        problems.append(Problem("by_whom", "Add who is reflecting (a name or initials)."))
    _text(problems, "by_whom", "The name", reflection.by_whom, MAX_SHORT_TEXT)
    _given_on(problems, reflection.given_on, today, referral_date)
    _score(problems, "prepared", "How well prepared everyone was", reflection.prepared)
    _score(problems, "impact", "The impact on your practice", reflection.impact)
    _text(problems, "went_well", "What went well", reflection.went_well, MAX_COMMENT)
    _text(problems, "do_differently", "What you would do differently",
          reflection.do_differently, MAX_COMMENT)
    if (
        reflection.prepared is None
        and reflection.impact is None
        and not reflection.went_well.strip()
        and not reflection.do_differently.strip()
        and not reflection.support_needed
    ):
        problems.append(Problem("prepared", "Give at least one answer, or a few words."))
    return problems


def partner_feedback_problems(
    feedback: PartnerFeedback, *, today: date, referral_date: date | None
) -> list[Problem]:
    """What stops a partner agency's feedback being saved (`referral_date` of its case, if
    it is about one)."""
    problems: list[Problem] = []
    _text(problems, "organisation", "The organisation", feedback.organisation, MAX_SHORT_TEXT)
    _given_on(problems, feedback.given_on, today, referral_date)
    _score(problems, "satisfaction", "Satisfaction", feedback.satisfaction)
    _text(problems, "comment", "The comment", feedback.comment, MAX_COMMENT)
    if (
        feedback.satisfaction is None
        and feedback.kept_informed is None
        and feedback.would_refer_again is None
        and not feedback.comment.strip()
    ):
        problems.append(Problem("satisfaction", "Give at least one answer, or a comment."))
    return problems
