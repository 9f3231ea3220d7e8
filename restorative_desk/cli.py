"""`rdesk`: the Qt-free command line over the same core, for coordinators, admins and tests."""

from __future__ import annotations

import argparse
import enum
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, TypeVar

from . import __version__
from .access import NewCaseFile, case_file_exists, create_case_file, open_case_file
from .cli_agreements import BatchError, add_agreement_commands, run_agreements_print, run_due
from .cli_export import ExportError, add_export_command, check_export_args, run_export
from .cli_report import ReportError, add_report_command, run_report
from .cli_report_args import ReportArgumentError
from .cli_scripts import add_scripts_command, run_scripts
from .paths import database_path
from .records import CaseFilter, CaseRow, Setting, Status
from .security import VaultError, describe_policy
from .store import Store, StoreError

MAX_DEMO_CASES = 1_000_000


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"rdesk: {message} (see rdesk --help)\n")


E = TypeVar("E", bound=enum.Enum)


def _choice_of(kind: type[E], noun: str) -> Callable[[str], E]:
    """An argparse type reading one of `kind`'s values, forgiving case, spaces and hyphens."""

    def parse(text: str) -> E:
        try:
            return kind(text.strip().lower().replace(" ", "_").replace("-", "_"))
        except ValueError:
            choices = ", ".join(str(member.value) for member in kind)
            raise argparse.ArgumentTypeError(
                f"unknown {noun} '{text}' (choose from {choices})"
            ) from None

    return parse


_status = _choice_of(Status, "status")
_setting = _choice_of(Setting, "setting")


def _case_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 1 <= value <= MAX_DEMO_CASES:
        raise argparse.ArgumentTypeError(f"choose between 1 and {MAX_DEMO_CASES:,} cases")
    return value


PASSPHRASE_ENV = "RESTORATIVE_DESK_PASSPHRASE"
EPILOG = f"""\
The case file is encrypted. rdesk asks for its passphrase at a prompt. For automation it reads
${PASSPHRASE_ENV} instead: anyone who can read that variable (other programs of the same user,
shell history, CI logs) can open the case file, so use it only on machines you trust, for
fictional or test data, and never write it into a script or a file.
"""


