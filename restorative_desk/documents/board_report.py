"""The partnership board report: the dashboard's figures as a PDF with charts and tables.

It holds only what the Dashboard holds: counts, shares and medians with the small-count rule
already applied ("<5", and "hidden" for a count withheld to protect one), never a name,
contact detail, free text or date of birth. Layout: a
cover (who, the period, the filter, the day it was made), how to read it, the headlines with
published figures beside them, then a section per theme, each chart followed by its table.
Wording is data in resources/documents/board_report.json (board_wording.py checks it). Same
dashboard and request, same bytes: the cover gives the day produced, never a time.

Long reports tell `progress` how far they are between sections, and stop with Cancelled when
it says so (the layout itself, the last step, runs to the end once started).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from ..formatting import format_date
from ..records import Setting
from ..reports.figures import (
    Dashboard,
    FigureRow,
    FigureTable,
    Headline,
    Progress,
    report_progress,
    with_hidden_note,
)
from .agreement import Paper
from .board_charts import chart_drawing
from .board_wording import BoardWording, SectionWording, load_board_wording
from .fonts import BOLD
from .markup import filler
from .pdf_base import (
    ACCENT,
    MUTED,
    PALE,
    RULE,
    Letterhead,
    build_pdf,
    colour,
    frame_height,
    frame_width,
    paragraph,
    stylesheet,
    text_paragraph,
)

if TYPE_CHECKING:
    from ..store import Store

DEFAULT_ORGANISATION = "Restorative practice partnership"  # when no name is saved
_LEAD_ROWS = 2  # a table starts on a new page unless its heading row and this many rows fit
# A block taller than the space left starts there anyway (its table running on to the next
# page, headings repeated) when at least this share of a page is left: no near-empty pages.
_FLOW_FROM = 0.4
_CHECK_SHAPES = False  # tests set True to draw the charts with reportlab's checks on
_LEAST_LABEL_SHARE = 0.24  # of the width, for the row labels of a wide table


@dataclass(frozen=True)
class BoardReportRequest:
    """Who the report comes from, the paper it is laid out for, and the day it is produced."""

    letterhead: Letterhead
    produced_on: date
    paper: Paper = Paper.A4


def board_report_request_for(store: Store) -> BoardReportRequest:
    """The letterhead and paper from the settings, produced today (the store's today)."""
    from .agreement_batch import paper_for
    from .letterhead import organisation_details

    details = organisation_details(store)
    return BoardReportRequest(
        letterhead=Letterhead(
            details.name or DEFAULT_ORGANISATION, logo=details.logo, contact=details.contact
        ),
        produced_on=store.today(),
        paper=paper_for(store),
    )


def period_text(dashboard: Dashboard) -> str:
    """The period in words: "1 Dec 2025 to 26 Nov 2026"."""
    return f"{format_date(dashboard.filter.start)} to {format_date(dashboard.filter.end)}"


def filename_for_board_report(dashboard: Dashboard) -> str:
    """A file name from the period: board-report-2025-12-01-to-2026-11-26.pdf."""
    start, end = dashboard.filter.start.isoformat(), dashboard.filter.end.isoformat()
    return f"board-report-{start}-to-{end}.pdf"


def render_board_report(
    dashboard: Dashboard, request: BoardReportRequest, progress: Progress | None = None
) -> bytes:
    """The board report as PDF bytes; raises figures.Cancelled when `progress` says stop."""
    with _charts_unchecked():
        return _render(dashboard, request, progress)


@contextlib.contextmanager
def _charts_unchecked() -> Iterator[None]:
    """reportlab checks every attribute set on a chart's shapes against its type, which was
    most of the time a big report took; the charts here are made by code, not by hand, and
    the tests draw them with the checks on."""
    from reportlab import rl_config

    checking = rl_config.shapeChecking
    rl_config.shapeChecking = 0 if _CHECK_SHAPES is False else checking
    try:
        yield
    finally:
        rl_config.shapeChecking = checking


def _render(dashboard: Dashboard, request: BoardReportRequest, progress: Progress | None
            ) -> bytes:
    wording = _wording()
    steps = len(wording.sections) + 3
    report_progress(progress, 0, steps)
    organisation = request.letterhead.organisation.strip() or DEFAULT_ORGANISATION
    page = _Page(request.paper, _styles())
    story = [*_cover(dashboard, request, wording, page), *_how_to_read(wording, page)]
    report_progress(progress, 1, steps)
    story += _headlines(dashboard.headlines, wording, page)
    report_progress(progress, 2, steps)
    for number, section in enumerate(wording.sections, start=3):
        story += _section(section, dashboard, wording, page)
        report_progress(progress, number, steps)
    pdf = build_pdf(
        story,
        pagesize=request.paper.size,
        title=f"{wording.title} \N{EN DASH} {period_text(dashboard)}",
        letterhead=request.letterhead,
        organisation=organisation,
        reference=period_text(dashboard),
        large=False,
    )
    if progress is not None:
        progress(steps, steps)
    return pdf


@functools.cache
def _wording() -> BoardWording:
    return load_board_wording()


@functools.cache
def _styles() -> dict[str, Any]:
    """The shared stylesheet with the report's own few additions."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    styles = dict(stylesheet(False))
    body = styles["body"]
    styles["subheading"] = ParagraphStyle(
        "Subheading", parent=body, fontName=BOLD, fontSize=11.5, leading=15,
        textColor=colour(ACCENT), spaceBefore=10, spaceAfter=6,
    )
    styles["cell_heading_right"] = ParagraphStyle(
        "CellHeadingRight", parent=styles["cell_heading"], alignment=TA_RIGHT
    )
    styles["figure"] = ParagraphStyle(
        "Figure", parent=body, fontName=BOLD, fontSize=20, leading=24,
        textColor=colour(ACCENT), spaceAfter=2,
    )
    styles["figure_label"] = ParagraphStyle(
        "FigureLabel", parent=body, fontSize=9.5, leading=12.5, spaceAfter=2
    )
    styles["figure_published"] = ParagraphStyle(
        "FigurePublished", parent=body, fontSize=8.5, leading=11, textColor=colour(MUTED),
        spaceAfter=0,
    )
    return styles


@dataclass(frozen=True)
class _Page:
    paper: Paper
    styles: dict[str, Any]

    @property
    def width(self) -> float:
        return frame_width(self.paper.size)

    @property
    def height(self) -> float:
        return frame_height(self.paper.size)


def _lines(lines: tuple[str, ...], style: Any) -> list[Any]:
    fill = filler({})
    return [paragraph(fill(line), style) for line in lines]


def _cover(
    dashboard: Dashboard, request: BoardReportRequest, wording: BoardWording, page: _Page
) -> list[Any]:
    from reportlab.platypus import Table, TableStyle

    words, chosen = wording.cover, dashboard.filter
    settings = ", ".join(s.label for s in Setting if s in chosen.settings)
    details = [
        (words["period"], period_text(dashboard)),
        (words["settings"], settings or words["all_settings"]),
        (words["organisation"], chosen.organisation or words["all_organisations"]),
        (words["produced"], format_date(request.produced_on)),
    ]
    styles = page.styles
    table = Table(
        [[text_paragraph(label, styles["detail_muted"]), text_paragraph(value, styles["detail"])]
         for label, value in details],
        colWidths=[page.width * 0.24, page.width * 0.76], hAlign="LEFT",
    )
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))  # fmt: skip
    return [text_paragraph(wording.title, styles["title"]), table]


def _how_to_read(wording: BoardWording, page: _Page) -> list[Any]:
    from reportlab.platypus import KeepTogether

    styles = page.styles
    return [
        KeepTogether([
            paragraph(escape(wording.how_to_read.heading), styles["heading"]),
            *_lines(wording.how_to_read.lines, styles["body"]),
        ]),
        KeepTogether([
            paragraph(escape(wording.stages.heading), styles["subheading"]),
            *_lines(wording.stages.lines, styles["bullet"]),
        ]),
    ]  # fmt: skip


def _headlines(headlines: tuple[Headline, ...], wording: BoardWording, page: _Page) -> list[Any]:
    """The headline figures as cards, three to a row, each with its published figure."""
    from reportlab.platypus import KeepTogether, Table, TableStyle

    if not headlines:
        return []
    styles, across = page.styles, 3
    cards: list[Any] = [
        [
            paragraph(escape(h.cell.text), styles["figure"]),
            text_paragraph(h.label, styles["figure_label"]),
            *([text_paragraph(h.published, styles["figure_published"])] if h.published else []),
        ]
        for h in headlines
    ]
    cards += [""] * (-len(cards) % across)
    rows = [cards[i : i + across] for i in range(0, len(cards), across)]
    gap = 6.0
    table = Table(rows, colWidths=[page.width / across] * across, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
    ]
    for index in range(len(headlines)):
        cell = (index % across, index // across)
        commands += [("BACKGROUND", cell, cell, colour(PALE)),
                     ("LINEABOVE", cell, cell, 2, colour(ACCENT))]
    commands += [("LINEAFTER", (0, 0), (-2, -1), gap, colour("#ffffff")),
                 ("LINEBELOW", (0, 0), (-1, -2), gap, colour("#ffffff"))]
    table.setStyle(TableStyle(commands))
    return [KeepTogether([
        paragraph(escape(wording.headlines.heading), styles["heading"]),
        *_lines(wording.headlines.lines, styles["body"]),
        table,
    ])]  # fmt: skip


def _section(
    section: SectionWording, dashboard: Dashboard, wording: BoardWording, page: _Page
) -> list[Any]:
    """A section: its heading and words kept with its first table, then each table."""
    styles = page.styles
    lead = [
        paragraph(escape(section.heading), styles["heading"]),
        *_lines(section.lines, styles["body"]),
    ]
    tables = []
    for key in section.tables:
        try:
            tables.append(dashboard.table(key))
        except KeyError:
            continue
    if not tables:
        return []
    story: list[Any] = []
    for table in tables:
        story += _figure(table, lead, wording, page)
        lead = []
    return story


def _figure(table: FigureTable, lead: list[Any], wording: BoardWording, page: _Page
            ) -> list[Any]:
    """A table's title, chart, table and note, kept together when they fit on a page;
    otherwise started on a new page unless the start of the table fits."""
    from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

    styles = page.styles
    parts = [*lead, paragraph(escape(table.title), styles["subheading"])]
    chart = chart_drawing(table, page.width, page.height * 0.62)
    if chart is not None:
        parts += [chart, Spacer(1, 6)]
    if table.is_empty:
        return [KeepTogether([*parts, paragraph(escape(wording.no_rows), styles["body"])])]
    groups = column_groups(table, page)
    # The note rides in the last grid's final row, so a page break never leaves it alone.
    note = with_hidden_note(table.note, table)
    grids = [figure_grid(part, page, note=note if part is groups[-1] else "")
             for part in groups]  # fmt: skip
    grid = grids[0]
    for later in grids[1:]:
        later.spaceBefore = 8
    whole = [*parts, *grids, Spacer(1, 8)]
    heights = [_height(flowable, page.width) for flowable in whole]
    lead_height = sum(heights[: len(parts)]) + sum(grid._rowHeights[: _LEAD_ROWS + 1])
    if sum(heights) <= page.height * 0.95:
        return [_kept_or_flowing(whole, max(lead_height, page.height * _FLOW_FROM))]
    return [CondPageBreak(lead_height), *whole]


def _kept_or_flowing(flowables: list[Any], flow_from: float) -> Any:
    """Kept together on one page, unless at least `flow_from` points are left on this one:
    then it starts here and its table runs on (a near-empty page helps no one)."""
    from reportlab.platypus import KeepTogether

    class KeptOrFlowing(KeepTogether):  # type: ignore[misc]  # reportlab is untyped
        def split(self, aW: float, aH: float) -> list[Any]:
            if getattr(self, "_wrapInfo", None) != (aW, aH):
                self.wrap(aW, aH)
            if self._H > aH >= flow_from:
                return list(self._content)
            return list(super().split(aW, aH))

    return KeptOrFlowing(flowables)


def _height(flowable: Any, width: float) -> float:
    height = float(flowable.wrap(width, 1e6)[1])
    return height + float(flowable.getSpaceBefore()) + float(flowable.getSpaceAfter())


def figure_grid(table: FigureTable, page: _Page, note: str = "") -> Any:
    """The figures as a table: headings repeated on each page, numbers right-aligned; a note
    goes in a last row across the table, kept on the same page as the row above it."""
    from reportlab.platypus import Table, TableStyle

    styles = page.styles
    widths = _column_widths(table, page.width, styles)
    heading = [text_paragraph(table.row_heading, styles["cell_heading"])] + [
        text_paragraph(name, styles["cell_heading_right"]) for name in table.columns
    ]
    body = [
        [text_paragraph(row.label, styles["cell"]), *(cell.text for cell in row.cells)]
        for row in table.rows
    ]
    notes = [[paragraph(escape(note), styles["cell_note"])] + [""] * len(table.columns)]
    grid = Table([heading, *body, *(notes if note else [])], colWidths=widths, repeatRows=1,
                 hAlign="LEFT")  # fmt: skip
    cell_style = styles["cell"]
    grid.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("FONTNAME", (1, 1), (-1, -1), cell_style.fontName),
        ("FONTSIZE", (1, 1), (-1, -1), cell_style.fontSize),
        ("TEXTCOLOR", (1, 1), (-1, -1), cell_style.textColor),
        ("BACKGROUND", (0, 0), (-1, 0), colour(PALE)),
        ("LINEBELOW", (0, 0), (-1, 0), 1, colour(ACCENT)),
        ("LINEBELOW", (0, 1), (-1, -2 if note else -1), 0.4, colour(RULE)),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
    ]))  # fmt: skip
    if note:
        grid.setStyle(TableStyle([
            ("SPAN", (0, -1), (-1, -1)),
            ("NOSPLIT", (0, -2), (-1, -1)),
            ("LEFTPADDING", (0, -1), (-1, -1), 0),
            ("TOPPADDING", (0, -1), (-1, -1), 5),
        ]))  # fmt: skip
    grid.wrap(page.width, page.height)  # row heights, for deciding where it starts
    return grid


def column_groups(table: FigureTable, page: _Page) -> list[FigureTable]:
    """The table as one, or, when its columns do not fit across the page (sessions by school
    for thirty schools), as several side by side in turn, each with the row labels."""
    needed = _needed_widths(table, page.styles)
    room = page.width * (1 - _LEAST_LABEL_SHARE)
    groups: list[list[int]] = [[]]
    for index, width in enumerate(needed):
        if groups[-1] and sum(needed[i] for i in groups[-1]) + width > room:
            groups.append([])
        groups[-1].append(index)
    if len(groups) == 1:
        return [table]
    return [
        replace(
            table,
            columns=tuple(table.columns[i] for i in group),
            rows=tuple(
                FigureRow(row.label, tuple(row.cells[i] for i in group)) for row in table.rows
            ),
        )
        for group in groups
    ]


def _column_widths(table: FigureTable, width: float, styles: dict[str, Any]) -> list[float]:
    """Room for each figure column's longest heading word and cell; the rest to the labels
    (at most half the width, so a figure is never far from its label)."""
    needed = _needed_widths(table, styles)
    label = min(width * 0.5, max(width - sum(needed), width * _LEAST_LABEL_SHARE))
    spare = max(width - label - sum(needed), 0.0) / max(len(needed), 1)
    return [label] + [n + spare for n in needed]


def _needed_widths(table: FigureTable, styles: dict[str, Any]) -> list[float]:
    """Each figure column's longest heading word or cell, with padding."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    heading, cell = styles["cell_heading"], styles["cell"]
    padding = 12.0
    needed = []
    for index, name in enumerate(table.columns):
        words = max(stringWidth(w, heading.fontName, heading.fontSize) for w in name.split())
        cells = max(
            (stringWidth(row.cells[index].text, cell.fontName, cell.fontSize)
             for row in table.rows),
            default=0.0,
        )
        needed.append(max(words, cells, 30.0) + padding)
    return needed
