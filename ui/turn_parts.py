"""Parts of the conference window: the words around a turn, the note box that saves as the
facilitator types, the phases list and a label that keeps to one line."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.records import Person, Role, Setting
from restorative_desk.rules import ValidationError
from restorative_desk.scripts.model import Audience, Capture
from restorative_desk.scripts.turns import Turn
from restorative_desk.store import Store, StoreError
from restorative_desk.wording import RoleWording

SAVE_DELAY_MS = 700  # a note is saved this long after typing stops
RETRY_MS = 3000  # and tried again after this long when the file refused it
NOTE_CAPTURES = frozenset({Capture.NOTE, Capture.WORDS, Capture.STATEMENT})


def scaled_font(font: QFont, factor: float, *, bold: bool = False) -> QFont:
    """`font` made `factor` times larger, in the units it came in (so the user's text size
    setting still counts)."""
    scaled = QFont(font)
    if font.pointSizeF() > 0:
        scaled.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        scaled.setPixelSize(round(font.pixelSize() * factor))
    scaled.setBold(bold)
    return scaled


def role_words(wording: RoleWording, role: Role, setting: Setting) -> str:
    """The role as it reads mid-sentence: "person harmed", "victim", "YOS practitioner"."""
    label = wording.role_label(role, setting)
    if len(label) > 1 and label[1].isupper():
        return label  # an abbreviation such as "YOS practitioner"
    return label[:1].lower() + label[1:]


def possessive(pronouns: str) -> str:
    """The possessive word for someone from their pronouns ("she/her" -> "her"); "their"
    when they are not given or not one of the common sets."""
    words = {part.strip().lower() for part in pronouns.replace(",", "/").split("/")}
    if words & {"she", "her", "hers"}:
        return "her"
    if words & {"he", "him", "his"}:
        return "his"
    return "their"


def addressed_to(
    turn: Turn, person: Person | None, wording: RoleWording, setting: Setting
) -> str:
    """Who the words are for, as one line: "To Zoë · person harmed"."""
    if turn.audience is Audience.FACILITATOR:
        return "For you: nothing to say aloud"
    if person is None:
        return "To everyone"
    role = role_words(wording, person.role, setting)
    if turn.capture is Capture.STATEMENT:
        return f"{person.called}'s statement, read aloud · {role}, not here today"
    return f"To {person.called} · {role}"


def note_label(turn: Turn, person: Person | None) -> str:
    """What the note box keeps, said to the facilitator."""
    if turn.capture is Capture.STATEMENT and person is not None:
        return f"{person.called}'s statement, as it is read aloud"
    if turn.capture is Capture.WORDS:
        if person is not None:
            their = possessive(person.pronouns)
            return f"{person.called}'s words, as close to {their} own as you can"
        return "What people said, in their own words where you can"
    if person is not None:
        return f"Notes on {person.called}'s turn"
    return "Notes on this step"


def turn_summary(turn: Turn, person: Person | None, wording: RoleWording, setting: Setting) -> str:
    """A turn in one line, for "what comes next"."""
    words = turn.say.strip() or turn.guidance.strip()
    first = words.splitlines()[0] if words else ""
    who = addressed_to(turn, person, wording, setting)
    return f"{who}: “{first}”" if first else who


def clock_time(moment: datetime) -> str:
    """A moment as the local time of day, such as "14:32"."""
    return moment.astimezone().strftime("%H:%M")


def elapsed_text(seconds: float) -> str:
    """A length of time as h:mm:ss, such as "0:42:10"."""
    whole = max(int(seconds), 0)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


class ElidedLabel(QLabel):
    """A label that keeps to one line, ending in "…" when its text is too long (the full text
    is in its tooltip and accessible name)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setWordWrap(False)
        self.setMinimumWidth(1)

    def set_full_text(self, text: str) -> None:
        """Show `text`, shortened to the label's width when needed."""
        self._full = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        self._elide()

    def full_text(self) -> str:
        """The whole text, however much is shown."""
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.contentsRect().width(), 1)
        self.setText(
            self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        )


