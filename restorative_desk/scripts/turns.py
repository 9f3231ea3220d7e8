"""A script expanded for the people who came: one turn per thing to say, in order, with names
put into the words. Turn keys are stable, so notes are saved against them and a conference can
resume at the same turn."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from ..records import Person, Role
from .model import Audience, Capture, Script, Step

_ROLE_OF = {
    Audience.PERSON_RESPONSIBLE: Role.PERSON_RESPONSIBLE,
    Audience.PERSON_HARMED: Role.PERSON_HARMED,
    Audience.SUPPORTERS: Role.SUPPORTER,
    Audience.COMMUNITY: Role.COMMUNITY_MEMBER,
    Audience.PROFESSIONALS: Role.PROFESSIONAL,
}
_SUPPORTED_ROLE = {
    Audience.SUPPORTERS_OF_HARMED: Role.PERSON_HARMED,
    Audience.SUPPORTERS_OF_RESPONSIBLE: Role.PERSON_RESPONSIBLE,
}
_FACILITATING = frozenset({Role.FACILITATOR, Role.CO_FACILITATOR})


def turn_key(phase_key: str, step_key: str, person_id: str = "") -> str:
    """`phase.step`, or `phase.step:person_id` for a turn addressed to one person."""
    return f"{phase_key}.{step_key}" + (f":{person_id}" if person_id else "")


@dataclass(frozen=True)
class Turn:
    """One thing to say (or do) now, to whom, and what to keep."""

    phase_key: str
    phase_title: str
    step_key: str
    index: int  # position in the expanded list, from 0
    say: str  # the words with names put in; empty for a note to the facilitator
    guidance: str
    capture: Capture  # STATEMENT when an absent person's statement is read aloud
    audience: Audience
    person_id: str = ""  # the person addressed (or whose statement is read)
    speaker: str = ""  # that person's called name

    @property
    def key(self) -> str:
        return turn_key(self.phase_key, self.step_key, self.person_id)


def index_of(turns: Sequence[Turn], key: str) -> int | None:
    """Where the turn with `key` is (to resume a conference), if it is still there."""
    return next((turn.index for turn in turns if turn.key == key), None)


def expand(
    script: Script,
    *,
    people: Sequence[Person],
    present: Collection[str],
    represented: Collection[str],
    seating: Sequence[str] = (),
    facilitator: str,
    organisation: str,
) -> list[Turn]:
    """The script's turns for the people who came.

    A step for everyone or for the facilitator is one turn. A step for a role is one turn per
    present person of that role (seating order when given, else the order of `people`);
    consecutive steps for the same role are taken person by person, so each person answers all
    of them before the next. A round (`each`) goes once round everyone present. An absent person
    represented by a statement gets a statement turn wherever a step for them has
    `if_represented` words; other steps for roles nobody present holds are skipped.
    """
    room = _Room(people, present, represented, seating)
    values = {
        "facilitator": facilitator,
        "organisation": organisation,
        "harmed": _joined(p.called for p in people if p.role is Role.PERSON_HARMED),
        "responsible": _joined(p.called for p in people if p.role is Role.PERSON_RESPONSIBLE),
    }
    turns: list[Turn] = []

    def add(step: Step, phase: tuple[str, str], person: Person | None, statement: bool) -> None:
        filled = dict(values, name=person.called) if person else values
        turns.append(
            Turn(
                phase_key=phase[0],
                phase_title=phase[1],
                step_key=step.key,
                index=len(turns),
                say=_fill(step.if_represented if statement else step.say, filled),
                guidance="" if statement else _fill(step.guidance, filled),
                capture=Capture.STATEMENT if statement else step.capture,
                audience=step.to,
                person_id=person.id if person else "",
                speaker=person.called if person else "",
            )
        )

    for phase in script.phases:
        at = (phase.key, phase.title)
        for run in _runs(phase.steps):
            audience = run[0].to
            if not audience.addresses_people:
                add(run[0], at, None, statement=False)
                continue
            for person in room.addressed(audience, room.present):
                for step in run:
                    add(step, at, person, statement=False)
            for person in room.addressed(audience, room.represented):
                for step in run:
                    if step.if_represented:
                        add(step, at, person, statement=True)
    return turns


class _Room:
    """Who came (in seat order) and who is represented by a statement."""

    def __init__(
        self,
        people: Sequence[Person],
        present: Collection[str],
        represented: Collection[str],
        seating: Sequence[str],
    ) -> None:
        seat = {person_id: number for number, person_id in enumerate(seating)}
        taking_part = [p for p in people if p.role not in _FACILITATING]
        # Seated people in seat order, then anyone not on the plan in the order given.
        listed = {p.id: len(seat) + number for number, p in enumerate(taking_part)}
        in_order = sorted(taking_part, key=lambda p: seat.get(p.id, listed[p.id]))
        self.present = [p for p in in_order if p.id in present]
        self.represented = [
            p for p in taking_part if p.id in represented and p.id not in present
        ]
        self._ids_by_role = {
            role: {p.id for p in people if p.role is role} for role in _SUPPORTED_ROLE.values()
        }

    def addressed(self, audience: Audience, pool: list[Person]) -> list[Person]:
        if audience is Audience.EACH:
            return pool
        if audience in _SUPPORTED_ROLE:
            supported = self._ids_by_role[_SUPPORTED_ROLE[audience]]
            return [
                p for p in pool if p.role is Role.SUPPORTER and p.supports_person_id in supported
            ]
        return [p for p in pool if p.role is _ROLE_OF[audience]]


def _runs(steps: Sequence[Step]) -> list[list[Step]]:
    """Consecutive steps for the same role, grouped (rounds and whole-room steps stay single)."""
    runs: list[list[Step]] = []
    for step in steps:
        groups = step.to in _ROLE_OF or step.to in _SUPPORTED_ROLE
        if runs and groups and runs[-1][0].to is step.to:
            runs[-1].append(step)
        else:
            runs.append([step])
    return runs


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"  # checked scripts never get here; a hand-built one shows the gap


def _fill(text: str, values: dict[str, str]) -> str:
    return text.format_map(_Values(values))


def _joined(names: Iterable[str]) -> str:
    """"Sam", "Sam and Alex", "Sam, Alex and Jo"."""
    listed = list(names)
    if len(listed) < 2:
        return "".join(listed)
    return ", ".join(listed[:-1]) + " and " + listed[-1]
