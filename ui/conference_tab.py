"""The Conference tab: is the case ready, when and where it happens, and who sits where."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.preparation.checks import plan_problems
from restorative_desk.preparation.records import ConferencePlan, Seat
from restorative_desk.preparation.seating import (
    attendees,
    attending_in,
    default_seating,
    reconcile_seating,
)
from restorative_desk.records import Case, Person, Status
from restorative_desk.rules import Problem, ValidationError
from restorative_desk.store import Store
from restorative_desk.store.errors import StoreError
from restorative_desk.wording import RoleWording

from .readiness_panel import BEFORE_CONFERENCE, ReadinessPanel
from .seating_plan import SeatingPlanWidget
from .widgets import FieldMessage, FormMessages, OptionalDateEdit

NOT_SET = "Not set yet"
# Alt+letters here: D, T, U, M, I, B, S for the form, W and A for the seating, L to save
# (the window, its menus and tabs use F, E, V, H, R, P, C, Y, O and N).
SAVE_TEXT = "Save the p&lan"


class OptionalTimeEdit(QWidget):
    """A start time that may not be known yet: a time edit beside a "Not set yet" box."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self._fallback = QTime(10, 0)
        self.time_edit = QTimeEdit(self._fallback)
        self.time_edit.setDisplayFormat("HH:mm")
        # Midnight shows as "Not set yet" while the box is ticked, never as a real time.
        self.time_edit.setSpecialValueText(NOT_SET)
        metrics = self.time_edit.fontMetrics()
        self.time_edit.setMinimumWidth(metrics.horizontalAdvance(NOT_SET) + metrics.height() * 3)
        self.time_edit.setAccessibleName(accessible_name)
        self.none_box = QCheckBox(NOT_SET)
        self.none_box.setAccessibleName(f"{accessible_name}: {NOT_SET.lower()}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.time_edit)
        layout.addWidget(self.none_box)
        layout.addStretch(1)
        self.setFocusProxy(self.time_edit)
        self.none_box.toggled.connect(self._on_none_box_toggled)
        self.set_value(None)

    def value(self) -> time | None:
        """The chosen time, or None while it is not set."""
        if self.none_box.isChecked():
            return None
        chosen = self.time_edit.time()
        return time(chosen.hour(), chosen.minute())

    def set_value(self, value: time | None) -> None:
        """Show `value`, or "Not set yet" for None."""
        blocked = self.none_box.blockSignals(True)
        self.none_box.setChecked(value is None)
        self.none_box.blockSignals(blocked)
        self._show(None if value is None else QTime(value.hour, value.minute))

    def _show(self, value: QTime | None) -> None:
        self.time_edit.setTime(value if value is not None else self.time_edit.minimumTime())
        self.time_edit.setEnabled(value is not None)

    def _on_none_box_toggled(self, checked: bool) -> None:
        self._show(None if checked else self._fallback)
        if not checked:
            self.time_edit.setFocus()


def _text_box(accessible_name: str, lines: int, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(accessible_name)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    line = box.fontMetrics().lineSpacing()
    box.setFixedHeight(line * lines + 12)
    return box


class PlanForm(QGroupBox):
    """When and where the conference happens and what it needs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("When and where", parent)
        self.date = OptionalDateEdit("Date of the conference", NOT_SET)
        self.start_time = OptionalTimeEdit("Start time")
        self.venue = QLineEdit()
        self.venue.setAccessibleName("Venue")
        self.venue.setPlaceholderText("For example: Riverside Academy, or the community centre")
        self.room = QLineEdit()
        self.room.setAccessibleName("Room")
        self.room.setPlaceholderText("A quiet room with space for a circle of chairs")
        self.interpreters = _text_box(
            "Interpreters", 2, "Who needs an interpreter, in which language, and who is booked"
        )
        self.interpreter_hint = QLabel()
        self.interpreter_hint.setWordWrap(True)
        interpreters = QWidget()
        interpreters_layout = QVBoxLayout(interpreters)
        interpreters_layout.setContentsMargins(0, 0, 0, 0)
        interpreters_layout.setSpacing(2)
        interpreters_layout.addWidget(self.interpreters)
        interpreters_layout.addWidget(self.interpreter_hint)
        interpreters.setFocusProxy(self.interpreters)
        interpreters.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.breaks = _text_box(
            "Breaks", 2, "For example: a break after everyone has spoken; a quiet room nearby"
        )
        self.refreshments = _text_box(
            "Refreshments", 2,
            "Drinks and something to eat afterwards: the informal time after the conference "
            "helps people reconnect",
        )
        self.notes = _text_box("Notes", 3, "Anything else to arrange: access, transport, timing")
        self.messages = FormMessages()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.messages.add_row(form, "&Date", "date", self.date)
        self.messages.add_row(form, "Start &time", "start_time", self.start_time)
        self.messages.add_row(form, "Ven&ue", "venue", self.venue)
        self.messages.add_row(form, "Roo&m", "room", self.room)
        self.messages.add_row(form, "&Interpreters", "interpreters", interpreters)
        self.messages.add_row(form, "&Breaks", "breaks", self.breaks)
        self.messages.add_row(form, "Refre&shments", "refreshments", self.refreshments)
        self.messages.add_row(form, "Notes", "notes", self.notes)
        layout = QVBoxLayout(self)
        layout.addWidget(self.messages.general)
        layout.addLayout(form)

    def set_plan(self, plan: ConferencePlan) -> None:
        """Fill the form from `plan`."""
        self.date.set_value(plan.date)
        self.start_time.set_value(plan.start_time)
        self.venue.setText(plan.venue)
        self.room.setText(plan.room)
        self.interpreters.setPlainText(plan.interpreters)
        self.breaks.setPlainText(plan.breaks)
        self.refreshments.setPlainText(plan.refreshments)
        self.notes.setPlainText(plan.notes)

    def plan(self, case_id: str, seating: tuple[Seat, ...]) -> ConferencePlan:
        """The plan as the form stands."""
        return ConferencePlan(
            case_id=case_id,
            date=self.date.value(),
            start_time=self.start_time.value(),
            venue=self.venue.text().strip(),
            room=self.room.text().strip(),
            interpreters=self.interpreters.toPlainText().strip(),
            breaks=self.breaks.toPlainText().strip(),
            refreshments=self.refreshments.toPlainText().strip(),
            notes=self.notes.toPlainText().strip(),
            seating=seating,
        )

    def show_interpreter_hint(self, people: list[Person]) -> str:
        """Say which attendees' details mention a language; the suggestion (may be empty)."""
        needs = [f"{p.interpreter_language} for {p.called}" for p in people
                 if p.interpreter_language.strip()]
        suggestion = "; ".join(needs)
        self.interpreter_hint.setText(
            f"From people's details: {suggestion}." if needs else ""
        )
        self.interpreter_hint.setVisible(bool(needs))
        return suggestion


class ConferenceTab(QWidget):
    """Readiness, the conference plan and the seating plan for one case."""

    plan_changed = Signal()

    def __init__(self, store: Store, wording: RoleWording, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._case: Case | None = None
        self._attendees: list[Person] = []
        self._saved: ConferencePlan | None = None
        self._shown: ConferencePlan | None = None  # the plan as first shown, to spot edits

        self.readiness = ReadinessPanel()
        self.stage_note = QLabel()
        self.stage_note.setWordWrap(True)
        readiness_box = QGroupBox("Ready for the conference?")
        readiness_layout = QVBoxLayout(readiness_box)
        readiness_layout.addWidget(self.stage_note)
        readiness_layout.addWidget(self.readiness)

        self.form = PlanForm()
        self.seating = SeatingPlanWidget(wording)
        self.seating_note = QLabel()
        self.seating_note.setWordWrap(True)
        self.seating_message = FieldMessage()
        self.form.messages.inputs["seating"] = self.seating.list
        self.form.messages.messages["seating"] = self.seating_message
        seating_box = QGroupBox("Seating plan")
        seating_layout = QVBoxLayout(seating_box)
        seating_layout.addWidget(self.seating_note)
        seating_layout.addWidget(self.seating_message)
        seating_layout.addWidget(self.seating, 1)
        em = self.fontMetrics().horizontalAdvance("M")
        self.seating.setMinimumHeight(em * 24)

        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setSpacing(12)
        page_layout.addWidget(readiness_box)
        page_layout.addWidget(self.form)
        page_layout.addWidget(seating_box)
        page_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(page)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.save_button = QPushButton(SAVE_TEXT)
        self.save_button.setToolTip("Save the date, place, arrangements and seating plan")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(buttons)

        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.seating.seating_edited.connect(self._on_seating_seating_edited)

    # -- interface -----------------------------------------------------------------------------

    def show_case(self, case: Case) -> None:
        """Show `case`'s readiness and plan (edits not saved yet are dropped)."""
        self._case = case
        self.form.messages.clear()
        self.status_label.clear()
        saved = self._store.conference_plan(case.id) if case.id else None
        self._saved = saved
        people = self._store.people(case.id) if case.id else []
        participants = self._store.participants(case.id) if case.id else {}
        self._attendees = attendees(people, attending_in(participants))
        plan = saved or ConferencePlan(case_id=case.id)
        self.form.date.set_fallback(self._store.today())
        self.form.set_plan(plan)
        suggestion = self.form.show_interpreter_hint(self._attendees)
        if saved is None and suggestion:
            self.form.interpreters.setPlainText(suggestion)
        seats = (
            reconcile_seating(saved.seating, case, self._attendees) if saved
            else default_seating(case, self._attendees)
        )
        self.seating.set_seating(case, self._attendees, seats)
        self._explain_seating(saved, seats, people)
        self.refresh_readiness()
        self.setEnabled(bool(case.id))
        self._shown = self.current_plan()

    def refresh_readiness(self) -> None:
        """Show the case's readiness again (after a change elsewhere), keeping what is typed."""
        case = self._case
        if case is None or not case.id:
            self.stage_note.setText("Save the referral first.")
            self.stage_note.show()
            self.readiness.hide()
            return
        case = self._store.get_case(case.id)
        if case.status not in BEFORE_CONFERENCE:
            self.stage_note.setText(_after_note(case.status))
            self.stage_note.show()
            self.readiness.hide()
            return
        self.stage_note.hide()
        people = {p.id: p for p in self._store.people(case.id)}
        self.readiness.show_readiness(self._store.readiness(case.id), people)
        self.readiness.show()

    def current_plan(self) -> ConferencePlan | None:
        """The plan as the form and seating stand (None before a case is shown)."""
        if self._case is None:
            return None
        return self.form.plan(self._case.id, self.seating.seats())

    def has_changes(self) -> bool:
        """Whether the form or seating have been changed since they were shown or saved."""
        current = self.current_plan()
        return current is not None and bool(current.case_id) and current != self._shown

    def save(self) -> bool:
        """Save the plan; False (with the problems shown beside the inputs) when it could not."""
        plan = self.current_plan()
        if plan is None or not plan.case_id:
            return False
        problems = plan_problems(plan)
        if problems:
            self._show_problems(problems)
            return False
        try:
            self._saved = self._store.save_conference_plan(plan)
        except ValidationError as error:
            self._show_problems([Problem(error.field, error.message)])
            return False
        except StoreError as error:
            self._show_problems([Problem("", f"The plan was not saved. {error}")])
            return False
        self._shown = plan
        self.form.messages.clear()
        self.seating_note.setText(_seating_intro())
        self.status_label.setText("✓ Plan saved.")
        self.refresh_readiness()
        self.plan_changed.emit()
        return True

    # -- inside --------------------------------------------------------------------------------

    def _show_problems(self, problems: list[Problem]) -> None:
        self.form.messages.show(problems)
        self.status_label.setText("✗ Not saved yet: see the message above the part to fix.")

    def _explain_seating(
        self, saved: ConferencePlan | None, seats: tuple[Seat, ...], people: list[Person]
    ) -> None:
        note = _seating_intro()
        if saved is not None and saved.seating and tuple(saved.seating) != seats:
            by_id = {p.id: p for p in people}
            now = {s.key for s in seats}
            gone = [s for s in saved.seating if s.key not in now]
            names = [by_id[s.person_id].called for s in gone if s.person_id in by_id]
            reasons = [f"{', '.join(names)} no longer attending"] if names else []
            removed = sum(1 for s in gone if s.person_id and s.person_id not in by_id)
            if removed:
                reasons.append(f"{removed} {'person' if removed == 1 else 'people'} "
                               "taken off the case")
            changed = "Changed since it was saved to match who attends"
            if reasons:
                changed += f" ({'; '.join(reasons)})"
            note += f"\n{changed}. Save the plan to keep it."
        self.seating_note.setText(note)

    def _on_save_button_clicked(self) -> None:
        self.save()

    def _on_seating_seating_edited(self) -> None:
        self.status_label.setText("Seating changed: save the plan to keep it.")


def _seating_intro() -> str:
    return (
        "Drawn from who attends. The usual plan seats the person responsible and their "
        "supporters on one side of the facilitator, the person harmed and theirs on the other."
    )


def _after_note(status: Status) -> str:
    if status is Status.NOT_PROCEEDING:
        return "This case is not going ahead, so there is no conference to get ready for."
    return "The conference has been held. The plan below is kept as it was."

