"""A realistic hand-built Dashboard for the board report: a year of a partnership's figures,
with some small counts withheld ("<5"), some percentages withheld and one table with no rows.

`WITHHELD_VALUES` are the true values behind the withheld cells of `stages_by_care_status`
(never in the dashboard itself): a test checks none of them reaches the PDF text.
"""

from __future__ import annotations

from datetime import date

from restorative_desk.records import Setting
from restorative_desk.reports.figures import (
    ChartKind,
    Count,
    Dashboard,
    FigureRow,
    FigureTable,
    Headline,
    Measure,
    ReportFilter,
    middle,
    share,
)

MONTHS = ("Dec 2025", "Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026", "May 2026", "Jun 2026",
          "Jul 2026", "Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026")  # fmt: skip
SETTINGS = ("School", "Children's care home", "Youth Offending Service", "Community")
STAGES = ("Referred", "Consented", "Conference held", "Agreement completed")
# Distinctive true values hidden behind "<5" cells (none of them appears elsewhere).
WITHHELD_VALUES = (3, 4)


def _counts(*values: int) -> tuple[Count, ...]:
    return tuple(Count.of(value) for value in values)


def _stage_row(label: str, referred: int, consented: int, held: int, completed: int) -> FigureRow:
    counts = _counts(referred, consented, held, completed)
    return FigureRow(label, (*counts, share(held, referred)))


def _stages(key: str, title: str, heading: str, rows: list[tuple[str, int, int, int, int]]
            ) -> FigureTable:
    return FigureTable(
        key=key,
        title=title,
        row_heading=heading,
        columns=(*STAGES, "Share reaching conference"),
        rows=tuple(_stage_row(*row) for row in rows),
        chart=ChartKind.BARS,
        note="The share is of those referred. Groups of fewer than 5 are shown as <5.",
    )


