"""The keyboard shortcuts dialog (Help ▸ Keyboard shortcuts), read from the window's actions."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .main_window import shortcut_text


class ShortcutsDialog(QDialog):
    """A list of the keyboard shortcuts, read from the window's actions so it stays true."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = [(action.text().replace("&", ""), shortcut_text(action)) for action in actions]
        rows += [
            ("Move between areas", "Tab, Shift+Tab"),
            ("Move in the case list", "Arrow keys, Page Up, Page Down"),
            ("Open the chosen case's details", "Enter"),
            ("Next or previous tab of a case", "Ctrl+Tab, Ctrl+Shift+Tab"),
            ("Log a contact (in a case)", "Ctrl+L"),
            ("Letters and forms for a case", "Ctrl+Shift+D"),
            ("Figures: a chart as a table, and back", "Enter"),
            ("Figures: save a chart as a picture (PNG)", "Ctrl+Shift+S"),
            ("Figures: read the figures again", "F5"),
            ("Pilot log: record the session", "Enter, Ctrl+Enter"),
            ("Pilot log: same as the last entry", "Ctrl+L"),
            ("Pilot log: the day before or after", "Alt+Left, Alt+Right"),
            ("Use a menu or a labelled field", "Alt + the underlined letter"),
        ]
        table = QTableWidget(len(rows), 2)
        table.setAccessibleName("Keyboard shortcuts")
        table.setHorizontalHeaderLabels(["What", "Keys"])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setTabKeyNavigation(False)
        for number, (what, keys) in enumerate(rows):
            table.setItem(number, 0, QTableWidgetItem(what))
            table.setItem(number, 1, QTableWidgetItem(keys))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(480, 420)
