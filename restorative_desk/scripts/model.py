"""A conference script as records: phases of steps, each with the words to say, who they are
for, guidance for the facilitator and what to capture. The words live in the JSON files."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from ..records import Setting


class Kind(enum.Enum):
    """What sort of restorative process a script runs."""

    CONFERENCE = "conference"
    CONVERSATION = "conversation"
    CIRCLE = "circle"
    PANEL = "panel"
    INDIRECT = "indirect"


class Audience(enum.Enum):
    """Who a step's words are for (the `to` of a step)."""

    EVERYONE = "everyone"
    FACILITATOR = "facilitator"  # a note for the facilitator only: nothing to say
    PERSON_RESPONSIBLE = "person_responsible"
    PERSON_HARMED = "person_harmed"
    SUPPORTERS = "supporters"
    SUPPORTERS_OF_HARMED = "supporters_of_harmed"
    SUPPORTERS_OF_RESPONSIBLE = "supporters_of_responsible"
    COMMUNITY = "community"
    PROFESSIONALS = "professionals"
    EACH = "each"  # a round: everyone present, in seating order

    @property
    def addresses_people(self) -> bool:
        """Whether the step expands to one turn per person (and may use `{name}`)."""
        return self not in (Audience.EVERYONE, Audience.FACILITATOR)


class Capture(enum.Enum):
    """What the facilitator keeps from a step."""

    NONE = "none"
    NOTE = "note"  # one note for the step
    WORDS = "words"  # each addressed person's own words, one note per person
    ATTENDANCE = "attendance"  # who came, and who is represented by a statement
    ACTIONS = "actions"  # agreement actions: what, who, by when
    STATEMENT = "statement"  # an absent person's statement, read aloud


@dataclass(frozen=True)
class Step:
    """One thing to say (or, for the facilitator, to do), to someone, and what to keep."""

    key: str
    say: str
    to: Audience
    guidance: str = ""
    capture: Capture = Capture.NONE
    if_represented: str = ""  # said instead, per absent person represented by a statement


@dataclass(frozen=True)
class Phase:
    key: str
    title: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Script:
    """One checked script file; `shipped` scripts come with the app and are never written."""

    key: str
    version: int
    title: str
    kind: Kind
    settings: tuple[Setting, ...]
    summary: str
    phases: tuple[Phase, ...]
    source: Path
    shipped: bool

    def offered_in(self, setting: Setting) -> bool:
        return setting in self.settings

    @property
    def steps(self) -> tuple[tuple[Phase, Step], ...]:
        """Every step with its phase, in order."""
        return tuple((phase, step) for phase in self.phases for step in phase.steps)
