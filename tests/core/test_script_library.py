"""An organisation's own wording: copies of shipped scripts, adjusted and versioned in their
own folder; shipped files are never written; a bad edit is refused with the file untouched."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from restorative_desk.cli import main
from restorative_desk.scripts.library import (
    EARLIER,
    SCRIPTS_ENV,
    WordingRefused,
    available_scripts,
    copy_for_organisation,
    find_available,
    organisation_folder,
    remove_organisation_script,
    save_wording,
    usable_scripts,
)
from restorative_desk.scripts.loading import load_script, shipped_folder
from restorative_desk.scripts.model import Audience, Script
from restorative_desk.scripts.preview import filled, placeholder_problem, step_problem


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The organisation's scripts folder, not made yet."""
    chosen = tmp_path / "our scripts"
    monkeypatch.setenv(SCRIPTS_ENV, str(chosen))
    return chosen


def shipped(key: str) -> Script:
    found = find_available(key)
    assert found is not None and found.shipped
    return found


def hashes() -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(shipped_folder().iterdir())
    }


def test_the_folder_comes_from_the_environment_or_the_user_data_folder(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert organisation_folder() == folder
    monkeypatch.delenv(SCRIPTS_ENV)
    default = organisation_folder()
    assert default.name == "scripts" and default.parent.name == "RestorativeDesk"
    assert not default.exists()  # reading never makes it
    assert [s.key for s in available_scripts()] == [s.key for s in usable_scripts()[0]]
    assert not default.exists() and not folder.exists()


def test_a_copy_never_writes_the_shipped_files_and_loads_as_its_own_script(folder: Path) -> None:
    before = hashes()
    original = shipped("full_conference")
    copy = copy_for_organisation(original)
    assert hashes() == before
    assert copy.source == folder / "full_conference_ours.json" and not copy.shipped
    assert (copy.key, copy.version, copy.title) == (
        "full_conference_ours",
        1,
        "Full restorative conference (our wording)",
    )
    assert copy.phases == original.phases and copy.settings == original.settings
    assert load_script(copy.source) == copy
    data = json.loads(copy.source.read_text(encoding="utf-8"))
    assert data["_about"] and data["_copied_from"] == "full_conference, version 1"
    assert list(data)[:3] == ["_about", "_copied_from", "key"]
    assert '"settings": ["school", "care_home", "yos", "community"]' in copy.source.read_text()
    keys = [s.key for s in available_scripts()]
    assert "full_conference" in keys and "full_conference_ours" in keys
    assert find_available("full_conference_ours") == copy


def test_each_copy_gets_its_own_key_even_after_one_is_removed(folder: Path) -> None:
    original = shipped("circle")
    first = copy_for_organisation(original)
    second = copy_for_organisation(original)
    assert (second.key, second.title) == ("circle_ours_2", "Class or staff circle (our wording 2)")
    kept = remove_organisation_script(first)
    assert kept == folder / EARLIER / "circle_ours.v1.json" and kept.exists()
    assert not first.source.exists()
    assert find_available("circle_ours") is None
    # A removed copy's key is not given again: a conference record's key and version keep
    # pointing at the words that were used.
    assert copy_for_organisation(original).key == "circle_ours_3"
    with pytest.raises(ValueError, match="already your organisation's own"):
        copy_for_organisation(second)


def test_saving_wording_makes_the_next_version_and_keeps_the_structure(folder: Path) -> None:
    copy = copy_for_organisation(shipped("restorative_conversation"))
    saved = save_wording(
        copy,
        title="  Talking it through — Zoë's school ",
        summary="A short talk, soon after.",
        steps={
            ("responsible", "what_happened"): ("{name}, what happened? Take your time.", ""),
            ("start", "attendance"): ("", "Find somewhere quiet: Łukasz's room is free."),
        },
    )
    assert saved.version == 2 and saved.key == copy.key
    assert saved.title == "Talking it through — Zoë's school"
    steps = dict(((p.key, s.key), s) for p, s in saved.steps)
    assert steps["responsible", "what_happened"].say == "{name}, what happened? Take your time."
    assert steps["responsible", "what_happened"].guidance == ""
    assert steps["start", "attendance"].guidance.startswith("Find somewhere quiet")
    # Only words changed: every key, audience, capture and the order are as they were.
    shape = [(p.key, s.key, s.to, s.capture, s.if_represented) for p, s in copy.steps]
    assert [(p.key, s.key, s.to, s.capture, s.if_represented) for p, s in saved.steps] == shape
    text = saved.source.read_text(encoding="utf-8")
    assert "Zoë" in text and "\\u" not in text and text.startswith('{\n  "_about"')
    assert (folder / EARLIER / f"{copy.key}.v1.json").exists()  # the words version 1 used
    assert not list(folder.glob(".saving-*"))
    # Nothing changed: nothing saved, no new version.
    assert save_wording(saved, title=saved.title, summary=saved.summary, steps={}) is saved


def test_a_bad_edit_is_refused_with_the_loaders_words_and_the_file_untouched(
    folder: Path,
) -> None:
    copy = copy_for_organisation(shipped("restorative_conversation"))
    before = copy.source.read_bytes()
    with pytest.raises(WordingRefused) as refused:
        save_wording(
            copy,
            title=copy.title,
            summary=copy.summary,
            steps={("harmed", "impact"): ("{nmae}, what impact has this had?", "")},
        )
    assert str(refused.value).startswith('Unknown placeholder {nmae} in "say" of step "impact"')
    assert str(folder) not in str(refused.value) and "line" not in str(refused.value)
    assert refused.value.place == ("harmed", "impact")
    assert copy.source.read_bytes() == before
    assert not list(folder.glob(".saving-*")) and not (folder / EARLIER).exists()

    with pytest.raises(WordingRefused) as refused:  # words are needed in a step for people
        no_words = {("putting_right", "thanks"): ("", "")}
        save_wording(copy, title=copy.title, summary=copy.summary, steps=no_words)
    assert refused.value.place == ("putting_right", "thanks")
    with pytest.raises(WordingRefused, match="title") as refused:
        save_wording(copy, title=" ", summary=copy.summary, steps={})
    assert refused.value.place is None
    assert copy.source.read_bytes() == before


def test_only_the_organisations_own_scripts_are_written_or_removed(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = hashes()
    original = shipped("circle")
    with pytest.raises(ValueError, match="never changed"):
        save_wording(original, title="Mine", summary="Mine", steps={})
    with pytest.raises(ValueError, match="never changed"):
        remove_organisation_script(original)
    copy = copy_for_organisation(original)
    with pytest.raises(ValueError, match="no step"):
        save_wording(copy, title="x", summary="y", steps={("nowhere", "nothing"): ("a", "b")})
    monkeypatch.setenv(SCRIPTS_ENV, str(shipped_folder()))  # a mistaken setting
    with pytest.raises(ValueError, match="never written"):
        copy_for_organisation(original)
    assert hashes() == before


def test_a_script_changed_elsewhere_is_not_overwritten(folder: Path) -> None:
    copy = copy_for_organisation(shipped("circle"))
    save_wording(copy, title="Our circle", summary=copy.summary, steps={})
    with pytest.raises(WordingRefused, match="changed elsewhere"):
        save_wording(copy, title="Another circle", summary=copy.summary, steps={})
    assert find_available(copy.key).title == "Our circle"  # type: ignore[union-attr]


def test_a_broken_file_of_ours_never_hides_the_others(folder: Path) -> None:
    copy = copy_for_organisation(shipped("circle"))
    broken = folder / "broken.json"
    broken.write_text('{\n  "key": "broken",\n  oops\n}\n', encoding="utf-8")
    scripts, problems = usable_scripts()
    assert copy.key in [s.key for s in scripts] and len(scripts) == 8
    assert len(problems) == 1 and problems[0].startswith(f"{broken}, line 3: ")


def test_previews_fill_sample_names_and_say_what_is_wrong() -> None:
    assert filled("{name}, what happened?", Audience.PERSON_RESPONSIBLE) == "Sam, what happened?"
    assert filled("{name}?", Audience.PERSON_HARMED) == "Alex?"
    assert (
        filled("I'm {facilitator} from {organisation}; {harmed} and {responsible}.",
               Audience.EVERYONE, facilitator="Siobhán")
        == "I'm Siobhán from your organisation; Alex and Sam."
    )  # fmt: skip
    assert filled("{nmae} and {name}", Audience.EVERYONE) == "{nmae} and {name}"
    assert filled("a { b", Audience.EVERYONE) == "a { b"
    assert placeholder_problem("{name}, hello", Audience.EACH) == ""
    assert "{nmae} is not a name" in placeholder_problem("{nmae}", Audience.EACH)
    assert "only works in a step for people" in placeholder_problem("{name}", Audience.EVERYONE)
    assert "on its own" in placeholder_problem("a { b", Audience.EVERYONE)
    for script in available_scripts():
        assert all(step_problem(step) == "" for _, step in script.steps), script.key


# --- rdesk scripts -------------------------------------------------------------------------


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as leaving:
        code = int(leaving.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_rdesk_scripts_list_shows_ours_beside_the_shipped_ones(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", open(os.devnull))  # noqa: SIM115
    copy = copy_for_organisation(shipped("full_conference"))
    code, out, err = run(["scripts", "list"], capsys)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == 8
    ours = next(line for line in lines if line.startswith("full_conference_ours "))
    assert " ours " in ours and "Full restorative conference (our wording)" in ours
    theirs = next(line for line in lines if line.startswith("full_conference "))
    assert " shipped " in theirs
    code, out, _ = run(["scripts", "list", "--json"], capsys)
    listed = {s["key"]: s for s in json.loads(out)}
    assert listed[copy.key]["shipped"] is False and listed[copy.key]["source"] == str(copy.source)
    assert listed["circle"]["shipped"] is True
    assert listed["circle"]["source"] == str(shipped_folder() / "circle.json")


def test_rdesk_scripts_validate_checks_our_folder_too(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = copy_for_organisation(shipped("circle"))
    code, out, err = run(["scripts", "validate"], capsys)
    assert (code, out, err) == (0, "8 script(s) are valid.\n", "")
    text = copy.source.read_text(encoding="utf-8")
    copy.source.write_text(text.replace('"version": 1', '"version": 0'), encoding="utf-8")
    code, out, err = run(["scripts", "validate"], capsys)
    assert code == 2 and out == ""
    assert err == f'{copy.source}, line 5: "version" must be a whole number, 1 or more\n'
    code, out, err = run(["scripts", "list"], capsys)
    assert code == 2 and len(out.splitlines()) == 7 and err.startswith(f"{copy.source}, line 5")
