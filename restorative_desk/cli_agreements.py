"""`rdesk due` and `rdesk agreements print`: what is due across cases, and outcome agreements
printed in a batch."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from .agreements.due_words import what_words, when_words
from .agreements.follow_up import DueItem
from .store import Store


def add_agreement_commands(commands: Any) -> None:
    """Add `due` to the rdesk sub-commands."""
    due = commands.add_parser(
        "due",
        help="reviews due this week, overdue actions and preparation deadlines, overdue first",
    )
    due.add_argument("--json", action="store_true", help="one JSON object")


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
