"""The store's whole-school pilot log: organisations (managed in Settings; retired, never deleted
once they have entries) and pilot entries (counts and categories, no pupils' names). A mixin of
Store, like store/agreements.py.

The trail records which fields changed, never the note's words."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from ..pilots import checks
from ..pilots.overview import PilotOverview, TrainingTotals, build_overview
from ..pilots.records import Organisation, PilotActivity, PilotEntry, PilotOutcome
from ..rules import ValidationError, raise_first
from . import pilots_codec as codec
from .audit import AuditAction
from .errors import NotFound
from .internals import StoreInternals

ORGANISATION = "organisation"  # how the trail names these records
PILOT_ENTRY = "pilot entry"
# A follow-up whose day passed longer ago than this is taken as dealt with (there is no "done").
OVERDUE_FOLLOW_UP_DAYS = 28
_BOOKKEEPING = frozenset({"id", "created_at", "updated_at"})


class PilotRecords(StoreInternals):
    """Pilot log methods of Store (see store.py for the helpers they use)."""

    # -- organisations -------------------------------------------------------------------------

    def organisations(self, active_only: bool = False) -> list[Organisation]:
        """Every organisation (or only those in use), by name in any capitals."""
        sql = "SELECT * FROM organisations" + (" WHERE active = 1" if active_only else "")
        found = [codec.organisation_from_row(row) for row in self._rows(sql, [])]
        return sorted(found, key=lambda o: (checks.sort_key(o.name), o.id))

    def organisation_names(self, active_only: bool = True) -> list[str]:
        """Organisation names, for completing the organisation on a case."""
        return [organisation.name for organisation in self.organisations(active_only)]

    def organisation(self, organisation_id: str) -> Organisation:
        """The organisation with this id."""
        row = self._row("SELECT * FROM organisations WHERE id = ?", [organisation_id])
        if row is None:
            raise NotFound("That organisation is no longer on record.")
        return codec.organisation_from_row(row)

    def add_organisation(self, organisation: Organisation) -> Organisation:
        """Save a new organisation; returns it with its id."""
        saved = replace(organisation, id=organisation.id or str(uuid.uuid4()),
                        name=organisation.name.strip())
        with self._writing():
            raise_first(checks.organisation_problems(saved, self.organisations()))
            self._conn.execute(
                "INSERT INTO organisations (id, name, kind, active, created_at) "
                "VALUES (:id, :name, :kind, :active, :created_at)",
                codec.organisation_to_row(saved, self._now()),
            )
            self._audit(AuditAction.CREATE, ORGANISATION, saved.id, detail=saved.kind.value)
        return saved

    def update_organisation(self, organisation: Organisation) -> Organisation:
        """Save a new name, kind or active state for an organisation."""
        current = self.organisation(organisation.id)
        saved = replace(organisation, name=organisation.name.strip())
        changed = [name for name in ("name", "kind", "active")
                   if getattr(saved, name) != getattr(current, name)]
        if not changed:
            return current
        with self._writing():
            raise_first(checks.organisation_problems(saved, self.organisations()))
            self._conn.execute(
                "UPDATE organisations SET name = ?, kind = ?, active = ? WHERE id = ?",
                [saved.name, saved.kind.value, int(saved.active), saved.id],
            )
            self._audit(AuditAction.UPDATE, ORGANISATION, saved.id, fields=changed)
        return saved

    def rename_organisation(self, organisation_id: str, name: str) -> Organisation:
        """Give an organisation a new name (its entries stay with it)."""
        return self.update_organisation(replace(self.organisation(organisation_id), name=name))

    def set_organisation_active(self, organisation_id: str, active: bool) -> Organisation:
        """Retire an organisation (kept for its entries, no longer offered) or bring it back."""
        current = self.organisation(organisation_id)
        return self.update_organisation(replace(current, active=active))

    def delete_organisation(self, organisation_id: str) -> None:
        """Delete an organisation added by mistake; one with entries is retired instead."""
        self.organisation(organisation_id)
        if self.pilot_entry_count(organisation_id):
            raise ValidationError(
                "organisation_id",
                "This organisation has pilot entries, so it stays on record: retire it instead.",
            )
        with self._writing():
            self._conn.execute("DELETE FROM organisations WHERE id = ?", [organisation_id])
            self._audit(AuditAction.DELETE, ORGANISATION, organisation_id)

    def pilot_entry_count(self, organisation_id: str | None = None) -> int:
        """How many pilot entries there are (for one organisation, or all)."""
        where, params = ("WHERE organisation_id = ?", [organisation_id]) if organisation_id else (
            "", [])
        return int(self._conn.execute(
            f"SELECT count(*) FROM pilot_entries {where}", params).fetchone()[0])

    # -- pilot entries -------------------------------------------------------------------------

    def add_pilot_entry(self, entry: PilotEntry) -> PilotEntry:
        """Save a new pilot entry; returns it with its id and timestamps."""
        now = self._now()
        saved = replace(checks.normalised(entry), id=entry.id or str(uuid.uuid4()),
                        created_at=now, updated_at=now)
        self._check_entry(saved)
        row = codec.entry_to_row(saved)
        with self._writing():
            self._insert("pilot_entries", row, case_id=None)
            filled = [k for k, v in row.items() if v not in (None, "", "[]", 0)]
            self._audit(AuditAction.CREATE, PILOT_ENTRY, saved.id, fields=_recorded(filled))
        return saved

    def update_pilot_entry(self, entry: PilotEntry) -> PilotEntry:
        """Save corrections to a pilot entry (from the day view)."""
        current = self.pilot_entry(entry.id)
        saved = replace(checks.normalised(entry), created_at=current.created_at,
                        updated_at=self._now())
        self._check_entry(saved)
        before, after = codec.entry_to_row(current), codec.entry_to_row(saved)
        changed = [k for k in _recorded(list(after)) if before[k] != after[k]]
        if not changed:
            return current
        with self._writing():
            assignments = ", ".join(f"{k} = ?" for k in [*changed, "updated_at"])
            self._conn.execute(
                f"UPDATE pilot_entries SET {assignments} WHERE id = ?",
                [*(after[k] for k in changed), after["updated_at"], saved.id],
            )
            self._audit(AuditAction.UPDATE, PILOT_ENTRY, saved.id, fields=changed)
        return saved

    def delete_pilot_entry(self, entry_id: str) -> None:
        """Remove a pilot entry recorded by mistake."""
        self.pilot_entry(entry_id)
        with self._writing():
            self._conn.execute("DELETE FROM pilot_entries WHERE id = ?", [entry_id])
            self._audit(AuditAction.DELETE, PILOT_ENTRY, entry_id)

    def pilot_entry(self, entry_id: str) -> PilotEntry:
        """The pilot entry with this id."""
        row = self._row("SELECT * FROM pilot_entries WHERE id = ?", [entry_id])
        if row is None:
            raise NotFound("That pilot entry is no longer on record.")
        return codec.entry_from_row(row)

    def pilot_entries_on(self, day: date, organisation_id: str | None = None) -> list[PilotEntry]:
        """A day's entries (at one organisation, or all), in the order they were recorded."""
        sql = "SELECT * FROM pilot_entries WHERE session_date = ?"
        params: list[Any] = [day.isoformat()]
        if organisation_id:
            sql += " AND organisation_id = ?"
            params.append(organisation_id)
        return [codec.entry_from_row(row) for row in self._rows(f"{sql} ORDER BY seq", params)]

    def last_pilot_entry(self, by_initials: str | None = None) -> PilotEntry | None:
        """The entry recorded most recently (by these initials, when given): for "Same as last"."""
        sql, params = "SELECT * FROM pilot_entries", []
        if by_initials:
            sql += " WHERE staff_initials = ?"
            params.append(checks.normalise_initials(by_initials))
        row = self._row(f"{sql} ORDER BY seq DESC LIMIT 1", params)
        return codec.entry_from_row(row) if row else None

    def pilot_follow_ups_due(
        self, today: date, within_days: int = 7, *, organisation_id: str | None = None,
        overdue_days: int = OVERDUE_FOLLOW_UP_DAYS,
    ) -> list[PilotEntry]:
        """Entries whose follow-up falls within `within_days` after `today`, or passed within
        `overdue_days` before it; earliest first."""
        sql = "SELECT * FROM pilot_entries WHERE follow_up_date BETWEEN ? AND ?"
        params: list[Any] = [(today - timedelta(days=overdue_days)).isoformat(),
                             (today + timedelta(days=within_days)).isoformat()]
        if organisation_id:
            sql += " AND organisation_id = ?"
            params.append(organisation_id)
        rows = self._rows(f"{sql} ORDER BY follow_up_date, session_date, seq", params)
        return [codec.entry_from_row(row) for row in rows]

    # -- the overview --------------------------------------------------------------------------

    def pilot_overview(self, organisation_id: str, start: date, end: date) -> PilotOverview:
        """One organisation's sessions by activity per month, outcomes, follow-ups due and
        training delivered, from `start` to `end` (inclusive); small counts withheld."""
        if start > end:
            raise ValidationError("start", "The first day is after the last day.")
        organisation = self.organisation(organisation_id)
        where = "WHERE organisation_id = ? AND session_date BETWEEN ? AND ?"
        params = [organisation_id, start.isoformat(), end.isoformat()]
        monthly = {
            (row["month"], PilotActivity(row["activity"])): int(row["sessions"])
            for row in self._rows(
                "SELECT substr(session_date, 1, 7) AS month, activity, count(*) AS sessions "
                f"FROM pilot_entries {where} GROUP BY month, activity", params)
        }
        outcomes: dict[PilotOutcome | None, tuple[int, int]] = {}
        training: dict[PilotActivity, TrainingTotals] = defaultdict(TrainingTotals)
        for row in self._rows(
            "SELECT activity, outcome, count(*) AS sessions, sum(pupils) AS pupils, "
            f"sum(staff) AS staff FROM pilot_entries {where} GROUP BY activity, outcome", params
        ):
            activity = PilotActivity(row["activity"])
            sessions, pupils, staff = int(row["sessions"]), int(row["pupils"]), int(row["staff"])
            if activity.is_training:
                sums = training[activity]
                training[activity] = TrainingTotals(
                    sums.sessions + sessions, sums.staff + staff, sums.pupils + pupils)
                continue
            outcome = PilotOutcome(row["outcome"]) if row["outcome"] else None
            before = outcomes.get(outcome, (0, 0))
            outcomes[outcome] = (before[0] + sessions, before[1] + pupils)
        return build_overview(
            organisation, start, end, monthly=monthly, outcomes=outcomes, training=training,
            follow_ups=self.pilot_follow_ups_due(self.today(), organisation_id=organisation_id),
        )

    # -- internals -----------------------------------------------------------------------------

    def _check_entry(self, entry: PilotEntry) -> None:
        raise_first(checks.entry_problems(entry, self.today()))
        row = self._row("SELECT active FROM organisations WHERE id = ?", [entry.organisation_id])
        if row is None:
            raise ValidationError("organisation_id", "That organisation is no longer on record.")


def _recorded(fields: list[str]) -> list[str]:
    return [name for name in fields if name not in _BOOKKEEPING]
