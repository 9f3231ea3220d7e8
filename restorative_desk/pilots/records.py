"""Organisations and pilot session entries: counts and categories, never pupils' names."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime


class OrganisationKind(enum.Enum):
    """What sort of organisation takes part in the partnership's restorative work."""

    SCHOOL = "school"
    CARE_HOME = "care_home"
    YOS = "yos"
    PARTNER_AGENCY = "partner_agency"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    OrganisationKind.SCHOOL: "School",
    OrganisationKind.CARE_HOME: "Children's care home",
    OrganisationKind.YOS: "Youth Offending Service",
    OrganisationKind.PARTNER_AGENCY: "Partner agency",
    OrganisationKind.OTHER: "Other",
}


@dataclass(frozen=True)
class Organisation:
    """A school or other organisation, managed in Settings; retired ones stay for old entries."""

    name: str
    kind: OrganisationKind
    id: str = ""
    active: bool = True


class PilotActivity(enum.Enum):
    """What kind of session the pilot entry records."""

    RESTORATIVE_CONVERSATION = "restorative_conversation"
    MINI_CONFERENCE = "mini_conference"
    FULL_CONFERENCE = "full_conference"
    CLASS_CIRCLE = "class_circle"
    STAFF_CIRCLE = "staff_circle"
    PEER_MEDIATION = "peer_mediation"
    PEER_TRAINING = "peer_training"
    TWILIGHT_TRAINING = "twilight_training"
    COACHING = "coaching"

    @property
    def label(self) -> str:
        return _ACTIVITY_LABELS[self]

    @property
    def is_training(self) -> bool:
        """Training and staff development rather than a response to harm."""
        return self in _TRAINING


_ACTIVITY_LABELS = {
    PilotActivity.RESTORATIVE_CONVERSATION: "Restorative conversation",
    PilotActivity.MINI_CONFERENCE: "Mini-conference",
    PilotActivity.FULL_CONFERENCE: "Full conference",
    PilotActivity.CLASS_CIRCLE: "Class circle",
    PilotActivity.STAFF_CIRCLE: "Staff circle",
    PilotActivity.PEER_MEDIATION: "Peer-mediator session",
    PilotActivity.PEER_TRAINING: "Peer training",
    PilotActivity.TWILIGHT_TRAINING: "Twilight training session",
    PilotActivity.COACHING: "Coaching or buddying",
}
_TRAINING = frozenset(
    {PilotActivity.PEER_TRAINING, PilotActivity.TWILIGHT_TRAINING, PilotActivity.COACHING}
)


class PilotTopic(enum.Enum):
    """What the session was about (not asked for training sessions)."""

    RELATIONSHIP = "relationship"
    BULLYING = "bullying"
    DAMAGE = "damage"
    PHYSICAL = "physical"
    ONLINE = "online"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _TOPIC_LABELS[self]


_TOPIC_LABELS = {
    PilotTopic.RELATIONSHIP: "Relationship harm",
    PilotTopic.BULLYING: "Bullying",
    PilotTopic.DAMAGE: "Damage",
    PilotTopic.PHYSICAL: "Physical harm",
    PilotTopic.ONLINE: "Online harm",
    PilotTopic.OTHER: "Other",
}


class PilotOutcome(enum.Enum):
    """How the session ended."""

    RESOLVED = "resolved"
    AGREEMENT_MADE = "agreement_made"
    FOLLOW_UP_NEEDED = "follow_up_needed"
    REFERRED_SAFEGUARDING = "referred_safeguarding"
    REFERRED_YOS = "referred_yos"

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]


_OUTCOME_LABELS = {
    PilotOutcome.RESOLVED: "Resolved",
    PilotOutcome.AGREEMENT_MADE: "Agreement made",
    PilotOutcome.FOLLOW_UP_NEEDED: "Follow-up needed",
    PilotOutcome.REFERRED_SAFEGUARDING: "Referred on to the safeguarding lead",
    PilotOutcome.REFERRED_YOS: "Referred on to the YOS",
}

# Year groups as numbers: 0 is Reception, 1 to 13 are Years 1 to 13.
YEAR_GROUPS = tuple(range(14))


def year_group_label(year: int) -> str:
    """"Reception" or "Year 7"."""
    return "Reception" if year == 0 else f"Year {year}"


@dataclass(frozen=True)
class PilotEntry:
    """One whole-school pilot session: counts of pupils and staff, no names."""

    organisation_id: str
    session_date: date
    activity: PilotActivity
    pupils: int
    staff: int
    staff_initials: str
    year_groups: tuple[int, ...] = ()
    topic: PilotTopic | None = None
    outcome: PilotOutcome | None = None
    follow_up_date: date | None = None
    note: str = ""
    id: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