def build_parser() -> argparse.ArgumentParser:
    """The rdesk argument parser (exposed for tests and documentation)."""
    parser = _Parser(
        prog="rdesk",
        description="Restorative Desk on the command line: make and check case files, list "
        "cases, see whether a case is ready for its conference, back up and restore, erase, "
        "and check the audit trail.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"rdesk {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the case file (default: $RESTORATIVE_DESK_DB, then your data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    commands.add_parser(
        "init", help="make a new encrypted case file and show its recovery key once"
    )

    demo = commands.add_parser(
        "demo", help="fill the case file with fictional cases (made first if it is not there)"
    )
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

    commands.add_parser(
        "check", help="integrity, foreign-key and encrypted-page checks; exit 1 on a problem"
    )

    audit = commands.add_parser("audit", help="the audit trail")
    audit_commands = audit.add_subparsers(dest="audit_command", metavar="ACTION")
    audit_commands.required = True
    audit_commands.add_parser(
        "verify", help="check every entry's seal; name the first broken or missing one"
    )

    backup = commands.add_parser("backup", help="make an encrypted backup now")
    backup.add_argument("--out", type=Path, required=True, metavar="DIR", help="backup folder")

    restore = commands.add_parser(
        "restore", help="put a backup in place of the case file (the current one is kept aside)"
    )
    restore.add_argument("backup", type=Path, metavar="BACKUP", help="a .rdbackup file")

    documents = commands.add_parser(
        "documents", help="preparation documents for everyone taking part in a case, as PDFs"
    )
    documents.add_argument("reference", metavar="REFERENCE", help="the case, e.g. RD-2026-0042")
    documents.add_argument(
        "--kind",
        required=True,
        choices=["invitation", "information", "information-child", "consent"],
        help="which document",
    )
    documents.add_argument("--out", type=Path, required=True, metavar="DIR", help="where to save")

    readiness = commands.add_parser(
        "readiness",
        help="what still stands between a case and its conference; exit 1 while anything does",
    )
    readiness.add_argument("reference", metavar="REFERENCE", help="the case, e.g. RD-2026-0042")
    readiness.add_argument("--json", action="store_true", help="one JSON object")

    add_scripts_command(commands)
    add_agreement_commands(commands)
    add_report_command(commands)
    add_export_command(commands)

    erase = commands.add_parser(
        "erase", help="erase a case and everything about it (anonymous counts are kept)"
    )
    erase.add_argument("reference", metavar="REFERENCE", help="the case, e.g. RD-2026-0042")
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    return parser


class _CliError(Exception):
    """A problem to report in one line (exit status 2)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run rdesk; returns the exit status."""
    args = build_parser().parse_args(argv)
    if args.command == "scripts":  # needs no case file and no passphrase
        return run_scripts(args)
    path = database_path(args.db)
    if path.exists() and path.is_dir():
        return _fail(f"{path} is a folder, not a case file")
    try:
        if args.command == "init":
            return _init(path)
        if args.command == "restore":
            return _restore(path, args.backup)
        if args.command == "demo" and not case_file_exists(path):
            new = _create(path)
            with new.store as store:
                return _demo(store, args.cases, args.seed, people=not args.no_people)
        if not path.exists():
            return _fail(f"there is no case file at {path} (make one with: rdesk init)")
        if args.command == "export":  # refused before the passphrase is asked for
            check_export_args(args)
        read_only = args.command in ("cases", "readiness", "due")
        with open_case_file(path, _passphrase(), actor=_actor(), read_only=read_only) as store:
            return _run(store, path, args)
    except (
        StoreError, VaultError, _CliError, BatchError, ReportError, ExportError,
        ReportArgumentError,
    ) as error:
        return _fail(str(error))
    except OSError as error:
        return _fail(f"{path}: {error.strerror or error}")
    except KeyboardInterrupt:
        return _fail("stopped; nothing more was changed")


def _run(store: Store, path: Path, args: argparse.Namespace) -> int:
    if args.command == "demo":
        return _demo(store, args.cases, args.seed, people=not args.no_people)
    if args.command == "cases":
        return _cases(store, args)
    if args.command == "audit":
        return _audit_verify(store)
    if args.command == "backup":
        return _backup(store, args.out)
    if args.command == "erase":
        return _erase(store, args.reference, confirmed=args.yes)
    if args.command == "documents":
        return _documents(store, args.reference, args.kind, args.out)
    if args.command == "readiness":
        return _readiness(store, args.reference, as_json=args.json)
    if args.command == "due":
        return run_due(store, args)
    if args.command == "agreements":
        return run_agreements_print(store, args)
    if args.command == "report":
        return run_report(store, args)
    if args.command == "export":
        return run_export(store, args)
    return _check(store, path)


def _fail(message: str) -> int:
    print(f"rdesk: {' '.join(message.split())}", file=sys.stderr)
    return 2


def _actor() -> str:
    return getpass.getuser()


def _passphrase(*, new: bool = False) -> str:
    """The passphrase from the environment, or typed at a prompt (twice for a new one)."""
    from_env = os.environ.get(PASSPHRASE_ENV)
    if from_env is not None:
        return from_env
    if not sys.stdin.isatty():
        raise _CliError(
            f"the case file's passphrase is needed: run rdesk in a terminal, or set "
            f"{PASSPHRASE_ENV} (see rdesk --help for the risk)"
        )
    if new:
        print(describe_policy(), file=sys.stderr)
    typed = getpass.getpass("New passphrase: " if new else "Passphrase: ")
    if new and getpass.getpass("The same passphrase again: ") != typed:
        raise _CliError("the two passphrases were not the same; nothing was made")
    return typed


def _create(path: Path) -> NewCaseFile:
    new = create_case_file(path, _passphrase(new=True), actor=_actor())
    print(
        f"Made the encrypted case file {path}.\n\n"
        f"Recovery key (shown only this once):\n\n    {new.recovery_key}\n\n"
        "Write it down or print it, and keep it somewhere safe away from this computer (for\n"
        "example your organisation's safe). It opens the case file if the passphrase is lost.\n"
    )
    return new


def _init(path: Path) -> int:
    if case_file_exists(path):
        raise _CliError(f"there is already a case file at {path}; nothing was changed")
    _create(path).store.close()
    return 0


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


def _audit_verify(store: Store) -> int:
    report = store.audit.verify()
    if report.ok:
        print(f"The audit trail is whole: {report.checked:,} entries, every seal checked.")
        return 0
    print(report.problem)
    return 1


def _backup(store: Store, folder: Path) -> int:
    from datetime import datetime

    from .store.backup import make_backup, prune_backups

    made = make_backup(store, folder, now=datetime.now())
    removed = prune_backups(folder)
    note = f" ({len(removed)} older backup(s) no longer needed were removed)" if removed else ""
    print(f"Backed up to {made.path}{note}.")
    return 0


def _restore(path: Path, backup: Path) -> int:
    from datetime import datetime

    from .store.restore import check_backup, put_backup_in_place

    if not path.parent.is_dir():
        raise _CliError(f"the folder {path.parent} does not exist")
    if not backup.is_file():
        raise _CliError(f"there is no backup at {backup}")
    checked = check_backup(backup, path, _passphrase(), actor=_actor())
    kept = put_backup_in_place(checked, path, now=datetime.now())
    aside = f" The case file it replaced is kept as {kept}." if kept else ""
    print(f"Restored {checked.case_count:,} cases from {backup.name}.{aside}")
    return 0


def _documents(store: Store, reference: str, kind_name: str, folder: Path) -> int:
    """One PDF per person taking part (not the professionals), saved where the user chose."""
    from .documents.letterhead import document_request_for, taking_part
    from .documents.preparation import DocumentKind, filename_for, render
    from .store.audit import AuditAction

    if not folder.is_dir():
        raise _CliError(f"the folder {folder} does not exist")
    case = store.case_by_reference(reference)
    kind = DocumentKind(kind_name.replace("-", "_"))
    recipients = taking_part(store.people(case.id))
    if not recipients:
        raise _CliError(f"{case.reference} has nobody taking part yet; add the people first")
    written = []
    for person in recipients:
        request = document_request_for(store, case, person)
        try:
            pdf = render(kind, request)
        except ValueError as error:
            raise _CliError(f"{case.reference}: {error}") from error
        target = folder / filename_for(kind, request)
        target.write_bytes(pdf)
        written.append(target)
    store.record_event(
        AuditAction.EXPORT,
        case_id=case.id,
        record_type="document",
        detail=f"{kind.value} x{len(written)}",
    )
    for path in written:
        print(path)
    print(f"{len(written)} document(s) for {case.reference}.", file=sys.stderr)
    return 0


def _readiness(store: Store, reference: str, *, as_json: bool) -> int:
    """What still blocks the case's conference; exit 1 while anything uncovered does."""
    from .cli_readiness import readiness_json, readiness_lines

    case = store.case_by_reference(reference)
    readiness = store.readiness(case.id)
    if as_json:
        json.dump(readiness_json(case, readiness), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print("\n".join(readiness_lines(case, readiness)))
    return 0 if readiness.cleared else 1


def _erase(store: Store, reference: str, *, confirmed: bool) -> int:
    case = store.case_by_reference(reference)
    if not confirmed:
        if not sys.stdin.isatty():
            raise _CliError("erasing cannot be undone: add --yes to confirm")
        answer = input(f"Erase {case.reference} and everything about it? Type ERASE to confirm: ")
        if answer.strip() != "ERASE":
            raise _CliError("nothing was erased")
    store.erase_case(case.id)
    store.compact()
    print(f"Erased {case.reference}. Only an anonymous count of it is kept for reports.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
