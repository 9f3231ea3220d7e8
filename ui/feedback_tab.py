"""The Feedback tab: what participants, staff and partner agencies said about the conference, who
is still to be asked, and the paper forms to ask them with."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.feedback.records import ParticipantFeedback, PartnerFeedback, StaffReflection
from restorative_desk.feedback.summary import CaseFeedbackSummary, attended_ids, summarise
from restorative_desk.records import Case, Person
from restorative_desk.store import Store
from restorative_desk.store.errors import StoreError
from restorative_desk.wording import RoleWording

from .dialog_parts import emphasised, wrapped
from .feedback_dialog import FeedbackDialog
from .feedback_parts import participant_entry, partner_entry, reflection_entry
from .partner_feedback_dialog import PartnerFeedbackDialog
from .staff_reflection_dialog import StaffReflectionDialog
from .widgets import TimelineList, confirm, tell

NOTHING_YET = "No feedback on this case yet."
EVERYONE_ASKED = "Everyone who came has given feedback. Thank you for asking them."
NOBODY_CAME = ("No one is marked as coming to a conference yet. Feedback can still be entered "
               "for anyone on the case.")
# Keys in the list: which kind of record, then its id.
PARTICIPANT, STAFF, PARTNER = "participant", "staff", "partner"


class FeedbackTab(QWidget):
    """One case's feedback from three perspectives."""

    feedback_changed = Signal()

    def __init__(self, store: Store, wording: RoleWording, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._wording = wording
        self._case: Case | None = None
        self._people: list[Person] = []
        self._came: frozenset[str] = frozenset()
        self._summary: CaseFeedbackSummary | None = None
        self._records: dict[str, ParticipantFeedback | StaffReflection | PartnerFeedback] = {}
        # Replaceable so tests (and other front ends) can answer for the user.
        self.confirm: Callable[[QWidget, str, str, str], bool] = confirm
        self.tell: Callable[[QWidget, str, str], None] = tell
        self.ask_feedback = FeedbackDialog.ask
        self.ask_reflection = StaffReflectionDialog.ask
        self.ask_partner = PartnerFeedbackDialog.ask

        self.heading = emphasised(wrapped(""), 1.1)
        self.heading.setAccessibleName("How much feedback there is")
        self.summary = wrapped("")
        self.summary.setAccessibleName("Feedback in numbers")

        self.to_ask = wrapped("")
        self.to_ask.setAccessibleName("Who is still to be asked")
        ask_box = QGroupBox("Still to be asked")
        QVBoxLayout(ask_box).addWidget(self.to_ask)

        self.list = TimelineList("Feedback received, oldest first")
        self.list.setMinimumHeight(self.fontMetrics().lineSpacing() * 14)
        self.nothing = wrapped(NOTHING_YET)
        self.edit_button = QPushButton("Ch&ange…")
        self.delete_button = QPushButton("&Delete…")
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.edit_button)
        list_buttons.addWidget(self.delete_button)
        list_buttons.addStretch(1)
        received_box = QGroupBox("Feedback received")
        received = QVBoxLayout(received_box)
        received.addWidget(self.nothing)
        received.addWidget(self.list, 1)
        received.addLayout(list_buttons)

        # The case window's tabs and menus hold R, P, C, Y, O, F, E, V, T and H.
        self.status_label = wrapped("")
        self.print_button = QPushButton("Print feedback for&ms…")
        self.enter_button = QPushButton("E&nter feedback…")
        self.reflection_button = QPushButton("&Staff reflection…")
        self.partner_button = QPushButton("Partner a&gency feedback…")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        for button in (self.print_button, self.enter_button, self.reflection_button,
                       self.partner_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(ask_box)
        layout.addWidget(received_box, 1)
        layout.addLayout(buttons)

        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.enter_button.clicked.connect(self._on_enter_button_clicked)
        self.reflection_button.clicked.connect(self._on_reflection_button_clicked)
        self.partner_button.clicked.connect(self._on_partner_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.list.itemActivated.connect(self._on_edit_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.list.itemSelectionChanged.connect(self._refresh_buttons)

    # -- interface -----------------------------------------------------------------------------

    def show_case(self, case: Case) -> None:
        """Show `case`'s feedback."""
        self._case = case
        self.status_label.clear()
        self._reload()

    def still_to_ask(self) -> list[Person]:
        """The people who came and have not given feedback yet."""
        return list(self._summary.still_to_ask) if self._summary else []

    # -- showing -------------------------------------------------------------------------------

    def _reload(self) -> None:
        case = self._case
        if case is None or not case.id:
            self.setEnabled(False)
            return
        self.setEnabled(True)
        try:
            self._case = case = self._store.get_case(case.id)
            self._people = self._store.people(case.id)
            attendances = [self._store.attendance(run.id)
                           for run in self._store.conference_runs(case.id)]
            participants = self._store.participant_feedback(case.id)
            reflections = self._store.staff_reflections(case.id)
            partners = self._store.partner_feedback(case.id)
        except StoreError as error:
            self.status_label.setText(f"The feedback could not be read. {error}")
            return
        self._came = frozenset(attended_ids(attendances))
        summary = self._summary = summarise(self._people, attendances, participants,
                                            reflections, partners)
        first, *rest = summary.lines
        self.heading.setText(first)
        self.summary.setText("\n".join(rest))
        self._show_to_ask(case, summary)
        self._show_list(case, participants, reflections, partners)

    def _show_to_ask(self, case: Case, summary: CaseFeedbackSummary) -> None:
        if summary.still_to_ask:
            self.to_ask.setText("\n".join(
                f"• {p.called} ({self._wording.role_label(p.role, case.setting)})"
                for p in summary.still_to_ask
            ))
        else:
            self.to_ask.setText(EVERYONE_ASKED if summary.came else NOBODY_CAME)

    def _show_list(
        self, case: Case, participants: list[ParticipantFeedback],
        reflections: list[StaffReflection], partners: list[PartnerFeedback],
    ) -> None:
        names = {p.id: p.called for p in self._people}
        dated: list[tuple[object, str, str, str]] = []
        self._records = {}
        for feedback in participants:
            role = self._wording.role_label(feedback.role, case.setting)
            name = names.get(feedback.person_id or "")
            who = f"{name} ({role})" if name else f"{role}, not named"
            heading, note = participant_entry(feedback, who)
            dated.append((feedback.given_on, heading, note, f"{PARTICIPANT}:{feedback.id}"))
            self._records[f"{PARTICIPANT}:{feedback.id}"] = feedback
        for reflection in reflections:
            heading, note = reflection_entry(reflection)
            dated.append((reflection.given_on, heading, note, f"{STAFF}:{reflection.id}"))
            self._records[f"{STAFF}:{reflection.id}"] = reflection
        for partner in partners:
            heading, note = partner_entry(partner)
            dated.append((partner.given_on, heading, note, f"{PARTNER}:{partner.id}"))
            self._records[f"{PARTNER}:{partner.id}"] = partner
        dated.sort(key=lambda entry: str(entry[0]))  # stable: participants, staff, partners
        self.list.set_entries((heading, note, key) for _, heading, note, key in dated)
        self.nothing.setVisible(not dated)
        self.list.setVisible(bool(dated))
        self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        chosen = self.list.selected_id() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _changed(self, text: str) -> None:
        self._reload()
        self.status_label.setText(text)
        self.feedback_changed.emit()

    # -- slots ---------------------------------------------------------------------------------

    def _on_print_button_clicked(self) -> None:
        if self._case is None:
            return
        from .feedback_print import FeedbackFormPrintDialog

        FeedbackFormPrintDialog.show_for(self, self._store, self._case, self._wording,
                                         self.still_to_ask())

    def _on_enter_button_clicked(self) -> None:
        if self._case is not None and self.ask_feedback(
            self, self._store, self._wording, self._case, None, came=self._came
        ):
            self._changed("✓ Feedback saved.")

    def _on_reflection_button_clicked(self) -> None:
        if self._case is not None and self.ask_reflection(self, self._store, self._case, None):
            self._changed("✓ Reflection saved.")

    def _on_partner_button_clicked(self) -> None:
        if self._case is not None and self.ask_partner(self, self._store, self._case, None):
            self._changed("✓ Partner agency feedback saved.")

    def _on_edit_button_clicked(self) -> None:
        key = self.list.selected_id()
        record = self._records.get(key or "")
        case = self._case
        if record is None or case is None:
            return
        saved: object
        if isinstance(record, ParticipantFeedback):
            saved = self.ask_feedback(self, self._store, self._wording, case, record,
                                      came=self._came)
        elif isinstance(record, StaffReflection):
            saved = self.ask_reflection(self, self._store, case, record)
        else:
            saved = self.ask_partner(self, self._store, case, record)
        if saved:
            self._changed("✓ Changes saved.")

    def _on_delete_button_clicked(self) -> None:
        key = self.list.selected_id() or ""
        record = self._records.get(key)
        if record is None or not self.confirm(
            self, "Delete feedback", "Delete this feedback? It cannot be brought back.",
            "&Delete",
        ):
            return
        kind = key.partition(":")[0]
        delete = {PARTICIPANT: self._store.delete_participant_feedback,
                  STAFF: self._store.delete_staff_reflection,
                  PARTNER: self._store.delete_partner_feedback}[kind]
        try:
            delete(record.id)
        except StoreError as error:
            self.tell(self, "Not deleted", f"The feedback was not deleted. {error}")
            return
        self._changed("✓ Deleted.")

