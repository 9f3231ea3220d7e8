"""The pilot log's day view: one day's entries (at one school or all) to check and correct.
Enter or double-click corrects an entry in the quick entry form; Delete removes one after
asking; Alt+Left and Alt+Right go to the day before and after."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.formatting import format_date
from restorative_desk.pilots.checks import year_groups_text
from restorative_desk.pilots.records import PilotEntry
from restorative_desk.pilots.words import entry_summary
from restorative_desk.store import Store
from restorative_desk.store.errors import StoreError

from . import widgets
from .record_table import Index, RecordTableModel
from .widgets import ValueComboBox, from_qdate, make_date_edit, to_qdate

HEADERS = ("School", "Session", "Years", "Pupils", "Staff", "About", "Outcome", "Follow-up",
           "By", "Note")
SCHOOL_COLUMN, NUMBER_COLUMNS = 0, (3, 4)
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
ALL_PLACES = "All schools and others"



class PilotDayModel(RecordTableModel[PilotEntry]):
    """A thin table over one day's pilot entries (the actual entries: records, not figures)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(HEADERS, parent)
        self._names: dict[str, str] = {}

    def set_entries(self, entries: list[PilotEntry], names: dict[str, str]) -> None:
        self._names = dict(names)
        self.set_records(entries)

    def entry_at(self, row: int) -> PilotEntry | None:
        return self.record_at(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        entry = self.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(entry, index.column())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{HEADERS[index.column()]}: {self._text(entry, index.column()) or 'none'}"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ENTRY_ROLE:
            return entry
        return None

    def _text(self, entry: PilotEntry, column: int) -> str:
        texts = (
            self._names.get(entry.organisation_id, ""),
            entry.activity.label,
            year_groups_text(entry.year_groups),
            str(entry.pupils),
            str(entry.staff),
            entry.topic.label if entry.topic else "",
            entry.outcome.label if entry.outcome else "",
            format_date(entry.follow_up_date) if entry.follow_up_date else "",
            entry.staff_initials,
            entry.note,
        )
        return texts[column]


class PilotDayView(QWidget):
    """A day's entries; reads the store when the day or school changes, or on `refresh()`."""

    edit_requested = Signal(object)  # a PilotEntry to correct in the quick entry form
    entry_deleted = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.day = make_date_edit(store.today(), "Day")
        self.place: ValueComboBox[str] = ValueComboBox([], "School or organisation")
        self.previous_button = QPushButton("◀ &Previous")
        self.previous_button.setToolTip("The day before (Alt+Left)")
        self.next_button = QPushButton("Ne&xt ▶")
        self.next_button.setToolTip("The day after (Alt+Right)")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("The day in short")
        self.model = PilotDayModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("The day's pilot entries")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.correct_button = QPushButton("&Correct…")
        self.correct_button.setToolTip("Correct the chosen entry (Enter)")
        self.remove_button = QPushButton("&Remove…")
        self.remove_button.setToolTip("Remove the chosen entry (Delete)")
        self._build()
        self._connect()
        self.reload_organisations()
        self._load()

    def _build(self) -> None:
        # Two short rows, so the view fits beside the case details in a narrow window.
        top = QVBoxLayout()
        for text, field, extras in (("&Day", self.day, (self.previous_button, self.next_button)),
                                    ("&School", self.place, ())):
            row = QHBoxLayout()
            label = QLabel(text)
            label.setBuddy(field)
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance("School") + 8)
            row.addWidget(label)
            row.addWidget(field)
            for extra in extras:
                row.addWidget(extra)
            row.addStretch(1)
            top.addLayout(row)
        self.place.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.place.setMinimumContentsLength(24)
        buttons = QHBoxLayout()
        buttons.addWidget(self.correct_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        hint = QLabel("Enter or double-click corrects an entry; Delete removes it.")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)

    def _connect(self) -> None:
        for keys, button in (("Alt+Left", self.previous_button), ("Alt+Right", self.next_button)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(button.click)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_chosen)
        self.previous_button.clicked.connect(self._on_previous_button_clicked)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.day.dateChanged.connect(self._load)
        self.place.currentIndexChanged.connect(self._load)
        self.table.activated.connect(self._on_table_activated)
        self.correct_button.clicked.connect(self._on_correct_button_clicked)
        self.remove_button.clicked.connect(self.remove_chosen)

    # -- public -----------------------------------------------------------------------------

    def show_day(self, day: date, organisation_id: str = "") -> None:
        """Show `day` (at one organisation, or all when empty)."""
        if organisation_id:
            self.place.set_value(organisation_id)
        self.day.setDate(to_qdate(day))
        self._load()

    def chosen(self) -> PilotEntry | None:
        return self.model.entry_at(self.table.currentIndex().row())

    def refresh(self) -> None:
        """Read the day's entries again (after a save elsewhere)."""
        self._load()

    def reload_organisations(self) -> None:
        """Every organisation (retired ones too: their old entries can still be checked)."""
        self._names = {o.id: o.name for o in self._store.organisations()}
        self.place.set_items([(ALL_PLACES, ""), *((n, i) for i, n in self._names.items())])

    def remove_chosen(self) -> bool:
        """Remove the chosen entry once the user says so; True when it was removed."""
        entry = self.chosen()
        if entry is None:
            return False
        when = format_date(entry.session_date)
        if not widgets.confirm(self, "Remove this entry?",
                               f"Remove the entry for {entry_summary(entry)} on {when}? "
                               "This cannot be undone.", "Remove"):
            return False
        try:
            self._store.delete_pilot_entry(entry.id)
        except StoreError as error:
            widgets.tell(self, "Not removed", f"The entry was not removed. {error}")
            return False
        row = self.table.currentIndex().row()
        self._load()
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))
        self.summary.setText(f"Removed: {entry_summary(entry)}. {self.summary.text()}")
        self.entry_deleted.emit(entry.id)
        return True

    # -- loading ----------------------------------------------------------------------------

    def _load(self) -> None:
        day = from_qdate(self.day.date())
        place = self.place.value() if self.place.count() else ""
        entries = self._store.pilot_entries_on(day, place or None)
        self.model.set_entries(entries, self._names)
        self.table.setColumnHidden(SCHOOL_COLUMN, bool(place))
        self.table.resizeColumnsToContents()
        count = len(entries)
        where = self._names.get(place, "") if place else "across all schools and others"
        said = f"{count} entr{'y' if count == 1 else 'ies'}" if count else "No entries"
        self.summary.setText(f"{said} on {format_date(day)}{' at ' if place else ' '}{where}.")
        has = bool(count)
        self.correct_button.setEnabled(has)
        self.remove_button.setEnabled(has)
        if has and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 1))

    # -- slots ------------------------------------------------------------------------------

    def _on_previous_button_clicked(self) -> None:
        self.day.setDate(to_qdate(from_qdate(self.day.date()) - timedelta(days=1)))

    def _on_next_button_clicked(self) -> None:
        self.day.setDate(to_qdate(from_qdate(self.day.date()) + timedelta(days=1)))

    def _on_table_activated(self, index: QModelIndex) -> None:
        entry = self.model.entry_at(index.row())
        if entry is not None:
            self.edit_requested.emit(entry)

    def _on_correct_button_clicked(self) -> None:
        entry = self.chosen()
        if entry is not None:
            self.edit_requested.emit(entry)
