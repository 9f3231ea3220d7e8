"""The paper size for documents on the Organisation tab: A4 unless US Letter is chosen."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from restorative_desk.documents.agreement import PAPER_SETTING_KEY, Paper
from restorative_desk.store import Store
from tests.ui.test_settings_dialog import make_dialog


def test_the_paper_size_is_a4_until_letter_is_chosen(
    qtbot: QtBot, store: Store, settings: QSettings
) -> None:
    dialog = make_dialog(qtbot, store, settings)
    assert dialog.paper.value() is Paper.A4
    assert dialog.paper.currentText() == "A4"
    dialog.accept()
    assert store.setting(PAPER_SETTING_KEY) is None  # unchanged, so not written
    again = make_dialog(qtbot, store, settings)
    again.paper.set_value(Paper.LETTER)
    again.accept()
    assert store.setting(PAPER_SETTING_KEY) == "letter"
    assert make_dialog(qtbot, store, settings).paper.value() is Paper.LETTER
