"""What goes around a chart: its legend as wrapping text, the height it needs to be read, a
view of it, and a picture of it (with title, legend and notes) for saving as a PNG."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from restorative_desk.reports.figures import ChartKind, FigureTable

from .chart_plan import plan_chart
from .charts import PALETTE, TEXT_COLOUR, axis_label, chart_font, chart_for

if TYPE_CHECKING:
    from PySide6.QtCharts import QChartView
    from PySide6.QtGui import QImage

LINE_GLYPHS = ("\u2014\u2014", "\u2013 \u2013", "\u00b7\u00b7\u00b7", "\u2013\u00b7\u2013",
               "\u2013\u00b7\u00b7")  # how each dash pattern is drawn in the legend


def legend_html(table: FigureTable) -> str:
    """The chart's legend as rich text: a coloured mark (a square, or the line's dash pattern)
    and the name of each column drawn; "" when only one is drawn (the title says it)."""
    plan = plan_chart(table)
    if len(plan.columns) < 2 or table.is_empty:
        return ""
    entries = []
    for number, column in enumerate(plan.columns):
        glyph = (LINE_GLYPHS[number % len(LINE_GLYPHS)] if plan.kind is ChartKind.LINE
                 else "\u25a0")
        entries.append(
            f'<span style="white-space:nowrap"><b style="color:{PALETTE[number % len(PALETTE)]}">'
            f"{glyph}</b>&nbsp;{html.escape(table.columns[column])}</span>"
        )
    return "&nbsp;&nbsp;&nbsp; ".join(entries)


def legend_label(table: FigureTable) -> QLabel:
    """A label showing legend_html(table), centred and wrapping between entries."""
    label = QLabel(legend_html(table))
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setVisible(bool(label.text()))
    return label


def chart_height(table: FigureTable, line_height: int) -> int:
    """Pixels a chart of `table` needs to be readable: enough for the axes and legend, and
    for each row's label and bars when the bars lie horizontally."""
    plan = plan_chart(table)
    least = line_height * 17  # the legend is under the chart, not in it
    if not plan.horizontal or plan.kind is ChartKind.LINE:
        return least
    bars = 1 if plan.kind is ChartKind.STACKED else len(plan.columns)
    label_lines = max((len(axis_label(row.label, plan).split("<br>")) for row in table.rows),
                      default=1)
    per_row = max(label_lines * line_height + 8, bars * line_height * 0.55 + 12)
    return max(least, int(len(table.rows) * per_row + line_height * 3))


def chart_view_for(table: FigureTable) -> QChartView:
    """A view of `chart_for(table)`, drawn smoothly."""
    from PySide6.QtCharts import QChartView
    from PySide6.QtGui import QPainter

    view = QChartView(chart_for(table))
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    return view


def chart_image(table: FigureTable, size: QSize | None = None, scale: float = 2.0) -> QImage:
    """The chart as a picture with its title and its note (so "<5" is explained wherever the
    picture goes), drawn at `scale` times `size` for crisp printing and slides."""
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from .chart_plan import note_for

    size = size or QSize(900, 540)
    page = QWidget()
    page.setAutoFillBackground(True)
    palette = page.palette()
    palette.setColor(page.backgroundRole(), QColor("white"))
    palette.setColor(page.foregroundRole(), QColor(TEXT_COLOUR))
    page.setPalette(palette)
    title = QLabel(table.title)
    title_font = chart_font()
    title_font.setPointSizeF(title_font.pointSizeF() + 3)
    title_font.setBold(True)
    title.setFont(title_font)
    view = chart_view_for(table)
    legend = legend_label(table)
    note = QLabel(note_for(table))
    note.setWordWrap(True)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(16, 12, 16, 12)
    layout.addWidget(title)
    layout.addWidget(view, 1)
    layout.addWidget(legend)
    layout.addWidget(note)
    page.resize(size)
    page.ensurePolished()
    layout.activate()
    image = QImage(size * scale, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.fill(QColor("white"))
    page.render(image)
    return image
