"""The board report benchmark (`bench.py --only report`): Store.dashboard then the PDF over
100,000 cases and 50,000 pilot entries, against a bare reportlab document with the same
number of charts and tables built directly (the floor).

Used by scripts/bench.py; the app never imports it.
"""

from __future__ import annotations

import io
import statistics
import time
from datetime import date
from typing import Any

from restorative_desk.reports.figures import Dashboard, ReportFilter


def bare_board(dashboard: Dashboard) -> bytes:
    """Each table as a title, a plain chart of its numbers and a plain table, in a bare
    SimpleDocTemplate: default fonts and styles, no letterhead, page numbers or legends."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    styles = getSampleStyleSheet()
    width = A4[0] - 2 * 72
    story: list[Any] = [Paragraph("Partnership board report", styles["Title"])]
    story += [Paragraph(f"{h.label}: {h.cell.text}", styles["BodyText"])
              for h in dashboard.headlines]
    for table in dashboard.tables:
        story.append(Paragraph(table.title, styles["Heading2"]))
        if table.rows:
            data = [[cell.number or 0 for cell in row.cells] for row in table.rows]
            series = [list(column) for column in zip(*data, strict=True)]
            drawing = Drawing(width, 180)
            chart: Any = HorizontalLineChart() if table.chart.value == "line" else (
                HorizontalBarChart())
            chart.x, chart.y, chart.width, chart.height = 40, 20, width - 50, 150
            chart.data = series
            chart.categoryAxis.categoryNames = [row.label for row in table.rows]
            drawing.add(chart)
            story.append(drawing)
        story.append(Table(
            [[table.row_heading, *table.columns]]
            + [[row.label, *(cell.text for cell in row.cells)] for row in table.rows],
            repeatRows=1,
        ))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(story)
    return buffer.getvalue()


def report_figures(runs: int = 5) -> dict[str, object]:
    """Median times for the dashboard, the PDF and both, with the bare floor in the same run."""
    from bench_reports import BENCH_TODAY, open_report_database, report_database

    from restorative_desk.documents.board_report import (
        board_report_request_for,
        render_board_report,
    )

    path = report_database()
    report_filter = ReportFilter(date(BENCH_TODAY.year - 1, 12, 1), BENCH_TODAY)
    counting, rendering, whole, bare, command_line = [], [], [], [], []
    with open_report_database(path) as store:
        request = board_report_request_for(store)
        render_board_report(store.dashboard(report_filter), request)  # warm: fonts, styles
        bare_board(store.dashboard(report_filter))
        for _ in range(runs):
            start = time.perf_counter()
            dashboard = store.dashboard(report_filter)
            counted = time.perf_counter()
            pdf = render_board_report(dashboard, request)
            done = time.perf_counter()
            counting.append((counted - start) * 1000)
            rendering.append((done - counted) * 1000)
            whole.append((done - start) * 1000)
            start = time.perf_counter()
            bare_board(dashboard)
            bare.append((time.perf_counter() - start) * 1000)
            # What `rdesk report` does: one report, counted straight from the case file.
            start = time.perf_counter()
            render_board_report(store.dashboard(report_filter, cached=False), request)
            command_line.append((time.perf_counter() - start) * 1000)
    render_ms, bare_ms = statistics.median(rendering), statistics.median(bare)
    return {
        "period": f"{report_filter.start.isoformat()} to {report_filter.end.isoformat()}",
        "dashboard_median_ms": round(statistics.median(counting), 1),
        "render_pdf_median_ms": round(render_ms, 1),
        "dashboard_and_pdf_median_ms": round(statistics.median(whole), 1),
        "dashboard_and_pdf_max_ms": round(max(whole), 1),
        "rdesk_report_path_uncached_median_ms": round(statistics.median(command_line), 1),
        "rdesk_report_path_uncached_max_ms": round(max(command_line), 1),
        "target_ms": 3000,
        "bare_reportlab_same_charts_and_tables_ms": round(bare_ms, 1),
        "render_over_bare": round(render_ms / bare_ms, 2),
        "pages": _pages(pdf),
    }


def _pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)
