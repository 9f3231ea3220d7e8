"""The "Due and overdue" view: across all cases, reviews due this week, actions past their date
and preparation deadlines, overdue first, each in words. Activating one opens its case."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.agreements.due_words import what_words, when_words
from restorative_desk.agreements.follow_up import DueItem
from restorative_desk.store import Store

from .record_table import Index, RecordTableModel

WHEN_COLUMN, WHAT_COLUMN = range(2)
HEADERS = ("When, and the case", "What")
DUE_ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
NOTHING_DUE = "Nothing is overdue, and nothing is due in the coming week."



class DueModel(RecordTableModel[DueItem]):
    """A thin table over the store's due items: when (in words) with the case reference, and
    what is due with its kind."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(HEADERS, parent)
        self._today = date.today()

    def set_items(self, items: list[DueItem], today: date) -> None:
        """Show these items (already in order: overdue first, then by date)."""
        self._today = today
        self.set_records(items)

    def item_at(self, row: int) -> DueItem | None:
        return self.record_at(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        item = self.item_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.AccessibleTextRole):
            return self._text(item, index.column())
        if role == Qt.ItemDataRole.FontRole and item.overdue:
            font = QFont()
            font.setBold(True)  # besides the words "overdue since", never instead of them
            return font
        if role == DUE_ITEM_ROLE:
            return item
        return None

    def _text(self, item: DueItem, column: int) -> str:
        if column == WHEN_COLUMN:  # two short lines, so the words beside them have room
            words = when_words(item, self._today)
            return f"{words[:1].upper()}{words[1:]}\n{item.reference}"
        return what_words(item)  # with its kind: "Action: …", "Review …", "Deadline: …"


class DueView(QWidget):
    """Everything due across cases. Reads the store when first shown and again after
    `refresh()` (only while it is on screen, so a busy case list never waits for it)."""

    case_chosen = Signal(str)  # a case id

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._stale = True
        self._model = DueModel(self)
        self._summary = QLabel()
        self._summary.setWordWrap(True)
        self._summary.setAccessibleName("What is due, in short")
        self._table = QTableView()
        self._table.setModel(self._model)
        self._table.setAccessibleName("Due and overdue")
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setTabKeyNavigation(False)
        self._table.setAlternatingRowColors(True)
        self._table.setWordWrap(True)
        self._table.verticalHeader().hide()
        header = self._table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._table.activated.connect(self._on_table_activated)
        hint = QLabel("Press Enter or double-click to open the case.")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addWidget(self._summary)
        layout.addWidget(self._table, 1)
        layout.addWidget(hint)

    @property
    def model(self) -> DueModel:
        return self._model

    @property
    def table(self) -> QTableView:
        return self._table

    @property
    def summary(self) -> QLabel:
        return self._summary

    def refresh(self) -> None:
        """Read what is due again now if on screen, otherwise when next shown."""
        self._stale = True
        if self.isVisible():
            self._load()

    def focus_list(self) -> None:
        """Put the keyboard in the list (the first row chosen if none is)."""
        if self._stale:
            self._load()
        if not self._table.currentIndex().isValid() and self._model.rowCount():
            self._table.setCurrentIndex(self._model.index(0, 0))
        self._table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._load()

    def _load(self) -> None:
        self._stale = False
        today = self._store.today()
        chosen = self._model.item_at(self._table.currentIndex().row())
        items = self._store.due_items(today)
        self._model.set_items(items, today)
        self._summary.setText(_summary_words(items))
        self._fit_columns()
        self._table.resizeRowsToContents()
        if chosen is not None:
            for row, item in enumerate(items):
                if (item.case_id, item.kind, item.label) == (
                        chosen.case_id, chosen.kind, chosen.label):
                    self._table.setCurrentIndex(self._model.index(row, 0))
                    break

    def _fit_columns(self) -> None:
        bold = QFont(self._table.font())
        bold.setBold(True)  # overdue rows are bold, so measure the widest way
        metrics = QFontMetrics(bold)
        padding = 3 * metrics.averageCharWidth()
        width = max(metrics.horizontalAdvance("Overdue since 30 Sep 2026"),
                    metrics.horizontalAdvance(HEADERS[WHEN_COLUMN]))
        self._table.setColumnWidth(WHEN_COLUMN, width + padding)

    def _on_table_activated(self, index: QModelIndex) -> None:
        item = self._model.item_at(index.row())
        if item is not None:
            self.case_chosen.emit(item.case_id)


def _summary_words(items: list[DueItem]) -> str:
    if not items:
        return NOTHING_DUE
    overdue = sum(item.overdue for item in items)
    coming = len(items) - overdue
    parts = []
    if overdue:
        parts.append(f"{overdue} overdue")
    if coming:
        parts.append(f"{coming} due in the coming week")
    return f"Across all cases: {' and '.join(parts)}. Overdue things come first."
