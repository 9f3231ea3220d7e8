"""The main window's Tools menu: settings, conference scripts, the audit trail, retention,
backing up and restoring.

Kept out of main_window.py so the window stays about finding and working on cases. Dialogs are
imported when first used, to keep start-up lean.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from restorative_desk.store import Store, StoreError

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .restore_dialog import RestoreChoice

RestoreHandler = Callable[["RestoreChoice"], None]


class ToolsMenu(QObject):
    """Builds the Tools menu on `menu` and carries out its actions for `window`."""

    def __init__(self, window: MainWindow, store: Store, settings: QSettings, menu: QMenu) -> None:
        super().__init__(window)
        self._window = window
        self._store = store
        self._settings = settings
        self._restore_handler: RestoreHandler | None = None
        writable = store.path is not None and not store.read_only

        def make(text: str, keys: str | None = None) -> QAction:
            action = QAction(text, window)
            if keys is not None:
                action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(action)
            menu.addAction(action)
            return action

        self.settings_action = make("&Settings…", "Ctrl+,")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.scripts_action = make("&Conference scripts…")
        menu.addSeparator()
        self.print_agreements_action = make("&Print agreements…")
        self.print_agreements_action.setEnabled(not store.read_only)  # printing is audited
        self.outcomes_action = make("Agreement &outcomes…")
        self.partner_feedback_action = make("Partner a&gency feedback…")
        menu.addSeparator()
        self.audit_action = make("&Audit trail…")
        self.retention_action = make("Cases past &retention…")
        self.retention_action.setEnabled(not store.read_only)
        menu.addSeparator()
        self.backup_action = make("&Back up now")
        self.backup_action.setEnabled(writable)
        self.restore_action = make("R&estore from backup…")
        self.restore_action.setEnabled(writable)

        self.settings_action.triggered.connect(self._on_settings_action_triggered)
        self.scripts_action.triggered.connect(self._on_scripts_action_triggered)
        self.print_agreements_action.triggered.connect(
            self._on_print_agreements_action_triggered
        )
        self.outcomes_action.triggered.connect(self._on_outcomes_action_triggered)
        self.partner_feedback_action.triggered.connect(
            self._on_partner_feedback_action_triggered
        )
        self.audit_action.triggered.connect(self._on_audit_action_triggered)
        self.retention_action.triggered.connect(self._on_retention_action_triggered)
        self.backup_action.triggered.connect(self._on_backup_action_triggered)
        self.restore_action.triggered.connect(self._on_restore_action_triggered)

    def actions(self) -> list[QAction]:
        """The menu's actions, in order."""
        return [
            self.settings_action,
            self.scripts_action,
            self.print_agreements_action,
            self.outcomes_action,
            self.partner_feedback_action,
            self.audit_action,
            self.retention_action,
            self.backup_action,
            self.restore_action,
        ]

    def set_restore_handler(self, handler: RestoreHandler | None) -> None:
        """Who puts a chosen backup in place; see MainWindow.set_restore_handler."""
        self._restore_handler = handler

    # -- slots ---------------------------------------------------------------------------

    def _on_settings_action_triggered(self) -> None:
        from .settings_dialog import SettingsDialog

        SettingsDialog.ask(self._window, self._store, self._settings)

    def _on_scripts_action_triggered(self) -> None:
        from .script_editor import ScriptLibraryDialog

        ScriptLibraryDialog.show_for(self._window, facilitator=self._store.actor)

    def _on_print_agreements_action_triggered(self) -> None:
        from .batch_print import BatchPrintDialog

        BatchPrintDialog.show_for(self._window, self._store)

    def _on_outcomes_action_triggered(self) -> None:
        from .outcomes_dialog import OutcomesDialog

        OutcomesDialog.show_for(self._window, self._store)

    def _on_partner_feedback_action_triggered(self) -> None:
        from .feedback_partner_list import PartnerFeedbackListDialog

        PartnerFeedbackListDialog.show_for(self._window, self._store)

    def _on_audit_action_triggered(self) -> None:
        from .audit_dialog import AuditDialog

        AuditDialog.show_for(self._window, self._store, self._window.current_case_id() or "")

    def _on_retention_action_triggered(self) -> None:
        from .retention_dialog import RetentionDialog

        if not self._window.maybe_save():
            return
        if RetentionDialog.ask(self._window, self._store):
            self._window.refresh_cases()

    def _on_backup_action_triggered(self) -> None:
        from .settings_dialog import (
            SettingsDialog,
            SettingsPage,
            back_up_now,
            backup_folder,
            inform,
        )
        from .widgets import tell

        folder = backup_folder(self._settings)
        if folder is None:
            # Nowhere to put it yet: the Backups page asks for a folder and can back up too.
            SettingsDialog.ask(self._window, self._store, self._settings, page=SettingsPage.BACKUPS)
            return
        try:
            text = back_up_now(self._store, folder, datetime.now())
        except StoreError as error:
            tell(self._window, "No backup was made", str(error))
            return
        self._window.statusBar().showMessage(text)
        inform(self._window, "Backed up", text)

    def _on_restore_action_triggered(self) -> None:
        from .restore_dialog import RestoreDialog
        from .settings_dialog import backup_folder

        path = self._store.path
        if path is None or not self._window.maybe_save():
            return
        choice = RestoreDialog.ask(
            self._window, path, actor=self._store.actor, start_folder=backup_folder(self._settings)
        )
        if choice is None:
            return
        handler = self._restore_handler or self._restore_and_close
        handler(choice)

    def _restore_and_close(self, choice: RestoreChoice) -> None:
        """Without a controller: close the case file, put the backup in place, close the window.

        The next start opens the restored case file (with the backup's passphrase).
        """
        from restorative_desk.store.restore import put_backup_in_place

        from .settings_dialog import inform
        from .widgets import tell

        path = self._store.path
        assert path is not None  # the action is disabled for a demo case file
        self._window.hide()
        self._store.close()
        try:
            kept = put_backup_in_place(choice.checked, path, now=choice.at)
        except StoreError as error:
            tell(
                self._window,
                "Not restored",
                f"{error}\n\nRestorative Desk will close now. Open it again to carry on.",
            )
        else:
            aside = f" The case file you had is kept as {kept.name}." if kept else ""
            inform(
                self._window,
                "Backup restored",
                f"The backup is in place.{aside}\n\nRestorative Desk will close now. Open it "
                "again and unlock it with the backup's passphrase.",
            )
        self._window.close()
