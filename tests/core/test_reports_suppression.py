"""The small-count rule holds for every figure: no count of 1 to 4 is ever shown or exported, and
a withheld count can never be worked out from a total shown beside it."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from restorative_desk.reports.dashboard import build_dashboard
from restorative_desk.reports.export import COLUMNS, anonymised_rows
from restorative_desk.reports.figures import (
    Count,
    Measure,
    ReportFilter,
    middle,
    protected_counts,
    share,
)
from restorative_desk.reports.suppression import protect_grid
from restorative_desk.reports.tallies import AnswerTally, ReportTallies, StageTally

counts = st.integers(min_value=0, max_value=40)
grids = st.integers(1, 6).flatmap(
    lambda width: st.lists(st.lists(counts, min_size=width, max_size=width), max_size=6)
)


def _recoverable(line: list[int], cells: list[Count]) -> bool:
    """One withheld cell beside other non-zero counts: the line's total would give it away.
    (Alone in its line it is the total, which is then withheld too.)"""
    withheld = [c for c, cell in zip(line, cells, strict=True) if cell.withheld]
    return len(withheld) == 1 and sum(line) != withheld[0]


@given(grids, st.booleans(), st.booleans())
def test_protect_grid_never_shows_1_to_4_nor_leaves_one_alone(
    grid: list[list[int]], rows: bool, columns: bool
) -> None:
    shown = protect_grid(grid, row_totals=rows, column_totals=columns)
    for counts_row, cells in zip(grid, shown, strict=True):
        for count, cell in zip(counts_row, cells, strict=True):
            assert cell.value is None or cell.value == count
            assert cell.value is None or not 1 <= cell.value <= 4
            assert not (count == 0 and cell.withheld)
    if rows:
        assert not any(_recoverable(g, c) for g, c in zip(grid, shown, strict=True))
    if columns and shown:
        assert not any(
            _recoverable(list(g), list(c))
            for g, c in zip(zip(*grid, strict=True), zip(*shown, strict=True), strict=True)
        )


@given(st.lists(counts, max_size=8))
def test_protected_counts_cannot_be_undone_by_subtraction(values: list[int]) -> None:
    cells = protected_counts(values, total_shown=True)
    hidden = [v for v, c in zip(values, cells, strict=True) if c.withheld]
    assert all(c.withheld for v, c in zip(values, cells, strict=True) if 1 <= v <= 4)
    if len(hidden) == 1:  # only when no other non-zero count could keep it company
        assert sum(values) == hidden[0]


@given(st.integers(0, 60), st.integers(0, 60))
def test_share_is_shown_only_when_neither_side_is_1_to_4(part: int, rest: int) -> None:
    measure = share(part, part + rest)
    if measure.value is not None:
        assert part + rest >= 5 and part not in range(1, 5) and rest not in range(1, 5)
        assert measure.value == 100 * part / (part + rest)


@given(st.lists(st.integers(0, 200), max_size=12))
def test_middle_needs_five(values: list[int]) -> None:
    measure = middle([float(v) for v in values])
    assert (measure.value is None) == (len(values) < 5)
    assert measure.withheld == (0 < len(values) < 5)


def _answers(draw: st.DrawFn, names: tuple[str, ...]) -> AnswerTally:
    tally = AnswerTally(forms=draw(counts))
    for name in names:
        answered = draw(st.integers(0, tally.forms))
        tally.answered[name] = answered
        tally.positive[name] = draw(st.integers(0, answered))
    return tally


@st.composite
def tallies(draw: st.DrawFn) -> ReportTallies:
    months = ["2026-01", "2026-02", "2026-03"]
    settings_ = ["school", "yos", "care_home", "community"]
    made = ReportTallies()
    for month in months:
        for setting in settings_:
            made.referrals[(month, setting)] = draw(counts)
            made.conferences[(month, setting)] = draw(counts)
    for setting in settings_:
        made.days_to_conference[setting] = Counter(
            draw(st.dictionaries(st.integers(0, 90), st.integers(1, 6), max_size=6))
        )
        for status in ("completed", "partly_completed", "not_completed"):
            made.agreement_outcomes[(setting, status)] = draw(counts)
    questions = ("satisfied", "felt_safe", "felt_heard", "understood_next", "real_choice",
                 "would_recommend")  # fmt: skip
    for role in ("person_harmed", "person_responsible", "supporter", "professional"):
        made.participants[role] = _answers(draw, questions)
    made.staff = _answers(draw, ("high_impact",))
    made.partners = _answers(draw, ("satisfied", "would_refer_again"))
    for school in ("Zoë's Academy", "Oakfield"):
        for activity in ("restorative_conversation", "class_circle", "peer_training"):
            made.pilot_activity[(school, activity)] = draw(counts)
        made.pilot_outcomes[("resolved", school)] = draw(counts)
    for name, values in (("ethnicity", ["white_british", "black_african", None]),
                         ("gender", ["girl_or_woman", None]), ("age_band", ["10_13", None]),
                         ("send", ["none"]), ("care_status", [None])):  # fmt: skip
        made.stages[name] = {}
        for value in values:
            referred = draw(counts)
            held = draw(st.integers(0, referred))
            made.stages[name][value] = StageTally(
                referred, draw(st.integers(0, referred)), held, draw(st.integers(0, held))
            )
    return made


def _shown_number(text: str) -> int | None:
    digits = text.replace(",", "")
    return int(digits) if digits.isdigit() else None


@settings(max_examples=60, deadline=None)
@given(tallies())
def test_no_figure_or_csv_value_is_1_to_4(made: ReportTallies) -> None:
    dashboard = build_dashboard(ReportFilter(date(2026, 1, 1), date(2026, 3, 31)), made)
    for table in dashboard.tables:
        for row in table.rows:
            assert len(row.cells) == len(table.columns)
            for cell in row.cells:
                if isinstance(cell, Count):
                    assert cell.value is None or not 1 <= cell.value <= 4
                else:
                    assert isinstance(cell, Measure)
    for headline in dashboard.headlines:
        assert not (isinstance(headline.cell, Count) and headline.cell.value in range(1, 5))
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(anonymised_rows(dashboard))
    for line in csv.DictReader(io.StringIO(text.getvalue())):
        assert _shown_number(line["value"]) not in (1, 2, 3, 4)
        assert line["withheld"] == ("yes" if line["value"] in ("<5", "hidden") else "no")
