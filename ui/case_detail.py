"""One case in full: its referral form, people, contacts and stage history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.conference.records import ConferenceRun
from restorative_desk.formatting import format_date
from restorative_desk.preparation.records import BiasStage
from restorative_desk.records import (
    Case,
    Contact,
    HarmCategory,
    Person,
    ReferralSource,
    Setting,
    Status,
    StatusChange,
)
from restorative_desk.rules import Problem, ValidationError, case_problems
from restorative_desk.store import Store, codec
from restorative_desk.store.errors import StoreError
from restorative_desk.wording import RoleWording

from .agreement_tab import AgreementTab
from .asking import SaveChoice, ask_to_save, ask_until_saved
from .conference_tab import ConferenceTab
from .contact_dialog import ContactDialog
from .feedback_tab import FeedbackTab
from .messages import NO_CASE_CHOSEN
from .person_dialog import PersonDialog
from .preparation_tab import PreparationTab
from .readiness_panel import ReadinessBanner
from .safety_tab import SafetyTab
from .status_dialog import MoveCaseDialog, MoveChoice
from .widgets import (
    FormMessages,
    OptionalDateEdit,
    TimelineList,
    ValueComboBox,
    confirm,
    from_qdate,
    make_date_edit,
    tell,
    to_qdate,
)

T = TypeVar("T")

EMPTY_TEXT = NO_CASE_CHOSEN
NEW_CASE_HINT = (
    "Save the referral first. Then you can add people, log contacts and see the history."
)
ID_ROLE = Qt.ItemDataRole.UserRole

(
    REFERRAL_TAB,
    PEOPLE_TAB,
    PREPARATION_TAB,
    SAFETY_TAB,
    CONFERENCE_TAB,
    AGREEMENT_TAB,
    FEEDBACK_TAB,
    CONTACTS_TAB,
    HISTORY_TAB,
) = range(9)
# Tabs that need a saved case.
CASE_TABS = (
    PEOPLE_TAB, PREPARATION_TAB, SAFETY_TAB, CONFERENCE_TAB, AGREEMENT_TAB, FEEDBACK_TAB,
    CONTACTS_TAB, HISTORY_TAB,
)
DRAFT_KIND = "referral"
NEW_RECORD = "new"
DRAFT_TEXT = "You have unsaved changes from before the app locked."
START_TEXT = "Start conference…"
RETURN_TEXT = "Return to the conference"


def ask_save_changes(parent: QWidget) -> SaveChoice:
    """Ask whether to save the referral's changes before moving on."""
    return ask_to_save(parent, "This referral has changes that are not saved yet.")


def ask_save_plan(parent: QWidget) -> SaveChoice:
    """Ask whether to save the conference plan's changes before moving on."""
    return ask_to_save(parent, "The conference plan has changes that are not saved yet.")


def ask_save_agreement(parent: QWidget) -> SaveChoice:
    """Ask whether to save the draft agreement's changes before moving on."""
    return ask_to_save(parent, "The draft agreement has changes that are not saved yet.")


