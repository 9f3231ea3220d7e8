"""The store's outcome agreements: drafts, agreeing (which freezes a version), new versions
with a reason, reviews and the outcome. A mixin of Store, like store/conference.py.

The trail records which fields changed, never the words."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from ..agreements import checks
from ..agreements.records import (
    Agreement,
    AgreementAction,
    AgreementStatus,
    Review,
    Signoff,
)
from ..records import Status
from ..rules import ValidationError, can_move, raise_first
from . import agreements_codec as codec
from .conference_codec import action_from_row as proposed_action_from_row
from .errors import NotFound
from .internals import StoreInternals

# Cases that have stopped or closed take no new agreement (reopen them first).
_ENDED = frozenset({Status.CLOSED, Status.NOT_PROCEEDING})
# Row fields of an agreement a draft save may change.
_DRAFT_FIELDS = ("summary", "own_words", "review_date", "change_reason")
_CHUNK = 500  # SQLite's limit on parameters is far above this


class AgreementRecords(StoreInternals):
    """Agreement methods of Store (see store.py for the helpers they use)."""

    # -- reading -------------------------------------------------------------------------------

    def get_agreement(self, agreement_id: str) -> Agreement:
        """The agreement version with this id."""
        row = self._row("SELECT * FROM agreements WHERE id = ?", [agreement_id])
        if row is None:
            raise NotFound("That agreement is no longer on record.")
        return self._assemble([row])[0]

    def agreement_versions(self, case_id: str) -> list[Agreement]:
        """Every version of a case's agreements, oldest first (the history)."""
        rows = self._rows(
            "SELECT * FROM agreements WHERE case_id = ? ORDER BY version", [case_id]
        )
        return self._assemble(rows)

    def current_agreement(self, case_id: str) -> Agreement | None:
        """The newest version of a case's agreement (a draft, agreed or closed), if any."""
        row = self._row(
            "SELECT * FROM agreements WHERE case_id = ? ORDER BY version DESC LIMIT 1", [case_id]
        )
        return self._assemble([row])[0] if row else None

    def agreement_in_force(self, case_id: str) -> Agreement | None:
        """The agreed version people are working to now (a newer draft does not replace it
        until it is agreed); None once the agreement is closed or before one is agreed."""
        row = self._row(
            "SELECT * FROM agreements WHERE case_id = ? AND status != ? "
            "ORDER BY version DESC LIMIT 1",
            [case_id, AgreementStatus.DRAFT.value],
        )
        if row is None or row["status"] != AgreementStatus.AGREED.value:
            return None
        return self._assemble([row])[0]

    def agreements(
        self, *, statuses: Collection[AgreementStatus] = (), since: date | None = None
    ) -> list[Agreement]:
        """Agreement versions across all cases (for printing in a batch): only those with
        `statuses` when given, and only those agreed (drafts: started) on or after `since`.
        In case reference order, then version."""
        where: list[str] = []
        params: list[Any] = []
        if statuses:
            where.append(f"a.status IN ({', '.join('?' for _ in statuses)})")
            params += sorted(s.value for s in statuses)
        if since is not None:
            where.append("coalesce(a.agreed_on, substr(a.created_at, 1, 10)) >= ?")
            params.append(since.isoformat())
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self._rows(
            f"SELECT a.* FROM agreements a JOIN cases c ON c.id = a.case_id{clause} "
            "ORDER BY c.reference, a.version",
            params,
        )
        return self._assemble(rows)

    def reviews(self, agreement_id: str) -> list[Review]:
        """An agreement version's reviews, oldest first."""
        rows = self._rows(
            "SELECT * FROM agreement_reviews WHERE agreement_id = ? "
            "ORDER BY held_on, recorded_at, rowid",
            [agreement_id],
        )
        return [codec.review_from_row(row) for row in rows]

    # -- drafting and agreeing -----------------------------------------------------------------

    def start_agreement(self, case_id: str, *, from_run_id: str = "") -> Agreement:
        """Start a draft agreement on a case, with the actions proposed at the conference
        `from_run_id` carried over (what, who, by when). Works without a conference too
        (a restorative conversation or an indirect process). One open agreement per case."""
        case = self.get_case(case_id)
        if case.status in _ENDED:
            raise ValidationError(
                "status", f"This case is '{case.status.label}': reopen it before an agreement."
            )
        current = self.current_agreement(case_id)
        if current is not None and current.is_open:
            raise ValidationError(
                "status",
                f"This case already has an agreement ({current.status.label.lower()}, version "
                f"{current.version}): carry on with it, or make a new version of it.",
            )
        actions: tuple[AgreementAction, ...] = ()
        if from_run_id:
            run = self._row("SELECT case_id FROM conference_runs WHERE id = ?", [from_run_id])
            if run is None or run["case_id"] != case_id:
                raise ValidationError("from_run_id", "That conference is not on this case.")
            proposed = [
                proposed_action_from_row(row)
                for row in self._rows(
                    "SELECT * FROM proposed_actions WHERE run_id = ? ORDER BY position, rowid",
                    [from_run_id],
                )
            ]
            actions = tuple(
                AgreementAction(what=p.what, who=p.who, by_when=p.by_when, id=_new_id(),
                                position=number)
                for number, p in enumerate(proposed, start=1)
            )
        reason = ""
        if current is not None:
            reason = (f"A new agreement after version {current.version} closed "
                      f"({current.status.label.lower()}).")
        agreement = Agreement(
            case_id=case_id,
            version=current.version + 1 if current else 1,
            change_reason=reason,
            actions=actions,
            id=_new_id(),
            created_at=self._now(),
            created_by=self.actor,
        )
        with self._writing():
            self._insert_agreement(agreement)
        return self.get_agreement(agreement.id)

    def save_agreement_draft(self, agreement: Agreement) -> Agreement:
        """Save changes to a draft: its summary, the young person's words, the review date, the
        reason for the version and its actions (replaced as a whole, kept in the order given).
        An agreed version is never changed: make a new version instead."""
        current = self.get_agreement(agreement.id)
        if agreement.case_id != current.case_id:
            raise ValidationError("case_id", "That agreement belongs to another case.")
        self._check_draft(current)
        if agreement.signoffs:
            raise ValidationError(
                "signoffs", "Who agreed is recorded when the agreement is agreed."
            )
        draft = replace(agreement, version=current.version, status=current.status)
        raise_first(checks.draft_problems(draft))
        row = codec.agreement_to_row(draft)
        changes = {k: row[k] for k in _DRAFT_FIELDS if row[k] != codec.agreement_to_row(current)[k]}
        with self._writing():
            if changes:
                self._update("agreements", current.id, changes, case_id=current.case_id)
            self._replace_actions(current, agreement.actions)
            self._touch(current.case_id)
        return self.get_agreement(current.id)

    def discard_draft(self, agreement_id: str) -> None:
        """Let a draft version go (an agreed one is kept for good)."""
        current = self.get_agreement(agreement_id)
        self._check_draft(current)
        with self._writing():
            for action in current.actions:
                self._delete("agreement_actions", action.id, case_id=current.case_id)
            self._delete("agreements", current.id, case_id=current.case_id)
            self._touch(current.case_id)

    def agree(
        self, agreement_id: str, *, agreed_on: date, signoffs: Sequence[Signoff]
    ) -> Agreement:
        """Record that everyone agreed (signed, or out loud): the version is frozen from now on.
        It needs at least one action and one person's agreement."""
        current = self.get_agreement(agreement_id)
        self._check_draft(current)
        people = {person.id for person in self.people(current.case_id)}
        raise_first(checks.agree_problems(current, agreed_on, signoffs, people, self.today()))
        with self._writing():
            self._update(
                "agreements", current.id,
                {"status": AgreementStatus.AGREED.value, "agreed_on": agreed_on.isoformat()},
                case_id=current.case_id, detail=AgreementStatus.AGREED.value,
            )
            for position, signoff in enumerate(signoffs, start=1):
                row = codec.signoff_to_row(signoff, current, _new_id(), position)
                self._insert("agreement_signoffs", row, case_id=current.case_id)
            self._touch(current.case_id)
        return self.get_agreement(current.id)

    def new_version(self, agreement_id: str, reason: str) -> Agreement:
        """Make the next version of an agreed agreement as a draft copy (same summary, words
        and actions; nobody has agreed to it yet), with the reason for the change. The agreed
        version stays as it was, and stays in force until the new one is agreed."""
        current = self.get_agreement(agreement_id)
        if current.status is not AgreementStatus.AGREED:
            raise ValidationError(
                "status", "A new version is made from an agreed agreement that is not closed."
            )
        newest = self.current_agreement(current.case_id)
        if newest is not None and newest.id != current.id:
            raise ValidationError(
                "status", f"Version {newest.version} is already being drafted: carry on with it."
            )
        if len(reason.strip()) < checks.MIN_REASON:
            raise ValidationError("reason", "Say briefly why the agreement is changing.")
        draft = replace(
            current,
            id=_new_id(),
            version=current.version + 1,
            status=AgreementStatus.DRAFT,
            actions=tuple(replace(a, id=_new_id()) for a in current.actions),
            signoffs=(),
            agreed_on=None,
            change_reason=reason.strip(),
            outcome_note="",
            closed_on=None,
            created_at=self._now(),
            created_by=self.actor,
        )
        raise_first(checks.draft_problems(draft))
        with self._writing():
            self._insert_agreement(draft)
        return self.get_agreement(draft.id)

    # -- reviews and the outcome ---------------------------------------------------------------

    def record_review(self, review: Review) -> Review:
        """Record a review of the agreement in force: who was there, how each action stood and
        when the next review is."""
        agreement = self.get_agreement(review.agreement_id)
        self._check_in_force(agreement)
        raise_first(checks.review_problems(review, agreement, self.today()))
        saved = replace(review, id=_new_id(), recorded_by=self.actor)
        with self._writing():
            row = codec.review_to_row(saved, agreement.case_id, self._now())
            self._insert("agreement_reviews", row, case_id=agreement.case_id)
            self._touch(agreement.case_id)
        return saved

    def close_agreement(
        self,
        agreement_id: str,
        status: AgreementStatus,
        *,
        outcome_note: str,
        closed_on: date,
        closure_summary: str = "",
        close_case: bool = False,
    ) -> Agreement:
        """Close the agreement in force with its outcome (completed, partly completed or not
        completed, and what happened next). With `close_case`, the case moves on to closed too,
        with `closure_summary` as the note of the move."""
        agreement = self.get_agreement(agreement_id)
        self._check_in_force(agreement)
        newest = self.current_agreement(agreement.case_id)
        if newest is not None and newest.id != agreement.id:
            raise ValidationError(
                "status", f"Version {newest.version} is a draft: agree it or let it go first."
            )
        raise_first(
            checks.close_problems(agreement, status, outcome_note, closed_on, self.today())
        )
        case_status = self.get_case(agreement.case_id).status
        move = close_case and case_status is not Status.CLOSED
        if move:
            if not can_move(case_status, Status.CLOSED):
                raise ValidationError(
                    "close_case",
                    f"A case that is '{case_status.label}' cannot be closed yet.",
                )
            if not closure_summary.strip():
                raise ValidationError("closure_summary", "Write a short closure summary.")
        with self._writing():
            self._update(
                "agreements", agreement.id,
                {"status": status.value, "outcome_note": outcome_note,
                 "closed_on": closed_on.isoformat()},
                case_id=agreement.case_id, detail=status.value,
            )
            self._touch(agreement.case_id)
            if move:
                self.move_case(agreement.case_id, Status.CLOSED, note=closure_summary.strip())
        return self.get_agreement(agreement.id)

    # -- internals -----------------------------------------------------------------------------

    def _check_draft(self, agreement: Agreement) -> None:
        if not agreement.editable:
            raise ValidationError(
                "status",
                f"Version {agreement.version} is {agreement.status.label.lower()} and is kept "
                "as it is: make a new version, with the reason for the change.",
            )

    def _check_in_force(self, agreement: Agreement) -> None:
        if agreement.status is not AgreementStatus.AGREED:
            raise ValidationError(
                "status", f"This agreement is {agreement.status.label.lower()}, not in force."
            )
        newer = self._row(
            "SELECT version FROM agreements WHERE case_id = ? AND version > ? AND status != ?",
            [agreement.case_id, agreement.version, AgreementStatus.DRAFT.value],
        )
        if newer is not None:
            raise ValidationError(
                "status", f"Version {newer['version']} has replaced this version."
            )

    def _insert_agreement(self, agreement: Agreement) -> None:
        self._insert("agreements", codec.agreement_to_row(agreement), case_id=agreement.case_id)
        for position, action in enumerate(agreement.actions, start=1):
            row = codec.action_to_row(replace(action, position=position), agreement)
            self._insert("agreement_actions", row, case_id=agreement.case_id)
        self._touch(agreement.case_id)

    def _replace_actions(
        self, current: Agreement, actions: Sequence[AgreementAction]
    ) -> None:
        """Make a draft's actions these, in this order: changed ones updated, new ones added,
        the rest removed (so the trail says which)."""
        before = {action.id: action for action in current.actions}
        kept: set[str] = set()
        for position, action in enumerate(actions, start=1):
            if action.id in before and action.id not in kept:
                kept.add(action.id)
                wanted = replace(action, position=position)
                if wanted != before[action.id]:
                    row = codec.action_to_row(wanted, current)
                    for key in ("id", "agreement_id", "case_id"):
                        row.pop(key)
                    self._update("agreement_actions", action.id, row, case_id=current.case_id)
            else:
                added = replace(action, id=_new_id(), position=position)
                self._insert("agreement_actions", codec.action_to_row(added, current),
                             case_id=current.case_id)
        for gone in before.keys() - kept:
            self._delete("agreement_actions", gone, case_id=current.case_id)

    def _reviews_of(self, agreement_ids: Sequence[str]) -> dict[str, list[Review]]:
        found: dict[str, list[Review]] = defaultdict(list)
        for start in range(0, len(agreement_ids), _CHUNK):
            chunk = agreement_ids[start:start + _CHUNK]
            for row in self._rows(
                f"SELECT * FROM agreement_reviews WHERE agreement_id IN "
                f"({', '.join('?' for _ in chunk)}) ORDER BY held_on, recorded_at, rowid", chunk,
            ):
                found[row["agreement_id"]].append(codec.review_from_row(row))
        return found

    def _assemble(self, rows: Sequence[dict[str, Any]]) -> list[Agreement]:
        """Agreements from their rows, with their actions and sign-offs (read in bulk)."""
        ids = [row["id"] for row in rows]
        actions: dict[str, list[AgreementAction]] = defaultdict(list)
        signoffs: dict[str, list[Signoff]] = defaultdict(list)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            marks = ", ".join("?" for _ in chunk)
            for row in self._rows(
                f"SELECT * FROM agreement_actions WHERE agreement_id IN ({marks}) "
                "ORDER BY position, rowid", chunk,
            ):
                actions[row["agreement_id"]].append(codec.action_from_row(row))
            for row in self._rows(
                f"SELECT * FROM agreement_signoffs WHERE agreement_id IN ({marks}) "
                "ORDER BY position, rowid", chunk,
            ):
                signoffs[row["agreement_id"]].append(codec.signoff_from_row(row))
        return [
            codec.agreement_from_row(row, actions[row["id"]], signoffs[row["id"]]) for row in rows
        ]


def _new_id() -> str:
    return str(uuid.uuid4())
