"""Role wording per setting comes from resources and is checked on load."""

from __future__ import annotations

from pathlib import Path

import pytest

from restorative_desk.records import Role, Setting
from restorative_desk.wording import WordingError, load_role_wording


def test_shipped_wording_names_every_role_in_every_setting() -> None:
    wording = load_role_wording()
    for setting in Setting:
        for role in Role:
            assert wording.role_label(role, setting).strip()
    assert wording.role_label(Role.PERSON_HARMED, Setting.SCHOOL) == "Person harmed"
    assert wording.role_label(Role.PERSON_RESPONSIBLE, Setting.YOS) == "Young person"


def test_no_labelling_words_in_shipped_wording() -> None:
    wording = load_role_wording()
    labels = " ".join(
        wording.role_label(role, setting).lower() for role in Role for setting in Setting
    )
    for word in ("offender", "perpetrator", "bully", "culprit", "criminal"):
        assert word not in labels


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('{\n "default": {\n  "person_harmed": "A",\n }\n}', 4),
        ('{\n "default": {"person_harmed": "A"},\n "school": {\n  "villain": "B"\n }\n}', 4),
        ('{\n "default": {"person_harmed": "A"},\n "prison": {}\n}', 3),
    ],
)
def test_a_broken_wording_file_names_the_file_and_line(
    tmp_path: Path, text: str, line: int
) -> None:
    path = tmp_path / "roles.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WordingError) as caught:
        load_role_wording(path)
    assert str(path) in str(caught.value) and f"line {line}" in str(caught.value)
