"""The anonymised CSV: every dashboard figure, one cell a line, small counts already withheld.

Long format, UTF-8 with a header line and nothing before it:

    table,table_title,row,column,value,withheld

The period and filter come first, as rows of the table "filter" (row "Period", columns "From"
and "To" as YYYY-MM-DD, then "Settings" and "Organisation"), then the headlines (table
"headlines", column "Value"; a published figure to compare with in column "Published"), then
every table in the dashboard's order. `value` is the cell's text as shown ("12", "1,234",
"<5", "hidden", "85%", "54 days", "none", "not asked"); `withheld` is "yes" where the
small-count rule withheld it ("hidden": a count of 5 or more withheld so a "<5" beside it
cannot be worked out from a total). Only Dashboard cells are written, and they are aggregated
and suppressed by construction: no names, contact details, free text, case references or
dates of birth. The only dates are the period's two ends, which the person exporting chose.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .figures import Cell, Dashboard, Progress, report_progress

COLUMNS = ("table", "table_title", "row", "column", "value", "withheld")
FILTER_TABLE = "filter"
HEADLINE_TABLE = "headlines"
ALL_SETTINGS = "All settings"
PROGRESS_EVERY = 500  # lines between progress reports
FORMULA_STARTS = frozenset("=+-@\t\r")


def _text(text: str) -> str:
    """Text a spreadsheet will show rather than run: a leading =, +, - or @ (from an
    organisation's name, say) gets an apostrophe before it."""
    return f"'{text}" if text[:1] in FORMULA_STARTS else text


def _line(table: str, title: str, row: str, column: str, value: str,
          withheld: bool = False) -> dict[str, str]:  # fmt: skip
    return {"table": table, "table_title": _text(title), "row": _text(row),
            "column": _text(column), "value": _text(value),
            "withheld": "yes" if withheld else "no"}  # fmt: skip


def _cell(table: str, title: str, row: str, column: str, cell: Cell) -> dict[str, str]:
    return _line(table, title, row, column, cell.text, cell.withheld)


def anonymised_rows(dashboard: Dashboard) -> Iterator[dict[str, str]]:
    """The CSV's lines as dictionaries keyed by COLUMNS, in order."""
    chosen = dashboard.filter
    title = "What the figures cover"
    settings = "; ".join(sorted(s.label for s in chosen.settings)) or ALL_SETTINGS
    yield _line(FILTER_TABLE, title, "Period", "From", chosen.start.isoformat())
    yield _line(FILTER_TABLE, title, "Period", "To", chosen.end.isoformat())
    yield _line(FILTER_TABLE, title, "Settings", "Value", settings)
    yield _line(FILTER_TABLE, title, "Organisation", "Value",
                chosen.organisation or "All organisations")
    for headline in dashboard.headlines:
        yield _cell(HEADLINE_TABLE, "Headlines", headline.label, "Value", headline.cell)
        if headline.published:
            yield _line(HEADLINE_TABLE, "Headlines", headline.label, "Published",
                        headline.published)
    for table in dashboard.tables:
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                yield _cell(table.key, table.title, row.label, column, cell)


def write_anonymised_csv(
    dashboard: Dashboard, path: Path, progress: Progress | None = None
) -> int:
    """Write the anonymised CSV to `path` whole or not at all (a temporary file in the same
    folder, moved into place at the end); returns the lines written, not counting the header.
    `progress(done, total)` returning False stops with figures.Cancelled, leaving no file."""
    lines = list(anonymised_rows(dashboard))
    total = len(lines)
    report_progress(progress, 0, total)
    handle, partial_name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".part", dir=path.parent
    )
    partial = Path(partial_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
            writer.writeheader()
            for done, line in enumerate(lines, start=1):
                writer.writerow(line)
                if done % PROGRESS_EVERY == 0:
                    report_progress(progress, done, total)
            out.flush()
            os.fsync(out.fileno())
        report_progress(progress, total, total)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return total
