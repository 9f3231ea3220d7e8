"""What stands between a case and a safe conference (RJC service provider code A to E).

`readiness_blockers` is a plain function over a snapshot of the case's preparation, so the same
rules hold in the app, on the command line and in the store's gate on the move to "ready".
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..formatting import format_date
from ..records import AgeBand, Case, Person, Role
from .catalogue import Catalogue, catalogue
from .deadlines import deadline_status
from .records import (
    PARTICIPANT_ROLES,
    AssessmentStage,
    BiasCheck,
    BiasStage,
    ConferencePlan,
    Consent,
    ConsentGiver,
    Decision,
    Finding,
    ParentConsentPolicy,
    ParticipantPreparation,
    ReadinessOverride,
    RiskAssessment,
)

# The people a conference cannot happen without: their consent counts even if they will not be
# in the room (they may take part indirectly).
PRINCIPAL_ROLES = frozenset({Role.PERSON_HARMED, Role.PERSON_RESPONSIBLE})


class Area(enum.Enum):
    """Which part of preparation a blocker belongs to (the workspace tab that fixes it)."""

    PEOPLE = "people"
    PREPARATION = "preparation"
    CONSENT = "consent"
    RISK = "risk"
    DECISION = "decision"


@dataclass(frozen=True)
class Blocker:
    """One thing that must be put right before the conference; `code` is stable, so an
    override can say exactly which blockers it covered."""

    code: str
    message: str
    area: Area
    person_id: str = ""


@dataclass(frozen=True)
class CasePreparation:
    """Everything the readiness rules look at, read from the store in one go."""

    case: Case
    people: tuple[Person, ...]
    today: date
    participants: Mapping[str, ParticipantPreparation] = field(default_factory=dict)
    meetings: Mapping[str, tuple[date, ...]] = field(default_factory=dict)  # by person id
    consents: tuple[Consent, ...] = ()
    assessments: tuple[RiskAssessment, ...] = ()  # oldest first
    bias_checks: tuple[BiasCheck, ...] = ()  # oldest first
    overrides: tuple[ReadinessOverride, ...] = ()  # oldest first
    plan: ConferencePlan | None = None
    facts: Mapping[str, str] = field(default_factory=dict)
    parent_policy: ParentConsentPolicy = ParentConsentPolicy.ALL_CHILDREN

    def preparation_of(self, person: Person) -> ParticipantPreparation:
        return self.participants.get(person.id) or ParticipantPreparation(
            case_id=self.case.id, person_id=person.id
        )

    @property
    def latest_assessment(self) -> RiskAssessment | None:
        return self.assessments[-1] if self.assessments else None

    @property
    def latest_override(self) -> ReadinessOverride | None:
        return self.overrides[-1] if self.overrides else None

    def latest_consent(self, person_id: str, giver: ConsentGiver) -> Consent | None:
        """The most recent consent of this kind for this person (withdrawn or not)."""
        matching = [c for c in self.consents if c.person_id == person_id and c.given_by is giver]
        return max(matching, key=lambda c: (c.given_on, c.recorded_at or 0, c.id), default=None)

    def bias_check(self, stage: BiasStage) -> BiasCheck | None:
        return next((b for b in reversed(self.bias_checks) if b.stage is stage), None)


def is_participant(prep: CasePreparation, person: Person) -> bool:
    """Whether someone must be prepared and give consent: the person harmed and the person
    responsible always; supporters and community members when they will attend."""
    if person.role in PRINCIPAL_ROLES:
        return True
    return person.role in PARTICIPANT_ROLES and prep.preparation_of(person).attending


def needs_parent_consent(person: Person, policy: ParentConsentPolicy, today: date) -> bool:
    """Whether the organisation's policy asks for a parent's or carer's consent for this person.

    When the age is not known exactly, a child is treated as needing it (the safer mistake)."""
    if policy is ParentConsentPolicy.NOT_REQUIRED:
        return False
    age = _age(person, today)
    if age is None:
        return person.is_child
    return age < (18 if policy is ParentConsentPolicy.ALL_CHILDREN else 16)


def readiness_blockers(prep: CasePreparation, *, book: Catalogue | None = None) -> list[Blocker]:
    """Everything that stands between the case and a safe conference, in the order to fix it."""
    book = book or catalogue()
    blockers: list[Blocker] = []
    participants = [p for p in prep.people if is_participant(prep, p)]
    if not any(p.role is Role.PERSON_RESPONSIBLE for p in participants):
        blockers.append(
            Blocker("people:responsible", "Nobody is recorded as the person responsible.",
                    Area.PEOPLE)
        )
    if not any(p.role is Role.PERSON_HARMED for p in participants):
        blockers.append(
            Blocker("people:harmed", "Nobody is recorded as the person harmed.", Area.PEOPLE)
        )
    decision = prep.latest_assessment.decision if prep.latest_assessment else None
    for person in participants:
        blockers += _person_blockers(prep, person, decision)
    blockers += _risk_blockers(prep, book)
    return blockers


def _person_blockers(
    prep: CasePreparation, person: Person, decision: Decision | None
) -> list[Blocker]:
    name, pid = person.called, person.id
    found: list[Blocker] = []
    if not prep.meetings.get(pid):
        found.append(
            Blocker(f"meeting:{pid}", f"{name} has had no preparation meeting.",
                    Area.PREPARATION, pid)
        )
    participant = prep.preparation_of(person)
    if participant.information_given_on is None:
        found.append(
            Blocker(f"information:{pid}", f"{name} has not been given full information yet.",
                    Area.PREPARATION, pid)
        )
    if person.role is Role.PERSON_RESPONSIBLE and participant.facts_acknowledged_on is None:
        found.append(
            Blocker(
                f"acknowledgement:{pid}",
                f"{name} has not yet acknowledged the basic facts and taken responsibility.",
                Area.PREPARATION, pid,
            )
        )
    own = prep.latest_consent(pid, ConsentGiver.SELF)
    found += _consent_blockers(own, f"consent:{pid}", f"{name}'s consent", pid, decision)
    if needs_parent_consent(person, prep.parent_policy, prep.today):
        parent = prep.latest_consent(pid, ConsentGiver.PARENT_CARER)
        found += _consent_blockers(
            parent, f"parent_consent:{pid}", f"A parent's or carer's consent for {name}", pid,
            decision,
        )
    return found


def _consent_blockers(
    consent: Consent | None, code: str, whose: str, pid: str, decision: Decision | None
) -> list[Blocker]:
    if consent is None:
        return [Blocker(f"{code}:missing", f"{whose} has not been recorded.", Area.CONSENT, pid)]
    if consent.withdrawn_on is not None:
        return [
            Blocker(
                f"{code}:withdrawn",
                f"{whose} was withdrawn on {format_date(consent.withdrawn_on)}.",
                Area.CONSENT, pid,
            )
        ]
    if decision is Decision.PROCEED_DIRECT and not consent.allows_direct:
        return [
            Blocker(f"{code}:not_direct",
                    f"{whose} covers indirect ways only, but the decision is to meet face to face.",
                    Area.CONSENT, pid)
        ]
    if decision is Decision.PROCEED_INDIRECT and all(w.is_direct for w in consent.ways):
        return [
            Blocker(f"{code}:not_indirect",
                    f"{whose} covers meeting face to face only, but the decision is indirect.",
                    Area.CONSENT, pid)
        ]
    return []


def _risk_blockers(prep: CasePreparation, book: Catalogue) -> list[Blocker]:
    latest = prep.latest_assessment
    if latest is None:
        return [Blocker("risk:none", "No risk and safety assessment has been made.", Area.RISK)]
    found: list[Blocker] = []
    if latest.stage is not AssessmentStage.AFTER_PREPARATION:
        found.append(
            Blocker("risk:not_repeated",
                    "Risk and safety have not been assessed again after meeting everyone.",
                    Area.RISK)
        )
    for item in book.risks_for(prep.case.setting):
        finding = latest.finding(item.key)
        if finding is None or finding.finding is Finding.NOT_KNOWN:
            found.append(
                Blocker(f"risk:unanswered:{item.key}", f"{item.label}: not assessed yet.",
                        Area.RISK)
            )
        elif finding.open:
            found.append(
                Blocker(f"risk:open:{item.key}",
                        f"{item.label}: a concern with no agreed way to reduce it.", Area.RISK)
            )
        if (item.safeguarding and finding is not None and finding.finding is Finding.CONCERN
                and latest.safeguarding_followed_on is None):
            found.append(
                Blocker("risk:safeguarding",
                        "A safeguarding concern is recorded, but not that the local safeguarding "
                        "procedure was followed.", Area.RISK)
            )
    if latest.decision is None:
        found.append(
            Blocker("decision:missing",
                    "No decision yet on whether to go ahead (face to face or indirect).",
                    Area.DECISION)
        )
    elif latest.decision is Decision.DO_NOT_PROCEED:
        found.append(
            Blocker("decision:do_not_proceed",
                    "The risk and safety decision is not to go ahead.", Area.DECISION)
        )
    return found


def uncovered(blockers: Sequence[Blocker], override: ReadinessOverride | None) -> list[Blocker]:
    """The blockers an override does not cover (all of them when there is no override).

    An override covers only the blockers it was given for: a new one, such as a withdrawal
    after the override, blocks again."""
    covered = set(override.blockers) if override else set()
    return [b for b in blockers if b.code not in covered]


@dataclass(frozen=True)
class Reminder:
    """Something worth doing that does not hold the conference back."""

    message: str
    area: str


def readiness_reminders(prep: CasePreparation, *, book: Catalogue | None = None) -> list[Reminder]:
    """Gentle reminders: bias checks not yet recorded, the plan not made, deadlines near."""
    book = book or catalogue()
    reminders = []
    for stage in (BiasStage.REFERRAL, BiasStage.RISK_DECISION, BiasStage.BEFORE_CONFERENCE):
        if prep.bias_check(stage) is None:
            reminders.append(
                Reminder(f"Bias check {stage.label.lower()}: not recorded yet.", "bias")
            )
    plan = prep.plan
    if plan is None or plan.date is None:
        reminders.append(Reminder("The conference has no date yet.", "plan"))
    if plan is None or not plan.venue.strip():
        reminders.append(Reminder("The conference has no venue yet.", "plan"))
    for definition in book.deadlines_for(prep.case.setting):
        status = deadline_status(definition, prep.facts, prep.today)
        if status.state.needs_attention:
            reminders.append(Reminder(f"{definition.label}: {status.message}", "deadline"))
    return reminders


@dataclass(frozen=True)
class ChecklistItem:
    """One line of a person's preparation checklist."""

    label: str
    done: bool
    detail: str = ""


