"""Starting a conference (choosing its script), opening its window, and the offer to resume
one that was not finished."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.conference.records import ConferenceRun
from restorative_desk.formatting import format_date
from restorative_desk.preparation.records import Decision
from restorative_desk.records import Case
from restorative_desk.scripts.choosing import default_script
from restorative_desk.scripts.library import usable_scripts
from restorative_desk.scripts.loading import ScriptError, all_scripts, shipped_scripts
from restorative_desk.scripts.model import Script
from restorative_desk.store import Store, StoreError
from restorative_desk.wording import RoleWording

from .turn_parts import clock_time, scaled_font
from .widgets import tell

if TYPE_CHECKING:
    from .conference_window import ConferenceWindow

# The script offered first in each setting (when the risk decision was to meet).
def load_scripts(folder: Path | None = None) -> tuple[list[Script], str]:
    """The scripts to choose from, and a problem to mention ("" when there is none): a broken
    file of the organisation's leaves the others to choose from. Without a folder, the
    organisation's own folder (Tools ▸ Conference scripts…) is used."""
    if folder is None:
        scripts, problems = usable_scripts()
        if not problems:
            return scripts, ""
        return scripts, f"One of your organisation's scripts could not be read: {problems[0]}"
    try:
        return all_scripts(folder), ""
    except ScriptError as problem:
        return shipped_scripts(), f"Your organisation's scripts could not be read: {problem}"


def script_for(run: ConferenceRun, folder: Path | None = None) -> Script | None:
    """The script a conference started with (by its key: the turn keys stay the same)."""
    scripts, _ = load_scripts(folder)
    return next((s for s in scripts if s.key == run.script_key), None)


class StartConferenceDialog(QDialog):
    """Choose the script for a case's conference: those offered in its setting, each with
    its summary, the usual one chosen."""

    def __init__(
        self,
        store: Store,
        case: Case,
        parent: QWidget | None = None,
        *,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Start the conference")
        scripts, problem = load_scripts(folder)
        offered = [s for s in scripts if s.offered_in(case.setting)] or scripts
        assessments = store.risk_assessments(case.id)
        decision = assessments[-1].decision if assessments else None
        chosen = default_script(offered, case.setting, decision)
        self._scripts = offered
        self._choice: Script | None = None

        intro = QLabel(
            f"Choose how the conference on {case.reference} ({case.setting.label}) runs. "
            "The app then shows what to say and to whom, and keeps what people say."
        )
        intro.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        if decision is Decision.PROCEED_INDIRECT:
            self.note.setText(
                "The latest risk assessment decided on indirect work, so the indirect process "
                "is chosen."
            )
        self.note.setText(" ".join(t for t in (self.note.text(), problem) if t))
        self.note.setVisible(bool(self.note.text()))

        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        choices = QWidget()
        choices_layout = QVBoxLayout(choices)
        choices_layout.setSpacing(4)
        indent = self.fontMetrics().horizontalAdvance("M") * 2
        for script in offered:
            button = QRadioButton(script.title)
            button.setFont(scaled_font(self.font(), 1.1, bold=True))
            button.setAccessibleDescription(script.summary)
            summary = QLabel(script.summary)
            summary.setWordWrap(True)
            summary.setIndent(indent)
            self.group.addButton(button)
            self.buttons[script.key] = button
            choices_layout.addWidget(button)
            choices_layout.addWidget(summary)
            choices_layout.addSpacing(8)
            if chosen is not None and script.key == chosen.key:
                button.setChecked(True)
        choices_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(choices)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start the conference")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.note)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        room = self.screen().availableGeometry()
        self.resize(min(em * 56, room.width() * 9 // 10), min(em * 54, room.height() * 9 // 10))
        checked = self.group.checkedButton()
        if checked is not None:
            checked.setFocus()

    @classmethod
    def ask(
        cls, parent: QWidget | None, store: Store, case: Case, *, folder: Path | None = None
    ) -> Script | None:
        """Show the dialog; the chosen script, or None if the facilitator cancelled."""
        dialog = cls(store, case, parent, folder=folder)
        dialog.exec()
        return dialog.chosen()

    def chosen(self) -> Script | None:
        """The script chosen once accepted (None before, or when cancelled)."""
        return self._choice

    def choose(self, key: str) -> None:
        """Choose the script with this key (as clicking its button does)."""
        self.buttons[key].setChecked(True)

    def accept(self) -> None:
        """Keep the chosen script and close (nothing happens until one is chosen)."""
        checked = self.group.checkedButton()
        if checked is None:
            return
        key = next(k for k, b in self.buttons.items() if b is checked)
        self._choice = next(s for s in self._scripts if s.key == key)
        super().accept()


def open_conference_window(
    parent: QWidget,
    store: Store,
    wording: RoleWording,
    run: ConferenceRun,
    *,
    settings: QSettings | None = None,
    script: Script | None = None,
    folder: Path | None = None,
) -> ConferenceWindow | None:
    """Open the conference window for `run` (resuming where it stopped), as a window of its
    own over `parent`; None when its script or its case cannot be read (the user is told)."""
    from .conference_window import ConferenceWindow  # loaded when a conference first opens

    script = script or script_for(run, folder)
    if script is None:
        tell(
            parent,
            "The conference cannot be opened",
            f"The script it used (“{run.script_title}”) is no longer in the library. Put "
            "the script back, then resume the conference.",
        )
        return None
    try:
        window = ConferenceWindow(store, run, script, wording, parent, settings=settings)
    except StoreError as error:
        tell(parent, "The conference cannot be opened", str(error))
        return None
    window.setWindowFlag(Qt.WindowType.Window, True)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    window.showMaximized()
    window.raise_()
    window.activateWindow()
    return window


class ResumeBar(QFrame):
    """A quiet bar offering to resume a conference that was not finished (it never blocks)."""

    resume_requested = Signal(object)  # the ConferenceRun

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("A conference was not finished")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.resume_button = QPushButton("Resume")
        self.resume_button.setToolTip("Open the conference where it stopped")
        self.later_button = QPushButton("Later")
        self.later_button.setToolTip("Hide this; the conference stays unfinished")
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.resume_button)
        layout.addWidget(self.later_button)
        self._run: ConferenceRun | None = None
        self.resume_button.clicked.connect(self._on_resume_button_clicked)
        self.later_button.clicked.connect(self.hide)
        self.hide()

    def offer(self, store: Store, *, skip: Sequence[str] = ()) -> ConferenceRun | None:
        """Offer the newest unfinished conference not in `skip` (open already), or hide."""
        try:
            runs = [r for r in store.unfinished_conferences() if r.id not in skip]
            case = store.get_case(runs[0].case_id) if runs else None
        except StoreError:
            runs, case = [], None
        self._run = runs[0] if runs else None
        if self._run is None or case is None:
            self.hide()
            return None
        started = self._run.started_at
        when = f"{format_date(started.astimezone().date())} at {clock_time(started)}"
        more = len(runs) - 1
        also = f" ({more} more not finished)" if more else ""
        self.label.setText(
            f"A conference on {case.reference} was not finished (started {when}).{also} "
            "Everything so far is saved."
        )
        self.show()
        return self._run

    def offered(self) -> ConferenceRun | None:
        """The conference offered, if the bar is showing one."""
        return None if self.isHidden() else self._run

    def _on_resume_button_clicked(self) -> None:
        if self._run is not None:
            self.hide()
            self.resume_requested.emit(self._run)
