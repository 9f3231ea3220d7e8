"""The Figures view's filter bar: the period (From, To, and quick ranges), the setting and the
organisation. It says what it asks for as a ReportFilter; the view decides when to read."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.cli_report_args import default_period, months_back
from restorative_desk.records import Setting
from restorative_desk.reports.figures import ReportFilter

ALL_ORGANISATIONS = "All organisations"
SETTING_CHOICES: tuple[tuple[str, frozenset[Setting]], ...] = (
    ("All settings", frozenset()),
    *((setting.label, frozenset({setting})) for setting in Setting),
)
DATE_FORMAT = "d MMM yyyy"
SETTLE_MS = 400  # typing a date changes it a digit at a time; read once it has settled
SCHOOL_YEAR_STARTS = 9  # September


def school_year(today: date) -> tuple[date, date]:
    """From 1 September of this school year to today."""
    year = today.year if today.month >= SCHOOL_YEAR_STARTS else today.year - 1
    return date(year, SCHOOL_YEAR_STARTS, 1), today


def last_twelve_months(today: date) -> tuple[date, date]:
    """The last 12 whole months up to today (as `rdesk report` counts by default)."""
    return default_period(today)


def this_quarter(today: date) -> tuple[date, date]:
    """From the first day of this calendar quarter to today."""
    return months_back(today, (today.month - 1) % 3), today


class FilterBar(QWidget):
    """From and To dates with a calendar, quick ranges, setting and organisation."""

    # The choices changed and have settled (a ReportFilter).
    filter_changed = Signal(object)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._on_settle_timeout)
        self._last_sent: ReportFilter | None = None

        self.start = self._date_edit("First day counted")
        self.end = self._date_edit("Last day counted")
        self.school_year_button = QPushButton("This school &year")
        self.twelve_months_button = QPushButton("&Last 12 months")
        self.quarter_button = QPushButton("This &quarter")
        self.setting = QComboBox()
        for label, _ in SETTING_CHOICES:
            self.setting.addItem(label)
        self.setting.setAccessibleName("Setting")
        self.organisation = QComboBox()
        self.organisation.setAccessibleName("Organisation")
        self.organisation.addItem(ALL_ORGANISATIONS)
        self.organisation.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.organisation.setMinimumContentsLength(12)
        self.organisation.setMaximumWidth(320)

        # Two rows: the period, then what is counted (the view adds its buttons at the ends).
        self.period_row = QHBoxLayout()
        self.choice_row = QHBoxLayout()
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addLayout(self.period_row)
        rows.addLayout(self.choice_row)
        # No Alt+F, E, V, T or H: the menus have them.
        for text, field in (("Fro&m", self.start), ("T&o", self.end)):
            self.period_row.addWidget(_buddy(text, field))
            self.period_row.addWidget(field)
        self.period_row.addSpacing(8)
        for button, quick in (
            (self.school_year_button, school_year),
            (self.twelve_months_button, last_twelve_months),
            (self.quarter_button, this_quarter),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(
                lambda _=False, quick=quick: self.set_period(*quick(self._today))
            )
            self.period_row.addWidget(button)
        self.period_row.addStretch(1)
        self.choice_row.addWidget(_buddy("&Setting", self.setting))
        self.choice_row.addWidget(self.setting)
        self.choice_row.addSpacing(8)
        self.choice_row.addWidget(_buddy("Or&ganisation", self.organisation))
        self.choice_row.addWidget(self.organisation)
        self.choice_row.addStretch(1)

        self.set_period(*last_twelve_months(today))
        self._last_sent = self.report_filter()
        self.start.dateChanged.connect(self._on_date_changed)
        self.end.dateChanged.connect(self._on_date_changed)
        self.setting.currentIndexChanged.connect(self._on_choice_changed)
        self.organisation.currentIndexChanged.connect(self._on_choice_changed)

    def report_filter(self) -> ReportFilter:
        """What the bar asks for; the dates are put in order if they were given backwards."""
        start, end = self.start.date().toPython(), self.end.date().toPython()
        assert isinstance(start, date) and isinstance(end, date)
        start, end = min(start, end), max(start, end)
        settings = SETTING_CHOICES[max(self.setting.currentIndex(), 0)][1]
        chosen = self.organisation.currentText()
        organisation = "" if self.organisation.currentIndex() <= 0 else chosen
        return ReportFilter(start, end, settings, organisation)

    def set_period(self, start: date, end: date) -> None:
        """Show this period; the change is reported once both ends are set."""
        for edit, day in ((self.start, start), (self.end, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self._announce()

    def set_organisations(self, names: list[str]) -> None:
        """Offer these organisations (keeping the one chosen, if it is still there)."""
        chosen = self.organisation.currentText()
        self.organisation.blockSignals(True)
        self.organisation.clear()
        self.organisation.addItem(ALL_ORGANISATIONS)
        self.organisation.addItems(names)
        index = self.organisation.findText(chosen)
        self.organisation.setCurrentIndex(max(index, 0))
        self.organisation.blockSignals(False)
        if index < 0:
            self._announce()

    def period_words(self) -> str:
        """The period as the bar shows it: "1 Dec 2025 to 26 Nov 2026"."""
        chosen = self.report_filter()
        return f"{_words(chosen.start)} to {_words(chosen.end)}"

    # -- internals -------------------------------------------------------------------------

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setAccessibleName(name)
        edit.setMaximumDate(QDate(self._today.year + 1, 12, 31))
        return edit

    def _on_date_changed(self, _day: QDate) -> None:
        self._settle.start()

    def _on_choice_changed(self, _index: int) -> None:
        self._announce()

    def _on_settle_timeout(self) -> None:
        self._announce()

    def _announce(self) -> None:
        self._settle.stop()
        chosen = self.report_filter()
        if chosen != self._last_sent:
            self._last_sent = chosen
            self.filter_changed.emit(chosen)


def _buddy(text: str, field: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(field)
    return label


def _words(day: date) -> str:
    return f"{day.day} {day:%b %Y}"
