"""`rdesk`: the Qt-free command line over the same core, for coordinators, admins and tests."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import __version__
from .paths import database_path
from .records import CaseFilter, CaseRow, Setting, Status
from .store import Store, StoreError

MAX_DEMO_CASES = 1_000_000


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"rdesk: {message} (see rdesk --help)\n")


def _status(text: str) -> Status:
    try:
        return Status(text.strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        choices = ", ".join(s.value for s in Status)
        raise argparse.ArgumentTypeError(
            f"unknown status '{text}' (choose from {choices})"
        ) from None


def _setting(text: str) -> Setting:
    try:
        return Setting(text.strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        choices = ", ".join(s.value for s in Setting)
        raise argparse.ArgumentTypeError(
            f"unknown setting '{text}' (choose from {choices})"
        ) from None


def _case_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 1 <= value <= MAX_DEMO_CASES:
        raise argparse.ArgumentTypeError(f"choose between 1 and {MAX_DEMO_CASES:,} cases")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The rdesk argument parser (exposed for tests and documentation)."""
    parser = _Parser(
        prog="rdesk",
        description="Restorative Desk on the command line: list cases, make demo data, "
        "check a database.",
    )
    parser.add_argument("--version", action="version", version=f"rdesk {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the database file (default: $RESTORATIVE_DESK_DB, then your data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    demo = commands.add_parser("demo", help="fill the database with fictional cases")
    demo.add_argument("--cases", type=_case_count, default=200, help="how many (default 200)")
    demo.add_argument("--seed", type=int, default=7, help="random seed, for repeatable data")
    demo.add_argument(
        "--no-people", action="store_true", help="cases and stages only (much faster for big sets)"
    )

    cases = commands.add_parser("cases", help="list cases, newest referral first")
    cases.add_argument("--search", default="", metavar="TEXT", help="words to find")
    cases.add_argument(
        "--status", type=_status, action="append", help="only this stage (repeatable)"
    )
    cases.add_argument("--setting", type=_setting, action="append", help="only this setting")
    cases.add_argument("--limit", type=int, default=0, help="at most this many (default: all)")
    cases.add_argument("--json", action="store_true", help="one JSON object per case, as a list")

    commands.add_parser("check", help="run integrity checks; exit 1 if anything is wrong")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run rdesk; returns the exit status."""
    args = build_parser().parse_args(argv)
    path = database_path(args.db)
    read_only = args.command == "cases"
    if args.command != "demo" and not path.exists():
        return _fail(f"there is no database at {path}")
    if path.exists() and path.is_dir():
        return _fail(f"{path} is a folder, not a database file")
    try:
        with Store.open(path, actor=getpass.getuser(), read_only=read_only) as store:
            if args.command == "demo":
                return _demo(store, args.cases, args.seed, people=not args.no_people)
            if args.command == "cases":
                return _cases(store, args)
            return _check(store, path)
    except StoreError as error:
        return _fail(str(error))
    except OSError as error:
        return _fail(f"{path}: {error.strerror or error}")


def _fail(message: str) -> int:
    print(f"rdesk: {message}", file=sys.stderr)
    return 2


def _demo(store: Store, cases: int, seed: int, *, people: bool) -> int:
    from .demo import fill_demo

    fill_demo(store, cases, seed, people=people)
    print(f"Added {cases:,} fictional cases. Every person in them is invented.")
    return 0


def _cases(store: Store, args: argparse.Namespace) -> int:
    case_filter = CaseFilter(
        search=args.search,
        statuses=frozenset(args.status or ()),
        settings=frozenset(args.setting or ()),
    )
    rows = _all_rows(store, case_filter, args.limit)
    if args.json:
        json.dump([_row_json(row) for row in rows], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for row in rows:
        print(
            f"{row.reference}  {row.referral_date.isoformat()}  {row.setting.label:<24}  "
            f"{row.status.label:<26}  {row.organisation}"
        )
    print(f"{len(rows):,} case{'s' if len(rows) != 1 else ''}", file=sys.stderr)
    return 0


def _all_rows(store: Store, case_filter: CaseFilter, limit: int) -> list[CaseRow]:
    rows: list[CaseRow] = []
    page = 1000 if limit <= 0 else min(limit, 1000)
    while True:
        batch = store.case_rows(case_filter, after=rows[-1] if rows else None, limit=page)
        rows += batch
        if len(batch) < page or (limit > 0 and len(rows) >= limit):
            return rows[:limit] if limit > 0 else rows


def _row_json(row: CaseRow) -> dict[str, str | None]:
    return {
        "id": row.id,
        "reference": row.reference,
        "setting": row.setting.value,
        "organisation": row.organisation,
        "status": row.status.value,
        "referral_date": row.referral_date.isoformat(),
        "facilitator": row.facilitator,
        "next_action_date": row.next_action_date.isoformat() if row.next_action_date else None,
        "summary": row.summary,
    }


def _check(store: Store, path: Path) -> int:
    problems = store.integrity_problems()
    if not problems:
        print(f"{path}: all checks passed ({store.count_cases():,} cases).")
        return 0
    for problem in problems:
        print(problem)
    print(f"{path}: {len(problems)} problem(s) found.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
