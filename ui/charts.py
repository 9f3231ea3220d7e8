"""Charts for figure tables: `chart_for(table)` draws any FigureTable with QtCharts.

QtCharts is imported inside the functions that need it, so the main window starts without it.
Withheld figures ("<5", or "hidden" where withheld to protect a "<5") draw nothing and are
labelled where they would have been; colours come
from the Okabe-Ito palette (safe for colour-blind readers) and never carry meaning alone: every
chart has a legend with names, values written beside the bars where they fit, lines drawn in
different dash patterns, and its table one keypress away in the Figures view.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPen
from PySide6.QtWidgets import QApplication, QGraphicsSimpleTextItem

from restorative_desk.reports.figures import Cell, ChartKind, FigureTable

from .chart_plan import (
    ChartPlan,
    plan_chart,
    short_month,
    summary_sentence,
    value_text,
    withheld_text,
)

if TYPE_CHECKING:
    from PySide6.QtCharts import QAbstractSeries, QChart

# Okabe & Ito (2008), in an order where neighbours differ in lightness as well as hue.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#999999")
DASHES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine,
          Qt.PenStyle.DashDotLine, Qt.PenStyle.DashDotDotLine)
TEXT_COLOUR = "#303030"
GRID_COLOUR = "#E2E2E2"
LABEL_GAP = 4.0  # pixels between a bar's end and its value
WRAP_LABELS_AT = 22  # characters on a line of a row's label beside horizontal bars
MANY_CATEGORIES = 7  # more upright categories than this and their labels are turned


def chart_font() -> QFont:
    """The app's own font (so charts follow its size), never smaller than 9 points."""
    font = QFont(QApplication.font())
    if font.pointSizeF() < 9:
        font.setPointSizeF(9)
    return font


def colour_for(index: int) -> QColor:
    return QColor(PALETTE[index % len(PALETTE)])


def chart_for(table: FigureTable, *, titled: bool = False) -> QChart:
    """A light-themed chart of `table`: grouped or stacked bars, or lines over months, of its
    counts (or, for a table of percentages or days, horizontal bars of those)."""
    from PySide6.QtCharts import QChart

    plan = plan_chart(table)
    chart = QChart()
    chart.setTheme(QChart.ChartTheme.ChartThemeLight)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    chart.layout().setContentsMargins(0, 0, 0, 0)
    chart.setMargins(QMargins(4, 4, 12, 4))
    font = chart_font()
    if titled:
        title_font = QFont(font)
        title_font.setPointSizeF(font.pointSizeF() + 2)
        title_font.setBold(True)
        chart.setTitleFont(title_font)
        chart.setTitle(table.title)
    if table.is_empty or not plan.columns:
        chart.legend().hide()
        return chart
    if plan.kind is ChartKind.LINE:
        marks = _draw_lines(chart, table, plan, font)
    else:
        marks = _draw_bars(chart, table, plan, font)
    # The legend goes under the chart as text (legend_html), where long names wrap instead of
    # being cut short.
    chart.legend().hide()
    chart.setToolTip(summary_sentence(table, plan))
    _Marks.attach(chart, marks, font)
    return chart


# -- bars ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mark:
    """Text drawn at a place in the chart's values: a bar's value, or "<5"."""

    text: str
    at: Callable[[], QPointF]  # where the bar ends, in pixels (worked out after each layout)
    thickness: Callable[[], float]  # how thick the bar is in pixels (0: no limit)
    outward: QPointF  # which way to move off the bar's end
    inside: QColor | None = None  # drawn inside a stacked segment, on this colour
    when_thin: bool = False  # drawn only when the bars are too thin for their own labels


def _draw_bars(chart: QChart, table: FigureTable, plan: ChartPlan, font: QFont) -> list[_Mark]:
    from PySide6.QtCharts import (
        QBarSeries,
        QBarSet,
        QHorizontalBarSeries,
        QHorizontalStackedBarSeries,
        QStackedBarSeries,
    )

    stacked = plan.kind is ChartKind.STACKED
    kinds = {(False, False): QBarSeries, (False, True): QStackedBarSeries,
             (True, False): QHorizontalBarSeries, (True, True): QHorizontalStackedBarSeries}
    series = kinds[(plan.horizontal, stacked)]()
    # Horizontal bars are drawn bottom up; reversed, the table's first row reads first.
    order = list(range(len(table.rows)))
    if plan.horizontal:
        order.reverse()
    # Grouped horizontal bars are added last first, so each group reads top down in the
    # legend's order.
    sets = list(enumerate(plan.columns))
    if plan.horizontal and not stacked:
        sets.reverse()
    for number, column in sets:
        bar_set = QBarSet(table.columns[column])
        bar_set.setColor(colour_for(number))
        bar_set.setBorderColor(QColor("white"))
        for row in order:
            value = table.rows[row].cells[column].number
            bar_set.append(0.0 if value is None else value)
        series.append(bar_set)
    series.setBarWidth(0.7 if stacked or len(plan.columns) > 1 else 0.55)
    series.setLabelsVisible(False)  # drawn by _Marks, which can say "<5" and skip small bars
    chart.addSeries(series)

    labels = [axis_label(table.rows[row].label, plan) for row in order]
    top = _top_value(table, plan, stacked)
    _axes(chart, series, labels, plan, top, font)
    return _bar_marks(chart, series, table, plan, order, stacked)


