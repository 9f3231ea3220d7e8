"""A risk and safety assessment (RJC stage 2.2): every risk question for the case's setting,
the safeguarding prompt, and the decision whether and how to go ahead."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.preparation import checks
from restorative_desk.preparation.catalogue import catalogue
from restorative_desk.preparation.records import (
    AssessmentStage,
    Decision,
    Finding,
    RiskAssessment,
)
from restorative_desk.records import Case
from restorative_desk.rules import Problem, ValidationError
from restorative_desk.store import Store
from restorative_desk.store.errors import StoreError

from .risk_items import RiskItemCard
from .safety_parts import heading, note_edit, wrapped
from .widgets import FormMessages, ValueComboBox, from_qdate, make_date_edit, to_qdate

INTRO = (
    "Answer each question with everyone taking part in mind. An assessment in progress can be "
    "saved and finished later; the latest assessment is the one that counts."
)
NOT_DECIDED = "Not decided yet"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def still_to_resolve(assessment: RiskAssessment, item_keys: list[str]) -> list[str]:
    """What an assessment leaves open, in words (nothing when it is complete)."""
    answered = {f.item: f for f in assessment.findings}
    unanswered = sum(1 for key in item_keys if key not in answered)
    not_known = sum(1 for f in assessment.findings if f.finding is Finding.NOT_KNOWN)
    open_concerns = sum(1 for f in assessment.findings if f.open)
    book = catalogue()
    safeguarding = any(
        f.finding is Finding.CONCERN and (item := book.risk_item(f.item)) and item.safeguarding
        for f in assessment.findings
    )
    parts = []
    if open_concerns:
        parts.append(
            _plural(open_concerns, "concern has", "concerns have") + " no agreed mitigation yet"
        )
    if safeguarding and assessment.safeguarding_followed_on is None:
        parts.append("the safeguarding procedure is not recorded as followed")
    if unanswered:
        parts.append(_plural(unanswered, "question is", "questions are") + " not answered yet")
    if not_known:
        parts.append(_plural(not_known, "answer is", "answers are") + " “Not known yet”")
    if assessment.decision is None:
        parts.append("no decision yet")
    return parts


class RiskAssessmentDialog(QDialog):
    """Make a new assessment (starting from the latest one) or change one already saved."""

    def __init__(
        self,
        parent: QWidget | None,
        store: Store,
        case: Case,
        assessment: RiskAssessment | None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._today = store.today()
        self._result: RiskAssessment | None = None
        self._base = assessment or _new_assessment(store, case)
        editing = assessment is not None and bool(assessment.id)
        self.setWindowTitle(
            "Risk and safety assessment" if editing else "New risk and safety assessment"
        )

        self.stage = ValueComboBox([(s.label, s) for s in AssessmentStage], "Stage")
        self.assessed_on = make_date_edit(self._today, "Date of the assessment")
        self.assessed_on.setMaximumDate(to_qdate(self._today))
        self.assessed_by = QLineEdit()
        self.assessed_by.setAccessibleName("Assessed by")
        self.cards = [
            RiskItemCard(item, self._today) for item in catalogue().risks_for(case.setting)
        ]

        self.decision_buttons: dict[Decision | None, QRadioButton] = {}
        self.decisions = QButtonGroup(self)
        decision_box = QWidget()
        decision_box.setAccessibleName("Decision")
        decision_layout = QVBoxLayout(decision_box)
        decision_layout.setContentsMargins(0, 0, 0, 0)
        for decision, text in ((None, NOT_DECIDED), *((d, d.label) for d in Decision)):
            button = QRadioButton(text)
            button.setAccessibleName(f"Decision: {text}")
            self.decisions.addButton(button)
            self.decision_buttons[decision] = button
            decision_layout.addWidget(button)
        decision_box.setFocusProxy(self.decision_buttons[None])
        self.decided_by = QLineEdit()
        self.decided_by.setAccessibleName("Decided by")
        self.decision_reason = note_edit("Why", "Why this was decided, in plain words")

        self.messages = FormMessages()
        header = QFormLayout()
        header.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.messages.add_row(header, "S&tage", "stage", self.stage)
        self.messages.add_row(header, "&Date", "assessed_on", self.assessed_on)
        self.messages.add_row(header, "&Assessed by", "assessed_by", self.assessed_by)
        for card in self.cards:
            self.messages.inputs[card.item.key] = card
            self.messages.messages[card.item.key] = card.message
            if card.safeguarding is not None:
                box = card.safeguarding
                self.messages.inputs["safeguarding_followed_on"] = box.followed
                self.messages.messages["safeguarding_followed_on"] = box.followed_message
                self.messages.inputs["safeguarding_note"] = box.note
                self.messages.messages["safeguarding_note"] = box.note_message
        decision_form = QFormLayout()
        decision_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.messages.add_row(decision_form, "Deci&sion", "decision", decision_box)
        self.messages.add_row(decision_form, "Decided &by", "decided_by", self.decided_by)
        self.messages.add_row(decision_form, "&Why", "decision_reason", self.decision_reason)

        fields = QWidget()
        form_layout = QVBoxLayout(fields)
        form_layout.setSpacing(10)
        form_layout.addWidget(wrapped(INTRO))
        form_layout.addWidget(self.messages.general)
        form_layout.addLayout(header)
        form_layout.addSpacing(4)
        form_layout.addWidget(heading("The questions", scale=1.15))
        for card in self.cards:
            form_layout.addWidget(card)
        form_layout.addSpacing(4)
        form_layout.addWidget(heading("The decision", scale=1.15))
        form_layout.addWidget(
            wrapped("Whether to go ahead, and how, given what the questions above show.")
        )
        form_layout.addLayout(decision_form)
        form_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(fields)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Still to resolve")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Save assessment")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)

        self._fill(self._base)
        for card in self.cards:
            card.changed.connect(self._on_form_changed)
        self.decisions.buttonToggled.connect(self._on_form_changed)
        self.resize(780, 720)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        store: Store,
        case: Case,
        assessment: RiskAssessment | None,
    ) -> RiskAssessment | None:
        """Show the dialog; the assessment as saved, or None if the user cancelled."""
        dialog = cls(parent, store, case, assessment)
        dialog.exec()
        return dialog.result_assessment()

    def result_assessment(self) -> RiskAssessment | None:
        """The saved assessment, or None if the dialog was cancelled or never accepted."""
        return self._result

    def card(self, key: str) -> RiskItemCard:
        """The card for one risk question."""
        return next(card for card in self.cards if card.item.key == key)

    def assessment(self) -> RiskAssessment:
        """The assessment as the form stands now (not yet checked)."""
        asked = {card.item.key for card in self.cards}
        # Answers to questions no longer asked in this setting are kept as they were.
        kept = tuple(f for f in self._base.findings if f.item not in asked)
        findings = kept + tuple(f for card in self.cards if (f := card.finding()) is not None)
        box = next((c.safeguarding for c in self.cards if c.shows_safeguarding()), None)
        decision = next(
            (d for d, button in self.decision_buttons.items() if button.isChecked()), None
        )
        return replace(
            self._base,
            stage=self.stage.value(),
            assessed_on=from_qdate(self.assessed_on.date()),
            assessed_by=self.assessed_by.text().strip(),
            findings=findings,
            decision=decision,
            # Who decided only means something once there is a decision.
            decided_by=self.decided_by.text().strip() if decision is not None else "",
            decision_reason=self.decision_reason.toPlainText().strip(),
            safeguarding_followed_on=box.followed_date() if box else None,
            safeguarding_note=box.note_text() if box else "",
        )

    def accept(self) -> None:
        """Check and save; stay open with every problem shown beside its input if it cannot."""
        assessment = self.assessment()
        problems = checks.assessment_problems(assessment, self._today)
        if not problems:
            try:
                self._result = self._store.save_risk_assessment(assessment)
            except ValidationError as error:
                problems = [Problem(error.field, error.message)]
            except StoreError as error:
                problems = [Problem("", f"The assessment was not saved: {error}")]
        if problems:
            self._show_problems(problems)
            return
        super().accept()

    def _show_problems(self, problems: list[Problem]) -> None:
        first = self.messages.show(problems)
        count = len(problems)
        self.summary.setText(
            f"Not saved: {_plural(count, 'thing', 'things')} to fix. The form says what, "
            f"under {'it' if count == 1 else 'each one'}."
        )
        # Lay out the messages now shown, then bring the first one and its input into view.
        fields = self.scroll_area.widget()
        layout = fields.layout() if fields is not None else None
        if layout is not None:
            layout.activate()
        message = self.messages.messages.get(problems[0].field, self.messages.general)
        self.scroll_area.ensureWidgetVisible(message, 0, 40)
        self.scroll_area.ensureWidgetVisible(first or self.messages.general, 0, 40)

    def _fill(self, assessment: RiskAssessment) -> None:
        self.stage.set_value(assessment.stage)
        self.assessed_on.setDate(to_qdate(assessment.assessed_on))
        self.assessed_by.setText(assessment.assessed_by)
        for card in self.cards:
            card.set_finding(assessment.finding(card.item.key))
            if card.safeguarding is not None:
                card.safeguarding.set_values(
                    assessment.safeguarding_followed_on, assessment.safeguarding_note
                )
        self.decision_buttons[assessment.decision].setChecked(True)
        self.decided_by.setText(assessment.decided_by or self._store.actor)
        self.decision_reason.setPlainText(assessment.decision_reason)
        self._show_summary()

    def _show_summary(self) -> None:
        parts = still_to_resolve(self.assessment(), [card.item.key for card in self.cards])
        if not parts:
            self.summary.setText(
                "✓ Every question is answered, every concern has an agreed mitigation, and the "
                "decision is recorded."
            )
            return
        text = "; ".join(parts)
        self.summary.setText(
            f"Still to resolve: {text[0].lower()}{text[1:]}. You can save now and come back to it."
        )

    def _on_form_changed(self, *_args: object) -> None:
        self._show_summary()


def _new_assessment(store: Store, case: Case) -> RiskAssessment:
    """A new assessment starting from the latest one's findings, so they are reviewed rather
    than typed again; the decision is made afresh."""
    earlier = store.risk_assessments(case.id)
    latest = earlier[-1] if earlier else None
    return RiskAssessment(
        case_id=case.id,
        stage=AssessmentStage.AFTER_PREPARATION if earlier else AssessmentStage.INITIAL,
        assessed_on=store.today(),
        assessed_by=store.actor,
        findings=latest.findings if latest else (),
        decided_by=store.actor,
        safeguarding_followed_on=latest.safeguarding_followed_on if latest else None,
        safeguarding_note=latest.safeguarding_note if latest else "",
    )
