"""Settings ▸ Schools and others: the organisations the pilot log and cases refer to. Add one,
rename it or change its kind, retire it (kept for its entries, no longer offered) or bring it
back; delete only one added by mistake, before it has entries. Each change is saved at once."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.pilots.checks import MAX_ORGANISATION_NAME
from restorative_desk.pilots.records import Organisation, OrganisationKind
from restorative_desk.rules import Problem, ValidationError
from restorative_desk.store import Store
from restorative_desk.store.errors import StoreError

from .asking import saved_or_shown
from .widgets import FormMessages, ValueComboBox

HEADERS = ("Name", "Kind", "In use", "Pilot entries")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SAVED_AT_ONCE = (
    "Schools and other organisations taking part in the pilot log. Changes here are saved as "
    "you make them. A retired one keeps its entries but is no longer offered."
)


class OrganisationsPage(QWidget):
    """A list of organisations with a small form under it for the chosen one (or a new one)."""

    organisations_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setAccessibleName("Schools and other organisations")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.name = QLineEdit()
        self.name.setAccessibleName("Name of the school or organisation")
        self.name.setMaxLength(MAX_ORGANISATION_NAME + 20)  # room to see it is too long
        self.name.installEventFilter(self)
        self.kind: ValueComboBox[OrganisationKind] = ValueComboBox(
            [(k.label, k) for k in OrganisationKind], "Kind of organisation")
        self.add_button = QPushButton("&Add as new")
        self.save_button = QPushButton("Save &changes")
        self.retire_button = QPushButton("Re&tire")
        self.delete_button = QPushButton("De&lete")
        self.delete_button.setToolTip("Only for one added by mistake, before it has entries")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("What was changed")
        self.messages = FormMessages()
        self._build()
        self._connect()
        self.reload()

    def _build(self) -> None:
        intro = QLabel(SAVED_AT_ONCE)
        intro.setWordWrap(True)
        form = QFormLayout()
        self.messages.add_row(form, "&Name", "name", self.name)
        self.messages.add_row(form, "&Kind", "kind", self.kind)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.retire_button,
                       self.delete_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.messages.general)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

    def _connect(self) -> None:
        self.table.currentCellChanged.connect(self._on_table_current_cell_changed)
        self.add_button.clicked.connect(self.add)
        self.save_button.clicked.connect(self.save_chosen)
        self.retire_button.clicked.connect(self.toggle_retired)
        self.delete_button.clicked.connect(self.delete_chosen)

    # -- public -----------------------------------------------------------------------------

    def reload(self, choose: str = "") -> None:
        """Read the organisations again, choosing `choose` (an id) if given."""
        chosen = choose or self.chosen_id()
        places = self._store.organisations()
        self.table.setRowCount(len(places))
        for row, place in enumerate(places):
            count = self._store.pilot_entry_count(place.id)
            texts = (place.name, place.kind.label, "Yes" if place.active else "Retired",
                     f"{count:,}")
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, place.id)
                if column == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        for column in range(1, len(HEADERS)):
            self.table.resizeColumnToContents(column)
        rows = [row for row, place in enumerate(places) if place.id == chosen]
        self.table.setCurrentCell(rows[0] if rows else -1, 0 if rows else -1)
        self._show(self._chosen())

    def chosen_id(self) -> str:
        item = self.table.item(self.table.currentRow(), 0)
        return str(item.data(ID_ROLE)) if item is not None else ""

    def add(self) -> Organisation | None:
        """Add what is typed as a new organisation."""
        wanted = Organisation(self.name.text(), self.kind.value())
        saved = saved_or_shown(self.messages, lambda: self._store.add_organisation(wanted),
                               "It was not added.")
        if saved is not None:
            self._done(saved.id, f"Added {saved.name}.")
        return saved

    def save_chosen(self) -> Organisation | None:
        """Save the new name or kind of the chosen organisation."""
        current = self._chosen()
        if current is None:
            return self.add()
        wanted = replace(current, name=self.name.text(), kind=self.kind.value())
        saved = saved_or_shown(self.messages, lambda: self._store.update_organisation(wanted),
                               "The change was not saved.")
        if saved is not None:
            self._done(saved.id, f"Saved {saved.name}.")
        return saved

    def toggle_retired(self) -> Organisation | None:
        """Retire the chosen organisation, or bring a retired one back."""
        current = self._chosen()
        if current is None:
            return None
        saved = saved_or_shown(
            self.messages,
            lambda: self._store.set_organisation_active(current.id, not current.active),
            "The change was not saved.")
        if saved is not None:
            done = "is offered again" if saved.active else "is retired; its entries are kept"
            self._done(saved.id, f"{saved.name} {done}.")
        return saved

    def delete_chosen(self) -> bool:
        """Delete the chosen organisation if it has no entries (otherwise say to retire it)."""
        current = self._chosen()
        if current is None:
            return False
        try:
            self._store.delete_organisation(current.id)
        except (ValidationError, StoreError) as error:
            self.messages.show([Problem("name", str(error))])
            return False
        self._done("", f"Deleted {current.name}.")
        return True

    # -- internals --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the name saves it here (rather than closing Settings)."""
        if (watched is self.name and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.save_chosen()
            return True
        return super().eventFilter(watched, event)

    def _chosen(self) -> Organisation | None:
        chosen = self.chosen_id()
        return self._store.organisation(chosen) if chosen else None

    def _done(self, choose: str, words: str) -> None:
        self.messages.clear()
        self.reload(choose)
        self.status.setText(words)
        self.status.setAccessibleDescription(words)
        self.organisations_changed.emit()

    def _show(self, place: Organisation | None) -> None:
        self.messages.clear()
        self.name.setText(place.name if place else "")
        self.kind.set_value(place.kind if place else OrganisationKind.SCHOOL)
        for button in (self.save_button, self.retire_button):
            button.setEnabled(place is not None and not self._store.read_only)
        self.delete_button.setEnabled(
            place is not None and not self._store.read_only
            and not self._store.pilot_entry_count(place.id))
        self.add_button.setEnabled(not self._store.read_only)
        self.retire_button.setText("Res&tore" if place and not place.active else "Re&tire")

    def _on_table_current_cell_changed(self, row: int, *_args: int) -> None:
        self._show(self._chosen() if row >= 0 else None)