def sample_dashboard(
    *, start: date = date(2025, 12, 1), end: date = date(2026, 11, 26),
    settings: frozenset[Setting] = frozenset(), organisation: str = "",
) -> Dashboard:
    """A year of figures with withheld cells in several tables."""
    referrals = [(31, 6, 12, 3), (28, 7, 9, 0), (35, 5, 14, 2), (40, 8, 11, 6), (33, 6, 10, 5),
                 (29, 9, 13, 4), (22, 5, 8, 0), (9, 6, 10, 1), (12, 7, 9, 5), (38, 8, 15, 6),
                 (42, 10, 12, 7), (36, 7, 11, 5)]  # fmt: skip
    conferences = [(14, 9), (12, 7), (16, 11), (19, 13), (15, 10), (13, 9), (10, 6), (3, 2),
                   (6, 4), (17, 12), (20, 14), (18, 12)]  # fmt: skip
    tables = (
        FigureTable(
            "referrals_by_month", "Referrals by month and setting", "Month", SETTINGS,
            tuple(FigureRow(m, _counts(*r)) for m, r in zip(MONTHS, referrals, strict=True)),
            ChartKind.LINE,
        ),
        FigureTable(
            "conferences_by_month", "Conferences and restorative conversations held by month",
            "Month", ("Conferences held", "Restorative conversations"),
            tuple(FigureRow(m, _counts(*c)) for m, c in zip(MONTHS, conferences, strict=True)),
            ChartKind.LINE,
        ),
        FigureTable(
            "time_to_conference", "Days from referral to conference", "Setting",
            ("Conferences", "Median days"),
            (
                FigureRow("School", (Count.of(120), middle([14.0] * 60 + [21.0] * 60))),
                FigureRow("Children's care home", (Count.of(38), middle([24.0] * 38))),
                FigureRow("Youth Offending Service", (Count.of(61), middle([33.0] * 61))),
                FigureRow("Community", (Count.of(4), middle([40.0] * 4))),
            ),
            ChartKind.BARS,
            "The median: half of conferences were held sooner, half later.",
        ),
        FigureTable(
            "time_to_conference_bands", "How soon conferences were held", "Time to conference",
            SETTINGS,
            (
                FigureRow("Within 2 weeks", _counts(48, 9, 7, 0)),
                FigureRow("2 to 4 weeks", _counts(52, 17, 21, 2)),
                FigureRow("4 to 8 weeks", _counts(17, 10, 25, 1)),
                FigureRow("Over 8 weeks", _counts(3, 2, 8, 1)),
            ),
            ChartKind.BARS,
        ),
        FigureTable(
            "agreement_outcomes", "How agreements ended", "Setting",
            ("Completed", "Partly completed", "Not completed"),
            (
                FigureRow("School", _counts(78, 14, 6)),
                FigureRow("Children's care home", _counts(21, 7, 3)),
                FigureRow("Youth Offending Service", _counts(36, 11, 8)),
                FigureRow("Community", _counts(2, 1, 0)),
            ),
            ChartKind.STACKED,
        ),
        FigureTable(
            "satisfaction_by_role", "Young people and families: how they found it", "Role",
            ("Answered", "Satisfied", "Felt safe", "Felt heard", "Would recommend"),
            (
                FigureRow("Person harmed", (Count.of(84), share(73, 84), share(79, 84),
                                            share(76, 84), share(68, 84))),
                FigureRow("Person responsible", (Count.of(91), share(70, 91), share(83, 91),
                                                 share(74, 91), share(66, 91))),
                FigureRow("Supporters", (Count.of(57), share(50, 57), share(54, 57),
                                         share(51, 57), share(47, 57))),
                FigureRow("Others taking part", (Count.of(7), share(4, 7), share(7, 7),
                                                 share(6, 7), share(5, 7))),
            ),
            ChartKind.BARS,
            "Satisfied: 4 or 5 on a scale of 1 to 5.",
        ),
        FigureTable(
            "staff_and_partners", "Staff and partner agencies", "Who answered",
            ("Answered", "Satisfied", "Would use it again"),
            (
                FigureRow("Staff", (Count.of(46), share(38, 46), share(41, 46))),
                FigureRow("Partner agencies", (Count.of(12), share(9, 12), share(12, 12))),
            ),
            ChartKind.BARS,
        ),
        FigureTable(
            "pilot_activity_by_school", "Whole-school pilot sessions by school", "School",
            ("Conversations and conferences", "Circles", "Peer mediation", "Training"),
            (
                FigureRow("Oakfield Primary School", _counts(212, 96, 41, 6)),
                FigureRow("Riverside Academy", _counts(148, 130, 0, 9)),
                FigureRow("St Bride's C of E School", _counts(87, 44, 12, 3)),
            ),
            ChartKind.STACKED,
        ),
        FigureTable(
            "pilot_outcomes", "What pilot sessions led to", "Outcome", ("Sessions",),
            (
                FigureRow("Resolved", _counts(412)),
                FigureRow("Agreement made", _counts(158)),
                FigureRow("Follow-up needed", _counts(97)),
                FigureRow("Referred to the safeguarding lead", _counts(2)),
                FigureRow("Referred to the YOS", _counts(0)),
            ),
            ChartKind.BARS,
        ),
        _stages("stages_by_ethnicity", "Each stage by ethnic group", "Ethnic group", [
            ("Asian, Asian British or Asian Welsh", 41, 35, 27, 22),
            ("Black, Black British, Black Welsh, Caribbean or African", 58, 47, 31, 25),
            ("Mixed or multiple ethnic groups", 37, 30, 22, 17),
            ("White", 214, 181, 139, 112),
            ("Other ethnic group", 9, 8, 6, 2),
            ("Prefers not to say", 12, 9, 6, 5),
            ("Not recorded", 26, 20, 12, 9),
        ]),
        _stages("stages_by_gender", "Each stage by gender", "Gender", [
            ("Girl or woman", 152, 131, 101, 83),
            ("Boy or man", 231, 190, 139, 109),
            ("Describes their gender another way", 6, 5, 3, 0),
            ("Not recorded", 8, 4, 0, 0),
        ]),
        _stages("stages_by_age_band", "Each stage by age band", "Age band", [
            ("Under 10", 34, 31, 27, 24), ("10 to 13", 162, 139, 108, 90),
            ("14 to 15", 131, 104, 77, 58), ("16 to 17", 70, 56, 31, 20),
        ]),
        _stages("stages_by_send", "Each stage by special educational needs or disability",
                "SEND or disability", [
            ("Education, health and care plan", 39, 30, 19, 14),
            ("SEN support", 88, 74, 55, 43), ("No SEND or disability", 252, 212, 163, 131),
            ("Not recorded", 18, 14, 6, 5),
        ]),
        _stages("stages_by_care_status", "Each stage by care status", "Care status", [
            ("Looked after (in care now)", 29, 21, 12, 9),
            ("Care experienced (previously in care)", 11, 9, WITHHELD_VALUES[1], 0),
            ("Not in care", 349, 298, 232, 186),
            ("Not recorded", 8, 6, WITHHELD_VALUES[0], 0),
        ]),
    )
    headlines = (
        Headline("Referrals", Count.of(sum(map(sum, referrals)))),
        Headline("Conferences held", Count.of(sum(c[0] for c in conferences))),
        Headline("People harmed who were satisfied", share(73, 84),
                 "85% in the Ministry of Justice evaluation"),
        Headline("People harmed who would recommend it", share(68, 84),
                 "78% in the Ministry of Justice evaluation"),
        Headline("Agreements completed", share(137, 176)),
        Headline("Median days from referral to conference", Measure(21.0, "days")),
    )
    return Dashboard(ReportFilter(start, end, settings, organisation), headlines, tables)


def empty_dashboard() -> Dashboard:
    """A period with nothing recorded: every table without rows, headlines with no data."""
    full = sample_dashboard()
    tables = tuple(
        FigureTable(t.key, t.title, t.row_heading, t.columns, (), t.chart, t.note)
        for t in full.tables
    )
    headlines = tuple(Headline(h.label, Measure(None), h.published) for h in full.headlines)
    return Dashboard(full.filter, headlines, tables)