def _top_value(table: FigureTable, plan: ChartPlan, stacked: bool) -> float:
    if plan.percent:
        return 100.0
    if stacked:
        totals = [sum(row.cells[c].number or 0.0 for c in plan.columns) for row in table.rows]
    else:
        totals = [row.cells[c].number or 0.0 for row in table.rows for c in plan.columns]
    return max(totals, default=0.0)


def _axes(chart: QChart, series: QAbstractSeries, labels: list[str], plan: ChartPlan,
          top: float, font: QFont) -> None:
    from PySide6.QtCharts import QBarCategoryAxis, QValueAxis

    categories = QBarCategoryAxis()
    categories.append(labels)
    values = QValueAxis()
    # Room beyond the longest bar for its value.
    values.setRange(0, 100 if plan.percent else max(top * 1.15, 5))
    if not plan.percent:
        values.applyNiceNumbers()
    values.setLabelFormat("%.0f%%" if plan.percent else "%.0f")
    if plan.percent:
        values.setTickCount(6)
    if plan.unit == "days":
        values.setTitleText("Days")
    for axis in (categories, values):
        axis.setLabelsFont(font)
        axis.setLabelsColor(QColor(TEXT_COLOUR))
        axis.setGridLineColor(QColor(GRID_COLOUR))
        axis.setLinePenColor(QColor("#B0B0B0"))
    categories.setGridLineVisible(False)
    title_font = QFont(font)
    values.setTitleFont(title_font)
    values.setTitleBrush(QBrush(QColor(TEXT_COLOUR)))
    if plan.horizontal:
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    else:
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        if len(labels) > MANY_CATEGORIES:
            categories.setLabelsAngle(-45)
    categories.setTruncateLabels(False)
    series.attachAxis(categories)
    series.attachAxis(values)


def axis_label(label: str, plan: ChartPlan) -> str:
    """A row label for the axis: months shortened; long names on two or three lines."""
    if not plan.horizontal:
        return short_month(label)
    lines = textwrap.wrap(label, WRAP_LABELS_AT, max_lines=3, placeholder="…")
    return "<br>".join(html.escape(line) for line in lines)


def _bar_marks(chart: QChart, series: QAbstractSeries, table: FigureTable, plan: ChartPlan,
               order: list[int], stacked: bool) -> list[_Mark]:
    horizontal = plan.horizontal
    width = float(series.barWidth())  # type: ignore[attr-defined]
    bars = 1 if stacked else len(plan.columns)

    def point(category: float, value: float) -> Callable[[], QPointF]:
        where = QPointF(value, category) if horizontal else QPointF(category, value)
        return lambda: chart.mapToPosition(where, series)

    def thickness() -> float:
        start = chart.mapToPosition(QPointF(0, 0), series)
        step = chart.mapToPosition(QPointF(1, 1), series)
        across = abs(step.y() - start.y()) if horizontal else abs(step.x() - start.x())
        return across * width / bars

    outward = QPointF(1, 0) if horizontal else QPointF(0, -1)
    marks: list[_Mark] = []
    for category, row in enumerate(order):
        cells = table.rows[row].cells
        running = 0.0
        hidden: list[Cell] = []  # withheld segments of a stacked bar, said at its end
        thin: list[Cell] = []  # withheld bars, if too thin to label one by one
        for number, column in enumerate(plan.columns):
            cell = cells[column]
            value = cell.number
            if stacked:
                if value is None:
                    hidden.append(cell)
                    continue
                if value > 0:
                    middle = running + value / 2
                    marks.append(_Mark(value_text(value, plan.unit), point(category, middle),
                                       _segment(point(category, running),
                                                point(category, running + value), horizontal),
                                       QPointF(0, 0), colour_for(number)))
                running += value
                continue
            place = bars - 1 - number if horizontal else number
            centre = category - width / 2 + width / bars * (place + 0.5)
            if value is None:
                if cell.withheld:
                    marks.append(_Mark(cell.text, point(centre, 0), thickness, outward))
                    thin.append(cell)
                continue
            marks.append(_Mark(value_text(value, plan.unit), point(centre, value), thickness,
                               outward))
        if stacked and withheld_text(hidden):
            marks.append(_Mark(withheld_text(hidden), point(category, running), lambda: 0.0,
                               outward))
        if not stacked and len(thin) == len(plan.columns) > 1:  # the whole group: say it once
            del marks[-len(thin):]
            marks.append(_Mark(withheld_text(thin), point(category, 0), lambda: 0.0, outward))
        elif thin:  # one "<5" beyond the group's longest bar, when the bars are too thin
            longest = max((cells[c].number or 0.0 for c in plan.columns), default=0.0)
            marks.append(_Mark(withheld_text(thin), point(category, longest), thickness, outward,
                               when_thin=True))
    return marks


