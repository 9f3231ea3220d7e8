"""Cases kept longer than the retention policy allows: review them, then erase with care."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
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

from restorative_desk.formatting import format_date
from restorative_desk.retention import (
    POLICY_NOTE,
    RETENTION_SETTING_KEY,
    RetentionDue,
    past_retention,
    retention_periods,
)
from restorative_desk.store import Store, StoreError

from .widgets import tell

CONFIRM_WORD = "ERASE"
NOTHING_DUE = "No cases are past their retention period."
COLUMNS = ("Reference", "Setting", "Ended on", "Kept until")


def cases_in_words(count: int) -> str:
    """1 -> "1 case", 3 -> "3 cases"."""
    return "1 case" if count == 1 else f"{count:,} cases"


class EraseConfirmDialog(QDialog):
    """Erasing cannot be undone, so the word ERASE must be typed before it is allowed."""

    def __init__(self, parent: QWidget | None, count: int) -> None:
        super().__init__(parent)
        self.setWindowTitle("Erase cases")
        them = "it" if count == 1 else "them"
        question = QLabel(
            f"Erase {cases_in_words(count)} and everything about {them}: people, contacts, "
            "notes and history?\n\nThis cannot be undone. Only an anonymous count is kept "
            "for reports."
        )
        question.setWordWrap(True)
        self.word = QLineEdit()
        self.word.setAccessibleName(f"Type {CONFIRM_WORD} to confirm")
        label = QLabel(f"Type {CONFIRM_WORD} to &confirm")
        label.setBuddy(self.word)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = buttons.addButton(
            f"Erase {cases_in_words(count)}", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.erase_button.setEnabled(False)
        self.erase_button.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(label)
        layout.addWidget(self.word)
        layout.addWidget(buttons)
        self.word.textChanged.connect(self._on_word_text_changed)
        self.word.setFocus()
        self.setMinimumWidth(440)
        self.resize(460, 220)

    @classmethod
    def ask(cls, parent: QWidget | None, count: int) -> bool:
        """True when the user typed the word and chose Erase."""
        dialog = cls(parent, count)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def confirmed(self) -> bool:
        """Whether the word has been typed."""
        return self.word.text().strip().upper() == CONFIRM_WORD

    def accept(self) -> None:
        """Close only once the word is typed."""
        if self.confirmed():
            super().accept()

    def _on_word_text_changed(self, _text: str) -> None:
        self.erase_button.setEnabled(self.confirmed())


class RetentionDialog(QDialog):
    """The ended cases past their setting's retention period, oldest first."""

    def __init__(self, parent: QWidget | None, store: Store) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cases past retention")
        self._store = store
        self._due: list[RetentionDue] = []
        self.erased = 0

        note = QLabel(POLICY_NOTE)
        note.setWordWrap(True)
        font = note.font()
        font.setBold(True)
        note.setFont(font)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Cases past retention")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setAccessibleName("Cases past their retention period, oldest first")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.result_note = QLabel()
        self.result_note.setWordWrap(True)
        self.result_note.setAccessibleName("What was erased")
        self.result_note.hide()
        self.erase_selected_button = QPushButton("Erase &selected…")
        self.erase_all_button = QPushButton("Erase &all listed…")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.erase_selected_button)
        row.addWidget(self.erase_all_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result_note)
        layout.addStretch(0)  # takes the room while the list is hidden
        layout.addLayout(row)
        layout.addWidget(buttons)

        self.erase_selected_button.clicked.connect(self._on_erase_selected_button_clicked)
        self.erase_all_button.clicked.connect(self._on_erase_all_button_clicked)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.refresh()
        self.resize(640, 480)

    @classmethod
    def ask(cls, parent: QWidget | None, store: Store) -> int:
        """Show the list; how many cases were erased."""
        dialog = cls(parent, store)
        dialog.exec()
        return dialog.erased

    def due(self) -> list[RetentionDue]:
        """The cases listed, in order."""
        return list(self._due)

    def refresh(self) -> None:
        """List the cases past retention again."""
        periods = retention_periods(self._store.setting(RETENTION_SETTING_KEY))
        self._due = past_retention(self._store.ended_cases(), periods, self._store.today())
        self.table.setRowCount(len(self._due))
        for row, item in enumerate(self._due):
            texts = (
                item.case.reference,
                item.case.setting.label,
                f"{format_date(item.case.ended_on)} ({item.case.status.label.lower()})",
                format_date(item.keep_until),
            )
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if self._due:
            are = "is" if len(self._due) == 1 else "are"
            self.summary.setText(
                f"{cases_in_words(len(self._due))} {are} past the retention period. Check "
                "nothing is still needed (for example a complaint or a court date), then erase."
            )
        else:
            self.summary.setText(NOTHING_DUE)
        self.table.setVisible(bool(self._due))
        writable = not self._store.read_only
        self.erase_all_button.setEnabled(bool(self._due) and writable)
        self._on_table_item_selection_changed()

    def selected(self) -> list[RetentionDue]:
        """The listed cases that are selected."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self._due[row] for row in rows if row < len(self._due)]

    def erase(self, due: list[RetentionDue]) -> int:
        """Ask, then erase these cases and compact the file once; how many were erased."""
        if not due or not EraseConfirmDialog.ask(self, len(due)):
            return 0
        erased = 0
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for item in due:
                self._store.erase_case(item.case.id)
                erased += 1
            self._store.compact()
        except StoreError as error:
            QGuiApplication.restoreOverrideCursor()
            tell(self, "Not everything was erased", f"{error} {cases_in_words(erased)} erased.")
        else:
            QGuiApplication.restoreOverrideCursor()
        self.erased += erased
        self.refresh()
        if erased:
            self.result_note.setText(
                f"Erased {cases_in_words(erased)}. Only an anonymous count is kept for reports."
            )
            self.result_note.show()
        return erased

    def _on_erase_selected_button_clicked(self) -> None:
        self.erase(self.selected())

    def _on_erase_all_button_clicked(self) -> None:
        self.erase(self.due())

    def _on_table_item_selection_changed(self) -> None:
        self.erase_selected_button.setEnabled(bool(self.selected()) and not self._store.read_only)
