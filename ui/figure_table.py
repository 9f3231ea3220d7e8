"""A figure table as a Qt table: the row label, then each cell as it is written ("<5" when
withheld, "hidden" when withheld to protect a "<5"), numbers right-aligned, and a tooltip
saying why a figure is not shown."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from restorative_desk.reports.figures import (
    HIDDEN,
    HIDDEN_MEANING,
    NO_DATA,
    WITHHELD,
    Cell,
    FigureTable,
)

WITHHELD_TIP = "Fewer than five: not shown, so no child can be identified."
HIDDEN_TIP = f"Five or more: {HIDDEN_MEANING}."
NO_DATA_TIP = "Nothing recorded to work this out from."
CELL_ROLE = Qt.ItemDataRole.UserRole + 1  # the Count or Measure behind a cell

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class FigureTableModel(QAbstractTableModel):
    """A thin, read-only model over one FigureTable (column 0 is the row's label)."""

    def __init__(self, table: FigureTable, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table = table

    @property
    def table(self) -> FigureTable:
        return self._table

    def set_table(self, table: FigureTable) -> None:
        """Show another table (the same figures for a new filter, usually)."""
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._table.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._table.columns) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._table.columns[section - 1] if section else self._table.row_heading
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section else _LEFT
        return None

    def cell_at(self, row: int, column: int) -> Cell | None:
        """The cell behind (row, column); None for the label column or outside the table."""
        if not (0 <= row < len(self._table.rows) and 1 <= column <= len(self._table.columns)):
            return None
        return self._table.rows[row].cells[column - 1]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._table.rows):
            return None
        row, column = index.row(), index.column()
        if column == 0:
            label = self._table.rows[row].label
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return label
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _LEFT
            return None
        cell = self.cell_at(row, column)
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tip(cell)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _spoken(cell)
        if role == CELL_ROLE:
            return cell
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _spoken(cell: Cell) -> str:
    if cell.text == HIDDEN:
        return "hidden to protect a figure under five"
    return "fewer than five, not shown" if cell.withheld else cell.text


def _tip(cell: Cell) -> str | None:
    if cell.text == HIDDEN:
        return HIDDEN_TIP
    if cell.withheld or cell.text == WITHHELD:
        return WITHHELD_TIP
    if cell.text == NO_DATA:
        return NO_DATA_TIP
    return None


class FigureTableView(QTableView):
    """A compact read-only view of a figure table (arrow keys move; Tab leaves it)."""

    def __init__(self, table: FigureTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(FigureTableModel(table, self))
        self.setAccessibleName(f"{table.title}, as a table")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(48)
        header.setDefaultAlignment(_RIGHT)
        for column in range(1, len(table.columns) + 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def figure_model(self) -> FigureTableModel:
        model = self.model()
        assert isinstance(model, FigureTableModel)
        return model

    def set_table(self, table: FigureTable) -> None:
        self.figure_model().set_table(table)
        self.setAccessibleName(f"{table.title}, as a table")
