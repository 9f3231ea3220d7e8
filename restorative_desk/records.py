"""The records a facilitator keeps: cases, the people on them and each contact."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime

from .monitoring import CareStatus, Ethnicity, Gender, SendStatus


class Setting(enum.Enum):
    """Where the restorative work happens; role wording follows the setting."""

    SCHOOL = "school"
    CARE_HOME = "care_home"
    YOS = "yos"
    COMMUNITY = "community"

    @property
    def label(self) -> str:
        return _SETTING_LABELS[self]


_SETTING_LABELS = {
    Setting.SCHOOL: "School",
    Setting.CARE_HOME: "Children's care home",
    Setting.YOS: "Youth Offending Service",
    Setting.COMMUNITY: "Community",
}


class ReferralSource(enum.Enum):
    """Who asked for restorative work (the partnership's referral routes)."""

    EDUCATION = "education"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care"
    POLICE = "police"
    HEALTH = "health"
    YOUTH_OFFENDING_TEAM = "youth_offending_team"
    PROBATION = "probation"
    EARLY_YEARS = "early_years"
    CARE_HOME = "care_home"
    SELF_OR_FAMILY = "self_or_family"

    @property
    def label(self) -> str:
        return _SOURCE_LABELS[self]


_SOURCE_LABELS = {
    ReferralSource.EDUCATION: "Education",
    ReferralSource.CHILDRENS_SOCIAL_CARE: "Children's social care",
    ReferralSource.POLICE: "Police",
    ReferralSource.HEALTH: "Health",
    ReferralSource.YOUTH_OFFENDING_TEAM: "Youth offending team",
    ReferralSource.PROBATION: "Probation",
    ReferralSource.EARLY_YEARS: "Early years",
    ReferralSource.CARE_HOME: "Care home",
    ReferralSource.SELF_OR_FAMILY: "Self or family",
}


class Status(enum.Enum):
    """Case stages, following the RJC practitioner framework."""

    REFERRED = "referred"
    INITIAL_ENGAGEMENT = "initial_engagement"
    RISK_ASSESSMENT = "risk_assessment"
    PREPARING = "preparing"
    READY = "ready"
    CONFERENCE_HELD = "conference_held"
    MONITORING = "monitoring"
    FOLLOW_UP = "follow_up"
    CLOSED = "closed"
    NOT_PROCEEDING = "not_proceeding"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    Status.REFERRED: "Referred",
    Status.INITIAL_ENGAGEMENT: "Initial engagement",
    Status.RISK_ASSESSMENT: "Risk and safety assessment",
    Status.PREPARING: "Preparing participants",
    Status.READY: "Ready",
    Status.CONFERENCE_HELD: "Conference held",
    Status.MONITORING: "Monitoring agreement",
    Status.FOLLOW_UP: "Follow-up and evaluation",
    Status.CLOSED: "Closed",
    Status.NOT_PROCEEDING: "Not proceeding",
}


class NotProceedingReason(enum.Enum):
    """Why a case stopped before its natural end."""

    DECLINED = "declined"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    UNSUITABLE = "unsuitable"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _REASON_LABELS[self]


_REASON_LABELS = {
    NotProceedingReason.DECLINED: "Declined",
    NotProceedingReason.CONSENT_WITHDRAWN: "Consent withdrawn",
    NotProceedingReason.UNSUITABLE: "Unsuitable after risk assessment",
    NotProceedingReason.OTHER: "Other",
}


class HarmCategory(enum.Enum):
    """What kind of harm the referral is about (several may apply)."""

    PHYSICAL = "physical"
    VERBAL = "verbal"
    BULLYING = "bullying"
    ONLINE = "online"
    DAMAGE = "damage"
    THEFT = "theft"
    THREATS = "threats"
    HATE = "hate"
    RELATIONSHIP = "relationship"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _HARM_LABELS[self]


_HARM_LABELS = {
    HarmCategory.PHYSICAL: "Physical harm",
    HarmCategory.VERBAL: "Hurtful words",
    HarmCategory.BULLYING: "Bullying",
    HarmCategory.ONLINE: "Online harm",
    HarmCategory.DAMAGE: "Damage to property",
    HarmCategory.THEFT: "Theft",
    HarmCategory.THREATS: "Threats or intimidation",
    HarmCategory.HATE: "Hate incident",
    HarmCategory.RELATIONSHIP: "Relationship harm",
    HarmCategory.OTHER: "Other",
}


