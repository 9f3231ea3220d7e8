"""`rdesk due` and `rdesk agreements print`: what is due across cases, and outcome agreements
printed in a batch."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from .agreements.due_words import what_words, when_words
from .agreements.follow_up import DueItem
from .agreements.records import AgreementStatus
from .store import Store

PROGRESS_EVERY = 10  # documents between progress lines (and always the last)
INTERRUPTED = 130  # the usual exit status after Ctrl+C


class BatchError(Exception):
    """A problem with the batch as asked (reported in one line, exit status 2)."""


def _agreement_status(text: str) -> AgreementStatus:
    try:
        return AgreementStatus(text.strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        choices = ", ".join(s.value for s in AgreementStatus)
        raise argparse.ArgumentTypeError(
            f"unknown status '{text}' (choose from {choices})"
        ) from None


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-09-01"
        ) from None


def add_agreement_commands(commands: Any) -> None:
    """Add `due` and `agreements print` to the rdesk sub-commands."""
    due = commands.add_parser(
        "due",
        help="reviews due this week, overdue actions and preparation deadlines, overdue first",
    )
    due.add_argument("--json", action="store_true", help="one JSON object")

    agreements = commands.add_parser("agreements", help="outcome agreements")
    actions = agreements.add_subparsers(dest="agreements_command", metavar="ACTION")
    actions.required = True
    printing = actions.add_parser(
        "print",
        help="one PDF per agreement (current versions), named by case reference and version",
    )
    printing.add_argument(
        "--status", type=_agreement_status, action="append",
        help="only agreements that are draft, agreed, completed, partly_completed or "
        "not_completed (repeatable; default: all)",
    )
    printing.add_argument("--since", type=_day, metavar="DATE",
                          help="only those agreed (drafts: started) on or after this day")
    printing.add_argument("--out", type=Path, required=True, metavar="DIR", help="where to save")
    printing.add_argument("--child-friendly", action="store_true",
                          help="the child-friendly version (larger type, simpler words)")


def run_due(store: Store, args: argparse.Namespace) -> int:
    """Print what is due across all cases; exit 0 (nothing due is not a failure)."""
    today = store.today()
    items = store.due_items(today)
    if args.json:
        json.dump(due_json(items, today), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for line in due_lines(items, today):
        print(line)
    overdue = sum(item.overdue for item in items)
    print(f"{len(items):,} due, {overdue:,} of them overdue.", file=sys.stderr)
    return 0


def due_lines(items: list[DueItem], today: date) -> list[str]:
    """One line per item: reference, when in words, and what (with its kind)."""
    whens = [when_words(item, today) for item in items]
    width = max((len(w) for w in whens), default=0)
    return [
        f"{item.reference}  {when:<{width}}  {what_words(item)}"
        for item, when in zip(items, whens, strict=True)
    ]


def due_json(items: list[DueItem], today: date) -> dict[str, Any]:
    """One JSON object: today, and the items in order (overdue first)."""
    return {
        "today": today.isoformat(),
        "items": [
            {
                "reference": item.reference,
                "kind": item.kind,
                "what": item.label,
                "due": item.due.isoformat(),
                "overdue": item.overdue,
                "when": when_words(item, today),
                "case_id": item.case_id,
                "agreement_id": item.agreement_id or None,
                "action_id": item.action_id or None,
            }
            for item in items
        ],
    }


def run_agreements_print(store: Store, args: argparse.Namespace) -> int:
    """Write one PDF per current agreement matching; progress on stderr. Ctrl+C stops after
    the document being written, keeping the ones already written. Exit 1 if any could not be
    printed (each named in one line), 130 when stopped."""
    from .documents.agreement_batch import BatchRenderer, current_agreements

    folder: Path = args.out
    if not folder.is_dir():
        raise BatchError(f"the folder {folder} does not exist")
    items = current_agreements(store, statuses=args.status or (), since=args.since)
    renderer = BatchRenderer(store, child_friendly=args.child_friendly)
    written = failed = 0
    total = len(items)
    try:
        for number, item in enumerate(items, start=1):
            try:
                pdf = renderer.render(item)
            except ValueError as error:
                failed += 1
                print(f"{item.case.reference}: not printed: {error}", file=sys.stderr)
            else:
                _write_whole(folder / renderer.filename(item), pdf)
                renderer.note_exported(item)
                written += 1
            if number % PROGRESS_EVERY == 0 or number == total:
                print(f"{number}/{total} written" if not failed else
                      f"{number}/{total} done ({failed} not printed)", file=sys.stderr)
    except KeyboardInterrupt:
        print(f"Stopped: {written} of {total} agreement(s) written to {folder}.", file=sys.stderr)
        return INTERRUPTED
    print(f"{written} agreement(s) written to {folder}.", file=sys.stderr)
    return 1 if failed else 0


def _write_whole(target: Path, data: bytes) -> None:
    """Write the file whole or not at all (Ctrl+C never leaves half a PDF)."""
    partial = target.with_name(f".{target.name}.part")
    partial.write_bytes(data)
    os.replace(partial, target)
