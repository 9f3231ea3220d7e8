"""Expanding a script for the people who came: turns per person in seat order with their names,
absent roles skipped, a represented person's statement read aloud, and stable turn keys."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from restorative_desk.records import Person, Role
from restorative_desk.scripts.loading import shipped_scripts
from restorative_desk.scripts.model import Audience, Capture, Kind, Phase, Script, Step
from restorative_desk.scripts.turns import Turn, expand, index_of, turn_key


def script(key: str) -> Script:
    return next(s for s in shipped_scripts() if s.key == key)


def person(pid: str, role: Role, name: str, preferred: str = "", supports: str = "") -> Person:
    return Person(
        case_id="case",
        role=role,
        name=name,
        id=pid,
        preferred_name=preferred,
        supports_person_id=supports or None,
    )


ZOE = person("zoe", Role.PERSON_RESPONSIBLE, "Zoë Adeyemi", preferred="Zoë")
LUKASZ = person("lukasz", Role.PERSON_HARMED, "Łukasz Nowak")
NGUYEN = person("nguyen", Role.SUPPORTER, "Nguyễn Thị Lan", preferred="Lan", supports="zoe")
SIOBHAN = person("siobhan", Role.SUPPORTER, "Siobhán Byrne", supports="lukasz")
KEMI = person("kemi", Role.COMMUNITY_MEMBER, "Kemi Okafor")
FACILITATOR = person("fac", Role.FACILITATOR, "Ruth Ellis")
PEOPLE = (ZOE, LUKASZ, NGUYEN, SIOBHAN, KEMI, FACILITATOR)
SEATS = ("zoe", "nguyen", "kemi", "siobhan", "lukasz")


def turns_for(
    key: str,
    people: Sequence[Person] = PEOPLE,
    present: Collection[str] = ("zoe", "lukasz", "nguyen", "siobhan", "kemi"),
    represented: Collection[str] = (),
    seating: Sequence[str] = SEATS,
) -> list[Turn]:
    return expand(
        script(key),
        people=people,
        present=present,
        represented=represented,
        seating=seating,
        facilitator="Ruth",
        organisation="Hillside School",
    )


def in_phase(turns: list[Turn], phase: str) -> list[Turn]:
    return [t for t in turns if t.phase_key == phase]


def test_a_round_goes_round_everyone_present_in_seat_order_with_their_names() -> None:
    turns = in_phase(turns_for("full_conference"), "preamble")
    round_ = [t for t in turns if t.step_key == "introductions"]
    assert [t.person_id for t in round_] == list(SEATS)
    assert [t.speaker for t in round_] == ["Zoë", "Lan", "Kemi Okafor", "Siobhán Byrne",
                                           "Łukasz Nowak"]  # fmt: skip
    assert round_[1].say.startswith("Lan, would you tell everyone your name")
    assert all(t.audience is Audience.EACH for t in round_)


def test_whole_room_steps_are_one_turn_with_the_names_put_in() -> None:
    turns = turns_for("full_conference")
    welcome = next(t for t in turns if t.key == "preamble.welcome")
    assert "My name is Ruth, from Hillside School" in welcome.say
    assert welcome.person_id == "" and welcome.speaker == ""
    attendance = turns[0]
    assert attendance.key == "arrival.attendance" and attendance.capture is Capture.ATTENDANCE
    assert attendance.say == "" and attendance.guidance
    yos = turns_for("yos_conference")
    purpose = next(t for t in yos if t.key == "preamble.purpose")
    assert "which Zoë has accepted responsibility for" in purpose.say


def test_each_person_of_a_role_answers_every_question_before_the_next_person() -> None:
    sam = person("sam", Role.PERSON_RESPONSIBLE, "Sam Taylor")
    turns = in_phase(
        turns_for("full_conference", people=(*PEOPLE, sam),
                  present=("zoe", "sam", "lukasz"), seating=("sam", "zoe", "lukasz")),
        "responsible",
    )  # fmt: skip
    assert [(t.speaker, t.step_key) for t in turns] == [
        ("Sam Taylor", "what_happened"),
        ("Sam Taylor", "thinking_then"),
        ("Sam Taylor", "thought_since"),
        ("Sam Taylor", "who_affected"),
        ("Zoë", "what_happened"),
        ("Zoë", "thinking_then"),
        ("Zoë", "thought_since"),
        ("Zoë", "who_affected"),
    ]
    assert turns[4].say == "Zoë, would you start by telling us what happened?"
    assert "Let Zoë tell it" in turns[4].guidance
    assert all(t.capture is Capture.WORDS for t in turns)


def test_role_placeholders_join_the_called_names() -> None:
    one_step = Script(
        "s", 1, "S", Kind.CONFERENCE, (), "s",
        (Phase("p", "P", (Step("x", "{responsible} / {harmed}", Audience.EVERYONE),)),),
        Path("s.json"), shipped=False,
    )  # fmt: skip
    sam = person("sam", Role.PERSON_RESPONSIBLE, "Sam Taylor")
    amir = person("amir", Role.PERSON_RESPONSIBLE, "Amir Haddad", preferred="Amir")

    def said(*people: Person) -> str:
        turns = expand(one_step, people=people, present=(), represented=(),
                       facilitator="Ruth", organisation="")  # fmt: skip
        return turns[0].say

    assert said(ZOE, LUKASZ) == "Zoë / Łukasz Nowak"
    assert said(ZOE, sam, LUKASZ) == "Zoë and Sam Taylor / Łukasz Nowak"
    assert said(ZOE, sam, amir) == "Zoë, Sam Taylor and Amir / "


def test_supporters_speak_by_whom_they_support() -> None:
    turns = in_phase(turns_for("full_conference"), "supporters")
    assert [(t.speaker, t.audience) for t in turns][::3] == [
        ("Siobhán Byrne", Audience.SUPPORTERS_OF_HARMED),
        ("Lan", Audience.SUPPORTERS_OF_RESPONSIBLE),
        ("Kemi Okafor", Audience.COMMUNITY),
    ]
    assert len(turns) == 7


def test_roles_nobody_present_holds_are_skipped() -> None:
    turns = turns_for("full_conference", present=("zoe", "lukasz"), seating=())
    assert in_phase(turns, "supporters") == []
    keys = [t.key for t in turns]
    assert "harmed.realised:lukasz" in keys
    assert [t.person_id for t in turns if t.step_key == "introductions"] == ["zoe", "lukasz"]
    assert all(t.person_id != "fac" for t in turns)


def test_an_absent_person_represented_by_a_statement_has_it_read_aloud() -> None:
    turns = turns_for("full_conference", present=("zoe", "nguyen"), represented=("lukasz",))
    harmed = in_phase(turns, "harmed")
    assert len(harmed) == 1
    statement = harmed[0]
    assert statement.key == "harmed.realised:lukasz"
    assert statement.capture is Capture.STATEMENT and statement.audience is Audience.PERSON_HARMED
    assert statement.speaker == "Łukasz Nowak" and statement.guidance == ""
    assert statement.say.startswith("Łukasz Nowak can't be here today, but has given a statement")
    assert "in Łukasz Nowak's own words" in statement.say
    # The other steps for the person harmed are skipped, and nobody else gets a statement.
    assert [t for t in turns if t.person_id == "lukasz"] == [statement]
    assert sum(t.capture is Capture.STATEMENT for t in turns) == 1


def test_someone_present_is_not_also_read_for() -> None:
    turns = turns_for("full_conference", represented=("lukasz",))
    assert not any(t.capture is Capture.STATEMENT for t in turns)
    assert "harmed.impact:lukasz" in [t.key for t in turns]


def test_turn_keys_are_stable_unique_and_indexed() -> None:
    first = turns_for("full_conference")
    again = turns_for("full_conference")
    assert first == again
    keys = [t.key for t in first]
    assert len(set(keys)) == len(keys)
    assert [t.index for t in first] == list(range(len(first)))
    assert "responsible.what_happened:zoe" in keys and "agreement.actions" in keys
    assert turn_key("harmed", "impact", "lukasz") == "harmed.impact:lukasz"
    assert turn_key("agreement", "actions") == "agreement.actions"
    # Someone leaving changes the list, not the keys of the turns that remain.
    fewer = turns_for("full_conference", present=("zoe", "lukasz"))
    position = index_of(fewer, "harmed.hardest:lukasz")
    assert position is not None and fewer[position].key == "harmed.hardest:lukasz"
    assert index_of(fewer, "supporters.community:kemi") is None


def test_a_circle_goes_round_everyone_in_every_round() -> None:
    pupils = [person(f"p{n}", Role.COMMUNITY_MEMBER, name) for n, name in
              enumerate(["Zoë", "Łukasz", "Nguyễn", "Amir", "Bea"])]  # fmt: skip
    present = ["p0", "p1", "p2", "p4"]
    turns = expand(
        script("circle"),
        people=pupils,
        present=present,
        represented=(),
        seating=("p4", "p2", "p0"),  # p1 has no seat on the plan: after the seated people
        facilitator="Ruth",
        organisation="Hillside School",
    )
    order = ["p4", "p2", "p0", "p1"]
    for step in ("round", "affected", "hardest", "next", "check_out"):
        assert [t.person_id for t in turns if t.step_key == step] == order, step
    check_in = [t for t in turns if t.phase_key == "check_in"]
    assert check_in[0].say.startswith("Bea, how are you arriving today?")
    assert check_in[1].say.startswith("Nguyễn,")
    rounds = [t.step_key for t in turns if t.phase_key == "rounds"]
    assert rounds == ["affected"] * 4 + ["hardest"] * 4 + ["next"] * 4 + ["actions"]


def test_every_shipped_script_expands_for_a_full_room_with_names_filled() -> None:
    for shipped in shipped_scripts():
        turns = turns_for(shipped.key)
        assert turns, shipped.key
        for turn in turns:
            assert "{" not in turn.say and "{" not in turn.guidance, (shipped.key, turn.key)
            if turn.audience.addresses_people:
                assert turn.person_id and turn.speaker, turn.key