class CaseDetailPanel(QWidget):
    """Everything about one case; the window calls show_case, save and maybe_save."""

    case_saved = Signal(str)
    case_changed = Signal(str)
    # A conference was started, or one under way was asked for: (ConferenceRun, Script | None).
    conference_requested = Signal(object, object)

    def __init__(self, store: Store, wording: RoleWording, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._wording = wording
        self._case: Case | None = None
        # Replaceable so tests (and a future non-modal design) can answer for the user.
        self.ask_save_changes: Callable[[QWidget], SaveChoice] = ask_save_changes
        self.ask_save_plan: Callable[[QWidget], SaveChoice] = ask_save_plan
        self.ask_save_agreement: Callable[[QWidget], SaveChoice] = ask_save_agreement
        self.confirm: Callable[[QWidget, str, str, str], bool] = confirm
        self.tell: Callable[[QWidget, str, str], None] = tell

        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)

        self.title = QLabel()
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.2)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)
        self.stop_reason = QLabel()
        self.stop_reason.setWordWrap(True)
        self.move_button = QPushButton("M&ove to…")
        self.move_button.setToolTip("Move this case to its next stage")
        # Every Alt+letter is taken here, so the documents have Ctrl+Shift+D instead.
        self.documents_button = QPushButton("Documents…")
        self.documents_button.setToolTip(
            "Letters and forms for the people taking part: preview, print or save (Ctrl+Shift+D)"
        )
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.stop_reason)
        header.addLayout(titles, 1)
        self.start_button = QPushButton(START_TEXT)
        header.addWidget(self.documents_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.move_button, 0, Qt.AlignmentFlag.AlignTop)

        # Alt+letters: F, E, V and H belong to the window's menus; R, P, C and Y to the tabs;
        # O to "Move to"; the referral form and each tab's buttons use the rest without clashes.
        # The preparation tabs have no letter left: Ctrl+Tab and Ctrl+PageDown reach every tab.
        self.referral = ReferralForm()
        self.people = PeopleTab(wording)
        self.preparation = PreparationTab(store, wording)
        self.safety = SafetyTab(store)
        self.conference = ConferenceTab(store, wording)
        self.agreement = AgreementTab(store, wording)
        self.feedback = FeedbackTab(store, wording)
        self.contacts = ContactsTab()
        self.history = HistoryTab()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.referral, "&Referral")
        self.tabs.addTab(self.people, "&People")
        self.tabs.addTab(self.preparation, "Preparation")
        self.tabs.addTab(self.safety, "Risk and safety")
        self.tabs.addTab(self.conference, "Conference")
        self.tabs.addTab(self.agreement, "Agreement")
        self.tabs.addTab(self.feedback, "Feedback")
        self.tabs.addTab(self.contacts, "&Contacts")
        self.tabs.addTab(self.history, "Histor&y")
        self.banner = ReadinessBanner()

        self.draft_bar = DraftBar()
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.draft_bar)
        detail_layout.addLayout(header)
        detail_layout.addWidget(self.banner)
        detail_layout.addWidget(self.tabs, 1)
        self._pages = QStackedWidget()
        self._pages.addWidget(self.empty_label)
        self._pages.addWidget(detail)
        layout = QVBoxLayout(self)
        layout.addWidget(self._pages)

        self.move_button.clicked.connect(self._on_move_button_clicked)
        self.start_button.clicked.connect(self._on_start_button_clicked)
        self.draft_bar.restore_button.clicked.connect(self.restore_draft)
        self.draft_bar.discard_button.clicked.connect(self.discard_draft)
        self.referral.save_button.clicked.connect(self._on_save_button_clicked)
        self.referral.discard_button.clicked.connect(self._on_discard_button_clicked)
        self.referral.bias_button.clicked.connect(self._on_bias_button_clicked)
        self.referral.edited.connect(self._on_referral_edited)
        self.people.add_button.clicked.connect(self._on_add_person_clicked)
        self.people.edit_button.clicked.connect(self._on_edit_person_clicked)
        self.people.remove_button.clicked.connect(self._on_remove_person_clicked)
        self.people.list.itemActivated.connect(self._on_edit_person_clicked)
        self.contacts.log_button.clicked.connect(self._on_log_contact_clicked)
        self.contacts.edit_button.clicked.connect(self._on_edit_contact_clicked)
        self.contacts.delete_button.clicked.connect(self._on_delete_contact_clicked)
        self.contacts.list.itemActivated.connect(self._on_edit_contact_clicked)
        log_shortcut = QShortcut(QKeySequence("Ctrl+L"), self)
        log_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        log_shortcut.activated.connect(self._on_log_shortcut_activated)
        self.documents_button.clicked.connect(self._on_documents_button_clicked)
        self.preparation.preparation_changed.connect(self._on_preparation_changed)
        self.safety.safety_changed.connect(self._on_preparation_changed)
        self.conference.plan_changed.connect(self._on_preparation_changed)
        self.agreement.agreement_changed.connect(self._on_preparation_changed)
        self.feedback.feedback_changed.connect(self._on_preparation_changed)
        self.banner.details_requested.connect(self._on_banner_details_requested)
        documents_shortcut = QShortcut(QKeySequence("Ctrl+Shift+D"), self)
        documents_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        documents_shortcut.activated.connect(self._on_documents_button_clicked)
        self.show_case(None)

    # -- the window's interface ----------------------------------------------------------

    def show_case(self, case_id: str | None) -> None:
        """Show the case with this id, or the empty state for None (unsaved edits are dropped;
        call maybe_save first)."""
        if case_id is None:
            self._show_empty(EMPTY_TEXT)
            return
        try:
            case = self._store.get_case(case_id)
        except StoreError as error:
            self._show_empty(f"{error} Choose another case from the list.")
            return
        self._load(case, tab=REFERRAL_TAB if self._case is None else self.tabs.currentIndex())
        try:
            self._store.record_view(case_id)
        except StoreError as error:
            self.referral.set_status_text(str(error))

    def start_new_case(self) -> None:
        """Show a blank referral form for a new case (call maybe_save first)."""
        today = self._store.today()
        blank = Case(
            setting=Setting.SCHOOL,
            organisation="",
            referral_source=ReferralSource.EDUCATION,
            referral_date=today,
            summary="",
            facilitator=self._store.actor,
        )
        self._load(blank, tab=REFERRAL_TAB)
        self.referral.organisation.setFocus()

    def save(self) -> bool:
        """Save the referral form; False (with the problems shown) when it could not be saved."""
        if self._case is None:
            return True
        is_new = not self._case.id
        if not is_new and not self.is_dirty():
            return True
        case = self.referral.case()
        problems = case_problems(case, self._store.today())
        if problems:
            self._show_problems(problems)
            return False
        try:
            saved = self._store.create_case(case) if is_new else self._store.update_case(case)
        except ValidationError as error:
            self._show_problems([Problem(error.field, error.message)])
            return False
        except StoreError as error:
            self._show_problems([Problem("", f"The referral was not saved. {error}")])
            return False
        self._drop_draft(NEW_RECORD if is_new else saved.id)
        self._load(saved, tab=self.tabs.currentIndex())
        self.referral.set_status_text("Saved.")
        self.case_saved.emit(saved.id)
        return True

    def is_dirty(self) -> bool:
        """Whether the referral form has changes that are not saved."""
        return self._case is not None and self.referral.is_dirty()

    def maybe_save(self) -> bool:
        """Offer to save unsaved changes; False when the user wants to keep editing."""
        if not self._preparation_saved():
            return False
        if not self.is_dirty():
            return True
        choice = self.ask_save_changes(self)
        if choice is SaveChoice.SAVE:
            return self.save()
        if choice is SaveChoice.DISCARD:
            self.referral.revert()
            return True
        return False

    def _preparation_saved(self) -> bool:
        """Offer to save unsaved typing on the preparation tabs; False to keep editing."""
        if self._case is None or not self._case.id:
            return True
        if not self.preparation.maybe_save():
            self.tabs.setCurrentIndex(PREPARATION_TAB)
            return False
        if self.conference.has_changes():
            choice = self.ask_save_plan(self)
            if choice is SaveChoice.CANCEL or (
                choice is SaveChoice.SAVE and not self.conference.save()
            ):
                self.tabs.setCurrentIndex(CONFERENCE_TAB)
                return False
        if self.agreement.has_changes():
            choice = self.ask_save_agreement(self)
            if choice is SaveChoice.CANCEL or (
                choice is SaveChoice.SAVE and not self.agreement.save()
            ):
                self.tabs.setCurrentIndex(AGREEMENT_TAB)
                return False
        return True

    def current_case_id(self) -> str | None:
        """The id of the case shown, or None (nothing shown, or a new case not saved yet)."""
        return self._case.id if self._case is not None and self._case.id else None

    def shows_new_case(self) -> bool:
        """Whether the form is for a new case that is not saved yet."""
        return self._case is not None and not self._case.id

    # -- drafts (typing kept when the app locks) -----------------------------------------

    def keep_draft(self) -> None:
        """Keep unsaved typing in the case file, to offer again after unlocking: the referral,
        the preparation of the person shown and the conference plan (only what is unsaved)."""
        if self._case is None or self._store.read_only:
            return
        case_id = self._case.id
        if self.is_dirty():
            payload = codec.case_to_row(self.referral.case())
            self._store.save_draft(DRAFT_KIND, case_id or NEW_RECORD, case_id or "", payload)
        if case_id:
            self.preparation.keep_draft()
            self.conference.keep_draft()

    def discard_changes(self) -> None:
        """Drop unsaved typing on every tab (once keep_draft has kept it), so closing the
        window does not ask about it."""
        self.referral.revert()
        if self._case is not None and self._case.id:
            self.preparation.discard_changes()
            self.conference.discard_changes()

    def restore_draft(self) -> None:
        """Put the kept typing back where it was typed; it then counts as unsaved changes and
        the tab it belongs to is shown (the Preparation tab first, where there is more)."""
        self.draft_bar.hide()
        if self._case is None:
            return
        shown = REFERRAL_TAB if self._restore_referral_draft() else None
        if self._case.id:
            if self.conference.restore_draft():
                shown = CONFERENCE_TAB
            if self.preparation.restore_draft():
                shown = PREPARATION_TAB
        if shown is not None:
            self.tabs.setCurrentIndex(shown)
        self._offer_draft()  # typing kept for someone else on the case is offered next

    def _restore_referral_draft(self) -> bool:
        record_id = self._draft_record_id()
        payload = self._kept_draft()
        if record_id is None or payload is None or self._case is None:
            return False
        try:
            typed = codec.case_from_row(payload)
        except (KeyError, TypeError, ValueError):
            self._drop_draft(record_id)
            self.referral.set_status_text("The kept changes could not be read, sorry.")
            return False
        # The stage and record details always come from the saved case, never the draft.
        self.referral.fill(
            replace(
                typed,
                id=self._case.id,
                reference=self._case.reference,
                status=self._case.status,
                not_proceeding_reason=self._case.not_proceeding_reason,
                created_at=self._case.created_at,
                updated_at=self._case.updated_at,
            )
        )
        self._drop_draft(record_id)
        self._on_referral_edited()
        return True

    def discard_draft(self) -> None:
        """Forget all the kept typing for the case shown."""
        record_id = self._draft_record_id()
        self.draft_bar.hide()
        if record_id is not None:
            self._drop_draft(record_id)
        if self._case is not None and self._case.id:
            self.preparation.discard_draft()
            self.conference.discard_draft()

    def _draft_record_id(self) -> str | None:
        if self._case is None:
            return None
        return self._case.id or NEW_RECORD

    def _kept_draft(self) -> dict[str, object] | None:
        record_id = self._draft_record_id()
        if record_id is None:
            return None
        try:
            return self._store.draft(DRAFT_KIND, record_id)
        except StoreError:
            return None

    def _offer_draft(self) -> None:
        """Offer the typing kept for the case shown, saying what it is, or hide the offer."""
        case = self._case
        kept = ["the referral"] if self._kept_draft() is not None else []
        if case is not None and case.id:
            kept += [f"{name}'s preparation" for name in self.preparation.kept_for()]
            if self.conference.has_draft():
                kept.append("the conference plan")
        self.draft_bar.show_kept(kept)

    def _drop_draft(self, record_id: str) -> None:
        if self._store.read_only:
            return
        try:
            self._store.drop_draft(DRAFT_KIND, record_id)
        except StoreError as error:
            self.referral.set_status_text(str(error))

    # -- showing -------------------------------------------------------------------------

    def _show_empty(self, text: str) -> None:
        self._case = None
        self.draft_bar.hide()
        self.empty_label.setText(text)
        self._pages.setCurrentIndex(0)

    def _load(self, case: Case, tab: int) -> None:
        self._case = case
        self.referral.load(case)
        self.referral.discard_button.setEnabled(False)
        self._pages.setCurrentIndex(1)
        self._refresh_header()
        saved = bool(case.id)
        for index in CASE_TABS:
            self.tabs.setTabEnabled(index, saved)
            self.tabs.setTabToolTip(index, "" if saved else NEW_CASE_HINT)
        self._refresh_lists()
        self.tabs.setCurrentIndex(tab if saved else REFERRAL_TAB)
        # After the tabs have the case: typing kept on any of them is offered (still offered
        # after the referral is saved, while preparation or plan typing stays kept).
        self._offer_draft()

    def _refresh_header(self) -> None:
        case = self._case
        if case is None:
            return
        self.documents_button.setEnabled(bool(case.id))
        self.referral.bias_button.setEnabled(bool(case.id))
        if not case.id:
            self.title.setText("New case · not saved yet")
            self.stop_reason.hide()
            self.move_button.setEnabled(False)
            self.move_button.setToolTip(NEW_CASE_HINT)
            self.start_button.setText(START_TEXT)
            self.start_button.setEnabled(False)
            self.start_button.setToolTip(NEW_CASE_HINT)
            return
        self.title.setText(f"{case.reference} · {case.setting.label} · {case.status.label}")
        reason = case.not_proceeding_reason
        self.stop_reason.setVisible(case.status is Status.NOT_PROCEEDING)
        self.stop_reason.setText(
            f"Not going ahead: {reason.label if reason else 'no reason given'}"
        )
        self.move_button.setEnabled(True)
        self.move_button.setToolTip("Move this case to its next stage")
        self._refresh_start_button(case)

    def _refresh_start_button(self, case: Case) -> None:
        """Start conference: only from a ready case; once started, go back to it."""
        under_way = self._running_conference(case.id) is not None
        self.start_button.setText(RETURN_TEXT if under_way else START_TEXT)
        if self._store.read_only:
            self.start_button.setEnabled(False)
            self.start_button.setToolTip("This case file is open read-only.")
        elif under_way:
            self.start_button.setEnabled(True)
            self.start_button.setToolTip("The conference is under way: open its window")
        elif case.status is Status.READY:
            self.start_button.setEnabled(True)
            self.start_button.setToolTip(
                "Run the conference from this laptop: what to say, to whom, and notes kept "
                "as people speak"
            )
        else:
            self.start_button.setEnabled(False)
            self.start_button.setToolTip(
                f"A conference starts once the case is ready; this one is at "
                f"“{case.status.label}”."
            )

    def _running_conference(self, case_id: str) -> ConferenceRun | None:
        try:
            return next((r for r in self._store.conference_runs(case_id) if r.running), None)
        except StoreError:
            return None

    def _refresh_lists(self) -> None:
        case = self._case
        if case is None or not case.id:
            self.people.show_people(Setting.SCHOOL, [])
            self.contacts.show_contacts([], {})
            self.history.show_history([])
            self.banner.show_readiness(None, Status.REFERRED)
            return
        people = self._store.people(case.id)
        self.people.show_people(case.setting, people)
        self.contacts.show_contacts(self._store.contacts(case.id), {p.id: p for p in people})
        self.history.show_history(self._store.status_history(case.id))
        self.preparation.show_case(case)
        self.safety.show_case(case)
        self.conference.show_case(case)
        self.agreement.show_case(case)
        self.feedback.show_case(case)
        self._refresh_banner()

    def _refresh_banner(self) -> None:
        case = self._case
        if case is None or not case.id:
            return
        try:
            readiness = self._store.readiness(case.id)
        except StoreError:
            readiness = None
        self.banner.show_readiness(readiness, case.status)

    def _after_change(self) -> None:
        """Reload the case after a dialog changed it, and tell the window."""
        case = self._case
        if case is None or not case.id:
            return
        try:
            fresh = self._store.get_case(case.id)
        except StoreError as error:
            self._show_empty(f"{error} Choose another case from the list.")
            return
        # Only the stage can change underneath the form; keep anything being typed.
        self._case = replace(
            case, status=fresh.status, not_proceeding_reason=fresh.not_proceeding_reason
        )
        self.referral.set_base(self._case)
        self._refresh_header()
        self._refresh_lists()
        self.case_changed.emit(case.id)

    def _show_problems(self, problems: list[Problem]) -> None:
        self.tabs.setCurrentIndex(REFERRAL_TAB)
        self.referral.show_problems(problems)

    # -- slots ---------------------------------------------------------------------------

    def _on_save_button_clicked(self) -> None:
        self.save()

    def _on_discard_button_clicked(self) -> None:
        if not self.is_dirty():
            return
        if self.confirm(
            self, "Discard changes", "Discard your changes to this referral?", "&Discard changes"
        ):
            self.referral.revert()

    def _on_referral_edited(self) -> None:
        dirty = self.is_dirty()
        self.referral.set_status_text("Unsaved changes." if dirty else "")
        self.referral.discard_button.setEnabled(dirty)

    def _on_move_button_clicked(self) -> None:
        case = self._case
        if case is None or not case.id:
            return

        if not self._preparation_saved():
            return
        readiness = self._store.readiness(case.id)

        def move(choice: MoveChoice) -> None:
            status, reason, note = choice
            override = choice.override if isinstance(choice, MoveChoice) else None
            self._store.move_case(case.id, status, reason=reason, note=note, override=override)

        self._ask_until_saved(
            lambda draft, problem: MoveCaseDialog.ask(
                self,
                case.status,
                draft=draft,
                problem=problem,
                readiness=readiness,
                facilitator=self._store.actor,
            ),
            move,
            None,
        )
        self._invite_bias_check_before_conference()

    def refresh_stage(self) -> None:
        """Show the case's stage again after it moved elsewhere (its conference ended)."""
        self._after_change()

    def _on_start_button_clicked(self) -> None:
        case = self._case
        if case is None or not case.id or not self._preparation_saved():
            return
        running = self._running_conference(case.id)
        if running is not None:
            self.conference_requested.emit(running, None)
            return
        from .conference_start import StartConferenceDialog

        script = StartConferenceDialog.ask(self, self._store, case)
        if script is None:
            return
        try:
            run = self._store.start_conference(
                case.id,
                script_key=script.key,
                script_version=script.version,
                script_title=script.title,
            )
        except (ValidationError, StoreError) as error:
            self.tell(self, "The conference was not started", str(error))
            self._after_change()
            return
        self._refresh_header()
        self.conference_requested.emit(run, script)

    def _invite_bias_check_before_conference(self) -> None:
        """Once a case is ready, invite the bias check before the conference (if not done)."""
        case = self._case
        if case is None or not case.id or case.status is not Status.READY:
            return
        if any(c.stage is BiasStage.BEFORE_CONFERENCE for c in self._store.bias_checks(case.id)):
            return
        from .bias_dialog import BiasCheckDialog

        if BiasCheckDialog.ask(self, self._store, case, BiasStage.BEFORE_CONFERENCE) is not None:
            self._on_preparation_changed()
            self.safety.show_case(case)

    def _on_documents_button_clicked(self) -> None:
        # The documents are made from the saved case, so unsaved changes are offered first.
        if self._case is None or not self._case.id or not self.maybe_save():
            return
        case = self._case
        from .documents_dialog import DocumentsDialog  # the PDF viewer loads on first use

        DocumentsDialog.show_for(self, self._store, case)

    def _on_preparation_changed(self) -> None:
        """A preparation tab saved something: readiness, contacts and history may have moved."""
        case = self._case
        if case is None or not case.id:
            return
        people = self._store.people(case.id)
        self.contacts.show_contacts(self._store.contacts(case.id), {p.id: p for p in people})
        self.history.show_history(self._store.status_history(case.id))
        self.conference.refresh_readiness()
        self._refresh_banner()
        self._offer_draft()  # saving a part lets typing kept for it earlier go
        self.case_changed.emit(case.id)

    def _on_bias_button_clicked(self) -> None:
        case = self._case
        if case is None or not case.id:
            return
        from .bias_dialog import BiasCheckDialog

        if BiasCheckDialog.ask(self, self._store, case, BiasStage.REFERRAL) is not None:
            self._on_preparation_changed()
            self.safety.show_case(case)

    def _on_banner_details_requested(self) -> None:
        self.tabs.setCurrentIndex(CONFERENCE_TAB)

    def _on_add_person_clicked(self) -> None:
        self._edit_person(None)

    def _on_edit_person_clicked(self) -> None:
        person = self.people.selected(self._people())
        if person is not None:
            self._edit_person(person)

    def _edit_person(self, person: Person | None) -> None:
        case = self._case
        if case is None or not case.id:
            return
        others = self._people()

        def ask(draft: Person | None, problem: Problem | None) -> Person | None:
            result = PersonDialog.ask(
                self,
                case.setting,
                self._wording,
                draft,
                others,
                today=self._store.today(),
                case_id=case.id,
                problem=problem,
            )
            return replace(result, case_id=case.id) if result else None

        def save(result: Person) -> None:
            if result.id:
                self._store.update_person(result)
            else:
                self._store.add_person(result)

        self._ask_until_saved(ask, save, person)

    def _on_remove_person_clicked(self) -> None:
        person = self.people.selected(self._people())
        if person is None:
            return
        question = f"Take {person.called} off this case? Contacts with them stay on the timeline."
        if not self.confirm(self, "Remove person", question, "&Remove"):
            return
        try:
            self._store.remove_person(person.id)
        except StoreError as error:
            self.tell(self, "The person was not removed", str(error))
        self._after_change()

    def _on_log_shortcut_activated(self) -> None:
        if self.tabs.isTabEnabled(CONTACTS_TAB):
            self.tabs.setCurrentIndex(CONTACTS_TAB)
            self._edit_contact(None)

    def _on_log_contact_clicked(self) -> None:
        self._edit_contact(None)

    def _on_edit_contact_clicked(self) -> None:
        case = self._case
        if case is None or not case.id:
            return
        contact = self.contacts.selected(self._store.contacts(case.id))
        if contact is not None:
            self._edit_contact(contact)

    def _edit_contact(self, contact: Contact | None) -> None:
        case = self._case
        if case is None or not case.id:
            return
        people = self._people()

        def ask(draft: Contact | None, problem: Problem | None) -> Contact | None:
            result = ContactDialog.ask(
                self,
                people,
                draft,
                self._store.actor,
                self._store.today(),
                case_id=case.id,
                problem=problem,
            )
            return replace(result, case_id=case.id) if result else None

        def save(result: Contact) -> None:
            if result.id:
                self._store.update_contact(result)
            else:
                self._store.log_contact(result)

        self._ask_until_saved(ask, save, contact)

    def _ask_until_saved(
        self,
        ask: Callable[[T | None, Problem | None], T | None],
        save: Callable[[T], None],
        draft: T | None,
    ) -> None:
        """Ask with a dialog until what it gives is saved (then refresh) or the user cancels."""
        if ask_until_saved(ask, save, draft):
            self._after_change()

    def _on_delete_contact_clicked(self) -> None:
        case = self._case
        if case is None or not case.id:
            return
        contact = self.contacts.selected(self._store.contacts(case.id))
        if contact is None:
            return
        question = (
            f"Delete the {contact.contact_type.label.lower()} contact on "
            f"{format_date(contact.contact_date)}? This cannot be undone."
        )
        if not self.confirm(self, "Delete contact", question, "&Delete"):
            return
        try:
            self._store.remove_contact(contact.id)
        except StoreError as error:
            self.tell(self, "The contact was not deleted", str(error))
        self._after_change()

    def _people(self) -> list[Person]:
        case = self._case
        return self._store.people(case.id) if case is not None and case.id else []


