"""rdesk due: what is due across cases, overdue first, one line each with the date in words;
--json gives the same items; nothing due is not a failure."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from restorative_desk.agreements.due_words import day_words, what_words, when_words
from restorative_desk.agreements.follow_up import DueItem
from restorative_desk.cli_agreements import due_lines

from .test_cli import run

pytestmark = pytest.mark.usefixtures("passphrase_env")
LINE = re.compile(r"^RD-\d{4}-\d{4}  (overdue since|due) .+  \S")


def _item(kind: str, due: date, overdue: bool, label: str = "Say sorry (Zoë)") -> DueItem:
    return DueItem(kind, "case-1", "RD-2026-0042", due, label, overdue)  # type: ignore[arg-type]


def test_dates_are_in_words() -> None:
    today = date(2026, 11, 26)
    assert day_words(date(2026, 11, 27)) == "Fri 27 Nov 2026"
    assert when_words(_item("action", date(2026, 11, 20), True), today) == (
        "overdue since 20 Nov 2026"
    )
    assert when_words(_item("review", date(2026, 11, 27), False), today) == "due Fri 27 Nov 2026"
    assert when_words(_item("review", today, False), today) == "due today (Thu 26 Nov 2026)"
    assert what_words(_item("action", today, True)) == "Action: Say sorry (Zoë)"
    assert what_words(_item("review", today, False, "Review the agreement")) == (
        "Review the agreement"
    )
    lines = due_lines([_item("action", date(2026, 11, 20), True),
                       _item("deadline", date(2026, 11, 27), False, "Initial panel")], today)
    assert lines == [
        "RD-2026-0042  overdue since 20 Nov 2026  Action: Say sorry (Zoë)",
        "RD-2026-0042  due Fri 27 Nov 2026        Deadline: Initial panel",
    ]


def test_due_lists_overdue_first_with_dates_in_words(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", str(db_path), "demo", "--cases", "60"], capsys)[0] == 0
    code, out, err = run(["--db", str(db_path), "due"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines and all(LINE.match(line) for line in lines), lines[:3]
    overdue = ["overdue since" in line for line in lines]
    assert overdue == sorted(overdue, reverse=True)  # overdue first
    assert re.search(r"\d+ due, \d+ of them overdue", err)

    code, out, _ = run(["--db", str(db_path), "due", "--json"], capsys)
    data = json.loads(out)
    assert code == 0 and set(data) == {"today", "items"}
    assert len(data["items"]) == len(lines)
    first = data["items"][0]
    assert set(first) == {"reference", "kind", "what", "due", "overdue", "when", "case_id",
                          "agreement_id", "action_id"}
    assert first["kind"] in ("review", "action", "deadline")
    date.fromisoformat(first["due"])


def test_nothing_due_is_not_a_failure(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["--db", str(db_path), "init"], capsys)
    code, out, err = run(["--db", str(db_path), "due"], capsys)
    assert code == 0 and out == "" and "0 due" in err
    code, out, _ = run(["--db", str(db_path), "due", "--json"], capsys)
    assert code == 0 and json.loads(out)["items"] == []
