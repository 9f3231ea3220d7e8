"""The pilot log's quick entry: one session in under 30 seconds, keyboard only.

Tab goes down the fields in order, Enter (or Ctrl+Enter) records the session and clears the form
for the next one, keeping the school, the date and the initials. Year groups are typed ("7",
"7, 8", "7-9", "R" for Reception): three keys beat tabbing through fourteen toggles. "Same as
last" (Ctrl+L) fills everything but the date from the entry recorded last. The same form
corrects an entry chosen in the day view."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.formatting import format_date
from restorative_desk.pilots import checks
from restorative_desk.pilots.records import (
    PilotActivity,
    PilotEntry,
    PilotOutcome,
    PilotTopic,
)
from restorative_desk.pilots.words import entry_summary
from restorative_desk.rules import Problem
from restorative_desk.store import Store

from .asking import saved_or_shown
from .widgets import (
    FormMessages,
    OptionalDateEdit,
    ValueComboBox,
    from_qdate,
    make_date_edit,
    to_qdate,
)

SCHOOL_KEY = "pilot_log/school"
NOT_SAID = "Not said"
NOT_ASKED = "Not asked for training"
NO_FOLLOW_UP = "No follow-up"
SAVE_KEYS = ("Return", "Enter", "Ctrl+Return", "Ctrl+Enter")
SAME_AS_LAST_KEYS = "Ctrl+L"
NEW_HEADING = "Record a session"


class PilotEntryForm(QWidget):
    """Record a pilot session, or correct one (see `edit`)."""

    entry_saved = Signal(str)  # the entry's id
    editing_finished = Signal()  # a correction was saved or put aside

    def __init__(
        self, store: Store, settings: QSettings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._settings = settings
        self._editing: PilotEntry | None = None
        today = store.today()
        self.heading = QLabel(NEW_HEADING)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.session_date = make_date_edit(today, "Date of the session")
        self.session_date.setToolTip(
            "Left and Right move between day, month and year; Tab moves on; F4 opens a calendar")
        self.session_date.installEventFilter(self)
        self.organisation: ValueComboBox[str] = ValueComboBox([], "School or organisation")
        self.activity: ValueComboBox[PilotActivity] = ValueComboBox(
            [(a.label, a) for a in PilotActivity], "Kind of session")
        self.pupils = _count_box("Number of pupils")
        self.staff = _count_box("Number of staff")
        self.year_groups = QLineEdit()
        self.year_groups.setAccessibleName("Year groups")
        self.year_groups.setPlaceholderText("e.g. 7, 8 or 7-9; R")
        self.year_words = QLabel()
        self.year_words.setAccessibleName("Year groups in words")
        self.topic: ValueComboBox[PilotTopic | None] = ValueComboBox(
            [(NOT_SAID, None), *((t.label, t) for t in PilotTopic)], "What it was about")
        self.outcome: ValueComboBox[PilotOutcome | None] = ValueComboBox(
            [(NOT_SAID, None), *((o.label, o) for o in PilotOutcome)], "Outcome")
        self.follow_up = OptionalDateEdit("Follow-up date", NO_FOLLOW_UP)
        self.initials = QLineEdit()
        self.initials.setAccessibleName("Your initials")
        self.initials.setMaxLength(8)
        self.initials.setPlaceholderText("e.g. JS")
        self.note = QLineEdit()
        self.note.setAccessibleName("Note (optional, no names)")
        self.note.setMaxLength(checks.MAX_NOTE)
        self.note.setPlaceholderText("A few words, no names")
        self.same_button = QPushButton("Same as &last")
        self.same_button.setToolTip(f"Everything but the date from the entry recorded last "
                                    f"({SAME_AS_LAST_KEYS})")
        self.save_button = QPushButton("&Record session")
        self.save_button.setToolTip("Record it and start the next one (Enter)")
        self.clear_button = QPushButton("&Clear")
        self.cancel_button = QPushButton("Put aside")
        self.cancel_button.hide()
        self.confirmation = QLabel()
        self.confirmation.setWordWrap(True)
        self.confirmation.setAccessibleName("What was saved")
        self.messages = FormMessages()
        self._build()
        self._connect()
        self.reload_organisations()
        self._on_activity_changed()

    # -- public -----------------------------------------------------------------------------

    def reload_organisations(self) -> None:
        """Offer the organisations in use now (the one being corrected stays, even if retired)."""
        current = self.organisation.value() if self.organisation.count() else None
        offered = self._store.organisations(active_only=True)
        if self._editing and all(o.id != self._editing.organisation_id for o in offered):
            offered.append(self._store.organisation(self._editing.organisation_id))
        self.organisation.set_items((o.name, o.id) for o in offered)
        remembered = self._settings.value(SCHOOL_KEY) if self._settings else None
        wanted = current or (str(remembered) if remembered else None)
        if wanted:
            self.organisation.set_value(wanted)
        self.organisation.setEnabled(bool(offered))

    def entry(self) -> tuple[PilotEntry, list[Problem]]:
        """The entry as typed, with everything that stops it being saved (in form order)."""
        years_problems: list[Problem] = []
        try:
            years = checks.parse_year_groups(self.year_groups.text())
        except checks.YearGroupsError as error:
            years, years_problems = (), [Problem("year_groups", str(error))]
        base = self._editing or PilotEntry("", self._store.today(), PilotActivity.COACHING,
                                           0, 0, "")
        entry = replace(
            base,
            organisation_id=self.organisation.value() or "",
            session_date=from_qdate(self.session_date.date()),
            activity=self.activity.value(),
            pupils=self.pupils.value(),
            staff=self.staff.value(),
            year_groups=years,
            topic=self.topic.value() if self.topic.isEnabled() else None,
            outcome=self.outcome.value(),
            follow_up_date=self.follow_up.value(),
            staff_initials=self.initials.text(),
            note=self.note.text(),
        )
        problems = checks.entry_problems(entry, self._store.today())
        order = list(self.messages.inputs)
        problems = sorted([*problems, *years_problems],
                          key=lambda p: order.index(p.field) if p.field in order else -1)
        return entry, problems

    def save(self) -> PilotEntry | None:
        """Record (or correct) the session; the next one starts with the school, date and
        initials kept. None when something needs fixing (shown beside it, typing kept)."""
        entry, problems = self.entry()
        if problems:
            self.messages.show(problems)
            return None
        write = self._store.update_pilot_entry if self._editing else self._store.add_pilot_entry
        saved = saved_or_shown(self.messages, lambda: write(entry), "The session was not saved.")
        if saved is None:
            return None
        if self._settings is not None:
            self._settings.setValue(SCHOOL_KEY, saved.organisation_id)
        was_editing = self._editing is not None
        self._start_next(saved)
        verb = "Corrected" if was_editing else "Saved"
        self._confirm(f"{verb}: {entry_summary(saved)}.")
        self.entry_saved.emit(saved.id)
        if was_editing:
            self.editing_finished.emit()
        return saved

    def fill_from_last(self) -> bool:
        """Fill everything but the date from the entry recorded last (by these initials when
        typed); False when there is none."""
        last = self._store.last_pilot_entry(self.initials.text().strip() or None)
        if last is None:
            last = self._store.last_pilot_entry()
        if last is None:
            self._confirm("There is no earlier entry to copy yet.")
            return False
        session_date = from_qdate(self.session_date.date())
        follow_up = None
        if last.follow_up_date is not None:
            follow_up = session_date + (last.follow_up_date - last.session_date)
        self._show(replace(last, session_date=session_date, follow_up_date=follow_up))
        self._confirm(f"Filled in from the last entry: {entry_summary(last)}.")
        self.activity.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def edit(self, entry: PilotEntry) -> None:
        """Correct `entry` in this form; saving updates it, "Put aside" goes back."""
        self._editing = entry
        self.reload_organisations()
        self._show(entry)
        self.heading.setText(f"Correcting an entry from {format_date(entry.session_date)}")
        self.save_button.setText("Save &changes")
        self.cancel_button.show()
        self.same_button.setEnabled(False)
        self.confirmation.clear()
        self.session_date.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def editing(self) -> PilotEntry | None:
        return self._editing

    def clear(self) -> None:
        """Empty the session's details, keeping the school, date and initials."""
        self.activity.setCurrentIndex(0)
        for box in (self.pupils, self.staff):
            box.setValue(0)
        self.year_groups.clear()
        self.topic.setCurrentIndex(0)
        self.outcome.setCurrentIndex(0)
        self.follow_up.set_value(None)
        self.note.clear()
        self.messages.clear()

    def focus_first(self) -> None:
        """Put the keyboard on the first field."""
        self.session_date.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tab leaves the date at once (a date edit would step through its day, month and
        year first): the quickest way on to the school."""
        if (watched is self.session_date and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.focusNextPrevChild(event.key() == Qt.Key.Key_Tab
                                    and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return True
        return super().eventFilter(watched, event)

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        years_row = QWidget()
        years_row.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        years_layout = QHBoxLayout(years_row)
        years_layout.setContentsMargins(0, 0, 0, 0)
        metrics = self.year_groups.fontMetrics()
        self.year_groups.setFixedWidth(metrics.horizontalAdvance(self.year_groups.placeholderText())
                                       + 4 * metrics.averageCharWidth())
        years_layout.addWidget(self.year_groups)
        years_layout.addWidget(self.year_words, 1)
        for text, field, widget in (
            ("&Date", "session_date", self.session_date),
            ("&School", "organisation_id", self.organisation),
            ("&Kind of session", "activity", self.activity),
            ("&Pupils", "pupils", self.pupils),
            ("St&aff", "staff", self.staff),
            ("Year &groups", "year_groups", years_row),
            ("What it was a&bout", "topic", self.topic),
            ("&Outcome", "outcome", self.outcome),
            ("Follow-&up date", "follow_up_date", self.follow_up),
            ("Your &initials", "staff_initials", self.initials),
            ("&Note", "note", self.note),
        ):
            label = self.messages.add_row(form, text, field, widget)
            if widget is years_row:
                label.setBuddy(self.year_groups)
                self.messages.inputs[field] = self.year_groups
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.same_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.messages.general)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.confirmation)
        layout.addStretch(1)
        chain = [self.session_date, self.organisation, self.activity, self.pupils, self.staff,
                 self.year_groups, self.topic, self.outcome, self.follow_up.date_edit,
                 self.follow_up.none_box, self.initials, self.note, self.save_button,
                 self.same_button, self.clear_button, self.cancel_button]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _connect(self) -> None:
        for keys in SAVE_KEYS:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._on_save_shortcut_activated)
        same = QShortcut(QKeySequence(SAME_AS_LAST_KEYS), self)
        same.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        same.activated.connect(self.same_button.click)
        self.save_button.clicked.connect(self.save)
        self.same_button.clicked.connect(self.fill_from_last)
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.activity.currentIndexChanged.connect(self._on_activity_changed)
        self.outcome.currentIndexChanged.connect(self._on_outcome_changed)
        self.year_groups.textChanged.connect(self._on_year_groups_text_changed)
        self.session_date.dateChanged.connect(self._on_session_date_changed)

    # -- showing ----------------------------------------------------------------------------

    def _show(self, entry: PilotEntry) -> None:
        self.messages.clear()
        self.session_date.setDate(to_qdate(entry.session_date))
        if entry.organisation_id:
            self.organisation.set_value(entry.organisation_id)
        self.activity.set_value(entry.activity)
        self.pupils.setValue(entry.pupils)
        self.staff.setValue(entry.staff)
        self.year_groups.setText(checks.year_groups_text(entry.year_groups))
        self.topic.set_value(entry.topic)
        self.outcome.set_value(entry.outcome)
        self.follow_up.set_fallback(entry.session_date + timedelta(days=7))
        self.follow_up.set_value(entry.follow_up_date)
        self.initials.setText(entry.staff_initials)
        self.note.setText(entry.note)

    def _start_next(self, saved: PilotEntry) -> None:
        self._editing = None
        self.heading.setText(NEW_HEADING)
        self.save_button.setText("&Record session")
        self.cancel_button.hide()
        self.same_button.setEnabled(True)
        self.clear()
        self.organisation.set_value(saved.organisation_id)
        self.initials.setText(saved.staff_initials)
        self.activity.setFocus(Qt.FocusReason.OtherFocusReason)

    def _confirm(self, text: str) -> None:
        self.confirmation.setText(text)
        self.confirmation.setAccessibleDescription(text)

    # -- slots ------------------------------------------------------------------------------

    def _on_save_shortcut_activated(self) -> None:
        focused = QApplication.focusWidget()
        if isinstance(focused, QAbstractButton) and focused is not self.save_button:
            focused.click()  # Enter on a button presses that button
        else:
            self.save()

    def _on_clear_button_clicked(self) -> None:
        self.clear()
        self.confirmation.clear()
        self.activity.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_cancel_button_clicked(self) -> None:
        kept = self._editing
        self._editing = None
        if kept is not None:
            self._start_next(kept)
            self.session_date.setDate(to_qdate(kept.session_date))
        self._confirm("The correction was put aside; nothing was changed.")
        self.editing_finished.emit()

    def _on_activity_changed(self, _index: int = 0) -> None:
        activity = self.activity.value()
        asked = checks.asks_topic(activity)
        self.topic.setEnabled(asked)
        self.topic.setItemText(0, NOT_SAID if asked else NOT_ASKED)
        if not asked:
            self.topic.setCurrentIndex(0)

    def _on_outcome_changed(self, _index: int = 0) -> None:
        if self.outcome.value() is PilotOutcome.FOLLOW_UP_NEEDED and self.follow_up.value() is None:
            self.follow_up.set_value(from_qdate(self.session_date.date()) + timedelta(days=7))

    def _on_session_date_changed(self) -> None:
        self.follow_up.set_fallback(from_qdate(self.session_date.date()) + timedelta(days=7))

    def _on_year_groups_text_changed(self, text: str) -> None:
        try:
            years = checks.parse_year_groups(text)
        except checks.YearGroupsError:
            self.year_words.setText("Not a year group yet")
            return
        self.year_words.setText(checks.year_groups_words(years) if years else "")


def _count_box(name: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, checks.MAX_COUNT)
    box.setAccessibleName(name)
    box.setMinimumWidth(80)
    return box
