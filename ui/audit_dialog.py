"""The audit trail, read-only: who did what and when, narrowed by action, person and date."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.formatting import format_date
from restorative_desk.records import Status
from restorative_desk.store import NotFound, Store, StoreError
from restorative_desk.store.audit import AuditAction, AuditEntry, AuditReport

from .models import column_header
from .widgets import OptionalDateEdit, ValueComboBox

MAX_ROWS = 2000
COLUMNS = ("When", "Who", "What", "Record", "Fields", "Detail")
WHEN_COLUMN, WHO_COLUMN, WHAT_COLUMN, RECORD_COLUMN, FIELDS_COLUMN, DETAIL_COLUMN = range(6)
ERASED_CASE = "erased case"
ANY_DAY = "Any day"

_Index = QModelIndex | QPersistentModelIndex


def describe_time(moment: datetime) -> str:
    """A moment in local time, such as "26 Nov 2026, 14:05"."""
    local = moment.astimezone()
    return f"{format_date(local.date())}, {local:%H:%M}"


def describe_report(report: AuditReport) -> str:
    """The result of checking the trail, in words."""
    if report.ok:
        entries = "1 entry" if report.checked == 1 else f"{report.checked:,} entries"
        return f"The trail is whole: {entries} checked."
    return (
        f"The trail has a problem. {report.problem} Entries before it were checked and are "
        "whole. Please tell the person who looks after this laptop."
    )


def describe_detail(detail: str) -> str:
    """A stage move noted as "referred -> initial_engagement" reads "Referred → Initial ..."."""
    before, arrow, after = detail.partition(" -> ")
    stages = {status.value: status.label for status in Status}
    if arrow and before in stages and after in stages:
        return f"{stages[before]} \N{RIGHTWARDS ARROW} {stages[after]}"
    return detail


def day_start(day: date) -> datetime:
    """Local midnight at the start of `day`, in UTC (as the trail stores times)."""
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


class AuditTableModel(QAbstractTableModel):
    """Trail entries, newest first; each case's reference is looked up once."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._entries: list[AuditEntry] = []
        self._references: dict[str, str] = {}

    def set_entries(self, entries: list[AuditEntry]) -> None:
        """Show these entries (already newest first)."""
        self.beginResetModel()
        self._entries = entries
        for case_id in {entry.case_id for entry in entries if entry.case_id}:
            self._reference(case_id)
        self.endResetModel()

    def entry_at(self, row: int) -> AuditEntry:
        """The entry shown in `row`."""
        return self._entries[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        return self.text(index.row(), index.column())

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        return column_header(COLUMNS, section, orientation, role)

    def text(self, row: int, column: int) -> str:
        """What one cell says."""
        entry = self._entries[row]
        if column == WHEN_COLUMN:
            return describe_time(entry.at)
        if column == WHO_COLUMN:
            return entry.actor
        if column == WHAT_COLUMN:
            return entry.action.label
        if column == RECORD_COLUMN:
            return self._record(entry)
        if column == FIELDS_COLUMN:
            return ", ".join(field.replace("_", " ") for field in entry.fields)
        return describe_detail(entry.detail)

    def _record(self, entry: AuditEntry) -> str:
        kind = entry.record_type.replace("_", " ").capitalize()
        if not entry.case_id:
            return kind
        reference = self._reference(entry.case_id)
        return f"{kind or 'Case'} ({reference})"

    def _reference(self, case_id: str) -> str:
        if case_id not in self._references:
            try:
                self._references[case_id] = self._store.get_case(case_id).reference
            except NotFound:
                self._references[case_id] = ERASED_CASE
        return self._references[case_id]


class AuditDialog(QDialog):
    """The trail as a table, with filters and a check of every entry's seal."""

    def __init__(self, parent: QWidget | None, store: Store, case_id: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Audit trail")
        self._store = store
        self._case_id = case_id
        self.model = AuditTableModel(store, self)

        self.action_filter = ValueComboBox[AuditAction | None](
            [("All actions", None), *((action.label, action) for action in AuditAction)],
            "Action",
        )
        self.person_filter = ValueComboBox[str](
            [("Everyone", ""), *((actor, actor) for actor in store.audit.actors())], "Person"
        )
        self.date_from = OptionalDateEdit("From", ANY_DAY)
        self.date_to = OptionalDateEdit("To", ANY_DAY)
        today = store.today()
        self.date_from.set_fallback(today)
        self.date_to.set_fallback(today)
        self.case_only = QCheckBox("This &case only")
        self.case_only.setChecked(bool(case_id))
        self.case_only.setVisible(bool(case_id))

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Audit trail entries, newest first")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.count_note = QLabel()
        self.count_note.setWordWrap(True)
        self.check_button = QPushButton("Chec&k the trail")
        self.check_result = QLabel()
        self.check_result.setWordWrap(True)
        self.check_result.setAccessibleName("Result of the check")
        self.check_result.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.check_result.hide()

        filters = QGridLayout()
        # Alt+F and Alt+T reach "Any day" first: unticking it moves on to the date itself.
        fields: tuple[tuple[str, QWidget, QWidget], ...] = (
            ("&Action", self.action_filter, self.action_filter),
            ("&Person", self.person_filter, self.person_filter),
            ("&From", self.date_from, self.date_from.none_box),
            ("&To", self.date_to, self.date_to.none_box),
        )
        for number, (text, field, buddy) in enumerate(fields):
            label = QLabel(text)
            label.setBuddy(buddy)
            row, column = divmod(number, 2)
            filters.addWidget(label, row, 2 * column)
            filters.addWidget(field, row, 2 * column + 1)
        filters.addWidget(self.case_only, 0, 4)
        filters.setColumnStretch(5, 1)

        intro = QLabel(
            "Every change, view, print, backup and unlock is noted here with who did it and "
            "when. Names of fields are shown, never what was typed in them."
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button)
        check_row.addWidget(self.check_result, 1)
        check_row.addStretch(0)  # keeps the button its own size while there is no result
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_note)
        layout.addLayout(check_row)
        layout.addWidget(buttons)

        self.action_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.person_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.date_from.changed.connect(self._on_filter_changed)
        self.date_to.changed.connect(self._on_filter_changed)
        self.case_only.toggled.connect(self._on_filter_changed)
        self.check_button.clicked.connect(self._on_check_button_clicked)
        self.refresh()
        self._fit_columns()
        self.resize(980, 600)

    @classmethod
    def show_for(cls, parent: QWidget | None, store: Store, case_id: str = "") -> None:
        """Show the trail (only `case_id`'s entries at first, when one is given)."""
        cls(parent, store, case_id).exec()

    def refresh(self) -> None:
        """Read the entries that match the filters again."""
        start, end = self.date_from.value(), self.date_to.value()
        action = self.action_filter.value()
        try:
            entries = self._store.audit.entries(
                actions=[action] if action is not None else [],
                actor=self.person_filter.value(),
                case_id=self._case_id if self.case_only.isChecked() else "",
                since=day_start(start) if start else None,
                until=day_start(end + timedelta(days=1)) if end else None,
                limit=MAX_ROWS + 1,
            )
        except StoreError as error:
            self.model.set_entries([])
            self.count_note.setText(str(error))
            return
        more = len(entries) > MAX_ROWS
        self.model.set_entries(entries[:MAX_ROWS])
        if more:
            self.count_note.setText(
                f"Showing the newest {MAX_ROWS:,} entries. Choose dates or an action to see "
                "older ones."
            )
        elif not entries:
            self.count_note.setText("No entries match. Try All actions, Everyone or Any day.")
        else:
            self.count_note.setText("1 entry" if len(entries) == 1 else f"{len(entries):,} entries")

    def _fit_columns(self) -> None:
        metrics = self.table.fontMetrics()
        padding = 3 * metrics.averageCharWidth()
        samples = {
            WHEN_COLUMN: "30 Sep 2026, 14:05",
            WHO_COLUMN: "Jo Adeyemi-Bancroft",
            WHAT_COLUMN: "Failed unlock",
            RECORD_COLUMN: "Contact (RD-2026-0000)",
            FIELDS_COLUMN: "referral_date, summary",
        }
        for column, text in samples.items():
            self.table.setColumnWidth(column, metrics.horizontalAdvance(text) + padding)

    def _on_filter_changed(self, *_args: object) -> None:
        self.refresh()

    def _on_check_button_clicked(self) -> None:
        try:
            text = describe_report(self._store.audit.verify())
        except StoreError as error:
            text = f"The trail could not be checked: {error}"
        self.check_result.setText(text)
        self.check_result.show()
