"""The "Pilot log" view beside the case list (View ▸ Pilot log, Ctrl+4): the quick entry, the
day view to check and correct entries, and the overview per school."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from restorative_desk.pilots.records import PilotEntry
from restorative_desk.store import Store

from .pilot_day import PilotDayView
from .pilot_entry import PilotEntryForm
from .pilot_overview import PilotOverviewView


class PilotLogView(QWidget):
    """Three pages: "Quick entry", "Day by day" and "Overview" (Ctrl+Tab moves between them)."""

    def __init__(
        self, store: Store, settings: QSettings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.entry_form = PilotEntryForm(store, settings)
        self.day_view = PilotDayView(store)
        self.overview = PilotOverviewView(store)
        self.pages = QTabWidget()
        self.pages.setAccessibleName("Pilot log pages")
        # The form scrolls in a short window rather than making the whole window taller.
        entry_page = QScrollArea()
        entry_page.setWidgetResizable(True)
        entry_page.setFrameShape(QFrame.Shape.NoFrame)
        entry_page.setWidget(self.entry_form)
        # A form as wide as the screen is hard to read: it keeps a comfortable line length.
        self.entry_form.setMaximumWidth(self.entry_form.fontMetrics().averageCharWidth() * 110)
        entry_page.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._entry_page = entry_page
        self.pages.addTab(entry_page, "&Quick entry")
        self.pages.addTab(self.day_view, "Day b&y day")
        self.pages.addTab(self.overview, "Overvie&w")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.pages)
        if store.read_only:
            self.entry_form.setEnabled(False)
            self.day_view.correct_button.setEnabled(False)
            self.day_view.remove_button.setEnabled(False)
        self.entry_form.entry_saved.connect(self._on_entry_form_entry_saved)
        self.entry_form.editing_finished.connect(self._on_entry_form_editing_finished)
        self.day_view.edit_requested.connect(self._on_day_view_edit_requested)
        self.day_view.entry_deleted.connect(self._on_day_view_entry_deleted)

    def focus_entry(self) -> None:
        """Show the quick entry with the keyboard on its first field."""
        self.pages.setCurrentWidget(self._entry_page)
        self.entry_form.focus_first()

    def reload_organisations(self) -> None:
        """Offer the organisations as they are now (after a change in Settings)."""
        self.entry_form.reload_organisations()
        self.day_view.reload_organisations()
        self.overview.reload_organisations()

    def changeEvent(self, event: QEvent) -> None:
        # Settings (where organisations are managed) is a dialog: when the window is active
        # again, the lists may have changed. One small query, only while this view is shown.
        if event.type() == QEvent.Type.ActivationChange and self.isVisible() and \
                self.isActiveWindow():
            self.reload_organisations()
        super().changeEvent(event)

    def _on_entry_form_entry_saved(self, _entry_id: str) -> None:
        self.day_view.refresh()
        self.overview.refresh()

    def _on_entry_form_editing_finished(self) -> None:
        self.pages.setCurrentWidget(self.day_view)
        self.day_view.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_day_view_edit_requested(self, entry: PilotEntry) -> None:
        self.pages.setCurrentWidget(self._entry_page)
        self.entry_form.edit(entry)

    def _on_day_view_entry_deleted(self, _entry_id: str) -> None:
        self.overview.refresh()
