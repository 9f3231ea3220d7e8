"""Small parts the conference dialogs share: text boxes, stacked radio buttons, wrapped words,
the OK and Cancel buttons, and a width that grows with the text size."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


def text_box(accessible_name: str, placeholder: str, lines: int) -> QPlainTextEdit:
    """A box for a few lines of writing; Tab moves on rather than typing a tab."""
    box = QPlainTextEdit()
    box.setAccessibleName(accessible_name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    line = box.fontMetrics().lineSpacing()
    box.setMinimumHeight(line * lines + 16)
    box.setMaximumHeight(line * (lines + 2) + 16)  # room to write, without one box taking all
    return box


def radio_buttons(
    group: QButtonGroup, name: str, texts: list[str]
) -> tuple[QWidget, list[QRadioButton]]:
    """Radio buttons stacked as one labelled form row, and the buttons in order."""
    box = QWidget()
    box.setAccessibleName(name)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    buttons = []
    for text in texts:
        button = QRadioButton(text)
        button.setAccessibleName(text.replace("&", ""))
        group.addButton(button)
        layout.addWidget(button)
        buttons.append(button)
    box.setFocusProxy(buttons[0])
    return box, buttons


def wrapped(text: str) -> QLabel:
    """A label whose words wrap to the width it is given."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def emphasised(label: QLabel, scale: float) -> QLabel:
    """`label` in bold, `scale` times the size of the text around it."""
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def comfortable_width(widget: QWidget, characters: int) -> int:
    """A width that holds about `characters` of the widget's text (so larger text gets room)."""
    return widget.fontMetrics().averageCharWidth() * characters


def dialog_buttons(dialog: QDialog, ok_text: str, cancel_text: str = "") -> QDialogButtonBox:
    """OK (named `ok_text`) and Cancel (or `cancel_text`), wired to accept and reject."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    if cancel_text:
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
