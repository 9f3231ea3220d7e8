"""One person's preparation page: their name, then each part of the preparation in a column
that scrolls. Store-free: the Preparation tab gives it a snapshot to show."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from restorative_desk.formatting import format_date
from restorative_desk.preparation.catalogue import Catalogue
from restorative_desk.preparation.readiness import CasePreparation, person_checklist
from restorative_desk.records import Contact, ContactType, Person, Role

from .drafts import PreparationDraft
from .preparation_forms import (
    AcknowledgementSection,
    AnswersSection,
    EditableSection,
    InformationSection,
    participant_answers,
)
from .preparation_sections import (
    AttendingSection,
    ChecklistView,
    ConsentSection,
    MeetingsSection,
    wrapped,
)
from .preparation_words import (
    attending_note,
    consent_attention,
    display_name,
    parent_consent_note,
)


class PersonPage(QWidget):
    """Checklist, taking part, meetings, information, consent, acknowledgement and answers."""

    def __init__(self, book: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._book = book
        self.name_label = QLabel()
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setWordWrap(True)
        self.role_label = wrapped()
        self.checklist = ChecklistView()
        self.attending = AttendingSection()
        self.meetings = MeetingsSection()
        self.information = InformationSection()
        self.consent = ConsentSection()
        self.acknowledgement = AcknowledgementSection()
        self.answers = AnswersSection(book.questions)
        column = QWidget()
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(4, 0, 16, 16)
        for section in (self.checklist, self.attending, self.meetings, self.information,
                        self.consent, self.acknowledgement, self.answers):
            column_layout.addWidget(section)
        column_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.name_label)
        layout.addWidget(self.role_label)
        layout.addWidget(self.scroll_area, 1)

    def show_person(
        self,
        prep: CasePreparation,
        person: Person,
        role: str,
        contacts: Sequence[Contact],
        *,
        keep_typing: bool,
    ) -> None:
        """Show `person` as `prep` has them; with `keep_typing`, unsaved typing stays."""
        participant = prep.preparation_of(person)
        self.name_label.setText(display_name(person))
        self.role_label.setText(" · ".join(x for x in (role, person.pronouns) if x))
        self.checklist.set_items(person_checklist(prep, person, book=self._book))
        box = self.attending.attending
        blocked = box.blockSignals(True)
        box.setChecked(participant.attending)
        box.blockSignals(blocked)
        self.attending.note.setText(attending_note(person))
        self.meetings.set_entries([
            (f"{format_date(c.contact_date)} · by {c.by_whom}", c.note, c.id)
            for c in contacts
            if c.person_id == person.id and c.contact_type is ContactType.PREPARATION
        ])
        self.information.set_today(prep.today)
        self.information.load(
            (participant.information_given_on, participant.information_note),
            keep_typing=keep_typing,
        )
        self.consent.set_consents(
            [c for c in prep.consents if c.person_id == person.id], person.called
        )
        self.consent.set_attention(consent_attention(prep, person))
        self.consent.set_parent_note(parent_consent_note(prep, person))
        self.acknowledgement.setVisible(person.role is Role.PERSON_RESPONSIBLE)
        self.acknowledgement.set_today(prep.today)
        self.acknowledgement.load(
            (participant.facts_acknowledged_on, participant.acknowledgement_note),
            keep_typing=keep_typing,
        )
        self.answers.load(participant_answers(participant), keep_typing=keep_typing)

    def editable(self) -> list[EditableSection[Any]]:
        """The parts typed into, each saved with its own button."""
        return [self.information, self.acknowledgement, self.answers]

    def unsaved(self) -> PreparationDraft:
        """The typing not saved yet: only the sections with unsaved changes."""
        return PreparationDraft(
            information=self.information.values() if self.information.is_dirty() else None,
            acknowledgement=(
                self.acknowledgement.values() if self.acknowledgement.is_dirty() else None
            ),
            answers=self.answers.values() if self.answers.is_dirty() else None,
        )

    def put_back(self, draft: PreparationDraft) -> None:
        """Put kept typing back in its sections, as unsaved changes. An acknowledgement is only
        put back for the person responsible (the section is hidden for anyone else)."""
        restored: list[QWidget] = []
        if draft.information is not None:
            self.information.put_back(draft.information)
            restored.append(self.information)
        if draft.acknowledgement is not None and not self.acknowledgement.isHidden():
            self.acknowledgement.put_back(draft.acknowledgement)
            restored.append(self.acknowledgement)
        if draft.answers is not None:
            self.answers.put_back(draft.answers)
            restored.append(self.answers)
        if restored:  # show where the typing went back, not the top of the page
            self.scroll_area.verticalScrollBar().setValue(restored[0].y())

    def scroll_to_top(self) -> None:
        """Start at the top (when another person is chosen)."""
        self.scroll_area.verticalScrollBar().setValue(0)
