"""The pilot overview for one school: sessions by activity per month, outcomes, follow-ups due
and training delivered, over a date range. Text tables (the dashboard draws the charts); every
count from 1 to 4 is shown as "<5"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.formatting import format_date
from restorative_desk.pilots.checks import year_groups_text
from restorative_desk.pilots.overview import PilotOverview, school_year_start
from restorative_desk.pilots.records import PilotEntry
from restorative_desk.reports.figures import (
    HIDDEN,
    HIDDEN_MEANING,
    WITHHELD,
    FigureTable,
    with_hidden_note,
)
from restorative_desk.store import Store
from restorative_desk.store.errors import StoreError

from .widgets import ValueComboBox, from_qdate, make_date_edit

FOLLOW_UP_HEADERS = ("Follow-up", "Session on", "Kind of session", "Years", "By")
SMALL_COUNTS = (f"Counts from 1 to 4 are shown as {WITHHELD}, so no child can be identified; "
                f"“{HIDDEN}” is a count of 5 or more kept back so a {WITHHELD} cannot be worked "
                "out from a total.")  # fmt: skip
NO_FOLLOW_UPS = "No follow-ups are due in the coming week or were due in the last four weeks."
NO_PLACES = "Add schools and organisations in Settings (Tools ▸ Settings) to see an overview."


class PilotOverviewView(QWidget):
    """Choose a school and dates; the overview is read again whenever either changes."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._stale = True
        today = store.today()
        self.place: ValueComboBox[str] = ValueComboBox([], "School or organisation")
        self.start = make_date_edit(school_year_start(today), "First day")
        self.end = make_date_edit(today, "Last day")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("The overview in short")
        self.overview: PilotOverview | None = None
        self.tables: dict[str, tuple[QLabel, QTableWidget, QLabel]] = {}
        self.follow_ups = _read_only_table("Follow-ups due")
        self.follow_ups_note = QLabel()
        self.follow_ups_note.setWordWrap(True)
        self._build()
        self.reload_organisations()
        self.place.currentIndexChanged.connect(self.refresh)
        self.start.dateChanged.connect(self.refresh)
        self.end.dateChanged.connect(self.refresh)

    def _build(self) -> None:
        # The school on one row and the dates on the next: narrow enough to sit beside a case.
        top = QVBoxLayout()
        self.place.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.place.setMinimumContentsLength(18)
        for fields in ((("&School", self.place),), (("Fro&m", self.start), ("&Until", self.end))):
            row = QHBoxLayout()
            for text, field in fields:
                label = QLabel(text)
                label.setBuddy(field)
                row.addWidget(label)
                row.addWidget(field, 1 if field is self.place else 0)
            if len(fields) > 1:
                row.addStretch(1)
            top.addLayout(row)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.summary)
        for key in ("by_month", "outcomes", "training"):
            title, table, note = _heading(""), _read_only_table(key), QLabel()
            note.setWordWrap(True)
            self.tables[key] = (title, table, note)
            column.addWidget(title)
            column.addWidget(table)
            column.addWidget(note)
            if key == "outcomes":
                column.addWidget(_heading("Follow-ups due"))
                column.addWidget(self.follow_ups)
                column.addWidget(self.follow_ups_note)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

    # -- public -----------------------------------------------------------------------------

    def reload_organisations(self) -> None:
        """Every organisation, retired ones too (their past sessions still count)."""
        places = self._store.organisations()
        blocked = self.place.blockSignals(True)
        self.place.set_items((o.name if o.active else f"{o.name} (retired)", o.id) for o in places)
        self.place.blockSignals(blocked)
        self.refresh()

    def refresh(self) -> None:
        """Read the overview again now if on screen, otherwise when next shown."""
        self._stale = True
        if self.isVisible():
            self._load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._load()

    def load(self) -> None:
        """Read the overview now (also when not on screen)."""
        self._load()

    # -- loading ----------------------------------------------------------------------------

    def _load(self) -> None:
        self._stale = False
        place = self.place.value() if self.place.count() else None
        start, end = from_qdate(self.start.date()), from_qdate(self.end.date())
        self.overview = None
        if not place:
            self._show_nothing(NO_PLACES)
            return
        if start > end:
            self._show_nothing("The first day is after the last day: choose the dates again.")
            return
        try:
            overview = self._store.pilot_overview(place, start, end)
        except StoreError as error:
            self._show_nothing(f"The overview could not be read. {error}")
            return
        self.overview = overview
        self.summary.setText(
            f"{overview.organisation.name}: {overview.sessions.text} sessions recorded from "
            f"{format_date(start)} to {format_date(end)}. {SMALL_COUNTS}")
        for key, table in (("by_month", overview.by_month), ("outcomes", overview.outcomes),
                           ("training", overview.training)):
            self._show_table(key, table)
        self._show_follow_ups(overview.follow_ups)

    def _show_nothing(self, words: str) -> None:
        self.summary.setText(words)
        for title, table, note in self.tables.values():
            for part in (title, table, note):
                part.hide()
        self.follow_ups.hide()
        self.follow_ups_note.hide()

    def _show_table(self, key: str, figures: FigureTable) -> None:
        title, table, note = self.tables[key]
        title.setText(figures.title)
        title.show()
        table.setAccessibleName(figures.title)
        if figures.is_empty:
            table.hide()
            note.setText("Nothing recorded in these dates.")
            note.show()
            return
        headers = [figures.row_heading, *(_two_lines(c) for c in figures.columns)]
        table.clear()
        table.setColumnCount(len(headers))
        table.setRowCount(len(figures.rows))
        table.setHorizontalHeaderLabels(headers)
        for row, figure_row in enumerate(figures.rows):
            table.setItem(row, 0, QTableWidgetItem(figure_row.label))
            for column, cell in enumerate(figure_row.cells, start=1):
                item = QTableWidgetItem(cell.text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if cell.text == HIDDEN:
                    item.setToolTip(f"5 or more: {HIDDEN_MEANING}")
                elif cell.withheld:
                    item.setToolTip("Between 1 and 4: withheld so no child can be identified")
                table.setItem(row, column, item)
        _fit(table)
        table.show()
        words = with_hidden_note(figures.note, figures)
        note.setText(words)
        note.setVisible(bool(words))

    def _show_follow_ups(self, entries: tuple[PilotEntry, ...]) -> None:
        today = self._store.today()
        table = self.follow_ups
        table.clear()
        table.setColumnCount(len(FOLLOW_UP_HEADERS))
        table.setHorizontalHeaderLabels(list(FOLLOW_UP_HEADERS))
        table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            assert entry.follow_up_date is not None
            when = format_date(entry.follow_up_date)
            if entry.follow_up_date < today:
                when += " (passed)"  # said in words, never by colour alone
            for column, text in enumerate((
                when, format_date(entry.session_date), entry.activity.label,
                year_groups_text(entry.year_groups), entry.staff_initials,
            )):
                table.setItem(row, column, QTableWidgetItem(text))
        _fit(table)
        table.setVisible(bool(entries))
        self.follow_ups_note.setText(
            NO_FOLLOW_UPS if not entries else
            "Due in the coming week, or passed in the last four weeks (earliest first).")
        self.follow_ups_note.show()


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    label.setContentsMargins(0, 10, 0, 0)
    return label


def _read_only_table(name: str) -> QTableWidget:
    table = QTableWidget()
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.horizontalHeader().setHighlightSections(False)
    return table


def _two_lines(heading: str) -> str:
    """A long column heading on two lines, so the table stays narrow."""
    if len(heading) <= 12 or " " not in heading:
        return heading
    middle = len(heading) // 2
    spaces = [i for i, char in enumerate(heading) if char == " "]
    split = min(spaces, key=lambda i: abs(i - middle))
    return f"{heading[:split]}\n{heading[split + 1:]}"


def _fit(table: QTableWidget) -> None:
    """Columns fitted to their words, and the table as tall as its rows (the page scrolls)."""
    table.resizeColumnsToContents()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.resizeRowsToContents()
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(row) for row in range(table.rowCount()))
    if table.horizontalScrollBar().isVisible() or table.horizontalHeader().length() > table.width():
        height += table.horizontalScrollBar().sizeHint().height()
    table.setFixedHeight(height)
    # No empty space beside the columns: the table is as wide as they are (or the page).
    table.setMaximumWidth(table.horizontalHeader().length() + 2 * table.frameWidth())

