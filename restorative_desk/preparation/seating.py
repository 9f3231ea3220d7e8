"""The seating plan: drawn from who attends, then editable by the facilitator.

Seats run clockwise from the facilitator: the person responsible and their supporters on one
side, professionals and community members across the circle with the co-facilitator, and the
person harmed with their supporters on the other side, next to the facilitator again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..records import Case, Person, Role
from .records import ParticipantPreparation, Seat

FACILITATOR = "facilitator"
CO_FACILITATOR = "co_facilitator"
_NOT_SEATED = frozenset({Role.FACILITATOR, Role.CO_FACILITATOR})


def attendees(
    people: Sequence[Person], attending: Callable[[Person], bool]
) -> list[Person]:
    """The people on the case who will be in the room (facilitators are seated by role)."""
    return [p for p in people if p.role not in _NOT_SEATED and attending(p)]


def default_seating(case: Case, people: Sequence[Person]) -> tuple[Seat, ...]:
    """The usual plan for these attendees."""
    def supporters_of(person: Person) -> list[Person]:
        return [p for p in people if p.role is Role.SUPPORTER and p.supports_person_id == person.id]

    responsible = [p for p in people if p.role is Role.PERSON_RESPONSIBLE]
    harmed = [p for p in people if p.role is Role.PERSON_HARMED]
    placed: set[str] = set()
    first_side: list[Person] = []
    for person in responsible:
        first_side += [person, *supporters_of(person)]
    second_side: list[Person] = []
    for person in harmed:
        second_side += [*reversed(supporters_of(person)), person]
    placed = {p.id for p in first_side + second_side}
    across = [p for p in people if p.id not in placed]
    seats = [Seat(facilitator=FACILITATOR)]
    seats += [Seat(person_id=p.id) for p in first_side]
    middle = len(across) // 2
    seats += [Seat(person_id=p.id) for p in across[:middle]]
    if case.co_facilitator.strip():
        seats.append(Seat(facilitator=CO_FACILITATOR))
    seats += [Seat(person_id=p.id) for p in across[middle:]]
    seats += [Seat(person_id=p.id) for p in second_side]
    return tuple(seats)


def reconcile_seating(
    current: Sequence[Seat], case: Case, people: Sequence[Person]
) -> tuple[Seat, ...]:
    """A saved plan brought up to date with who attends now: people who no longer attend leave
    their seat, newcomers take the seat the usual plan gives them, everyone else stays put."""
    if not current:
        return default_seating(case, people)
    usual = default_seating(case, people)
    wanted = {seat.key for seat in usual}
    seats = [seat for seat in current if seat.key in wanted]
    have = {seat.key for seat in seats}
    for index, seat in enumerate(usual):
        if seat.key in have:
            continue
        # Sit the newcomer after whoever sits before them in the usual plan.
        before = {s.key for s in usual[:index]}
        position = max((i + 1 for i, s in enumerate(seats) if s.key in before), default=0)
        seats.insert(position, seat)
        have.add(seat.key)
    return tuple(seats)


def seat_label(seat: Seat, case: Case, people_by_id: dict[str, Person]) -> str:
    """The name shown on a seat."""
    if seat.facilitator == FACILITATOR:
        return case.facilitator or "Facilitator"
    if seat.facilitator == CO_FACILITATOR:
        return case.co_facilitator or "Co-facilitator"
    person = people_by_id.get(seat.person_id)
    return person.called if person else ""


def attending_in(
    participants: dict[str, ParticipantPreparation],
) -> Callable[[Person], bool]:
    """Whether someone attends, from their preparation (everyone attends unless told not)."""
    def attending(person: Person) -> bool:
        prep = participants.get(person.id)
        return prep.attending if prep else True

    return attending