class DraftBar(QFrame):
    """A small bar offering typing kept from before the app locked: restore it or let it go."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Unsaved changes from before the app locked")
        self.label = QLabel(DRAFT_TEXT)
        self.label.setWordWrap(True)
        self.restore_button = QPushButton("Restore them")
        self.discard_button = QPushButton("Discard")
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.discard_button)
        # No Alt+letters: every letter of these words is taken; Tab reaches both buttons.
        self.hide()

    def show_kept(self, kept: list[str]) -> None:
        """Say what is kept ("the referral", "Zoë's preparation", "the conference plan"), or
        hide the bar when nothing is."""
        self.setVisible(bool(kept))
        if kept:
            what = (", ".join(kept[:-1]) + " and " + kept[-1]) if len(kept) > 1 else kept[0]
            self.label.setText(f"{DRAFT_TEXT.removesuffix('.')}: {what}.")


class ReferralForm(QWidget):
    """The referral details of a case, with a message under each field that needs fixing."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base: Case | None = None
        self._saved: Case | None = None

        self.setting = ValueComboBox([(s.label, s) for s in Setting], "Setting")
        self.organisation = QLineEdit()
        self.organisation.setAccessibleName("Organisation")
        self.organisation.setPlaceholderText("For example the school or the home")
        self.venue = QLineEdit()
        self.venue.setAccessibleName("Venue")
        self.venue.setPlaceholderText("Where you would meet, if known")
        self.referral_source = ValueComboBox(
            [(s.label, s) for s in ReferralSource], "Referral source"
        )
        self.referral_date = make_date_edit(date.today(), "Referral date")
        self.incident_date = OptionalDateEdit("Incident date")
        self.summary = QPlainTextEdit()
        self.summary.setAccessibleName("Short summary")
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText("What happened, in a few plain sentences")
        line_height = self.summary.fontMetrics().lineSpacing()
        self.summary.setMinimumHeight(line_height * 4)
        self.summary.setMaximumHeight(line_height * 8)
        self.harm_boxes: dict[HarmCategory, QCheckBox] = {}
        harms = QWidget()
        harms.setAccessibleName("Kind of harm")
        harms_layout = QGridLayout(harms)
        harms_layout.setContentsMargins(0, 0, 0, 0)
        for index, category in enumerate(HarmCategory):
            box = QCheckBox(category.label)
            box.setAccessibleName(category.label)
            self.harm_boxes[category] = box
            harms_layout.addWidget(box, index // 2, index % 2)
        harms.setFocusProxy(self.harm_boxes[HarmCategory.PHYSICAL])
        self.facilitator = QLineEdit()
        self.facilitator.setAccessibleName("Facilitator")
        self.co_facilitator = QLineEdit()
        self.co_facilitator.setAccessibleName("Co-facilitator")
        self.co_facilitator.setPlaceholderText("If two of you are working the case")
        self.next_action_date = OptionalDateEdit("Next action date", none_text="None set")

        self.messages = FormMessages()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        add = self.messages.add_row
        add(form, "Se&tting", "setting", self.setting)
        add(form, "Or&ganisation", "organisation", self.organisation)
        add(form, "Ven&ue", "venue", self.venue)
        add(form, "&Who referred", "referral_source", self.referral_source)
        add(form, "Referral &date", "referral_date", self.referral_date)
        add(form, "&Incident date", "incident_date", self.incident_date)
        add(form, "Short su&mmary", "summary", self.summary)
        add(form, "&Kind of harm", "harm_categories", harms)
        add(form, "Faci&litator", "facilitator", self.facilitator)
        add(form, "Co-f&acilitator", "co_facilitator", self.co_facilitator)
        add(form, "Ne&xt action date", "next_action_date", self.next_action_date)

        self.new_case_hint = QLabel(NEW_CASE_HINT)
        self.new_case_hint.setWordWrap(True)
        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.addWidget(self.new_case_hint)
        fields_layout.addWidget(self.messages.general)
        fields_layout.addLayout(form)
        fields_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(fields)

        self.save_button = QPushButton("&Save")
        self.save_button.setToolTip("Save the referral (Ctrl+S)")
        self.discard_button = QPushButton("Discard cha&nges")
        # Lewisham's model asks for a moment's reflection on bias at each stage, starting here.
        self.bias_button = QPushButton("Bias check…")
        self.bias_button.setToolTip(
            "Reflect, reframe, redirect: a short check on potential bias at referral"
        )
        self.status_label = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.bias_button)
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(buttons)

        for line in (self.organisation, self.venue, self.facilitator, self.co_facilitator):
            line.textChanged.connect(self._on_field_changed)
        self.summary.textChanged.connect(self._on_field_changed)
        self.setting.currentIndexChanged.connect(self._on_field_changed)
        self.referral_source.currentIndexChanged.connect(self._on_field_changed)
        self.referral_date.dateChanged.connect(self._on_field_changed)
        self.incident_date.changed.connect(self._on_field_changed)
        self.next_action_date.changed.connect(self._on_field_changed)
        for box in self.harm_boxes.values():
            box.toggled.connect(self._on_field_changed)

    def load(self, case: Case) -> None:
        """Fill the form from `case`, which becomes the saved state."""
        self._base = case
        self.fill(case)
        self._saved = self.case()
        self.set_status_text("")
        self.scroll_area.verticalScrollBar().setValue(0)

    def fill(self, case: Case) -> None:
        """Put `case`'s referral details in the fields, as if typed (the saved state stays)."""
        self.messages.clear()
        self.setting.set_value(case.setting)
        self.organisation.setText(case.organisation)
        self.venue.setText(case.venue)
        self.referral_source.set_value(case.referral_source)
        self.referral_date.setDate(to_qdate(case.referral_date))
        self.incident_date.set_fallback(case.referral_date)
        self.incident_date.set_value(case.incident_date)
        self.summary.setPlainText(case.summary)
        for category, box in self.harm_boxes.items():
            box.setChecked(category in case.harm_categories)
        self.facilitator.setText(case.facilitator)
        self.co_facilitator.setText(case.co_facilitator)
        self.next_action_date.set_fallback(case.referral_date)
        self.next_action_date.set_value(case.next_action_date)
        self.new_case_hint.setVisible(not case.id)

    def set_base(self, case: Case) -> None:
        """Take the stage and record details from `case` without touching what is typed."""
        self._base = case
        if self._saved is not None:
            self._saved = replace(
                self._saved, status=case.status, not_proceeding_reason=case.not_proceeding_reason
            )

    def case(self) -> Case:
        """The case as the form stands now (not yet checked)."""
        assert self._base is not None, "load a case first"
        return replace(
            self._base,
            setting=self.setting.value(),
            organisation=self.organisation.text().strip(),
            venue=self.venue.text().strip(),
            referral_source=self.referral_source.value(),
            referral_date=from_qdate(self.referral_date.date()),
            incident_date=self.incident_date.value(),
            summary=self.summary.toPlainText().strip(),
            harm_categories=tuple(c for c, box in self.harm_boxes.items() if box.isChecked()),
            facilitator=self.facilitator.text().strip(),
            co_facilitator=self.co_facilitator.text().strip(),
            next_action_date=self.next_action_date.value(),
        )

    def is_dirty(self) -> bool:
        """Whether anything differs from the saved state."""
        return self._saved is not None and self.case() != self._saved

    def revert(self) -> None:
        """Put back the saved state, dropping what was typed."""
        if self._base is not None:
            self.load(self._base)
            self.edited.emit()

    def show_problems(self, problems: list[Problem]) -> None:
        """Show each problem under its field and put the cursor on the first to fix."""
        first = self.messages.show(problems)
        if first is not None:
            self.scroll_area.ensureWidgetVisible(first)
        count = len(problems)
        self.set_status_text(
            "Not saved: 1 thing to fix." if count == 1 else f"Not saved: {count} things to fix."
        )

    def set_status_text(self, text: str) -> None:
        """Say beside the buttons whether the referral is saved."""
        self.status_label.setText(text)

    def _on_field_changed(self, *_args: object) -> None:
        self.edited.emit()


