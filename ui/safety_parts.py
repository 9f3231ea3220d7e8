"""Small pieces shared by the safety tab and its dialogs: headings, note boxes, rules."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QWidget


def heading(text: str, *, scale: float = 1.0) -> QLabel:
    """A bold line of words that introduces a part of a form (larger when `scale` > 1)."""
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def wrapped(text: str, parent: QWidget | None = None) -> QLabel:
    """Plain words that wrap to the width they are given."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


def note_edit(accessible_name: str, placeholder: str = "", lines: int = 3) -> QPlainTextEdit:
    """A few lines for a note; Tab moves on rather than typing a tab."""
    edit = QPlainTextEdit()
    edit.setAccessibleName(accessible_name)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    line_height = edit.fontMetrics().lineSpacing()
    edit.setMinimumHeight(line_height * lines + 12)
    edit.setMaximumHeight(line_height * (lines + 1) + 12)
    return edit


def rule() -> QFrame:
    """A thin line between parts of a form."""
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
