"""The person dialog's equality-monitoring section: optional answers, behind a button, counted
and never shown with names anywhere else."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFontMetrics, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.monitoring import CareStatus, EthnicGroup, Ethnicity, Gender, SendStatus

from .dialog_parts import emphasised, wrapped
from .widgets import ValueComboBox

NOT_RECORDED = "Not recorded"
WHY = (
    "Counted, never shown with names, so the partnership can check the service is fair to "
    "everyone."
)
SHOW = "S&how equality monitoring"
HIDE = "&Hide equality monitoring"
# Items under a group heading carry this role (the popup indents them); headings the other.
_IN_GROUP = Qt.ItemDataRole.UserRole + 1
_HEADING = Qt.ItemDataRole.UserRole + 2
# Room the popup's list needs beyond its widest words: the indent, margins and a scroll bar.
_POPUP_ROOM = 48


@dataclass(frozen=True)
class Answers:
    """The four answers as the form stands (None: not recorded)."""

    ethnicity: Ethnicity | None
    gender: Gender | None
    send: SendStatus | None
    care_status: CareStatus | None


class _GroupedDelegate(QStyledItemDelegate):
    """Group headings in bold in the ordinary text colour (they cannot be chosen, but are not
    greyed out like something unavailable); the items under them indented."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if index.data(_IN_GROUP):
            option.text = f"\u2003{option.text}"
        elif index.data(_HEADING):
            option.state |= QStyle.StateFlag.State_Enabled


def ethnicity_box() -> ValueComboBox[Ethnicity | None]:
    """Ethnicity choices under the five Census group headings (which cannot be chosen)."""
    box = ValueComboBox[Ethnicity | None]([(NOT_RECORDED, None)], "Ethnicity")
    model = box.model()
    assert isinstance(model, QStandardItemModel)
    for group in EthnicGroup:
        box.insertSeparator(box.count())
        box.addItem(group.label, None)
        heading = model.item(box.count() - 1)
        heading.setFlags(Qt.ItemFlag.NoItemFlags)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        heading.setAccessibleText(f"{group.label} (group heading)")
        heading.setData(True, _HEADING)
        for ethnicity in Ethnicity:
            if ethnicity.group is group:
                box.addItem(ethnicity.label, ethnicity)
                box.setItemData(box.count() - 1, True, _IN_GROUP)
    box.insertSeparator(box.count())
    box.addItem(Ethnicity.PREFER_NOT_TO_SAY.label, Ethnicity.PREFER_NOT_TO_SAY)
    box.setItemDelegate(_GroupedDelegate(box))
    box.setMaxVisibleItems(32)
    # The closed box keeps a sensible width; its list opens wide enough for every heading.
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(28)
    bold = box.font()
    bold.setBold(True)
    widest = max(
        QFontMetrics(bold).horizontalAdvance(box.itemText(i)) for i in range(box.count())
    )
    box.view().setMinimumWidth(widest + _POPUP_ROOM)
    return box


class MonitoringFields(QWidget):
    """Ethnicity, gender, SEND and care status, with a line on why; shown on request.

    The widget itself is the heading, the why and the button; `add_to` puts it and the four
    answers into a form, so they line up with the fields above. Whether the answers are shown is
    never remembered: they start hidden every time.
    """

    shown_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        heading = emphasised(QLabel("Equality monitoring (optional)"), 1.0)
        self.show_monitoring = QPushButton(SHOW)
        self.show_monitoring.setCheckable(True)
        self.show_monitoring.setAccessibleName("Show equality monitoring")
        self.recorded = QLabel()
        toggle_row = QHBoxLayout()
        toggle_row.addWidget(self.show_monitoring)
        toggle_row.addWidget(self.recorded, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(rule)
        layout.addWidget(heading)
        layout.addWidget(wrapped(WHY))
        layout.addLayout(toggle_row)

        self.ethnicity = ethnicity_box()
        self.gender = ValueComboBox[Gender | None](
            [(NOT_RECORDED, None), *((g.label, g) for g in Gender)], "Gender"
        )
        self.send = ValueComboBox[SendStatus | None](
            [(NOT_RECORDED, None), *((s.label, s) for s in SendStatus)], "SEND or disability"
        )
        self.care_status = ValueComboBox[CareStatus | None](
            [(NOT_RECORDED, None), *((c.label, c) for c in CareStatus)], "Care status"
        )
        self.care_note = QLabel("Asked for children and young people only.")
        self._kept_care: CareStatus | None = None
        self._form: QFormLayout | None = None
        self._rows: list[QWidget] = []

        self.show_monitoring.toggled.connect(self._on_show_monitoring_toggled)
        for box in (self.ethnicity, self.gender, self.send, self.care_status):
            box.currentIndexChanged.connect(self._on_answer_current_index_changed)
        self._on_answer_current_index_changed()

    def add_to(self, form: QFormLayout) -> None:
        """Add the heading across the form, then the four answers as labelled rows (hidden)."""
        form.addRow(self)
        for text, box in (
            ("Ethnicit&y", self.ethnicity),
            ("&Gender", self.gender),
            ("SEN&D or disability", self.send),
            ("Care stat&us", self.care_status),
        ):
            label = QLabel(text)
            label.setBuddy(box)
            form.addRow(label, box)
            self._rows.append(box)
        form.addRow("", self.care_note)
        self._rows.append(self.care_note)
        self._form = form
        self._show_rows(False)

    @property
    def answers_shown(self) -> bool:
        return self.show_monitoring.isChecked()

    def set_answers(self, answers: Answers) -> None:
        self.ethnicity.set_value(answers.ethnicity)
        self.gender.set_value(answers.gender)
        self.send.set_value(answers.send)
        if self.care_status.isEnabled():
            self.care_status.set_value(answers.care_status)
        else:
            self._kept_care = answers.care_status

    def answers(self) -> Answers:
        """The answers as chosen; care status only while it is asked (children)."""
        return Answers(
            self.ethnicity.value(),
            self.gender.value(),
            self.send.value(),
            self.care_status.value() if self.care_status.isEnabled() else None,
        )

    def set_child(self, child: bool) -> None:
        """Ask the care status only for a child or young person; an answer given before is put
        back if they are marked as a child again while the dialog is open."""
        if child != self.care_status.isEnabled():
            if child:
                self.care_status.set_value(self._kept_care)
            else:
                self._kept_care = self.care_status.value()
                self.care_status.set_value(None)
            self.care_status.setEnabled(child)
            self._on_answer_current_index_changed()
        self._show_rows(self.answers_shown)

    def _show_rows(self, shown: bool) -> None:
        if self._form is None:
            return
        for widget in self._rows:
            self._form.setRowVisible(widget, shown)
        if shown:
            self._form.setRowVisible(self.care_note, not self.care_status.isEnabled())

    def _on_show_monitoring_toggled(self, shown: bool) -> None:
        self._show_rows(shown)
        self.show_monitoring.setText(HIDE if shown else SHOW)
        self.show_monitoring.setAccessibleName(
            "Hide equality monitoring" if shown else "Show equality monitoring"
        )
        self.shown_changed.emit(shown)
        if shown:
            self.ethnicity.setFocus()

    def _on_answer_current_index_changed(self, _index: int = 0) -> None:
        count = sum(value is not None for value in vars(self.answers()).values())
        asked = 4 if self.care_status.isEnabled() else 3
        self.recorded.setText(f"{count} of {asked} recorded" if count else "Nothing recorded yet")
