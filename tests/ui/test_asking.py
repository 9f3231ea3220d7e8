"""The shared questions: three answers, Enter for the first, Escape for the last."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from ui.asking import SaveChoice, ask_to_save


@pytest.mark.parametrize(
    ("clicked", "expected"),
    [("&Save", SaveChoice.SAVE), ("&Discard changes", SaveChoice.DISCARD),
     ("&Keep editing", SaveChoice.CANCEL), (None, SaveChoice.CANCEL)],
)
def test_each_answer_gives_its_choice(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, clicked: str | None, expected: SaveChoice
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[QMessageBox] = []

    def answer(box: QMessageBox) -> int:
        seen.append(box)
        for button in box.buttons():
            if button.text() == clicked:
                button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert ask_to_save(parent, "This referral has changes that are not saved yet.") is expected
    (box,) = seen
    assert box.defaultButton().text() == "&Save"
    assert box.escapeButton() is not None and box.escapeButton().text() == "&Keep editing"
    assert box.text() == "This referral has changes that are not saved yet."
