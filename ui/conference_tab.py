"""The Conference tab: is the case ready, when and where it happens, and who sits where."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
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

from .drafts import (
    PLAN_DRAFT,
    UnreadableDraft,
    kept_payload,
    let_go,
    plan_from_payload,
    plan_payload,
)
from .plan_form import PlanForm
from .readiness_panel import BEFORE_CONFERENCE, ReadinessPanel
from .seating_plan import SeatingPlanWidget
from .widgets import FieldMessage

# Alt+letters here: D, T, U, M, I, B, S for the form, W and A for the seating, L to save
# (the window, its menus and tabs use F, E, V, H, R, P, C, Y, O and N).
SAVE_TEXT = "Save the p&lan"


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
        let_go(self._store, PLAN_DRAFT, plan.case_id)  # typing kept earlier is out of date
        self.form.messages.clear()
        self.seating_note.setText(_seating_intro())
        self.status_label.setText("✓ Plan saved.")
        self.refresh_readiness()
        self.plan_changed.emit()
        return True

    # -- typing kept when the app locks --------------------------------------------------------

    def keep_draft(self) -> None:
        """Keep the plan as typed in the case file, when it has changes not saved yet."""
        plan = self.current_plan()
        if plan is None or not self.has_changes() or self._store.read_only:
            return
        self._store.save_draft(PLAN_DRAFT, plan.case_id, plan.case_id, plan_payload(plan))

    def discard_changes(self) -> None:
        """Drop what was typed (kept as a draft first, when locking): the plan shows as it was."""
        case, shown = self._case, self._shown
        if case is None or shown is None:
            return
        self.form.messages.clear()
        self.form.set_plan(shown)
        self.seating.set_seating(case, self._attendees, shown.seating)
        self.status_label.clear()

    def has_draft(self) -> bool:
        """Whether a typed plan is kept for the case shown."""
        case = self._case
        return case is not None and bool(case.id) and (
            kept_payload(self._store, PLAN_DRAFT, case.id) is not None
        )

    def restore_draft(self) -> bool:
        """Put the kept plan back in the form, as unsaved changes (Save the plan keeps it); the
        seating follows who attends now. False when nothing was kept."""
        case = self._case
        payload = kept_payload(self._store, PLAN_DRAFT, case.id) if case and case.id else None
        if case is None or payload is None:
            return False
        try:
            typed = plan_from_payload(payload, case.id)
        except UnreadableDraft:
            let_go(self._store, PLAN_DRAFT, case.id)
            return False
        self.form.messages.clear()
        self.form.set_plan(typed)
        seats = reconcile_seating(typed.seating, case, self._attendees)
        self.seating.set_seating(case, self._attendees, seats)
        let_go(self._store, PLAN_DRAFT, case.id)
        self.status_label.setText(
            "Your changes from before the app locked are back. Save the plan to keep them."
        )
        return True

    def discard_draft(self) -> None:
        """Let go of the typed plan kept for the case shown."""
        if self._case is not None and self._case.id:
            let_go(self._store, PLAN_DRAFT, self._case.id)

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

