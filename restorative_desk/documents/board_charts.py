"""The board report's charts, drawn with reportlab.graphics from a FigureTable.

Months become lines (one per column, each with its own marker and dash), other tables bars:
grouped bars (upright for a few short labels, sideways for long or many), or one stacked bar
per row. Colours are the Okabe-Ito colour-blind-safe set, and each series also has its own
pattern (bars) or marker and dash (lines), so nothing relies on colour alone. A withheld
figure is drawn as nothing and labelled with its own text: "<5", or "hidden" where it is 5 or
more and withheld only to protect a "<5"; "none" (nothing recorded) is labelled too.

Which columns are drawn: a table mixing counts with percentages or days (say "Answered" with
"Satisfied") charts the columns in the unit of its first percentage or measure; the table
under the chart keeps every figure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..reports.figures import HIDDEN, WITHHELD, ChartKind, Count, FigureTable
from .fonts import BOLD, REGULAR
from .pdf_base import MUTED, RULE, TEXT, colour

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999",
           "#F0E442")  # fmt: skip
PATTERNS = ("solid", "diagonal", "horizontal", "back_diagonal", "vertical", "cross")
MARKERS = ("Circle", "Square", "Triangle", "Diamond", "Cross", "StarSix")
DASHES: tuple[tuple[float, ...] | None, ...] = (None, (6, 3), (2, 2), (8, 3, 2, 3), (1, 3),
                                                 (10, 4))  # fmt: skip
SIZE = 7.5  # tick and value labels
MAX_SERIES = 10  # more columns than this are not drawn (colour and pattern pairs stay distinct)
COUNT = "count"
_AXIS_TITLES = {COUNT: "Number", "%": "Per cent", "days": "Days", "": "Average score"}


@dataclass(frozen=True)
class Series:
    """One column as drawn: its values (None: withheld or nothing recorded) and their labels."""

    name: str
    values: tuple[float | None, ...]
    labels: tuple[str, ...]  # the cell's text: "12", "<5", "hidden", "none", "45%"

    def withheld(self, index: int) -> bool:
        return self.labels[index] in (WITHHELD, HIDDEN)


def withheld_text(series: Sequence[Series], index: int) -> str:
    """One label for the withheld figures at `index`: "<5", "hidden" or "<5, hidden"."""
    return ", ".join(dict.fromkeys(s.labels[index] for s in series if s.withheld(index)))


@dataclass(frozen=True)
class ChartData:
    """What a chart draws: categories (the rows), series (columns) and their unit."""

    kind: ChartKind
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str  # COUNT, "%", "days" or "" (a score)

    @property
    def axis_title(self) -> str:
        return _AXIS_TITLES.get(self.unit, "")


def chart_data(table: FigureTable) -> ChartData | None:
    """The columns worth drawing, or None when there is nothing to draw."""
    if table.is_empty or not table.columns:
        return None
    units = [_unit(table, column) for column in range(len(table.columns))]
    measures = [unit for unit in units if unit != COUNT]
    # The table's own choice first (figures.FigureTable.charted), as in the app.
    wanted = units[table.charted[0]] if table.charted else measures[0] if measures else COUNT
    drawn = table.charted or tuple(i for i, unit in enumerate(units) if unit == wanted)
    series = tuple(
        Series(
            table.columns[column],
            tuple(row.cells[column].number for row in table.rows),
            tuple(row.cells[column].text for row in table.rows),
        )
        for column in drawn
    )
    if all(value is None for s in series for value in s.values):
        return None
    kind = table.chart if wanted == COUNT else ChartKind.BARS  # shares are never stacked
    categories = tuple(row.label for row in table.rows)
    if len(series) > MAX_SERIES and len(categories) <= MAX_SERIES and kind is not ChartKind.LINE:
        # Many columns and few rows (outcomes by school): one bar per column instead.
        series, categories = _transposed(series, categories), tuple(s.name for s in series)
    if len(series) > MAX_SERIES:
        return None  # too many to tell apart; the table has them all
    return ChartData(kind, categories, series, wanted)


def _transposed(series: tuple[Series, ...], categories: tuple[str, ...]) -> tuple[Series, ...]:
    return tuple(
        Series(name, tuple(s.values[i] for s in series), tuple(s.labels[i] for s in series))
        for i, name in enumerate(categories)
    )


def _unit(table: FigureTable, column: int) -> str:
    for row in table.rows:
        cell = row.cells[column]
        if not isinstance(cell, Count):
            return cell.unit
    return COUNT


def chart_drawing(table: FigureTable, width: float, height: float = 450.0) -> Any | None:
    """The table drawn as a chart `width` points wide and at most about `height` high, or None
    when there is nothing to draw. Grouped bars that would be too tall are stacked instead."""
    data = chart_data(table)
    if data is None:
        return None
    if data.kind is ChartKind.LINE:
        return _line_chart(data, width)
    if data.kind is ChartKind.STACKED:
        return _bar_chart(data, width, height, stacked=True)
    grouped = len(data.categories) * (len(data.series) * 8.0 + 7)
    if data.unit == COUNT and len(data.series) > 1 and grouped > height * 0.8:
        return _bar_chart(data, width, height, stacked=True)
    return _bar_chart(data, width, height, stacked=False)


# -- scales and labels ---------------------------------------------------------------------


def value_scale(top: float, unit: str) -> tuple[float, float]:
    """The axis maximum and step for values up to `top` (percentages always run to 100)."""
    if unit == "%":
        return 100.0, 20.0
    if top <= 0:
        return 5.0, 1.0
    rough = top / 5
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= rough)
    if unit == COUNT:
        step = max(1.0, math.ceil(step))
    return math.ceil(top / step - 1e-9) * step, step


def _tick_text(unit: str) -> Any:
    def text(value: float) -> str:
        if unit == "%":
            return f"{value:.0f}%"
        if unit == "":
            return f"{value:.1f}"
        return f"{value:,.0f}"

    return text


def _text_width(text: str, size: float = SIZE, font: str = REGULAR) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return max((stringWidth(line, font, size) for line in text.split("\n")), default=0.0)


def wrap_label(text: str, width: float, size: float = SIZE) -> str:
    """A category label broken onto lines (at spaces) that fit `width`."""
    lines: list[str] = []
    for word in text.split():
        if lines and _text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


# -- legends, patterns ---------------------------------------------------------------------


def _legend(drawing: Any, data: ChartData, width: float, top: float, *, lines: bool) -> float:
    """A legend along the top, wrapping to more rows as needed; returns its height."""
    from reportlab.graphics.shapes import String

    if len(data.series) < 2:
        return 0.0
    swatch, gap, row_height = (22.0 if lines else 10.0), 14.0, SIZE + 6
    x, y = 0.0, top - row_height
    for index, series in enumerate(data.series):
        item = swatch + 4 + _text_width(series.name)
        if x and x + item > width:
            x, y = 0.0, y - row_height
        if lines:
            _line_swatch(drawing, index, x, y + SIZE * 0.35, swatch)
        else:
            drawing.add(_patterned_rect(index, x, y - 0.5, swatch, SIZE + 1))
        drawing.add(String(x + swatch + 4, y, series.name, fontName=REGULAR, fontSize=SIZE,
                           fillColor=colour(TEXT)))
        x += item + gap
    return top - y + 4


def _line_swatch(drawing: Any, index: int, x: float, y: float, length: float) -> None:
    from reportlab.graphics.shapes import Line

    line = Line(x, y, x + length, y, strokeColor=colour(_colour(index)), strokeWidth=1.6)
    line.strokeDashArray = DASHES[index % len(DASHES)]
    drawing.add(line)
    marker = _marker(index)
    marker.x, marker.y = x + length / 2, y
    drawing.add(marker)


def _marker(index: int) -> Any:
    from reportlab.graphics.widgets.markers import makeMarker

    fill = colour(_colour(index))
    return makeMarker(MARKERS[index % len(MARKERS)], size=5, fillColor=fill, strokeColor=fill,
                      strokeWidth=0.5)


def _colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _patterned_rect(index: int, x: float, y: float, width: float, height: float) -> Any:
    """A filled rectangle with the series' pattern in white lines over it."""
    from reportlab.graphics.shapes import Group, Path, Rect

    group = Group()
    group.add(Rect(x, y, width, height, fillColor=colour(_colour(index)), strokeColor=None))
    pattern = PATTERNS[index % len(PATTERNS)]
    white, spacing = colour("#ffffff"), 3.2
    segments: list[tuple[float, float, float, float]] = []
    if pattern in ("horizontal", "cross"):
        segments += [(x, y + d, x + width, y + d) for d in _steps(height, spacing)]
    if pattern in ("vertical", "cross"):
        segments += [(x + d, y, x + d, y + height) for d in _steps(width, spacing)]
    if pattern in ("diagonal", "back_diagonal"):
        segments += _diagonals(x, y, width, height, spacing * 1.3, pattern == "back_diagonal")
    if segments:  # one path for all the lines: thousands of bars stay quick to draw
        path = Path(strokeColor=white, strokeWidth=0.7, fillColor=None)
        for x0, y0, x1, y1 in segments:
            path.moveTo(x0, y0)
            path.lineTo(x1, y1)
        group.add(path)
    return group


