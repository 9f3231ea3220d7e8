"""The `restorative-desk` entry point: choose the case file, guard it, open the window."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QLockFile, QSettings, QSize, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from restorative_desk import APP_NAME, __version__

if TYPE_CHECKING:
    from restorative_desk.store import Store
    from restorative_desk.wording import RoleWording

    from .session import Session

ORGANISATION = "RestorativeDesk"
DEMO_CASES = 400
DEFAULT_SHOT_SIZE = QSize(1366, 768)
SETTLE_MS = 300
SCREENS = ("main", "unlock", "setup")
NEEDS_PASSPHRASE = (
    "--screenshot and --exit-when-shown need the passphrase in ${env}; "
    "without a screen nobody can type it."
)
NO_CASE_FILE = (
    "There is no case file at {path} yet. Start Restorative Desk without --screenshot or "
    "--exit-when-shown to set one up."
)
ALREADY_OPEN = (
    "Restorative Desk is already open on this computer with this case file. "
    "Switch to that window, or close it first."
)


class _Failure(Exception):
    """A start-up problem to tell the user about, and the exit codes to end with.

    Without a screen (screenshots, automated runs) a problem with the case file ends with 2,
    so scripts can tell it from "already open", which is 1 either way.
    """

    def __init__(self, message: str, code: int = 1, headless_code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.headless_code = headless_code


def main(argv: list[str] | None = None) -> int:
    """Run Restorative Desk; returns the process exit code."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:  # argparse has printed its message (or --help, --version)
        return stop.code if isinstance(stop.code, int) else 2

    if args.screenshot is not None and not QApplication.instance():
        # A picture of the window needs no screen; without one Qt would refuse to start.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    headless = args.screenshot is not None or app.platformName() in {"offscreen", "minimal"}

    unattended = args.screenshot is not None or args.exit_when_shown
    lock: QLockFile | None = None
    store: Store | None = None
    session: Session | None = None
    try:
        user_settings = QSettings()
        actor = str(user_settings.value("user/name", "") or getpass.getuser())
        if args.demo:
            return _run(app, args, _demo_store(actor))
        path = _case_file_path(args)
        lock = _lock(path)
        if args.screen != "main":
            return _show_screen(app, args, path, actor)
        if unattended:
            store = _open_unattended(path, actor)
            return _run(app, args, store)
        session = _start_session(path, actor, user_settings)
        if session is None:
            return 0
        return app.exec()
    except _Failure as failure:
        _tell(failure.message, headless)
        return failure.headless_code if headless else failure.code
    finally:
        if session is not None:
            session.shut_down()
        if store is not None:
            store.close()
        if lock is not None:
            lock.unlock()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="restorative-desk",
        description="An offline desk for restorative conferences with children and young people.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the case file to open (default: $RESTORATIVE_DESK_DB, then your data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=f"open a throwaway case file filled with {DEMO_CASES} fictional cases",
    )
    parser.add_argument(
        "--screenshot", metavar="FILE", type=Path, help="save a PNG of the window and exit"
    )
    parser.add_argument(
        "--size",
        metavar="WxH",
        type=_size,
        default=None,
        help="window size for --screenshot (default 1366x768; the wizard's own for setup)",
    )
    parser.add_argument(
        "--screen",
        choices=SCREENS,
        default="main",
        help="which screen to show: the main window (default), the unlock screen or the "
        "first-run setup (these two need no passphrase)",
    )
    parser.add_argument("--select", metavar="REFERENCE", help="open this case, e.g. RD-2026-0042")
    parser.add_argument(
        "--tab",
        choices=CASE_TABS,
        help="with --select: show this tab of the case (for screenshots)",
    )
    parser.add_argument(
        "--view",
        choices=LIST_VIEWS,
        help="show this view beside the case: the case list, due and overdue, the pilot log "
        "or the figures (for screenshots)",
    )
    parser.add_argument(
        "--exit-when-shown",
        action="store_true",
        help="print 'shown' and exit once the window is up (for start-up timing)",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    return parser


# The case window's tabs, in order (see ui/case_detail.py).
CASE_TABS = (
    "referral", "people", "preparation", "safety", "conference", "agreement", "feedback",
    "contacts", "history",
)  # fmt: skip


# The views beside the case (see MainWindow.show_view).
LIST_VIEWS = ("cases", "due", "pilots", "figures")


def _size(text: str) -> QSize:
    width, _, height = text.lower().partition("x")
    try:
        size = QSize(int(width), int(height))
    except ValueError:
        size = QSize()
    if not (200 <= size.width() <= 10_000 and 200 <= size.height() <= 10_000):
        raise argparse.ArgumentTypeError(f"expected a size such as 1366x768, not {text!r}")
    return size


def _demo_store(actor: str) -> Store:
    """A throwaway case file in memory, filled with fictional cases (no passphrase)."""
    from restorative_desk.access import demo_store
    from restorative_desk.demo import fill_demo

    store = demo_store(actor)
    fill_demo(store, cases=DEMO_CASES)
    return store


def _case_file_path(args: argparse.Namespace) -> Path:
    from restorative_desk.paths import database_path

    return database_path(args.db)


def _lock(path: Path) -> QLockFile:
    """Make sure no other copy of the app has this case file open."""
    lock = QLockFile(str(path) + ".lock")
    lock.setStaleLockTime(0)  # a crashed copy's lock is cleared by checking its process
    if not lock.tryLock(100):
        if lock.error() == QLockFile.LockError.LockFailedError:
            raise _Failure(ALREADY_OPEN, 1, headless_code=1)
        raise _Failure(
            f"The case file's folder {path.parent} cannot be written to, so it cannot be "
            "opened safely. Choose another place for it."
        )
    return lock


def _open_unattended(path: Path, actor: str) -> Store:
    """Open the case file with the passphrase from the environment (screenshots, timing)."""
    from restorative_desk.access import case_file_exists, open_case_file
    from restorative_desk.cli import PASSPHRASE_ENV
    from restorative_desk.security import VaultError
    from restorative_desk.store import StoreError

    passphrase = os.environ.get(PASSPHRASE_ENV)
    if not passphrase:
        raise _Failure(NEEDS_PASSPHRASE.format(env=PASSPHRASE_ENV), 2)
    if not case_file_exists(path):
        raise _Failure(NO_CASE_FILE.format(path=path), 2)
    try:
        return open_case_file(path, passphrase, actor=actor)
    except (VaultError, StoreError) as error:
        raise _Failure(str(error)) from error


def _start_session(path: Path, actor: str, user_settings: QSettings) -> Session | None:
    """Unlock (or set up) the case file for a person at the keyboard; None if they stopped."""
    from .session import Session

    session = Session(path, actor, _wording(), user_settings)
    return session if session.start() else None


def _wording() -> RoleWording:
    from restorative_desk.wording import WordingError, load_role_wording

    try:
        return load_role_wording()
    except (WordingError, OSError) as error:
        raise _Failure(f"The role wording could not be read: {error}") from error


def _show_screen(app: QApplication, args: argparse.Namespace, path: Path, actor: str) -> int:
    """Show the unlock screen or the first-run wizard by itself, to look at it."""
    widget: QWidget
    if args.screen == "unlock":
        from .unlock import UnlockWindow

        widget = UnlockWindow(path, actor)
        size = args.size or DEFAULT_SHOT_SIZE
    else:
        from .setup_wizard import SetupWizard

        widget = SetupWizard(path, actor)
        size = args.size or widget.sizeHint().expandedTo(QSize(720, 560))
    if args.screenshot is not None:
        return _screenshot(app, widget, args.screenshot, size)
    widget.resize(size)
    widget.show()
    if args.exit_when_shown:
        QTimer.singleShot(0, lambda: _report_shown(app))
    return app.exec()


def _run(app: QApplication, args: argparse.Namespace, store: Store) -> int:
    """The main window over an open store, for the demo, screenshots and start-up timing."""
    from restorative_desk.store import NotFound

    wording = _wording()

    import tempfile  # only screenshots need scratch space; kept off the start-up path

    with tempfile.TemporaryDirectory(prefix="restorative-desk-") as scratch:
        # A screenshot must not move the user's own window, so it gets settings of its own.
        settings = (
            QSettings(os.path.join(scratch, "screenshot.ini"), QSettings.Format.IniFormat)
            if args.screenshot is not None
            else QSettings()
        )
        from .main_window import build_main_window  # loaded once the case file is open

        window = build_main_window(store, wording, settings)
        if args.demo:
            window.setWindowTitle(f"{APP_NAME} \N{EN DASH} Demo \N{EN DASH} fictional cases")
        if args.select:
            try:
                case = store.case_by_reference(args.select)
            except NotFound as error:
                raise _Failure(str(error), 2) from error
            window.select_case(case.id)
            if args.tab:
                window.detail_panel.tabs.setCurrentIndex(CASE_TABS.index(args.tab))
        if args.view:
            window.show_view(args.view)
        if args.screenshot is None:
            window.show()
            if args.exit_when_shown:
                QTimer.singleShot(0, lambda: _report_shown(app))
            return app.exec()
        return _screenshot(app, window, args.screenshot, args.size or DEFAULT_SHOT_SIZE)


def _screenshot(app: QApplication, window: QWidget, target: Path, size: QSize) -> int:
    """Render the window once the event loop has settled, save it as PNG, and stop."""
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.resize(size)
    window.show()
    saved: list[bool] = []

    def grab() -> None:
        saved.append(window.grab().save(str(target), "PNG"))
        window.hide()
        app.exit(0)

    QTimer.singleShot(SETTLE_MS, grab)
    app.exec()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(window, QEvent.Type.DeferredDelete)
    if not saved or not saved[0]:
        raise _Failure(f"The screenshot could not be saved to {target}.", 2)
    return 0


def _report_shown(app: QApplication) -> None:
    print("shown", flush=True)
    app.exit(0)


def _tell(message: str, headless: bool) -> None:
    """Show a start-up problem: a message box normally, one line on stderr when headless."""
    if headless:
        print(f"restorative-desk: {' '.join(message.split())}", file=sys.stderr)
        return
    QMessageBox.critical(None, APP_NAME, message)


if __name__ == "__main__":
    raise SystemExit(main())
