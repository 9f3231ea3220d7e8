"""The unlocked session: unlock or set up, open the window, lock again, back up once a day."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from restorative_desk.paths import is_plain_sqlite
from restorative_desk.security import keys_path
from restorative_desk.wording import RoleWording

from .locking import ClipboardGuard, IdleWatcher, auto_lock_minutes
from .preferences import BACKUP_FOLDER_KEY

if TYPE_CHECKING:
    from restorative_desk.access import NewCaseFile
    from restorative_desk.store import Store

    from .main_window import MainWindow
    from .restore_dialog import RestoreChoice
    from .unlock import UnlockWindow


SetupAsk = Callable[[QWidget | None, Path, str, ClipboardGuard], "NewCaseFile | None"]


def is_plain_case_file(db_path: Path) -> bool:
    """Whether `db_path` is an unencrypted case file from an earlier version (no key file)."""
    return not keys_path(db_path).exists() and db_path.is_file() and is_plain_sqlite(db_path)


def _ask_setup(
    parent: QWidget | None, db_path: Path, actor: str, clipboard: ClipboardGuard
) -> NewCaseFile | None:
    from .setup_wizard import SetupWizard

    return SetupWizard.ask(parent, db_path, actor, clipboard=clipboard)


# The longest a conference may sit untouched before the app locks anyway (30 minutes).
CONFERENCE_IDLE_LIMIT_S = 30 * 60


class Session(QObject):
    """Owns the open store and the windows over it; locks and unlocks them as one."""

    locked = Signal()
    checked = Signal(list)  # the quick check's problems (empty when healthy)
    window_opened = Signal(object)

    def __init__(
        self,
        db_path: Path,
        actor: str,
        wording: RoleWording,
        settings: QSettings,
        *,
        idle_interval_ms: int | None = None,
        today: Callable[[], date] = date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db_path = db_path
        self._actor = actor
        self._wording = wording
        self._settings = settings
        self._today = today
        self.store: Store | None = None
        self.window: MainWindow | None = None
        self.unlock_window: UnlockWindow | None = None
        # Replaceable so tests can answer the first-run wizard.
        self.ask_setup: SetupAsk = _ask_setup
        self._retired: list[QWidget] = []
        self._last_case_id: str | None = None
        self._last_was_new = False
        self.clipboard = ClipboardGuard(self)
        interval = idle_interval_ms or auto_lock_minutes(settings) * 60_000
        self.idle = IdleWatcher(interval, self)
        self.idle.idle_timed_out.connect(self._on_idle_timed_out)
        self.checked.connect(self._on_checked)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_app_state_changed)
            app.aboutToQuit.connect(self._on_app_about_to_quit)

    # -- starting ------------------------------------------------------------------------

    def start(self) -> bool:
        """Show the unlock screen, or the first-run wizard; False if the user stopped there."""
        self.clipboard.watch()
        if self._db_path.exists() or keys_path(self._db_path).exists():
            self.show_unlock()
            return True
        made = self.ask_setup(None, self._db_path, self._actor, self.clipboard)
        if made is None:
            return False
        self.open_window(made.store)
        return True

    def show_unlock(self) -> UnlockWindow:
        """Show the unlock screen (made once, reused after each lock)."""
        if self.unlock_window is None or not shiboken6.isValid(self.unlock_window):
            from .unlock import UnlockWindow

            self.unlock_window = UnlockWindow(self._db_path, self._actor)
            self.unlock_window.unlocked.connect(self._on_unlock_window_unlocked)
            if self.window is None and not self._retired:
                self.unlock_window.resize(960, 640)
            if is_plain_case_file(self._db_path):
                self.unlock_window.show_not_encrypted()
        else:
            self.unlock_window.reset()
        self.unlock_window.show()
        self.unlock_window.raise_()
        self.unlock_window.activateWindow()
        self.unlock_window.setFocus()
        return self.unlock_window

    def open_window(self, store: Store) -> MainWindow:
        """Open a fresh main window over `store`, back where the user was when it locked."""
        from .main_window import build_main_window

        self.store = store
        for old in self._retired:
            old.deleteLater()
        self._retired.clear()
        window = build_main_window(store, self._wording, self._settings)
        window.lock_requested.connect(self.lock)
        window.set_restore_handler(self.restore)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        window.destroyed.connect(self._on_window_destroyed)
        self.window = window
        if self._last_case_id is not None:
            window.select_case(self._last_case_id)
        elif self._last_was_new:
            window.detail_panel.start_new_case()
        self._last_case_id, self._last_was_new = None, False
        window.show()
        if self.unlock_window is not None:
            self.unlock_window.hide()
        self.idle.start()
        self._check_in_background(store)
        self._back_up_if_due(window)
        self.window_opened.emit(window)
        return window

    # -- locking -------------------------------------------------------------------------

    def lock(self) -> None:
        """Keep unsaved typing, close the case file, hide everything, then ask to unlock."""
        from restorative_desk.store import StoreError

        if self.store is None:
            return
        self.idle.stop()
        app = QApplication.instance()
        quits = isinstance(app, QApplication) and app.quitOnLastWindowClosed()
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(False)
        try:
            window = self.window
            if window is not None:
                # A conference's notes are saved and its window closed; it is offered again.
                window.suspend_conferences()
                panel = window.detail_panel
                self._last_case_id = panel.current_case_id()
                self._last_was_new = panel.shows_new_case()
                try:
                    panel.keep_draft()
                except StoreError as error:
                    window.statusBar().showMessage(str(error))
                # Kept as drafts now, so closing need not ask about unsaved changes.
                panel.discard_changes()
            store, self.store = self.store, None
            store.close()
            self._hide_case_windows()
            self.clipboard.clear()
            self.show_unlock()
        finally:
            if isinstance(app, QApplication):
                app.setQuitOnLastWindowClosed(quits)
        self.locked.emit()

    def _hide_case_windows(self) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        for widget in app.topLevelWidgets():
            if widget is self.unlock_window or not widget.isVisible():
                continue
            if isinstance(widget, QDialog):
                widget.reject()
            widget.hide()
        window, self.window = self.window, None
        if window is not None:
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
            window.destroyed.disconnect(self._on_window_destroyed)
            window.close()
            window.hide()
            # Deleted at the next unlock: a dialog's event loop may still be running inside it.
            self._retired.append(window)

    # -- the check on open ---------------------------------------------------------------

    def _check_in_background(self, store: Store) -> None:
        """Run the quick check on a connection of its own, so a large file does not hold up the
        window; a problem is reported when the check ends."""
        thread = threading.Thread(
            target=lambda: self.checked.emit(store.quick_problems()),
            name="quick-check",
            daemon=True,
        )
        thread.start()

    def _on_checked(self, problems: list[str]) -> None:
        if not problems or self.window is None:
            return
        from .widgets import tell

        tell(
            self.window,
            "The case file needs attention",
            "A check of the case file found damage:\n\n"
            + "\n".join(problems[:3])
            + "\n\nWhat to do: stop adding to it. Use Tools ▸ Restore from backup… and choose "
            "the newest backup (backups are checked before they replace anything). If you have "
            "no backup, ask your coordinator or IT for help before closing the app.",
        )

    # -- restoring a backup --------------------------------------------------------------

    def restore(self, choice: RestoreChoice) -> None:
        """Lock (the case file must be closed), put the checked backup in place, then ask for
        the backup's passphrase on the unlock screen."""
        from restorative_desk.store import StoreError
        from restorative_desk.store.restore import put_backup_in_place

        self.lock()
        self._last_case_id, self._last_was_new = None, False
        try:
            kept = put_backup_in_place(choice.checked, self._db_path, now=choice.at)
        except StoreError as error:
            note = f"The backup was not restored: {error} Your case file is as it was."
        else:
            aside = f" The case file you had is kept aside as {kept.name}." if kept else ""
            count = choice.checked.case_count
            note = (
                f"The backup from {choice.checked.backup.name} is in place "
                f"({count:,} case{'' if count == 1 else 's'}).{aside} Unlock it with the "
                "passphrase it had on the day of the backup."
            )
        if self.unlock_window is not None:
            self.unlock_window.show_problem(note)

    # -- the daily backup ----------------------------------------------------------------

    def _back_up_if_due(self, window: MainWindow) -> None:
        from restorative_desk.store import StoreError
        from restorative_desk.store.backup import backup_due, make_backup, prune_backups

        store = self.store
        folder_text = str(self._settings.value(BACKUP_FOLDER_KEY, "") or "")
        if store is None or store.path is None or not folder_text:
            return
        today = self._today()
        folder = Path(folder_text)
        if not folder.is_dir():
            window.statusBar().showMessage(
                f"Today's backup was not made: the folder {folder} is not there. Plug in the "
                "backup drive, or choose another folder in Settings, then lock and unlock."
            )
            return
        try:
            if not backup_due(folder, today):
                return  # the day's first unlock has made it already
            made = make_backup(store, folder, now=datetime.now())
            prune_backups(folder)
        except (StoreError, OSError) as error:
            window.statusBar().showMessage(
                f"Today's backup was not made. {error} Check the backup folder in Settings; "
                "the next unlock tries again."
            )
            return
        window.statusBar().showMessage(f"Today's backup is saved: {made.path.name}.")

    # -- slots ---------------------------------------------------------------------------

    def _on_idle_timed_out(self) -> None:
        # In a conference people talk for long stretches while the laptop sits untouched on
        # the table: the app waits longer then (up to CONFERENCE_IDLE_LIMIT_S without any
        # input), but a laptop left alone mid-conference still locks in the end.
        if (
            self.window is not None
            and self.window.keeps_awake()
            and self.idle.idle_seconds() < CONFERENCE_IDLE_LIMIT_S
        ):
            self.idle.keep_counting()
            return
        self.lock()

    def _on_unlock_window_unlocked(self, store: Store) -> None:
        self.open_window(store)

    def _on_window_destroyed(self) -> None:
        # The user closed the window: the session ends, and the case file closes with it.
        self.window = None
        self.idle.stop()
        if self.store is not None:
            self.store.close()
            self.store = None
        self.clipboard.clear()

    def _on_app_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.lock()

    def _on_app_about_to_quit(self) -> None:
        self.clipboard.clear()

    def shut_down(self) -> None:
        """Close the case file and clear the clipboard (the app is quitting)."""
        self.idle.stop()
        if self.store is not None:
            self.store.close()
            self.store = None
        self.clipboard.clear()
        for widget in (self.window, self.unlock_window, *self._retired):
            if widget is not None and shiboken6.isValid(widget):
                widget.deleteLater()
        self.window = None
        self._retired.clear()
