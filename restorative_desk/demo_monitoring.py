"""Fictional equality-monitoring answers for the demo's young people.

THIS IS FICTIONAL DEMONSTRATION DATA. The shares are roughly those of an inner-London borough's
young people (about 40% White, 25% Black, 15% Mixed, 10% Asian, 5% another group, 5% not
recorded or preferring not to say; about one in five with SEND; about 6% of pupils looked after,
most children in care homes), and a mild disproportionality is built in on purpose so the
dashboard has something to show: young people who are looked after, or Black Caribbean or White
and Black Caribbean, are a little more often the person responsible and their cases a little
more often stop before an agreement. It describes no real place, service or person.

Each case draws from its own random generator (seeded by the demo seed and the case reference),
so adding these answers changes nothing else in the demo.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from .monitoring import CareStatus, Ethnicity, Gender, SendStatus
from .records import Person, Role, Setting

T = TypeVar("T")

# Ethnicity weights (per cent) for young people in the demo borough; None = not recorded.
ETHNICITY_WEIGHTS: dict[Ethnicity | None, float] = {
    Ethnicity.WHITE_BRITISH: 22,
    Ethnicity.WHITE_IRISH: 2,
    Ethnicity.GYPSY_OR_IRISH_TRAVELLER: 1,
    Ethnicity.ROMA: 1,
    Ethnicity.WHITE_OTHER: 14,
    Ethnicity.AFRICAN: 13,
    Ethnicity.CARIBBEAN: 9,
    Ethnicity.BLACK_OTHER: 3,
    Ethnicity.WHITE_AND_BLACK_CARIBBEAN: 6,
    Ethnicity.WHITE_AND_BLACK_AFRICAN: 3,
    Ethnicity.WHITE_AND_ASIAN: 2,
    Ethnicity.MIXED_OTHER: 4,
    Ethnicity.INDIAN: 2,
    Ethnicity.PAKISTANI: 2,
    Ethnicity.BANGLADESHI: 3,
    Ethnicity.CHINESE: 1,
    Ethnicity.ASIAN_OTHER: 2,
    Ethnicity.ARAB: 2,
    Ethnicity.ANY_OTHER: 3,
    Ethnicity.PREFER_NOT_TO_SAY: 2,
    None: 3,
}
# The groups the demo leans on (fictional disproportionality, see the module's docstring).
LEANED_ETHNICITIES = frozenset({Ethnicity.CARIBBEAN, Ethnicity.WHITE_AND_BLACK_CARIBBEAN})

SEND_WEIGHTS: dict[SendStatus | None, float] = {
    SendStatus.EHC_PLAN: 5,
    SendStatus.SEN_SUPPORT: 13,
    SendStatus.DISABILITY: 2,
    SendStatus.NONE: 70,
    SendStatus.PREFER_NOT_TO_SAY: 2,
    None: 8,
}
# Children in care homes and those the YOS works with have SEND more often.
SEND_MORE_OFTEN = frozenset({Setting.CARE_HOME, Setting.YOS})

CARE_WEIGHTS: dict[Setting, dict[CareStatus | None, float]] = {
    Setting.SCHOOL: {
        CareStatus.LOOKED_AFTER: 6, CareStatus.CARE_EXPERIENCED: 4,
        CareStatus.NOT_IN_CARE: 80, None: 10,
    },
    Setting.CARE_HOME: {
        CareStatus.LOOKED_AFTER: 90, CareStatus.CARE_EXPERIENCED: 5,
        CareStatus.NOT_IN_CARE: 0, None: 5,
    },
    Setting.YOS: {
        CareStatus.LOOKED_AFTER: 14, CareStatus.CARE_EXPERIENCED: 10,
        CareStatus.NOT_IN_CARE: 66, None: 10,
    },
    Setting.COMMUNITY: {
        CareStatus.LOOKED_AFTER: 4, CareStatus.CARE_EXPERIENCED: 4,
        CareStatus.NOT_IN_CARE: 80, None: 12,
    },
}

# Gender follows the pronouns the demo gave the person, where it gave any.
GENDER_BY_PRONOUNS: dict[str, dict[Gender | None, float]] = {
    "she/her": {Gender.GIRL_OR_WOMAN: 96, Gender.PREFER_NOT_TO_SAY: 2, None: 2},
    "he/him": {Gender.BOY_OR_MAN: 96, Gender.PREFER_NOT_TO_SAY: 2, None: 2},
    "they/them": {
        Gender.ANOTHER_WAY: 20, Gender.GIRL_OR_WOMAN: 32, Gender.BOY_OR_MAN: 32,
        Gender.PREFER_NOT_TO_SAY: 8, None: 8,
    },
}
GENDER_BY_ROLE: dict[Role, dict[Gender | None, float]] = {
    Role.PERSON_HARMED: {
        Gender.GIRL_OR_WOMAN: 52, Gender.BOY_OR_MAN: 44, Gender.ANOTHER_WAY: 2,
        Gender.PREFER_NOT_TO_SAY: 1, None: 1,
    },
    Role.PERSON_RESPONSIBLE: {
        Gender.GIRL_OR_WOMAN: 34, Gender.BOY_OR_MAN: 62, Gender.ANOTHER_WAY: 2,
        Gender.PREFER_NOT_TO_SAY: 1, None: 1,
    },
}

# How much more often the leaned groups appear (fictional, mild): as the person responsible,
# and on a case that stops before an agreement.
RESPONSIBLE_LEAN = 1.4
STOPS_LEAN = 2.5
ANSWERED_ROLES = frozenset({Role.PERSON_HARMED, Role.PERSON_RESPONSIBLE})


class MonitoringAnswers:
    """Gives one demo case's young people (children harmed or responsible) their answers;
    everyone else is returned unchanged, with nothing recorded."""

    def __init__(self, seed: str, setting: Setting, *, stops: bool) -> None:
        self.rng = random.Random(f"{seed}-monitoring")
        self.setting = setting
        self.stops = stops

    def __call__(self, person: Person) -> Person:
        if not person.is_child or person.role not in ANSWERED_ROLES:
            return person
        lean = (RESPONSIBLE_LEAN if person.role is Role.PERSON_RESPONSIBLE else 1.0) * (
            STOPS_LEAN if self.stops else 1.0
        )
        return replace(
            person,
            ethnicity=self._ethnicity(lean),
            gender=self._pick(
                GENDER_BY_PRONOUNS.get(person.pronouns) or GENDER_BY_ROLE[person.role]
            ),
            send=self._send(person.role),
            care_status=self._care_status(lean),
        )

    def _ethnicity(self, lean: float) -> Ethnicity | None:
        return self._pick({
            ethnicity: weight * (lean if ethnicity in LEANED_ETHNICITIES else 1.0)
            for ethnicity, weight in ETHNICITY_WEIGHTS.items()
        })

    def _send(self, role: Role) -> SendStatus | None:
        more = (1.6 if self.setting in SEND_MORE_OFTEN else 1.0) * (
            1.3 if role is Role.PERSON_RESPONSIBLE else 1.0
        )
        needs = (SendStatus.EHC_PLAN, SendStatus.SEN_SUPPORT)
        return self._pick({
            status: weight * (more if status in needs else 1.0)
            for status, weight in SEND_WEIGHTS.items()
        })

    def _care_status(self, lean: float) -> CareStatus | None:
        weights = CARE_WEIGHTS[self.setting]
        if self.setting is Setting.CARE_HOME:  # nearly everyone there is looked after already
            return self._pick(weights)
        return self._pick({
            status: weight * (lean if status is CareStatus.LOOKED_AFTER else 1.0)
            for status, weight in weights.items()
        })

    def _pick(self, weights: dict[T, float]) -> T:
        choices: Sequence[T] = list(weights)
        return self.rng.choices(choices, weights=list(weights.values()))[0]
