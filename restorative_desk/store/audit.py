"""The audit trail: who did what and when, with record ids and field names, never values.

Each entry carries an HMAC-SHA256 over its own contents and the previous entry's MAC, keyed
from the database key, so a changed, removed or reordered entry is detected. A head row,
MAC'd the same way, records the last entry, so removing entries from the end is detected too.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from . import driver as sqlite3

AUDIT_INFO = b"restorative-desk:audit:v1"
GENESIS_MAC = "0" * 64


class AuditAction(enum.Enum):
    """What was done."""

    CREATE = "create"
    VIEW = "view"
    UPDATE = "update"
    DELETE = "delete"
    PRINT = "print"
    EXPORT = "export"
    ERASE = "erase"
    UNLOCK = "unlock"
    FAILED_UNLOCK = "failed_unlock"
    BACKUP = "backup"
    RESTORE = "restore"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


@dataclass(frozen=True)
class AuditEntry:
    """One line of the trail. `detail` holds counts or stage names only, never personal data."""

    seq: int
    at: datetime
    actor: str
    action: AuditAction
    record_type: str
    record_id: str
    case_id: str
    fields: tuple[str, ...]
    detail: str


@dataclass(frozen=True)
class AuditReport:
    """The result of checking the chain: `problem` names the first broken or missing entry."""

    checked: int
    problem: str | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def audit_key(db_key: bytes) -> bytes:
    """The trail's MAC key, derived from the database key (HKDF-SHA256)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=AUDIT_INFO).derive(db_key)


class AuditTrail:
    """Appends to and checks the trail on an open connection (inside the caller's transaction)."""

    def __init__(self, conn: sqlite3.Connection, key: bytes) -> None:
        self._conn = conn
        self._key = key

    def append(
        self,
        at: datetime,
        actor: str,
        action: AuditAction,
        *,
        record_type: str = "",
        record_id: str = "",
        case_id: str = "",
        fields: Sequence[str] = (),
        detail: str = "",
    ) -> None:
        """Add one entry; call inside the transaction that makes the change it records."""
        head = self._conn.execute("SELECT seq, mac FROM audit_head WHERE id = 1").fetchone()
        seq, previous = (head[0] + 1, head[1]) if head else (1, GENESIS_MAC)
        entry = {
            "seq": seq,
            "at": at.isoformat(),
            "actor": actor,
            "action": action.value,
            "record_type": record_type,
            "record_id": record_id,
            "case_id": case_id,
            "fields": json.dumps(sorted(fields)),
            "detail": detail,
        }
        mac = self._mac(previous, entry)
        columns = ", ".join(entry)
        marks = ", ".join("?" for _ in entry)
        self._conn.execute(
            f"INSERT INTO audit_log ({columns}, mac) VALUES ({marks}, ?)", [*entry.values(), mac]
        )
        self._conn.execute(
            "INSERT INTO audit_head (id, seq, mac, head_mac) VALUES (1, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, mac = excluded.mac, "
            "head_mac = excluded.head_mac",
            [seq, mac, self._head_mac(seq, mac)],
        )

    def entries(
        self,
        *,
        actions: Sequence[AuditAction] = (),
        actor: str = "",
        case_id: str = "",
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 1000,
    ) -> list[AuditEntry]:
        """The newest entries first, narrowed by the filters given."""
        where: list[str] = []
        params: list[Any] = []
        if actions:
            where.append(f"action IN ({', '.join('?' for _ in actions)})")
            params += [a.value for a in actions]
        if actor:
            where.append("actor = ?")
            params.append(actor)
        if case_id:
            where.append("case_id = ?")
            params.append(case_id)
        if since is not None:
            where.append("at >= ?")
            params.append(since.isoformat())
        if until is not None:
            where.append("at < ?")
            params.append(until.isoformat())
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self._conn.execute(
            "SELECT seq, at, actor, action, record_type, record_id, case_id, fields, detail "
            f"FROM audit_log{clause} ORDER BY seq DESC LIMIT ?",
            [*params, limit],
        ).fetchall()
        return [
            AuditEntry(
                seq=row[0],
                at=datetime.fromisoformat(row[1]),
                actor=row[2],
                action=AuditAction(row[3]),
                record_type=row[4],
                record_id=row[5],
                case_id=row[6],
                fields=tuple(json.loads(row[7])),
                detail=row[8],
            )
            for row in rows
        ]

    def actors(self) -> list[str]:
        """Everyone who appears in the trail, for filtering."""
        return [r[0] for r in self._conn.execute("SELECT DISTINCT actor FROM audit_log ORDER BY 1")]

    def verify(self) -> AuditReport:
        """Walk the chain from the start; report the first entry that is changed or missing."""
        previous, expected, checked = GENESIS_MAC, 1, 0
        cursor = self._conn.execute(
            "SELECT seq, at, actor, action, record_type, record_id, case_id, fields, detail, mac "
            "FROM audit_log ORDER BY seq"
        )
        names = ["seq", "at", "actor", "action", "record_type", "record_id", "case_id", "fields"]
        for row in cursor:
            entry = dict(zip([*names, "detail"], row[:9], strict=True))
            if entry["seq"] != expected:
                return AuditReport(checked, f"Entry {expected} is missing from the audit trail.")
            if not hmac.compare_digest(self._mac(previous, entry), row[9]):
                return AuditReport(
                    checked, f"Entry {expected} of the audit trail has been changed."
                )
            previous, expected, checked = row[9], expected + 1, checked + 1
        head = self._conn.execute(
            "SELECT seq, mac, head_mac FROM audit_head WHERE id = 1"
        ).fetchone()
        if head is None:
            if checked:
                return AuditReport(checked, "The audit trail's record of its last entry is gone.")
            return AuditReport(0, None)
        if not hmac.compare_digest(self._head_mac(head[0], head[1]), head[2]):
            return AuditReport(checked, "The audit trail's record of its last entry was changed.")
        if head[0] != checked or head[1] != previous:
            return AuditReport(
                checked, f"Entries after {checked} are missing from the audit trail."
            )
        return AuditReport(checked, None)

    def _mac(self, previous: str, entry: dict[str, Any]) -> str:
        message = previous + json.dumps(entry, sort_keys=True, ensure_ascii=False)
        return hmac.new(self._key, message.encode("utf-8"), hashlib.sha256).hexdigest()

    def _head_mac(self, seq: int, mac: str) -> str:
        return hmac.new(self._key, f"head|{seq}|{mac}".encode(), hashlib.sha256).hexdigest()
