"""The records a facilitator keeps while preparing people for a conference."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, time
from types import MappingProxyType
from typing import Any

from ..records import Role

# The people who take part and are prepared and asked for consent; professionals and
# facilitators are there in their work, so they are not.
PARTICIPANT_ROLES = frozenset(
    {Role.PERSON_HARMED, Role.PERSON_RESPONSIBLE, Role.SUPPORTER, Role.COMMUNITY_MEMBER}
)


class Way(enum.Enum):
    """A way of communicating someone may agree to: face to face, or one of the indirect ways."""

    FACE_TO_FACE = "face_to_face"
    LETTER = "letter"
    SHUTTLE = "shuttle"
    RECORDED_MESSAGE = "recorded_message"

    @property
    def label(self) -> str:
        return _WAY_LABELS[self]

    @property
    def is_direct(self) -> bool:
        return self is Way.FACE_TO_FACE


_WAY_LABELS = {
    Way.FACE_TO_FACE: "Face to face (direct)",
    Way.LETTER: "Letter (indirect)",
    Way.SHUTTLE: "Shuttle, messages carried by the facilitator (indirect)",
    Way.RECORDED_MESSAGE: "Recorded message (indirect)",
}


class ConsentGiver(enum.Enum):
    """Whose consent a record holds: the person's own, or a parent's or carer's for a child."""

    SELF = "self"
    PARENT_CARER = "parent_carer"

    @property
    def label(self) -> str:
        return "Their own consent" if self is ConsentGiver.SELF else "Parent or carer"


class ConsentMethod(enum.Enum):
    """How consent was given."""

    SIGNED_FORM = "signed_form"
    VERBAL_WITNESSED = "verbal_witnessed"

    @property
    def label(self) -> str:
        if self is ConsentMethod.SIGNED_FORM:
            return "Signed consent form"
        return "Said out loud, with a witness"


class ParentConsentPolicy(enum.Enum):
    """The organisation's policy on a parent's or carer's consent for a child taking part."""

    ALL_CHILDREN = "all_children"
    UNDER_16 = "under_16"
    NOT_REQUIRED = "not_required"

    @property
    def label(self) -> str:
        return _POLICY_LABELS[self]


_POLICY_LABELS = {
    ParentConsentPolicy.ALL_CHILDREN: "For every child (under 18)",
    ParentConsentPolicy.UNDER_16: "For children under 16",
    ParentConsentPolicy.NOT_REQUIRED: "Not required",
}

PARENT_CONSENT_SETTING_KEY = "parent_carer_consent"


class AssessmentStage(enum.Enum):
    """When a risk and safety assessment was made (RJC stage 2.2 asks for both)."""

    INITIAL = "initial"
    AFTER_PREPARATION = "after_preparation"

    @property
    def label(self) -> str:
        if self is AssessmentStage.INITIAL:
            return "Before anyone meets"
        return "After meeting everyone"


class Finding(enum.Enum):
    """The answer to one risk question."""

    NO_CONCERN = "no_concern"
    CONCERN = "concern"
    NOT_KNOWN = "not_known"

    @property
    def label(self) -> str:
        return _FINDING_LABELS[self]


_FINDING_LABELS = {
    Finding.NO_CONCERN: "No concern",
    Finding.CONCERN: "Concern",
    Finding.NOT_KNOWN: "Not known yet",
}


class Decision(enum.Enum):
    """What the risk and safety assessment decided."""

    PROCEED_DIRECT = "proceed_direct"
    PROCEED_INDIRECT = "proceed_indirect"
    DO_NOT_PROCEED = "do_not_proceed"

    @property
    def label(self) -> str:
        return _DECISION_LABELS[self]


_DECISION_LABELS = {
    Decision.PROCEED_DIRECT: "Go ahead: face to face",
    Decision.PROCEED_INDIRECT: "Go ahead: indirect (letter, shuttle or recorded message)",
    Decision.DO_NOT_PROCEED: "Do not go ahead",
}


class BiasStage(enum.Enum):
    """The points in a case where the facilitator is invited to check for bias."""

    REFERRAL = "referral"
    RISK_DECISION = "risk_decision"
    BEFORE_CONFERENCE = "before_conference"
    AGREEMENT = "agreement"

    @property
    def label(self) -> str:
        return _BIAS_STAGE_LABELS[self]


_BIAS_STAGE_LABELS = {
    BiasStage.REFERRAL: "At referral",
    BiasStage.RISK_DECISION: "At the risk decision",
    BiasStage.BEFORE_CONFERENCE: "Before the conference",
    BiasStage.AGREEMENT: "On the agreement",
}


