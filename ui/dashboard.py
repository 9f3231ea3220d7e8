"""The Figures view beside the case list (View ▸ Figures): filters, headline figures, and a card
per chart, each one keypress from its table. It reads the store only when first shown and when
the filters change or Refresh (F5) is chosen; long reading shows progress that can be stopped,
and stopping keeps the figures already shown."""

from __future__ import annotations

import contextlib
import itertools
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.reports.figures import Dashboard, FigureTable, ReportFilter
from restorative_desk.store import Store, StoreError

from . import dashboard_work
from .dashboard_cards import FigureCard, HeadlineTile
from .dashboard_filters import FilterBar

CARD_WIDTH = 540  # a card narrower than this crowds its chart; the grid has fewer columns
TILE_WIDTH = 180
MOST_CARD_COLUMNS = 3
SCHOOL_TABLE = "pilot_activity_by_school"  # its rows name the schools with pilot sessions
STOPPED = "Stopped as you asked; the figures shown are still those for {period}."
NOT_READ = "The figures could not be read: {error}"


class DashboardView(QWidget):
    """Figures a coordinator reads at a glance, with filters and exports."""

    def __init__(self, store: Store, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._settings = settings
        self._dashboard: Dashboard | None = None
        self._stale = True
        self._cards: list[FigureCard] = []
        self._tiles: list[HeadlineTile] = []
        self._card_columns = 0
        self._tile_columns = 0
        self._shown_period = ""

        self.filters = FilterBar(store.today())
        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.setToolTip("Read the figures again (F5)")
        self.csv_button = QPushButton("Export anonymised &CSV…")
        self.csv_button.setToolTip(dashboard_work.CSV_EXPLAINED)
        self.report_button = QPushButton("Partnership &board report…")
        self.report_button.setToolTip(
            "The figures as a PDF for the partnership board: charts, tables and what they mean"
        )
        for button in (self.refresh_button, self.csv_button, self.report_button):
            button.setAutoDefault(False)
        self.filters.choice_row.addWidget(self.refresh_button)
        self.filters.period_row.addWidget(self.csv_button)
        self.filters.period_row.addWidget(self.report_button)
        self.refresh_action = QAction("Refresh the figures", self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.refresh_action)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("About these figures")
        self._tile_grid = QGridLayout()
        self._tile_grid.setHorizontalSpacing(12)
        self._card_grid = QGridLayout()
        self._card_grid.setSpacing(12)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(4, 4, 4, 4)
        content_layout.addLayout(self._tile_grid)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        content_layout.addWidget(rule)
        content_layout.addLayout(self._card_grid)
        content_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        top = QHBoxLayout()
        top.addWidget(self.filters, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.scroll_area, 1)

        self.filters.filter_changed.connect(self._on_filters_filter_changed)
        self.refresh_button.clicked.connect(self._on_refresh_button_clicked)
        self.refresh_action.triggered.connect(self._on_refresh_button_clicked)
        self.csv_button.clicked.connect(self._on_csv_button_clicked)
        self.report_button.clicked.connect(self._on_report_button_clicked)
        self.status.setText("The figures are read when this view is first shown.")
        # Shown, the view has the window's whole width; hidden behind the case list, it must
        # not hold the list pane wider than the list needs.
        self.setMinimumSize(320, 240)

    # -- public --------------------------------------------------------------------------------

    @property
    def dashboard(self) -> Dashboard | None:
        """The figures shown (None before they are first read)."""
        return self._dashboard

    def cards(self) -> list[FigureCard]:
        """The chart cards, in reading order."""
        return list(self._cards)

    def card(self, key: str) -> FigureCard:
        """The card showing the table with this key."""
        return next(card for card in self._cards if card.table.key == key)

    def tiles(self) -> list[HeadlineTile]:
        return list(self._tiles)

    def report_filter(self) -> ReportFilter:
        return self.filters.report_filter()

    def refresh(self) -> bool:
        """Read the figures for the filters now (with progress that can be stopped); False when
        stopped or not read, the figures shown before staying in place."""
        chosen = self.report_filter()
        self._stale = False
        try:
            found = dashboard_work.run_with_progress(
                self, "Figures", "Counting the figures…",
                lambda progress: self._store.dashboard(chosen, progress=progress),
            )
        except StoreError as error:
            self.status.setText(NOT_READ.format(error=error))
            return False
        if found is None:
            self.status.setText(STOPPED.format(period=self._shown_period or "no period yet"))
            return False
        self.show_dashboard(found)
        return True

    def refresh_later(self) -> None:
        """Read again now if on screen, otherwise when next shown (after cases change)."""
        self._stale = True
        if self.isVisible():
            QTimer.singleShot(0, self._refresh_if_stale)

    def show_dashboard(self, dashboard: Dashboard) -> None:
        """Show these figures (cards are kept and given their new tables)."""
        self._dashboard = dashboard
        self._shown_period = self.filters.period_words()
        self._show_tiles(dashboard)
        self._show_cards(dashboard.tables)
        self._offer_organisations(dashboard)
        scope = " · ".join((self._shown_period, self.filters.setting.currentText(),
                            self.filters.organisation.currentText()))
        self.status.setText(
            f"{scope}. Figures from 1 to 4 show as <5 so no child can be identified. Tab moves "
            "from chart to chart; Enter shows a chart as a table."
        )

    def focus_first_card(self) -> None:
        """Put the keyboard on the first chart (read the figures first if need be)."""
        self._refresh_if_stale()
        if self._cards:
            self._cards[0].setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.filters.start.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def export_csv(self) -> Path | None:
        """Ask where, then write the anonymised CSV of the figures shown; where it went."""
        dashboard = self._dashboard_for_export()
        if dashboard is None:
            return None
        chosen = dashboard_work.ask_save_path(
            self, "Export anonymised CSV", dashboard_work.csv_filename(dashboard),
            "CSV files (*.csv)", dashboard_work.CSV_EXPLAINED,
        )
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".csv":
            target = target.with_name(target.name + ".csv")
        try:
            rows = dashboard_work.run_with_progress(
                self, "Export anonymised CSV", "Writing the figures…",
                lambda progress: dashboard_work.write_csv(dashboard, target, progress),
            )
        except OSError as error:
            self.status.setText(f"The CSV was not saved: {error.strerror or error}.")
            return None
        if rows is None:
            self.status.setText("Stopped as you asked; no CSV was saved.")
            return None
        dashboard_work.note_export(self._store, "figures_csv", dashboard)
        self.status.setText(f"✓ Saved the anonymised figures ({rows:,} rows) as {target}.")
        return target

    def board_report(self) -> bytes | None:
        """Make the partnership board report for the figures shown and preview it."""
        dashboard = self._dashboard_for_export()
        if dashboard is None:
            return None
        try:
            pdf = dashboard_work.run_with_progress(
                self, "Partnership board report", "Making the report…",
                lambda progress: dashboard_work.render_board_report(
                    self._store, dashboard, progress
                ),
            )
        except (ValueError, OSError) as error:
            self.status.setText(f"The report could not be made: {error}")
            return None
        if pdf is None:
            self.status.setText("Stopped as you asked; no report was made.")
            return None
        self.show_board_report(dashboard, pdf)
        return pdf

    def show_board_report(self, dashboard: Dashboard, pdf: bytes) -> None:
        """Preview the report with Print and Save (replaceable in tests)."""
        dashboard_work.BoardReportDialog(self, self._store, dashboard, pdf).exec()

    # -- events --------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            # After the view is on screen, so a progress dialog has a window to sit over.
            QTimer.singleShot(0, self._refresh_if_stale)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_out()

    # -- internals -----------------------------------------------------------------------------

    def _refresh_if_stale(self) -> None:
        if self._stale:
            self.refresh()

    def _dashboard_for_export(self) -> Dashboard | None:
        if self._stale or self._dashboard is None:
            self.refresh()
        return self._dashboard

    def _show_tiles(self, dashboard: Dashboard) -> None:
        for tile in self._tiles:
            tile.deleteLater()
        self._tiles = [HeadlineTile(headline) for headline in dashboard.headlines]
        self._tile_columns = 0
        self._lay_out()

    def _show_cards(self, tables: tuple[FigureTable, ...]) -> None:
        by_key = {card.table.key: card for card in self._cards}
        cards = []
        for table in tables:
            card = by_key.pop(table.key, None)
            if card is None:
                card = FigureCard(table)
                card.focused.connect(self._on_card_focused)
                card.saved.connect(self._on_card_saved)
                card.save_failed.connect(self.status.setText)
            else:
                card.set_table(table)
            cards.append(card)
        for gone in by_key.values():
            gone.deleteLater()
        self._cards = cards
        self._card_columns = 0
        self._lay_out()
        for before, after in itertools.pairwise(cards):
            QWidget.setTabOrder(before, after)

    def _lay_out(self) -> None:
        """Cards and tiles in as many columns as fit the width."""
        width = max(self.scroll_area.viewport().width(), 1)
        card_columns = max(1, min(MOST_CARD_COLUMNS, width // CARD_WIDTH))
        tile_columns = max(1, min(len(self._tiles) or 1, width // TILE_WIDTH))
        if card_columns != self._card_columns:
            self._card_columns = card_columns
            _regrid(self._card_grid, list(self._cards), card_columns)
        if tile_columns != self._tile_columns:
            self._tile_columns = tile_columns
            _regrid(self._tile_grid, list(self._tiles), tile_columns)

    def _offer_organisations(self, dashboard: Dashboard) -> None:
        names = set(self._store.organisation_names(active_only=False))
        if not dashboard.filter.organisation:
            with contextlib.suppress(KeyError):
                names.update(row.label for row in dashboard.table(SCHOOL_TABLE).rows)
        self.filters.set_organisations(sorted(names, key=str.casefold))

    def _on_filters_filter_changed(self, _chosen: ReportFilter) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def _on_refresh_button_clicked(self) -> None:
        self.refresh()

    def _on_csv_button_clicked(self) -> None:
        self.export_csv()

    def _on_report_button_clicked(self) -> None:
        self.board_report()

    def _on_card_focused(self) -> None:
        card = self.sender()
        if isinstance(card, FigureCard):
            self.scroll_area.ensureWidgetVisible(card, 0, 12)

    def _on_card_saved(self, path: str) -> None:
        self.status.setText(f"✓ Saved the chart as {path}.")


def _regrid(grid: QGridLayout, widgets: list[QWidget], columns: int) -> None:
    """Put `widgets` in `grid` row by row, `columns` to a row, equally wide."""
    for widget in widgets:
        grid.removeWidget(widget)
    for column in range(grid.columnCount()):
        grid.setColumnStretch(column, 0)
    for number, widget in enumerate(widgets):
        grid.addWidget(widget, number // columns, number % columns, Qt.AlignmentFlag.AlignTop)
    for column in range(columns):
        grid.setColumnStretch(column, 1)
