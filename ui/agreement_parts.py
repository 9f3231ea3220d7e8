"""Dialogs of the Agreement tab: one action, who agreed (which freezes the version), and the
reason for a new version. Plus the words the tab and dialogs share about an action."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.agreements.checks import action_problems
from restorative_desk.agreements.records import Agreement, AgreementAction, Signoff, SignoffHow
from restorative_desk.agreements.wording_check import WordingWarning, wording_warnings
from restorative_desk.formatting import format_date
from restorative_desk.records import Person, Setting
from restorative_desk.rules import Problem
from restorative_desk.store import Store
from restorative_desk.wording import RoleWording

from .asking import saved_or_shown
from .dialog_parts import comfortable_width, dialog_buttons, emphasised, text_box, wrapped
from .widgets import FormMessages, OptionalDateEdit, from_qdate, make_date_edit

NOT_RECORDED = "Not recorded"


def warning_lines(warnings: Sequence[WordingWarning]) -> str:
    """Warnings as gentle lines: "⚠ message Suggestion"."""
    return "\n".join(
        f"⚠ {w.message} {w.suggestion}".rstrip() for w in warnings
    )


def action_heading(number: int, action: AgreementAction) -> str:
    """"1. Luke: write a letter to Zoë"."""
    who = f"{action.who}: " if action.who.strip() else ""
    return f"{number}. {who}{action.what}"


def action_details(action: AgreementAction) -> str:
    """For whom, by when, how everyone will know and the support, as one line each."""
    lines = []
    if action.for_whom:
        lines.append(f"For: {action.for_whom}")
    if action.by_when:
        lines.append(f"By: {format_date(action.by_when)}")
    if action.how_known:
        lines.append(f"How everyone will know: {action.how_known}")
    if action.support:
        lines.append(f"Support: {action.support}")
    if action.review_date:
        lines.append(f"Review: {format_date(action.review_date)}")
    return "\n".join(lines)


class ActionDialog(QDialog):
    """Write or change one action; gentle checks show as you type and never stop OK."""

    def __init__(
        self, parent: QWidget | None, action: AgreementAction | None, *, today: date,
        setting: Setting | None = None,
    ) -> None:
        super().__init__(parent)
        self._base = action or AgreementAction(what="")
        self._today = today
        self._setting = setting
        self._result: AgreementAction | None = None
        self.setWindowTitle("Change the action" if action else "Add an action")
        self.what = text_box("What will be done", "In plain words, for example: Luke will "
                             "write a letter to Zoë saying sorry", 2)
        self.who = QLineEdit()
        self.who.setAccessibleName("Who will do it")
        self.for_whom = QLineEdit()
        self.for_whom.setAccessibleName("Who it is for")
        self.by_when = OptionalDateEdit("By when", none_text="No date yet")
        self.by_when.set_fallback(today)
        self.how_known = text_box("How everyone will know it is done",
                                  "For example: Ms Patel will see the letter first", 2)
        self.support = text_box("Support to do it", "Who or what will help", 2)
        self.review_date = OptionalDateEdit("Review date", none_text="With the agreement")
        self.review_date.set_fallback(today)
        self.messages = FormMessages()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        add = self.messages.add_row
        add(form, "&What will be done", "what", self.what)
        add(form, "W&ho will do it", "who", self.who)
        add(form, "&For whom", "for_whom", self.for_whom)
        add(form, "&By when", "by_when", self.by_when)
        add(form, "How everyone will\n&know it is done", "how_known", self.how_known)
        add(form, "&Support to do it", "support", self.support)
        add(form, "&Review date", "review_date", self.review_date)
        self.warnings = wrapped("")
        self.warnings.setAccessibleName("Suggestions about the wording")
        layout = QVBoxLayout(self)
        layout.addWidget(self.messages.general)
        layout.addLayout(form)
        layout.addWidget(self.warnings)
        layout.addWidget(dialog_buttons(self, "OK"))

        self.what.setPlainText(self._base.what)
        self.who.setText(self._base.who)
        self.for_whom.setText(self._base.for_whom)
        self.by_when.set_value(self._base.by_when)
        self.how_known.setPlainText(self._base.how_known)
        self.support.setPlainText(self._base.support)
        self.review_date.set_value(self._base.review_date)
        for box in (self.what, self.how_known, self.support):
            box.textChanged.connect(self._on_field_changed)
        for line in (self.who, self.for_whom):
            line.textChanged.connect(self._on_field_changed)
        self.by_when.changed.connect(self._on_field_changed)
        self._on_field_changed()
        self.resize(max(620, comfortable_width(self, 90)), self.sizeHint().height())
        self.what.setFocus()

    @classmethod
    def ask(
        cls, parent: QWidget | None, action: AgreementAction | None, *, today: date,
        setting: Setting | None = None,
    ) -> AgreementAction | None:
        """The action as written, or None when cancelled."""
        dialog = cls(parent, action, today=today, setting=setting)
        dialog.exec()
        return dialog.result_action()

    def result_action(self) -> AgreementAction | None:
        return self._result

    def action(self) -> AgreementAction:
        """The action as the form stands."""
        return AgreementAction(
            what=self.what.toPlainText().strip(),
            who=self.who.text().strip(),
            for_whom=self.for_whom.text().strip(),
            by_when=self.by_when.value(),
            how_known=self.how_known.toPlainText().strip(),
            support=self.support.toPlainText().strip(),
            review_date=self.review_date.value(),
            id=self._base.id,
            position=self._base.position,
        )

    def accept(self) -> None:
        problems = [
            Problem(p.field.rsplit(".", 1)[-1], p.message.split(": ", 1)[-1])
            for p in action_problems(self.action())
        ]
        if problems:
            self.messages.show(problems)
            return
        self._result = self.action()
        super().accept()

    def _on_field_changed(self, *_args: object) -> None:
        found = wording_warnings(self.action(), self._today, setting=self._setting)
        self.warnings.setText(
            "Suggestions (they never stop you saving):\n" + warning_lines(found) if found
            else "✓ No suggestions about the wording."
        )


class AgreeDialog(QDialog):
    """Who agreed, and how (signed the printed copy, or out loud); OK agrees and freezes it."""

    def __init__(
        self, parent: QWidget | None, store: Store, agreement: Agreement,
        people: Sequence[Person], wording: RoleWording, setting: Setting,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._agreement = agreement
        self._people = list(people)
        self._result: Agreement | None = None
        today = store.today()
        self.setWindowTitle("Agree and freeze")
        intro = wrapped(
            "Record who agreed. Once agreed, this version is kept as it is: a later change "
            "makes a new version, with the reason."
        )
        self.agreed_on = make_date_edit(today, "The day it was agreed")
        self.messages = FormMessages()
        form = QFormLayout()
        self.messages.add_row(form, "&Agreed on", "agreed_on", self.agreed_on)
        grid = QGridLayout()
        grid.addWidget(emphasised(QLabel("Who"), 1.0), 0, 0)
        grid.addWidget(emphasised(QLabel("How they agreed"), 1.0), 0, 1)
        grid.addWidget(emphasised(QLabel("On"), 1.0), 0, 2)
        self.hows: dict[str, QComboBox] = {}
        self.dates = {}
        for row, person in enumerate(self._people, start=1):
            role = wording.role_label(person.role, setting)
            label = QLabel(f"{person.called} ({role})")
            how = QComboBox()
            how.setAccessibleName(f"How {person.called} agreed")
            how.addItem(NOT_RECORDED, None)
            how.addItem("Signed the printed copy", SignoffHow.SIGNED)
            how.addItem("Agreed out loud (recorded)", SignoffHow.VERBAL)
            label.setBuddy(how)
            on = make_date_edit(today, f"When {person.called} agreed")
            self.hows[person.id] = how
            self.dates[person.id] = on
            grid.addWidget(label, row, 0)
            grid.addWidget(how, row, 1)
            grid.addWidget(on, row, 2)
        self.signoff_message = self.messages.general
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(grid)
        layout.addWidget(self.messages.general)
        layout.addWidget(dialog_buttons(self, "Agree and freeze"))
        self.resize(max(640, comfortable_width(self, 90)), self.sizeHint().height())

    @classmethod
    def ask(
        cls, parent: QWidget | None, store: Store, agreement: Agreement,
        people: Sequence[Person], wording: RoleWording, setting: Setting,
    ) -> Agreement | None:
        """The agreed version, or None when cancelled."""
        dialog = cls(parent, store, agreement, people, wording, setting)
        dialog.exec()
        return dialog.result_agreement()

    def result_agreement(self) -> Agreement | None:
        return self._result

    def set_how(self, person_id: str, how: SignoffHow) -> None:
        """Choose how someone agreed (for tests and keyboard users alike)."""
        box = self.hows[person_id]
        box.setCurrentIndex(box.findData(how))

    def signoffs(self) -> list[Signoff]:
        found = []
        for person in self._people:
            how = self.hows[person.id].currentData()
            if how is not None:
                found.append(Signoff(person.id, how, from_qdate(self.dates[person.id].date())))
        return found

    def accept(self) -> None:
        self._result = saved_or_shown(
            self.messages,
            lambda: self._store.agree(
                self._agreement.id, agreed_on=from_qdate(self.agreed_on.date()),
                signoffs=self.signoffs(),
            ),
            "Not agreed yet.",
            field=lambda name: name if name == "agreed_on" else "",
        )
        if self._result is not None:
            super().accept()


class ChangeDialog(QDialog):
    """Why the agreed agreement needs to change; OK makes the next version as a draft."""

    def __init__(self, parent: QWidget | None, store: Store, agreement: Agreement) -> None:
        super().__init__(parent)
        self._store = store
        self._agreement = agreement
        self._result: Agreement | None = None
        self.setWindowTitle("Change the agreement")
        intro = wrapped(
            f"Version {agreement.version} stays on record as it was agreed, and stays in force "
            f"until version {agreement.version + 1} is agreed."
        )
        self.reason = text_box("Why it is changing",
                               "For example: the date for the letter moved at Zoë's request", 3)
        self.messages = FormMessages()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.messages.add_row(form, "&Why it is changing", "reason", self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.messages.general)
        layout.addLayout(form)
        layout.addWidget(dialog_buttons(self, f"Make version {agreement.version + 1}"))
        self.resize(max(560, comfortable_width(self, 80)), self.sizeHint().height())
        self.reason.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, store: Store, agreement: Agreement) -> Agreement | None:
        """The new draft version, or None when cancelled."""
        dialog = cls(parent, store, agreement)
        dialog.exec()
        return dialog.result_agreement()

    def result_agreement(self) -> Agreement | None:
        return self._result

    def accept(self) -> None:
        self._result = saved_or_shown(
            self.messages,
            lambda: self._store.new_version(
                self._agreement.id, self.reason.toPlainText().strip()
            ),
            "No new version yet.",
            field=lambda _name: "reason",
        )
        if self._result is not None:
            super().accept()
