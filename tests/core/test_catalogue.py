"""The preparation resources load, and a broken file is reported with its file and line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from restorative_desk.preparation.catalogue import CatalogueError, catalogue, load_catalogue
from restorative_desk.records import Setting
from restorative_desk.resources import resources_dir

SHIPPED = resources_dir() / "preparation"


def test_the_shipped_catalogue_covers_every_setting() -> None:
    book = catalogue()
    for setting in Setting:
        keys = [item.key for item in book.risks_for(setting)]
        assert {"power_imbalance", "safeguarding", "venue_safety"} <= set(keys)
    flagged = [i.key for i in book.risks_for(Setting.SCHOOL) if i.safeguarding]
    assert flagged == ["safeguarding"]
    assert {d.label for d in book.bias.dimensions} >= {"Gender", "Race", "Caste", "Spirituality"}
    assert len(book.bias.dimensions) == 13
    care = [f.key for f in book.facts_for(Setting.CARE_HOME)]
    assert care == ["protocol_police_if_at_home", "police_involved"]
    assert book.facts_for(Setting.SCHOOL) == ()
    assert all(q.read_back and q.ask for q in book.questions)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "preparation"
    shutil.copytree(SHIPPED, copy)
    return copy


def edit(path: Path, change: object) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def test_broken_json_names_the_file_and_line(folder: Path) -> None:
    path = folder / "risk.json"
    path.write_text('{\n  "default": [\n    {"key": }\n  ]\n}\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"risk\.json, line 3"):
        load_catalogue(folder)


def test_an_unknown_setting_is_named(folder: Path) -> None:
    edit(folder / "risk.json", lambda d: d.update({"prison": []}))
    with pytest.raises(CatalogueError, match='unknown setting "prison"'):
        load_catalogue(folder)


def test_a_key_used_twice_is_refused(folder: Path) -> None:
    edit(folder / "questions.json", lambda d: d["questions"].append(dict(d["questions"][0])))
    with pytest.raises(CatalogueError, match='"feels_safe" is used twice'):
        load_catalogue(folder)


def test_a_question_without_words_is_refused(folder: Path) -> None:
    edit(folder / "questions.json", lambda d: d["questions"][2].update({"ask": "  "}))
    expected = r'questions\.json, line \d+: "regulation" needs "ask"'
    with pytest.raises(CatalogueError, match=expected):
        load_catalogue(folder)


def test_a_deadline_must_count_from_a_date(folder: Path) -> None:
    edit(
        folder / "setting_checks.json",
        lambda d: d["yos"]["deadlines"][0].update({"from": "enhanced_rights"}),
    )
    with pytest.raises(CatalogueError, match='"enhanced_rights" is not a date fact of "yos"'):
        load_catalogue(folder)


def test_a_choice_needs_options(folder: Path) -> None:
    edit(folder / "setting_checks.json", lambda d: d["care_home"]["facts"][0].pop("options"))
    with pytest.raises(CatalogueError, match="a choice needs"):
        load_catalogue(folder)
