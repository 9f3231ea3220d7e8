"""Equality monitoring: the characteristics the partnership looks at to spot disproportionality.

Every answer is optional: `None` means "not recorded", and people may prefer not to say. They are
only ever counted, never shown beside a name outside the person's own record.
"""

from __future__ import annotations

import enum


class EthnicGroup(enum.Enum):
    """The five high-level ethnic groups of the 2021 Census in England and Wales."""

    ASIAN = "asian"
    BLACK = "black"
    MIXED = "mixed"
    WHITE = "white"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _GROUP_LABELS[self]


_GROUP_LABELS = {
    EthnicGroup.ASIAN: "Asian, Asian British or Asian Welsh",
    EthnicGroup.BLACK: "Black, Black British, Black Welsh, Caribbean or African",
    EthnicGroup.MIXED: "Mixed or multiple ethnic groups",
    EthnicGroup.WHITE: "White",
    EthnicGroup.OTHER: "Other ethnic group",
}


class Ethnicity(enum.Enum):
    """The 19 ethnic group categories of the 2021 Census (England), plus "prefer not to say"."""

    INDIAN = "asian_indian"
    PAKISTANI = "asian_pakistani"
    BANGLADESHI = "asian_bangladeshi"
    CHINESE = "asian_chinese"
    ASIAN_OTHER = "asian_other"
    CARIBBEAN = "black_caribbean"
    AFRICAN = "black_african"
    BLACK_OTHER = "black_other"
    WHITE_AND_BLACK_CARIBBEAN = "mixed_white_black_caribbean"
    WHITE_AND_BLACK_AFRICAN = "mixed_white_black_african"
    WHITE_AND_ASIAN = "mixed_white_asian"
    MIXED_OTHER = "mixed_other"
    WHITE_BRITISH = "white_british"
    WHITE_IRISH = "white_irish"
    GYPSY_OR_IRISH_TRAVELLER = "white_gypsy_traveller"
    ROMA = "white_roma"
    WHITE_OTHER = "white_other"
    ARAB = "other_arab"
    ANY_OTHER = "other_any"
    PREFER_NOT_TO_SAY = "prefer_not_to_say"

    @property
    def label(self) -> str:
        return _ETHNICITY_LABELS[self]

    @property
    def group(self) -> EthnicGroup | None:
        """The high-level group, or None for "prefer not to say"."""
        if self is Ethnicity.PREFER_NOT_TO_SAY:
            return None
        return EthnicGroup(self.value.split("_", 1)[0])


_ETHNICITY_LABELS = {
    Ethnicity.INDIAN: "Indian",
    Ethnicity.PAKISTANI: "Pakistani",
    Ethnicity.BANGLADESHI: "Bangladeshi",
    Ethnicity.CHINESE: "Chinese",
    Ethnicity.ASIAN_OTHER: "Any other Asian background",
    Ethnicity.CARIBBEAN: "Caribbean",
    Ethnicity.AFRICAN: "African",
    Ethnicity.BLACK_OTHER: "Any other Black, Black British or Caribbean background",
    Ethnicity.WHITE_AND_BLACK_CARIBBEAN: "White and Black Caribbean",
    Ethnicity.WHITE_AND_BLACK_AFRICAN: "White and Black African",
    Ethnicity.WHITE_AND_ASIAN: "White and Asian",
    Ethnicity.MIXED_OTHER: "Any other Mixed or multiple ethnic background",
    Ethnicity.WHITE_BRITISH: "English, Welsh, Scottish, Northern Irish or British",
    Ethnicity.WHITE_IRISH: "Irish",
    Ethnicity.GYPSY_OR_IRISH_TRAVELLER: "Gypsy or Irish Traveller",
    Ethnicity.ROMA: "Roma",
    Ethnicity.WHITE_OTHER: "Any other White background",
    Ethnicity.ARAB: "Arab",
    Ethnicity.ANY_OTHER: "Any other ethnic group",
    Ethnicity.PREFER_NOT_TO_SAY: "Prefers not to say",
}


class Gender(enum.Enum):
    """How the person describes their gender."""

    GIRL_OR_WOMAN = "girl_or_woman"
    BOY_OR_MAN = "boy_or_man"
    ANOTHER_WAY = "another_way"
    PREFER_NOT_TO_SAY = "prefer_not_to_say"

    @property
    def label(self) -> str:
        return _GENDER_LABELS[self]


_GENDER_LABELS = {
    Gender.GIRL_OR_WOMAN: "Girl or woman",
    Gender.BOY_OR_MAN: "Boy or man",
    Gender.ANOTHER_WAY: "Describes their gender another way",
    Gender.PREFER_NOT_TO_SAY: "Prefers not to say",
}


class SendStatus(enum.Enum):
    """Special educational needs or disability."""

    EHC_PLAN = "ehc_plan"
    SEN_SUPPORT = "sen_support"
    DISABILITY = "disability"
    NONE = "none"
    PREFER_NOT_TO_SAY = "prefer_not_to_say"

    @property
    def label(self) -> str:
        return _SEND_LABELS[self]


_SEND_LABELS = {
    SendStatus.EHC_PLAN: "Education, health and care plan",
    SendStatus.SEN_SUPPORT: "SEN support",
    SendStatus.DISABILITY: "Disability (no SEN plan or support)",
    SendStatus.NONE: "No SEND or disability",
    SendStatus.PREFER_NOT_TO_SAY: "Prefers not to say",
}


class CareStatus(enum.Enum):
    """Whether the young person is looked after or has been."""

    LOOKED_AFTER = "looked_after"
    CARE_EXPERIENCED = "care_experienced"
    NOT_IN_CARE = "not_in_care"

    @property
    def label(self) -> str:
        return _CARE_LABELS[self]


_CARE_LABELS = {
    CareStatus.LOOKED_AFTER: "Looked after (in care now)",
    CareStatus.CARE_EXPERIENCED: "Care experienced (previously in care)",
    CareStatus.NOT_IN_CARE: "Not in care",
}
