"""Adjusting the wording of an organisation's own script: its title and summary, then each
step's words to say and guidance, with a live preview of the step being edited. Only words
change, never who a step is for or what is kept; saving makes the script's next version."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.scripts.library import WordingRefused, save_wording
from restorative_desk.scripts.model import Audience, Phase, Script, Step
from restorative_desk.scripts.preview import (
    PLACEHOLDER_MEANINGS,
    audience_words,
    capture_words,
    placeholder_problem,
)

from .script_preview import step_html
from .widgets import FieldMessage, confirm

PLACE_ROLE = Qt.ItemDataRole.UserRole + 1  # (phase key, step key) of a step's row
CHANGED_MARK = "\N{LOWER RIGHT PENCIL} "
STEP_INDENT = "    "

Place = tuple[str, str]


def _box(name: str, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    line = box.fontMetrics().lineSpacing()
    box.setMinimumHeight(line * lines + 16)
    box.setMaximumHeight(line * (lines + 2) + 16)  # room to write; the preview keeps its room
    return box


def _first_words(text: str, limit: int = 90) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


class ScriptWordingDialog(QDialog):
    """Put an organisation's script in its own words; Save checks and keeps the next version."""

    def __init__(
        self, script: Script, parent: QWidget | None = None, *, facilitator: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Wording of {script.title}")
        self._script = script
        self._facilitator = facilitator
        self._saved: Script | None = None
        self._loading = False
        self._steps: dict[Place, tuple[Phase, Step]] = {
            (phase.key, step.key): (phase, step) for phase, step in script.steps
        }
        self._original = {
            place: (step.say, step.guidance) for place, (_, step) in self._steps.items()
        }
        self._wording = dict(self._original)
        self._items: dict[Place, QListWidgetItem] = {}
        self._current: Place = next(iter(self._steps))

        intro = QLabel(
            "Change the words to suit your organisation. Who each step is for and what is kept "
            "stay as they are, so the conference runs the same way. Saving makes version "
            f"{script.version + 1}; conferences already held keep the version they used."
        )
        intro.setWordWrap(True)
        self.title_edit = QLineEdit(script.title)
        self.summary_edit = _box("Summary", 1)
        self.summary_edit.setPlainText(script.summary)
        top = QFormLayout()
        for text, field in (("&Title", self.title_edit), ("S&ummary", self.summary_edit)):
            label = QLabel(text)
            label.setBuddy(field)
            top.addRow(label, field)

        self.steps = QListWidget()
        self.steps.setAccessibleName("Steps")
        # One line a step, cut short with "…" (the whole words are in the editor beside it).
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.steps.setSpacing(1)
        steps_label = QLabel("S&teps")
        steps_label.setBuddy(self.steps)
        self._fill_list()

        self.place_label = QLabel()
        self.place_label.setWordWrap(True)
        bold = QFont(self.place_label.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.1)
        self.place_label.setFont(bold)
        self.audience_label = QLabel()
        self.audience_label.setWordWrap(True)
        self.say_label = QLabel("&Words to say")
        self.say_edit = _box("Words to say", 4)
        self.say_label.setBuddy(self.say_edit)
        self.facilitator_note = QLabel(
            "This step is a note for you, with nothing to say aloud: it has guidance only."
        )
        self.facilitator_note.setWordWrap(True)
        guidance_label = QLabel("&Guidance for you")
        self.guidance_edit = _box("Guidance for you", 3)
        guidance_label.setBuddy(self.guidance_edit)
        self.step_problem = FieldMessage()
        self.preview = QTextBrowser()
        self.preview.setAccessibleName("Preview of this step")
        self.preview.setOpenLinks(False)
        self.preview.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        preview_label = QLabel("How it reads, with sample names")
        placeholders = QLabel(
            "<b>Names you can use</b>, typed with the curly brackets:"
            + "".join(
                f"<p style='margin-top:4px; margin-bottom:0'><b>{{{name}}}</b>: {meaning}</p>"
                for name, meaning in PLACEHOLDER_MEANINGS.items()
            )
        )
        placeholders.setWordWrap(True)
        placeholders.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.placeholders = placeholders
        # The names sit under the step list, where there is room, leaving the preview its own.
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(steps_label)
        left_layout.addWidget(self.steps, 1)
        left_layout.addSpacing(6)
        left_layout.addWidget(placeholders)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        for widget in (self.place_label, self.audience_label, self.facilitator_note):
            right_layout.addWidget(widget)
        right_layout.addSpacing(4)
        edits: tuple[QWidget, ...] = (
            self.say_label,
            self.say_edit,
            guidance_label,
            self.guidance_edit,
        )
        for edit in edits:
            right_layout.addWidget(edit)
        right_layout.addWidget(self.step_problem)
        right_layout.addSpacing(6)
        right_layout.addWidget(preview_label)
        right_layout.addWidget(self.preview, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 700])

        self.message = FieldMessage()
        self.changes_label = QLabel()
        self.changes_label.setAccessibleName("Changes not saved yet")
        self.save_button = QPushButton(f"&Save as version {script.version + 1}")
        self.save_button.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.changes_label, 1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

        self.steps.currentItemChanged.connect(self._on_steps_current_item_changed)
        self.say_edit.textChanged.connect(self._on_say_edit_text_changed)
        self.guidance_edit.textChanged.connect(self._on_guidance_edit_text_changed)
        self.title_edit.textChanged.connect(self._on_title_edit_text_changed)
        self.summary_edit.textChanged.connect(self._on_summary_edit_text_changed)
        self.select_step(*self._current)
        self._show_changes()
        self.resize(1100, 760)

    @classmethod
    def ask(
        cls, parent: QWidget | None, script: Script, *, facilitator: str = ""
    ) -> Script | None:
        """Open the editor; the saved script (its next version), or None when nothing was."""
        dialog = cls(script, parent, facilitator=facilitator)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.saved()
        return None

    # --- what the dialog holds ---------------------------------------------------------

    def saved(self) -> Script | None:
        """The script as saved (after accept), else None."""
        return self._saved

    def wording(self) -> dict[Place, tuple[str, str]]:
        """Every step's (words to say, guidance) as typed so far."""
        return dict(self._wording)

    def changed_places(self) -> list[Place]:
        """The steps whose words or guidance differ from the script's, in order."""
        return [place for place in self._steps if self._differs(place)]

    def has_changes(self) -> bool:
        title_changed = self.title_edit.text().strip() != self._script.title
        summary_changed = self.summary_edit.toPlainText().strip() != self._script.summary
        return title_changed or summary_changed or bool(self.changed_places())

    def current_place(self) -> Place:
        return self._current

    def select_step(self, phase_key: str, step_key: str) -> None:
        """Show the step `step_key` of `phase_key` in the editor."""
        item = self._items[(phase_key, step_key)]
        if self.steps.currentItem() is item:
            self._show_step((phase_key, step_key))
        else:
            self.steps.setCurrentItem(item)  # the slot shows it

    # --- saving --------------------------------------------------------------------------

    def accept(self) -> None:
        self.message.clear_message()
        try:
            saved = save_wording(
                self._script,
                title=self.title_edit.text(),
                summary=self.summary_edit.toPlainText(),
                steps=self.wording(),
            )
        except WordingRefused as refused:
            self._show_refusal(refused)
            return
        except OSError as problem:
            self.message.show_message(
                f"Not saved: the script file could not be written ({problem.strerror or problem})."
                " Your changes are still here."
            )
            return
        self._saved = saved
        super().accept()

    def reject(self) -> None:
        if self.has_changes() and not confirm(
            self,
            "Leave without saving?",
            "The changes you made to the wording will be lost.",
            "&Leave without saving",
        ):
            return
        super().reject()

    def _show_refusal(self, refused: WordingRefused) -> None:
        said = str(refused).rstrip()
        said += "" if said.endswith((".", "?", "!")) else "."
        self.message.show_message(f"Not saved: {said} Your changes are still here.")
        if refused.place is not None and refused.place in self._items:
            self.select_step(*refused.place)
            if self.step_problem.isHidden():  # the live check's words, else the loader's
                self.step_problem.show_message(said)
            step = self._steps[refused.place][1]
            editor = self.guidance_edit if step.to is Audience.FACILITATOR else self.say_edit
            editor.setFocus()
        elif "title" in str(refused).lower():
            self.title_edit.setFocus()
        else:
            self.summary_edit.setFocus()

    # --- the step list and editor ----------------------------------------------------------

    def _fill_list(self) -> None:
        text_colour = self.palette().text()
        for number, phase in enumerate(self._script.phases, start=1):
            heading = QListWidgetItem(f"{number}. {phase.title}", self.steps)
            font = QFont(heading.font())
            font.setBold(True)
            heading.setFont(font)
            # A heading is not a step: the keyboard passes over it, yet it reads as a heading,
            # not greyed out.
            heading.setFlags(Qt.ItemFlag.NoItemFlags)
            heading.setForeground(text_colour)
            for step in phase.steps:
                place = (phase.key, step.key)
                item = QListWidgetItem(self.steps)
                item.setData(PLACE_ROLE, place)
                self._items[place] = item
                self._label_item(place)

    def _label_item(self, place: Place) -> None:
        step = self._steps[place][1]
        say, guidance = self._wording[place]
        words = f"For you: {_first_words(guidance)}" if step.to is Audience.FACILITATOR else (
            _first_words(say) or "(no words yet)"
        )
        changed = self._differs(place)
        item = self._items[place]
        item.setText(STEP_INDENT + (CHANGED_MARK if changed else "") + words)
        item.setToolTip(audience_words(step.to))
        accessible = f"{words}, {audience_words(step.to)}" + (", changed" if changed else "")
        item.setData(Qt.ItemDataRole.AccessibleTextRole, accessible)

    def _differs(self, place: Place) -> bool:
        say, guidance = self._wording[place]
        was_say, was_guidance = self._original[place]
        return (say.strip(), guidance.strip()) != (was_say, was_guidance)

    def _show_step(self, place: Place) -> None:
        self._current = place
        phase, step = self._steps[place]
        position = [s.key for s in phase.steps].index(step.key) + 1
        self.place_label.setText(f"{phase.title} · step {position} of {len(phase.steps)}")
        kept = capture_words(step.capture)
        self.audience_label.setText(audience_words(step.to) + (f" · {kept}" if kept else ""))
        for_facilitator = step.to is Audience.FACILITATOR
        self.facilitator_note.setVisible(for_facilitator)
        self.say_label.setVisible(not for_facilitator)
        self.say_edit.setVisible(not for_facilitator)
        say, guidance = self._wording[place]
        self._loading = True
        self.say_edit.setPlainText(say)
        self.guidance_edit.setPlainText(guidance)
        self._loading = False
        self._refresh_step()

    def _refresh_step(self) -> None:
        """The preview and the live check of the step being edited."""
        step = self._steps[self._current][1]
        say, guidance = self._wording[self._current]
        edited = Step(step.key, say, step.to, guidance, step.capture, step.if_represented)
        self.preview.setHtml(step_html(edited, facilitator=self._facilitator))
        problem = placeholder_problem(say, step.to) or placeholder_problem(guidance, step.to)
        if not problem and step.to is not Audience.FACILITATOR and not say.strip():
            problem = "Some words to say are needed here."
        if not problem and step.to is Audience.FACILITATOR and not guidance.strip():
            problem = "This note for you needs some guidance."
        if problem:
            self.step_problem.show_message(problem)
        else:
            self.step_problem.clear_message()
        self._label_item(self._current)
        self._show_changes()

    def _show_changes(self) -> None:
        count = len(self.changed_places())
        steps = "1 step" if count == 1 else f"{count} steps"
        if count:
            self.changes_label.setText(f"{CHANGED_MARK}Not saved yet: {steps} changed.")
        elif self.has_changes():
            self.changes_label.setText(f"{CHANGED_MARK}Not saved yet: the title or summary.")
        else:
            self.changes_label.setText("No changes yet.")

    # --- slots ---------------------------------------------------------------------------

    def _on_steps_current_item_changed(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        place = current.data(PLACE_ROLE) if current is not None else None
        if place is not None:
            self._show_step((str(place[0]), str(place[1])))

    def _on_say_edit_text_changed(self) -> None:
        if not self._loading:
            self._wording[self._current] = (
                self.say_edit.toPlainText(),
                self._wording[self._current][1],
            )
            self._refresh_step()

    def _on_guidance_edit_text_changed(self) -> None:
        if not self._loading:
            self._wording[self._current] = (
                self._wording[self._current][0],
                self.guidance_edit.toPlainText(),
            )
            self._refresh_step()

    def _on_title_edit_text_changed(self) -> None:
        self._show_changes()

    def _on_summary_edit_text_changed(self) -> None:
        self._show_changes()
