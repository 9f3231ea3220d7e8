"""A table that says which columns to draw is drawn that way in the app and in the PDF."""

from __future__ import annotations

import pytest

from restorative_desk.documents.board_charts import chart_data
from restorative_desk.reports.figures import (
    ChartKind,
    Count,
    FigureRow,
    FigureTable,
    ReportFilter,
    share,
)
from restorative_desk.store import Store
from ui.chart_plan import plan_chart

COLUMNS = ("Referred", "Consented", "Conference held", "Agreement completed", "Reached (share)")


def _stages() -> FigureTable:
    rows = tuple(
        FigureRow(label, (Count.of(n), Count.of(n), Count.of(held), Count.of(0), share(held, n)))
        for label, n, held in (("White", 40, 20), ("Black", 30, 10), ("Not recorded", 12, 6))
    )
    return FigureTable("stages", "Each stage", "Group", COLUMNS, rows, ChartKind.BARS,
                       charted=(4,))  # fmt: skip


def test_the_app_draws_the_columns_the_table_chose() -> None:
    plan = plan_chart(_stages())
    assert plan.columns == (4,)
    assert plan.unit == "%"


def test_the_board_report_draws_the_same_columns() -> None:
    data = chart_data(_stages())
    assert data is not None
    assert [series.name for series in data.series] == ["Reached (share)"]
    assert data.series[0].labels == ("50%", "33%", "50%")


def test_without_a_choice_each_renderer_keeps_its_rule() -> None:
    table = _stages()
    plain = FigureTable(table.key, table.title, table.row_heading, table.columns, table.rows)
    assert plan_chart(plain).columns == (0, 1, 2, 3)  # the counts, as before


def test_a_charted_column_must_be_in_the_table() -> None:
    with pytest.raises(ValueError, match="charted column"):
        FigureTable("t", "T", "Row", ("A",), (), charted=(1,))


def test_the_dashboard_charts_the_share_reaching_conference(store: Store) -> None:
    today = store.today()
    dashboard = store.dashboard(ReportFilter(today.replace(year=today.year - 1), today))
    for key in ("stages_by_ethnicity", "stages_by_gender", "stages_by_age_band",
                "stages_by_send", "stages_by_care_status"):  # fmt: skip
        table = dashboard.table(key)
        assert [table.columns[i] for i in table.charted] == [
            "Reached conference (share of referred)"
        ]
    outcomes = dashboard.table("agreement_outcomes")
    assert [outcomes.columns[i] for i in outcomes.charted] == [
        "Completed", "Partly completed", "Not completed"
    ]
