"""The store's preparation records: each person's progress, consents, risk and safety
assessments, bias checks, readiness overrides, the conference plan and setting facts.

A mixin of Store, kept in its own file so each file stays readable; it uses the store's
transaction and trail helpers, so every write here is audited like every other."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date

from ..preparation import checks
from ..preparation.readiness import (
    Blocker,
    CasePreparation,
    Reminder,
    readiness_blockers,
    readiness_reminders,
    uncovered,
)
from ..preparation.records import (
    PARENT_CONSENT_SETTING_KEY,
    BiasCheck,
    CaseFact,
    ConferencePlan,
    Consent,
    ParentConsentPolicy,
    ParticipantPreparation,
    ReadinessOverride,
    RiskAssessment,
)
from ..records import ContactType
from ..rules import ValidationError, raise_first
from . import prep_codec as codec
from .errors import NotFound
from .internals import StoreInternals


@dataclass(frozen=True)
class Readiness:
    """Where a case stands before its conference."""

    blockers: tuple[Blocker, ...]
    uncovered: tuple[Blocker, ...]  # the blockers no override covers
    reminders: tuple[Reminder, ...]
    override: ReadinessOverride | None  # the latest override, if any

    @property
    def ready(self) -> bool:
        """Nothing stands in the way."""
        return not self.blockers

    @property
    def cleared(self) -> bool:
        """Ready, or every blocker is covered by a logged override."""
        return not self.uncovered


class PreparationRecords(StoreInternals):
    """Preparation methods of Store (see store.py for the helpers they use)."""

    # -- each person's preparation -----------------------------------------------------------

    def participant_preparation(self, person_id: str) -> ParticipantPreparation:
        """Where someone's preparation has got to (a blank record before anything is noted)."""
        row = self._row("SELECT * FROM participant_preparation WHERE person_id = ?", [person_id])
        if row is not None:
            return codec.participant_from_row(row)
        person = self._get_person_row(person_id)
        return ParticipantPreparation(case_id=person["case_id"], person_id=person_id)

    def participants(self, case_id: str) -> dict[str, ParticipantPreparation]:
        """Every recorded preparation on a case, by person id."""
        rows = self._rows("SELECT * FROM participant_preparation WHERE case_id = ?", [case_id])
        return {row["person_id"]: codec.participant_from_row(row) for row in rows}

    def save_participant_preparation(
        self, participant: ParticipantPreparation
    ) -> ParticipantPreparation:
        """Save someone's preparation: information given, acknowledgement, their answers."""
        raise_first(checks.participant_problems(participant, self.today()))
        self._check_on_case(participant.person_id, participant.case_id)
        saved = replace(participant, updated_at=self._now())
        row = codec.participant_to_row(saved)
        exists = self._row(
            "SELECT id FROM participant_preparation WHERE id = ?", [participant.person_id]
        )
        with self._writing():
            if exists:
                self._update("participant_preparation", row["id"], row, case_id=saved.case_id)
            else:
                self._insert("participant_preparation", row, case_id=saved.case_id)
            self._touch(saved.case_id)
        return saved

    def preparation_meetings(self, case_id: str) -> dict[str, tuple[date, ...]]:
        """The dates of each person's preparation meetings (logged as contacts), oldest first."""
        rows = self._rows(
            "SELECT person_id, contact_date FROM contacts WHERE case_id = ? AND contact_type = ? "
            "AND person_id IS NOT NULL ORDER BY contact_date",
            [case_id, ContactType.PREPARATION.value],
        )
        meetings: dict[str, list[date]] = {}
        for row in rows:
            held_on = date.fromisoformat(row["contact_date"])
            meetings.setdefault(row["person_id"], []).append(held_on)
        return {person: tuple(dates) for person, dates in meetings.items()}

    # -- consent -------------------------------------------------------------------------------

    def consents(self, case_id: str) -> list[Consent]:
        """Every consent on a case, oldest first (withdrawn ones included)."""
        rows = self._rows(
            "SELECT * FROM consents WHERE case_id = ? ORDER BY given_on, recorded_at, rowid",
            [case_id],
        )
        return [codec.consent_from_row(row) for row in rows]

    def add_consent(self, consent: Consent) -> Consent:
        """Record consent given for someone on a case."""
        raise_first(checks.consent_problems(consent, self.today()))
        self._check_on_case(consent.person_id, consent.case_id)
        saved = replace(
            consent, id=consent.id or _new_id(), recorded_by=self.actor, recorded_at=self._now()
        )
        with self._writing():
            self._insert("consents", codec.consent_to_row(saved), case_id=saved.case_id)
            self._touch(saved.case_id)
        return saved

    def withdraw_consent(self, consent_id: str, withdrawn_on: date, note: str = "") -> Consent:
        """Note that consent was withdrawn; the conference is blocked from that moment."""
        current = self._consent(consent_id)
        if current.withdrawn_on is not None:
            raise ValidationError("withdrawn_on", "This consent has already been withdrawn.")
        changed = replace(current, withdrawn_on=withdrawn_on, withdrawal_note=note)
        raise_first(checks.consent_problems(changed, self.today()))
        row = {"withdrawn_on": withdrawn_on.isoformat(), "withdrawal_note": note}
        with self._writing():
            self._update("consents", consent_id, row, case_id=current.case_id, detail="withdrawn")
            self._touch(current.case_id)
        return changed

    def remove_consent(self, consent_id: str) -> None:
        """Delete a consent recorded in error (a withdrawal is recorded with withdraw_consent)."""
        current = self._consent(consent_id)
        with self._writing():
            self._delete("consents", consent_id, case_id=current.case_id)
            self._touch(current.case_id)

    def _consent(self, consent_id: str) -> Consent:
        row = self._row("SELECT * FROM consents WHERE id = ?", [consent_id])
        if row is None:
            raise NotFound("That consent record no longer exists.")
        return codec.consent_from_row(row)

    # -- risk and safety -------------------------------------------------------------------------

    def risk_assessments(self, case_id: str) -> list[RiskAssessment]:
        """A case's risk and safety assessments, oldest first (the latest one counts)."""
        rows = self._rows(
            "SELECT * FROM risk_assessments WHERE case_id = ? "
            "ORDER BY assessed_on, recorded_at, rowid",
            [case_id],
        )
        return [codec.assessment_from_row(row) for row in rows]

    def save_risk_assessment(self, assessment: RiskAssessment) -> RiskAssessment:
        """Save a new assessment, or changes to one (when it has an id)."""
        raise_first(checks.assessment_problems(assessment, self.today()))
        self.get_case(assessment.case_id)
        with self._writing():
            if assessment.id:
                saved = replace(assessment, recorded_at=self._assessment(assessment.id).recorded_at)
                row = codec.assessment_to_row(saved)
                self._update("risk_assessments", saved.id, row, case_id=saved.case_id)
            else:
                saved = replace(assessment, id=_new_id(), recorded_at=self._now())
                self._insert(
                    "risk_assessments", codec.assessment_to_row(saved), case_id=saved.case_id
                )
            self._touch(saved.case_id)
        return saved

    def _assessment(self, assessment_id: str) -> RiskAssessment:
        row = self._row("SELECT * FROM risk_assessments WHERE id = ?", [assessment_id])
        if row is None:
            raise NotFound("That assessment no longer exists.")
        return codec.assessment_from_row(row)

    # -- bias checks ---------------------------------------------------------------------------

    def bias_checks(self, case_id: str | None = None) -> list[BiasCheck]:
        """Bias checks on a case (or on every case), oldest first."""
        where, params = ("WHERE case_id = ?", [case_id]) if case_id else ("", [])
        rows = self._rows(
            f"SELECT * FROM bias_checks {where} ORDER BY recorded_on, recorded_at, rowid", params
        )
        return [codec.bias_check_from_row(row) for row in rows]

    def record_bias_check(self, check: BiasCheck) -> BiasCheck:
        """Record a bias check at one stage, done or skipped."""
        raise_first(checks.bias_check_problems(check, self.today()))
        self.get_case(check.case_id)
        saved = replace(check, id=check.id or _new_id(), recorded_at=self._now())
        with self._writing():
            self._insert("bias_checks", codec.bias_check_to_row(saved), case_id=saved.case_id)
            self._touch(saved.case_id)
        return saved

    # -- the conference plan and setting facts -------------------------------------------------

    def conference_plan(self, case_id: str) -> ConferencePlan | None:
        """The conference's date, place, needs and seating, if a plan has been started."""
        row = self._row("SELECT * FROM conference_plans WHERE case_id = ?", [case_id])
        return codec.plan_from_row(row) if row else None

    def save_conference_plan(self, plan: ConferencePlan) -> ConferencePlan:
        """Save the conference plan."""
        raise_first(checks.plan_problems(plan))
        people = {p.id for p in self.people(plan.case_id)}
        if any(seat.person_id and seat.person_id not in people for seat in plan.seating):
            raise ValidationError(
                "seating", "Someone in the seating plan is no longer on the case."
            )
        saved = replace(plan, updated_at=self._now())
        row = codec.plan_to_row(saved)
        with self._writing():
            if self.conference_plan(plan.case_id) is None:
                self._insert("conference_plans", row, case_id=plan.case_id)
            else:
                self._update("conference_plans", plan.case_id, row, case_id=plan.case_id)
            self._touch(plan.case_id)
        return saved

    def case_facts(self, case_id: str) -> dict[str, CaseFact]:
        """The setting-specific answers on a case, by key."""
        rows = self._rows("SELECT * FROM case_facts WHERE case_id = ?", [case_id])
        return {row["key"]: codec.fact_from_row(row) for row in rows}

    def set_case_fact(self, case_id: str, key: str, value: str) -> None:
        """Record one setting-specific answer (an empty value clears it)."""
        from ..preparation.catalogue import catalogue

        case = self.get_case(case_id)
        definition = next((f for f in catalogue().facts_for(case.setting) if f.key == key), None)
        if definition is None:
            raise ValidationError(key, "That question does not belong to this case's setting.")
        value = value.strip()
        if value and definition.type == "date":
            try:
                if date.fromisoformat(value) > self.today():
                    raise ValidationError(key, "This date cannot be in the future.")
            except ValueError as error:
                if isinstance(error, ValidationError):
                    raise
                raise ValidationError(key, "This is not a date.") from error
        elif value and definition.type == "yes_no" and value not in ("Yes", "No"):
            raise ValidationError(key, "Answer Yes or No.")
        elif value and definition.type == "choice" and value not in definition.options:
            raise ValidationError(key, "Choose one of the answers offered.")
        current = self._row(
            "SELECT id, value FROM case_facts WHERE case_id = ? AND key = ?", [case_id, key]
        )
        if (current["value"] if current else "") == value:
            return
        with self._writing():
            if current and not value:
                self._delete("case_facts", current["id"], case_id=case_id)
            elif current:
                row = {"value": value, "recorded_on": self.today().isoformat(),
                       "recorded_by": self.actor}
                self._update("case_facts", current["id"], row, case_id=case_id)
            else:
                row = {"id": _new_id(), "case_id": case_id, "key": key, "value": value,
                       "recorded_on": self.today().isoformat(), "recorded_by": self.actor}
                self._insert("case_facts", row, case_id=case_id)
            self._touch(case_id)

    # -- readiness -----------------------------------------------------------------------------

    def readiness_overrides(self, case_id: str) -> list[ReadinessOverride]:
        """Every override logged on a case, oldest first."""
        rows = self._rows(
            "SELECT * FROM readiness_overrides WHERE case_id = ? ORDER BY recorded_at, rowid",
            [case_id],
        )
        return [codec.override_from_row(row) for row in rows]

    def case_preparation(self, case_id: str) -> CasePreparation:
        """A snapshot of everything the readiness rules look at."""
        case = self.get_case(case_id)
        facts = {key: fact.value for key, fact in self.case_facts(case_id).items()}
        return CasePreparation(
            case=case,
            people=tuple(self.people(case_id)),
            today=self.today(),
            participants=self.participants(case_id),
            meetings=self.preparation_meetings(case_id),
            consents=tuple(self.consents(case_id)),
            assessments=tuple(self.risk_assessments(case_id)),
            bias_checks=tuple(self.bias_checks(case_id)),
            overrides=tuple(self.readiness_overrides(case_id)),
            plan=self.conference_plan(case_id),
            facts=facts,
            parent_policy=self.parent_consent_policy(),
        )

    def readiness(self, case_id: str) -> Readiness:
        """What stands between the case and a safe conference, and any override logged."""
        prep = self.case_preparation(case_id)
        blockers = readiness_blockers(prep)
        return Readiness(
            blockers=tuple(blockers),
            uncovered=tuple(uncovered(blockers, prep.latest_override)),
            reminders=tuple(readiness_reminders(prep)),
            override=prep.latest_override,
        )

    def parent_consent_policy(self) -> ParentConsentPolicy:
        """The organisation's policy on parent or carer consent (every child, by default)."""
        value = self.setting(PARENT_CONSENT_SETTING_KEY, ParentConsentPolicy.ALL_CHILDREN.value)
        try:
            return ParentConsentPolicy(value)
        except ValueError:
            return ParentConsentPolicy.ALL_CHILDREN

    def _check_on_case(self, person_id: str, case_id: str) -> None:
        if self._get_person_row(person_id)["case_id"] != case_id:
            raise ValidationError("person_id", "That person is not on this case.")

    def _check_readiness(self, case_id: str, override: ReadinessOverride | None) -> None:
        """Refuse a move towards the conference while blockers remain, unless a named
        facilitator overrides them with a reason; the override is logged in this transaction."""
        readiness = self.readiness(case_id)
        if override is not None and readiness.blockers:
            raise_first(checks.override_problems(override))
            logged = replace(
                override,
                id=_new_id(),
                case_id=case_id,
                blockers=tuple(b.code for b in readiness.blockers),
                blocker_messages=tuple(b.message for b in readiness.blockers),
                recorded_by=self.actor,
                recorded_at=self._now(),
            )
            self._insert("readiness_overrides", codec.override_to_row(logged), case_id=case_id)
            return
        if readiness.uncovered:
            first, more = readiness.uncovered[0], len(readiness.uncovered) - 1
            also = f" (and {more} more)" if more else ""
            raise ValidationError(
                "readiness", f"This case is not ready for a conference yet: {first.message}{also}"
            )


def _new_id() -> str:
    return str(uuid.uuid4())
