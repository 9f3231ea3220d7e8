"""The store: the only owner of the database connection and the only place SQL appears."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..agreements.records import AgreementStatus
from ..preparation.records import AssessmentStage, BiasStage, ConsentGiver, ReadinessOverride
from ..records import (
    Case,
    CaseFilter,
    CaseRow,
    Contact,
    NotProceedingReason,
    Person,
    Role,
    Setting,
    Status,
    StatusChange,
)
from ..retention import EndedCase
from ..rules import (
    ValidationError,
    can_move,
    case_problems,
    contact_problems,
    move_problems,
    person_problems,
    raise_first,
)
from . import codec
from . import driver as sqlite3
from .agreement_follow_up import AgreementFollowUp
from .audit import AuditAction, AuditTrail, audit_key
from .conference import ConferenceRecords
from .connection import UNENCRYPTED_FOR_BENCHMARKS, open_connection
from .errors import DatabaseCorrupt, DatabaseReadOnly, DatabaseTooNew, NotFound, StoreError
from .feedback import FeedbackRecords
from .pilots import PilotRecords
from .preparation import PreparationRecords
from .reports import ReportQueries
from .search import SEARCH_ROWS_SQL, fts_query
from .versions import MIGRATION_SET, MIGRATIONS_TABLE, SCHEMA_MIGRATIONS

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Draft:
    """Unsaved typing kept in the encrypted case file."""

    kind: str
    record_id: str
    case_id: str
    saved_at: datetime


def utc_now() -> datetime:
    """The current time in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def new_id() -> str:
    """A fresh record key (UUIDs, so records from several laptops can be merged)."""
    return str(uuid.uuid4())


