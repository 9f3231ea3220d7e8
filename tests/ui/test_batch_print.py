"""Tools ▸ Print agreements… and Agreement outcomes…: batch saving and printing with progress
that can be stopped (the printer stood in for), and outcome counts under five never shown."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pytest
from PySide6.QtCore import QDate
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from restorative_desk.agreements.records import AgreementStatus
from restorative_desk.store import Store
from restorative_desk.store.audit import AuditAction
from tests.agreeing import agreed_case, closed_agreement
from ui.batch_print import STATUS_CHOICES, BatchPrintDialog
from ui.outcomes_dialog import FEWER_THAN_FIVE, OutcomesDialog

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
NAMES = ("Zoë", "Siobhán", "Łukasz", "Nguyễn")


def _agreements(store: Store, count: int) -> None:
    for number in range(count):
        agreed_case(store, harmed=f"{NAMES[number % 4]} Walsh")


@pytest.fixture
def dialog(store: Store, qtbot: QtBot) -> BatchPrintDialog:
    _agreements(store, 4)
    made = BatchPrintDialog(store)
    qtbot.addWidget(made)
    return made


def test_counts_what_matches(store: Store, dialog: BatchPrintDialog) -> None:
    assert dialog.count.text() == "4 agreements match."
    dialog.status_choice.setCurrentIndex(
        [label for label, _ in STATUS_CHOICES].index("Drafts"))
    assert dialog.count.text() == "No agreements match these choices."
    assert not dialog.save_button.isEnabled()
    dialog.status_choice.setCurrentIndex(0)
    dialog.only_since.setChecked(True)
    dialog.since.setDate(QDate(2026, 11, 27))
    assert dialog.count.text() == "No agreements match these choices."


def test_saves_each_as_a_pdf_in_the_folder(
    store: Store, dialog: BatchPrintDialog, tmp_path: Path
) -> None:
    folder = tmp_path / "printed"
    folder.mkdir()
    dialog.choose_folder = lambda _parent: str(folder)
    dialog.save_button.click()
    assert dialog.last_result is not None and dialog.last_result.done == 4
    files = sorted(p.name for p in folder.iterdir())
    assert len(files) == 4 and all(f.endswith("-agreement-v1.pdf") for f in files)
    assert not any(name in f for name in NAMES for f in files)
    assert dialog.outcome.text() == "Saved 4 of 4 agreements."
    exports = [e for e in store.audit.entries() if e.action is AuditAction.EXPORT]
    assert len(exports) == 4


def test_prints_through_one_printer_choice_and_can_be_stopped(
    store: Store, dialog: BatchPrintDialog, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[QWidget] = []
    printed: list[bytes] = []

    def choose_printer(parent: QWidget) -> QPrinter | None:
        asked.append(parent)
        return cast("QPrinter", object())

    dialog.ask_printer = choose_printer

    def fake_print(pdf: bytes, _printer: QPrinter) -> bool:
        printed.append(pdf)
        if len(printed) == 2:  # the user presses Stop while the second one prints
            progress = dialog.findChild(QProgressDialog)
            assert progress is not None and progress.isVisible()
            assert "1 of 4 done" in progress.labelText()
            if Path("/tmp/shots").is_dir():
                progress.grab().save("/tmp/shots/batch_print_progress.png")
                dialog.grab().save("/tmp/shots/batch_print_dialog.png")
            progress.cancel()
        return True

    dialog.print_pdf = fake_print
    dialog.print_button.click()
    assert len(asked) == 1 and len(printed) == 2
    assert dialog.last_result is not None and dialog.last_result.stopped
    assert dialog.outcome.text() == "Printed 2 of 4 agreements, then stopped as you asked."
    prints = [e for e in store.audit.entries() if e.action is AuditAction.PRINT]
    assert len(prints) == 2


def test_a_failed_print_is_counted(store: Store, dialog: BatchPrintDialog) -> None:
    dialog.print_pdf = lambda _pdf, _printer: False
    result = dialog.print_all(cast("QPrinter", object()))
    assert (result.done, result.failed) == (0, 4)
    assert "4 could not be printed" in dialog.outcome.text()


def _row(table: QTableWidget) -> list[str]:
    items = [table.item(0, column) for column in range(table.columnCount())]
    return [item.text() if item is not None else "" for item in items]


def test_outcomes_never_show_counts_under_five(store: Store, qtbot: QtBot) -> None:
    for _ in range(3):
        closed_agreement(store, AgreementStatus.COMPLETED)
    dialog = OutcomesDialog(store)
    qtbot.addWidget(dialog)
    cells = _row(dialog.table)
    assert cells[0] == "School"
    assert cells[2:] == [FEWER_THAN_FIVE] * 5
    for _ in range(3):
        closed_agreement(store, AgreementStatus.COMPLETED)
    closed_agreement(store, AgreementStatus.PARTLY_COMPLETED)
    dialog.period.setCurrentIndex(1)
    cells = _row(dialog.table)
    assert cells[2] == "7" and cells[3:] == ["withheld"] * 4
