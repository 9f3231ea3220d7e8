"""The Preparation tab: everyone taking part, and where each one's preparation has got to.

A facilitator fills this in over several meetings with each person, at their pace. Each part
saves on its own; typing not yet saved is kept when the case is refreshed, and the tab asks
before moving to another person while something is unsaved. When the app locks, the unsaved parts
are kept as a draft in the case file and offered again after unlocking (ui.drafts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from restorative_desk.formatting import format_date
from restorative_desk.preparation.catalogue import catalogue
from restorative_desk.preparation.checks import participant_problems
from restorative_desk.preparation.readiness import CasePreparation
from restorative_desk.preparation.records import (
    PARTICIPANT_ROLES,
    Consent,
    ParticipantPreparation,
    frozen_answers,
)
from restorative_desk.records import Case, Contact, ContactType, Person, Role
from restorative_desk.rules import Problem, ValidationError
from restorative_desk.store import Store
from restorative_desk.store.errors import StoreError
from restorative_desk.wording import RoleWording

from .answers_dialog import ReadBackDialog
from .asking import SaveChoice, ask_until_saved
from .consent_dialog import ConsentDialog, Withdrawal, WithdrawConsentDialog
from .contact_dialog import ContactDialog
from .drafts import (
    PREPARATION_DRAFT,
    forget_saved_part,
    kept_preparation,
    kept_record_ids,
    let_go,
    let_go_of_others,
)
from .preparation_forms import EditableSection
from .preparation_page import PersonPage
from .preparation_sections import whose_consent, wrapped
from .preparation_words import (
    ask_save_changes,
    default_giver,
    display_name,
    progress_text,
)
from .widgets import TimelineList, confirm, tell

T = TypeVar("T")

_ROLE_ORDER = (Role.PERSON_HARMED, Role.PERSON_RESPONSIBLE, Role.SUPPORTER, Role.COMMUNITY_MEMBER)


def _open_documents(parent: QWidget, store: Store, case: Case) -> None:
    from .documents_dialog import DocumentsDialog  # the PDF viewer loads on first use

    DocumentsDialog.show_for(parent, store, case)


class PreparationTab(QWidget):
    """Each person taking part: checklist, meetings, information, consent, their answers."""

    preparation_changed = Signal()

    def __init__(self, store: Store, wording: RoleWording, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._wording = wording
        self._book = catalogue()
        self._case: Case | None = None
        self._prep: CasePreparation | None = None
        self._participants: list[Person] = []
        self._contacts: list[Contact] = []
        self._person_id: str | None = None
        # Replaceable so tests can answer for the user.
        self.ask_save_changes: Callable[[QWidget], SaveChoice] = ask_save_changes
        self.confirm: Callable[[QWidget, str, str, str], bool] = confirm
        self.tell: Callable[[QWidget, str, str], None] = tell
        self.open_documents: Callable[[QWidget, Store, Case], None] = _open_documents

        self.empty_label = wrapped()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.people_list = TimelineList("People taking part")
        self.people_hint = wrapped(small=True)
        people_label = QLabel("People taking part")
        people_label.setBuddy(self.people_list)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(people_label)
        left_layout.addWidget(self.people_list, 1)
        left_layout.addWidget(self.people_hint)

        self.page = PersonPage(self._book)
        # The sections, by name, for the slots below and for tests.
        self.checklist, self.attending = self.page.checklist, self.page.attending
        self.meetings, self.information = self.page.meetings, self.page.information
        self.consent, self.acknowledgement = self.page.consent, self.page.acknowledgement
        self.answers = self.page.answers

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.page)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([210, 800])
        self._pages = QStackedWidget()
        self._pages.addWidget(self.empty_label)
        self._pages.addWidget(splitter)
        layout = QVBoxLayout(self)
        layout.addWidget(self._pages)

        self.people_list.itemSelectionChanged.connect(self._on_people_list_selection_changed)
        self.attending.attending.toggled.connect(self._on_attending_toggled)
        self.meetings.add_button.clicked.connect(self._on_add_meeting_clicked)
        self.information.save_button.clicked.connect(self._on_information_save_clicked)
        self.information.documents_button.clicked.connect(self._on_documents_clicked)
        self.consent.record_button.clicked.connect(self._on_record_consent_clicked)
        self.consent.withdraw_button.clicked.connect(self._on_withdraw_consent_clicked)
        self.consent.remove_button.clicked.connect(self._on_remove_consent_clicked)
        self.acknowledgement.save_button.clicked.connect(self._on_acknowledgement_save_clicked)
        self.answers.save_button.clicked.connect(self._on_answers_save_clicked)
        self.answers.read_back_button.clicked.connect(self._on_read_back_clicked)

    # -- the case window's interface ---------------------------------------------------------

    def show_case(self, case: Case) -> None:
        """Show `case`, reloaded from the store. For the same case, unsaved typing stays; for
        another case it is dropped (call maybe_save first)."""
        same = self._case is not None and self._case.id == case.id
        if not same:
            self._person_id = None
        self._case = case
        self._reload(keep_typing=same)

    def is_dirty(self) -> bool:
        """Whether any part of the person shown has typing not saved yet."""
        return any(section.is_dirty() for section in self.page.editable())

    def maybe_save(self) -> bool:
        """Offer to save unsaved typing; False when the user wants to keep editing."""
        if not self.is_dirty():
            return True
        choice = self.ask_save_changes(self)
        if choice is SaveChoice.SAVE:
            return all(self._save_section(section) for section in self.page.editable()
                       if section.is_dirty())
        if choice is SaveChoice.DISCARD:
            self._show_person(keep_typing=False)
            return True
        return False

    def selected_person(self) -> Person | None:
        """The person whose preparation is shown."""
        return next((p for p in self._participants if p.id == self._person_id), None)

    def select_person(self, person_id: str) -> None:
        """Show this person's preparation (asking first about unsaved typing)."""
        for row in range(self.people_list.count()):
            item = self.people_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == person_id:
                self.people_list.setCurrentItem(item)
                return

    # -- typing kept when the app locks ------------------------------------------------------

    def keep_draft(self) -> None:
        """Keep the unsaved parts of the shown person's typing in the case file."""
        person, case = self.selected_person(), self._case
        if person is None or case is None or self._store.read_only or not self.is_dirty():
            return
        payload = self.page.unsaved().to_payload()
        self._store.save_draft(PREPARATION_DRAFT, person.id, case.id, payload)

    def discard_changes(self) -> None:
        """Drop unsaved typing (kept as a draft first, when locking): the saved record shows."""
        self._show_person(keep_typing=False)

    def kept_for(self) -> list[str]:
        """The names of the people on the case shown whose typing is kept, newest first."""
        case = self._case
        kept = kept_record_ids(self._store, PREPARATION_DRAFT, case.id) if case else []
        names = {p.id: p.called for p in self._participants}
        return [names[person_id] for person_id in kept if person_id in names]

    def restore_draft(self) -> bool:
        """Put the newest kept typing back: its person is chosen and the typing shows as unsaved
        (Save still saves it). A draft for someone no longer taking part is let go quietly.
        False when nothing was put back (the draft stays if the user kept editing someone else).
        """
        case = self._case
        for person_id in kept_record_ids(self._store, PREPARATION_DRAFT, case.id) if case else []:
            draft = kept_preparation(self._store, person_id)
            if draft is None or all(p.id != person_id for p in self._participants):
                let_go(self._store, PREPARATION_DRAFT, person_id)
                continue
            self.select_person(person_id)
            if self._person_id != person_id:
                return False
            self.page.put_back(draft)
            let_go(self._store, PREPARATION_DRAFT, person_id)
            return True
        return False

    def discard_draft(self) -> None:
        """Let go of all the typing kept for the case shown."""
        case = self._case
        for person_id in kept_record_ids(self._store, PREPARATION_DRAFT, case.id) if case else []:
            let_go(self._store, PREPARATION_DRAFT, person_id)

    # -- showing -----------------------------------------------------------------------------

    def _reload(self, *, keep_typing: bool) -> None:
        case = self._case
        if case is None:
            return
        try:
            self._prep = self._store.case_preparation(case.id)
            self._contacts = self._store.contacts(case.id)
        except StoreError as error:
            self._show_empty(f"{error} Choose another case from the list.")
            return
        prep = self._prep
        ranked = {role: rank for rank, role in enumerate(_ROLE_ORDER)}
        self._participants = sorted(
            (p for p in prep.people if p.role in PARTICIPANT_ROLES),
            key=lambda p: ranked[p.role],
        )
        let_go_of_others(self._store, case.id, (p.id for p in self._participants))
        if not self._participants:
            harmed = self._role_words(Role.PERSON_HARMED).lower()
            responsible = self._role_words(Role.PERSON_RESPONSIBLE).lower()
            self._show_empty(f"Add the {harmed} and the {responsible} on the People tab first.")
            return
        self._pages.setCurrentIndex(1)
        if self.selected_person() is None:
            keep_typing = False
            self._person_id = self._participants[0].id
        blocked = self.people_list.blockSignals(True)
        self.people_list.set_entries(
            (display_name(p), progress_text(prep, p, self._role_words(p.role), self._book), p.id)
            for p in self._participants
        )
        self._select_row(self._person_id)
        self.people_list.blockSignals(blocked)
        missing = [r for r in (Role.PERSON_HARMED, Role.PERSON_RESPONSIBLE)
                   if not any(p.role is r for p in self._participants)]
        self.people_hint.setText(
            " ".join(f"No one is recorded as the {self._role_words(r).lower()} yet: add them on "
                     "the People tab." for r in missing)
        )
        self.people_hint.setVisible(bool(missing))
        self._show_person(keep_typing=keep_typing)

    def _show_empty(self, text: str) -> None:
        self._participants = []
        self._person_id = None
        self.empty_label.setText(text)
        self._pages.setCurrentIndex(0)

    def _show_person(self, *, keep_typing: bool) -> None:
        person, prep = self.selected_person(), self._prep
        if person is not None and prep is not None:
            role = self._role_words(person.role)
            self.page.show_person(prep, person, role, self._contacts, keep_typing=keep_typing)

    def _role_words(self, role: Role) -> str:
        setting = self._case.setting if self._case is not None else None
        return self._wording.role_label(role, setting)

    def _select_row(self, person_id: str | None) -> None:
        for row in range(self.people_list.count()):
            item = self.people_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == person_id:
                self.people_list.setCurrentItem(item)
                item.setSelected(True)

    # -- saving ------------------------------------------------------------------------------

    def _after_save(self) -> None:
        self._reload(keep_typing=True)
        self.preparation_changed.emit()

    def _save_participant(
        self,
        section: EditableSection[T],
        change: Callable[[ParticipantPreparation], ParticipantPreparation],
    ) -> bool:
        """Save one part of the person's record over what is stored now, leaving the other
        parts (and any typing in them) as they are."""
        person = self.selected_person()
        if person is None:
            return False
        try:
            changed = change(self._store.participant_preparation(person.id))
            problems = participant_problems(changed, self._store.today())
            if problems:
                section.show_problems(problems)
                return False
            self._store.save_participant_preparation(changed)
        except ValidationError as error:
            section.show_problems([Problem(error.field, error.message)])
            return False
        except StoreError as error:
            section.show_problems([Problem("", f"Not saved. {error}")])
            return False
        forget_saved_part(self._store, person.case_id, person.id, section.key)
        self._after_save()
        section.saved()
        return True

    def _save_section(self, section: EditableSection[Any]) -> bool:
        if section is self.information:
            return self._save_information()
        if section is self.acknowledgement:
            return self._save_acknowledgement()
        return self._save_answers()

    def _save_information(self) -> bool:
        given_on, note = self.information.values()
        return self._save_participant(
            self.information,
            lambda p: replace(p, information_given_on=given_on, information_note=note),
        )

    def _save_acknowledgement(self) -> bool:
        on, note = self.acknowledgement.values()
        return self._save_participant(
            self.acknowledgement,
            lambda p: replace(p, facts_acknowledged_on=on, acknowledgement_note=note),
        )

    def _save_answers(self) -> bool:
        answers = frozen_answers(self.answers.values())
        return self._save_participant(self.answers, lambda p: replace(p, answers=answers))

    def _ask_until_saved(
        self,
        ask: Callable[[T | None, Problem | None], T | None],
        save: Callable[[T], object],
        draft: T | None,
    ) -> None:
        """Ask with a dialog until what it gives is saved (then refresh) or the user cancels."""
        if ask_until_saved(ask, save, draft):
            self._after_save()

    # -- slots -------------------------------------------------------------------------------

    def _on_people_list_selection_changed(self) -> None:
        wanted = self.people_list.selected_id()
        if wanted is None or wanted == self._person_id:
            return
        # Saving reloads the list with the person before still chosen, so choose again after.
        chosen = wanted if self.maybe_save() else self._person_id
        blocked = self.people_list.blockSignals(True)
        self._select_row(chosen)
        self.people_list.blockSignals(blocked)
        if chosen != wanted:
            return
        self._person_id = wanted
        self._show_person(keep_typing=False)
        self.page.scroll_to_top()

    def _on_attending_toggled(self, checked: bool) -> None:
        person = self.selected_person()
        if person is None:
            return
        try:
            current = self._store.participant_preparation(person.id)
            self._store.save_participant_preparation(replace(current, attending=checked))
        except (ValidationError, StoreError) as error:
            self.tell(self, "Not saved", f"Whether {person.called} will attend was not saved. "
                                         f"{error}")
            self._reload(keep_typing=True)
            return
        self._after_save()

    def _on_add_meeting_clicked(self) -> None:
        person, prep = self.selected_person(), self._prep
        if person is None or prep is None:
            return
        case_id, today, actor = prep.case.id, self._store.today(), self._store.actor
        people = list(prep.people)
        start = Contact(case_id=case_id, contact_date=today, contact_type=ContactType.PREPARATION,
                        by_whom=actor, person_id=person.id)

        def ask(draft: Contact | None, problem: Problem | None) -> Contact | None:
            result = ContactDialog.ask(
                self, people, draft, actor, today, case_id=case_id, problem=problem
            )
            return replace(result, case_id=case_id) if result else None

        self._ask_until_saved(ask, self._store.log_contact, start)

    def _on_information_save_clicked(self) -> None:
        self._save_information()

    def _on_acknowledgement_save_clicked(self) -> None:
        self._save_acknowledgement()

    def _on_answers_save_clicked(self) -> None:
        self._save_answers()

    def _on_documents_clicked(self) -> None:
        if self._prep is not None:
            self.open_documents(self, self._store, self._prep.case)

    def _on_read_back_clicked(self) -> None:
        person = self.selected_person()
        if person is not None:
            ReadBackDialog.show_for(self, person.called, self._book.questions,
                                    self.answers.values())

    def _on_record_consent_clicked(self) -> None:
        person, prep = self.selected_person(), self._prep
        if person is None or prep is None:
            return
        giver, today = default_giver(prep, person), self._store.today()

        def ask(draft: Consent | None, problem: Problem | None) -> Consent | None:
            return ConsentDialog.ask(self, person, today=today, default_giver=giver,
                                     problem=problem, draft=draft)

        self._ask_until_saved(ask, self._store.add_consent, None)

    def _on_withdraw_consent_clicked(self) -> None:
        person, consent = self.selected_person(), self.consent.selected()
        if person is None or consent is None or consent.withdrawn:
            return
        today = self._store.today()

        def ask(draft: Withdrawal | None, problem: Problem | None) -> Withdrawal | None:
            return WithdrawConsentDialog.ask(self, consent, person, today=today,
                                             problem=problem, draft=draft)

        def save(withdrawal: Withdrawal) -> None:
            self._store.withdraw_consent(consent.id, *withdrawal)

        self._ask_until_saved(ask, save, None)

    def _on_remove_consent_clicked(self) -> None:
        person, consent = self.selected_person(), self.consent.selected()
        if person is None or consent is None:
            return
        question = (
            f"Remove {whose_consent(consent, person.called)}, given on "
            f"{format_date(consent.given_on)}? Only do this if it was recorded by mistake. If "
            f"{person.called} has changed their mind, use Withdraw instead, so the record shows it."
        )
        if not self.confirm(self, "Remove consent", question, "Remove it"):
            return
        try:
            self._store.remove_consent(consent.id)
        except StoreError as error:
            self.tell(self, "The consent was not removed", str(error))
            return
        self._after_save()
