"""The main window: search and filters on top, the case list beside the case details."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from restorative_desk import APP_NAME, __version__
from restorative_desk.records import CaseFilter, Setting, Status
from restorative_desk.rules import ACTIVE_STATUSES
from restorative_desk.store import Store, StoreError
from restorative_desk.wording import RoleWording

from .case_list_model import (
    FACILITATOR_COLUMN,
    NEXT_ACTION_COLUMN,
    ORGANISATION_COLUMN,
    REFERENCE_COLUMN,
    REFERRAL_COLUMN,
    SETTING_COLUMN,
    SHORT_SETTING_LABELS,
    STATUS_COLUMN,
    CaseListModel,
)
from .conference_start import ResumeBar, open_conference_window
from .dashboard import DashboardView
from .due_view import DueView
from .messages import NO_CASE_CHOSEN
from .pilot_log import PilotLogView
from .tools_menu import RestoreHandler, ToolsMenu

if TYPE_CHECKING:
    from restorative_desk.conference.records import ConferenceRun
    from restorative_desk.scripts.model import Script

    from .case_detail import CaseDetailPanel
    from .conference_window import ConferenceWindow

GEOMETRY_KEY = "window/geometry"
SPLITTER_KEY = "window/splitter"
SEARCH_DELAY_MS = 150
WIDEST_NAME = 150
DEFAULT_SIZE = (1280, 800)

# (label, settings) and (label, statuses); an empty set means "no narrowing".
SETTING_CHOICES: tuple[tuple[str, frozenset[Setting]], ...] = (
    ("All settings", frozenset()),
    *((setting.label, frozenset({setting})) for setting in Setting),
)
STATUS_CHOICES: tuple[tuple[str, frozenset[Status]], ...] = (
    ("All stages", frozenset()),
    ("Open cases", ACTIVE_STATUSES),
    *((status.label, frozenset({status})) for status in Status),
)


class MainWindow(QMainWindow):
    """Find a case on the left, work on it on the right."""

    # The user asked to lock the app (File > Lock); whoever holds the store does the locking.
    lock_requested = Signal()

    def __init__(
        self,
        store: Store,
        wording: RoleWording,
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._settings = settings
        self._syncing_selection = False
        # The case last handed to the detail panel; a saved case with another id is a new one.
        self._shown_case_id: str | None = None
        self.setWindowTitle(APP_NAME)

        self._wording = wording
        self._model = CaseListModel(store, parent=self)
        # The detail panel is built when first needed: it is the largest part of the window,
        # and at start-up it would only say "choose a case" (as this placeholder does).
        self._detail_panel: CaseDetailPanel | None = None
        self._detail_placeholder = QLabel(NO_CASE_CHOSEN)
        self._search = QLineEdit()
        self._setting_filter = QComboBox()
        self._status_filter = QComboBox()
        self._list = QTableView()
        self._empty_note = QLabel()
        self._count_label = QLabel()
        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._lists = QTabWidget()  # the case list (the default) and what is due
        self._due_view = DueView(store)
        self._pilot_log = PilotLogView(store, settings)
        self._figures_view = DashboardView(store, settings)  # reads the store when first shown
        self._search_timer = QTimer(self)
        self._selection_timer = QTimer(self)
        self._resume_bar = ResumeBar()
        self._conferences: dict[str, ConferenceWindow] = {}  # by run id

        self._build_actions()
        self._build_menus()
        self.setCentralWidget(self._build_central())
        self.statusBar().addPermanentWidget(self._count_label)
        self._connect()
        self._apply_filter()
        self._fit_columns()
        self._restore_layout()
        if store.read_only:
            for action in (self._new_action, self._save_action):
                action.setEnabled(False)
            self.statusBar().showMessage(
                "This case file is open read-only; nothing can be changed."
            )
        else:
            self.offer_unfinished_conferences()

    # -- public --------------------------------------------------------------------------

    @property
    def case_list_model(self) -> CaseListModel:
        """The case list's model."""
        return self._model

    @property
    def case_list(self) -> QTableView:
        """The case list."""
        return self._list

    @property
    def search_field(self) -> QLineEdit:
        """The search box."""
        return self._search

    @property
    def setting_filter(self) -> QComboBox:
        """The Setting filter."""
        return self._setting_filter

    @property
    def status_filter(self) -> QComboBox:
        """The Stage filter."""
        return self._status_filter

    @property
    def count_label(self) -> QLabel:
        """The "N cases" label in the status bar."""
        return self._count_label

    @property
    def detail_panel(self) -> CaseDetailPanel:
        """The case detail panel on the right (built on first use)."""
        return self._detail

    @property
    def _detail(self) -> CaseDetailPanel:
        if self._detail_panel is None:
            from .case_detail import CaseDetailPanel

            panel = CaseDetailPanel(self._store, self._wording, self)
            panel.case_saved.connect(self._on_detail_case_saved)
            panel.case_changed.connect(self._on_detail_case_changed)
            panel.conference_requested.connect(self.open_conference)
            self._splitter.replaceWidget(1, panel)
            self._detail_placeholder.deleteLater()
            self._detail_panel = panel
        return self._detail_panel

    def _detail_case_id(self) -> str | None:
        """The case the details show (None before the panel exists)."""
        return self._detail_panel.current_case_id() if self._detail_panel else None

    def _detail_maybe_save(self) -> bool:
        """Ask about unsaved changes, if the panel has any; False means stay."""
        return self._detail_panel.maybe_save() if self._detail_panel else True

    def shortcut_actions(self) -> list[QAction]:
        """The window's actions that have a keyboard shortcut, in menu order."""
        actions = [*self._all_actions, *self._tools.actions()]
        return [action for action in actions if not action.shortcut().isEmpty()]

    def show_view(self, view: str) -> None:
        """Show one of LIST_VIEWS beside the case: "cases", "due", "pilots" or "figures"."""
        actions = {"cases": self._list_action, "due": self._due_action,
                   "pilots": self._pilot_action, "figures": self._figures_action}  # fmt: skip
        actions[view].trigger()

    def current_case_id(self) -> str | None:
        """The case the details show, if any."""
        return self._detail_case_id()

    def maybe_save(self) -> bool:
        """Ask about unsaved changes in the details, if any; False means the user stays."""
        return self._detail_maybe_save()

    def refresh_cases(self) -> None:
        """Read the list again after cases were erased elsewhere; an erased case is let go."""
        shown = self._detail_case_id()
        if shown is not None:
            try:
                self._store.get_case(shown)
            except StoreError:
                self._show(None)
        self._syncing_selection = True
        try:
            self._model.refresh()
        finally:
            self._syncing_selection = False
        self._sync_selection(self._detail_case_id())
        self._update_count()
        self._due_view.refresh()
        self._figures_view.refresh_later()

    def set_restore_handler(self, handler: RestoreHandler | None) -> None:
        """Who puts a backup in place once the user has chosen and checked it (Tools > Restore).

        Putting it in place needs this window's case file closed, so the owner of the store
        should: close the store (as locking does), call
        `put_backup_in_place(choice.checked, path, now=choice.at)`, then ask to unlock again.
        Without a handler the window does that itself and closes; the next start opens the
        restored file.
        """
        self._tools.set_restore_handler(handler)

    def select_case(self, case_id: str) -> bool:
        """Select `case_id` in the list and show it; False when unsaved work was kept instead."""
        if case_id != self._detail_case_id() and not self._detail_maybe_save():
            self._sync_selection(self._detail_case_id())
            return False
        self._show(case_id)
        self._reveal(case_id, clear_filters=True)
        return True

    # -- conferences ---------------------------------------------------------------------

    @property
    def due_view(self) -> DueView:
        """The "Due and overdue" view beside the case list (Ctrl+3)."""
        return self._due_view

    @property
    def pilot_log(self) -> PilotLogView:
        """The "Pilot log" view beside the case list (Ctrl+4)."""
        return self._pilot_log

    @property
    def figures_view(self) -> DashboardView:
        """The "Figures" view beside the case list (Ctrl+5)."""
        return self._figures_view

    @property
    def resume_bar(self) -> ResumeBar:
        """The bar offering to resume a conference that was not finished."""
        return self._resume_bar

    def offer_unfinished_conferences(self) -> None:
        """Offer (in a bar, never blocking) to resume a conference that was not finished."""
        self._resume_bar.offer(self._store, skip=list(self._conferences))

    def open_conference(self, run: ConferenceRun, script: Script | None = None) -> None:
        """Open the conference window for `run` where it stopped (or bring it forward)."""
        shown = self._conferences.get(run.id)
        if shown is not None:
            shown.raise_()
            shown.activateWindow()
            return
        window = open_conference_window(
            self, self._store, self._wording, run, settings=self._settings, script=script
        )
        if window is None:
            return
        self._conferences[run.id] = window
        window.case_moved.connect(self._on_conference_case_moved)
        window.window_closed.connect(self._on_conference_window_closed)
        self.offer_unfinished_conferences()

    def conference_windows(self) -> list[ConferenceWindow]:
        """The conference windows open now."""
        return list(self._conferences.values())

    def suspend_conferences(self) -> None:
        """Save and close every conference window without asking (the app is locking); the
        conferences stay unfinished and are offered again after unlocking."""
        for window in list(self._conferences.values()):
            window.suspend()

    def keeps_awake(self) -> bool:
        """Whether a conference is under way (not on a break), so idling must not lock."""
        return any(window.keeps_awake() for window in self._conferences.values())

    def save_layout(self) -> None:
        """Remember the window's size, place and splitter position."""
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._settings.setValue(SPLITTER_KEY, self._splitter.saveState())

    # -- building ------------------------------------------------------------------------

    def _build_actions(self) -> None:
        def make(text: str, keys: QKeySequence | QKeySequence.StandardKey | str | None) -> QAction:
            action = QAction(text, self)
            if keys is not None:
                action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
            return action

        self._new_action = make("&New case", QKeySequence.StandardKey.New)
        self._save_action = make("&Save", QKeySequence.StandardKey.Save)
        self._close_case_action = make("&Close case", QKeySequence.StandardKey.Close)
        self._quit_action = make("&Quit", QKeySequence.StandardKey.Quit)
        self._quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        # Ctrl+L logs a contact in the case details.
        self._lock_action = make("&Lock", QKeySequence("Ctrl+Shift+L"))
        self._find_action = make("&Find", QKeySequence.StandardKey.Find)
        self._list_action = make("Case &list", QKeySequence("Ctrl+1"))
        self._details_action = make("Case &details", QKeySequence("Ctrl+2"))
        self._due_action = make("Due and &overdue", QKeySequence("Ctrl+3"))
        self._pilot_action = make("&Pilot log", QKeySequence("Ctrl+4"))
        self._figures_action = make("&Figures", QKeySequence("Ctrl+5"))
        self._shortcuts_action = make("&Keyboard shortcuts", QKeySequence.StandardKey.HelpContents)
        self._about_action = make(f"&About {APP_NAME}", None)
        self._about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self._all_actions = [
            self._new_action,
            self._save_action,
            self._close_case_action,
            self._lock_action,
            self._quit_action,
            self._find_action,
            self._list_action,
            self._details_action,
            self._due_action,
            self._pilot_action,
            self._figures_action,
            self._shortcuts_action,
            self._about_action,
        ]

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self._new_action, self._save_action, self._close_case_action])
        file_menu.addSeparator()
        file_menu.addAction(self._lock_action)
        file_menu.addAction(self._quit_action)
        bar.addMenu("&Edit").addAction(self._find_action)
        bar.addMenu("&View").addActions(
            [
                self._list_action, self._details_action, self._due_action, self._pilot_action,
                self._figures_action,
            ]
        )
        self._tools = ToolsMenu(self, self._store, self._settings, bar.addMenu("&Tools"))
        bar.addMenu("&Help").addActions([self._shortcuts_action, self._about_action])

    def _build_central(self) -> QWidget:
        self._search.setPlaceholderText("Search cases, names, schools…")
        self._search.setAccessibleName("Search cases")
        self._search.setClearButtonEnabled(True)
        self._search.setMinimumWidth(160)
        for label, _ in SETTING_CHOICES:
            self._setting_filter.addItem(label)
        self._setting_filter.setAccessibleName("Setting filter")
        for label, _ in STATUS_CHOICES:
            self._status_filter.addItem(label)
        self._status_filter.setAccessibleName("Stage filter")
        new_button = QPushButton("New case")
        new_button.setAccessibleName("New case")
        new_button.setToolTip(_with_keys(self._new_action))
        new_button.clicked.connect(self._new_action.trigger)
        new_button.setEnabled(not self._store.read_only)

        search_row = QHBoxLayout()
        # No Alt+letter here: every letter of these words is taken by the menus or the details
        # form. Ctrl+F reaches the search box, and Tab goes on to the two filters.
        for text, field in (
            ("Search", self._search),
            ("Setting", self._setting_filter),
            ("Stage", self._status_filter),
        ):
            buddy = QLabel(text)
            buddy.setBuddy(field)
            search_row.addWidget(buddy)
            search_row.addWidget(field, 1 if field is self._search else 0)
            search_row.addSpacing(8)
        search_row.addStretch(0)
        search_row.addWidget(new_button)

        self._list.setModel(self._model)
        self._list.setAccessibleName("Case list")
        self._list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._list.setAlternatingRowColors(True)
        self._list.setSortingEnabled(False)
        self._list.setWordWrap(False)
        # Tab leaves the list (arrow keys move within it), so keyboard users are never trapped.
        self._list.setTabKeyNavigation(False)
        self._list.verticalHeader().hide()
        header = self._list.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self._empty_note.setWordWrap(True)
        self._empty_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty_note.setMargin(24)
        self._empty_note.hide()

        list_pane = QWidget()
        list_layout = QVBoxLayout(list_pane)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self._empty_note)
        list_layout.addWidget(self._list)

        self._lists.addTab(list_pane, "Cases")
        self._lists.addTab(self._due_view, "Due and overdue")
        self._lists.addTab(self._pilot_log, "Pilot log")
        self._lists.addTab(self._figures_view, "Figures")
        self._lists.currentChanged.connect(self._on_lists_current_changed)
        self._lists.setAccessibleName("Cases, or what is due")
        self._lists.setDocumentMode(True)
        # Ctrl+1 and Ctrl+3 (View menu) choose the tab, so Tab goes from the filters to the list.
        self._lists.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._splitter.addWidget(self._lists)
        self._detail_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._detail_placeholder.setWordWrap(True)
        self._splitter.addWidget(self._detail_placeholder)
        self._splitter.setChildrenCollapsible(False)
        # When the window grows, the details get the room; the list already fits its columns.
        self._splitter.setStretchFactor(0, 0)
        self._splitter.setStretchFactor(1, 1)

        self._resume_bar.resume_requested.connect(self._on_resume_bar_resume_requested)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self._resume_bar)
        layout.addLayout(search_row)
        layout.addWidget(self._splitter, 1)
        return central

    def _fit_columns(self) -> None:
        """Size columns to their words, so the list fits beside the details without scrolling.

        Stages, settings and dates come from fixed vocabularies, so those columns are sized for
        their longest possible text; names are measured on the loaded rows, within a limit.
        (Asking the view to measure every cell costs a tenth of a second at start-up.)
        """
        metrics = self._list.fontMetrics()
        # Room either side of the text (asking the style for its margins costs start-up time).
        padding = 2 * metrics.averageCharWidth()
        rows = [self._model.case_row_at(n) for n in range(self._model.rowCount())]
        loaded = [row for row in rows if row is not None]
        samples: dict[int, list[str]] = {
            REFERENCE_COLUMN: ["RD-2026-0000"],
            SETTING_COLUMN: list(SHORT_SETTING_LABELS.values()),
            ORGANISATION_COLUMN: [row.organisation for row in loaded],
            STATUS_COLUMN: [status.label for status in Status],
            REFERRAL_COLUMN: ["30 Sep 2026"],
            FACILITATOR_COLUMN: ["Not assigned", *(row.facilitator for row in loaded)],
            NEXT_ACTION_COLUMN: ["30 Sep 2026 (overdue)"],
        }
        header = self._list.horizontalHeader()
        for column, texts in samples.items():
            width = max(
                header.sectionSizeHint(column),
                max((metrics.horizontalAdvance(text) for text in texts), default=0) + padding,
            )
            if column in (ORGANISATION_COLUMN, FACILITATOR_COLUMN):
                width = min(width, WIDEST_NAME)
            self._list.setColumnWidth(column, width)

    def _connect(self) -> None:
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filter)
        self._search.textChanged.connect(self._search_timer.start)
        self._search.returnPressed.connect(self._on_search_return_pressed)
        self._setting_filter.currentIndexChanged.connect(self._apply_filter)
        self._status_filter.currentIndexChanged.connect(self._apply_filter)

        # Reacting once the click or key press has finished lets a "keep editing" answer put
        # the selection back without the view selecting the clicked row afterwards.
        self._selection_timer.setSingleShot(True)
        self._selection_timer.setInterval(0)
        self._selection_timer.timeout.connect(self._on_selection_timer_timeout)
        self._list.selectionModel().currentRowChanged.connect(self._on_list_current_changed)
        self._list.activated.connect(self._on_list_activated)
        self._model.load_failed.connect(self._on_model_load_failed)

        self._new_action.triggered.connect(self._on_new_action_triggered)
        self._save_action.triggered.connect(self._on_save_action_triggered)
        self._close_case_action.triggered.connect(self._on_close_case_action_triggered)
        self._quit_action.triggered.connect(self.close)
        self._lock_action.triggered.connect(self.lock_requested)
        self._find_action.triggered.connect(self._on_find_action_triggered)
        self._list_action.triggered.connect(self._on_list_action_triggered)
        self._details_action.triggered.connect(self._focus_details)
        self._due_action.triggered.connect(self._on_due_action_triggered)
        self._due_view.case_chosen.connect(self._on_due_view_case_chosen)
        self._pilot_action.triggered.connect(self._on_pilot_action_triggered)
        self._figures_action.triggered.connect(self._on_figures_action_triggered)
        self._shortcuts_action.triggered.connect(self._on_shortcuts_action_triggered)
        self._about_action.triggered.connect(self._on_about_action_triggered)

    def _restore_layout(self) -> None:
        """The saved size and split; the first time, a size that fits the screen, with the
        list just wide enough for its columns."""
        geometry = self._settings.value(GEOMETRY_KEY)
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            room = self.screen().availableGeometry()
            self.resize(
                min(DEFAULT_SIZE[0], room.width() * 95 // 100),
                min(DEFAULT_SIZE[1], room.height() * 90 // 100),
            )
        splitter = self._settings.value(SPLITTER_KEY)
        restored = isinstance(splitter, QByteArray) and self._splitter.restoreState(splitter)
        # Without a saved split, it is set when the window is first shown, at its real width.
        self._split_on_show = not restored

    def _split_for_columns(self) -> None:
        """Give the list the width its columns need, up to half; the case (where the preparation
        work happens) gets the rest."""
        width = self._splitter.width()
        header = self._list.horizontalHeader()
        wanted = header.length() + self._list.verticalScrollBar().sizeHint().width() + 24
        list_width = max(width * 40 // 100, min(wanted, width * 50 // 100))
        self._splitter.setSizes([list_width, width - list_width])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._split_on_show:
            self._split_on_show = False
            self._split_for_columns()


    # -- filtering -----------------------------------------------------------------------

    def _current_filter(self) -> CaseFilter:
        return CaseFilter(
            search=self._search.text().strip(),
            settings=SETTING_CHOICES[max(self._setting_filter.currentIndex(), 0)][1],
            statuses=STATUS_CHOICES[max(self._status_filter.currentIndex(), 0)][1],
        )

    def _apply_filter(self) -> None:
        self._search_timer.stop()
        self._syncing_selection = True
        try:
            self._model.set_filter(self._current_filter())
        finally:
            self._syncing_selection = False
        self._sync_selection(self._detail_case_id())
        self._update_count()

    def _clear_filters(self) -> None:
        for widget in (self._search, self._setting_filter, self._status_filter):
            widget.blockSignals(True)
        try:
            self._search.clear()
            self._setting_filter.setCurrentIndex(0)
            self._status_filter.setCurrentIndex(0)
        finally:
            for widget in (self._search, self._setting_filter, self._status_filter):
                widget.blockSignals(False)
        self._apply_filter()

    def _update_count(self) -> None:
        case_filter = self._model.case_filter
        try:
            count = self._store.count_cases(case_filter)
        except StoreError as error:
            self.statusBar().showMessage(str(error))
            return
        self._count_label.setText("1 case" if count == 1 else f"{count:,} cases")
        if count:
            self._empty_note.hide()
        elif case_filter == CaseFilter():
            self._empty_note.setText(
                "No cases yet. Choose New case "
                f"({shortcut_text(self._new_action)}) to add the first referral."
            )
            self._empty_note.show()
        else:
            self._empty_note.setText(
                "No cases match. Try fewer words, or choose All settings and All stages."
            )
            self._empty_note.show()

    # -- selection -----------------------------------------------------------------------

    def _selected_case_id(self) -> str | None:
        index = self._list.selectionModel().currentIndex()
        if not index.isValid() or not self._list.selectionModel().isRowSelected(index.row()):
            return None
        return self._model.case_id_at(index.row())

    def _sync_selection(self, case_id: str | None) -> None:
        """Make the list's selection match `case_id` (among loaded rows) without reacting to it."""
        selection = self._list.selectionModel()
        row = self._model.row_of(case_id) if case_id else None
        self._syncing_selection = True
        try:
            if row is None:
                selection.clearSelection()
                selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
            else:
                # Lay out rows just fetched first: otherwise scrolling to the row uses the old
                # scroll range, lands on its end and makes the view fetch yet another page.
                self._list.doItemsLayout()
                index = self._model.index(row, 0)
                selection.setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self._list.scrollTo(index)
        finally:
            self._syncing_selection = False

    def _reveal(self, case_id: str, *, clear_filters: bool) -> None:
        """Load the list as far as `case_id` and select it, clearing hiding filters if asked."""
        if self._model.row_of(case_id) is None:
            try:
                case = self._store.get_case(case_id)
            except StoreError as error:
                self.statusBar().showMessage(str(error))
                return
            hidden = self._model.load_through(case) is None
            if hidden and clear_filters and self._model.case_filter != CaseFilter():
                self._clear_filters()
                self._model.load_through(case)
        self._sync_selection(case_id)

    def _show(self, case_id: str | None) -> None:
        self._shown_case_id = case_id
        if case_id is not None and self._view_takes_whole_width():
            self._lists.setCurrentIndex(0)
        if case_id is not None or self._detail_panel is not None:
            self._detail.show_case(case_id)

    def _on_list_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not self._syncing_selection:
            self._selection_timer.start()

    def _on_selection_timer_timeout(self) -> None:
        case_id = self._selected_case_id()
        if case_id is None or case_id == self._detail_case_id():
            return
        if not self._detail_maybe_save():
            self._sync_selection(self._detail_case_id())
            return
        self._show(case_id)
        # Saving on the way may have refreshed the list; keep the chosen case selected.
        self._sync_selection(case_id)

    def _on_list_activated(self, index: QModelIndex) -> None:
        self._focus_details()

    def _on_model_load_failed(self, message: str) -> None:
        self.statusBar().showMessage(message)

    # -- after the detail panel changes something ----------------------------------------

    def _on_detail_case_saved(self, case_id: str) -> None:
        is_new = case_id != self._shown_case_id
        self._shown_case_id = case_id
        self._after_change(case_id, clear_filters=is_new)

    def _on_detail_case_changed(self, case_id: str) -> None:
        self._after_change(case_id, clear_filters=False)

    def _after_change(self, case_id: str, *, clear_filters: bool) -> None:
        self._syncing_selection = True
        try:
            self._model.refresh()
        finally:
            self._syncing_selection = False
        self._reveal(case_id, clear_filters=clear_filters)
        self._update_count()
        self._due_view.refresh()
        self._figures_view.refresh_later()

    def _on_resume_bar_resume_requested(self, run: ConferenceRun) -> None:
        self.select_case(run.case_id)
        self.open_conference(run)

    def _on_conference_case_moved(self, case_id: str) -> None:
        if case_id == self._detail_case_id() and self._detail_panel is not None:
            self._detail_panel.refresh_stage()
        else:
            self.refresh_cases()

    def _on_conference_window_closed(self, run_id: str) -> None:
        self._conferences.pop(run_id, None)
        self.offer_unfinished_conferences()

    # -- actions -------------------------------------------------------------------------

    def _on_new_action_triggered(self) -> None:
        if not self._detail_maybe_save():
            return
        self._sync_selection(None)
        self._shown_case_id = None
        self._detail.start_new_case()
        self._focus_details()

    def _on_save_action_triggered(self) -> None:
        self._detail.save()

    def _on_close_case_action_triggered(self) -> None:
        if not self._detail_maybe_save():
            return
        self._sync_selection(None)
        self._show(None)
        self._list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_find_action_triggered(self) -> None:
        self._lists.setCurrentIndex(0)
        self._search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search.selectAll()

    def _on_search_return_pressed(self) -> None:
        self._apply_filter()

    def _on_list_action_triggered(self) -> None:
        self._lists.setCurrentIndex(0)
        self._list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_due_action_triggered(self) -> None:
        self._lists.setCurrentWidget(self._due_view)
        self._due_view.focus_list()

    def _on_due_view_case_chosen(self, case_id: str) -> None:
        self.select_case(case_id)

    def _on_pilot_action_triggered(self) -> None:
        self._lists.setCurrentWidget(self._pilot_log)
        self._pilot_log.focus_entry()

    def _on_figures_action_triggered(self) -> None:
        self._lists.setCurrentWidget(self._figures_view)
        self._figures_view.focus_first_card()

    def _view_takes_whole_width(self) -> bool:
        """The pilot log and the figures are not about one case: they use the whole width."""
        return self._lists.currentWidget() in (self._pilot_log, self._figures_view)

    def _on_lists_current_changed(self, _index: int) -> None:
        # The case comes back with the case list or the due view.
        detail = self._splitter.widget(1)
        if detail is not None:
            detail.setVisible(not self._view_takes_whole_width())

    def _focus_details(self) -> None:
        if self._view_takes_whole_width():
            self._lists.setCurrentIndex(0)
        target: QWidget | None = self._detail
        if self._detail.focusPolicy() == Qt.FocusPolicy.NoFocus and not self._detail.focusProxy():
            # The first field in the panel that takes keyboard focus.
            target = self._detail.nextInFocusChain()
            while target is not None and target is not self._detail:
                if (
                    self._detail.isAncestorOf(target)
                    and target.isVisible()
                    and target.isEnabled()
                    and target.focusPolicy() & Qt.FocusPolicy.TabFocus
                ):
                    break
                target = target.nextInFocusChain()
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_shortcuts_action_triggered(self) -> None:
        from .shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self.shortcut_actions(), self).exec()

    def _on_about_action_triggered(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<p><b>{APP_NAME}</b> {__version__}</p>"
            "<p>An offline desk for people who run restorative conferences with children and "
            "young people. Everything stays on this computer.</p>",
        )

    # -- closing -------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        for window in list(self._conferences.values()):
            # Each asks whether to keep its conference to resume later, or end it.
            if not window.close():
                event.ignore()
                return
        if not self._detail_maybe_save():
            event.ignore()
            return
        self._search_timer.stop()
        self._selection_timer.stop()
        self.save_layout()
        event.accept()


def build_main_window(store: Store, wording: RoleWording, settings: QSettings) -> MainWindow:
    """The main window over `store` (for the app, its tests and the start-up benchmark)."""
    return MainWindow(store, wording, settings)


def shortcut_text(action: QAction) -> str:
    """The action's keys as this platform writes them, such as "Ctrl+N"."""
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def _with_keys(action: QAction) -> str:
    keys = shortcut_text(action)
    text = action.text().replace("&", "")
    return f"{text} ({keys})" if keys else text