class NoteBox(QWidget):
    """The note for one turn: saved SAVE_DELAY_MS after typing stops, and at once when the
    facilitator moves on, so a crash or a flat battery loses at most that moment."""

    note_saved = Signal(str)  # the turn key

    def __init__(self, store: Store, run_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._run_id = run_id
        self._key = ""
        self._person_id = ""
        self._dirty = False
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setFont(scaled_font(self.font(), 1.1, bold=True))
        self.edit = QPlainTextEdit()
        self.edit.setFont(scaled_font(self.font(), 1.15))
        self.edit.setTabChangesFocus(True)
        line = self.edit.fontMetrics().lineSpacing()
        self.edit.setMinimumHeight(line * 3 + 16)
        # Room for what someone says, without a sea of empty box under the words.
        self.edit.setMaximumHeight(line * 12 + 16)
        self.label.setBuddy(self.edit)
        self.state = QLabel()
        self.state.setAccessibleName("Note saving")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.state)
        layout.addStretch(0)
        self.edit.textChanged.connect(self._on_edit_text_changed)
        self.timer.timeout.connect(self._on_timer_timeout)

    def show_turn(self, key: str, person_id: str, label: str, text: str) -> None:
        """Show the note of the turn `key` (the note shown before is saved first)."""
        self.flush()
        self._key, self._person_id = key, person_id
        self.label.setText(label)
        self.edit.setAccessibleName(label)
        blocked = self.edit.blockSignals(True)
        self.edit.setPlainText(text)
        self.edit.blockSignals(blocked)
        self.edit.moveCursor(self.edit.textCursor().MoveOperation.End)
        self._dirty = False
        self.state.setText("Saved" if text else "")

    def text(self) -> str:
        """What the note says now."""
        return self.edit.toPlainText()

    def is_pending(self) -> bool:
        """Whether there is typing not saved yet."""
        return self._dirty

    def flush(self) -> bool:
        """Save now if there is typing not saved yet; False when the file refused it."""
        self.timer.stop()
        if not self._dirty or not self._key:
            return True
        try:
            self._store.save_turn_note(self._run_id, self._key, self.text(), self._person_id)
        except (StoreError, ValidationError) as error:
            self.state.setText(f"Not saved yet: {error} It tries again in a moment.")
            self.timer.start(RETRY_MS)
            return False
        self._dirty = False
        self.state.setText("Saved")
        self.note_saved.emit(self._key)
        return True

    def _on_edit_text_changed(self) -> None:
        self._dirty = True
        self.state.setText("Saving…")
        self.timer.start(SAVE_DELAY_MS)

    def _on_timer_timeout(self) -> None:
        self.flush()


class PhaseList(QListWidget):
    """The phases of the conference, the one under way marked in words and bold; choosing
    one goes to its first step."""

    phase_chosen = Signal(str)  # the phase key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Phases of the conference")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setFont(scaled_font(self.font(), 1.1))
        self.setSpacing(3)
        self._phases: list[tuple[str, str]] = []
        self._current = ""
        self.itemActivated.connect(self._on_item_activated)
        self.itemClicked.connect(self._on_item_activated)

    def set_phases(self, phases: list[tuple[str, str]]) -> None:
        """The (key, title) of each phase, in order."""
        if phases != self._phases:
            self._phases = list(phases)
            blocked = self.blockSignals(True)
            self.clear()
            for phase_key, title in self._phases:
                item = QListWidgetItem(title)
                item.setData(Qt.ItemDataRole.UserRole, phase_key)
                item.setToolTip(f"Go to the start of {title}")
                self.addItem(item)
            self.blockSignals(blocked)
        self.set_current(self._current)

    def set_current(self, key: str) -> None:
        """Mark the phase under way ("" before the first: attendance is being taken)."""
        self._current = key
        keys = [k for k, _ in self._phases]
        at = keys.index(key) if key in keys else -1
        blocked = self.blockSignals(True)
        for number, (_, title) in enumerate(self._phases):
            item = self.item(number)
            if number < at:
                item.setText(f"✓ {title}")
            elif number == at:
                item.setText(f"▶ {title} (now)")
            else:
                item.setText(f"    {title}")
            item.setFont(scaled_font(self.font(), 1.0, bold=number == at))
        if at >= 0:
            self.setCurrentRow(at)
        else:
            self.clearSelection()
        self.blockSignals(blocked)

    def texts(self) -> list[str]:
        """What each line says."""
        return [self.item(row).text() for row in range(self.count())]

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        key = str(item.data(Qt.ItemDataRole.UserRole))
        if key != self._current:
            self.phase_chosen.emit(key)