def _segment(start: Callable[[], QPointF], end: Callable[[], QPointF],
             horizontal: bool) -> Callable[[], float]:
    """The length of a stacked segment in pixels (a label goes inside only if it fits)."""
    def length() -> float:
        a, b = start(), end()
        return abs(b.x() - a.x()) if horizontal else abs(b.y() - a.y())
    return length


# -- lines -----------------------------------------------------------------------------------


def _draw_lines(chart: QChart, table: FigureTable, plan: ChartPlan, font: QFont) -> list[_Mark]:
    """One line per column across the months; a withheld month breaks the line (a line
    through it would invent a figure) and is marked "<5" at the foot of the chart."""
    from PySide6.QtCharts import QLineSeries

    drawn: list[QLineSeries] = []
    for number, column in enumerate(plan.columns):
        pen = QPen(colour_for(number), 2.5)
        pen.setStyle(DASHES[number % len(DASHES)])
        runs: list[list[QPointF]] = [[]]
        for index, row in enumerate(table.rows):
            value = row.cells[column].number
            if value is None:
                if runs[-1]:
                    runs.append([])
                continue
            runs[-1].append(QPointF(index, value))
        for points in (run for run in runs if run):
            line = QLineSeries()
            line.setName(table.columns[column])
            line.setPen(pen)
            line.setPointsVisible(True)
            line.setMarkerSize(5.0)
            line.append(points)
            chart.addSeries(line)
            drawn.append(line)
    if not drawn:  # every figure withheld: an empty line keeps the axes
        drawn.append(QLineSeries())
        chart.addSeries(drawn[0])
    labels = [short_month(row.label) for row in table.rows]
    top = max((v for row in table.rows for c in plan.columns
               if (v := row.cells[c].number) is not None), default=0.0)
    _axes(chart, drawn[0], labels, plan, top, font)
    categories, values = chart.axes()[:2]
    for line in drawn[1:]:
        line.attachAxis(categories)
        line.attachAxis(values)
    months = sorted({row for row, _ in plan.withheld})
    anchor = drawn[0]
    return [_Mark(withheld_text([table.rows[month].cells[c] for c in plan.columns]),
                  _at(chart, anchor, QPointF(month, 0)), lambda: 0.0, QPointF(0, -1))
            for month in months]


def _at(chart: QChart, series: QAbstractSeries, where: QPointF) -> Callable[[], QPointF]:
    return lambda: chart.mapToPosition(where, series)


# -- text on the chart -----------------------------------------------------------------------


class _Marks:
    """Places the value and "<5" labels after every layout of the chart (they sit at points in
    the chart's values, so they move when it is resized), hiding those that would not fit."""

    def __init__(self, chart: QChart, marks: list[_Mark], font: QFont) -> None:
        self._chart = chart
        self._marks = marks
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() - 1, 8))
        self._metrics = QFontMetricsF(small)
        self._items: list[QGraphicsSimpleTextItem] = []
        for mark in marks:
            item = QGraphicsSimpleTextItem(mark.text, chart)
            item.setFont(small)
            item.setBrush(QBrush(_text_on(mark.inside)))
            item.setZValue(20)
            self._items.append(item)
        chart.plotAreaChanged.connect(self._place)

    @classmethod
    def attach(cls, chart: QChart, marks: list[_Mark], font: QFont) -> None:
        chart.rd_marks = cls(chart, marks, font)  # type: ignore[attr-defined]

    def _place(self) -> None:
        height = self._metrics.height()
        for mark, item in zip(self._marks, self._items, strict=True):
            width = self._metrics.horizontalAdvance(mark.text)
            end = mark.at()
            room = mark.thickness()
            across = height if mark.outward.y() == 0 else width
            along = width if mark.outward.y() == 0 else height
            if mark.inside is not None:  # a stacked segment: only when it fits inside
                item.setVisible(room >= along + 4)
                item.setPos(end.x() - width / 2, end.y() - height / 2)
                continue
            fits = room == 0 or room >= across * 0.8
            item.setVisible(fits != mark.when_thin)
            if mark.outward.y() == 0:  # horizontal bar: beside its end
                item.setPos(end.x() + LABEL_GAP, end.y() - height / 2)
            else:  # upright bar or a line's foot: above it
                item.setPos(end.x() - width / 2, end.y() - height - LABEL_GAP / 2)


def _text_on(background: QColor | None) -> QColor:
    """Dark text, or white on a dark segment, for contrast."""
    if background is None:
        return QColor(TEXT_COLOUR)
    return QColor("white") if background.lightnessF() < 0.45 else QColor("#1A1A1A")


def marks_on(chart: QChart) -> list[str]:
    """The texts drawn on `chart` by its labels ("<5" and values), for tests and summaries."""
    return [item.text() for item in chart.childItems()
            if isinstance(item, QGraphicsSimpleTextItem)]
