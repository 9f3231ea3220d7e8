"""Small shared widgets: an optional date, a combo box of values, an inline field message."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Generic, TypeVar

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.rules import Problem

T = TypeVar("T")

DATE_DISPLAY_FORMAT = "d MMM yyyy"
def to_qdate(value: date) -> QDate:
    """A Python date as a QDate."""
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    """A QDate as a Python date."""
    return date(value.year(), value.month(), value.day())


def make_date_edit(value: date, accessible_name: str) -> QDateEdit:
    """A date edit with a calendar popup, showing dates like "26 Nov 2026"."""
    edit = QDateEdit(to_qdate(value))
    edit.setDisplayFormat(DATE_DISPLAY_FORMAT)
    edit.setCalendarPopup(True)
    edit.setMinimumDate(QDate(1900, 1, 1))
    edit.setAccessibleName(accessible_name)
    return edit


class OptionalDateEdit(QWidget):
    """A date that may be left out: a date edit beside a "Not known" check box.

    While the box is ticked the date edit is disabled and shows the box's words instead of a
    date, so no placeholder date is ever shown as if it were real.
    """

    changed = Signal()

    def __init__(
        self, accessible_name: str, none_text: str = "Not known", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self._fallback = date.today()
        self.date_edit = make_date_edit(self._fallback, accessible_name)
        self.date_edit.setSpecialValueText(none_text)
        self.none_box = QCheckBox(none_text)
        self.none_box.setAccessibleName(f"{accessible_name}: {none_text.lower()}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.date_edit)
        layout.addWidget(self.none_box)
        layout.addStretch(1)
        self.setFocusProxy(self.date_edit)
        self.none_box.toggled.connect(self._on_none_box_toggled)
        self.date_edit.dateChanged.connect(self._on_date_edit_date_changed)
        self.set_value(None)

    def set_fallback(self, value: date) -> None:
        """The date offered when someone unticks "Not known" (usually today)."""
        self._fallback = value

    def value(self) -> date | None:
        """The chosen date, or None when it is not known."""
        if self.none_box.isChecked():
            return None
        return from_qdate(self.date_edit.date())

    def set_value(self, value: date | None) -> None:
        """Show `value`, or "Not known" when None."""
        blocked = self.none_box.blockSignals(True)
        self.none_box.setChecked(value is None)
        self.none_box.blockSignals(blocked)
        self._show(value)
        self.changed.emit()

    def _show(self, value: date | None) -> None:
        blocked = self.date_edit.blockSignals(True)
        if value is None:
            self.date_edit.setDate(self.date_edit.minimumDate())
        else:
            self.date_edit.setDate(to_qdate(value))
        self.date_edit.setEnabled(value is not None)
        self.date_edit.blockSignals(blocked)

    def _on_none_box_toggled(self, checked: bool) -> None:
        self._show(None if checked else self._fallback)
        if not checked:
            self.date_edit.setFocus()
        self.changed.emit()

    def _on_date_edit_date_changed(self, _value: QDate) -> None:
        self.changed.emit()


class ValueComboBox(QComboBox, Generic[T]):
    """A combo box whose items carry values (usually enum members) with words to show."""

    def __init__(
        self,
        items: Iterable[tuple[str, T]],
        accessible_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.set_items(items)

    def set_items(self, items: Iterable[tuple[str, T]]) -> None:
        """Replace the items, keeping the current value when it is still offered."""
        current = self.value() if self.count() else None
        blocked = self.blockSignals(True)
        self.clear()
        for text, value in items:
            self.addItem(text, value)
        self.blockSignals(blocked)
        if current is not None:
            self.set_value(current)

    def value(self) -> T:
        """The value of the chosen item."""
        value: T = self.itemData(self.currentIndex())
        return value

    def set_value(self, value: T) -> None:
        """Choose the item carrying `value` (the first item when none does)."""
        for index in range(self.count()):
            if self.itemData(index) == value:
                self.setCurrentIndex(index)
                return
        self.setCurrentIndex(0)


class FieldMessage(QLabel):
    """A short message under an input saying what to fix; hidden while there is nothing to say.

    The words carry the meaning; the colour only helps people who can see it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, _error_colour(palette))
        self.setPalette(palette)
        self.hide()

    def show_message(self, message: str) -> None:
        """Show `message` under the input."""
        self.setText(message)
        self.setAccessibleName(message)
        self.show()

    def clear_message(self) -> None:
        """Hide the message."""
        self.clear()
        self.setAccessibleName("")
        self.hide()


def _error_colour(palette: QPalette) -> QColor:
    """A red that reads on the palette's background (dark red on light, light red on dark)."""
    dark_theme = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#ff8a80") if dark_theme else QColor("#a4262c")


