"""The passphrase policy: long enough or three words, not a common choice, said kindly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from restorative_desk.security import describe_policy, passphrase_problems
from restorative_desk.security.passphrase import (
    EDGE_SPACES,
    ONLY_SPACES,
    TOO_COMMON,
    TOO_REPETITIVE,
    TOO_SHORT,
)


@pytest.mark.parametrize(
    "text",
    [
        "twelve chars",  # exactly 12
        "Kettle&Moss#42",
        "cat dog owl",  # three words, 11 characters
        "heron-bicycle-marmalade",
        "Zoë ate pears",
        "пароль кот дом",  # words in any alphabet
        "a rather long sentence with small words",
    ],
)
def test_good_passphrases_pass(text: str) -> None:
    assert passphrase_problems(text) == []


@pytest.mark.parametrize("text", ["a", "short one", "cat dog", "ab cd ef gh", "cat dog 42"])
def test_short_passphrases_are_refused_with_the_reason(text: str) -> None:
    assert passphrase_problems(text) == [TOO_SHORT]


def test_the_short_message_explains_why() -> None:
    assert "at least 12 characters" in TOO_SHORT
    assert "“otter lamp river”" in TOO_SHORT
    assert "children's information" in TOO_SHORT


def test_an_empty_passphrase_is_too_short() -> None:
    assert passphrase_problems("") == [TOO_SHORT]


@pytest.mark.parametrize("text", [" ", "            ", "\t\n  \u00a0 "])
def test_only_spaces_is_refused(text: str) -> None:
    assert passphrase_problems(text) == [ONLY_SPACES]


@pytest.mark.parametrize(
    "text", [" otter lamp river sea", "otter lamp river sea ", "\tmarmalade jar"]
)
def test_spaces_at_either_end_are_refused(text: str) -> None:
    assert passphrase_problems(text) == [EDGE_SPACES]


@pytest.mark.parametrize(
    "text",
    [
        "password123456",
        "Password123456!",
        "PASSWORD 2026 2027",
        "restorative justice",
        "Restorative-Justice",
        "Restorative Desk",
        "restorative desk 2026",
        "123456789012",
        "otter lamp river",
        "Otter-Lamp-River",
        "correct horse battery staple",
        "qwertyuiop",
    ],
)
def test_common_choices_are_refused(text: str) -> None:
    assert TOO_COMMON in passphrase_problems(text)


@pytest.mark.parametrize(
    "text", ["aaaaaaaaaaaa", "abababababab", "abcabcabcabcabc", "111 111 1111"]
)
def test_repetitive_passphrases_are_refused(text: str) -> None:
    assert TOO_REPETITIVE in passphrase_problems(text)


def test_the_policy_is_described_for_the_screen() -> None:
    policy = describe_policy()
    assert "12 characters" in policy
    assert "three or more" in policy
    assert "recovery key" in policy


@given(st.text())
def test_any_text_gets_a_list_of_sentences(text: str) -> None:
    problems = passphrase_problems(text)
    assert all(isinstance(problem, str) and problem.endswith(".") for problem in problems)
    assert len(problems) == len(set(problems))
    if len(text) >= 12 and text == text.strip() and len(set(text.casefold())) >= 6:
        assert TOO_SHORT not in problems
