"""Conference scripts: every shipped one loads and is checked; a broken file is reported with
its file and line; an organisation's copy replaces the shipped one and never touches it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from restorative_desk.records import Setting
from restorative_desk.resources import ResourceError
from restorative_desk.scripts.loading import (
    ScriptError,
    all_scripts,
    find_script,
    load_script,
    organisation_scripts,
    script_problems_text,
    shipped_folder,
    shipped_scripts,
)
from restorative_desk.scripts.model import Audience, Capture, Kind

SHIPPED_KEYS = {
    "full_conference",
    "restorative_conversation",
    "circle",
    "care_home_conference",
    "yos_conference",
    "referral_order_panel",
    "indirect_process",
}


def test_every_shipped_script_loads_and_is_checked() -> None:
    scripts = shipped_scripts()
    assert {s.key for s in scripts} == SHIPPED_KEYS
    assert [s.title for s in scripts] == sorted((s.title for s in scripts), key=str.casefold)
    for script in scripts:
        assert script.shipped and script.version >= 1 and script.title and script.summary
        assert script.source == shipped_folder() / f"{script.key}.json"
        assert script.settings and script.phases and all(p.steps for p in script.phases)
        assert load_script(script.source, shipped=True) == script
        assert script_problems_text(script.source) is None


def test_every_kind_is_shipped_and_every_setting_has_a_conference() -> None:
    scripts = shipped_scripts()
    assert {s.kind for s in scripts} == set(Kind)
    for setting in Setting:
        offered = [s for s in scripts if s.offered_in(setting)]
        assert any(s.kind is Kind.CONFERENCE for s in offered), setting
        assert any(s.kind is Kind.INDIRECT for s in offered), setting


def test_the_established_questions_are_asked_and_why_never_is() -> None:
    by_key = {s.key: s for s in shipped_scripts()}
    said = " ".join(step.say for _, step in by_key["full_conference"].steps).lower()
    for question in (
        "What were you thinking about at the time?",
        "What have you thought about since?",
        "What did you think when you realised what had happened?",
        "What has been the hardest thing for you?",
        "Is this realistic and achievable?",
        "How can we make sure this doesn't happen again?",
        "Is there anything else anyone would like to say?",
        "not here to decide whether anyone is good or bad",
    ):
        assert question.lower() in said
    for script in by_key.values():
        for _, step in script.steps:
            assert "why did you" not in step.say.lower(), (script.key, step.key)


def test_shipped_scripts_capture_what_the_room_needs() -> None:
    for script in shipped_scripts():
        captures = {step.capture for _, step in script.steps}
        assert Capture.ATTENDANCE in captures, script.key
        assert Capture.ACTIONS in captures, script.key
        # Attendance comes first: the turns depend on who came.
        assert any(s.capture is Capture.ATTENDANCE for s in script.phases[0].steps), script.key
    circle = next(s for s in shipped_scripts() if s.key == "circle")
    assert sum(step.to is Audience.EACH for _, step in circle.steps) >= 4


def test_conferences_have_statement_words_for_an_absent_person_harmed() -> None:
    for script in shipped_scripts():
        if script.kind in (Kind.CONFERENCE, Kind.CONVERSATION, Kind.PANEL):
            represented = [s for _, s in script.steps if s.if_represented]
            assert [s.to for s in represented] == [Audience.PERSON_HARMED], script.key


# --- broken files ------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "scripts"
    copy.mkdir()
    shutil.copy(shipped_folder() / "full_conference.json", copy)
    return copy


def edited(folder: Path, change: Callable[[dict[str, Any]], object]) -> Path:
    path = folder / "full_conference.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def line_with(path: Path, needle: str, occurrence: int = 1) -> int:
    found = [n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line]
    return found[occurrence - 1]


def at_line(text: str, path: Path, needle: str, occurrence: int = 1) -> bool:
    """Whether the message blames the line where `needle` occurs (the nth time)."""
    return f", line {line_with(path, needle, occurrence)}:" in text


def fails(path: Path, message: str) -> str:
    with pytest.raises(ScriptError) as raised:
        load_script(path)
    text = str(raised.value)
    assert text.startswith(f"{path}, line ") and message in text, text
    assert isinstance(raised.value, ResourceError)
    assert script_problems_text(path) == text
    return text


def step(data: dict[str, Any], phase: str, key: str) -> dict[str, Any]:
    steps = next(p for p in data["phases"] if p["key"] == phase)["steps"]
    found: dict[str, Any] = next(s for s in steps if s["key"] == key)
    return found


def test_bad_json_names_the_file_and_line(folder: Path) -> None:
    path = folder / "full_conference.json"
    path.write_text('{\n  "key": "full_conference",\n  "version": 1,,\n}\n', encoding="utf-8")
    fails(path, "line 3:")


def test_text_that_is_not_utf8_names_the_line(folder: Path) -> None:
    path = folder / "full_conference.json"
    path.write_bytes(b'{\n  "title": "Caf\xe9"\n}\n')
    fails(path, "line 2: the file is not UTF-8 text")


def test_an_unknown_placeholder_names_its_line(folder: Path) -> None:
    path = edited(
        folder, lambda d: step(d, "preamble", "purpose").update(say="Hello {victim}, welcome.")
    )
    text = fails(path, "unknown placeholder {victim}")
    assert at_line(text, path, '{victim}')


def test_name_in_words_for_everyone_is_refused(folder: Path) -> None:
    path = edited(
        folder, lambda d: step(d, "preamble", "welcome").update(say="Welcome, {name}.")
    )
    text = fails(path, '{name} in "say" of step "welcome" needs a step addressed to people')
    assert at_line(text, path, 'Welcome, {name}.')


def test_a_lone_brace_is_refused(folder: Path) -> None:
    path = edited(folder, lambda d: step(d, "preamble", "welcome").update(guidance="Smile }"))
    fails(path, "lone { or }")


def test_a_step_key_used_twice_in_a_phase_names_the_second(folder: Path) -> None:
    def twice(data: dict[str, Any]) -> None:
        steps = data["phases"][2]["steps"]
        steps.append(dict(steps[0]))

    path = edited(folder, twice)
    text = fails(path, 'the step key "what_happened" is used twice')
    assert at_line(text, path, '"key": "what_happened"', occurrence=2)


def test_a_phase_key_used_twice_is_refused(folder: Path) -> None:
    path = edited(folder, lambda d: d["phases"].append(dict(d["phases"][0])))
    text = fails(path, 'the phase key "arrival" is used twice')
    assert at_line(text, path, '"key": "arrival"', occurrence=2)


def test_an_unknown_capture_names_its_line(folder: Path) -> None:
    path = edited(folder, lambda d: step(d, "harmed", "impact").update(capture="video"))
    text = fails(path, 'unknown capture "video" (choose from none, note, words')
    assert at_line(text, path, '"video"')


def test_an_unknown_audience_or_kind_or_setting_is_refused(folder: Path) -> None:
    fails(edited(folder, lambda d: step(d, "harmed", "impact").update(to="victim")),
          'unknown "to" value "victim"')  # fmt: skip
    fails(edited(folder, lambda d: d.update(kind="tribunal")), 'unknown kind "tribunal"')
    fails(edited(folder, lambda d: d.update(settings=["school", "prison"])),
          'unknown setting "prison"')  # fmt: skip


@pytest.mark.parametrize("version", ["two", 0, 1.5, True, None])
def test_a_version_must_be_a_whole_number_from_1(folder: Path, version: object) -> None:
    path = edited(folder, lambda d: d.update(version=version))
    text = fails(path, '"version" must be a whole number, 1 or more')
    assert at_line(text, path, '"version"')


def test_the_file_name_must_match_the_key(folder: Path) -> None:
    moved = folder / "conference.json"
    (folder / "full_conference.json").rename(moved)
    fails(moved, 'the key "full_conference" does not match the file name conference.json')


def test_an_empty_phase_is_refused(folder: Path) -> None:
    path = edited(folder, lambda d: d["phases"][1].update(steps=[]))
    text = fails(path, 'phase "preamble" has no steps')
    assert at_line(text, path, '"key": "preamble"')


def test_a_missing_title_is_refused(folder: Path) -> None:
    fails(edited(folder, lambda d: d.pop("title")), 'the script needs a "title"')
    shutil.copy(shipped_folder() / "full_conference.json", folder)
    fails(edited(folder, lambda d: d["phases"][0].update(title=" ")),
          'phase "arrival" needs a "title"')  # fmt: skip


def test_other_mistakes_are_named(folder: Path) -> None:
    cases: list[tuple[Callable[[dict[str, Any]], object], str]] = [
        (lambda d: step(d, "harmed", "impact").update(gudance="x"), 'unknown field "gudance"'),
        (lambda d: step(d, "harmed", "impact").pop("to"), 'needs "to"'),
        (lambda d: step(d, "harmed", "impact").update(say=""), 'needs a "say"'),
        (lambda d: step(d, "arrival", "attendance").update(say="Hi"), "nothing to say"),
        (lambda d: step(d, "agreement", "realistic").update(capture="words"), '"words" are kept'),
        (lambda d: step(d, "agreement", "realistic").update(if_represented="x"), "if_represented"),
        (lambda d: step(d, "harmed", "impact").update(key="Impact!"), "only small letters"),
        (lambda d: d.update(phases=[]), "at least one phase"),
        (lambda d: d.update(settings=[]), "where the script is offered"),
        (lambda d: d.update(summary=3), '"summary" of the script must be text'),
    ]
    for change, message in cases:
        shutil.copy(shipped_folder() / "full_conference.json", folder)
        fails(edited(folder, change), message)


def test_a_file_that_is_not_an_object_is_refused(folder: Path) -> None:
    path = folder / "full_conference.json"
    path.write_text("[]\n", encoding="utf-8")
    fails(path, "line 1: a script must be one JSON object")


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    text = script_problems_text(tmp_path / "nothing.json")
    assert text is not None and "nothing.json: cannot be read" in text


# --- an organisation's copies ------------------------------------------------------------


def test_an_organisation_copy_replaces_the_shipped_script(tmp_path: Path) -> None:
    own = tmp_path / "own"
    own.mkdir()
    shipped_text = (shipped_folder() / "circle.json").read_text(encoding="utf-8")
    data = json.loads(shipped_text)
    data.update(version=2, title="Our class circle")
    (own / "circle.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    extra = dict(data, key="staff_circle", title="Staff circle")
    (own / "staff_circle.json").write_text(json.dumps(extra, indent=2), encoding="utf-8")

    assert [s.key for s in organisation_scripts(own)] == ["circle", "staff_circle"]
    chosen = all_scripts(own)
    assert len(chosen) == len(SHIPPED_KEYS) + 1
    circle = find_script("circle", own)
    assert circle is not None and circle.version == 2 and not circle.shipped
    assert circle.source == own / "circle.json"
    shipped_circle = find_script("circle")
    assert shipped_circle is not None and shipped_circle.version == 1 and shipped_circle.shipped
    assert (shipped_folder() / "circle.json").read_text(encoding="utf-8") == shipped_text
    assert organisation_scripts(tmp_path / "not_made_yet") == []
    assert find_script("no_such_script", own) is None
