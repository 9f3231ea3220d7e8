"""`rdesk export --anonymised`: every dashboard figure as a CSV, small counts withheld."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from .cli_report_args import (
    ReportArgumentError,
    StderrProgress,
    add_filter_arguments,
    filter_from_args,
)
from .store import Store

INTERRUPTED = 130  # the usual exit status after Ctrl+C


class ExportError(Exception):
    """A problem with the export as asked (reported in one line, exit status 2)."""


def add_export_command(commands: Any) -> None:
    """Add `export` to the rdesk sub-commands."""
    export = commands.add_parser(
        "export",
        help="the dashboard's figures as an anonymised CSV (counts of 1 to 4 shown as <5)",
        description="Write every dashboard figure for a period as a CSV, one figure a line "
        "(table, table_title, row, column, value, withheld). No names, contact details, free "
        "text, case references or dates of birth; counts of 1 to 4 are shown as <5, and a "
        "count beside one that a total would give away as 'hidden'.",
    )
    export.add_argument(
        "--anonymised", action="store_true",
        help="required: confirms that only anonymised figures are wanted",
    )
    export.add_argument("--out", type=Path, required=True, metavar="FILE.csv",
                        help="the CSV to write (replaced whole if it is there)")
    add_filter_arguments(export)


def check_export_args(args: argparse.Namespace) -> None:
    """Refuse what can be refused before the case file is opened."""
    if not args.anonymised:
        raise ExportError(
            "rdesk only exports anonymised figures: add --anonymised to confirm that is "
            "what you want"
        )
    out: Path = args.out
    if out.exists() and out.is_dir():
        raise ExportError(f"{out} is a folder; give a file name such as {out / 'figures.csv'}")
    folder = out.parent
    if not folder.is_dir():
        raise ExportError(f"the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise ExportError(f"the folder {folder} cannot be written to")
    if args.from_day and args.to_day and args.from_day > args.to_day:
        raise ReportArgumentError(
            f"--from {args.from_day.isoformat()} is after --to {args.to_day.isoformat()}"
        )


def run_export(store: Store, args: argparse.Namespace) -> int:
    """Count, write the CSV whole (progress on stderr) and note the export in the trail.
    Ctrl+C leaves no file and exits 130."""
    from .reports.export import write_anonymised_csv
    from .reports.figures import Cancelled
    from .store.audit import AuditAction

    check_export_args(args)
    report_filter = filter_from_args(args, store.today())
    out: Path = args.out

    try:
        # One report per run: counting straight from the case file is quicker than building
        # the facts the app keeps in memory for refreshes (store/report_facts.py).
        dashboard = store.dashboard(
            report_filter, StderrProgress("Counting the figures"), cached=False
        )
        lines = write_anonymised_csv(dashboard, out, StderrProgress("Writing the figures"))
    except (KeyboardInterrupt, Cancelled):
        print("Stopped: nothing was written.", file=sys.stderr)
        return INTERRUPTED
    except OSError as error:
        raise ExportError(f"{out}: {error.strerror or error}") from error
    if not store.read_only:
        store.record_event(
            AuditAction.EXPORT, record_type="anonymised_figures",
            detail=f"{report_filter.start.isoformat()} to {report_filter.end.isoformat()}",
        )
    print(
        f"Wrote {lines:,} figures for {report_filter.start.isoformat()} to "
        f"{report_filter.end.isoformat()} to {out}.",
        file=sys.stderr,
    )
    return 0
