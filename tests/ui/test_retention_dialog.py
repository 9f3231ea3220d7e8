"""Cases past retention: listed oldest first, erased only after typing ERASE."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pytestqt.qtbot import QtBot

from restorative_desk.records import NotProceedingReason, Status
from restorative_desk.store import NotFound, Store
from restorative_desk.store.audit import AuditAction
from tests.ui.conftest import AddCases
from tests.ui.helpers import Answers
from ui.retention_dialog import NOTHING_DUE, EraseConfirmDialog, RetentionDialog

LONG_AGO = datetime(2018, 3, 1, 10, 0, tzinfo=UTC)
RECENTLY = datetime(2026, 9, 1, 10, 0, tzinfo=UTC)


def stop(store: Store, case_id: str) -> None:
    store.move_case(case_id, Status.NOT_PROCEEDING, reason=NotProceedingReason.DECLINED)


@pytest.fixture
def old_cases(store: Store, add_cases: AddCases) -> list[str]:
    """Three cases stopped in 2018 (past the default six years), one stopped recently, one open."""
    with store.recording_as(LONG_AGO):
        old = add_cases(store, 3, start=date(2018, 2, 1))
        for case in old:
            stop(store, case.id)
    with store.recording_as(RECENTLY):
        recent, _open = add_cases(store, 2, start=date(2026, 8, 1))
        stop(store, recent.id)
    return [case.id for case in old]


def make_dialog(qtbot: QtBot, store: Store) -> RetentionDialog:
    dialog = RetentionDialog(None, store)
    qtbot.addWidget(dialog)
    return dialog


def test_nothing_due_is_said_calmly(qtbot: QtBot, store: Store, add_cases: AddCases) -> None:
    add_cases(store, 2)
    dialog = make_dialog(qtbot, store)
    assert dialog.summary.text() == NOTHING_DUE and dialog.table.isHidden()
    assert not dialog.erase_all_button.isEnabled() and not dialog.erase_selected_button.isEnabled()


def test_lists_the_cases_past_retention(qtbot: QtBot, store: Store, old_cases: list[str]) -> None:
    dialog = make_dialog(qtbot, store)
    assert {item.case.id for item in dialog.due()} == set(old_cases)
    assert dialog.summary.text().startswith("3 cases are past the retention period.")
    row = [dialog.table.item(0, column).text() for column in range(4)]
    reference = store.get_case(dialog.due()[0].case.id).reference
    assert row[0] == reference and row[2] == "1 Mar 2018 (not proceeding)"
    assert row[3] == "1 Mar 2024"
    assert not dialog.erase_selected_button.isEnabled() and dialog.erase_all_button.isEnabled()


def test_erase_selected_asks_then_erases_and_refreshes(
    qtbot: QtBot, store: Store, old_cases: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = Answers(False, True)
    monkeypatch.setattr(EraseConfirmDialog, "ask", answers)
    dialog = make_dialog(qtbot, store)
    dialog.table.selectRow(1)
    assert dialog.erase_selected_button.isEnabled()
    chosen = dialog.due()[1].case.id

    dialog.erase_selected_button.click()  # "Cancel": nothing happens
    assert len(dialog.due()) == 3 and dialog.erased == 0

    dialog.erase_selected_button.click()
    assert answers.calls[-1][0][1:] == (1,)  # it asked about one case
    with pytest.raises(NotFound):
        store.get_case(chosen)
    assert {item.case.id for item in dialog.due()} == set(old_cases) - {chosen}
    assert dialog.erased == 1 and dialog.result_note.text().startswith("Erased 1 case.")
    assert len(store.audit.entries(actions=[AuditAction.ERASE])) == 1


def test_erase_all_listed_leaves_the_others_alone(
    qtbot: QtBot, store: Store, old_cases: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(EraseConfirmDialog, "ask", Answers(True))
    compacted: list[bool] = []
    real = store.compact
    monkeypatch.setattr(store, "compact", lambda: compacted.append(True) or real())
    dialog = make_dialog(qtbot, store)
    dialog.erase_all_button.click()
    assert dialog.erased == 3 and compacted == [True]
    assert dialog.summary.text() == NOTHING_DUE
    assert store.count_cases() == 2


def test_ask_returns_how_many_were_erased(
    qtbot: QtBot, store: Store, old_cases: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(EraseConfirmDialog, "ask", Answers(True))

    def exec_and_erase_all(dialog: RetentionDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.erase_all_button.click()
        return 0

    monkeypatch.setattr(RetentionDialog, "exec", exec_and_erase_all)
    assert RetentionDialog.ask(None, store) == 3


def test_the_confirmation_needs_the_word_typed(qtbot: QtBot) -> None:
    dialog = EraseConfirmDialog(None, 2)
    qtbot.addWidget(dialog)
    assert dialog.erase_button.text() == "Erase 2 cases" and not dialog.erase_button.isEnabled()
    dialog.accept()
    assert dialog.result() != EraseConfirmDialog.DialogCode.Accepted
    qtbot.keyClicks(dialog.word, "erase")
    assert dialog.erase_button.isEnabled()
    dialog.erase_button.click()
    assert dialog.result() == EraseConfirmDialog.DialogCode.Accepted
