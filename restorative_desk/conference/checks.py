"""What makes a conference record valid (problems by field, for forms to show)."""

from __future__ import annotations

from datetime import date

from ..rules import MAX_LONG_TEXT, MAX_SHORT_TEXT, Problem
from .records import PauseDecision, ProposedAction, SafetyPause


def _too_long(problems: list[Problem], field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        problems.append(Problem(field, f"This is too long (at most {limit:,} characters)."))


def note_problems(text: str) -> list[Problem]:
    """A note may be empty (cleared) but not endless."""
    problems: list[Problem] = []
    _too_long(problems, "text", text, MAX_LONG_TEXT)
    return problems


def action_problems(action: ProposedAction, today: date) -> list[Problem]:
    """An action says what will be done; who and by when may follow as it is agreed."""
    problems: list[Problem] = []
    if not action.what.strip():
        problems.append(Problem("what", "Write what will be done."))
    _too_long(problems, "what", action.what, MAX_LONG_TEXT)
    _too_long(problems, "who", action.who, MAX_SHORT_TEXT)
    if action.by_when is not None and action.by_when < today:
        problems.append(Problem("by_when", "The date it will be done by cannot be in the past."))
    return problems


def pause_problems(pause: SafetyPause) -> list[Problem]:
    """A safety pause says what happened; ending needs a reason and the next steps."""
    problems: list[Problem] = []
    if not pause.what_happened.strip():
        problems.append(Problem("what_happened", "Write briefly what happened."))
    if pause.decision is PauseDecision.END:
        if not pause.reason.strip():
            problems.append(Problem("reason", "Write why the conference is ending."))
        if not pause.next_steps.strip():
            problems.append(Problem("next_steps", "Write what happens next for the people."))
    for field in ("what_happened", "reason", "next_steps"):
        _too_long(problems, field, getattr(pause, field), MAX_LONG_TEXT)
    return problems