def _steps(length: float, spacing: float) -> list[float]:
    return [spacing * i for i in range(1, int(length / spacing) + 1) if spacing * i < length]


def _diagonals(x: float, y: float, width: float, height: float, spacing: float, back: bool
               ) -> list[tuple[float, float, float, float]]:
    """45-degree lines clipped to the rectangle."""
    segments = []
    offset = -height
    while offset < width:
        start, end = max(0.0, -offset), min(height, width - offset)
        if end > start:
            x0, x1 = x + offset + start, x + offset + end
            y0, y1 = (y + height - start, y + height - end) if back else (y + start, y + end)
            segments.append((x0, y0, x1, y1))
        offset += spacing
    return segments


def _bar_symbol(index: int) -> Any:
    """The bar chart's symbol for one series: its colour and pattern."""
    from reportlab.graphics.widgetbase import Widget
    from reportlab.lib.attrmap import AttrMap, AttrMapValue
    from reportlab.lib.validators import isNumber

    class PatternedBar(Widget):  # type: ignore[misc]  # reportlab is untyped
        _attrMap = AttrMap(x=AttrMapValue(isNumber), y=AttrMapValue(isNumber),
                           width=AttrMapValue(isNumber), height=AttrMapValue(isNumber))

        def __init__(self) -> None:
            self.x = self.y = self.width = self.height = 0

        def draw(self) -> Any:
            return _patterned_rect(index, self.x, self.y, self.width, self.height)

    return PatternedBar()


