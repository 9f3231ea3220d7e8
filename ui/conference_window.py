"""Conference mode: the laptop on the table shows what to say next, to whom, and keeps what
people say, without getting in the way of the people in the room."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from restorative_desk import APP_NAME
from restorative_desk.conference.records import Attendance, Break, ConferenceRun
from restorative_desk.rules import ValidationError
from restorative_desk.scripts.model import Capture, Script
from restorative_desk.scripts.turns import Turn, expand, index_of
from restorative_desk.store import Store, StoreError
from restorative_desk.wording import RoleWording

from .attendance_page import AttendancePage
from .conference_ending import CloseChoice, ConferenceEnding, ask_on_close
from .turn_page import TurnPage
from .turn_parts import (
    ElidedLabel,
    PhaseList,
    clock_time,
    elapsed_text,
    scaled_font,
    turn_summary,
)
from .widgets import confirm, tell

ATTENDANCE_POSITION = "attendance"  # the attendance page, when the script has no step for it
NEXT_KEYS = ("Alt+Right", "PgDown", "Ctrl+Return", "Ctrl+Enter")
BACK_KEYS = ("Alt+Left", "PgUp")
Clock = Callable[[], datetime]


class ConferenceWindow(QMainWindow):
    """One conference, turn by turn: attendance first, then the script for the people who came."""

    case_moved = Signal(str)  # the case id: the conference ended and the case moved on
    window_closed = Signal(str)  # the run id: the window closed (the conference ended or kept)

    def __init__(
        self,
        store: Store,
        run: ConferenceRun,
        script: Script,
        wording: RoleWording,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._run = run
        self._script = script
        self._wording = wording
        self._clock: Clock = clock or (lambda: datetime.now(UTC))
        self._case = store.get_case(run.case_id)
        self._people = store.people(run.case_id)
        plan = store.conference_plan(run.case_id)
        self._seating = [seat.person_id for seat in plan.seating if seat.person_id] if plan else []
        self._turns: list[Turn] = []
        self._at = -1  # index into the turns; -1 is the attendance page before them
        self._break: Break | None = None
        self._suspended = False
        # Replaceable so tests can answer for the facilitator.
        self.ask_on_close: Callable[[QWidget], CloseChoice] = ask_on_close
        self.confirm: Callable[[QWidget, str, str, str], bool] = confirm
        self.tell: Callable[[QWidget, str, str], None] = tell
        self.setWindowTitle(f"Conference · {self._case.reference} — {APP_NAME}")

        self.title = QLabel(f"{self._case.reference} · {script.title}")
        self.title.setFont(scaled_font(self.font(), 1.15, bold=True))
        self.clock_label = QLabel()
        self.clock_label.setFont(scaled_font(self.font(), 1.15))
        self.clock_label.setAccessibleName("Time")
        self.break_button = QPushButton()
        self.pause_button = QPushButton("&Safety pause…")
        self.pause_button.setToolTip("Stop for someone's safety or wellbeing, and decide what next")
        self.end_button = QPushButton("&End conference…")
        self.end_button.setToolTip("End the conference; the case moves on to “Conference held”")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.clock_label)
        top.addSpacing(16)
        for button in (self.break_button, self.pause_button, self.end_button):
            button.setFont(scaled_font(self.font(), 1.05))
            top.addWidget(button)

        self.break_banner = QLabel()
        self.break_banner.setWordWrap(True)
        self.break_banner.setFont(scaled_font(self.font(), 1.15, bold=True))
        self.break_banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.break_banner.setMargin(10)
        self.break_banner.setAutoFillBackground(True)
        self.break_banner.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.break_banner.setAccessibleName("Break")
        self.break_banner.hide()

        self.phases = PhaseList()
        self.step_label = QLabel()
        self.step_label.setFont(scaled_font(self.font(), 1.1, bold=True))
        self.step_label.setAccessibleName("Progress")
        left = QVBoxLayout()
        phases_heading = QLabel("Phases")
        phases_heading.setFont(scaled_font(self.font(), 1.1, bold=True))
        phases_heading.setBuddy(self.phases)
        left.addWidget(phases_heading)
        left.addWidget(self.phases, 1)
        left.addWidget(self.step_label)
        em = self.fontMetrics().horizontalAdvance("M")
        self.phases.setFixedWidth(self.phases.fontMetrics().averageCharWidth() * 30)

        self.attendance = AttendancePage(
            store, run.id, self._people, self._case.setting, wording
        )
        self.turn_page = TurnPage(
            store, run, self._people, self._case.setting, wording, settings
        )
        self.pages = QStackedWidget()
        self.pages.addWidget(self.attendance)
        self.pages.addWidget(self.turn_page)
        # Lines of the large words stay short enough to read at a glance on a wide screen.
        self.pages.setMaximumWidth(em * 90)

        self.next_line = ElidedLabel()
        self.next_line.setFont(scaled_font(self.font(), 1.1))
        self.back_button = QPushButton("◀  Back")
        self.next_button = QPushButton("Next  ▶")
        for button, keys in ((self.back_button, BACK_KEYS), (self.next_button, NEXT_KEYS[:2])):
            button.setFont(scaled_font(self.font(), 1.2, bold=True))
            button.setMinimumWidth(em * 9)
            button.setMinimumHeight(button.sizeHint().height() + em // 2)
            button.setToolTip(f"{button.text().strip('◀▶ ')} ({' or '.join(keys)})")
            button.setAccessibleName(button.text().strip("◀▶ "))
        self.next_button.setDefault(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.next_line, 1)
        bottom.addSpacing(16)
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.next_button)

        middle = QHBoxLayout()
        middle.setSpacing(24)
        middle.addLayout(left)
        middle.addStretch(1)
        middle.addWidget(self.pages, 100)
        middle.addStretch(1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(em * 2, em, em * 2, em)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(self.break_banner)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)
        self.setCentralWidget(central)

        self.ending = ConferenceEnding(self, store)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._update_clock)
        for sequence in NEXT_KEYS:
            QShortcut(QKeySequence(sequence), self).activated.connect(self.go_next)
        for sequence in BACK_KEYS:
            QShortcut(QKeySequence(sequence), self).activated.connect(self.go_back)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.break_button.clicked.connect(self._on_break_button_clicked)
        self.pause_button.clicked.connect(self.ending.safety_pause)
        self.end_button.clicked.connect(self._on_end_button_clicked)
        self.phases.phase_chosen.connect(self._on_phases_phase_chosen)
        self.attendance.attendance_changed.connect(self._on_attendance_attendance_changed)
        self.turn_page.note.note_saved.connect(self._on_note_saved)

        self._expand()
        at = index_of(self._turns, run.position) if run.position else None
        self._at = at if at is not None else self._first()
        self._refresh_break()
        self._show()
        self._timer.start()

    # -- interface -----------------------------------------------------------------------------

    @property
    def run(self) -> ConferenceRun:
        """The conference as last saved."""
        return self._run

    @property
    def turns(self) -> list[Turn]:
        """The turns for the people who came, in order."""
        return list(self._turns)

    def current_turn(self) -> Turn | None:
        """The turn shown (None on the attendance page before the turns)."""
        return self._turns[self._at] if 0 <= self._at < len(self._turns) else None

    def position(self) -> str:
        """The key of the turn shown (as saved, to resume there)."""
        turn = self.current_turn()
        return turn.key if turn is not None else ATTENDANCE_POSITION

    def position_phase(self) -> str:
        """The key of the phase under way ("" on the attendance page before the turns)."""
        turn = self.current_turn()
        return turn.phase_key if turn is not None else ""

    def shows_attendance(self) -> bool:
        """Whether the attendance page is shown."""
        return self.pages.currentWidget() is self.attendance

    def now(self) -> datetime:
        """The time now, by the window's clock."""
        return self._clock()

    def on_break(self) -> Break | None:
        """The break under way, if any."""
        return self._break

    def keeps_awake(self) -> bool:
        """Whether the app should not lock itself while idle: people are talking, and the
        facilitator may not touch the laptop for a while (on a break it locks as usual)."""
        return self._run.running and self._break is None and not self._suspended

    def go_next(self) -> None:
        """Go to the next turn (from the attendance page once everyone is marked)."""
        if self.next_button.isEnabled():
            self.go_to(self._at + 1)

    def go_back(self) -> None:
        """Go back a turn."""
        if self.back_button.isEnabled():
            self.go_to(self._at - 1)

    def go_to(self, at: int) -> None:
        """Show the turn at index `at` (-1: the attendance page), saving the note first."""
        self.turn_page.note.flush()
        self._at = max(min(at, len(self._turns) - 1), self._first())
        self._show()

    def go_to_key(self, key: str) -> bool:
        """Show the turn with this key; False when there is none (for the people who came)."""
        at = index_of(self._turns, key)
        if at is not None:
            self.go_to(at)
        return at is not None

    def suspend(self) -> None:
        """Save everything and close without asking; the conference stays unfinished (the app
        is locking, or quitting), and is offered to resume on the next unlock."""
        self._suspended = True
        self.close()

    # -- showing -------------------------------------------------------------------------------

    def _expand(self) -> None:
        marks = self.attendance.marks()
        self._turns = expand(
            self._script,
            people=self._people,
            present={p for p, mark in marks.items() if mark is Attendance.PRESENT},
            represented={p for p, mark in marks.items() if mark is Attendance.REPRESENTED},
            seating=self._seating,
            facilitator=self._store.actor,
            organisation=self._case.organisation,
        )
        seen: dict[str, str] = {}
        for turn in self._turns:
            seen.setdefault(turn.phase_key, turn.phase_title)
        self.phases.set_phases(list(seen.items()))

    def _first(self) -> int:
        """Where the conference starts: the attendance page before the turns, unless the
        script has a step for taking attendance."""
        has_step = any(turn.capture is Capture.ATTENDANCE for turn in self._turns)
        return 0 if has_step and self._turns else -1

    def _show(self) -> None:
        turn = self.current_turn()
        if turn is None or turn.capture is Capture.ATTENDANCE:
            self.turn_page.note.flush()
            self.attendance.refresh()
            self.pages.setCurrentWidget(self.attendance)
        else:
            self.turn_page.show_turn(turn, self._note_text(turn))
            self.pages.setCurrentWidget(self.turn_page)
        self.phases.set_current(self.position_phase())
        total = len(self._turns)
        if self.shows_attendance():
            # How many steps follow depends on who came, so no count is given yet.
            self.step_label.setText("First: who came")
        else:
            self.step_label.setText(f"Step {self._at + 1} of {total}")
        self._refresh_navigation()
        self._save_position()
        if self.turn_page.shows_note() and self.pages.currentWidget() is self.turn_page:
            self.turn_page.note.edit.setFocus()

    def _note_text(self, turn: Turn) -> str:
        try:
            note = self._store.turn_notes(self._run.id).get(turn.key)
        except StoreError as error:
            self.statusBar().showMessage(f"The notes could not be read. {error}")
            return ""
        return note.text if note is not None else ""

    def _refresh_navigation(self) -> None:
        on_attendance = self.shows_attendance()
        blocked = self.attendance.why_not_complete() if on_attendance else ""
        last = self._at >= len(self._turns) - 1
        self.next_button.setEnabled(not blocked and not last)
        self.back_button.setEnabled(self._at > self._first())
        if blocked:
            self.next_line.set_full_text(f"Next: the conference begins. {blocked}")
        elif last:
            self.next_line.set_full_text(
                "This is the last step. Choose End conference when everyone is ready."
            )
        else:
            upcoming = self._turns[self._at + 1]
            person = next((p for p in self._people if p.id == upcoming.person_id), None)
            current = self.current_turn()
            prefix = "Next"
            if current is None or current.phase_key != upcoming.phase_key:
                prefix = f"Next, {upcoming.phase_title}"
            summary = turn_summary(upcoming, person, self._wording, self._case.setting)
            self.next_line.set_full_text(f"{prefix}: {summary}")

    def _save_position(self) -> None:
        if not self._run.running:
            return
        try:
            self._store.set_conference_position(self._run.id, self.position())
        except (StoreError, ValidationError) as error:
            self.statusBar().showMessage(f"Where you are was not saved. {error}")

    # -- time and breaks -----------------------------------------------------------------------

    def _refresh_break(self) -> None:
        try:
            breaks = self._store.breaks(self._run.id)
        except StoreError:
            breaks = []
        self._break = next((b for b in breaks if b.ended_at is None), None)
        if self._break is None:
            self.break_button.setText("Start a &break…")
            self.break_button.setToolTip("Take a break; the time and the reason are kept")
            self.break_banner.hide()
        else:
            self.break_button.setText("End the &break")
            self.break_button.setToolTip("Everyone is back: carry on")
            reason = f" · {self._break.reason}" if self._break.reason else ""
            self.break_banner.setText(
                f"On a break since {clock_time(self._break.started_at)}{reason}. "
                "Choose End the break when everyone is back."
            )
            self.break_banner.show()
        self._update_clock()

    def _update_clock(self) -> None:
        now = self._clock()
        if not self._run.running:
            self.clock_label.setText("Ended")
        elif self._break is not None:
            self.clock_label.setText(f"On a break since {clock_time(self._break.started_at)}")
        else:
            so_far = elapsed_text((now - self._run.started_at).total_seconds())
            self.clock_label.setText(
                f"Time so far {so_far} · started {clock_time(self._run.started_at)}"
            )

    def set_run(self, run: ConferenceRun) -> None:
        """The conference as saved after a change made elsewhere (ending it)."""
        self._run = run
        if not run.running:
            self._timer.stop()
        self._refresh_break()

    def refresh_break(self) -> None:
        """Show the break as saved (after one started or ended)."""
        self._refresh_break()

    # -- slots ---------------------------------------------------------------------------------

    def _on_break_button_clicked(self) -> None:
        if self._break is None:
            self.ending.start_break()
        else:
            self.ending.end_break()

    def _on_end_button_clicked(self) -> None:
        if self.ending.end(at_last_step=self._at >= len(self._turns) - 1):
            self.close()

    def _on_phases_phase_chosen(self, key: str) -> None:
        at = next((t.index for t in self._turns if t.phase_key == key), None)
        if at is None:
            return
        leaving = self.shows_attendance() and self._turns[at].capture is not Capture.ATTENDANCE
        if leaving and self.attendance.why_not_complete():
            self.phases.set_current(self.position_phase())  # everyone is marked first
            return
        self.go_to(at)

    def _on_attendance_attendance_changed(self) -> None:
        key = self.position()
        self._expand()
        at = index_of(self._turns, key)
        self._at = at if at is not None else self._first()
        self.phases.set_current(self.position_phase())
        self._refresh_navigation()

    def _on_note_saved(self, _key: str) -> None:
        self.statusBar().clearMessage()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._run.running and not self._suspended:
            choice = self.ask_on_close(self)
            if choice is CloseChoice.STAY:
                event.ignore()
                return
            if choice is CloseChoice.END and not self.ending.end(
                at_last_step=True, confirmed=True
            ):
                event.ignore()
                return
        self.turn_page.note.flush()
        self._save_position()
        self._timer.stop()
        event.accept()
        self.window_closed.emit(self._run.id)
