"""A script's wording as a facilitator would read it, with sample names put in: for looking
at a script in the library and for the live preview while its wording is adjusted."""

from __future__ import annotations

import string

from .loading import PLACEHOLDERS
from .model import Audience, Capture, Kind, Step

# Sample names, by who a step is for, so "{name}, what happened?" reads naturally.
SAMPLE_RESPONSIBLE = "Sam"
SAMPLE_HARMED = "Alex"
SAMPLE_ORGANISATION = "your organisation"
SAMPLE_FACILITATOR = "your name"
_SAMPLE_NAME = {
    Audience.PERSON_RESPONSIBLE: SAMPLE_RESPONSIBLE,
    Audience.PERSON_HARMED: SAMPLE_HARMED,
    Audience.SUPPORTERS: "Jo",
    Audience.SUPPORTERS_OF_HARMED: "Jo",
    Audience.SUPPORTERS_OF_RESPONSIBLE: "Kim",
    Audience.COMMUNITY: "Pat",
    Audience.PROFESSIONALS: "Chris",
    Audience.EACH: SAMPLE_RESPONSIBLE,
}

# What each placeholder becomes in the room, for the list beside the wording editor.
PLACEHOLDER_MEANINGS = {
    "name": "the name of the person the words are for (only in steps for people, not "
    "“everyone” or notes for you)",
    "harmed": "the name of the person harmed",
    "responsible": "the name of the person responsible",
    "facilitator": "your name",
    "organisation": "your organisation's name",
}
assert set(PLACEHOLDER_MEANINGS) == set(PLACEHOLDERS)

_AUDIENCE_WORDS = {
    Audience.EVERYONE: "To everyone",
    Audience.FACILITATOR: "For you: nothing to say aloud",
    Audience.PERSON_RESPONSIBLE: "To the person responsible",
    Audience.PERSON_HARMED: "To the person harmed",
    Audience.SUPPORTERS: "To each supporter",
    Audience.SUPPORTERS_OF_HARMED: "To each supporter of the person harmed",
    Audience.SUPPORTERS_OF_RESPONSIBLE: "To each supporter of the person responsible",
    Audience.COMMUNITY: "To each community member",
    Audience.PROFESSIONALS: "To each professional",
    Audience.EACH: "To each person in turn, round the room",
}

_CAPTURE_WORDS = {
    Capture.NONE: "",
    Capture.NOTE: "you can keep a note",
    Capture.WORDS: "their own words are kept",
    Capture.ATTENDANCE: "you record who came",
    Capture.ACTIONS: "you write down the actions agreed",
    Capture.STATEMENT: "the statement read aloud is kept",
}

KIND_WORDS = {
    Kind.CONFERENCE: "Conference",
    Kind.CONVERSATION: "Conversation",
    Kind.CIRCLE: "Circle",
    Kind.PANEL: "Panel",
    Kind.INDIRECT: "Indirect process",
}


def audience_words(audience: Audience) -> str:
    """Who a step's words are for, in a few plain words ("To the person harmed")."""
    return _AUDIENCE_WORDS[audience]


def capture_words(capture: Capture) -> str:
    """What the facilitator keeps at a step, in a few words ("" when nothing)."""
    return _CAPTURE_WORDS[capture]


def sample_name(audience: Audience) -> str:
    """The sample name put in for `{name}` at a step for `audience` ("" when it has none)."""
    return _SAMPLE_NAME.get(audience, "")


def filled(text: str, audience: Audience, *, facilitator: str = "") -> str:
    """`text` with sample names put in; unknown placeholders and stray braces stay visible."""
    values = {
        "harmed": SAMPLE_HARMED,
        "responsible": SAMPLE_RESPONSIBLE,
        "facilitator": facilitator.strip() or SAMPLE_FACILITATOR,
        "organisation": SAMPLE_ORGANISATION,
    }
    if audience.addresses_people:
        values["name"] = sample_name(audience)
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return text  # a lone brace: shown as typed (placeholder_problem says what is wrong)
    parts: list[str] = []
    for literal, name, spec, conversion in parsed:
        parts.append(literal)
        if name is None:
            continue
        known = name in values and not spec and not conversion
        parts.append(values[name] if known else _as_typed(name, spec, conversion))
    return "".join(parts)


def _as_typed(name: str, spec: str | None, conversion: str | None) -> str:
    shown = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
    return "{" + shown + "}"


def placeholder_problem(text: str, audience: Audience) -> str:
    """What is wrong with the placeholders in `text` for a step for `audience` ("" if nothing).

    The same rules the loader applies on save, said while typing."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return "A { or } is on its own. Write {{ or }} for a brace itself."
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
            return f"{{{name}}} is not a name the app knows. Use {known}."
        if name == "name" and not audience.addresses_people:
            return (
                "{name} only works in a step for people; this one is for "
                f"{'everyone' if audience is Audience.EVERYONE else 'you'}. Use {{harmed}} "
                "or {responsible} instead."
            )
    return ""


def step_problem(step: Step) -> str:
    """The first placeholder problem in a step's words or guidance ("" when there is none)."""
    for text in (step.say, step.guidance, step.if_represented):
        problem = placeholder_problem(text, step.to)
        if problem:
            return problem
    return ""
