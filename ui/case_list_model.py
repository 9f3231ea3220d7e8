"""The case list as a Qt table model: a thin, lazily paged adapter over `Store.case_rows`."""

from __future__ import annotations

import textwrap
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from restorative_desk.formatting import format_date
from restorative_desk.records import Case, CaseFilter, CaseRow, Setting
from restorative_desk.rules import ACTIVE_STATUSES
from restorative_desk.store import Store, StoreError

from .models import column_header

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The case's id (a str) for any cell of its row."""

SORT_ROLE = Qt.ItemDataRole.UserRole
"""A value that sorts as the column should: ISO dates, plain text otherwise."""

COLUMNS = (
    "Reference",
    "Setting",
    "Organisation",
    "Status",
    "Referral date",
    "Facilitator",
    "Next action",
)
(
    REFERENCE_COLUMN,
    SETTING_COLUMN,
    ORGANISATION_COLUMN,
    STATUS_COLUMN,
    REFERRAL_COLUMN,
    FACILITATOR_COLUMN,
    NEXT_ACTION_COLUMN,
) = range(len(COLUMNS))

PAGE_SIZE = 200

# The list is narrow; the full name of the setting is in the row's tooltip and the details.
SHORT_SETTING_LABELS = {
    Setting.SCHOOL: "School",
    Setting.CARE_HOME: "Care home",
    Setting.YOS: "YOS",
    Setting.COMMUNITY: "Community",
}

AnyIndex = QModelIndex | QPersistentModelIndex


class CaseListModel(QAbstractTableModel):
    """Cases matching a filter, newest referral first, fetched a page at a time."""

    load_failed = Signal(str)
    """A page could not be read; the message is a sentence for the user."""

    def __init__(
        self, store: Store, *, page_size: int = PAGE_SIZE, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._page_size = page_size
        self._filter = CaseFilter()
        self._rows: list[CaseRow] = []
        self._exhausted = False
        self._today = store.today()

    # -- what the window asks for ----------------------------------------------------------

    @property
    def case_filter(self) -> CaseFilter:
        """The filter the list is showing."""
        return self._filter

    def set_filter(self, case_filter: CaseFilter) -> None:
        """Show the cases matching `case_filter`, starting again from the first page."""
        self.beginResetModel()
        self._filter = case_filter
        self._rows = []
        self._exhausted = False
        self._rows = self._read(None, self._page_size)
        self.endResetModel()

    def refresh(self) -> None:
        """Read the list again after a change, keeping about as many rows loaded as before.

        When the same cases are still in the same order only the changed rows are reported,
        so the view keeps its selection and scroll position.
        """
        wanted = max(len(self._rows), self._page_size)
        fresh = self._read(None, wanted)
        if [row.id for row in fresh] == [row.id for row in self._rows]:
            for number, (old, new) in enumerate(zip(self._rows, fresh, strict=True)):
                if old != new:
                    self._rows[number] = new
                    self.dataChanged.emit(
                        self.index(number, 0), self.index(number, len(COLUMNS) - 1)
                    )
            return
        self.beginResetModel()
        self._rows = fresh
        self.endResetModel()

    def case_id_at(self, row: int) -> str | None:
        """The id of the case on `row`, or None outside the loaded rows."""
        if 0 <= row < len(self._rows):
            return self._rows[row].id
        return None

    def case_row_at(self, row: int) -> CaseRow | None:
        """What the list knows about the case on `row`, or None outside the loaded rows."""
        if 0 <= row < len(self._rows):
            return self._rows[row]
        return None

    def row_of(self, case_id: str) -> int | None:
        """The row showing `case_id` among the loaded rows, or None."""
        for number, row in enumerate(self._rows):
            if row.id == case_id:
                return number
        return None

    def load_through(self, case: Case) -> int | None:
        """Fetch pages until `case` is loaded or could no longer appear; its row, or None.

        The list is ordered newest referral first (then by reference), so fetching stops once
        the loaded rows have passed where the case would sit: it never loads the whole list.
        """
        key = (case.referral_date, case.reference)
        while True:
            found = self.row_of(case.id)
            if found is not None:
                return found
            if self._exhausted or (self._rows and _key(self._rows[-1]) < key):
                return None
            self.fetchMore(QModelIndex())

    # -- QAbstractTableModel -------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid() or self._exhausted:
            return
        page = self._read(self._rows[-1] if self._rows else None, self._page_size)
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        return column_header(COLUMNS, section, orientation, role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(row)
        if role == CASE_ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return _sort_value(row, column)
        return None

    # -- internals -----------------------------------------------------------------------

    def _read(self, after: CaseRow | None, limit: int) -> list[CaseRow]:
        """One read from the store; a failure ends paging and is reported, never raised into Qt."""
        try:
            page = self._store.case_rows(self._filter, after=after, limit=limit)
        except StoreError as error:
            self._exhausted = True
            self.load_failed.emit(str(error))
            return []
        self._exhausted = len(page) < limit
        self._today = self._store.today()
        return page

    def _display(self, row: CaseRow, column: int) -> str:
        if column == REFERENCE_COLUMN:
            return row.reference
        if column == SETTING_COLUMN:
            return SHORT_SETTING_LABELS[row.setting]
        if column == ORGANISATION_COLUMN:
            return row.organisation
        if column == STATUS_COLUMN:
            return row.status.label
        if column == REFERRAL_COLUMN:
            return format_date(row.referral_date)
        if column == FACILITATOR_COLUMN:
            return row.facilitator or "Not assigned"
        if column == NEXT_ACTION_COLUMN:
            return self._next_action_text(row)
        return ""

    def _next_action_text(self, row: CaseRow) -> str:
        if row.next_action_date is None:
            return ""
        text = format_date(row.next_action_date)
        if row.status in ACTIVE_STATUSES and row.next_action_date < self._today:
            # Said in words, not only shown in colour.
            text += " (overdue)"
        return text


def _key(row: CaseRow) -> tuple[date, str]:
    return (row.referral_date, row.reference)


def _tooltip(row: CaseRow) -> str:
    summary = textwrap.shorten(row.summary.strip(), 400, placeholder=" …") or "No summary yet."
    heading = f"{row.reference} · {row.setting.label} · {row.organisation}\n{row.status.label}"
    return f"{heading}\n" + textwrap.fill(summary, 72)


def _sort_value(row: CaseRow, column: int) -> str:
    if column == REFERRAL_COLUMN:
        return row.referral_date.isoformat()
    if column == NEXT_ACTION_COLUMN:
        return row.next_action_date.isoformat() if row.next_action_date else ""
    if column == STATUS_COLUMN:
        # Stage order, not alphabetical order.
        return f"{list(type(row.status)).index(row.status):02d}"
    if column == SETTING_COLUMN:
        return row.setting.label
    return {
        REFERENCE_COLUMN: row.reference,
        ORGANISATION_COLUMN: row.organisation,
        FACILITATOR_COLUMN: row.facilitator,
    }.get(column, "")
