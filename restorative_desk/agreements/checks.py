"""What makes an agreement record valid (problems by field, for forms to show beside the input).

These block saving; wording_check.py only ever suggests."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from ..rules import MAX_LONG_TEXT, MAX_SHORT_TEXT, Problem
from .records import OUTCOMES, Agreement, AgreementAction, AgreementStatus, Review, Signoff

# The smallest reason worth recording for a new version.
MIN_REASON = 5


def _text(problems: list[Problem], field: str, label: str, value: str, limit: int) -> None:
    if len(value) > limit:
        problems.append(
            Problem(field, f"{label} is {len(value):,} characters long; keep it under {limit:,}.")
        )
    if "\x00" in value:
        problems.append(Problem(field, f"{label} contains a character that cannot be saved."))


def action_problems(action: AgreementAction, index: int = 0) -> list[Problem]:
    """An action says what will be done; the wording check suggests the rest."""
    where = f"actions.{index}"
    problems: list[Problem] = []
    if not action.what.strip():
        problems.append(Problem(f"{where}.what", f"Action {index + 1}: write what will be done."))
    for name, label, limit in (
        ("what", "What will be done", MAX_LONG_TEXT),
        ("who", "Who will do it", MAX_SHORT_TEXT),
        ("for_whom", "Who it is for", MAX_SHORT_TEXT),
        ("how_known", "How everyone will know", MAX_LONG_TEXT),
        ("support", "The support", MAX_LONG_TEXT),
    ):
        _text(problems, f"{where}.{name}", f"Action {index + 1}: {label}", getattr(action, name),
              limit)
    return problems


def draft_problems(agreement: Agreement) -> list[Problem]:
    """What stops a draft being saved."""
    problems: list[Problem] = []
    _text(problems, "summary", "The summary", agreement.summary, MAX_LONG_TEXT)
    _text(problems, "own_words", "The young person's own words", agreement.own_words,
          MAX_LONG_TEXT)
    _text(problems, "change_reason", "The reason for the change", agreement.change_reason,
          MAX_LONG_TEXT)
    if agreement.version > 1 and len(agreement.change_reason.strip()) < MIN_REASON:
        problems.append(Problem("change_reason", "Say briefly why this version is needed."))
    for index, action in enumerate(agreement.actions):
        problems += action_problems(action, index)
    return problems


def agree_problems(
    agreement: Agreement, agreed_on: date, signoffs: Collection[Signoff], people: Collection[str],
    today: date,
) -> list[Problem]:
    """What stops a draft being agreed: it needs an action, and someone's agreement."""
    problems = draft_problems(agreement)
    if not agreement.actions:
        problems.append(Problem("actions", "Add at least one action before it is agreed."))
    if agreed_on > today:
        problems.append(Problem("agreed_on", "The day it was agreed cannot be in the future."))
    if not signoffs:
        problems.append(Problem("signoffs", "Record who agreed (signed, or agreed out loud)."))
    seen: set[str] = set()
    for signoff in signoffs:
        if signoff.person_id not in people:
            problems.append(Problem("signoffs", "Someone who agreed is not on this case."))
        elif signoff.person_id in seen:
            problems.append(Problem("signoffs", "Someone's agreement is recorded twice."))
        seen.add(signoff.person_id)
        if signoff.on > today:
            problems.append(Problem("signoffs", "An agreement cannot be recorded in the future."))
        _text(problems, "signoffs", "A note on someone's agreement", signoff.note, MAX_LONG_TEXT)
    return problems


def review_problems(
    review: Review, agreement: Agreement, today: date
) -> list[Problem]:
    """A review is of an agreed agreement, held on a day since it was agreed, with at most one
    result for each of its actions."""
    problems: list[Problem] = []
    if review.held_on > today:
        problems.append(Problem("held_on", "A review cannot be recorded in the future."))
    if agreement.agreed_on is not None and review.held_on < agreement.agreed_on:
        problems.append(Problem("held_on", "A review cannot be before the agreement was made."))
    if review.next_review is not None and review.next_review <= review.held_on:
        problems.append(Problem("next_review", "The next review comes after this one."))
    _text(problems, "present", "Who was there", review.present, MAX_LONG_TEXT)
    _text(problems, "notes", "The notes", review.notes, MAX_LONG_TEXT)
    actions = {action.id for action in agreement.actions}
    seen: set[str] = set()
    for result in review.results:
        if result.action_id not in actions:
            problems.append(Problem("results", "A result is for an action not in this agreement."))
        elif result.action_id in seen:
            problems.append(Problem("results", "An action has two results in one review."))
        seen.add(result.action_id)
        _text(problems, "results", "A note on an action", result.note, MAX_LONG_TEXT)
    return problems


def close_problems(
    agreement: Agreement, outcome: AgreementStatus, outcome_note: str, closed_on: date,
    today: date,
) -> list[Problem]:
    """Closing records an outcome, on a day since it was agreed; unless everything was done,
    the note says what happened and what happens next."""
    problems: list[Problem] = []
    if outcome not in OUTCOMES:
        problems.append(Problem("status", "Choose the outcome: completed, partly or not."))
    elif outcome is not AgreementStatus.COMPLETED and not outcome_note.strip():
        problems.append(Problem("outcome_note", "Say what happened and what happens next."))
    if closed_on > today:
        problems.append(Problem("closed_on", "The day it closed cannot be in the future."))
    if agreement.agreed_on is not None and closed_on < agreement.agreed_on:
        problems.append(Problem("closed_on", "It cannot close before it was agreed."))
    _text(problems, "outcome_note", "The outcome note", outcome_note, MAX_LONG_TEXT)
    return problems
