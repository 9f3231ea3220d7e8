"""A partner agency's feedback (police, social care, health, a school…), about one case or
about the restorative service in general."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from restorative_desk.feedback.records import PartnerFeedback
from restorative_desk.records import Case, ReferralSource
from restorative_desk.store import Store

from .asking import saved_or_shown
from .dialog_parts import comfortable_width, dialog_buttons, text_box, wrapped
from .feedback_parts import SATISFACTION_LABELS, answer_row, score_row
from .widgets import FormMessages, ValueComboBox, from_qdate, make_date_edit, to_qdate

# Self or family is not a partner agency.
AGENCIES = tuple(source for source in ReferralSource if source is not ReferralSource.SELF_OR_FAMILY)


class PartnerFeedbackDialog(QDialog):
    """Which agency, when, how satisfied, kept informed, would refer again, and a comment."""

    def __init__(
        self, parent: QWidget | None, store: Store, case: Case | None,
        feedback: PartnerFeedback | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._case = case
        self._editing = feedback
        self._result: PartnerFeedback | None = None
        about = f"case {case.reference}" if case is not None else "the service in general"
        self.setWindowTitle(f"Partner agency feedback about {about}")
        self.agency = ValueComboBox[ReferralSource](
            [(source.label, source) for source in AGENCIES], "Partner agency"
        )
        if case is not None and case.referral_source in AGENCIES:
            self.agency.set_value(case.referral_source)
        self.organisation = QLineEdit()
        self.organisation.setAccessibleName("Which team or service")
        self.organisation.setPlaceholderText("For example: Lewisham Police, Safer Schools team")
        self.given_on = make_date_edit(store.today(), "The day it was given")
        self.satisfaction = score_row("Overall satisfaction", SATISFACTION_LABELS)
        self.kept_informed = answer_row("Kept informed")
        self.would_refer_again = answer_row("Would refer again")
        self.comment = text_box("Comment", "What they said, in their words", 3)
        self.messages = FormMessages()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setVerticalSpacing(10)
        add = self.messages.add_row
        add(form, "&Agency", "agency", self.agency)
        add(form, "&Team or service", "organisation", self.organisation)
        add(form, "&Date given", "given_on", self.given_on)
        add(form, "&Satisfaction", "satisfaction", self.satisfaction)
        add(form, "&Kept informed", "kept_informed", self.kept_informed)
        add(form, "Would &refer again", "would_refer_again", self.would_refer_again)
        add(form, "Co&mment", "comment", self.comment)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(f"About {about}."))
        layout.addSpacing(6)
        layout.addWidget(self.messages.general)
        layout.addLayout(form)
        layout.addWidget(dialog_buttons(self, "Save feedback"))
        if feedback is not None:
            self._fill(feedback)
        self.resize(max(980, comfortable_width(self, 140)), self.sizeHint().height())
        self.agency.setFocus()

    @classmethod
    def ask(
        cls, parent: QWidget | None, store: Store, case: Case | None,
        feedback: PartnerFeedback | None = None,
    ) -> PartnerFeedback | None:
        """The feedback as saved, or None when cancelled."""
        dialog = cls(parent, store, case, feedback)
        dialog.exec()
        return dialog.result_feedback()

    def result_feedback(self) -> PartnerFeedback | None:
        return self._result

    def feedback(self) -> PartnerFeedback:
        """The feedback as the form stands."""
        record = PartnerFeedback(
            agency=self.agency.value(),
            given_on=from_qdate(self.given_on.date()),
            case_id=self._case.id if self._case is not None else None,
            organisation=self.organisation.text().strip(),
            satisfaction=self.satisfaction.value(),
            kept_informed=self.kept_informed.value(),
            would_refer_again=self.would_refer_again.value(),
            comment=self.comment.toPlainText().strip(),
        )
        return replace(record, id=self._editing.id) if self._editing is not None else record

    def accept(self) -> None:
        record = self.feedback()
        save = (self._store.update_partner_feedback if self._editing is not None
                else self._store.add_partner_feedback)
        self._result = saved_or_shown(self.messages, lambda: save(record),
                                      "The feedback was not saved.")
        if self._result is not None:
            super().accept()

    def _fill(self, feedback: PartnerFeedback) -> None:
        self.agency.set_value(feedback.agency)
        self.organisation.setText(feedback.organisation)
        self.given_on.setDate(to_qdate(feedback.given_on))
        self.satisfaction.set_value(feedback.satisfaction)
        self.kept_informed.set_value(feedback.kept_informed)
        self.would_refer_again.set_value(feedback.would_refer_again)
        self.comment.setPlainText(feedback.comment)