class Role(enum.Enum):
    """A person's part in the case; the words shown depend on the setting."""

    PERSON_HARMED = "person_harmed"
    PERSON_RESPONSIBLE = "person_responsible"
    SUPPORTER = "supporter"
    COMMUNITY_MEMBER = "community_member"
    PROFESSIONAL = "professional"
    FACILITATOR = "facilitator"
    CO_FACILITATOR = "co_facilitator"


class AgeBand(enum.Enum):
    """Age bands for when a date of birth is not known or not needed."""

    UNDER_10 = "under_10"
    AGE_10_13 = "10_13"
    AGE_14_15 = "14_15"
    AGE_16_17 = "16_17"
    AGE_18_24 = "18_24"
    AGE_25_PLUS = "25_plus"

    @property
    def label(self) -> str:
        return _AGE_LABELS[self]


_AGE_LABELS = {
    AgeBand.UNDER_10: "Under 10",
    AgeBand.AGE_10_13: "10 to 13",
    AgeBand.AGE_14_15: "14 to 15",
    AgeBand.AGE_16_17: "16 to 17",
    AgeBand.AGE_18_24: "18 to 24",
    AgeBand.AGE_25_PLUS: "25 or over",
}


class ContactType(enum.Enum):
    """How a contact with a participant happened."""

    PHONE = "phone"
    VISIT = "visit"
    MEETING = "meeting"
    LETTER = "letter"
    MESSAGE = "message"
    PREPARATION = "preparation"

    @property
    def label(self) -> str:
        if self is ContactType.PREPARATION:
            return "Preparation meeting"
        return str(self.value).capitalize()


@dataclass(frozen=True)
class Case:
    """A referral for restorative work and everything known about it at the case level."""

    setting: Setting
    organisation: str
    referral_source: ReferralSource
    referral_date: date
    summary: str
    id: str = ""
    reference: str = ""
    venue: str = ""
    incident_date: date | None = None
    harm_categories: tuple[HarmCategory, ...] = ()
    facilitator: str = ""
    co_facilitator: str = ""
    status: Status = Status.REFERRED
    not_proceeding_reason: NotProceedingReason | None = None
    next_action_date: date | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class Person:
    """Someone on a case, by the name they prefer to be called."""

    case_id: str
    role: Role
    name: str
    id: str = ""
    preferred_name: str = ""
    pronouns: str = ""
    is_child: bool = False
    date_of_birth: date | None = None
    age_band: AgeBand | None = None
    supports_person_id: str | None = None
    relationship: str = ""
    contact_details: str = ""
    communication_needs: str = ""
    interpreter_language: str = ""
    # Equality monitoring (optional; None = not recorded): only ever counted, never shown with
    # a name outside the person's own record, never written to the trail, logs or documents.
    ethnicity: Ethnicity | None = None
    gender: Gender | None = None
    send: SendStatus | None = None
    care_status: CareStatus | None = None

    @property
    def called(self) -> str:
        """The name to use when speaking to or about the person."""
        return self.preferred_name or self.name


@dataclass(frozen=True)
class Contact:
    """One contact with a participant: a call, a visit, a meeting, a letter or a message."""

    case_id: str
    contact_date: date
    contact_type: ContactType
    by_whom: str
    id: str = ""
    person_id: str | None = None
    note: str = ""
    created_at: datetime | None = None


@dataclass(frozen=True)
class StatusChange:
    """One move of a case from one stage to another, with who and when."""

    case_id: str
    from_status: Status | None
    to_status: Status
    changed_at: datetime
    changed_by: str
    reason: NotProceedingReason | None = None
    note: str = ""
    id: str = ""


@dataclass(frozen=True)
class CaseRow:
    """What the case list shows for one case (a light projection, not the full record)."""

    id: str
    reference: str
    setting: Setting
    organisation: str
    status: Status
    referral_date: date
    facilitator: str
    next_action_date: date | None
    summary: str = ""


@dataclass(frozen=True)
class CaseFilter:
    """What the case list is narrowed to."""

    search: str = ""
    settings: frozenset[Setting] = field(default_factory=frozenset)
    statuses: frozenset[Status] = field(default_factory=frozenset)
