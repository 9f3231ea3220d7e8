"""Setting deadlines counted in working days (weekends and England and Wales bank holidays
excluded), such as the Victims' Code's five days and a referral order's twenty."""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..formatting import format_date
from .catalogue import DeadlineDefinition

if TYPE_CHECKING:
    from holidays import HolidayBase

YES = "Yes"


class DeadlineState(enum.Enum):
    """Where a deadline stands today; the label says it in words, never by colour alone."""

    WAITING = "waiting"  # the date it counts from is not recorded yet
    ON_TRACK = "on_track"
    NEAR = "near"
    OVERDUE = "overdue"
    MET = "met"
    MET_LATE = "met_late"

    @property
    def needs_attention(self) -> bool:
        return self in (DeadlineState.NEAR, DeadlineState.OVERDUE)


@dataclass(frozen=True)
class DeadlineStatus:
    """One deadline on one case, today."""

    definition: DeadlineDefinition
    state: DeadlineState
    due: date | None
    working_days: int  # the allowance that applies (it can be shorter under enhanced rights)
    done_on: date | None
    message: str


@functools.cache
def _calendar() -> HolidayBase:
    # Imported here: the holidays package is only needed when a deadline is shown.
    import holidays

    return holidays.country_holidays("GB", subdiv="ENG")


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start`."""
    return _calendar().get_nth_working_day(start, days)


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end is not after start)."""
    if end <= start:
        return 0
    return int(_calendar().get_working_days_count(start, end)) - (
        1 if _calendar().is_working_day(start) else 0
    )


def deadline_status(
    definition: DeadlineDefinition, facts: Mapping[str, str], today: date
) -> DeadlineStatus:
    """How `definition` stands on a case whose setting facts are `facts`."""
    days = definition.working_days
    for fact, shorter in definition.shorter_when:
        if facts.get(fact) == YES:
            days = min(days, shorter)
    start = _parse(facts.get(definition.start_fact, ""))
    done = _parse(facts.get(definition.done_fact, ""))
    if start is None:
        return DeadlineStatus(
            definition, DeadlineState.WAITING, None, days, done,
            f"Counts {days} working day{'s' if days != 1 else ''} from the start date, "
            "once it is recorded.",
        )
    due = add_working_days(start, days)
    if done is not None:
        if done <= due:
            state = DeadlineState.MET
            message = f"Met on {format_date(done)} (due {format_date(due)})."
        else:
            late = working_days_between(due, done)
            state = DeadlineState.MET_LATE
            # Done at a weekend after a Friday deadline is late by a day or two, not by a
            # working day: say so without a count of nothing.
            by = f", {_days(late)} late" if late else ""
            message = f"Met late on {format_date(done)}: due {format_date(due)}{by}."
    elif today > due:
        state = DeadlineState.OVERDUE
        message = f"Overdue: due {format_date(due)}, {_days(working_days_between(due, today))} ago."
    else:
        left = working_days_between(today, due)
        state = DeadlineState.NEAR if left <= definition.near_days else DeadlineState.ON_TRACK
        message = (
            f"Due today ({format_date(due)})." if left == 0
            else f"Due {format_date(due)}: {_days(left)} left."
        )
    return DeadlineStatus(definition, state, due, days, done, message)


def _days(count: int) -> str:
    return f"{count} working day{'s' if count != 1 else ''}"


def _parse(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
