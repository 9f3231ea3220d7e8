"""The Agreement tab: write the outcome agreement, agree it (which freezes it), change it as a new
version, review it and close it; print it for everyone."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.agreements.records import Agreement, AgreementAction, AgreementStatus
from restorative_desk.agreements.wording_check import agreement_warnings, wording_warnings
from restorative_desk.formatting import format_date
from restorative_desk.records import Case, Person, Status
from restorative_desk.rules import Problem, ValidationError
from restorative_desk.store import Store
from restorative_desk.store.errors import StoreError
from restorative_desk.wording import RoleWording

from .agreement_parts import (
    ActionDialog,
    AgreeDialog,
    ChangeDialog,
    action_details,
    action_heading,
    warning_lines,
)
from .dialog_parts import emphasised, text_box, wrapped
from .review_dialog import CloseDialog, ReviewDialog, review_heading, review_note
from .widgets import FormMessages, OptionalDateEdit, TimelineList, confirm, tell

OWN_WORDS_WHY = (
    "Written in their own words, as the referral order contract is: it is their promise, so "
    "it is kept as they said it and never checked or corrected."
)
NO_AGREEMENT = "There is no agreement on this case yet."
ENDED_CASES = (Status.CLOSED, Status.NOT_PROCEEDING)


class AgreementTab(QWidget):
    """One case's outcome agreement: the version shown, its actions, versions and reviews."""

    agreement_changed = Signal()

    def __init__(self, store: Store, wording: RoleWording, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._wording = wording
        self._case: Case | None = None
        self._agreement: Agreement | None = None
        self._in_force: Agreement | None = None
        self._actions: list[AgreementAction] = []
        self._people: list[Person] = []
        self._shown: tuple[str, str, date | None] | None = None
        self.confirm = confirm
        self.tell = tell

        self.heading = emphasised(wrapped(""), 1.1)
        self.heading.setAccessibleName("Where the agreement stands")
        self.note = wrapped("")
        self.start_button = QPushButton("Start the &agreement")
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_button)
        start_row.addStretch(1)

        self.summary = text_box("Summary in plain words",
                                "What happened and what was agreed, in a few plain lines", 3)
        self.own_words = text_box("The young person's own words",
                                  "As they said it, for example: “I'm going to…”", 3)
        self.review_date = OptionalDateEdit("Review date", none_text="Not set yet")
        self.messages = FormMessages()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.messages.add_row(form, "Su&mmary", "summary", self.summary)
        self.messages.add_row(form, "Their o&wn words", "own_words", self.own_words)
        why = wrapped(OWN_WORDS_WHY)
        why.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        form.addRow("", why)
        self.messages.add_row(form, "Review &date", "review_date", self.review_date)
        self.overall_warnings = wrapped("")
        self.overall_warnings.setAccessibleName("Suggestions about the agreement")
        words_box = QGroupBox("What was agreed")
        words_layout = QVBoxLayout(words_box)
        words_layout.addWidget(self.messages.general)
        words_layout.addLayout(form)
        words_layout.addWidget(self.overall_warnings)

        self.action_list = TimelineList("Actions, with suggestions about their wording")
        self.action_list.setMinimumHeight(self.fontMetrics().lineSpacing() * 22)
        self.no_actions = wrapped(
            "No actions yet. Ask: “What needs to happen to put things right?”"
        )
        self.add_button = QPushButton("Add action…")
        self.edit_button = QPushButton("Change action…")
        self.remove_button = QPushButton("Remove action")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        action_buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button, self.up_button,
                       self.down_button):
            action_buttons.addWidget(button)
        action_buttons.addStretch(1)
        actions_box = QGroupBox("Actions")
        actions_layout = QVBoxLayout(actions_box)
        actions_layout.addWidget(self.no_actions)
        actions_layout.addWidget(self.action_list, 1)
        actions_layout.addLayout(action_buttons)

        self.reviews = TimelineList("Reviews, newest first")
        self.reviews.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.no_reviews = wrapped("No reviews yet.")
        reviews_box = QGroupBox("Reviews")
        reviews_layout = QVBoxLayout(reviews_box)
        reviews_layout.addWidget(self.no_reviews)
        reviews_layout.addWidget(self.reviews)

        self.versions = QTreeWidget()
        self.versions.setAccessibleName("Versions of the agreement")
        self.versions.setRootIsDecorated(False)
        self.versions.setHeaderLabels(["Version", "Where it stands", "Agreed on", "Why it changed"])
        self.versions.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.versions.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.versions.setMaximumHeight(self.fontMetrics().lineSpacing() * 8)
        header = self.versions.header()
        header.setStretchLastSection(True)
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        versions_box = QGroupBox("Versions")
        QVBoxLayout(versions_box).addWidget(self.versions)

        self.body = QWidget()
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(12)
        body_layout.addWidget(words_box)
        body_layout.addWidget(actions_box)
        body_layout.addWidget(reviews_box)
        body_layout.addWidget(versions_box)
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setSpacing(10)
        page_layout.addWidget(self.heading)
        page_layout.addWidget(self.note)
        page_layout.addLayout(start_row)
        page_layout.addWidget(self.body)
        page_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(page)

        self.status_label = wrapped("")
        self.save_button = QPushButton("&Save the draft")
        self.agree_button = QPushButton("Agree and free&ze…")
        self.change_button = QPushButton("Change it…")
        self.review_button = QPushButton("Record a review…")
        self.close_button = QPushButton("Close the agreement…")
        self.print_button = QPushButton("Print agreement…")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        for button in (self.save_button, self.agree_button, self.change_button,
                       self.review_button, self.close_button, self.print_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(buttons)

        self.start_button.clicked.connect(self._on_start_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.agree_button.clicked.connect(self._on_agree_button_clicked)
        self.change_button.clicked.connect(self._on_change_button_clicked)
        self.review_button.clicked.connect(self._on_review_button_clicked)
        self.close_button.clicked.connect(self._on_close_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.action_list.itemActivated.connect(self._on_edit_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.up_button.clicked.connect(self._on_up_button_clicked)
        self.down_button.clicked.connect(self._on_down_button_clicked)
        self.action_list.itemSelectionChanged.connect(self._refresh_action_buttons)
        self.summary.textChanged.connect(self._on_words_changed)
        self.own_words.textChanged.connect(self._on_words_changed)
        self.review_date.changed.connect(self._on_words_changed)

    # -- interface -----------------------------------------------------------------------------

    def show_case(self, case: Case) -> None:
        """Show `case`'s newest agreement version (typing not saved is dropped)."""
        self._case = case
        self.status_label.clear()
        self._reload()

    def agreement(self) -> Agreement | None:
        """The version shown, as saved."""
        return self._agreement

    def has_changes(self) -> bool:
        """Whether the draft's words have been changed since they were shown or saved."""
        return self._shown is not None and self._typed() != self._shown

    def save(self) -> bool:
        """Save the draft as it stands; False (problems shown beside the inputs) if not."""
        agreement = self._agreement
        if agreement is None or not agreement.editable:
            return True
        summary, own_words, review_date = self._typed()
        draft = replace(agreement, summary=summary, own_words=own_words,
                        review_date=review_date, actions=tuple(self._actions))
        try:
            saved = self._store.save_agreement_draft(draft)
        except ValidationError as error:
            self.messages.show([Problem(error.field, error.message)])
            self.status_label.setText("✗ Not saved yet: see the message above.")
            return False
        except StoreError as error:
            self.messages.show([Problem("", f"The draft was not saved. {error}")])
            return False
        self.messages.clear()
        self._agreement = saved
        self._actions = list(saved.actions)
        self._shown = self._typed()
        self._show_actions()
        self._show_versions()
        self.status_label.setText("✓ Draft saved.")
        self.agreement_changed.emit()
        return True

    # -- showing -------------------------------------------------------------------------------

    def _reload(self) -> None:
        case = self._case
        if case is None or not case.id:
            self.setEnabled(False)
            return
        self.setEnabled(True)
        self._case = case = self._store.get_case(case.id)  # its stage may have moved
        self._people = self._store.people(case.id)
        self._agreement = self._store.current_agreement(case.id)
        self._in_force = self._store.agreement_in_force(case.id)
        agreement = self._agreement
        self.messages.clear()
        self._actions = list(agreement.actions) if agreement else []
        blocked = [w.blockSignals(True) for w in (self.summary, self.own_words)]
        self.summary.setPlainText(agreement.summary if agreement else "")
        self.own_words.setPlainText(agreement.own_words if agreement else "")
        for w, was in zip((self.summary, self.own_words), blocked, strict=True):
            w.blockSignals(was)
        self.review_date.set_fallback(self._store.today())
        self.review_date.set_value(agreement.review_date if agreement else None)
        self._shown = self._typed() if agreement is not None else None
        self._show_state()
        self._show_actions()
        self._show_reviews()
        self._show_versions()

    def _show_state(self) -> None:
        case, agreement = self._case, self._agreement
        assert case is not None
        closed = agreement is not None and not agreement.is_open
        can_start = (agreement is None or closed) and case.status not in ENDED_CASES
        self.start_button.setVisible(agreement is None or closed)
        self.start_button.setEnabled(can_start and not self._store.read_only)
        self.body.setVisible(agreement is not None)
        editable = agreement is not None and agreement.editable and not self._store.read_only
        for field in (self.summary, self.own_words):
            field.setReadOnly(not editable)
        self.review_date.setEnabled(editable)
        self.add_button.setEnabled(editable)
        self.save_button.setVisible(editable)
        self.agree_button.setVisible(editable)
        agreed = agreement is not None and agreement.status is AgreementStatus.AGREED
        self.change_button.setVisible(agreed)
        in_force = self._in_force is not None and not self._store.read_only
        self.review_button.setVisible(in_force)
        self.close_button.setVisible(agreed and in_force)
        self.print_button.setVisible(agreement is not None)
        if agreement is None:
            self.heading.setText(NO_AGREEMENT)
            self.note.setText(self._start_note())
        elif agreement.editable:
            self.heading.setText(f"Version {agreement.version} · Draft: not agreed yet")
            note = "Write it together; nothing is final until everyone has agreed."
            if self._in_force is not None:
                note = (f"Version {self._in_force.version} stays in force until this version "
                        "is agreed.")
            self.note.setText(note)
        elif agreed:
            self.heading.setText(
                f"Version {agreement.version} · ✓ Agreed on {format_date(agreement.agreed_on)}"
                if agreement.agreed_on else f"Version {agreement.version} · ✓ Agreed"
            )
            self.note.setText(f"{self._who_agreed(agreement)} It is kept as it was agreed: "
                              "“Change it…” makes a new version.")
        else:
            closed_on = format_date(agreement.closed_on) if agreement.closed_on else ""
            self.heading.setText(
                f"Version {agreement.version} · Closed {closed_on}: {agreement.status.label}"
            )
            self.note.setText(agreement.outcome_note or "The agreement is closed.")
        self._refresh_action_buttons()

    def _start_note(self) -> str:
        case = self._case
        assert case is not None
        if case.status in ENDED_CASES:
            return f"This case is “{case.status.label}”: reopen it before starting an agreement."
        run = self._latest_run()
        if not run:
            return ("No conference is on record: an agreement can also follow a restorative "
                    "conversation or an indirect process. Start it and add the actions.")
        count = len(self._store.proposed_actions(run_id=run))
        held = format_date(self._store.conference_runs(case.id)[-1].started_at.date())
        if not count:
            return f"The conference on {held} proposed no actions; you can add them here."
        return (f"The {count} action{'s' if count != 1 else ''} proposed at the conference on "
                f"{held} will be carried over, ready to change.")

    def _latest_run(self) -> str:
        case = self._case
        assert case is not None
        runs = self._store.conference_runs(case.id)
        return runs[-1].id if runs else ""

    def _who_agreed(self, agreement: Agreement) -> str:
        names = {p.id: p.called for p in self._people}
        parts = [
            f"{names.get(s.person_id, 'Someone no longer on the case')} "
            f"({'signed' if s.how.value == 'signed' else 'out loud'}, {format_date(s.on)})"
            for s in agreement.signoffs
        ]
        return f"Agreed by {', '.join(parts)}." if parts else ""

    def _show_actions(self) -> None:
        case = self._case
        today = self._store.today()
        setting = case.setting if case else None
        entries = []
        for number, action in enumerate(self._actions, start=1):
            details = action_details(action)
            if self._agreement is not None and self._agreement.editable:
                warnings = warning_lines(wording_warnings(action, today, setting=setting))
                details = "\n".join(part for part in (details, warnings) if part)
            entries.append((action_heading(number, action), details, str(number - 1)))
        self.action_list.set_entries(entries)
        self.action_list.setVisible(bool(self._actions))
        self.no_actions.setVisible(not self._actions)
        self._show_overall_warnings()
        self._refresh_action_buttons()

    def _show_overall_warnings(self) -> None:
        agreement = self._agreement
        if agreement is None or not agreement.editable:
            self.overall_warnings.hide()
            return
        summary = self._typed()[0]
        typed = replace(agreement, summary=summary, actions=tuple(self._actions))
        found = agreement_warnings(typed, setting=self._case.setting if self._case else None)
        self.overall_warnings.setText(warning_lines(found))
        self.overall_warnings.setVisible(bool(found))

    def _show_reviews(self) -> None:
        agreement = self._in_force or self._agreement
        reviews = self._store.reviews(agreement.id) if agreement else []
        actions = {a.id: (n, a) for n, a in enumerate(agreement.actions, 1)} if agreement else {}
        self.reviews.set_entries(
            (review_heading(r), review_note(r, actions), r.id) for r in reversed(reviews)
        )
        self.reviews.setVisible(bool(reviews))
        self.no_reviews.setVisible(not reviews)

    def _show_versions(self) -> None:
        case = self._case
        self.versions.clear()
        if case is None or not case.id:
            return
        for version in self._store.agreement_versions(case.id):
            item = QTreeWidgetItem([
                f"Version {version.version}",
                version.status.label,
                format_date(version.agreed_on) if version.agreed_on else "Not agreed yet",
                version.change_reason or "The first version",
            ])
            self.versions.addTopLevelItem(item)

    def _typed(self) -> tuple[str, str, date | None]:
        return (self.summary.toPlainText().strip(), self.own_words.toPlainText().strip(),
                self.review_date.value())

    def _selected_row(self) -> int | None:
        key = self.action_list.selected_id()
        return int(key) if key is not None else None

    def _refresh_action_buttons(self) -> None:
        editable = (self._agreement is not None and self._agreement.editable
                    and not self._store.read_only)
        row = self._selected_row()
        chosen = editable and row is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        self.up_button.setEnabled(chosen and row is not None and row > 0)
        self.down_button.setEnabled(
            chosen and row is not None and row < len(self._actions) - 1
        )

    def _set_actions(self, actions: list[AgreementAction], select: int | None) -> None:
        """Change the actions and save the draft straight away (typing included)."""
        before = self._actions
        self._actions = actions
        if not self.save():
            self._actions = before
            self._show_actions()
            return
        if select is not None and 0 <= select < self.action_list.count():
            self.action_list.setCurrentRow(select)

    def _after_store_change(self, text: str) -> None:
        self._reload()
        self.status_label.setText(text)
        self.agreement_changed.emit()

    # -- slots ---------------------------------------------------------------------------------

    def _on_words_changed(self, *_args: object) -> None:
        if self._agreement is not None and self._agreement.editable:
            self._show_overall_warnings()
            if self.has_changes():
                self.status_label.setText("Unsaved changes.")

    def _on_start_button_clicked(self) -> None:
        case = self._case
        if case is None:
            return
        try:
            self._store.start_agreement(case.id, from_run_id=self._latest_run())
        except (ValidationError, StoreError) as error:
            self.tell(self, "Not started", str(error))
            return
        self._after_store_change("✓ Draft started.")

    def _on_save_button_clicked(self) -> None:
        self.save()

    def _on_add_button_clicked(self) -> None:
        action = ActionDialog.ask(self, None, today=self._store.today(),
                                  setting=self._case.setting if self._case else None)
        if action is not None:
            self._set_actions([*self._actions, action], len(self._actions))

    def _on_edit_button_clicked(self, *_args: object) -> None:
        row = self._selected_row()
        if row is None or self._agreement is None or not self._agreement.editable:
            return
        action = ActionDialog.ask(self, self._actions[row], today=self._store.today(),
                                  setting=self._case.setting if self._case else None)
        if action is not None:
            self._set_actions([*self._actions[:row], action, *self._actions[row + 1:]], row)

    def _on_remove_button_clicked(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        if self.confirm(self, "Remove action", f"Remove “{self._actions[row].what}”?",
                        "&Remove"):
            self._set_actions([*self._actions[:row], *self._actions[row + 1:]], None)

    def _move(self, step: int) -> None:
        row = self._selected_row()
        if row is None or not 0 <= row + step < len(self._actions):
            return
        actions = list(self._actions)
        actions[row], actions[row + step] = actions[row + step], actions[row]
        self._set_actions(actions, row + step)

    def _on_up_button_clicked(self) -> None:
        self._move(-1)

    def _on_down_button_clicked(self) -> None:
        self._move(1)

    def _on_agree_button_clicked(self) -> None:
        case, agreement = self._case, self._agreement
        if case is None or agreement is None or not self.save():
            return
        agreement = self._agreement
        assert agreement is not None
        if AgreeDialog.ask(self, self._store, agreement, self._people, self._wording,
                           case.setting) is not None:
            self._after_store_change("✓ Agreed: this version is now kept as it is.")

    def _on_change_button_clicked(self) -> None:
        agreement = self._agreement
        if agreement is not None and ChangeDialog.ask(self, self._store, agreement):
            self._after_store_change(f"✓ Version {agreement.version + 1} started as a draft.")

    def _on_review_button_clicked(self) -> None:
        if self._in_force is not None and ReviewDialog.ask(self, self._store, self._in_force):
            self._after_store_change("✓ Review recorded.")

    def _on_close_button_clicked(self) -> None:
        case, agreement = self._case, self._in_force
        if case is None or agreement is None:
            return
        closed = CloseDialog.ask(self, self._store, agreement)
        if closed is None:
            return
        self._after_store_change(f"✓ Closed: {closed.status.label.lower()}.")
        if self.confirm(self, "Closure letter",
                        "Send a closure letter to the people who took part? You can see it "
                        "first, then print it or save it.", "&See the letters"):
            from .agreement_print import ClosureLetterDialog

            ClosureLetterDialog.show_for(self, self._store, self._store.get_case(case.id),
                                         closed)

    def _on_print_button_clicked(self) -> None:
        case, agreement = self._case, self._agreement
        if case is None or agreement is None:
            return
        if agreement.editable and not self.save():
            return
        from .agreement_print import AgreementPrintDialog

        AgreementPrintDialog.show_for(self, self._store, self._store.get_case(case.id),
                                      self._agreement or agreement)
