"""Locking helpers: the idle timer and the clipboard the app must not leave case text on."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication

AUTO_LOCK_KEY = "security/auto_lock_minutes"
DEFAULT_AUTO_LOCK_MINUTES = 5
MIN_AUTO_LOCK_MINUTES = 1
MAX_AUTO_LOCK_MINUTES = 30

# Only what a person does counts as activity; repaints and timers must not keep the app open.
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


def auto_lock_minutes(settings: QSettings) -> int:
    """The idle minutes before the app locks, from settings, kept between 1 and 30."""
    raw = settings.value(AUTO_LOCK_KEY, DEFAULT_AUTO_LOCK_MINUTES)
    try:
        minutes = int(str(raw))
    except ValueError:
        minutes = DEFAULT_AUTO_LOCK_MINUTES
    return max(MIN_AUTO_LOCK_MINUTES, min(minutes, MAX_AUTO_LOCK_MINUTES))


class IdleWatcher(QObject):
    """Emits `idle_timed_out` after `interval_ms` without keyboard or mouse input in the app."""

    idle_timed_out = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.idle_timed_out)
        self._watching = False
        self._last_activity = time.monotonic()

    @property
    def interval_ms(self) -> int:
        """How long the app may sit idle, in milliseconds."""
        return self._timer.interval()

    def start(self) -> None:
        """Start counting idle time (the app is unlocked)."""
        app = QGuiApplication.instance()
        if app is not None and not self._watching:
            app.installEventFilter(self)
            self._watching = True
        self._last_activity = time.monotonic()
        self._timer.start()

    def idle_seconds(self) -> float:
        """Seconds since the last keyboard or mouse input (or since counting started)."""
        return time.monotonic() - self._last_activity

    def keep_counting(self) -> None:
        """Count another interval without forgetting how long the app has already been idle."""
        self._timer.start()

    def stop(self) -> None:
        """Stop counting (the app is locked, or closing)."""
        self._timer.stop()
        app = QGuiApplication.instance()
        if app is not None and self._watching:
            app.removeEventFilter(self)
        self._watching = False

    def is_running(self) -> bool:
        """Whether the idle timer is counting."""
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._last_activity = time.monotonic()
            self._timer.start()
        return False


class ClipboardGuard(QObject):
    """Remembers text the app put on the clipboard, so locking and quitting can take it off.

    Text copied from the app's own fields (Ctrl+C) is noticed while the app is active; text the
    user copies from other programs is never touched.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ours: set[str] = set()
        self._clipboard: QClipboard | None = None

    def watch(self) -> None:
        """Start noticing what the app copies."""
        clipboard = QGuiApplication.clipboard()
        if self._clipboard is None:
            clipboard.dataChanged.connect(self._on_clipboard_data_changed)
            self._clipboard = clipboard

    def copy(self, text: str) -> None:
        """Put `text` on the clipboard (it will be cleared on lock and quit)."""
        self._ours.add(text)
        QGuiApplication.clipboard().setText(text)

    def holds_ours(self) -> bool:
        """Whether the clipboard holds text the app put there."""
        clipboard = QGuiApplication.clipboard()
        text = clipboard.text()
        return bool(text) and (text in self._ours or clipboard.ownsClipboard())

    def clear(self) -> None:
        """Empty the clipboard if it still holds the app's text; leave other programs' alone."""
        if self.holds_ours():
            QGuiApplication.clipboard().clear()
        self._ours.clear()

    def _on_clipboard_data_changed(self) -> None:
        if QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive:
            text = QGuiApplication.clipboard().text()
            if text and QGuiApplication.clipboard().ownsClipboard():
                self._ours.add(text)