def _value_axis(axis: Any, data: ChartData, top: float) -> None:
    axis.valueMin = 0
    axis.valueMax, axis.valueStep = value_scale(top, data.unit)
    axis.labelTextFormat = _tick_text(data.unit)
    axis.labels.fontName, axis.labels.fontSize = REGULAR, SIZE
    axis.labels.fillColor = colour(MUTED)
    axis.strokeColor = colour(RULE)
    axis.visibleGrid, axis.gridStrokeColor, axis.gridStrokeWidth = 1, colour(RULE), 0.4


def _category_axis(axis: Any, names: Sequence[str]) -> None:
    axis.categoryNames = list(names)
    axis.labels.fontName, axis.labels.fontSize = REGULAR, SIZE
    axis.labels.fillColor = colour(TEXT)
    axis.strokeColor = colour(RULE)
    if hasattr(axis, "tickDown"):
        axis.tickDown = 0
    else:
        axis.tickLeft = 0


def _axis_title(drawing: Any, text: str, x: float, y: float, *, upright: bool) -> None:
    from reportlab.graphics.charts.textlabels import Label

    label = Label()
    label.setOrigin(x, y)
    label.setText(text)
    label.fontName, label.fontSize, label.fillColor = BOLD, SIZE, colour(MUTED)
    label.angle = 90 if upright else 0
    label.boxAnchor = "s" if upright else "n"
    drawing.add(label)


def _note(drawing: Any, text: str, x: float, y: float, anchor: str = "start") -> None:
    from reportlab.graphics.shapes import String

    drawing.add(String(x, y, text, fontName=REGULAR, fontSize=SIZE - 0.5,
                       fillColor=colour(MUTED), textAnchor=anchor))


