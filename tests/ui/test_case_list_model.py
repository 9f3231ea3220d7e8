"""The case list model: a correct Qt model that reads the store a page at a time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from restorative_desk.records import Case, CaseFilter, ReferralSource, Setting, Status
from restorative_desk.store import Store
from ui.case_list_model import (
    CASE_ID_ROLE,
    COLUMNS,
    NEXT_ACTION_COLUMN,
    REFERRAL_COLUMN,
    SORT_ROLE,
    STATUS_COLUMN,
    CaseListModel,
)

AddCases = Callable[..., list[Case]]


def test_passes_the_qt_model_checks(
    store: Store, add_cases: AddCases, qtmodeltester: ModelTester
) -> None:
    add_cases(store, 30)
    model = CaseListModel(store, page_size=10)
    model.set_filter(CaseFilter())
    qtmodeltester.check(model, force_py=True)
    model.fetchMore(QModelIndex())
    model.refresh()
    model.set_filter(CaseFilter(settings=frozenset({Setting.SCHOOL})))


def test_an_empty_store_gives_an_empty_list(store: Store, qtmodeltester: ModelTester) -> None:
    model = CaseListModel(store)
    model.set_filter(CaseFilter())
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 0
    assert not model.canFetchMore(QModelIndex())


def test_fetches_a_page_at_a_time_and_never_everything(
    store: Store, add_cases: AddCases, qtbot: QtBot
) -> None:
    add_cases(store, 450)
    model = CaseListModel(store)
    model.set_filter(CaseFilter())
    assert model.rowCount() == 200
    assert model.canFetchMore(QModelIndex())

    with qtbot.wait_signal(model.rowsInserted):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 400
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 450
    assert not model.canFetchMore(QModelIndex())

    ids = [model.case_id_at(row) for row in range(model.rowCount())]
    assert len(set(ids)) == 450, "pages must neither overlap nor skip cases"


def test_newest_referral_first_with_readable_dates(store: Store, add_cases: AddCases) -> None:
    add_cases(store, 4, start=date(2026, 11, 2))
    model = CaseListModel(store)
    model.set_filter(CaseFilter())
    first = model.index(0, REFERRAL_COLUMN)
    assert first.data() == "2 Nov 2026"
    assert first.data(SORT_ROLE) == "2026-11-02"
    assert model.index(3, REFERRAL_COLUMN).data() == "1 Nov 2026"
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))] == list(
        COLUMNS
    )


def test_status_is_words_and_the_summary_is_a_tooltip(store: Store) -> None:
    case = store.create_case(
        Case(
            setting=Setting.CARE_HOME,
            organisation="Maple Lodge",
            referral_source=ReferralSource.CARE_HOME,
            referral_date=date(2026, 10, 1),
            summary="Broken door after an argument about phone time.",
            next_action_date=date(2026, 11, 1),
        )
    )
    model = CaseListModel(store)
    model.set_filter(CaseFilter())
    assert model.index(0, STATUS_COLUMN).data() == "Referred"
    assert model.index(0, NEXT_ACTION_COLUMN).data() == "1 Nov 2026 (overdue)"
    tooltip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Broken door" in tooltip
    assert model.index(0, 3).data(CASE_ID_ROLE) == case.id
    assert model.case_id_at(0) == case.id
    assert model.row_of(case.id) == 0
    assert model.case_id_at(1) is None
    assert model.row_of("no-such-case") is None


def test_filter_narrows_and_starts_again(store: Store, add_cases: AddCases) -> None:
    add_cases(store, 40)
    model = CaseListModel(store)
    model.set_filter(CaseFilter(settings=frozenset({Setting.SCHOOL})))
    assert model.rowCount() == 10
    model.set_filter(CaseFilter(search="Riverside"))
    assert 0 < model.rowCount() < 10
    assert all(
        "Riverside" in model.index(row, 2).data() for row in range(model.rowCount())
    )


def test_refresh_reports_only_the_changed_row(
    store: Store, add_cases: AddCases, qtbot: QtBot
) -> None:
    cases = add_cases(store, 5)
    model = CaseListModel(store)
    model.set_filter(CaseFilter())
    store.move_case(cases[2].id, Status.INITIAL_ENGAGEMENT)
    row = model.row_of(cases[2].id)
    assert row is not None
    with (
        qtbot.wait_signal(model.dataChanged) as changed,
        qtbot.assert_not_emitted(model.modelReset),
    ):
        model.refresh()
    assert changed.args is not None
    assert changed.args[0].row() == row
    assert model.index(row, STATUS_COLUMN).data() == "Initial engagement"


def test_refresh_keeps_roughly_the_loaded_rows(store: Store, add_cases: AddCases) -> None:
    add_cases(store, 450)
    model = CaseListModel(store)
    model.set_filter(CaseFilter())
    model.fetchMore(QModelIndex())
    add_cases(store, 1, start=date(2026, 11, 25))
    model.refresh()
    assert model.rowCount() == 400
    assert model.index(0, 0).data() == "RD-2026-0451"


def test_load_through_stops_where_the_case_would_be(store: Store, add_cases: AddCases) -> None:
    cases = add_cases(store, 450)
    model = CaseListModel(store, page_size=50)
    model.set_filter(CaseFilter())
    target = cases[260]
    assert model.load_through(target) == model.row_of(target.id)
    assert model.rowCount() == 300

    model.set_filter(CaseFilter(settings=frozenset({Setting.YOS})))
    school_case = next(c for c in cases if c.setting is Setting.SCHOOL)
    old = replace(school_case, referral_date=date(2026, 11, 19))
    assert model.load_through(old) is None
    assert model.rowCount() == 50, "stops once past the case's place in the list"