def person_checklist(
    prep: CasePreparation, person: Person, *, book: Catalogue | None = None
) -> list[ChecklistItem]:
    """What is done and still open for one person (paced: the questions are never required)."""
    book = book or catalogue()
    participant = prep.preparation_of(person)
    meetings = prep.meetings.get(person.id, ())
    items = [
        ChecklistItem(
            "Preparation meeting",
            bool(meetings),
            f"{len(meetings)} so far, last on {format_date(max(meetings))}" if meetings
            else "None yet",
        ),
        ChecklistItem(
            "Full information given",
            participant.information_given_on is not None,
            format_date(participant.information_given_on)
            if participant.information_given_on else "Not yet",
        ),
        _consent_item("Their consent", prep.latest_consent(person.id, ConsentGiver.SELF)),
    ]
    if needs_parent_consent(person, prep.parent_policy, prep.today):
        items.append(
            _consent_item(
                "Parent or carer consent",
                prep.latest_consent(person.id, ConsentGiver.PARENT_CARER),
            )
        )
    if person.role is Role.PERSON_RESPONSIBLE:
        items.append(
            ChecklistItem(
                "Acknowledged the facts and taken responsibility",
                participant.facts_acknowledged_on is not None,
                format_date(participant.facts_acknowledged_on)
                if participant.facts_acknowledged_on else "Not yet",
            )
        )
    answered = sum(1 for q in book.questions if participant.answer(q.key))
    items.append(
        ChecklistItem(
            "Talked through what helps them (safety, voice, hopes)",
            answered == len(book.questions),
            f"{answered} of {len(book.questions)} questions so far",
        )
    )
    return items


def _consent_item(label: str, consent: Consent | None) -> ChecklistItem:
    if consent is None:
        return ChecklistItem(label, False, "Not recorded yet")
    if consent.withdrawn_on is not None:
        return ChecklistItem(label, False, f"Withdrawn on {format_date(consent.withdrawn_on)}")
    ways = ", ".join(way.label.split(" (")[0].lower() for way in consent.ways)
    return ChecklistItem(label, True, f"Given on {format_date(consent.given_on)} ({ways})")


_BAND_TOP_AGE = {
    AgeBand.UNDER_10: 9,
    AgeBand.AGE_10_13: 13,
    AgeBand.AGE_14_15: 15,
    AgeBand.AGE_16_17: 17,
    AgeBand.AGE_18_24: 24,
    AgeBand.AGE_25_PLUS: 99,
}


def _age(person: Person, today: date) -> int | None:
    """The person's age, or the oldest age in their band; None when neither is recorded."""
    if person.date_of_birth is not None:
        born = person.date_of_birth
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if person.age_band is not None:
        return _BAND_TOP_AGE[person.age_band]
    return None