def _line_chart(data: ChartData, width: float) -> Any:
    """Lines across the months. The chart object draws the axes and grid; the lines are drawn
    here, so a withheld month is a gap in its line rather than a line joined across it."""
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.shapes import Drawing, PolyLine

    plot_height, left, right = 150.0, 40.0, 8.0
    count = len(data.categories)
    slot = (width - left - right) / count
    names = list(data.categories)
    if any(_text_width(name) > slot - 2 for name in names):  # all wrapped, or none
        names = [wrap_label(name, min(slot - 2, _text_width(name) - 1)) for name in names]
    bottom = max(name.count("\n") + 1 for name in names) * (SIZE + 1.5) + 6
    legend = _legend(Drawing(width, 1000), data, width, 1000, lines=True)
    height = legend + plot_height + bottom + 6
    drawing = Drawing(width, height)
    _legend(drawing, data, width, height, lines=True)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = left, bottom, width - left - right, plot_height
    chart.data = [[0.0] * count]
    chart.lines[0].strokeColor = None
    top = max((v for s in data.series for v in s.values if v is not None), default=0.0)
    _value_axis(chart.valueAxis, data, top)
    _category_axis(chart.categoryAxis, names)
    chart.categoryAxis.labels.boxAnchor = "n"
    drawing.add(chart)
    _axis_title(drawing, data.axis_title, 9, bottom + plot_height / 2, upright=True)
    scale = plot_height / chart.valueAxis.valueMax
    for index, series in enumerate(data.series):
        points = [
            None if value is None else (left + (i + 0.5) * slot, bottom + value * scale)
            for i, value in enumerate(series.values)
        ]
        run: list[float] = []
        for point in [*points, None]:
            if point is not None:
                run.extend(point)
                continue
            if len(run) >= 4:
                line = PolyLine(run, strokeColor=colour(_colour(index)), strokeWidth=1.6)
                line.strokeDashArray = DASHES[index % len(DASHES)]
                drawing.add(line)
            run = []
        for i, point in enumerate(points):
            if point is None:
                continue
            marker = _marker(index)
            marker.x, marker.y = point
            drawing.add(marker)
            if len(data.series) == 1:
                _note(drawing, series.labels[i], point[0], point[1] + 5, "middle")
    for i in range(count):  # a withheld point is a gap in its line: say why
        if withheld := withheld_text(data.series, i):
            _note(drawing, withheld, left + (i + 0.5) * slot, bottom + 3, "middle")
    return drawing


def _bar_chart(data: ChartData, width: float, height: float, *, stacked: bool) -> Any:
    count, per_group = len(data.categories), 1 if stacked else len(data.series)
    longest = max(_text_width(name) for name in data.categories)
    # Shares are compared across groups, so they lie sideways like the other groups' shares.
    upright = (
        not stacked and data.unit != "%" and count * per_group <= 24 and longest <= 70
        and count <= 8
    )
    if upright:
        return _upright_bars(data, width)
    return _sideways_bars(data, width, height, stacked=stacked)


def _drawn(series: Series) -> list[float]:
    """Values as the bar charts take them: withheld and none as 0, a bar of no length that
    still carries its label ("<5", "hidden" or "none")."""
    return [value or 0.0 for value in series.values]


def _mute_withheld(chart: Any, series: Sequence[Series]) -> None:
    """Withheld labels in the muted colour; `series` in the order of the chart's data."""
    for row, drawn in enumerate(series):
        for column in range(len(drawn.labels)):
            if drawn.withheld(column):
                chart.barLabels[(row, column)].fillColor = colour(MUTED)


def _bar_labels(chart: Any, anchor: str) -> None:
    chart.barLabelFormat = "values"
    chart.barLabels.fontName, chart.barLabels.fontSize = REGULAR, SIZE
    chart.barLabels.fillColor = colour(TEXT)
    chart.barLabels.boxAnchor = anchor
    chart.barLabels.nudge = 3


def _style_bars(chart: Any, data: ChartData) -> None:
    for index in range(len(data.series)):
        chart.bars[index].symbol = _bar_symbol(index)
        chart.bars[index].fillColor = colour(_colour(index))
        chart.bars[index].strokeColor = None


