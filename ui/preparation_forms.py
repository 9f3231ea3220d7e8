"""The parts of one person's preparation page that are typed into, each with its own Save:
information given, the acknowledgement and the trauma-informed answers. Store-free."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.preparation.catalogue import Question
from restorative_desk.preparation.records import ParticipantPreparation
from restorative_desk.rules import Problem

from .preparation_sections import Section, text_box, wrapped
from .widgets import FieldMessage, FormMessages, OptionalDateEdit, with_message

V = TypeVar("V")


class EditableSection(Section, Generic[V]):
    """A section with its own Save button, which knows whether it has unsaved typing."""

    edited = Signal()
    key = ""  # names the section in a kept draft

    def __init__(self, title: str, subtitle: str, save_text: str) -> None:
        super().__init__(title, subtitle)
        self.messages = FormMessages()
        self.save_button = QPushButton(save_text)
        self.status = QLabel()
        self.status.setAccessibleName(f"{title}: saved or not")
        # Wraps, so "Changes not saved yet." between two buttons never widens a narrow page.
        self.status.setWordWrap(True)
        self._saved: V | None = None

    def values(self) -> V:
        """What the inputs say now."""
        raise NotImplementedError

    def fill(self, values: V) -> None:
        """Put `values` in the inputs."""
        raise NotImplementedError

    def load(self, values: V, *, keep_typing: bool) -> None:
        """Take `values` as saved; unsaved typing stays when `keep_typing` is set."""
        if not (keep_typing and self.is_dirty()):
            self.messages.clear()
            self.fill(values)
        self._saved = values
        self._show_state()

    def put_back(self, values: V) -> None:
        """Put typed `values` back in the inputs (kept from before the app locked); they count
        as unsaved changes until Save."""
        self.messages.clear()
        self.fill(values)
        self._show_state()

    def is_dirty(self) -> bool:
        """Whether the inputs differ from what is saved."""
        return self._saved is not None and self.values() != self._saved

    def saved(self) -> None:
        """Say the section was saved."""
        self.messages.clear()
        self.status.setText("Saved.")

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Show what stopped the save, beside the inputs, and keep everything typed."""
        self.messages.show(problems)
        self.status.setText("Not saved yet: see above.")

    def _on_input_changed(self, *_args: object) -> None:
        self._show_state()
        self.edited.emit()

    def _show_state(self) -> None:
        self.status.setText("Changes not saved yet." if self.is_dirty() else "")

    def _footer(self, *extra: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        for button in extra:
            row.addWidget(button)
        row.addWidget(self.status, 1)
        row.addWidget(self.save_button)
        return row


Dated = tuple[date | None, str]


class InformationSection(EditableSection[Dated]):
    """When the person was given full information, and what it covered (RJC code A)."""

    key = "information"

    def __init__(self) -> None:
        super().__init__(
            "Information given",
            "Transparency (RJC code A): full and impartial information about the process.",
            "Save information",
        )
        self.given_on = OptionalDateEdit("Date information was given", none_text="Not yet")
        self.note = text_box(
            "What the information covered",
            "The process, what will happen and may happen next, how any agreement will be "
            "monitored",
        )
        self.documents_button = QPushButton("What happens next sheet…")
        self.documents_button.setToolTip(
            "Preview, print or save the 'What happens next' sheet and other documents"
        )
        form = _form()
        self.messages.add_row(form, "Date given", "information_given_on", self.given_on)
        self.messages.add_row(form, "What was covered", "information_note", self.note)
        self.body.addWidget(self.messages.general)
        self.body.addLayout(form)
        self.body.addLayout(self._footer(self.documents_button))
        self.given_on.changed.connect(self._on_input_changed)
        self.note.textChanged.connect(self._on_input_changed)

    def set_today(self, today: date) -> None:
        """The date offered when "Not yet" is unticked."""
        self.given_on.set_fallback(today)

    def values(self) -> Dated:
        return self.given_on.value(), self.note.toPlainText().strip()

    def fill(self, values: Dated) -> None:
        self.given_on.set_value(values[0])
        self.note.setPlainText(values[1])


class AcknowledgementSection(EditableSection[Dated]):
    """Whether the person responsible has acknowledged the facts (RJC code B)."""

    key = "acknowledgement"

    def __init__(self) -> None:
        super().__init__(
            "Acknowledgement",
            "RJC code B. Without this, the case cannot go to a conference.",
            "Save acknowledgement",
        )
        self.acknowledged = QCheckBox(
            "Has acknowledged the basic facts and taken responsibility"
        )
        self.acknowledged.setAccessibleName(self.acknowledged.text())
        self.acknowledged_on = OptionalDateEdit("Date acknowledged", none_text="Not yet")
        self.acknowledged_on.none_box.hide()  # the tick above says whether there is a date
        self.note = text_box(
            "Note on the acknowledgement", "In their own words, if they like", lines=2
        )
        form = _form()
        form.addRow(self.acknowledged)
        self.messages.add_row(form, "Date", "facts_acknowledged_on", self.acknowledged_on)
        self.messages.add_row(form, "Note", "acknowledgement_note", self.note)
        self.body.addWidget(self.messages.general)
        self.body.addLayout(form)
        self.body.addLayout(self._footer())
        self.acknowledged.toggled.connect(self._on_acknowledged_toggled)
        self.acknowledged_on.changed.connect(self._on_input_changed)
        self.note.textChanged.connect(self._on_input_changed)

    def set_today(self, today: date) -> None:
        """The date offered when the box is ticked."""
        self.acknowledged_on.set_fallback(today)

    def values(self) -> Dated:
        return self.acknowledged_on.value(), self.note.toPlainText().strip()

    def fill(self, values: Dated) -> None:
        blocked = self.acknowledged.blockSignals(True)
        self.acknowledged.setChecked(values[0] is not None)
        self.acknowledged.blockSignals(blocked)
        self.acknowledged_on.set_value(values[0])
        self.note.setPlainText(values[1])

    def _on_acknowledged_toggled(self, checked: bool) -> None:
        # The hidden "Not yet" box drives the date, so ticking offers today's date.
        self.acknowledged_on.none_box.setChecked(not checked)


class AnswersSection(EditableSection[dict[str, str]]):
    """The trauma-informed questions, each answered in the person's own words, over time."""

    key = "answers"

    def __init__(self, questions: Sequence[Question]) -> None:
        super().__init__(
            "What helps them",
            "Trauma-informed preparation. Ask these over one or more meetings, at their pace; "
            "none is required. Write the answers in their own words.",
            "Save answers",
        )
        self.read_back_button = QPushButton("Read back…")
        self.read_back_button.setToolTip("Read their answers back to them, to check them")
        self.boxes: dict[str, QPlainTextEdit] = {}
        self.body.addWidget(self.messages.general)
        for question in questions:
            self.body.addWidget(self._question(question))
        self.body.addLayout(self._footer(self.read_back_button))

    def _question(self, question: Question) -> QWidget:
        box = text_box(question.label, "Their answer, in their own words")
        box.setAccessibleDescription(question.ask)
        box.textChanged.connect(self._on_input_changed)
        self.boxes[question.key] = box
        title = QLabel(f"<b>{question.label}</b> · {question.principle}")
        title.setBuddy(box)
        ask = wrapped(f"Ask: “{question.ask}”", italic=True)
        message = FieldMessage()
        self.messages.inputs[question.key] = box
        self.messages.messages[question.key] = message
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(title)
        layout.addWidget(ask)
        layout.addWidget(with_message(box, message))
        return widget

    def values(self) -> dict[str, str]:
        return {
            key: box.toPlainText().strip()
            for key, box in self.boxes.items() if box.toPlainText().strip()
        }

    def fill(self, values: dict[str, str]) -> None:
        for key, box in self.boxes.items():
            box.setPlainText(values.get(key, ""))


def participant_answers(participant: ParticipantPreparation) -> dict[str, str]:
    """A person's saved answers as a plain dict (the section's values)."""
    return {key: value.strip() for key, value in participant.answers.items() if value.strip()}


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    return form