class Store(
    PreparationRecords, ConferenceRecords, AgreementFollowUp, FeedbackRecords, PilotRecords,
    ReportQueries,
):
    """A Restorative Desk database: cases, people, contacts, stage history and preparation."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path | None,
        *,
        key: bytes | None,
        audit_key: bytes,
        actor: str,
        clock: Clock,
        read_only: bool,
    ) -> None:
        self._conn = conn
        self.path = path
        self.actor = actor
        self._clock = clock
        self.read_only = read_only
        self._key = key
        self.audit = AuditTrail(conn, audit_key)

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | None,
        *,
        key: bytes | None = None,
        actor: str = "",
        clock: Clock = utc_now,
        read_only: bool = False,
    ) -> Store:
        """Open (creating if needed) the encrypted database at `path` with its 256-bit key,
        or a throwaway one held only in memory when `path` is None."""
        conn = open_connection(path, key, read_only=read_only)
        try:
            applied = _applied_migrations(conn, path)
            if applied != set(SCHEMA_MIGRATIONS):
                if read_only:
                    raise DatabaseReadOnly(
                        f"{path} needs updating for this version of the app, but it was opened "
                        "read-only."
                    )
                # Imported only here: sqlite-utils is slow to import and most starts need no
                # migration.
                from .schema import apply_migrations

                apply_migrations(conn)
        except sqlite3.OperationalError as error:
            conn.close()
            if "readonly" in str(error):
                raise DatabaseReadOnly(f"The database {path} cannot be written to.") from error
            raise StoreError(f"The database {path} could not be prepared: {error}") from error
        except StoreError:
            conn.close()
            raise
        # A throwaway in-memory database gets a throwaway trail key.
        trail_key = audit_key(key) if key is not None else os.urandom(32)
        if key is UNENCRYPTED_FOR_BENCHMARKS:
            key = None
        return cls(
            conn,
            path,
            key=key if path is not None else None,
            audit_key=trail_key,
            actor=actor,
            clock=clock,
            read_only=read_only,
        )

    def close(self) -> None:
        """Close the connection and forget the key; the store cannot be used afterwards."""
        self._conn.close()
        self._key = None

    def copy_to(self, target: Path) -> None:
        """Write a consistent, encrypted copy of the whole database to `target` (a new file),
        with the same key, while the app goes on working (SQLite's online backup)."""
        if self._key is None or target.exists():
            raise StoreError("A copy can only be made of an open case file, to a new file.")
        copy = open_connection(target, self._key)
        try:
            self._conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group many writes into one transaction (all or nothing)."""
        with self._writing():
            yield

    @contextmanager
    def recording_as(self, moment: datetime, actor: str | None = None) -> Iterator[None]:
        """Record writes as made at `moment` (and by `actor`): for demo data and imports."""
        saved = self._clock, self.actor
        self._clock, self.actor = (lambda: moment), actor or self.actor
        try:
            yield
        finally:
            self._clock, self.actor = saved

    def _now(self) -> datetime:
        return self._clock()

    def now(self) -> datetime:
        """The current moment by the store's clock (fixed in tests and demo generation)."""
        return self._clock()

    def today(self) -> date:
        """Today's date by the store's clock, in local time."""
        return self._clock().astimezone().date()

    # -- cases ---------------------------------------------------------------------------

    def create_case(self, case: Case) -> Case:
        """Save a new case; returns it with its id, reference and timestamps."""
        raise_first(case_problems(case, self.today()))
        now = self._clock()
        with self._writing():
            reference = case.reference or self._next_reference(case.referral_date.year)
            saved = replace(
                case,
                id=case.id or new_id(),
                reference=reference,
                created_at=now,
                updated_at=now,
                not_proceeding_reason=(
                    case.not_proceeding_reason if case.status is Status.NOT_PROCEEDING else None
                ),
            )
            self._insert("cases", codec.case_to_row(saved), case_id=saved.id)
            self._insert_history(saved.id, None, saved.status, saved.not_proceeding_reason, "")
            self._reindex(saved.id)
        return saved

    def update_case(self, case: Case) -> Case:
        """Save changes to a case's referral details. Its stage changes only through move_case."""
        raise_first(case_problems(case, self.today()))
        current = self.get_case(case.id)
        saved = replace(
            case,
            reference=current.reference,
            status=current.status,
            not_proceeding_reason=current.not_proceeding_reason,
            created_at=current.created_at,
            updated_at=self._clock(),
        )
        row = codec.case_to_row(saved)
        with self._writing():
            self._update("cases", case.id, row, case_id=case.id)
            self._reindex(case.id)
        return saved

    def get_case(self, case_id: str) -> Case:
        """The case with this id."""
        row = self._row("SELECT * FROM cases WHERE id = ?", [case_id])
        if row is None:
            raise NotFound("That case no longer exists.")
        return codec.case_from_row(row)

    def case_by_reference(self, reference: str) -> Case:
        """The case with this human reference (case-insensitive), such as RD-2026-0042."""
        row = self._row("SELECT * FROM cases WHERE reference = ?", [reference.strip().upper()])
        if row is None:
            raise NotFound(f"There is no case {reference.strip()}.")
        return codec.case_from_row(row)

    def case_rows(
        self, case_filter: CaseFilter, *, after: CaseRow | None = None, limit: int = 200
    ) -> list[CaseRow]:
        """One page of the case list, newest referral first, starting after `after`."""
        where, params = _filter_sql(case_filter)
        if after is not None:
            where.append("(k.referral_date, k.reference) < (?, ?)")
            params += [after.referral_date.isoformat(), after.reference]
        page = f"FROM {_cases_for(case_filter)}{_where(where)} {_NEWEST_FIRST} LIMIT ?"
        if fts_query(case_filter.search):
            # Choose the page's cases from the narrow sorting index first, then read only those
            # rows: sorting thousands of matches by reading every full row is several times slower.
            sql = (
                f"SELECT {codec.CASE_ROW_COLUMNS} FROM cases k "
                f"WHERE k.seq IN (SELECT k.seq {page}) {_NEWEST_FIRST}"
            )
        else:
            sql = f"SELECT {codec.CASE_ROW_COLUMNS} {page}"
        return [codec.case_row_from_row(row) for row in self._rows(sql, [*params, limit])]

    def count_cases(self, case_filter: CaseFilter | None = None) -> int:
        """How many cases match the filter (all cases when None)."""
        case_filter = case_filter or CaseFilter()
        where, params = _filter_sql(case_filter)
        sql = f"SELECT count(*) FROM {_cases_for(case_filter)}{_where(where)}"
        return int(self._conn.execute(sql, params).fetchone()[0])

    def move_case(
        self,
        case_id: str,
        new_status: Status,
        *,
        reason: NotProceedingReason | None = None,
        note: str = "",
        override: ReadinessOverride | None = None,
    ) -> StatusChange:
        """Move a case to another stage, if the rules allow it, and log who and when.

        The move to "ready", and on to "conference held", is refused while anything stands
        between the case and a safe conference, unless `override` names the facilitator who
        decides to go ahead and why: the override is logged with the blockers it covers."""
        current = self._case_status(case_id)
        if not can_move(current, new_status):
            raise ValidationError(
                "status", f"A case that is '{current.label}' cannot move to '{new_status.label}'."
            )
        raise_first(move_problems(new_status, reason, note))
        kept_reason = reason if new_status is Status.NOT_PROCEEDING else None
        with self._writing():
            if new_status in _NEEDS_READINESS:
                self._check_readiness(case_id, override)
            self._update(
                "cases",
                case_id,
                {
                    "status": new_status.value,
                    "not_proceeding_reason": kept_reason.value if kept_reason else None,
                    "updated_at": self._clock().isoformat(),
                },
                case_id=case_id,
                detail=f"{current.value} -> {new_status.value}",
            )
            return self._insert_history(case_id, current, new_status, kept_reason, note)

    def status_history(self, case_id: str) -> list[StatusChange]:
        """Every stage change of a case, oldest first."""
        rows = self._rows(
            "SELECT * FROM status_changes WHERE case_id = ? ORDER BY changed_at, rowid", [case_id]
        )
        return [codec.status_change_from_row(r) for r in rows]

    # -- people --------------------------------------------------------------------------

    def add_person(self, person: Person) -> Person:
        """Add someone to a case."""
        self._check_person(person)
        saved = replace(person, id=person.id or new_id())
        now = self._clock().isoformat()
        position = self._conn.execute(
            "SELECT coalesce(max(position), 0) + 1 FROM people WHERE case_id = ?", [person.case_id]
        ).fetchone()[0]
        row = {**codec.person_to_row(saved), "position": position, "created_at": now}
        with self._writing():
            self._insert("people", {**row, "updated_at": now}, case_id=person.case_id)
            self._touch(person.case_id)
            self._reindex(person.case_id)
        return saved

    def update_person(self, person: Person) -> Person:
        """Save changes to someone on a case."""
        self._check_person(person)
        self._get_person_row(person.id)
        row = {**codec.person_to_row(person), "updated_at": self._clock().isoformat()}
        with self._writing():
            self._update("people", person.id, row, case_id=person.case_id)
            self._touch(person.case_id)
            self._reindex(person.case_id)
        return person

    def remove_person(self, person_id: str) -> None:
        """Take someone off a case (their contacts stay, no longer linked to them)."""
        row = self._get_person_row(person_id)
        with self._writing():
            self._delete("people", person_id, case_id=row["case_id"])
            self._touch(row["case_id"])
            self._reindex(row["case_id"])

    def get_person(self, person_id: str) -> Person:
        """The person with this id."""
        return codec.person_from_row(self._get_person_row(person_id))

    def people(self, case_id: str) -> list[Person]:
        """Everyone on a case, in the order they were added."""
        rows = self._rows("SELECT * FROM people WHERE case_id = ? ORDER BY position", [case_id])
        return [codec.person_from_row(r) for r in rows]

    # -- contacts ------------------------------------------------------------------------

    def log_contact(self, contact: Contact) -> Contact:
        """Record a contact with someone on a case."""
        self._check_contact(contact)
        saved = replace(contact, id=contact.id or new_id(), created_at=self._clock())
        with self._writing():
            self._insert("contacts", codec.contact_to_row(saved), case_id=contact.case_id)
            self._touch(contact.case_id)
        return saved

    def update_contact(self, contact: Contact) -> Contact:
        """Correct a logged contact."""
        self._check_contact(contact)
        if self._row("SELECT id FROM contacts WHERE id = ?", [contact.id]) is None:
            raise NotFound("That contact no longer exists.")
        row = codec.contact_to_row(contact)
        row.pop("created_at")
        with self._writing():
            self._update("contacts", contact.id, row, case_id=contact.case_id)
            self._touch(contact.case_id)
        return contact

    def remove_contact(self, contact_id: str) -> None:
        """Delete a contact logged in error."""
        row = self._row("SELECT case_id FROM contacts WHERE id = ?", [contact_id])
        if row is None:
            raise NotFound("That contact no longer exists.")
        with self._writing():
            self._delete("contacts", contact_id, case_id=row["case_id"])
            self._touch(row["case_id"])

    def contacts(self, case_id: str) -> list[Contact]:
        """A case's contacts, newest first (the timeline)."""
        rows = self._rows(
            "SELECT * FROM contacts WHERE case_id = ? ORDER BY contact_date DESC, created_at DESC",
            [case_id],
        )
        return [codec.contact_from_row(r) for r in rows]

    # -- the trail, drafts and settings ---------------------------------------------------

    def record_view(self, case_id: str) -> None:
        """Note in the trail that someone opened a case (not when the file is read-only)."""
        if not self.read_only:
            with self._writing():
                self._audit(AuditAction.VIEW, "cases", case_id, case_id)

    def record_event(
        self, action: AuditAction, *, case_id: str = "", record_type: str = "", detail: str = ""
    ) -> None:
        """Note an event such as an unlock, a print, an export, a backup or a restore."""
        with self._writing():
            self._audit(action, record_type, "", case_id, (), detail)

    def save_draft(self, kind: str, record_id: str, case_id: str, payload: dict[str, Any]) -> None:
        """Keep unsaved typing (for example when the app locks) until it is saved or dropped."""
        with self._writing():
            self._conn.execute(
                "INSERT INTO drafts (kind, record_id, case_id, payload, saved_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, record_id) DO UPDATE SET "
                "payload = excluded.payload, saved_at = excluded.saved_at",
                [kind, record_id, case_id, json.dumps(payload), self._clock().isoformat()],
            )

    def draft(self, kind: str, record_id: str) -> dict[str, Any] | None:
        """A kept draft's contents, if there is one."""
        row = self._row(
            "SELECT payload FROM drafts WHERE kind = ? AND record_id = ?", [kind, record_id]
        )
        return dict(json.loads(row["payload"])) if row else None

    def drafts(self) -> list[Draft]:
        """Every kept draft, newest first."""
        rows = self._rows(
            "SELECT kind, record_id, case_id, saved_at FROM drafts ORDER BY saved_at DESC", []
        )
        return [
            Draft(r["kind"], r["record_id"], r["case_id"], datetime.fromisoformat(r["saved_at"]))
            for r in rows
        ]

    def drop_draft(self, kind: str, record_id: str) -> None:
        """Forget a draft (it was saved, or the user discarded it)."""
        with self._writing():
            self._conn.execute(
                "DELETE FROM drafts WHERE kind = ? AND record_id = ?", [kind, record_id]
            )

    def setting(self, key: str, default: Any = None) -> Any:
        """An organisation setting kept in the case file (JSON value), or `default`."""
        row = self._row("SELECT value FROM settings WHERE key = ?", [key])
        return json.loads(row["value"]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        """Change an organisation setting."""
        with self._writing():
            self._conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, json.dumps(value)],
            )
            self._audit(AuditAction.UPDATE, "settings", key, "", [key])

    # -- retention and erasure -----------------------------------------------------------

    def ended_cases(self, case_id: str | None = None) -> list[EndedCase]:
        """Every closed or not-proceeding case (or just `case_id`'s), with the day it ended."""
        only = " AND c.id = ?" if case_id is not None else ""
        rows = self._rows(
            "SELECT c.id, c.reference, c.setting, c.status, max(h.changed_at) AS ended_at "
            "FROM cases c JOIN status_changes h ON h.case_id = c.id AND h.to_status = c.status "
            f"WHERE c.status IN (?, ?){only} GROUP BY c.id ORDER BY ended_at",
            [Status.CLOSED.value, Status.NOT_PROCEEDING.value]
            + ([case_id] if case_id is not None else []),
        )
        return [
            EndedCase(
                r["id"],
                r["reference"],
                Setting(r["setting"]),
                Status(r["status"]),
                datetime.fromisoformat(r["ended_at"]).astimezone().date(),
            )
            for r in rows
        ]

    def erase_case(self, case_id: str) -> None:
        """Erase a case and everything about it: people, contacts, history, drafts and its
        search entry. Only an anonymous count (setting, year closed, outcome) is kept.

        Call compact() afterwards (once, after many erasures) to rewrite the file.
        """
        ended = next(iter(self.ended_cases(case_id)), None)
        with self._writing():
            seq = self._seq(case_id)
            setting, status = self._conn.execute(
                "SELECT setting, status FROM cases WHERE seq = ?", [seq]
            ).fetchone()
            self._conn.execute("DELETE FROM case_search WHERE rowid = ?", [seq])
            for table in _CASE_TABLES:
                self._conn.execute(f"DELETE FROM {table} WHERE case_id = ?", [case_id])
            self._conn.execute("DELETE FROM cases WHERE seq = ?", [seq])
            year = ended.ended_on.year if ended else self.today().year
            self._conn.execute(
                "INSERT INTO erased_counts (setting, closed_year, final_status, count) "
                "VALUES (?, ?, ?, 1) ON CONFLICT (setting, closed_year, final_status) "
                "DO UPDATE SET count = count + 1",
                [setting, year, status],
            )
            self._audit(AuditAction.ERASE, "cases", case_id, case_id)

    def erased_counts(self) -> list[tuple[Setting, int, Status, int]]:
        """What is left of erased cases: (setting, year closed, outcome, how many)."""
        rows = self._conn.execute(
            "SELECT setting, closed_year, final_status, count FROM erased_counts ORDER BY 1, 2, 3"
        ).fetchall()
        return [(Setting(r[0]), r[1], Status(r[2]), r[3]) for r in rows]

    def compact(self) -> None:
        """Rewrite the file without free pages or stale search-index entries (after erasure)."""
        if self.read_only:
            raise DatabaseReadOnly("This database was opened read-only; nothing was changed.")
        self._conn.execute("INSERT INTO case_search (case_search) VALUES ('optimize')")
        self._conn.execute("VACUUM")
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # -- checks --------------------------------------------------------------------------

    def integrity_problems(self) -> list[str]:
        """Everything wrong with the database file and its records; empty when healthy.

        Runs SQLCipher's page check (any changed byte breaks a page's HMAC), SQLite's
        integrity and foreign-key checks, the search index's own check and the app's rules.
        """
        checks: list[tuple[str, Callable[[], list[str]]]] = [
            ("Database structure", self._structure_problems),
            ("Search index", self._search_problems),
            ("Records", self._unknown_values),
        ]
        if self._key is not None:
            checks.insert(0, ("Encrypted pages", self._page_problems))
        problems: list[str] = []
        for label, check in checks:
            try:
                problems += check()
            except sqlite3.DatabaseError as error:
                problems.append(f"{label}: {error}")
        return problems

    def quick_problems(self) -> list[str]:
        """SQLite's quick check (every page read, so SQLCipher verifies each page's seal), on a
        read-only connection of its own: safe to run in a background thread while the app works.
        Empty when healthy."""
        if self.path is None or self._key is None:
            return []
        try:
            conn = open_connection(self.path, self._key, read_only=True)
        except StoreError as error:
            return [str(error)]
        try:
            rows = conn.execute("PRAGMA quick_check(5)").fetchall()
        except sqlite3.DatabaseError as error:
            return [f"Database structure: {error}"]
        finally:
            conn.close()
        return [f"Database structure: {line}" for (line,) in rows if line != "ok"]

    def _page_problems(self) -> list[str]:
        rows = self._conn.execute("PRAGMA cipher_integrity_check").fetchall()
        return [f"Encrypted pages: {line}" for (line,) in rows]

    def _structure_problems(self) -> list[str]:
        problems = [
            f"Database structure: {line}"
            for (line,) in self._conn.execute("PRAGMA integrity_check").fetchall()
            if line != "ok"
        ]
        for table, rowid, parent, _ in self._conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(f"{table} row {rowid} points to a missing {parent} record")
        return problems

    def _search_problems(self) -> list[str]:
        problems = []
        if not self.read_only:  # FTS5 runs its own check through a (non-writing) INSERT
            try:
                self._conn.execute(
                    "INSERT INTO case_search(case_search) VALUES ('integrity-check')"
                )
            except sqlite3.DatabaseError as error:
                problems.append(f"Search index: {error}")
        missing = self._conn.execute(
            "SELECT count(*) FROM cases WHERE seq NOT IN (SELECT rowid FROM case_search)"
        ).fetchone()[0]
        if missing:
            problems.append(f"Search index: {missing} case(s) missing from the index")
        return problems

    def _unknown_values(self) -> list[str]:
        checks = {
            "cases.status": ("cases", "status", [s.value for s in Status]),
            "people.role": ("people", "role", [r.value for r in Role]),
            **{f"people.{c}": ("people", c, known) for c, known in codec.MONITORING_VALUES.items()},
            "consents.given_by": ("consents", "given_by", [g.value for g in ConsentGiver]),
            "risk_assessments.stage": (
                "risk_assessments", "stage", [s.value for s in AssessmentStage]
            ),
            "bias_checks.stage": ("bias_checks", "stage", [s.value for s in BiasStage]),
            "agreements.status": ("agreements", "status", [s.value for s in AgreementStatus]),
        }
        problems = []
        for label, (table, column, allowed) in checks.items():
            marks = ", ".join("?" for _ in allowed)
            bad = self._conn.execute(
                f"SELECT count(*) FROM {table} WHERE {column} NOT IN ({marks})", allowed
            ).fetchone()[0]
            if bad:
                problems.append(f"{label}: {bad} row(s) with a value this app does not know")
        return problems

    # -- internals -----------------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One all-or-nothing transaction, with read-only files explained to the user."""
        if self.read_only:
            raise DatabaseReadOnly("This database was opened read-only; nothing was changed.")
        try:
            with _transaction(self._conn):
                yield
        except sqlite3.OperationalError as error:
            if "readonly" in str(error):
                raise DatabaseReadOnly(
                    "The database file has become read-only, so this change was not saved. "
                    "Everything saved before is still there."
                ) from error
            raise
        except sqlite3.DatabaseError as error:
            # A damaged page met while writing: nothing was changed (the transaction rolled
            # back); say so plainly rather than fail with a database message.
            if "malformed" in str(error) or "not a database" in str(error):
                raise DatabaseCorrupt(
                    f"{self.path or 'The case file'} is damaged, so this change was not saved. "
                    "Restore it from a backup (Tools menu, or rdesk restore)."
                ) from error
            raise

    def _rows(self, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        cursor = self._conn.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor]

    def _row(self, sql: str, params: Sequence[Any]) -> dict[str, Any] | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _insert(self, table: str, row: dict[str, Any], *, case_id: str | None) -> None:
        """Insert a record; with a case_id, the trail notes which fields were filled in."""
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        self._conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))
        if case_id is not None:
            filled = [name for name, value in row.items() if value not in (None, "", "[]", 0)]
            self._audit(AuditAction.CREATE, table, row["id"], case_id, _recorded(filled))

    def _update(
        self, table: str, record_id: str, row: dict[str, Any], *, case_id: str, detail: str = ""
    ) -> None:
        """Update a record; the trail notes the names of the fields that changed."""
        changes = {k: v for k, v in row.items() if k != "id"}
        before = self._row(f"SELECT {', '.join(changes)} FROM {table} WHERE id = ?", [record_id])
        changed = [k for k, v in changes.items() if before is None or before[k] != v]
        assignments = ", ".join(f"{column} = ?" for column in changes)
        sql = f"UPDATE {table} SET {assignments} WHERE id = ?"
        self._conn.execute(sql, [*changes.values(), record_id])
        self._audit(AuditAction.UPDATE, table, record_id, case_id, _recorded(changed), detail)

    def _delete(self, table: str, record_id: str, *, case_id: str) -> None:
        self._conn.execute(f"DELETE FROM {table} WHERE id = ?", [record_id])
        self._audit(AuditAction.DELETE, table, record_id, case_id)

    def _audit(
        self,
        action: AuditAction,
        table: str = "",
        record_id: str = "",
        case_id: str = "",
        fields: Sequence[str] = (),
        detail: str = "",
    ) -> None:
        self.audit.append(
            self._clock(),
            self.actor,
            action,
            record_type=_RECORD_TYPES.get(table, table),
            record_id=record_id,
            case_id=case_id,
            fields=fields,
            detail=detail,
        )

    def _case_status(self, case_id: str) -> Status:
        row = self._conn.execute("SELECT status FROM cases WHERE id = ?", [case_id]).fetchone()
        if row is None:
            raise NotFound("That case no longer exists.")
        return Status(row[0])

    def _next_reference(self, year: int) -> str:
        row = self._conn.execute(
            "INSERT INTO reference_counters (year, last) VALUES (?, 1) "
            "ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
            [year],
        ).fetchone()
        return f"RD-{year}-{row[0]:04d}"

    def _seq(self, case_id: str) -> int:
        row = self._conn.execute("SELECT seq FROM cases WHERE id = ?", [case_id]).fetchone()
        if row is None:
            raise NotFound("That case no longer exists.")
        return int(row[0])

    def _touch(self, case_id: str) -> None:
        self._conn.execute(
            "UPDATE cases SET updated_at = ? WHERE id = ?", [self._clock().isoformat(), case_id]
        )

    def _reindex(self, case_id: str) -> None:
        """Rewrite the case's search row (its referral details and the names of its people)."""
        seq = self._seq(case_id)
        self._conn.execute("DELETE FROM case_search WHERE rowid = ?", [seq])
        self._conn.execute(f"INSERT INTO case_search {SEARCH_ROWS_SQL} WHERE c.seq = ?", [seq])

    def _insert_history(
        self,
        case_id: str,
        from_status: Status | None,
        to_status: Status,
        reason: NotProceedingReason | None,
        note: str,
    ) -> StatusChange:
        change = StatusChange(
            id=new_id(),
            case_id=case_id,
            from_status=from_status,
            to_status=to_status,
            reason=reason,
            note=note,
            changed_at=self._clock(),
            changed_by=self.actor,
        )
        self._insert("status_changes", codec.status_change_to_row(change), case_id=None)
        return change

    def _check_person(self, person: Person) -> None:
        raise_first(person_problems(person, self.today()))
        self._seq(person.case_id)
        if person.supports_person_id:
            supported = self._get_person_row(person.supports_person_id)
            if supported["case_id"] != person.case_id or person.supports_person_id == person.id:
                raise ValidationError(
                    "supports_person_id", "A supporter must support someone else on the same case."
                )

    def _check_contact(self, contact: Contact) -> None:
        raise_first(contact_problems(contact, self.today()))
        self._seq(contact.case_id)
        if contact.person_id:
            person = self._get_person_row(contact.person_id)
            if person["case_id"] != contact.case_id:
                raise ValidationError("person_id", "That person is not on this case.")

    def _get_person_row(self, person_id: str) -> dict[str, Any]:
        row = self._row("SELECT * FROM people WHERE id = ?", [person_id])
        if row is None:
            raise NotFound("That person is no longer on the case.")
        return row