def display_name(person: Person) -> str:
    """The full name, led by the name they like to be called when that is different."""
    preferred = person.preferred_name.strip()
    if not preferred or person.name.startswith(preferred):
        return person.name
    return f"{preferred} ({person.name})"


class PeopleTab(QWidget):
    """Everyone on the case, by the name they prefer, with their role in the setting's words."""

    COLUMNS = ("Name", "Role", "Child or adult", "Pronouns")

    def __init__(self, wording: RoleWording, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._wording = wording
        self.list = QTreeWidget()
        self.list.setAccessibleName("People on this case")
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setHeaderLabels(list(self.COLUMNS))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setStyleSheet("QTreeView::item { padding: 4px 2px; }")
        self.empty_label = QLabel("No one is on this case yet. Add the people involved.")
        self.empty_label.setWordWrap(True)
        self.add_button = QPushButton("&Add person…")
        self.edit_button = QPushButton("E&dit…")
        self.remove_button = QPushButton("Re&move")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.list.itemSelectionChanged.connect(self._on_list_item_selection_changed)

    def show_people(self, setting: Setting, people: list[Person]) -> None:
        """List `people`, keeping the selection where the same person is still there."""
        kept = self._selected_id()
        names = {p.id: p.called for p in people}
        self.list.clear()
        for person in people:
            role = self._wording.role_label(person.role, setting)
            supported = names.get(person.supports_person_id or "")
            item = QTreeWidgetItem(
                [
                    display_name(person),
                    f"{role} of {supported}" if supported else role,
                    "Child" if person.is_child else "Adult",
                    person.pronouns,
                ]
            )
            item.setData(0, ID_ROLE, person.id)
            self.list.addTopLevelItem(item)
            if person.id == kept:
                item.setSelected(True)
                self.list.setCurrentItem(item)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(self.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label.setVisible(not people)
        self._on_list_item_selection_changed()

    def selected(self, people: list[Person]) -> Person | None:
        """The selected person, if any."""
        wanted = self._selected_id()
        return next((p for p in people if p.id == wanted), None)

    def _selected_id(self) -> str | None:
        items = self.list.selectedItems()
        return str(items[0].data(0, ID_ROLE)) if items else None

    def _on_list_item_selection_changed(self) -> None:
        chosen = bool(self.list.selectedItems())
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)


class ContactsTab(QWidget):
    """The contact timeline, newest first, each note in full."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = TimelineList("Contacts, newest first")
        self.empty_label = QLabel("No contacts logged yet.")
        self.log_button = QPushButton("&Log contact…")
        self.log_button.setToolTip("Log a call, visit, meeting, letter or message (Ctrl+L)")
        self.edit_button = QPushButton("E&dit…")
        self.delete_button = QPushButton("Dele&te")
        buttons = QHBoxLayout()
        buttons.addWidget(self.log_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.list.itemSelectionChanged.connect(self._on_list_item_selection_changed)

    def show_contacts(self, contacts: list[Contact], people: dict[str, Person]) -> None:
        """List `contacts` in the order given (the store gives newest first)."""
        self.list.set_entries(
            (contact_heading(contact, people), contact.note, contact.id) for contact in contacts
        )
        self.empty_label.setVisible(not contacts)
        self._on_list_item_selection_changed()

    def texts(self) -> list[str]:
        """What each entry of the timeline says, top to bottom."""
        return self.list.texts()

    def selected(self, contacts: list[Contact]) -> Contact | None:
        """The selected contact, if any."""
        wanted = self.list.selected_id()
        return next((c for c in contacts if c.id == wanted), None)

    def _on_list_item_selection_changed(self) -> None:
        chosen = bool(self.list.selectedItems())
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)


def contact_heading(contact: Contact, people: dict[str, Person]) -> str:
    """A timeline entry's first line: when, how, with whom and by whom."""
    person = people.get(contact.person_id or "")
    with_whom = f"with {person.called}" if person else "(not with one person)"
    return (
        f"{format_date(contact.contact_date)} · {contact.contact_type.label} {with_whom}"
        f" · by {contact.by_whom}"
    )


class HistoryTab(QWidget):
    """Every stage change, newest first: when, from and to, who, and why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = TimelineList("Stage history, newest first")
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)

    def show_history(self, changes: list[StatusChange]) -> None:
        """List `changes` (given oldest first, as the store keeps them) newest first."""
        self.list.set_entries(
            (history_heading(change), history_note(change), change.id)
            for change in reversed(changes)
        )

    def texts(self) -> list[str]:
        """What each entry says, top to bottom."""
        return self.list.texts()


def history_heading(change: StatusChange) -> str:
    """When, who, and from which stage to which."""
    when = change.changed_at.astimezone()
    stamp = f"{format_date(when.date())}, {when:%H:%M}"
    who = change.changed_by or "Someone"
    if change.from_status is None:
        return f"{stamp} · {who} opened the case at “{change.to_status.label}”"
    return (
        f"{stamp} · {who} moved the case from “{change.from_status.label}” "
        f"to “{change.to_status.label}”"
    )


def history_note(change: StatusChange) -> str:
    """The reason and note given for a stage change, if any."""
    parts = []
    if change.reason is not None:
        parts.append(f"Reason: {change.reason.label}.")
    if change.note:
        parts.append(change.note)
    return " ".join(parts)
