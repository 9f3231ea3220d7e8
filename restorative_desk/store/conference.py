"""The store's conference records: a conference as it runs on the laptop in the room.

Notes are saved while the facilitator types (within a second of typing stopping), so a crash
or a flat battery loses at most that second. The trail notes when each note is first written,
not every autosave of it. A mixin of Store, like store/preparation.py.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime

from ..conference import checks
from ..conference.records import (
    Attendance,
    Break,
    ConferenceRun,
    Debrief,
    Ending,
    ProposedAction,
    SafetyPause,
    TurnNote,
)
from ..preparation.records import ReadinessOverride
from ..records import NotProceedingReason, Status
from ..rules import ValidationError, raise_first
from . import conference_codec as codec
from .errors import NotFound
from .internals import StoreInternals

# Where a case may go when its conference ends early.
EARLY_END_MOVES = (Status.PREPARING, Status.NOT_PROCEEDING)


class ConferenceRecords(StoreInternals):
    """Conference methods of Store (see store.py for the helpers they use)."""

    # -- starting and finding conferences ----------------------------------------------------

    def start_conference(
        self, case_id: str, *, script_key: str, script_version: int, script_title: str
    ) -> ConferenceRun:
        """Start a conference on a case that is ready, with the script (and version) it uses."""
        case = self.get_case(case_id)
        if case.status is not Status.READY:
            raise ValidationError(
                "status",
                f"A conference starts from a case that is ready; this one is at "
                f"'{case.status.label}'.",
            )
        if any(run.running for run in self.conference_runs(case_id)):
            raise ValidationError("status", "This case already has a conference under way.")
        run = ConferenceRun(
            id=_new_id(),
            case_id=case_id,
            script_key=script_key,
            script_version=script_version,
            script_title=script_title,
            started_at=self._now(),
            started_by=self.actor,
        )
        with self._writing():
            self._insert("conference_runs", codec.run_to_row(run), case_id=case_id)
            self._touch(case_id)
        return run

    def conference_runs(self, case_id: str) -> list[ConferenceRun]:
        """A case's conferences, oldest first."""
        rows = self._rows(
            "SELECT * FROM conference_runs WHERE case_id = ? ORDER BY started_at, rowid", [case_id]
        )
        return [codec.run_from_row(row) for row in rows]

    def get_conference(self, run_id: str) -> ConferenceRun:
        """The conference with this id."""
        row = self._row("SELECT * FROM conference_runs WHERE id = ?", [run_id])
        if row is None:
            raise NotFound("That conference is no longer on record.")
        return codec.run_from_row(row)

    def unfinished_conferences(self) -> list[ConferenceRun]:
        """Conferences started and never ended (the app offers to resume them), newest first."""
        rows = self._rows(
            "SELECT * FROM conference_runs WHERE ended_at IS NULL ORDER BY started_at DESC", []
        )
        return [codec.run_from_row(row) for row in rows]

    def set_conference_position(self, run_id: str, turn_key: str) -> None:
        """Remember the turn on screen, to resume there (bookkeeping: not in the trail)."""
        run = self._running(run_id)
        with self._writing():
            self._conn.execute(
                "UPDATE conference_runs SET position = ? WHERE id = ?", [turn_key, run.id]
            )

    # -- who came ------------------------------------------------------------------------------

    def set_attendance(self, run_id: str, person_id: str, attendance: Attendance) -> None:
        """Record whether someone came (or is represented by a statement read aloud)."""
        run = self._running(run_id)
        self._check_on_case(person_id, run.case_id)
        current = self._row(
            "SELECT id, attendance FROM conference_attendance WHERE run_id = ? AND person_id = ?",
            [run_id, person_id],
        )
        with self._writing():
            if current is None:
                row = {"id": _new_id(), "run_id": run_id, "case_id": run.case_id,
                       "person_id": person_id, "attendance": attendance.value}
                self._insert("conference_attendance", row, case_id=run.case_id)
            elif current["attendance"] != attendance.value:
                self._update("conference_attendance", current["id"],
                             {"attendance": attendance.value}, case_id=run.case_id)

    def attendance(self, run_id: str) -> dict[str, Attendance]:
        """Who came, by person id (people not yet marked are missing)."""
        rows = self._rows(
            "SELECT person_id, attendance FROM conference_attendance WHERE run_id = ?", [run_id]
        )
        return {row["person_id"]: Attendance(row["attendance"]) for row in rows}

    # -- notes ---------------------------------------------------------------------------------

    def save_turn_note(
        self, run_id: str, turn_key: str, text: str, person_id: str = ""
    ) -> TurnNote:
        """Save what was said at a turn (called as the facilitator types)."""
        raise_first(checks.note_problems(text))
        run = self.get_conference(run_id)
        if person_id:
            self._check_on_case(person_id, run.case_id)
        now = self._now()
        current = self._row(
            "SELECT id FROM turn_notes WHERE run_id = ? AND turn_key = ?", [run_id, turn_key]
        )
        with self._writing():
            if current is None:
                row = {"id": _new_id(), "run_id": run_id, "case_id": run.case_id,
                       "turn_key": turn_key, "person_id": person_id, "text": text,
                       "updated_at": now.isoformat()}
                self._insert("turn_notes", row, case_id=run.case_id)
            else:
                # Autosaves of the same note are not each put in the trail.
                self._conn.execute(
                    "UPDATE turn_notes SET text = ?, updated_at = ? WHERE id = ?",
                    [text, now.isoformat(), current["id"]],
                )
        return TurnNote(run_id, turn_key, text, person_id, now)

    def turn_notes(self, run_id: str) -> dict[str, TurnNote]:
        """Every note of a conference, by turn key."""
        rows = self._rows("SELECT * FROM turn_notes WHERE run_id = ?", [run_id])
        return {row["turn_key"]: codec.note_from_row(row) for row in rows}

    # -- breaks and safety pauses ----------------------------------------------------------------

    def start_break(self, run_id: str, reason: str = "") -> Break:
        """Start a break (one at a time)."""
        run = self._running(run_id)
        if self._open_break(run_id) is not None:
            raise ValidationError("break", "A break is already under way.")
        pause = Break(run_id=run_id, started_at=self._now(), reason=reason.strip(), id=_new_id())
        row = {"id": pause.id, "run_id": run_id, "case_id": run.case_id,
               "started_at": pause.started_at.isoformat(), "ended_at": None,
               "reason": pause.reason}
        with self._writing():
            self._insert("conference_breaks", row, case_id=run.case_id)
        return pause

    def end_break(self, run_id: str) -> Break:
        """End the break under way."""
        run = self.get_conference(run_id)
        current = self._open_break(run_id)
        if current is None:
            raise ValidationError("break", "There is no break under way.")
        ended = replace(current, ended_at=self._now())
        with self._writing():
            self._update("conference_breaks", current.id,
                         {"ended_at": _iso(ended.ended_at)}, case_id=run.case_id)
        return ended

    def breaks(self, run_id: str) -> list[Break]:
        """A conference's breaks, oldest first."""
        rows = self._rows(
            "SELECT * FROM conference_breaks WHERE run_id = ? ORDER BY started_at, rowid", [run_id]
        )
        return [codec.break_from_row(row) for row in rows]

    def record_safety_pause(self, pause: SafetyPause) -> SafetyPause:
        """Record a safety pause and what was decided (ending is done with end_conference)."""
        raise_first(checks.pause_problems(pause))
        run = self._running(pause.run_id)
        saved = replace(pause, id=pause.id or _new_id())
        with self._writing():
            self._insert("safety_pauses", codec.pause_to_row(saved, run.case_id),
                         case_id=run.case_id)
        return saved

    def safety_pauses(self, run_id: str) -> list[SafetyPause]:
        """A conference's safety pauses, oldest first."""
        rows = self._rows("SELECT * FROM safety_pauses WHERE run_id = ? ORDER BY at, rowid",
                          [run_id])
        return [codec.pause_from_row(row) for row in rows]

    # -- the agreement's proposed actions --------------------------------------------------------

    def save_proposed_action(self, action: ProposedAction) -> ProposedAction:
        """Add an action proposed in the room, or change one (when it has an id)."""
        raise_first(checks.action_problems(action, self.today()))
        run = self.get_conference(action.run_id)
        if action.case_id != run.case_id:
            raise ValidationError("case_id", "That action belongs to another case.")
        with self._writing():
            if action.id:
                current = self._row("SELECT id FROM proposed_actions WHERE id = ?", [action.id])
                if current is None:
                    raise NotFound("That action is no longer on record.")
                row = codec.action_to_row(action)
                row.pop("id")
                self._update("proposed_actions", action.id, row, case_id=run.case_id)
                return action
            position = self._conn.execute(
                "SELECT coalesce(max(position), 0) + 1 FROM proposed_actions WHERE run_id = ?",
                [action.run_id],
            ).fetchone()[0]
            saved = replace(action, id=_new_id(), position=int(position))
            self._insert("proposed_actions", codec.action_to_row(saved), case_id=run.case_id)
            return saved

    def remove_proposed_action(self, action_id: str) -> None:
        """Take back an action proposed in error."""
        row = self._row("SELECT case_id FROM proposed_actions WHERE id = ?", [action_id])
        if row is None:
            raise NotFound("That action is no longer on record.")
        with self._writing():
            self._delete("proposed_actions", action_id, case_id=row["case_id"])

    def proposed_actions(self, *, run_id: str = "", case_id: str = "") -> list[ProposedAction]:
        """Actions proposed at one conference, or at every conference of a case, in order."""
        column, value = ("run_id", run_id) if run_id else ("case_id", case_id)
        rows = self._rows(
            f"SELECT * FROM proposed_actions WHERE {column} = ? ORDER BY position, rowid", [value]
        )
        return [codec.action_from_row(row) for row in rows]

    # -- ending ----------------------------------------------------------------------------------

    def end_conference(
        self,
        run_id: str,
        ending: Ending,
        *,
        reason: str = "",
        next_steps: str = "",
        move_to: Status | None = None,
        not_proceeding_reason: NotProceedingReason | None = None,
        override: ReadinessOverride | None = None,
    ) -> ConferenceRun:
        """End a conference and move the case on: a completed one to "conference held"; one
        ended early stays ready, or goes back to preparing, or stops (with a reason)."""
        run = self._running(run_id)
        if ending is Ending.ENDED_EARLY:
            if not reason.strip() or not next_steps.strip():
                raise ValidationError(
                    "reason", "Ending early needs the reason and what happens next for people."
                )
            if move_to is not None and move_to not in EARLY_END_MOVES:
                raise ValidationError("move_to", "After ending early a case can go back to "
                                      "preparing, or stop.")
        now = self._now()
        ended = replace(run, ended_at=now, ending=ending, end_reason=reason.strip(),
                        next_steps=next_steps.strip())
        with self._writing():
            open_break = self._open_break(run_id)
            if open_break is not None:
                self._update("conference_breaks", open_break.id, {"ended_at": now.isoformat()},
                             case_id=run.case_id)
            row = codec.run_to_row(ended)
            self._update(
                "conference_runs", run_id,
                {k: row[k] for k in ("ended_at", "ending", "end_reason", "next_steps")},
                case_id=run.case_id, detail=ending.value,
            )
            target = Status.CONFERENCE_HELD if ending is Ending.COMPLETED else move_to
            if target is not None and self.get_case(run.case_id).status is not target:
                self.move_case(
                    run.case_id, target, reason=not_proceeding_reason,
                    note=ended.end_reason, override=override,
                )
        return ended

    # -- the facilitator's own debrief -----------------------------------------------------------

    def save_debrief(self, debrief: Debrief) -> Debrief:
        """Keep the facilitator's debrief and wellbeing check-in, private to them."""
        run = self.get_conference(debrief.run_id)
        if debrief.facilitator != self.actor:
            raise ValidationError("facilitator", "A debrief is kept only by the facilitator "
                                  "who writes it.")
        for field in ("how_it_went", "follow_up", "how_are_you"):
            raise_first(checks.note_problems(getattr(debrief, field)))
        saved = replace(debrief, updated_at=self._now())
        # One debrief per facilitator: a co-facilitator's never replaces the other's.
        exists = self._row(
            "SELECT id FROM debriefs WHERE run_id = ? AND facilitator = ?",
            [debrief.run_id, debrief.facilitator],
        )
        row = codec.debrief_to_row(saved, run.case_id, exists["id"] if exists else _new_id())
        with self._writing():
            if exists:
                self._update("debriefs", row["id"], row, case_id=run.case_id)
            else:
                self._insert("debriefs", row, case_id=run.case_id)
        return saved

    def debrief(self, run_id: str) -> Debrief | None:
        """The signed-in facilitator's own debrief of this conference (nobody else's)."""
        row = self._row(
            "SELECT * FROM debriefs WHERE run_id = ? AND facilitator = ?", [run_id, self.actor]
        )
        return codec.debrief_from_row(row) if row else None

    # -- internals -------------------------------------------------------------------------------

    def _running(self, run_id: str) -> ConferenceRun:
        run = self.get_conference(run_id)
        if not run.running:
            raise ValidationError("run_id", "That conference has ended.")
        return run

    def _open_break(self, run_id: str) -> Break | None:
        row = self._row(
            "SELECT * FROM conference_breaks WHERE run_id = ? AND ended_at IS NULL", [run_id]
        )
        return codec.break_from_row(row) if row else None


def _new_id() -> str:
    return str(uuid.uuid4())


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
