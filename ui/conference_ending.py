"""Breaks, safety pauses and the ending of a conference, and the question on closing its
window while it runs, for the conference window."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from restorative_desk.conference.records import ConferenceRun, Ending, PauseDecision, SafetyPause
from restorative_desk.rules import Problem, ValidationError
from restorative_desk.store import Store, StoreError

from .asking import ask_three_ways, ask_until_saved
from .conference_dialogs import BreakDialog, DebriefDialog, SafetyPauseDialog, SafetyPauseResult

if TYPE_CHECKING:
    from .conference_window import ConferenceWindow

AFTER_PAUSE = "After a safety pause"


class CloseChoice(enum.Enum):
    """What to do when the window is closed while the conference runs."""

    KEEP = "keep"  # close the window; the conference stays unfinished, to resume later
    END = "end"
    STAY = "stay"


def ask_on_close(parent: QWidget) -> CloseChoice:
    """Keep the conference to resume later, end it, or stay."""
    return ask_three_ways(
        parent,
        "Close the conference window",
        "The conference is still under way.",
        "Keep it to resume later: everything so far is saved, and the app offers to carry on "
        "where you stopped. Or end the conference now.",
        (
            ("&Keep it to resume later", CloseChoice.KEEP),
            ("&End the conference", CloseChoice.END),
            ("&Stay", CloseChoice.STAY),
        ),
    )


class ConferenceEnding(QObject):
    """Starts and ends breaks, records safety pauses and ends the conference (then asks for
    the facilitator's own debrief), telling the window what changed."""

    def __init__(self, window: ConferenceWindow, store: Store) -> None:
        super().__init__(window)
        self._window = window
        self._store = store

    def start_break(self, reason: str | None = None) -> bool:
        """Start a break, asking for the reason unless given; False if nothing started."""
        window = self._window
        if reason is None:
            reason = BreakDialog.ask(window)
            if reason is None:
                return False
        window.turn_page.note.flush()
        try:
            self._store.start_break(window.run.id, reason)
        except (StoreError, ValidationError) as error:
            window.tell(window, "The break was not started", str(error))
            return False
        finally:
            window.refresh_break()
        return True

    def end_break(self) -> bool:
        """End the break under way; False if it could not be ended."""
        window = self._window
        try:
            self._store.end_break(window.run.id)
        except (StoreError, ValidationError) as error:
            window.tell(window, "The break was not ended", str(error))
            return False
        finally:
            window.refresh_break()
        return True

    def safety_pause(self) -> None:
        """Record a safety pause and act on what was decided: carry on, carry on after a break,
        or end the conference early (moving the case as decided), then close the window."""
        window = self._window
        window.turn_page.note.flush()
        run = window.run
        recorded: list[SafetyPause] = []
        answered: list[SafetyPauseResult] = []

        def ask(
            draft: SafetyPauseResult | None, problem: Problem | None
        ) -> SafetyPauseResult | None:
            result = SafetyPauseDialog.ask(
                window, run, now=window.now(), draft=draft, problem=problem
            )
            answered[:] = [result] if result is not None else []
            return result

        def save(result: SafetyPauseResult) -> None:
            if not recorded:  # asked again after the ending was refused: recorded once only
                recorded.append(self._store.record_safety_pause(result.pause))
            if result.pause.decision is PauseDecision.END:
                ended = self._store.end_conference(
                    run.id,
                    Ending.ENDED_EARLY,
                    reason=result.pause.reason,
                    next_steps=result.pause.next_steps,
                    move_to=result.move_to,
                    not_proceeding_reason=result.not_proceeding_reason,
                )
                self._ended(ended)

        if not ask_until_saved(ask, save, None):
            return
        decision = answered[0].pause.decision
        if decision is PauseDecision.CONTINUE_AFTER_BREAK and window.on_break() is None:
            self.start_break(AFTER_PAUSE)
        elif decision is PauseDecision.END:
            self._debrief()
            window.close()

    def end(self, *, at_last_step: bool, confirmed: bool = False) -> bool:
        """End the conference as completed (after asking, unless `confirmed`); the case moves
        to "conference held". False when it did not end (the facilitator stayed, or the file
        refused: readiness may have changed since the start)."""
        window = self._window
        if not confirmed:
            where = "" if at_last_step else "You are not at the last step yet. "
            question = (
                f"{where}End the conference now? The case moves on to “Conference held”, and "
                "you can then write a short debrief for yourself."
            )
            if not window.confirm(window, "End the conference", question, "&End the conference"):
                return False
        window.turn_page.note.flush()
        try:
            ended = self._store.end_conference(window.run.id, Ending.COMPLETED)
        except (StoreError, ValidationError) as error:
            window.tell(
                window,
                "The conference was not ended",
                f"{error}\n\nThe conference is still open and everything in it is kept. "
                "End it with a safety pause if it cannot go on, or keep it to resume later.",
            )
            return False
        self._ended(ended)
        self._debrief()
        return True

    def _ended(self, ended: ConferenceRun) -> None:
        self._window.set_run(ended)
        self._window.case_moved.emit(ended.case_id)

    def _debrief(self) -> None:
        DebriefDialog.ask(self._window, self._store, self._window.run)
