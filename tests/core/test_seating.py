"""The seating plan: drawn from who attends, kept when edited, brought up to date."""

from __future__ import annotations

from dataclasses import replace

from restorative_desk.preparation.records import Seat
from restorative_desk.preparation.seating import (
    CO_FACILITATOR,
    FACILITATOR,
    default_seating,
    reconcile_seating,
    seat_label,
)
from restorative_desk.records import Case, Person, Role

from .test_store import make_case

CASE: Case = make_case(id="c", facilitator="Jo Adeyemi")


def someone(pid: str, role: Role, supports: str | None = None) -> Person:
    return Person(case_id="c", id=pid, role=role, name=pid.title(), supports_person_id=supports)


HARMED = someone("amara", Role.PERSON_HARMED)
RESPONSIBLE = someone("jay", Role.PERSON_RESPONSIBLE)
MUM = someone("mum", Role.SUPPORTER, "amara")
DAD = someone("dad", Role.SUPPORTER, "jay")
TEACHER = someone("teacher", Role.PROFESSIONAL)
PEOPLE = [HARMED, RESPONSIBLE, MUM, DAD, TEACHER]


def keys(seats: tuple[Seat, ...]) -> list[str]:
    return [seat.key for seat in seats]


def test_the_usual_plan_puts_each_side_beside_the_facilitator() -> None:
    assert keys(default_seating(CASE, PEOPLE)) == [FACILITATOR, "jay", "dad", "teacher", "mum",
                                                   "amara"]


def test_a_co_facilitator_sits_across_the_circle() -> None:
    case = replace(CASE, co_facilitator="Sam Patel")
    seats = keys(default_seating(case, [*PEOPLE, someone("neighbour", Role.COMMUNITY_MEMBER)]))
    assert seats == [FACILITATOR, "jay", "dad", "teacher", CO_FACILITATOR, "neighbour", "mum",
                     "amara"]
    people = {p.id: p for p in PEOPLE}
    assert seat_label(Seat(facilitator=CO_FACILITATOR), case, people) == "Sam Patel"
    assert seat_label(Seat(facilitator=FACILITATOR), case, people) == "Jo Adeyemi"
    assert seat_label(Seat(person_id="amara"), case, people) == "Amara"


def test_edits_are_kept_and_changes_in_who_attends_are_fitted_in() -> None:
    edited = (Seat(facilitator=FACILITATOR), Seat(person_id="dad"), Seat(person_id="jay"),
              Seat(person_id="teacher"), Seat(person_id="mum"), Seat(person_id="amara"))
    assert reconcile_seating(edited, CASE, PEOPLE) == edited
    without_teacher = [p for p in PEOPLE if p is not TEACHER]
    assert keys(reconcile_seating(edited, CASE, without_teacher)) == [
        FACILITATOR, "dad", "jay", "mum", "amara"
    ]
    gran = someone("gran", Role.SUPPORTER, "amara")
    assert keys(reconcile_seating(edited, CASE, [*PEOPLE, gran])) == [
        FACILITATOR, "dad", "jay", "teacher", "gran", "mum", "amara"
    ]
    assert reconcile_seating((), CASE, PEOPLE) == default_seating(CASE, PEOPLE)
