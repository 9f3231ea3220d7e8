"""Tools ▸ Agreement outcomes…: how closed agreements ended, per setting and month or quarter,
from the core's completion rates. Counts under five are never shown, so no child can be
identified."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.agreements.follow_up import Period, Rate
from restorative_desk.store import Store

HEADERS = ("Setting", "Period", "Closed", "Completed", "Partly", "Not completed",
           "Share completed")
FEWER_THAN_FIVE = "fewer than 5"
WITHHELD = "withheld"
NOTE = (
    "Counts under 5 are never shown, so no child can be identified: “fewer than 5” where "
    "fewer than five agreements closed, “withheld” where one of the outcomes would be under 5."
)
PERIODS: tuple[tuple[str, Period], ...] = (("By quarter", "quarter"), ("By month", "month"))


def rate_cells(rate: Rate) -> list[str]:
    """One row's words: setting, period, then the counts (or why they are not shown)."""
    def count(value: int | None) -> str:
        if value is not None:
            return str(value)
        return FEWER_THAN_FIVE if rate.closed is None else WITHHELD

    share = f"{round(rate.rate * 100)}%" if rate.rate is not None else count(None)
    return [rate.setting.label, rate.period, count(rate.closed), count(rate.completed),
            count(rate.partly_completed), count(rate.not_completed), share]


class OutcomesDialog(QDialog):
    """The completion rates table, by quarter (or month)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Agreement outcomes")
        self._store = store
        self.period = QComboBox()
        for label, _ in PERIODS:
            self.period.addItem(label)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setAccessibleName("Agreement outcomes by setting and period")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty = QLabel("No agreement has closed yet.")
        note = QLabel(NOTE)
        note.setWordWrap(True)
        form = QFormLayout()
        show_label = QLabel("&Show")
        show_label.setBuddy(self.period)
        form.addRow(show_label, self.period)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.period.currentIndexChanged.connect(self._load)
        self.resize(760, 420)
        self._load()

    @classmethod
    def show_for(cls, parent: QWidget, store: Store) -> None:
        """Open the dialog (modal)."""
        cls(store, parent).exec()

    def _load(self) -> None:
        rates = self._store.completion_rates(period=PERIODS[self.period.currentIndex()][1])
        self.table.setRowCount(len(rates))
        for row, rate in enumerate(rates):
            for column, text in enumerate(rate_cells(rate)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.empty.setVisible(not rates)
        self.table.setVisible(bool(rates))