@dataclass(frozen=True)
class Consent:
    """One consent given for someone on a case; it can be withdrawn at any time."""

    case_id: str
    person_id: str
    given_by: ConsentGiver
    given_on: date
    method: ConsentMethod
    ways: tuple[Way, ...]
    id: str = ""
    giver_name: str = ""  # the parent or carer, when given_by is PARENT_CARER
    witness: str = ""
    note: str = ""
    withdrawn_on: date | None = None
    withdrawal_note: str = ""
    recorded_by: str = ""
    recorded_at: datetime | None = None

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_on is not None

    @property
    def allows_direct(self) -> bool:
        return any(way.is_direct for way in self.ways)


@dataclass(frozen=True)
class ParticipantPreparation:
    """Where one person's preparation has got to, and what they have told the facilitator.

    `answers` holds the trauma-informed preparation in the person's own words, keyed by the
    question keys in resources/preparation/questions.json.
    """

    case_id: str
    person_id: str
    attending: bool = True
    information_given_on: date | None = None
    information_note: str = ""
    facts_acknowledged_on: date | None = None
    acknowledgement_note: str = ""
    answers: MappingProxyType[str, str] = field(
        default_factory=lambda: MappingProxyType({})
    )
    updated_at: datetime | None = None

    def answer(self, key: str) -> str:
        return self.answers.get(key, "")


def frozen_answers(answers: dict[str, Any]) -> MappingProxyType[str, str]:
    """Answers as a read-only mapping, dropping empty ones."""
    return MappingProxyType({k: str(v) for k, v in answers.items() if str(v).strip()})


@dataclass(frozen=True)
class RiskFinding:
    """The answer to one risk question, with the agreed mitigation when there is a concern."""

    item: str  # a key from resources/preparation/risk.json
    finding: Finding
    note: str = ""
    mitigation: str = ""
    kinds: tuple[str, ...] = ()  # for items with kinds, such as cases needing particular care

    @property
    def open(self) -> bool:
        """A concern with no agreed mitigation yet."""
        return self.finding is Finding.CONCERN and not self.mitigation.strip()


@dataclass(frozen=True)
class RiskAssessment:
    """One risk and safety assessment of a case, and the decision it led to."""

    case_id: str
    stage: AssessmentStage
    assessed_on: date
    assessed_by: str
    findings: tuple[RiskFinding, ...] = ()
    decision: Decision | None = None
    decided_by: str = ""
    decision_reason: str = ""
    safeguarding_followed_on: date | None = None
    safeguarding_note: str = ""
    id: str = ""
    recorded_at: datetime | None = None

    def finding(self, item: str) -> RiskFinding | None:
        return next((f for f in self.findings if f.item == item), None)


@dataclass(frozen=True)
class BiasCheck:
    """A facilitator's reflection on potential bias at one stage, or a note that it was skipped."""

    case_id: str
    stage: BiasStage
    done: bool
    recorded_on: date
    recorded_by: str
    dimensions: tuple[str, ...] = ()  # GRACES keys from resources/preparation/bias.json
    reflection: str = ""
    reframed: str = ""
    colleague_checked: bool = False
    id: str = ""
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class ReadinessOverride:
    """A named facilitator's decision to go ahead despite blockers, with their reason."""

    case_id: str
    overridden_by: str
    reason: str
    blockers: tuple[str, ...]  # the codes of the blockers it covers
    blocker_messages: tuple[str, ...] = ()
    id: str = ""
    recorded_at: datetime | None = None
    recorded_by: str = ""


@dataclass(frozen=True)
class Seat:
    """One place around the circle: a person on the case, or a facilitator by role."""

    person_id: str = ""
    facilitator: str = ""  # "facilitator" or "co_facilitator" when the seat is theirs

    @property
    def key(self) -> str:
        return self.person_id or self.facilitator


@dataclass(frozen=True)
class ConferencePlan:
    """When and where the conference happens, what it needs, and who sits where."""

    case_id: str
    date: date | None = None
    start_time: time | None = None
    venue: str = ""
    room: str = ""
    interpreters: str = ""
    breaks: str = ""
    refreshments: str = ""
    notes: str = ""
    seating: tuple[Seat, ...] = ()  # clockwise from the facilitator
    updated_at: datetime | None = None


@dataclass(frozen=True)
class CaseFact:
    """A setting-specific answer on a case (a date, a yes or no, or a choice)."""

    case_id: str
    key: str
    value: str
    recorded_on: date | None = None
    recorded_by: str = ""
