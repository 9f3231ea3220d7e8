"""The store's feedback from three perspectives: participants, staff reflections and partner
agencies. A mixin of Store, like store/agreements.py.

The trail records which fields were filled in or changed, never the answers, comments or names.
Partner agency feedback may be about no case at all (general feedback on the service)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from typing import Any

from ..feedback import checks
from ..feedback.records import ParticipantFeedback, PartnerFeedback, StaffReflection
from ..records import Role
from ..rules import raise_first
from . import feedback_codec as codec
from .errors import NotFound
from .internals import StoreInternals

_PARTICIPANT = "participant_feedback"
_STAFF = "staff_reflections"
_PARTNER = "partner_feedback"
_ORDER = "ORDER BY given_on, recorded_at, rowid"


class FeedbackRecords(StoreInternals):
    """Feedback methods of Store (see store.py for the helpers they use)."""

    # -- participants --------------------------------------------------------------------------

    def participant_feedback(self, case_id: str) -> list[ParticipantFeedback]:
        """Everything participants said about a case's conference, oldest first."""
        rows = self._rows(f"SELECT * FROM {_PARTICIPANT} WHERE case_id = ? {_ORDER}", [case_id])
        return [codec.participant_from_row(row) for row in rows]

    def get_participant_feedback(self, feedback_id: str) -> ParticipantFeedback:
        """The participant feedback with this id."""
        return codec.participant_from_row(self._feedback_row(_PARTICIPANT, feedback_id))

    def add_participant_feedback(self, feedback: ParticipantFeedback) -> ParticipantFeedback:
        """Record a participant's feedback (from a paper form, or entered with them)."""
        self._check_participant(feedback)
        saved = replace(feedback, id=_new_id(), recorded_by=self.actor, recorded_at=self._now())
        with self._writing():
            self._insert(_PARTICIPANT, codec.participant_to_row(saved), case_id=saved.case_id)
            self._touch(saved.case_id)
        return saved

    def update_participant_feedback(self, feedback: ParticipantFeedback) -> ParticipantFeedback:
        """Correct a participant's feedback (who recorded it first, and when, are kept)."""
        current = self.get_participant_feedback(feedback.id)
        saved = replace(feedback, case_id=current.case_id, recorded_by=current.recorded_by,
                        recorded_at=current.recorded_at)
        self._check_participant(saved)
        with self._writing():
            self._update(_PARTICIPANT, saved.id, codec.participant_to_row(saved),
                         case_id=saved.case_id)
            self._touch(saved.case_id)
        return saved

    def delete_participant_feedback(self, feedback_id: str) -> None:
        """Remove a participant's feedback recorded in error."""
        current = self.get_participant_feedback(feedback_id)
        with self._writing():
            self._delete(_PARTICIPANT, feedback_id, case_id=current.case_id)
            self._touch(current.case_id)

    # -- staff reflections ---------------------------------------------------------------------

    def staff_reflections(self, case_id: str) -> list[StaffReflection]:
        """Staff reflections on a case's conference, oldest first."""
        rows = self._rows(f"SELECT * FROM {_STAFF} WHERE case_id = ? {_ORDER}", [case_id])
        return [codec.reflection_from_row(row) for row in rows]

    def get_staff_reflection(self, reflection_id: str) -> StaffReflection:
        """The staff reflection with this id."""
        return codec.reflection_from_row(self._feedback_row(_STAFF, reflection_id))

    def add_staff_reflection(self, reflection: StaffReflection) -> StaffReflection:
        """Record a facilitator's or staff member's reflection after a conference."""
        self._check_reflection(reflection)
        saved = replace(reflection, id=_new_id(), recorded_at=self._now())
        with self._writing():
            self._insert(_STAFF, codec.reflection_to_row(saved), case_id=saved.case_id)
            self._touch(saved.case_id)
        return saved

    def update_staff_reflection(self, reflection: StaffReflection) -> StaffReflection:
        """Correct a staff reflection."""
        current = self.get_staff_reflection(reflection.id)
        saved = replace(reflection, case_id=current.case_id, recorded_at=current.recorded_at)
        self._check_reflection(saved)
        with self._writing():
            self._update(_STAFF, saved.id, codec.reflection_to_row(saved), case_id=saved.case_id)
            self._touch(saved.case_id)
        return saved

    def delete_staff_reflection(self, reflection_id: str) -> None:
        """Remove a staff reflection recorded in error."""
        current = self.get_staff_reflection(reflection_id)
        with self._writing():
            self._delete(_STAFF, reflection_id, case_id=current.case_id)
            self._touch(current.case_id)

    # -- partner agencies ----------------------------------------------------------------------

    def partner_feedback(
        self, case_id: str | None = None, *, general_only: bool = False
    ) -> list[PartnerFeedback]:
        """Partner agencies' feedback about a case, oldest first; with no case, all of it
        (general feedback not about any case too), or with `general_only` only that."""
        if case_id is not None:
            rows = self._rows(f"SELECT * FROM {_PARTNER} WHERE case_id = ? {_ORDER}", [case_id])
        elif general_only:
            rows = self._rows(f"SELECT * FROM {_PARTNER} WHERE case_id IS NULL {_ORDER}", [])
        else:
            rows = self._rows(f"SELECT * FROM {_PARTNER} {_ORDER}", [])
        return [codec.partner_from_row(row) for row in rows]

    def get_partner_feedback(self, feedback_id: str) -> PartnerFeedback:
        """The partner agency feedback with this id."""
        return codec.partner_from_row(self._feedback_row(_PARTNER, feedback_id))

    def add_partner_feedback(self, feedback: PartnerFeedback) -> PartnerFeedback:
        """Record a partner agency's feedback, about one case or about the service in general."""
        self._check_partner(feedback)
        saved = replace(feedback, id=_new_id(), case_id=feedback.case_id or None,
                        recorded_by=self.actor, recorded_at=self._now())
        with self._writing():
            self._insert(_PARTNER, codec.partner_to_row(saved), case_id=saved.case_id or "")
            if saved.case_id:
                self._touch(saved.case_id)
        return saved

    def update_partner_feedback(self, feedback: PartnerFeedback) -> PartnerFeedback:
        """Correct a partner agency's feedback (it may be moved onto or off a case)."""
        current = self.get_partner_feedback(feedback.id)
        saved = replace(feedback, case_id=feedback.case_id or None,
                        recorded_by=current.recorded_by, recorded_at=current.recorded_at)
        self._check_partner(saved)
        with self._writing():
            self._update(_PARTNER, saved.id, codec.partner_to_row(saved),
                         case_id=saved.case_id or "")
            for case_id in {current.case_id, saved.case_id} - {None}:
                self._touch(str(case_id))
        return saved

    def delete_partner_feedback(self, feedback_id: str) -> None:
        """Remove a partner agency's feedback recorded in error."""
        current = self.get_partner_feedback(feedback_id)
        with self._writing():
            self._delete(_PARTNER, feedback_id, case_id=current.case_id or "")
            if current.case_id:
                self._touch(current.case_id)

    # -- checks --------------------------------------------------------------------------------

    def _check_participant(self, feedback: ParticipantFeedback) -> None:
        referral = self._referral_date(feedback.case_id)
        role_on_case: Role | None = None
        if feedback.person_id:
            self._check_on_case(feedback.person_id, feedback.case_id)
            role_on_case = Role(self._get_person_row(feedback.person_id)["role"])
        raise_first(checks.participant_feedback_problems(
            feedback, today=self.today(), referral_date=referral, role_on_case=role_on_case
        ))

    def _check_reflection(self, reflection: StaffReflection) -> None:
        referral = self._referral_date(reflection.case_id)
        raise_first(checks.staff_reflection_problems(
            reflection, today=self.today(), referral_date=referral
        ))

    def _check_partner(self, feedback: PartnerFeedback) -> None:
        referral = self._referral_date(feedback.case_id) if feedback.case_id else None
        raise_first(checks.partner_feedback_problems(
            feedback, today=self.today(), referral_date=referral
        ))

    def _referral_date(self, case_id: str) -> date:
        row = self._row("SELECT referral_date FROM cases WHERE id = ?", [case_id])
        if row is None:
            raise NotFound("That case no longer exists.")
        return date.fromisoformat(row["referral_date"])

    def _feedback_row(self, table: str, record_id: str) -> dict[str, Any]:
        row = self._row(f"SELECT * FROM {table} WHERE id = ?", [record_id])
        if row is None:
            raise NotFound("That feedback is no longer on record.")
        return row


def _new_id() -> str:
    return str(uuid.uuid4())
