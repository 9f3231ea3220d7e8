"""`rdesk report`: the partnership board report as a PDF, for a period, settings and an
organisation. Figures only: no names, contact details, free text or dates of birth, and counts
of 1 to 4 shown as "<5".

The file is written whole or not at all: the PDF goes to a hidden file in the same folder and
takes the name asked for only when it is complete, so a failure or Ctrl+C (exit 130) never
leaves half a report, nor replaces an older one. Each report is noted in the audit trail as an
export, with its period only.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from .cli_report_args import (
    ReportArgumentError,
    StderrProgress,
    add_filter_arguments,
    filter_from_args,
)
from .store import Store
from .store.audit import AuditAction

INTERRUPTED = 130  # the usual exit status after Ctrl+C
RECORD_TYPE = "board_report"


class ReportError(Exception):
    """A problem with the report as asked (reported in one line, exit status 2)."""


def add_report_command(commands: Any) -> None:
    """Add `report` to the rdesk sub-commands."""
    report = commands.add_parser(
        "report",
        help="the partnership board report as a PDF: charts and tables, figures only "
        "(no names; counts of 1 to 4 shown as <5)",
        description="The partnership board report as a PDF. Without --from and --to it covers "
        "the last 12 whole months up to today.",
    )
    add_filter_arguments(report)
    report.add_argument(
        "--out", type=Path, required=True, metavar="FILE.pdf", help="where to save the report"
    )


def run_report(store: Store, args: argparse.Namespace) -> int:
    """Count the figures, lay the report out and save it; progress on stderr."""
    from .documents.board_report import board_report_request_for, render_board_report

    target = _target(args.out)
    try:
        report_filter = filter_from_args(args, store.today())
    except ReportArgumentError as error:
        raise ReportError(str(error)) from None
    try:
        # One report per run: straight from the case file (see cli_export.py).
        dashboard = store.dashboard(
            report_filter, progress=StderrProgress("Counting the figures"), cached=False
        )
        request = board_report_request_for(store)
        pdf = render_board_report(dashboard, request, progress=StderrProgress("Writing the report"))
        _write_whole(target, pdf)
    except KeyboardInterrupt:
        print("Stopped: no report was written.", file=sys.stderr)
        return INTERRUPTED
    store.record_event(
        AuditAction.EXPORT,
        record_type=RECORD_TYPE,
        detail=f"pdf {report_filter.start.isoformat()} to {report_filter.end.isoformat()}",
    )
    print(f"The board report was written to {target}.", file=sys.stderr)
    return 0


def _target(out: Path) -> Path:
    """The file to write, checked before any counting starts."""
    if out.suffix.lower() != ".pdf":
        raise ReportError(f"--out {out} should end in .pdf (the report is a PDF)")
    folder = out.parent
    if not folder.is_dir():
        raise ReportError(f"the folder {folder} does not exist")
    if out.is_dir():
        raise ReportError(f"{out} is a folder; give a file name ending in .pdf")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ReportError(f"the folder {folder} cannot be written to")
    return out


def _write_whole(target: Path, data: bytes) -> None:
    """Write to a hidden file beside the target, then put it in place in one step."""
    try:
        handle, partial = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent
        )
    except OSError as error:
        raise ReportError(f"{target.parent}: {error.strerror or error}") from error
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        if isinstance(error, OSError):
            raise ReportError(f"{target}: {error.strerror or error}") from error
        raise
