"""The audit trail dialog: newest first, readable columns, filters, and the seal check."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from restorative_desk.store import Store
from restorative_desk.store.audit import AuditAction
from tests.ui.conftest import AddCases
from ui.audit_dialog import (
    COLUMNS,
    ERASED_CASE,
    MAX_ROWS,
    RECORD_COLUMN,
    WHAT_COLUMN,
    WHEN_COLUMN,
    WHO_COLUMN,
    AuditDialog,
    AuditTableModel,
    describe_detail,
    describe_time,
)

EARLIER = datetime(2026, 10, 2, 9, 0, tzinfo=UTC)


def make_dialog(qtbot: QtBot, store: Store, case_id: str = "") -> AuditDialog:
    dialog = AuditDialog(None, store, case_id)
    qtbot.addWidget(dialog)
    return dialog


def column(dialog: AuditDialog, number: int) -> list[str]:
    return [dialog.model.text(row, number) for row in range(dialog.model.rowCount())]


@pytest.fixture
def trail(store: Store, add_cases: AddCases) -> list[str]:
    """Two cases (one later erased) and entries by two people on two days; the case ids."""
    with store.recording_as(EARLIER, "Sam Okoro"):
        first, second = add_cases(store, 2, start=date(2026, 9, 30))
    store.record_view(first.id)
    store.erase_case(second.id)
    return [first.id, second.id]


def test_newest_first_with_readable_columns(
    qtbot: QtBot, store: Store, trail: list[str], qtmodeltester: object
) -> None:
    dialog = make_dialog(qtbot, store)
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    headers = [dialog.model.headerData(n, Qt.Orientation.Horizontal) for n in range(6)]
    assert headers == list(COLUMNS)
    whats = column(dialog, WHAT_COLUMN)
    assert whats[:2] == ["Erase", "View"] and whats[-1] == "Create"
    assert column(dialog, WHEN_COLUMN)[0] == describe_time(datetime(2026, 11, 26, 10, tzinfo=UTC))
    assert column(dialog, WHO_COLUMN)[0] == "Test Facilitator"
    records = column(dialog, RECORD_COLUMN)
    assert records[0] == f"Case ({ERASED_CASE})"
    reference = store.get_case(trail[0]).reference
    assert f"Case ({reference})" in records
    assert dialog.count_note.text() == f"{dialog.model.rowCount()} entries"


def test_describe_time_is_local_and_plain() -> None:
    moment = datetime(2026, 11, 26, 14, 5).astimezone()
    assert describe_time(moment) == "26 Nov 2026, 14:05"


def test_filters_narrow_by_action_person_date_and_case(
    qtbot: QtBot, store: Store, trail: list[str]
) -> None:
    dialog = make_dialog(qtbot, store, case_id=trail[0])
    assert dialog.case_only.isChecked()
    case_rows = dialog.model.rowCount()
    assert case_rows and all(dialog.model.entry_at(n).case_id == trail[0] for n in range(case_rows))
    dialog.case_only.setChecked(False)
    everything = dialog.model.rowCount()
    assert everything > case_rows

    dialog.action_filter.set_value(AuditAction.ERASE)
    assert column(dialog, WHAT_COLUMN) == ["Erase"]
    dialog.action_filter.set_value(None)

    dialog.person_filter.set_value("Sam Okoro")
    assert set(column(dialog, WHO_COLUMN)) == {"Sam Okoro"}
    dialog.person_filter.set_value("")

    dialog.date_to.set_value(date(2026, 10, 2))
    assert set(column(dialog, WHO_COLUMN)) == {"Sam Okoro"}
    dialog.date_to.set_value(None)
    dialog.date_from.set_value(date(2026, 11, 26))
    assert "Sam Okoro" not in column(dialog, WHO_COLUMN)
    dialog.date_from.set_value(date(2026, 11, 27))
    assert dialog.model.rowCount() == 0 and dialog.count_note.text().startswith("No entries")


def test_check_the_trail_says_whole_or_names_the_problem(
    qtbot: QtBot, store: Store, trail: list[str]
) -> None:
    dialog = make_dialog(qtbot, store)
    dialog.check_button.click()
    checked = store.audit.verify().checked
    assert dialog.check_result.text() == f"The trail is whole: {checked} entries checked."

    store._conn.execute("UPDATE audit_log SET actor = 'Someone else' WHERE seq = 2")
    dialog.check_button.click()
    assert "Entry 2 of the audit trail has been changed." in dialog.check_result.text()


def test_a_long_trail_is_capped_with_a_note(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ui.audit_dialog.MAX_ROWS", 3)
    for _ in range(5):
        store.record_event(AuditAction.PRINT, record_type="letter")
    dialog = make_dialog(qtbot, store)
    assert dialog.model.rowCount() == 3
    assert dialog.count_note.text().startswith("Showing the newest 3 entries")
    assert MAX_ROWS == 2000


def test_each_case_is_looked_up_once(
    store: Store, trail: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    model = AuditTableModel(store)
    asked: list[str] = []
    real = store.get_case
    monkeypatch.setattr(store, "get_case", lambda case_id: asked.append(case_id) or real(case_id))
    model.set_entries(store.audit.entries())
    for row in range(model.rowCount()):
        model.text(row, RECORD_COLUMN)
    assert sorted(asked) == sorted(trail)


def test_stage_moves_and_field_names_read_as_words() -> None:
    assert describe_detail("referred -> initial_engagement") == (
        "Referred \N{RIGHTWARDS ARROW} Initial engagement"
    )
    assert describe_detail("restorative-desk-2026-11-26-140500.rdbackup").endswith(".rdbackup")
