"""Who came: the first page of a conference. Each mark is saved at once."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.conference.records import Attendance
from restorative_desk.records import Person, Role, Setting
from restorative_desk.rules import ValidationError
from restorative_desk.store import Store, StoreError
from restorative_desk.wording import RoleWording

from .turn_parts import role_words, scaled_font

INTRO = (
    "Mark each person as they arrive. Someone who did not come can still be heard: choose "
    "the third answer when their statement is read aloud. Each answer is saved at once."
)
_NOT_SEATED = frozenset({Role.FACILITATOR, Role.CO_FACILITATOR})
_SHORT = {
    Attendance.PRESENT: "Came",
    Attendance.ABSENT: "Did not come",
    Attendance.REPRESENTED: "Did not come, but a statement is read aloud",
}


def attendance_summary(marks: dict[str, Attendance], people: Sequence[Person]) -> str:
    """Where attendance stands, in words: who is still to mark, or how many came."""
    unmarked = [p.called for p in people if p.id not in marks]
    if unmarked:
        if len(unmarked) == 1:
            return f"Still to mark: {unmarked[0]}."
        return f"Still to mark: {', '.join(unmarked[:-1])} and {unmarked[-1]}."
    came = sum(1 for p in people if marks[p.id] is Attendance.PRESENT)
    heard = sum(1 for p in people if marks[p.id] is Attendance.REPRESENTED)
    text = "Everyone is marked: " + ("1 person came" if came == 1 else f"{came} people came")
    if heard:
        text += f", and {heard} {'is' if heard == 1 else 'are'} heard through a statement"
    return text + "."


class AttendancePage(QWidget):
    """Everyone on the case but the facilitators, each with Came / Did not come / Did not come
    but a statement is read aloud."""

    attendance_changed = Signal()

    def __init__(
        self,
        store: Store,
        run_id: str,
        people: Sequence[Person],
        setting: Setting,
        wording: RoleWording,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._run_id = run_id
        self._people = [p for p in people if p.role not in _NOT_SEATED]
        self._groups: dict[str, QButtonGroup] = {}
        self._buttons: dict[str, dict[Attendance, QRadioButton]] = {}

        heading = QLabel("Who came?")
        heading.setFont(scaled_font(self.font(), 1.6, bold=True))
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        intro.setFont(scaled_font(self.font(), 1.1))

        rows = QWidget()
        rows_layout = QVBoxLayout(rows)
        rows_layout.setSpacing(10)
        for person in self._people:
            rows_layout.addWidget(self._person_box(person, setting, wording))
        if not self._people:
            rows_layout.addWidget(QLabel("Nobody is on this case yet, apart from you."))
        rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(rows)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setFont(scaled_font(self.font(), 1.1))
        self.summary.setAccessibleName("Attendance so far")
        self.everyone_button = QPushButton("Everyone &came")
        self.everyone_button.setToolTip("Mark everyone who is not marked yet as here")
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.everyone_button)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(scroll, 1)

        self.everyone_button.clicked.connect(self._on_everyone_button_clicked)
        self.refresh()

    # -- interface -----------------------------------------------------------------------------

    @property
    def people(self) -> list[Person]:
        """The people listed (everyone on the case but the facilitators)."""
        return list(self._people)

    def refresh(self) -> None:
        """Show the marks as saved."""
        try:
            marks = self._store.attendance(self._run_id)
        except StoreError as error:
            self.summary.setText(f"Attendance could not be read. {error}")
            return
        for person in self._people:
            group = self._groups[person.id]
            mark = marks.get(person.id)
            group.setExclusive(False)
            for attendance, button in self._buttons[person.id].items():
                blocked = button.blockSignals(True)
                button.setChecked(attendance is mark)
                button.blockSignals(blocked)
            group.setExclusive(True)
        self._show_summary(marks)

    def marks(self) -> dict[str, Attendance]:
        """The marks as shown, by person id (people not marked are missing)."""
        shown = {}
        for person_id, buttons in self._buttons.items():
            for attendance, button in buttons.items():
                if button.isChecked():
                    shown[person_id] = attendance
        return shown

    def set_mark(self, person_id: str, attendance: Attendance) -> bool:
        """Mark someone (as clicking does) and save it; False when the file refused it."""
        button = self._buttons[person_id][attendance]
        if not button.isChecked():
            button.setChecked(True)  # the toggled slot saves it
        return self._buttons[person_id][attendance].isChecked()

    def why_not_complete(self) -> str:
        """Why the conference cannot go on from here yet ("" when it can)."""
        marks = self.marks()
        if any(p.id not in marks for p in self._people):
            return "Mark everyone first."
        if not any(mark is Attendance.PRESENT for mark in marks.values()):
            return "Nobody is marked as here: mark who came, or end the conference."
        return ""

    def is_complete(self) -> bool:
        """Whether everyone is marked and someone came."""
        marks = self.marks()
        return all(p.id in marks for p in self._people) and any(
            mark is Attendance.PRESENT for mark in marks.values()
        )

    # -- building ------------------------------------------------------------------------------

    def _person_box(self, person: Person, setting: Setting, wording: RoleWording) -> QGroupBox:
        role = role_words(wording, person.role, setting)
        title = f"{person.called} · {role}"
        if person.preferred_name and person.preferred_name != person.name:
            title = f"{person.called} ({person.name}) · {role}"
        box = QGroupBox(title)
        box.setFont(scaled_font(self.font(), 1.15, bold=True))
        box.setAccessibleName(title)
        group = QButtonGroup(box)
        self._groups[person.id] = group
        self._buttons[person.id] = {}
        row = QHBoxLayout(box)
        row.setSpacing(24)
        for attendance in Attendance:
            button = QRadioButton(_SHORT[attendance])
            button.setFont(scaled_font(self.font(), 1.15))
            button.setAccessibleName(f"{person.called}: {_SHORT[attendance]}")
            group.addButton(button)
            row.addWidget(button)
            self._buttons[person.id][attendance] = button
            button.toggled.connect(
                lambda checked, p=person.id, a=attendance: self._on_button_toggled(p, a, checked)
            )
        row.addStretch(1)
        return box

    def _show_summary(self, marks: dict[str, Attendance]) -> None:
        self.summary.setText(attendance_summary(marks, self._people))
        self.everyone_button.setEnabled(any(p.id not in marks for p in self._people))

    # -- slots ---------------------------------------------------------------------------------

    def _on_button_toggled(self, person_id: str, attendance: Attendance, checked: bool) -> None:
        if not checked:
            return
        try:
            self._store.set_attendance(self._run_id, person_id, attendance)
        except (StoreError, ValidationError) as error:
            self.refresh()  # show what is really saved
            self.summary.setText(f"That answer was not saved. {error}")
            return
        self._show_summary(self.marks())
        self.attendance_changed.emit()

    def _on_everyone_button_clicked(self) -> None:
        marks = self.marks()
        for person in self._people:
            if person.id not in marks:
                self.set_mark(person.id, Attendance.PRESENT)
