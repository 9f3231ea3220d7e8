"""The agreement's proposed actions, captured live in the room: what, who and by when.

Each action is saved as soon as it is added, so the agreement work can pick it up later.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.conference.checks import action_problems
from restorative_desk.conference.records import ConferenceRun, ProposedAction
from restorative_desk.formatting import format_date
from restorative_desk.records import Person
from restorative_desk.rules import MAX_SHORT_TEXT, Problem, ValidationError
from restorative_desk.store import Store
from restorative_desk.store.errors import NotFound

from .widgets import FieldMessage, FormMessages, OptionalDateEdit, confirm

Confirm = Callable[[QWidget, str, str, str], bool]

ADD_TEXT = "Add action"
SAVE_TEXT = "Save changes"
NO_ACTIONS = (
    "No actions yet. Ask: “What do you think needs to happen to make things right?”"
)


def action_line(number: int, action: ProposedAction) -> str:
    """One action as the list shows it: "1. Jay: say sorry to Zoë · by 4 Dec 2026"."""
    line = f"{number}. {action.who}: {action.what}" if action.who else f"{number}. {action.what}"
    if action.by_when is not None:
        line += f" · by {format_date(action.by_when)}"
    return line


class ActionsEditor(QWidget):
    """Add, change and remove the actions proposed at one conference, saved as they are made.

    The fonts follow the surrounding window, so the conference window's large text applies.
    """

    actions_changed = Signal()

    def __init__(
        self,
        store: Store,
        run: ConferenceRun,
        people: Sequence[Person],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._run = run
        self._actions: list[ProposedAction] = []
        self._editing: ProposedAction | None = None
        # Replaceable, so tests (and the window) can answer the question without a dialog.
        self.confirm: Confirm = confirm

        self.what = QLineEdit()
        self.what.setAccessibleName("What will be done")
        self.what.setPlaceholderText(
            "In plain words: the young person's own words where possible"
        )
        who_line = QLineEdit()
        who_line.setPlaceholderText("Choose a name or type one")
        who_line.setMaxLength(MAX_SHORT_TEXT)
        who_line.setAccessibleName("Who will do it")
        self.who = QComboBox()
        self.who.setLineEdit(who_line)  # a name from the case, or anyone typed in
        self.who.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.who.addItems([person.called for person in people])
        self.who.setCurrentIndex(-1)
        self.who.setAccessibleName("Who will do it")
        # Room for a name and a bit ("Zoë and her mum") even when the editor is narrow.
        self.who.setMinimumWidth(self.who.fontMetrics().averageCharWidth() * 14)
        self.by_when = OptionalDateEdit("By when", none_text="No date yet")
        self.by_when.set_fallback(store.today())
        self.add_button = QPushButton(ADD_TEXT)
        self.add_button.setAccessibleName(ADD_TEXT)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel changing the action")
        self.cancel_button.hide()
        self.editing_note = QLabel()
        self.editing_note.setWordWrap(True)
        self.editing_note.hide()

        self.messages = FormMessages()
        fields = QGridLayout()
        fields.setHorizontalSpacing(12)
        fields.setVerticalSpacing(4)
        self._add_field(fields, 0, 0, "What will be done", "what", self.what, span=3)
        fields.setRowMinimumHeight(3, 6)  # a little air between the two rows of fields
        self._add_field(fields, 4, 0, "Who", "who", self.who)
        self._add_field(fields, 4, 1, "By when", "by_when", self.by_when)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.cancel_button)
        fields.addLayout(buttons, 5, 2)
        fields.setColumnStretch(0, 1)

        self.heading = heading = QLabel("Actions so far")
        heading_font = heading.font()
        heading_font.setBold(True)
        heading.setFont(heading_font)
        self.editing_note.setFont(heading_font)
        self.list = QListWidget()
        self.list.setAccessibleName("Actions so far")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSpacing(4)
        heading.setBuddy(self.list)
        self.empty_note = QLabel(NO_ACTIONS)
        self.empty_note.setWordWrap(True)
        self.edit_button = QPushButton("Edit")
        self.edit_button.setAccessibleName("Edit the chosen action")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove the chosen action")
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.edit_button)
        list_buttons.addWidget(self.remove_button)
        list_buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.messages.general)
        layout.addWidget(self.editing_note)
        layout.addLayout(fields)
        layout.addSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.list, 1)
        layout.addLayout(list_buttons)

        self.what.returnPressed.connect(self._on_add_button_clicked)
        who_line.returnPressed.connect(self._on_add_button_clicked)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.list.itemSelectionChanged.connect(self._on_list_item_selection_changed)
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.setTabOrder(self.what, self.who)
        self.setTabOrder(self.who, self.by_when)
        self.setFocusProxy(self.what)
        self.refresh()

    def _add_field(
        self, grid: QGridLayout, row: int, column: int, text: str, field: str, widget: QWidget,
        *, span: int = 1,
    ) -> None:
        """A label above its input, with its message below."""
        label = QLabel(text)
        label.setBuddy(widget)
        message = FieldMessage()
        self.messages.inputs[field] = widget
        self.messages.messages[field] = message
        grid.addWidget(label, row, column, 1, span)
        grid.addWidget(widget, row + 1, column, 1, span)
        grid.addWidget(message, row + 2, column, 1, span)

    # -- what the window uses --------------------------------------------------------------

    def refresh(self) -> None:
        """Show the actions as saved, keeping the chosen one chosen."""
        chosen = self.selected_id()
        self._actions = self._store.proposed_actions(run_id=self._run.id)
        self.list.clear()
        for number, action in enumerate(self._actions, start=1):
            item = QListWidgetItem(action_line(number, action))
            item.setData(Qt.ItemDataRole.UserRole, action.id)
            self.list.addItem(item)
            if action.id == chosen:
                self.list.setCurrentItem(item)
        self.empty_note.setVisible(not self._actions)
        self.list.setVisible(bool(self._actions))
        self._on_list_item_selection_changed()

    def saved_actions(self) -> list[ProposedAction]:
        """The actions as shown, in order."""
        return list(self._actions)

    def texts(self) -> list[str]:
        """What each line of the list says, top to bottom."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    def selected_id(self) -> str | None:
        """The id of the chosen action, if any."""
        items = self.list.selectedItems()
        return str(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def editing(self) -> ProposedAction | None:
        """The action being changed in the fields, if any."""
        return self._editing

    def action(self) -> ProposedAction:
        """The action as the fields stand now (not yet checked)."""
        base = self._editing or ProposedAction(
            run_id=self._run.id, case_id=self._run.case_id, what=""
        )
        return replace(
            base,
            what=self.what.text().strip(),
            who=self.who.currentText().strip(),
            by_when=self.by_when.value(),
        )

    def edit(self, action_id: str) -> None:
        """Load an action back into the fields to change it."""
        action = next((a for a in self._actions if a.id == action_id), None)
        if action is None:
            return
        self._editing = action
        self.what.setText(action.what)
        self.who.setCurrentText(action.who)
        self.by_when.set_value(action.by_when)
        self.messages.clear()
        number = self._actions.index(action) + 1
        self.editing_note.setText(
            f"Changing action {number}. Save the changes, or Cancel to leave it as it was."
        )
        self._show_editing(True)
        self.what.setFocus()

    # -- slots -------------------------------------------------------------------------------

    def _on_add_button_clicked(self) -> None:
        action = self.action()
        problems = action_problems(action, self._store.today())
        if problems:
            self.messages.show(problems)
            return
        try:
            saved = self._store.save_proposed_action(action)
        except ValidationError as error:
            self.messages.show([Problem(error.field, error.message)])
            return
        except NotFound:
            # Removed meanwhile: keep the typing, so it can be added again as a new action.
            self._editing = None
            self._show_editing(False)
            self.refresh()
            self.messages.show([Problem("", "That action is no longer on record. Add it again "
                                            "if it is still wanted.")])
            return
        self._clear_fields()
        self.refresh()
        self._select(saved.id)
        self.actions_changed.emit()
        self.what.setFocus()

    def _on_cancel_button_clicked(self) -> None:
        self._clear_fields()
        self.what.setFocus()

    def _on_edit_button_clicked(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self.edit(chosen)

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        self.edit(str(item.data(Qt.ItemDataRole.UserRole)))

    def _on_remove_button_clicked(self) -> None:
        chosen = self.selected_id()
        action = next((a for a in self._actions if a.id == chosen), None)
        if action is None:
            return
        number = self._actions.index(action) + 1
        if not self.confirm(
            self, "Remove action", f"Remove action {number}?\n\n“{action.what}”", "Remove"
        ):
            return
        with suppress(NotFound):  # already gone: the list shows that after the refresh
            self._store.remove_proposed_action(action.id)
        if self._editing is not None and self._editing.id == action.id:
            self._clear_fields()
        self.refresh()
        self.actions_changed.emit()

    def _on_list_item_selection_changed(self) -> None:
        chosen = self.selected_id() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    # -- internals ---------------------------------------------------------------------------

    def _clear_fields(self) -> None:
        self._editing = None
        self.what.clear()
        self.who.setCurrentIndex(-1)
        self.who.clearEditText()
        self.by_when.set_value(None)
        self.messages.clear()
        self._show_editing(False)

    def _show_editing(self, editing: bool) -> None:
        self.add_button.setText(SAVE_TEXT if editing else ADD_TEXT)
        self.add_button.setAccessibleName(SAVE_TEXT if editing else ADD_TEXT)
        self.cancel_button.setVisible(editing)
        self.editing_note.setVisible(editing)

    def _select(self, action_id: str) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == action_id:
                self.list.setCurrentItem(item)
                self.list.scrollToItem(item)
                return
