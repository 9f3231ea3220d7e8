"""Pilot entry and organisation checks, and year groups as typed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from restorative_desk.pilots.checks import (
    YearGroupsError,
    entry_problems,
    needs_topic,
    normalise_initials,
    normalised,
    organisation_problems,
    parse_year_groups,
    year_groups_text,
    year_groups_words,
)
from restorative_desk.pilots.records import (
    Organisation,
    OrganisationKind,
    PilotActivity,
    PilotEntry,
    PilotOutcome,
    PilotTopic,
)

TODAY = date(2026, 11, 26)
GOOD = PilotEntry(
    organisation_id="org", session_date=TODAY, activity=PilotActivity.RESTORATIVE_CONVERSATION,
    pupils=2, staff=1, staff_initials="JS", year_groups=(7,), topic=PilotTopic.BULLYING,
    outcome=PilotOutcome.RESOLVED,
)


def fields(entry: PilotEntry) -> list[str]:
    return [problem.field for problem in entry_problems(entry, TODAY)]


def test_a_good_entry_has_no_problems() -> None:
    assert entry_problems(GOOD, TODAY) == []


def test_dates_not_in_the_future_nor_impossibly_old() -> None:
    assert fields(replace(GOOD, session_date=date(2026, 11, 27))) == ["session_date"]
    assert fields(replace(GOOD, session_date=date(1926, 11, 26))) == ["session_date"]


@pytest.mark.parametrize(("pupils", "staff", "wrong"), [
    (0, 0, ["pupils"]), (1000, 0, ["pupils"]), (0, 1000, ["staff"]), (-1, 3, ["pupils"]),
    (999, 999, []), (0, 1, []), (1, 0, []),
])
def test_counts(pupils: int, staff: int, wrong: list[str]) -> None:
    assert fields(replace(GOOD, pupils=pupils, staff=staff)) == wrong


@pytest.mark.parametrize("initials", ["J", "js", "ZÖ", "ŁK", "ABCDE", "Nguyễn"[:1]])
def test_initials_in_any_alphabet(initials: str) -> None:
    assert fields(replace(GOOD, staff_initials=initials)) == []


@pytest.mark.parametrize("initials", ["", "  ", "J.S", "ABCDEF", "J1"])
def test_bad_initials(initials: str) -> None:
    assert fields(replace(GOOD, staff_initials=initials)) == ["staff_initials"]


def test_initials_are_stored_in_capitals_composed() -> None:
    assert normalise_initials(" zo\u0308 ") == "ZÖ"
    assert normalise_initials("łk") == "ŁK"


def test_year_groups_must_be_reception_to_13() -> None:
    assert fields(replace(GOOD, year_groups=(0, 13))) == []
    assert fields(replace(GOOD, year_groups=(14,))) == ["year_groups"]


def test_topic_is_needed_only_for_sessions_responding_to_harm() -> None:
    assert fields(replace(GOOD, topic=None)) == ["topic"]
    for activity in (PilotActivity.TWILIGHT_TRAINING, PilotActivity.STAFF_CIRCLE,
                     PilotActivity.COACHING, PilotActivity.CLASS_CIRCLE):
        assert not needs_topic(activity)
        assert fields(replace(GOOD, activity=activity, topic=None)) == []
    assert normalised(replace(GOOD, activity=PilotActivity.PEER_TRAINING)).topic is None


def test_follow_up_date() -> None:
    wanted = replace(GOOD, outcome=PilotOutcome.FOLLOW_UP_NEEDED)
    assert fields(wanted) == ["follow_up_date"]
    assert fields(replace(wanted, follow_up_date=date(2026, 12, 3))) == []
    assert fields(replace(wanted, follow_up_date=TODAY)) == []
    assert fields(replace(GOOD, follow_up_date=date(2026, 11, 25))) == ["follow_up_date"]


def test_note_at_most_200_characters() -> None:
    assert fields(replace(GOOD, note="é" * 200)) == []
    assert fields(replace(GOOD, note="é" * 201)) == ["note"]


def test_organisation_names_unique_in_any_capitals() -> None:
    school = Organisation("École Saint-Loup", OrganisationKind.SCHOOL, id="a")
    assert organisation_problems(Organisation("école saint-loup", OrganisationKind.SCHOOL),
                                 [school])
    assert not organisation_problems(replace(school, name="ÉCOLE SAINT-LOUP"), [school])
    assert organisation_problems(Organisation(" ", OrganisationKind.SCHOOL), [])
    assert organisation_problems(Organisation("x" * 121, OrganisationKind.SCHOOL), [])
    assert not organisation_problems(Organisation("x" * 120, OrganisationKind.SCHOOL), [])
    retired = replace(school, active=False)
    [problem] = organisation_problems(Organisation("ÉCOLE Saint-Loup", OrganisationKind.OTHER),
                                      [retired])
    assert "restore it" in problem.message


@pytest.mark.parametrize(("typed", "groups"), [
    ("7", (7,)), ("7, 8", (7, 8)), ("7-9", (7, 8, 9)), ("7 to 9", (7, 8, 9)),
    ("R", (0,)), ("r-2", (0, 1, 2)), ("Y10 Y11", (10, 11)), ("year 7 and year 8", (7, 8)),
    ("9-7", (7, 8, 9)), ("", ()), ("8,8;7", (7, 8)),
])
def test_year_groups_as_typed(typed: str, groups: tuple[int, ...]) -> None:
    assert parse_year_groups(typed) == groups


@pytest.mark.parametrize("typed", ["14", "7-", "seven", "7-9-11", "-3"])
def test_year_groups_that_cannot_be_read_say_what_to_type(typed: str) -> None:
    with pytest.raises(YearGroupsError, match="7-9"):
        parse_year_groups(typed)


@given(st.sets(st.integers(0, 13)))
def test_year_groups_text_reads_back(groups: set[int]) -> None:
    assert parse_year_groups(year_groups_text(sorted(groups))) == tuple(sorted(groups))


def test_year_groups_in_words() -> None:
    assert year_groups_words((7,)) == "Year 7"
    assert year_groups_words((7, 8, 9)) == "Years 7 to 9"
    assert year_groups_words((0, 1)) == "Reception and Year 1"
