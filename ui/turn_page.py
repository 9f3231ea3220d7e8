"""One turn of a conference on screen: who the words are for, the words in large type, the
guidance that folds away, and what to keep (a note, or the agreement's actions)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.conference.records import ConferenceRun
from restorative_desk.records import Person, Setting
from restorative_desk.scripts.model import Audience, Capture
from restorative_desk.scripts.turns import Turn
from restorative_desk.store import Store
from restorative_desk.wording import RoleWording

from .actions_editor import ActionsEditor
from .turn_parts import NOTE_CAPTURES, NoteBox, addressed_to, note_label, scaled_font

GUIDANCE_KEY = "conference/show_guidance"
WORDS_SHARE = 0.55  # at most this much of the page goes to the words when there is a note

_NOTHING, _NOTE, _ACTIONS = range(3)


class TurnPage(QWidget):
    """The words of the turn shown now, and the place to keep what was said."""

    guidance_toggled = Signal(bool)

    def __init__(
        self,
        store: Store,
        run: ConferenceRun,
        people: Sequence[Person],
        setting: Setting,
        wording: RoleWording,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._run = run
        self._people = {p.id: p for p in people}
        self._setting = setting
        self._wording = wording
        self._settings = settings
        self._turn: Turn | None = None

        self.to_label = QLabel()
        self.to_label.setFont(scaled_font(self.font(), 1.25, bold=True))
        self.to_label.setWordWrap(True)
        self.to_label.setAccessibleName("Who the words are for")
        self.words = QLabel()
        self.words.setFont(scaled_font(self.font(), 1.6))
        self.words.setWordWrap(True)
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.words.setAccessibleName("The words to say now")
        self.words.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.guidance_button = QToolButton()
        self.guidance_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.guidance_button.setFont(scaled_font(self.font(), 1.05))
        self.guidance_button.setAutoRaise(True)
        self.guidance = QLabel()
        self.guidance.setWordWrap(True)
        self.guidance.setFont(scaled_font(self.font(), 1.1))
        self.guidance.setTextFormat(Qt.TextFormat.PlainText)
        self.guidance.setAccessibleName("Guidance for you")
        self.guidance.setIndent(self.fontMetrics().horizontalAdvance("M") * 2)

        self._words_box = QWidget()
        words_layout = QVBoxLayout(self._words_box)
        words_layout.setContentsMargins(0, 0, 0, 0)
        words_layout.setSpacing(12)
        words_layout.addWidget(self.words)
        words_layout.addWidget(self.guidance_button, 0, Qt.AlignmentFlag.AlignLeft)
        words_layout.addWidget(self.guidance)
        self.words_scroll = QScrollArea()
        self.words_scroll.setWidgetResizable(True)
        self.words_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.words_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.words_scroll.setWidget(self._words_box)
        self.words_scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        self.note = NoteBox(store, run.id)
        self._actions: ActionsEditor | None = None
        self.capture = QStackedWidget()
        self.capture.addWidget(QWidget())
        self.capture.addWidget(self.note)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.to_label)
        layout.addWidget(self.words_scroll)
        layout.addWidget(self.capture, 1)

        self._guidance_shown = True
        if settings is not None:
            self._guidance_shown = str(settings.value(GUIDANCE_KEY, "true")).lower() == "true"
        self.guidance_button.clicked.connect(self._on_guidance_button_clicked)

    # -- interface -----------------------------------------------------------------------------

    @property
    def actions_editor(self) -> ActionsEditor:
        """The agreement's actions (made when first needed)."""
        if self._actions is None:
            self._actions = ActionsEditor(
                self._store, self._run, list(self._people.values()), self
            )
            self._actions.setFont(scaled_font(self.font(), 1.15))
            actions_layout = self._actions.layout()
            if actions_layout is not None:  # lined up with the words above it
                actions_layout.setContentsMargins(0, 0, 0, 0)
            self.capture.addWidget(self._actions)
        return self._actions

    def show_turn(self, turn: Turn, note_text: str) -> None:
        """Show `turn`, with its saved note (the note shown before is saved first)."""
        self.note.flush()
        self._turn = turn
        person = self._people.get(turn.person_id)
        self.to_label.setText(addressed_to(turn, person, self._wording, self._setting))
        for_facilitator = turn.audience is Audience.FACILITATOR
        self.words.setText(turn.say or (turn.guidance if for_facilitator else ""))
        has_guidance = bool(turn.guidance) and bool(turn.say)
        self.guidance.setText(turn.guidance)
        self.guidance_button.setVisible(has_guidance)
        self._show_guidance()
        if turn.capture in NOTE_CAPTURES:
            self.note.show_turn(turn.key, turn.person_id, note_label(turn, person), note_text)
            self.capture.setCurrentIndex(_NOTE)
        elif turn.capture is Capture.ACTIONS:
            self.actions_editor.refresh()
            self.capture.setCurrentWidget(self.actions_editor)
        else:
            self.note.show_turn("", "", "", "")
            self.capture.setCurrentIndex(_NOTHING)
        self.fit_words()

    def guidance_shown(self) -> bool:
        """Whether the guidance is unfolded (remembered between turns and conferences)."""
        return self._guidance_shown

    def set_guidance_shown(self, shown: bool) -> None:
        """Unfold or fold away the guidance, and remember the choice."""
        self._guidance_shown = shown
        if self._settings is not None:
            self._settings.setValue(GUIDANCE_KEY, "true" if shown else "false")
        self._show_guidance()
        self.fit_words()
        self.guidance_toggled.emit(shown)

    def shows_note(self) -> bool:
        """Whether the turn shown keeps a note."""
        return self.capture.currentIndex() == _NOTE

    def fit_words(self) -> None:
        """Give the words the room they need: all of it when there is nothing to keep, else up
        to WORDS_SHARE of the page (the words scroll beyond that)."""
        width = self.words_scroll.viewport().width()
        layout = self._words_box.layout()
        needed = (
            layout.heightForWidth(width)
            if layout is not None and layout.hasHeightForWidth()
            else self._words_box.sizeHint().height()
        )
        room = self.height() - self.to_label.sizeHint().height() - 24
        if self.capture.currentIndex() != _NOTHING:
            room = int(self.height() * WORDS_SHARE)
        self.words_scroll.setFixedHeight(max(min(needed + 4, room), 40))

    # -- internals -----------------------------------------------------------------------------

    def _show_guidance(self) -> None:
        shown = self._guidance_shown
        turn = self._turn
        has_guidance = turn is not None and bool(turn.guidance) and bool(turn.say)
        self.guidance.setVisible(shown and has_guidance)
        self.guidance_button.setText(
            "Hide the guidance for you" if shown else "Show the guidance for you"
        )
        self.guidance_button.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_words()

    def _on_guidance_button_clicked(self) -> None:
        self.set_guidance_shown(not self._guidance_shown)
