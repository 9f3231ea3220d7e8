"""The gentle wording check on agreements: vague or punitive words (whole words, whatever the
capitals or accents), no owner, no date, dates passed or far off, too many actions; and the
wording file checked on load."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from restorative_desk.agreements.records import Agreement, AgreementAction
from restorative_desk.agreements.wording_check import (
    Warning,
    WordingError,
    add_months,
    agreement_warnings,
    fold,
    load_wording_rules,
    wording_warnings,
)
from restorative_desk.records import Setting
from restorative_desk.resources import resources_dir

TODAY = date(2026, 11, 26)
GOOD = AgreementAction(
    "Jay will write a letter to Amara saying sorry, in his own words", who="Jay",
    for_whom="Amara", by_when=date(2026, 12, 4), how_known="Ms Patel will read it first",
)


def fields(warnings: list[Warning]) -> list[str]:
    return [w.field for w in warnings]


def test_a_clear_action_has_no_warnings() -> None:
    assert wording_warnings(GOOD, TODAY) == []


@pytest.mark.parametrize("what", [
    "Jay will try to be kind", "Jay will BEHAVE at lunch", "They will sort it out",
    "Improve his attitude", "Be better in class",
])
def test_vague_actions_are_noticed(what: str) -> None:
    warnings = wording_warnings(replace(GOOD, what=what), TODAY)
    assert fields(warnings) == ["what"]
    assert "hard to check" in warnings[0].message and warnings[0].suggestion


@pytest.mark.parametrize(("what", "phrase"), [
    ("Punishment: clean the hall", "Punishment"),
    ("A week of détention", "détention"),
    ("Jay is BANNED from the field", "BANNED"),
    ("Say he was a bad  boy", "bad  boy"),
    ("Write lines at lunch", "Write lines"),
    ("Grovel to the class", "Grovel"),
    ("The offender will apologise", "offender"),
    ("So he is humiliated", "humiliated"),
    ("Stop being naughty", "naughty"),
])
def test_punitive_words_get_a_restorative_suggestion(what: str, phrase: str) -> None:
    action = AgreementAction(what, who="Jay", by_when=date(2026, 12, 4), how_known="We will see")
    (warning,) = wording_warnings(action, TODAY)
    assert warning.field == "what" and f"\u201c{phrase}\u201d" in warning.message
    assert "putting things right" in warning.message and warning.suggestion


def test_whole_words_only() -> None:
    for what in ("Jay will help make a banner for the fair", "The punishing heat",
                 "Plan the behaviour chart together", "Jay's urban walk", "ashamed"):
        action = AgreementAction(what, who="Jay", by_when=date(2026, 12, 4), how_known="seen")
        assert wording_warnings(action, TODAY) == [], what


def test_other_fields_are_checked_too() -> None:
    action = AgreementAction("Help in the library", who="Jay", by_when=date(2026, 12, 4),
                             how_known="He will try to be there", support="Not a punishment")
    assert fields(wording_warnings(action, TODAY)) == ["how_known", "support"]


def test_a_youth_offending_service_speaks_of_offenders() -> None:
    action = AgreementAction("Meet the offender manager", who="Jay", by_when=date(2026, 12, 4),
                             how_known="Noted on file")
    assert fields(wording_warnings(action, TODAY)) == ["what"]
    assert wording_warnings(action, TODAY, setting=Setting.YOS) == []
    assert fields(wording_warnings(action, TODAY, setting=Setting.SCHOOL)) == ["what"]


def test_owner_date_and_how_known() -> None:
    bare = AgreementAction("Say sorry to Amara")
    assert fields(wording_warnings(bare, TODAY)) == ["who", "by_when", "how_known"]
    passed = AgreementAction("Say sorry", who="Jay", by_when=date(2026, 11, 25), how_known="x")
    (warning,) = wording_warnings(passed, TODAY)
    assert warning.field == "by_when" and "25 Nov 2026" in warning.message
    assert wording_warnings(AgreementAction("Say sorry", who="Jay", by_when=TODAY,
                                            how_known="x"), TODAY) == []


def test_a_long_deadline_is_more_than_six_months_away() -> None:
    def at(day: date) -> list[str]:
        return fields(wording_warnings(
            AgreementAction("Say sorry", who="Jay", by_when=day, how_known="x"), TODAY))

    assert at(date(2027, 5, 26)) == []
    assert at(date(2027, 5, 27)) == ["by_when"]
    assert "6 months" in wording_warnings(
        AgreementAction("Say sorry", who="Jay", by_when=date(2028, 1, 1), how_known="x"), TODAY
    )[0].message
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


def test_too_many_actions_for_a_young_person() -> None:
    six = Agreement(case_id="c", actions=(GOOD,) * 6)
    assert agreement_warnings(six) == []
    (warning,) = agreement_warnings(Agreement(case_id="c", actions=(GOOD,) * 7))
    assert warning.field == "actions" and "7 actions" in warning.message


def test_the_summary_is_checked_but_the_young_person_s_own_words_are_theirs() -> None:
    agreement = Agreement(case_id="c", summary="Jay accepted his punishment",
                          own_words="I know I was naughty and I want to fix it", actions=(GOOD,))
    assert fields(agreement_warnings(agreement)) == ["summary"]


def test_folding_removes_accents_and_capitals() -> None:
    assert fold("DÉTENTION Zoë\u2019s") == "detention zoe's"


# -- the wording file ---------------------------------------------------------------------------


def shipped() -> dict[str, object]:
    data = json.loads((resources_dir() / "agreements" / "wording.json").read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "wording.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_shipped_file_loads() -> None:
    rules = load_wording_rules(resources_dir() / "agreements" / "wording.json")
    assert rules.most_actions == 6 and rules.longest_deadline_months == 6
    assert any("ban" in group.words for group in rules.punitive)


def test_broken_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "wording.json"
    path.write_text('{\n  "limits": {\n    "most_actions": 6,\n  }\n}', encoding="utf-8")
    with pytest.raises(WordingError, match=r"wording\.json, line 4"):
        load_wording_rules(path)


def test_a_phrase_without_a_suggestion_names_its_line(tmp_path: Path) -> None:
    data = shipped()
    punitive = data["punitive"]
    assert isinstance(punitive, dict)
    punitive["phrases"][2]["suggestion"] = ""
    path = write(tmp_path, data)
    line = next(n for n, text in enumerate(path.read_text("utf-8").splitlines(), 1)
                if '"ban"' in text)
    with pytest.raises(WordingError, match=rf"line {line}: the suggestion for \"ban\""):
        load_wording_rules(path)


@pytest.mark.parametrize(("change", "match"), [
    (lambda d: d["limits"].update(most_actions=0), "most_actions"),
    (lambda d: d["checks"].pop("no_owner"), "no_owner"),
    (lambda d: d["checks"]["no_date"].update(message="By {when}"), "placeholder"),
    (lambda d: d["vague"].update(phrases=[]), "phrases"),
    (lambda d: d["punitive"]["phrases"][0].update(allowed_in=["prison"]), "allowed_in"),
    (lambda d: d["vague"]["phrases"][0].update(words=["", "x"]), "words"),
])
def test_mistakes_in_the_file_are_explained(tmp_path: Path, change: object, match: str) -> None:
    data = shipped()
    change(data)  # type: ignore[operator]
    with pytest.raises(WordingError, match=match):
        load_wording_rules(write(tmp_path, data))
