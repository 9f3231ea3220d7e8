"""The parts of one person's preparation page that show records: checklist, taking part,
meetings and consents (the parts typed into are in preparation_forms). Store-free."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.formatting import format_date
from restorative_desk.preparation.readiness import ChecklistItem
from restorative_desk.preparation.records import Consent, ConsentGiver

from .widgets import TimelineList

DONE_MARK, OPEN_MARK = "✓", "○"


def text_box(accessible_name: str, placeholder: str = "", lines: int = 3) -> QPlainTextEdit:
    """A multi-line box `lines` high that Tab leaves (so the keyboard can move on)."""
    box = QPlainTextEdit()
    box.setAccessibleName(accessible_name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    # A fixed height keeps the page calm; longer answers scroll inside the box.
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 16)
    return box


def wrapped(text: str = "", *, small: bool = False, italic: bool = False) -> QLabel:
    """A label that wraps and can be selected, in a smaller or slanted font when asked."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    font = label.font()
    if small:
        font.setPointSizeF(font.pointSizeF() * 0.92)
    font.setItalic(italic)
    label.setFont(font)
    return label


class Section(QWidget):
    """A titled part of the page, with a one-line note on which principle it serves."""

    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(title)
        heading = QLabel(title)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        font.setBold(True)
        heading.setFont(font)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 14, 0, 4)
        self.body.setSpacing(6)
        self.body.addWidget(heading)
        if subtitle:
            self.body.addWidget(wrapped(subtitle, small=True))


class ChecklistView(Section):
    """Each step for one person: ✓ done or ○ still open, with the detail in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Where things stand", parent=parent)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(4)
        self._grid.setColumnStretch(2, 1)
        self.body.addLayout(self._grid)
        self._texts: list[str] = []

    def set_items(self, items: Sequence[ChecklistItem]) -> None:
        """Show `items` in order."""
        while self._grid.count():
            taken = self._grid.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()  # at once: deleteLater waits for the event loop
                widget.deleteLater()
        self._texts = []
        for row, item in enumerate(items):
            mark = DONE_MARK if item.done else OPEN_MARK
            state = "done" if item.done else "not done yet"
            words = f"{mark} {item.label}: {item.detail}"
            self._texts.append(words)
            mark_label = QLabel(mark)
            mark_label.setAccessibleName(state)
            # One wrapped line per step (the detail after the name), so a narrow case panel
            # never pushes the detail out of sight.
            name = QLabel(f"<b>{html.escape(item.label)}</b> · {html.escape(item.detail)}")
            name.setTextFormat(Qt.TextFormat.RichText)
            name.setWordWrap(True)
            name.setAccessibleName(f"{item.label}: {state}. {item.detail}")
            self._grid.addWidget(mark_label, row, 0, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(name, row, 1, 1, 2, Qt.AlignmentFlag.AlignTop)

    def texts(self) -> list[str]:
        """Each line as words, such as "✓ Preparation meeting: 1 so far, last on 20 Nov 2026"."""
        return list(self._texts)


class AttendingSection(Section):
    """Whether the person will be in the room, with what that means for their consent."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Taking part", parent=parent)
        self.attending = QCheckBox("Will attend the conference")
        self.attending.setAccessibleName("Will attend the conference")
        self.note = wrapped(small=True)
        self.body.addWidget(self.attending)
        self.body.addWidget(self.note)


class FittedList(TimelineList):
    """A timeline as tall as its entries (up to `max_height`), so a short one leaves no gap."""

    def __init__(self, accessible_name: str, max_height: int) -> None:
        super().__init__(accessible_name)
        self._max_height = max_height
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        rows = sum(self.sizeHintForRow(row) for row in range(self.count()))
        height = rows + 2 * self.frameWidth() + 6
        return QSize(super().sizeHint().width(), min(max(height, 40), self._max_height))

    def minimumSizeHint(self) -> QSize:
        # A scroll area asks for about 70 pixels by default; one short entry needs less.
        return QSize(super().minimumSizeHint().width(), 40)

    def set_entries(self, entries: Iterable[tuple[str, str, str]]) -> None:
        super().set_entries(entries)
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the notes wrap differently, so the height changes


