"""A hand-built dashboard with realistic tables (and withheld cells) for the Figures view tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from restorative_desk.monitoring import CareStatus, EthnicGroup, Gender, SendStatus
from restorative_desk.records import AgeBand, Setting
from restorative_desk.reports.figures import (
    WITHHELD,
    Cell,
    ChartKind,
    Count,
    Dashboard,
    FigureRow,
    FigureTable,
    Headline,
    Measure,
    ReportFilter,
)

MONTHS = ("Dec 2025", "Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026", "May 2026",
          "Jun 2026", "Jul 2026", "Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026")
SETTINGS = tuple(setting.label for setting in Setting)
STAGES = ("Referred", "Consented", "Conference held", "Agreement completed")
SCHOOLS = ("Hillside Primary School", "Riverside Academy", "Northgate High School")
PERIOD = ReportFilter(date(2025, 12, 1), date(2026, 11, 26))


def counts(*values: int) -> tuple[Cell, ...]:
    """Cells for these counts, 1 to 4 withheld as "<5"."""
    return tuple(Count.of(value) for value in values)


def percent(*values: float | None) -> tuple[Cell, ...]:
    """Percentages; None is withheld."""
    return tuple(Measure(value, "%") if value is not None else Measure(None, "%", WITHHELD)
                 for value in values)


def _table(key: str, title: str, heading: str, columns: Sequence[str],
           rows: Sequence[tuple[str, tuple[Cell, ...]]], chart: ChartKind,
           note: str = "") -> FigureTable:
    return FigureTable(key, title, heading, tuple(columns),
                       tuple(FigureRow(label, cells) for label, cells in rows), chart, note)


def _by_month(key: str, title: str, values: Sequence[Sequence[int]]) -> FigureTable:
    return _table(key, title, "Month", SETTINGS,
                  [(month, counts(*row)) for month, row in zip(MONTHS, values, strict=True)],
                  ChartKind.LINE)


def _stages(key: str, title: str, groups: Sequence[str],
            values: Sequence[Sequence[int]]) -> FigureTable:
    return _table(key, title, "Group", STAGES,
                  [(group, counts(*row)) for group, row in zip(groups, values, strict=True)],
                  ChartKind.BARS, "Compare each group's share from stage to stage.")


def sample_tables() -> tuple[FigureTable, ...]:
    """Every table the dashboard shows, with some cells withheld."""
    referrals = _by_month("referrals_by_month", "Referrals by month", [
        (18, 6, 9, 0), (22, 7, 11, 3), (25, 5, 12, 0), (42, 8, 14, 2), (30, 2, 10, 5),
        (33, 9, 13, 0), (28, 6, 9, 6), (12, 7, 8, 0), (0, 5, 7, 0), (35, 8, 12, 4),
        (38, 10, 15, 0), (31, 6, 11, 5)])
    conferences = _by_month("conferences_by_month", "Conferences held by month", [
        (9, 3, 5, 0), (11, 0, 6, 0), (14, 5, 7, 0), (19, 5, 8, 0), (16, 0, 6, 2),
        (15, 6, 7, 0), (13, 0, 5, 0), (6, 2, 5, 0), (0, 0, 3, 0), (17, 5, 6, 0),
        (20, 6, 9, 0), (18, 5, 7, 0)])
    time_to = _table(
        "time_to_conference", "Days from referral to conference", "Setting",
        ("Median days", "Longest quarter (days)"),
        [(SETTINGS[0], (Measure(12, "days"), Measure(21, "days"))),
         (SETTINGS[1], (Measure(18, "days"), Measure(30, "days"))),
         (SETTINGS[2], (Measure(26, "days"), Measure(41, "days"))),
         (SETTINGS[3], (Measure(None, "days", WITHHELD), Measure(None, "days", WITHHELD)))],
        ChartKind.BARS, "Half of conferences were held sooner than the median.")
    bands = _table(
        "time_to_conference_bands", "How long until the conference", "Time",
        SETTINGS,
        [("Within 2 weeks", counts(88, 14, 12, 3)), ("2 to 4 weeks", counts(61, 22, 31, 0)),
         ("4 to 8 weeks", counts(24, 9, 27, 2)), ("Over 8 weeks", counts(6, 3, 9, 0))],
        ChartKind.STACKED)
    outcomes = _table(
        "agreement_outcomes", "Agreements: how they ended", "Setting",
        ("Completed", "Partly completed", "Not completed", "Completed (share)"),
        [(SETTINGS[0], (*counts(96, 18, 7), *percent(79))),
         (SETTINGS[1], (*counts(21, 6, 3), *percent(None))),
         (SETTINGS[2], (*counts(38, 11, 9), *percent(66))),
         (SETTINGS[3], (*counts(4, 0, 0), *percent(None)))],
        ChartKind.STACKED)
    satisfaction = _table(
        "satisfaction_by_role", "Satisfaction by role", "Role",
        ("Satisfied", "Felt safe", "Felt heard", "Would recommend"),
        [("Person harmed", percent(88, 92, 90, 81)),
         ("Person responsible", percent(79, 85, 83, 74)),
         ("Supporters", percent(91, 95, 89, 86)),
         ("Others taking part", percent(None, None, None, None))],
        ChartKind.BARS, "Satisfied: 4 or 5 on the 1 to 5 scale.")
    staff = _table(
        "staff_and_partners", "Staff and partner agencies", "Who",
        ("Responses", "Found it useful", "Would refer again"),
        [("School staff", (*counts(64), *percent(86, 90))),
         ("Care home staff", (*counts(17), *percent(71, 82))),
         ("YOS staff", (*counts(22), *percent(77, 86))),
         ("Partner agencies", (*counts(3), *percent(None, None)))],
        ChartKind.BARS)
    activity = _table(
        "pilot_activity_by_school", "Pilot sessions by school", "School",
        ("Restorative conversations", "Circles", "Mini and full conferences", "Training"),
        [(SCHOOLS[0], counts(142, 61, 12, 9)), (SCHOOLS[1], counts(118, 34, 8, 3)),
         (SCHOOLS[2], counts(97, 22, 15, 6))],
        ChartKind.STACKED)
    pilot_outcomes = _table(
        "pilot_outcomes", "Pilot session outcomes", "School",
        ("Resolved", "Agreement made", "Follow-up needed", "Referred on"),
        [(SCHOOLS[0], counts(150, 44, 21, 2)), (SCHOOLS[1], counts(101, 30, 19, 0)),
         (SCHOOLS[2], counts(88, 27, 16, 7))],
        ChartKind.STACKED)
    ethnicity = _stages(
        "stages_by_ethnicity", "Each stage by ethnic group",
        [*(group.label for group in EthnicGroup), "Not recorded"],
        [(38, 30, 24, 19), (61, 41, 30, 22), (29, 22, 15, 11), (198, 160, 121, 96),
         (9, 6, 3, 2), (17, 12, 8, 6)])
    gender = _stages(
        "stages_by_gender", "Each stage by gender", [g.label for g in Gender],
        [(141, 112, 86, 70), (199, 150, 112, 85), (6, 5, 3, 0), (6, 4, 0, 0)])
    ages = _stages(
        "stages_by_age_band", "Each stage by age band", [a.label for a in AgeBand][:4],
        [(64, 55, 44, 38), (131, 101, 77, 63), (97, 72, 52, 39), (60, 43, 28, 15)])
    send = _stages(
        "stages_by_send", "Each stage by SEND or disability", [s.label for s in SendStatus],
        [(34, 24, 15, 10), (71, 55, 41, 31), (8, 6, 3, 2), (229, 182, 139, 112), (10, 4, 2, 0)])
    care = _stages(
        "stages_by_care_status", "Each stage by care status", [c.label for c in CareStatus],
        [(41, 29, 18, 11), (23, 17, 12, 8), (288, 225, 171, 136)])
    return (referrals, conferences, time_to, bands, outcomes, satisfaction, staff, activity,
            pilot_outcomes, ethnicity, gender, ages, send, care)


def sample_headlines() -> tuple[Headline, ...]:
    """The figures at the top, some beside a published one."""
    return (
        Headline("Referrals", Count.of(352)),
        Headline("Conferences held", Count.of(171)),
        Headline("Median days to a conference", Measure(16, "days")),
        Headline("People harmed who were satisfied", Measure(88, "%"),
                 "85% in the Ministry of Justice evaluation"),
        Headline("Would recommend it", Measure(81, "%"),
                 "78% in the Ministry of Justice evaluation"),
        Headline("Agreements completed", Measure(74, "%")),
    )


def sample_dashboard(report_filter: ReportFilter = PERIOD) -> Dashboard:
    """A realistic dashboard for `report_filter` (the same figures whatever the filter)."""
    return Dashboard(report_filter, sample_headlines(), sample_tables())


def empty_dashboard(report_filter: ReportFilter = PERIOD) -> Dashboard:
    """A dashboard for a period with nothing recorded."""
    tables = tuple(
        FigureTable(table.key, table.title, table.row_heading, table.columns, (), table.chart)
        for table in sample_tables()
    )
    return Dashboard(report_filter, (Headline("Referrals", Count.of(0)),), tables)
