"""Retention: how long closed cases are kept, and which are due for review and erasure.

The organisation's policy decides the periods; the app only applies them. Periods are counted
from the day a case was closed (or stopped, if it did not proceed).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from .records import Setting, Status

RETENTION_SETTING_KEY = "retention_months"
DEFAULT_RETENTION_MONTHS = 72
MIN_RETENTION_MONTHS = 1
MAX_RETENTION_MONTHS = 1200
ENDED_STATUSES = frozenset({Status.CLOSED, Status.NOT_PROCEEDING})
POLICY_NOTE = (
    "Your organisation's retention policy decides these periods. They count from the day a "
    "case was closed or stopped."
)


@dataclass(frozen=True)
class EndedCase:
    """A closed (or not proceeding) case and the day it ended."""

    id: str
    reference: str
    setting: Setting
    status: Status
    ended_on: date


@dataclass(frozen=True)
class RetentionDue:
    """An ended case whose retention period has run out."""

    case: EndedCase
    keep_until: date


def retention_periods(saved: Mapping[str, int] | None) -> dict[Setting, int]:
    """Months to keep each setting's closed cases, from what is saved (defaults elsewhere)."""
    saved = saved or {}
    periods = {}
    for setting in Setting:
        value = saved.get(setting.value, DEFAULT_RETENTION_MONTHS)
        valid = isinstance(value, int) and MIN_RETENTION_MONTHS <= value <= MAX_RETENTION_MONTHS
        periods[setting] = value if valid else DEFAULT_RETENTION_MONTHS
    return periods


def keep_until(ended_on: date, months: int) -> date:
    """The last day a case ended on `ended_on` is kept."""
    last_day: date = ended_on + relativedelta(months=months)
    return last_day


def past_retention(
    ended: list[EndedCase], periods: Mapping[Setting, int], today: date
) -> list[RetentionDue]:
    """The ended cases kept longer than their setting's period allows, oldest first."""
    due = [
        RetentionDue(case, keep_until(case.ended_on, periods[case.setting]))
        for case in ended
        if case.status in ENDED_STATUSES
    ]
    return sorted((d for d in due if d.keep_until < today), key=lambda d: d.keep_until)