_GROWING = (
    QSizePolicy.Policy.Expanding,
    QSizePolicy.Policy.MinimumExpanding,
    QSizePolicy.Policy.Ignored,
)


def with_message(field: QWidget, message: FieldMessage) -> QWidget:
    """`field` with its message label underneath, as one form row."""
    box = QWidget()
    # The row takes the form's full width so a long message wraps there, not under a narrow
    # combo box; inputs that do not grow by themselves keep their natural width.
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    grows = field.sizePolicy().horizontalPolicy() in _GROWING
    if grows:
        layout.addWidget(field)
    else:
        layout.addWidget(field, 0, Qt.AlignmentFlag.AlignLeft)
    layout.addWidget(message)
    return box


def confirm(parent: QWidget, title: str, text: str, yes_text: str) -> bool:
    """Ask a yes-or-no question; the safe answer (No) is the default."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is yes


def tell(parent: QWidget, title: str, text: str) -> None:
    """Show a message that needs no decision (such as why something could not be saved)."""
    QMessageBox.warning(parent, title, text)


class FormMessages:
    """The inputs of a form by field name, each with its message, plus one for the whole form."""

    def __init__(self) -> None:
        self.general = FieldMessage()
        self.inputs: dict[str, QWidget] = {}
        self.messages: dict[str, FieldMessage] = {}

    def add_row(self, form: QFormLayout, text: str, field: str, widget: QWidget) -> QLabel:
        """Add a labelled row for `field` (the label's mnemonic moves to `widget`)."""
        label = QLabel(text)
        label.setBuddy(widget)
        message = FieldMessage()
        self.inputs[field] = widget
        self.messages[field] = message
        form.addRow(label, with_message(widget, message))
        return label

    def clear(self) -> None:
        """Hide every message."""
        self.general.clear_message()
        for message in self.messages.values():
            message.clear_message()

    def show(self, problems: Sequence[Problem]) -> QWidget | None:
        """Show each problem beside its field (or for the whole form); the first input to fix."""
        self.clear()
        for problem in problems:
            message = self.messages.get(problem.field, self.general)
            if message.isHidden():
                message.show_message(problem.message)
            else:
                message.show_message(f"{message.text()}\n{problem.message}")
        first = self.inputs.get(problems[0].field) if problems else None
        if first is not None:
            first.setFocus()
        return first


class TimelineList(QListWidget):
    """A list of entries, each a bold first line (when, what, who) and a wrapped note below."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setItemDelegate(_TimelineDelegate(self))
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def set_entries(self, entries: Iterable[tuple[str, str, str]]) -> None:
        """Show (heading, note, id) entries in order, keeping the selection where possible."""
        items = self.selectedItems()
        kept = items[0].data(Qt.ItemDataRole.UserRole) if items else None
        self.clear()
        for heading, note, key in entries:
            item = QListWidgetItem(f"{heading}\n{note}" if note else heading)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.addItem(item)
            if key and key == kept:
                item.setSelected(True)
                self.setCurrentItem(item)

    def selected_id(self) -> str | None:
        """The id of the selected entry, if any."""
        items = self.selectedItems()
        return str(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def texts(self) -> list[str]:
        """What each entry says, top to bottom (heading and note on separate lines)."""
        return [self.item(row).text() for row in range(self.count())]


_TEXT_FLAGS = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
_PADDING = 6


class _TimelineDelegate(QStyledItemDelegate):
    """Draws an entry's first line in bold and wraps the rest to the list's width."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        heading, _, note = str(index.data(Qt.ItemDataRole.DisplayRole)).partition("\n")
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect: QRect = opt.rect.adjusted(_PADDING, _PADDING, -_PADDING, -_PADDING)
        font: QFont = opt.font
        painter.save()
        painter.setPen(opt.palette.color(role))
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        used = painter.boundingRect(rect, _TEXT_FLAGS, heading)
        painter.drawText(rect, _TEXT_FLAGS, heading)
        if note:
            regular = QFont(font)
            regular.setBold(False)
            painter.setFont(regular)
            painter.drawText(rect.adjusted(0, used.height() + 2, 0, 0), _TEXT_FLAGS, note)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        heading, _, note = str(index.data(Qt.ItemDataRole.DisplayRole)).partition("\n")
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else 400
        width = max(width - 2 * _PADDING - 4, 100)
        font: QFont = opt.font
        bold = QFont(font)
        bold.setBold(True)
        regular = QFont(font)
        regular.setBold(False)
        height = _text_height(bold, width, heading)
        if note:
            height += 2 + _text_height(regular, width, note)
        return QSize(width, height + 2 * _PADDING)


def _text_height(font: QFont, width: int, text: str) -> int:
    return (
        QFontMetrics(font).boundingRect(QRect(0, 0, width, 1_000_000), _TEXT_FLAGS, text).height()
    )