def _upright_bars(data: ChartData, width: float) -> Any:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing

    plot_height, left, right = 140.0, 40.0, 8.0
    count, per_group = len(data.categories), len(data.series)
    slot = (width - left - right) / count
    names = [wrap_label(n, slot - 4) for n in data.categories]
    bottom = max(name.count("\n") + 1 for name in names) * (SIZE + 1.5) + 6
    legend = _legend(Drawing(width, 1000), data, width, 1000, lines=False)
    height = legend + plot_height + bottom + 14
    drawing = Drawing(width, height)
    _legend(drawing, data, width, height, lines=False)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = left, bottom, width - left - right, plot_height
    chart.data = [_drawn(series) for series in data.series]
    top = max((v for row in chart.data for v in row), default=0.0)
    _value_axis(chart.valueAxis, data, top)
    _category_axis(chart.categoryAxis, names)
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.barWidth, chart.barSpacing = 10, 1
    chart.groupSpacing = 10 if per_group > 1 else 8
    bar = slot * 10 / (per_group * 10 + (per_group - 1) + chart.groupSpacing)
    _style_bars(chart, data)
    _bar_labels(chart, "s")
    readable = all(_text_width(text) <= bar + 6 for s in data.series for text in s.labels)
    chart.barLabelArray = [
        [text if readable or text in ("none", WITHHELD, HIDDEN) else "" for text in s.labels]
        for s in data.series
    ]
    _mute_withheld(chart, data.series)
    drawing.add(chart)
    _axis_title(drawing, data.axis_title, 9, bottom + plot_height / 2, upright=True)
    return drawing


def _sideways_bars(data: ChartData, width: float, most: float, *, stacked: bool) -> Any:
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing

    count, per_group = len(data.categories), 1 if stacked else len(data.series)
    label_width = min(max(_text_width(n) for n in data.categories), width * 0.36)
    names = [wrap_label(n, label_width) for n in data.categories]
    thickness = 11.0 if per_group == 1 else 8.0
    lines = max(name.count("\n") + 1 for name in names)
    slot = max(per_group * thickness + 7, lines * (SIZE + 1.5) + 5)
    if slot * count > most:  # many rows: thinner bars, down to what a label needs
        names = [wrap_label(n, 1e6) for n in data.categories]
        slot = max(most / count, SIZE + 3.5)
        thickness = max((slot - 4) / per_group, 2.0)
    plot_height = slot * count
    labels = [text for s in data.series for text in s.labels]
    left = label_width + 8
    ends = ["+ " + withheld_text(data.series, i) for i in range(count)] if stacked else []
    right = max(_text_width(text) for text in [*labels, *ends, "+ <5"]) + 8
    bottom = 30.0
    legend = _legend(Drawing(width, 1000), data, width, 1000, lines=False)
    height = legend + plot_height + bottom + 4
    drawing = Drawing(width, height)
    _legend(drawing, data, width, height, lines=False)
    chart = HorizontalBarChart()
    chart.x, chart.y = left, bottom
    chart.width, chart.height = width - left - right, plot_height
    rows = [_drawn(series) for series in data.series]
    if stacked:  # a withheld segment is left out and said at the end of its bar
        chart.categoryAxis.style = "stacked"
        totals = [sum(row[i] for row in rows) for i in range(count)]
        top = max(totals)
    else:
        top = max((v for row in rows for v in row), default=0.0)
    chart.data = rows
    _value_axis(chart.valueAxis, data, top)
    _category_axis(chart.categoryAxis, names)
    chart.categoryAxis.reverseDirection = 1
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.barWidth, chart.barSpacing = thickness, 0.5
    chart.groupSpacing = slot - per_group * thickness - (per_group - 1) * 0.5
    _style_bars(chart, data)
    _bar_labels(chart, "c" if stacked else "w")
    scale = chart.width / chart.valueAxis.valueMax
    if stacked:
        chart.barLabels.boxTarget = "mid"  # inside its segment; the end is for "+ <5"
        chart.barLabels.boxFillColor = colour("#ffffff")
        chart.barLabels.leftPadding = chart.barLabels.rightPadding = 1.5
        chart.barLabelArray = [
            [text if (value or 0) * scale >= _text_width(text) + 6 else ""
             for text, value in zip(s.labels, s.values, strict=True)]
            for s in data.series
        ]
    else:  # the first series on top in each group, as in the legend
        chart.data = rows[::-1]
        for position in range(per_group):
            chart.bars[position].symbol = _bar_symbol(per_group - 1 - position)
        chart.barLabelArray = [list(s.labels) for s in data.series[::-1]]
        _mute_withheld(chart, data.series[::-1])
    drawing.add(chart)
    _axis_title(drawing, data.axis_title, left + chart.width / 2, 12, upright=False)
    if stacked:
        for i, total in enumerate(totals):
            if withheld := withheld_text(data.series, i):
                y = bottom + plot_height - (i + 0.5) * slot - SIZE * 0.35
                _note(drawing, "+ " + withheld, left + total * scale + 4, y)
    return drawing