_RECORD_TYPES = {
    "cases": "case",
    "people": "person",
    "contacts": "contact",
    "participant_preparation": "preparation",
    "consents": "consent",
    "risk_assessments": "risk assessment",
    "bias_checks": "bias check",
    "readiness_overrides": "readiness override",
    "conference_plans": "conference plan",
    "case_facts": "setting question",
    "conference_runs": "conference",
    "conference_attendance": "attendance",
    "turn_notes": "conference note",
    "conference_breaks": "break",
    "safety_pauses": "safety pause",
    "proposed_actions": "proposed action",
    "debriefs": "debrief",
    "agreements": "agreement",
    "agreement_actions": "agreement action",
    "agreement_signoffs": "agreement sign-off",
    "agreement_reviews": "agreement review",
    "participant_feedback": "participant feedback",
    "staff_reflections": "staff reflection",
    "partner_feedback": "partner feedback",
}
# Every table holding a case's records, children before parents (for erasing a case).
_CASE_TABLES = (
    "drafts",
    "participant_feedback",
    "staff_reflections",
    "partner_feedback",
    "agreement_reviews",
    "agreement_signoffs",
    "agreement_actions",
    "agreements",
    "debriefs",
    "proposed_actions",
    "safety_pauses",
    "conference_breaks",
    "turn_notes",
    "conference_attendance",
    "conference_runs",
    "participant_preparation",
    "consents",
    "risk_assessments",
    "bias_checks",
    "readiness_overrides",
    "conference_plans",
    "case_facts",
    "contacts",
    "people",
    "status_changes",
)
_NEEDS_READINESS = frozenset({Status.READY, Status.CONFERENCE_HELD})
_BOOKKEEPING = frozenset({"id", "case_id", "created_at", "updated_at", "position"})


