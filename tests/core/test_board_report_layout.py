"""The board report's layout holds up: charts valid under reportlab's own checks, and a wide
table (thirty schools) split into parts that fit across the page, its chart turned to one bar
per school."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from restorative_desk.documents import board_report
from restorative_desk.documents.board_charts import chart_data
from restorative_desk.documents.board_report import render_board_report
from restorative_desk.reports.figures import ChartKind, Count, FigureRow, FigureTable

from .board_sample import sample_dashboard
from .test_board_report import REQUEST, pdf_text

SCHOOLS = tuple(f"School {number}" for number in range(1, 31))
OUTCOMES = ("Resolved", "Agreement made", "Follow-up needed")


def _wide_table() -> FigureTable:
    return FigureTable(
        "pilot_outcomes", "How pilot sessions ended", "Outcome", SCHOOLS,
        tuple(FigureRow(outcome, tuple(Count.of(10 * n + i) for i in range(30)))
              for n, outcome in enumerate(OUTCOMES, start=5)),
        ChartKind.BARS,
    )


def test_charts_pass_reportlabs_attribute_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(board_report, "_CHECK_SHAPES", True)
    assert render_board_report(sample_dashboard(), REQUEST).startswith(b"%PDF")


def test_a_wide_table_is_split_to_fit_and_charted_per_school() -> None:
    table = _wide_table()
    data = chart_data(table)
    assert data is not None
    assert data.categories == SCHOOLS and [s.name for s in data.series] == list(OUTCOMES)
    full = sample_dashboard()
    tables = tuple(table if t.key == "pilot_outcomes" else t for t in full.tables)
    pdf = render_board_report(replace(full, tables=tables), REQUEST)
    text = pdf_text(pdf)
    assert all(f"School {n}" in text for n in range(1, 31))
    for page in PdfReader(io.BytesIO(pdf)).pages:
        assert page.extract_text().strip()
