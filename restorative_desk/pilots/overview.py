"""One school's pilot at a glance: sessions by activity per month, outcomes, follow-ups due and
training delivered. Built from counts the store adds up; every count goes through Count.of, so
1 to 4 is shown as "<5" (our strict reading of "every figure that counts people"). Where a
total would give a "<5" away, a partner count of 5 or more is withheld too, shown as "hidden"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..reports.figures import ChartKind, Count, FigureRow, FigureTable, protected_counts
from .records import Organisation, PilotActivity, PilotEntry, PilotOutcome

BY_MONTH = "pilot_sessions_by_month"
OUTCOMES = "pilot_outcomes"
TRAINING = "pilot_training"
NO_OUTCOME = "No outcome given"
TRAINING_ACTIVITIES = tuple(activity for activity in PilotActivity if activity.is_training)
TRAINING_COLUMNS = ("Sessions", "Staff", "Pupils", "Attendance")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class TrainingTotals:
    """What the store adds up for one training activity."""

    sessions: int = 0
    staff: int = 0
    pupils: int = 0


@dataclass(frozen=True)
class PilotOverview:
    """One organisation's pilot over a date range (inclusive)."""

    organisation: Organisation
    start: date
    end: date
    sessions: Count  # every session in the range
    by_month: FigureTable
    outcomes: FigureTable
    follow_ups: tuple[PilotEntry, ...]  # due soon or lately passed, by the store's today
    training: FigureTable

    @property
    def tables(self) -> tuple[FigureTable, ...]:
        return (self.by_month, self.outcomes, self.training)


def month_keys(start: date, end: date) -> list[str]:
    """Every month from `start` to `end` as "2026-09", in order."""
    keys = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


def month_label(key: str) -> str:
    """"2026-09" as "Sep 2026"."""
    year, month = key.split("-")
    return f"{_MONTHS[int(month) - 1]} {year}"


def build_overview(
    organisation: Organisation,
    start: date,
    end: date,
    *,
    monthly: Mapping[tuple[str, PilotActivity], int],
    outcomes: Mapping[PilotOutcome | None, tuple[int, int]],
    training: Mapping[PilotActivity, TrainingTotals],
    follow_ups: Sequence[PilotEntry],
) -> PilotOverview:
    """The overview from the store's sums: sessions per (month key, activity); sessions and
    pupils per outcome (None: none given); totals per training activity."""
    return PilotOverview(
        organisation=organisation,
        start=start,
        end=end,
        sessions=Count.of(sum(monthly.values())),
        by_month=_by_month(start, end, monthly),
        outcomes=_outcomes(outcomes),
        follow_ups=tuple(follow_ups),
        training=_training(training),
    )


def _by_month(
    start: date, end: date, monthly: Mapping[tuple[str, PilotActivity], int]
) -> FigureTable:
    used = [a for a in PilotActivity if any(monthly.get((k, a), 0) for k in month_keys(start, end))]
    rows: tuple[FigureRow, ...] = ()
    if used:
        rows = tuple(
            FigureRow(month_label(key), tuple(Count.of(monthly.get((key, a), 0)) for a in used))
            for key in month_keys(start, end)
        )
    return FigureTable(
        key=BY_MONTH,
        title="Sessions by activity, per month",
        row_heading="Month",
        columns=tuple(activity.label for activity in used),
        rows=rows,
        chart=ChartKind.STACKED,
        note="Only activities recorded in these dates are shown.",
    )


def _outcomes(outcomes: Mapping[PilotOutcome | None, tuple[int, int]]) -> FigureTable:
    rows = [
        FigureRow(outcome.label, tuple(Count.of(n) for n in outcomes.get(outcome, (0, 0))))
        for outcome in PilotOutcome
    ]
    if sum(outcomes.get(None, (0, 0))):
        rows.append(FigureRow(NO_OUTCOME, tuple(Count.of(n) for n in outcomes[None])))
    if not any(sum(counts) for counts in outcomes.values()):
        rows = []
    return FigureTable(
        key=OUTCOMES,
        title="Outcomes",
        row_heading="Outcome",
        columns=("Sessions", "Pupils involved"),
        rows=tuple(rows),
        chart=ChartKind.BARS,
        note="Training sessions are not asked for an outcome.",
    )


def _training(training: Mapping[PilotActivity, TrainingTotals]) -> FigureTable:
    rows = []
    for activity in TRAINING_ACTIVITIES:
        totals = training.get(activity, TrainingTotals())
        # Attendance (staff and pupils) is shown, so a single small part is hidden with a partner.
        staff, pupils = protected_counts([totals.staff, totals.pupils], total_shown=True)
        rows.append(
            FigureRow(
                activity.label,
                (Count.of(totals.sessions), staff, pupils, Count.of(totals.staff + totals.pupils)),
            )
        )
    if not any(training.get(a, TrainingTotals()).sessions for a in TRAINING_ACTIVITIES):
        rows = []
    return FigureTable(
        key=TRAINING,
        title="Training delivered",
        row_heading="Training",
        columns=TRAINING_COLUMNS,
        rows=tuple(rows),
        chart=ChartKind.BARS,
        note="Attendance is the staff and pupils trained, together.",
    )


def school_year_start(today: date) -> date:
    """1 September of the school year `today` falls in (the overview's first day by default)."""
    return date(today.year if today.month >= 9 else today.year - 1, 9, 1)