def _recorded(fields: Sequence[str]) -> list[str]:
    """The field names worth recording in the trail (not keys or timestamps)."""
    return [name for name in fields if name not in _BOOKKEEPING]


_NEWEST_FIRST = "ORDER BY k.referral_date DESC, k.reference DESC"


def _cases_for(case_filter: CaseFilter) -> str:
    """The cases table as alias k; searches go through the narrow sorting index (m003), which
    the planner would otherwise pass over until ANALYZE has run."""
    if fts_query(case_filter.search):
        return "cases k INDEXED BY cases_for_sorting"
    return "cases k"


def _filter_sql(case_filter: CaseFilter) -> tuple[list[str], list[Any]]:
    """WHERE clauses (on the alias k) and their parameters for a case filter."""
    where: list[str] = []
    params: list[Any] = []
    query = fts_query(case_filter.search)
    if query:
        where.append("k.seq IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)")
        params.append(query)
    for column, values in (("setting", case_filter.settings), ("status", case_filter.statuses)):
        if values:
            where.append(f"k.{column} IN ({', '.join('?' for _ in values)})")
            params += sorted(v.value for v in values)
    return where, params


def _where(clauses: Sequence[str]) -> str:
    return f" WHERE {' AND '.join(clauses)}" if clauses else ""


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """All or nothing: a transaction, or a savepoint inside one that is already open."""
    if conn.in_transaction:
        name = f"sp_{uuid.uuid4().hex}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if conn.in_transaction:  # some errors end the whole transaction themselves
                conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        conn.execute(f"RELEASE SAVEPOINT {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _applied_migrations(conn: sqlite3.Connection, path: Path | None) -> set[str]:
    """The migrations already applied; refuses a newer app's database or another program's."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    applied: set[str] = set()
    if MIGRATIONS_TABLE in tables:
        applied = {
            row[0]
            for row in conn.execute(
                f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", [MIGRATION_SET]
            )
        }
    if applied - set(SCHEMA_MIGRATIONS):
        raise DatabaseTooNew(
            f"{path} was saved by a newer version of Restorative Desk. Nothing in it was changed. "
            "Install the newer version to open it."
        )
    if not applied and tables - {MIGRATIONS_TABLE}:
        raise DatabaseCorrupt(
            f"{path} is a database from another program, not Restorative Desk. Nothing in it "
            "was changed. Choose another file."
        )
    return applied