class MeetingsSection(Section):
    """The person's preparation meetings, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Preparation meetings",
            "One or more meetings, at their pace: nothing is sprung on anyone.",
            parent,
        )
        self.list = FittedList("Preparation meetings, newest first", 220)
        self.empty_label = wrapped("No preparation meetings yet.")
        self.add_button = QPushButton("Add preparation meeting…")
        self.add_button.setToolTip("Log a preparation meeting with this person")
        self.body.addWidget(self.empty_label)
        self.body.addWidget(self.list)
        self.body.addLayout(button_row(self.add_button))

    def set_entries(self, entries: Sequence[tuple[str, str, str]]) -> None:
        """Show (heading, note, id) entries."""
        self.list.set_entries(entries)
        self.list.setVisible(bool(entries))
        self.empty_label.setVisible(not entries)


class ConsentSection(Section):
    """Every consent recorded for the person, withdrawn ones said plainly (RJC code C)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Consent",
            "Choice (RJC code C): free and informed, and it can be withdrawn at any time.",
            parent,
        )
        self.attention = wrapped()
        self.attention.setAccessibleName("Consent: needs attention")
        bold = self.attention.font()
        bold.setBold(True)
        self.attention.setFont(bold)
        self.parent_note = wrapped(small=True)
        self.list = FittedList("Consents recorded", 260)
        self.empty_label = wrapped("No consent recorded yet.")
        self.record_button = QPushButton("Record consent…")
        self.withdraw_button = QPushButton("Withdraw…")
        self.withdraw_button.setToolTip("Record that the chosen consent was withdrawn")
        self.remove_button = QPushButton("Remove…")
        self.remove_button.setToolTip(
            "Remove a consent recorded by mistake (to record a withdrawal, use Withdraw)"
        )
        for widget in (self.attention, self.parent_note, self.empty_label, self.list):
            self.body.addWidget(widget)
        self.body.addLayout(button_row(self.record_button, self.withdraw_button,
                                     self.remove_button))
        self.list.itemSelectionChanged.connect(self._on_list_item_selection_changed)
        self._consents: list[Consent] = []

    def set_consents(self, consents: Sequence[Consent], name: str) -> None:
        """List `consents` newest first, selecting the newest when nothing is chosen."""
        self._consents = list(consents)
        ordered = sorted(consents, key=lambda c: (c.given_on, c.recorded_at or 0), reverse=True)
        self.list.set_entries(
            (consent_heading(c, name), consent_detail(c), c.id) for c in ordered
        )
        if ordered and not self.list.selectedItems():
            self.list.setCurrentRow(0)
        self.list.setVisible(bool(ordered))
        self.empty_label.setVisible(not ordered)
        self._on_list_item_selection_changed()

    def selected(self) -> Consent | None:
        """The chosen consent, if any."""
        wanted = self.list.selected_id()
        return next((c for c in self._consents if c.id == wanted), None)

    def set_attention(self, text: str) -> None:
        """Say what needs attention (hidden when there is nothing)."""
        self.attention.setText(text)
        self.attention.setVisible(bool(text))

    def set_parent_note(self, text: str) -> None:
        """Say whether a parent's or carer's consent is needed too."""
        self.parent_note.setText(text)
        self.parent_note.setVisible(bool(text))

    def _on_list_item_selection_changed(self) -> None:
        chosen = self.selected()
        self.withdraw_button.setEnabled(chosen is not None and not chosen.withdrawn)
        self.remove_button.setEnabled(chosen is not None)


def whose_consent(consent: Consent, name: str) -> str:
    """"Zoë's own consent" or "Consent of their parent or carer, Ana Silva"."""
    if consent.given_by is ConsentGiver.SELF:
        return f"{name}'s own consent"
    return f"Parent or carer consent ({consent.giver_name or 'name not given'})"


def consent_heading(consent: Consent, name: str) -> str:
    """A consent's first line: ✓ or ✗, whose, and withdrawn in words when it was."""
    whose = whose_consent(consent, name)
    if consent.withdrawn_on is not None:
        return f"✗ {whose}: withdrawn on {format_date(consent.withdrawn_on)}"
    return f"✓ {whose}, given on {format_date(consent.given_on)}"


def consent_detail(consent: Consent) -> str:
    """How and when it was given, the ways it covers, any note, and any withdrawal."""
    how = consent.method.label
    if consent.witness:
        how += f" ({consent.witness})"
    ways = ", ".join(way.label for way in consent.ways)
    lines = []
    if consent.withdrawn_on is not None:
        said = f": {consent.withdrawal_note}" if consent.withdrawal_note else ""
        lines.append(f"Withdrawn on {format_date(consent.withdrawn_on)}{said}")
    lines.append(f"Given on {format_date(consent.given_on)}. {how}.")
    lines.append(f"Agrees to: {ways}.")
    if consent.note:
        lines.append(consent.note)
    return "\n".join(lines)


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    """Buttons side by side, from the left."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row
