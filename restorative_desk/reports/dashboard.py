"""The dashboard's figures from the store's tallies: pure functions, no SQL, no Qt.

Every count is shown through Count / protect_grid, every percentage through share and every
median through middle, so 1 to 4 is always "<5". Where a table's row or column totals are shown
(or can be worked out from a share, or from another table), a lone withheld cell is joined by
another so it cannot be found by subtraction (reports/suppression.py). A share whose count is
withheld is withheld too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from ..agreements.records import AgreementStatus
from ..records import Setting
from .dashboard_people import (
    pilot_tables,
    satisfaction_tables,
    stage_tables,
    who_were_positive,
)
from .figures import (
    ChartKind,
    Count,
    Dashboard,
    FigureRow,
    FigureTable,
    Headline,
    Measure,
    ReportFilter,
    middle,
    protected_counts,
    share,
    withheld_because,
)
from .suppression import protect_grid
from .tallies import ReportTallies

ALL_SETTINGS = "All settings"
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
               "Dec")  # fmt: skip
BANDS = (("Up to 2 weeks", 0, 14), ("2 to 4 weeks", 15, 28), ("4 to 8 weeks", 29, 56),
         ("Over 8 weeks", 57, None))  # fmt: skip
WITHIN_DAYS = 28
OUTCOMES = (AgreementStatus.COMPLETED, AgreementStatus.PARTLY_COMPLETED,
            AgreementStatus.NOT_COMPLETED)  # fmt: skip
SMALL_NOTE = ("Counts of 1 to 4 are shown as <5, and where a total would give one away, "
              "another count beside it is withheld too.")  # fmt: skip


def build_dashboard(report_filter: ReportFilter, tallies: ReportTallies) -> Dashboard:
    """Every table and headline for the filter, built from exact tallies."""
    settings = settings_shown(report_filter, tallies)
    days = [d for counts in tallies.days_to_conference.values() for d in _values(counts)]
    tables = (
        *month_tables(report_filter, tallies, settings),
        *conference_time_tables(tallies, settings),
        agreement_table(tallies, settings),
        *satisfaction_tables(tallies),
        *pilot_tables(tallies),
        *stage_tables(tallies),
    )
    completed = sum(n for (_, status), n in tallies.agreement_outcomes.items()
                    if status == AgreementStatus.COMPLETED.value)  # fmt: skip
    closed = sum(tallies.agreement_outcomes.values())
    harmed = who_were_positive(tallies, "person_harmed")
    headlines = (
        Headline("Referrals", Count.of(sum(tallies.referrals.values()))),
        Headline("Conferences held", Count.of(sum(tallies.conferences.values()))),
        Headline("Median days from referral to conference", middle(days)),
        Headline("People harmed who were satisfied", harmed("satisfied"),
                 "85% in the Ministry of Justice evaluation (Shapland et al.)"),
        Headline("People harmed who would recommend it", harmed("would_recommend"),
                 "78% in the same evaluation"),
        Headline("Staff: high impact on practice",
                 share(tallies.staff.positive["high_impact"],
                       tallies.staff.answered["high_impact"]),
                 "60% of staff in Lewisham's pilot"),
        Headline("Agreements completed", share(completed, closed)),
    )  # fmt: skip
    return Dashboard(report_filter, headlines, tables)


def settings_shown(report_filter: ReportFilter, tallies: ReportTallies) -> tuple[Setting, ...]:
    """The settings chosen in the filter; with none chosen, those with a case referred or a
    conference held in the period (all four when there are none at all)."""
    if report_filter.settings:
        return tuple(s for s in Setting if s in report_filter.settings)
    present = {setting for _, setting in tallies.referrals}
    present |= {setting for _, setting in tallies.conferences}
    present |= {setting for setting, _ in tallies.agreement_outcomes}
    return tuple(s for s in Setting if s.value in present) or tuple(Setting)


def months_between(start: date, end: date) -> list[str]:
    """Every month from `start`'s to `end`'s as "YYYY-MM"."""
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_label(month: str) -> str:
    """"2026-09" as "Sep 2026"."""
    year, number = month.split("-")
    return f"{MONTH_NAMES[int(number) - 1]} {year}"


def _grid_rows(labels: Sequence[str], cells: list[list[Count]]) -> tuple[FigureRow, ...]:
    return tuple(FigureRow(label, tuple(row)) for label, row in zip(labels, cells, strict=True))


def month_tables(
    report_filter: ReportFilter, tallies: ReportTallies, settings: Sequence[Setting]
) -> tuple[FigureTable, FigureTable]:
    """Referrals and conferences by month and setting."""
    months = months_between(report_filter.start, report_filter.end)
    labels = [month_label(m) for m in months]
    columns = tuple(s.label for s in settings)

    def grid(counts: Counter[tuple[str, str]]) -> list[list[Count]]:
        body = [[counts[(m, s.value)] for s in settings] for m in months]
        # A setting's total over the period is shown elsewhere (time to conference, headlines).
        return protect_grid(body, row_totals=False, column_totals=True)

    referrals = FigureTable(
        "referrals_by_month", "Referrals by month", "Month", columns,
        _grid_rows(labels, grid(tallies.referrals)), ChartKind.LINE,
        "Cases referred, counted in the month of their referral date. " + SMALL_NOTE,
    )
    conferences = FigureTable(
        "conferences_by_month", "Conferences held by month", "Month", columns,
        _grid_rows(labels, grid(tallies.conferences)), ChartKind.LINE,
        "Cases whose conference was held, counted in the month the case first moved to "
        "'Conference held'. " + SMALL_NOTE,
    )  # fmt: skip
    return referrals, conferences


def _values(counts: Counter[int]) -> list[float]:
    """A histogram {days: how many} as the list of values it counts."""
    values: list[float] = []
    for days in sorted(counts):
        values += [float(days)] * counts[days]
    return values


def _in_band(counts: Counter[int], low: int, high: int | None) -> int:
    return sum(n for d, n in counts.items() if d >= low and (high is None or d <= high))


def conference_time_tables(
    tallies: ReportTallies, settings: Sequence[Setting]
) -> tuple[FigureTable, FigureTable]:
    """Time from referral to conference per setting, and in bands of weeks."""
    histograms = [tallies.days_to_conference.get(s.value, Counter()) for s in settings]
    everything: Counter[int] = Counter()
    for histogram in histograms:
        everything.update(histogram)
    totals = [sum(h.values()) for h in histograms]
    shown = protected_counts(totals, total_shown=True)
    rows = []
    for label, histogram, count in zip(
        [*(s.label for s in settings), ALL_SETTINGS], [*histograms, everything],
        [*shown, Count.of(sum(totals))], strict=True,
    ):  # fmt: skip
        within = share(_in_band(histogram, 0, WITHIN_DAYS), sum(histogram.values()))
        rows.append(FigureRow(label, (count, middle(_values(histogram)), _unless(count, within))))
    timing = FigureTable(
        "time_to_conference", "Time from referral to conference", "Setting",
        ("Conferences", "Median days", "Within 4 weeks"), tuple(rows), ChartKind.BARS,
        "Conferences held in the period (by the day the case first moved to 'Conference "
        "held'), and the days from the case's referral date to that day. A median is shown "
        "over 5 or more conferences. " + SMALL_NOTE,
    )  # fmt: skip
    body = [[_in_band(h, low, high) for h in histograms] for _, low, high in BANDS]
    bands = FigureTable(
        "time_to_conference_bands", "Weeks from referral to conference", "Time taken",
        tuple(s.label for s in settings),
        _grid_rows([b[0] for b in BANDS], protect_grid(body, row_totals=True, column_totals=True)),
        ChartKind.STACKED,
        "Conferences held in the period by how long they took from referral: up to 14 days, "
        "15 to 28, 29 to 56, more than 56. " + SMALL_NOTE,
    )  # fmt: skip
    return timing, bands


def _unless(count: Count, measure: Measure) -> Measure:
    """The measure, withheld when the count it is a share of is withheld."""
    return Measure(None, measure.unit, withheld_because(count)) if count.withheld else measure


def agreement_table(tallies: ReportTallies, settings: Sequence[Setting]) -> FigureTable:
    """How closed agreements ended, per setting."""
    body = [[tallies.agreement_outcomes[(s.value, o.value)] for o in OUTCOMES] for s in settings]
    # Each row's total can be worked out from its share; each column's is in "All settings".
    cells = protect_grid(body, row_totals=True, column_totals=True)
    totals = [sum(column) for column in zip(*body, strict=True)] if body else [0, 0, 0]
    rows = [
        FigureRow(s.label, (*row, _completed_share(counts, row)))
        for s, counts, row in zip(settings, body, cells, strict=True)
    ]
    total_cells = protected_counts(totals, total_shown=True)
    rows.append(FigureRow(ALL_SETTINGS, (*total_cells, _completed_share(totals, total_cells))))
    return FigureTable(
        "agreement_outcomes", "How agreements ended", "Setting",
        ("Completed", "Partly completed", "Not completed", "Completed (share)"), tuple(rows),
        ChartKind.STACKED,
        "Agreements closed in the period (by the day they closed), the latest version of each "
        "case's agreement. " + SMALL_NOTE,
        charted=(0, 1, 2),
    )  # fmt: skip


def _completed_share(counts: Sequence[int], cells: Iterable[Count]) -> Measure:
    measure = share(counts[0], sum(counts))
    return _unless(next(iter(cells)), measure)
