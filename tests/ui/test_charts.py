"""Charts of figure tables: each kind drawn from its counts (never mixing in percentages), withheld
figures drawing nothing and labelled "<5", measures on their own scale, a summary sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCharts import (
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from restorative_desk.reports.figures import ChartKind, Count, FigureRow, FigureTable, Measure
from tests.ui.dashboards import counts, sample_dashboard
from ui.chart_pictures import chart_image, legend_html
from ui.chart_plan import (
    WITHHELD_NOTE,
    note_for,
    plan_chart,
    short_month,
    summary_sentence,
)
from ui.charts import PALETTE, chart_for, marks_on


def _laid_out(chart: QChart, qtbot: QtBot, size: QSize | None = None) -> QChartView:
    view = QChartView(chart)
    qtbot.addWidget(view)
    view.resize(size or QSize(720, 420))
    view.grab()  # lays the chart out, which places its labels
    return view


def _values(bar_set: QBarSet) -> list[float]:
    return [bar_set.at(index) for index in range(bar_set.count())]


def _visible_marks(chart: QChart) -> list[str]:
    from PySide6.QtWidgets import QGraphicsSimpleTextItem

    return [item.text() for item in chart.childItems()
            if isinstance(item, QGraphicsSimpleTextItem) and item.isVisible()]


def test_grouped_bars_draw_counts_and_label_withheld_ones(qtbot: QtBot) -> None:
    table = FigureTable("by_age", "Each stage by age band", "Group", ("Referred", "Held"),
                        (FigureRow("10 to 13", counts(40, 3)),
                         FigureRow("14 to 15", counts(22, 9))))
    chart = chart_for(table)
    view = _laid_out(chart, qtbot)
    assert view.chart() is chart
    (series,) = chart.series()
    assert isinstance(series, QBarSeries)
    referred, held = series.barSets()
    assert (referred.label(), _values(referred)) == ("Referred", [40.0, 22.0])
    assert _values(held) == [0.0, 9.0]  # the withheld 3 draws nothing
    assert referred.color().name().upper() == PALETTE[0]
    assert sorted(_visible_marks(chart)) == sorted(["40", "22", "<5", "9"])
    assert "Referred" in legend_html(table) and "Held" in legend_html(table)  # never colour alone


def test_stacked_bars_lie_down_for_long_labels_and_say_what_is_withheld(qtbot: QtBot) -> None:
    table = sample_dashboard().table("agreement_outcomes")
    chart = chart_for(table)
    view = _laid_out(chart, qtbot)
    assert view.chart() is chart
    (series,) = chart.series()
    assert isinstance(series, QHorizontalStackedBarSeries)
    # Only the three counts are drawn: the share is a percentage and stays in the table.
    assert [bar_set.label() for bar_set in series.barSets()] == [
        "Completed", "Partly completed", "Not completed"]
    completed = series.barSets()[0]
    # Drawn bottom up, so the table's first row (School) is last.
    assert _values(completed) == [0.0, 38.0, 21.0, 96.0]
    assert _visible_marks(chart).count("<5") == 2  # care home's "not completed", community
    assert "In the table only: Completed (share)." in note_for(table)


def test_lines_break_at_withheld_months_and_mark_them(qtbot: QtBot) -> None:
    table = FigureTable("referrals_by_month", "Referrals by month", "Month",
                        ("School", "Community"),
                        tuple(FigureRow(month, counts(value, 6)) for month, value in
                              (("Jan 2026", 12), ("Feb 2026", 2), ("Mar 2026", 42),
                               ("Apr 2026", 30))), ChartKind.LINE)
    chart = chart_for(table)
    view = _laid_out(chart, qtbot)
    assert view.chart() is chart
    lines = [line for line in chart.series() if isinstance(line, QLineSeries)]
    assert len(lines) == len(chart.series())
    assert [[(p.x(), p.y()) for p in line.points()] for line in lines] == [
        [(0.0, 12.0)], [(2.0, 42.0), (3.0, 30.0)],  # no line through February
        [(0.0, 6.0), (1.0, 6.0), (2.0, 6.0), (3.0, 6.0)]]
    legend = legend_html(table)
    assert legend.count("School") == 1 and "Community" in legend  # one entry per column
    assert lines[0].pen().style() != lines[2].pen().style()  # told apart without colour
    assert marks_on(chart) == ["<5"]
    categories = chart.axes(Qt.Orientation.Horizontal)[0]
    assert categories.categories() == ["Jan 26", "Feb 26", "Mar 26", "Apr 26"]  # type: ignore[attr-defined]


def test_a_table_of_percentages_is_drawn_on_a_0_to_100_scale(qtbot: QtBot) -> None:
    table = sample_dashboard().table("satisfaction_by_role")
    chart = chart_for(table)
    view = _laid_out(chart, qtbot, QSize(900, 600))
    assert view.chart() is chart
    (series,) = chart.series()
    assert isinstance(series, QHorizontalBarSeries)
    values = chart.axes(Qt.Orientation.Horizontal)[0]
    assert isinstance(values, QValueAxis)
    assert (values.min(), values.max()) == (0.0, 100.0)
    assert "88%" in _visible_marks(chart)
    # "Others taking part" has every figure withheld: said once, not once a bar.
    assert _visible_marks(chart).count("<5") == 1


def test_one_count_beside_percentages_charts_the_percentages() -> None:
    plan = plan_chart(sample_dashboard().table("staff_and_partners"))
    assert (plan.columns, plan.unit, plan.horizontal) == ((1, 2), "%", True)


def test_days_get_their_own_axis(qtbot: QtBot) -> None:
    table = sample_dashboard().table("time_to_conference")
    chart = chart_for(table)
    view = _laid_out(chart, qtbot)
    assert view.chart() is chart
    values = chart.axes(Qt.Orientation.Horizontal)[0]
    assert isinstance(values, QValueAxis) and values.titleText() == "Days"
    assert "12 days" in _visible_marks(chart)


def test_empty_table_draws_nothing_and_says_so() -> None:
    table = FigureTable("pilot_outcomes", "Pilot session outcomes", "School", ("Resolved",), ())
    chart = chart_for(table)
    assert chart.series() == []
    assert summary_sentence(table) == "Pilot session outcomes: nothing recorded for this period."


@pytest.mark.parametrize("table", sample_dashboard().tables, ids=lambda table: table.key)
def test_every_sample_chart_renders(table: FigureTable, qtbot: QtBot, tmp_path: Path) -> None:
    image = chart_image(table, QSize(640, 400), 1.0)
    assert (image.width(), image.height()) == (640, 400)
    target = tmp_path / f"{table.key}.png"
    assert image.save(str(target))
    assert not QImage(str(target)).isNull()


def test_summary_sentences_name_the_highest_figure() -> None:
    dashboard = sample_dashboard()
    assert summary_sentence(dashboard.table("referrals_by_month")) == (
        "Referrals by month: highest was School in Mar 2026, with 42. "
        "4 figures are under five and not shown.")
    assert summary_sentence(dashboard.table("satisfaction_by_role")).startswith(
        "Satisfaction by role: highest was Felt safe for Supporters, at 95%.")
    single = FigureTable("x", "Referrals by month", "Month", ("All",),
                         (FigureRow("March 2026", (Count(42),)),), ChartKind.LINE)
    assert summary_sentence(single) == "Referrals by month: highest in March 2026, with 42."
    hidden = FigureTable("y", "Care", "Group", ("Held",), (FigureRow("A", counts(3)),))
    assert summary_sentence(hidden) == "Care: every figure is under five, so none is shown."


def test_notes_explain_withheld_figures() -> None:
    table = FigureTable("z", "Z", "Row", ("Share",),
                        (FigureRow("A", (Measure(50.0, "%"),)),))
    assert note_for(table) == ""
    assert note_for(sample_dashboard().table("stages_by_gender")).endswith(WITHHELD_NOTE)


def test_months_are_shortened_only_when_they_are_months() -> None:
    assert short_month("March 2026") == "Mar 26"
    assert short_month("Dec 2025") == "Dec 25"
    assert short_month("Riverside Academy") == "Riverside Academy"


def test_measures_of_the_first_measures_unit_are_drawn() -> None:
    table = FigureTable("time_to_conference", "Time to conference", "Setting",
                        ("Conferences", "Median days", "Within 4 weeks"),
                        (FigureRow("School", (Count(40), Measure(19.0, "days"),
                                              Measure(60.0, "%"))),))
    plan = plan_chart(table)
    assert (plan.columns, plan.unit) == ((1,), "days")
    assert note_for(table).endswith("In the table only: Conferences, Within 4 weeks.")
