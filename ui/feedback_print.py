"""Printing blank feedback forms for a case: a participant's (for adults or child-friendly), the
staff reflection, or a partner agency's; or one for each person who came in one go (the
child-friendly form for children). Forms carry the case reference, never a name.

The same preview, printing and saving as the agreement (ui/agreement_print.py); each print and
save is noted in the audit trail with the kind of form only."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QWidget

from restorative_desk.documents.feedback_form import (
    FormKind,
    feedback_form_for,
    filename_for_feedback_form,
    render_feedback_form,
)
from restorative_desk.feedback.checks import STAFF_ROLES
from restorative_desk.records import Case, Person
from restorative_desk.store import Store
from restorative_desk.wording import RoleWording

from .agreement_print import DocumentPrintDialog
from .widgets import ValueComboBox

# (form, whether it carries the case reference): a partner agency's form may be about the
# service in general.
FormChoice = tuple[FormKind, bool]
CHOICES: tuple[tuple[str, FormChoice], ...] = (
    ("Participant feedback, for adults", (FormKind.PARTICIPANT, True)),
    ("Participant feedback, child-friendly (larger type, simpler words)",
     (FormKind.PARTICIPANT_CHILD, True)),
    ("Staff reflection", (FormKind.STAFF, True)),
    ("Partner agency feedback about this case", (FormKind.PARTNER, True)),
    ("Partner agency feedback about the service in general", (FormKind.PARTNER, False)),
)


class FeedbackFormPrintDialog(DocumentPrintDialog):
    """Preview, print or save a blank feedback form; or print one for each person who came."""

    RECORD_TYPE = "feedback_form"

    def __init__(
        self, parent: QWidget | None, store: Store, case: Case, wording: RoleWording,
        came: list[Person] | None = None,
    ) -> None:
        super().__init__(parent, store, case)
        self._wording = wording
        self._for_everyone = False
        if came is not None:
            # "Print for everyone" means everyone who came and is still to be asked.
            self._people = [p for p in came if p.role not in STAFF_ROLES]
        self.setWindowTitle(f"Print feedback forms for {case.reference}")
        self.print_all_button.setToolTip(
            "A form for each person who came and has not given feedback yet: the "
            "child-friendly one for children"
        )
        self.form = ValueComboBox[FormChoice](list(CHOICES), "Which form")
        self.add_choice("&Form", self.form)
        self.show_preview()
        self.form.setFocus()

    @classmethod
    def show_for(
        cls, parent: QWidget | None, store: Store, case: Case, wording: RoleWording,
        came: list[Person] | None = None,
    ) -> None:
        """Open the dialog and wait until it is closed."""
        cls(parent, store, case, wording, came).exec()

    def chosen_person_id(self) -> str:
        return ""

    def _on_print_all_button_clicked(self) -> None:
        self._for_everyone = True
        try:
            super()._on_print_all_button_clicked()
        finally:
            self._for_everyone = False

    def _choice_for(self, person_id: str) -> FormChoice:
        if not person_id:
            return self.form.value()
        person = next((p for p in self._people if p.id == person_id), None)
        child = person is not None and person.is_child
        return (FormKind.PARTICIPANT_CHILD if child else FormKind.PARTICIPANT, True)

    def key(self, person_id: str) -> tuple[object, ...]:
        return self._choice_for(person_id)

    def make(self, person_id: str) -> bytes:
        kind, with_reference = self._choice_for(person_id)
        doc = feedback_form_for(self._store, self._case, kind, wording=self._wording)
        return render_feedback_form(doc if with_reference else replace(doc, reference=""))

    def filename(self) -> str:
        kind, with_reference = self.form.value()
        return filename_for_feedback_form(self._case.reference if with_reference else "", kind)

    def detail(self) -> str:
        if self._for_everyone:
            return "participant forms for everyone who came"
        kind, with_reference = self.form.value()
        return kind.value if with_reference else f"{kind.value} general"
