"""The unlock screen: a calm panel asking for the passphrase (or the recovery key)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from restorative_desk import APP_NAME
from restorative_desk.formatting import format_wait
from restorative_desk.security import (
    TooManyAttempts,
    VaultError,
    WrongPassphrase,
    WrongRecoveryKey,
    passphrase_problems,
    wait_before_next_try,
)

if TYPE_CHECKING:
    from restorative_desk.store import Store

PASSPHRASE_PAGE, RECOVERY_PAGE, NOTHING_PAGE = range(3)
NOT_ENCRYPTED = (
    "This case file was made by an earlier version of Restorative Desk and is not encrypted, "
    "so it can't be opened here. Nothing in it has been changed. Please contact support: they "
    "can help you move it into a protected case file."
)
EMPTY_PASSPHRASE = "Please type your passphrase."
NOT_THE_SAME = "The two new passphrases are not the same. Please type them again."
EMPTY_RECOVERY_KEY = "Please type the recovery key from your recovery sheet."
TICK_MS = 1000

Opener = Callable[[Path, str], "Store"]


def describe_wait(seconds: float) -> str:
    """"Please wait 1 minute 5 seconds…" for the countdown."""
    return f"Too many tries. Please wait {format_wait(seconds)} before trying again."


def _password_field(accessible_name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    return field


class UnlockWindow(QWidget):
    """Asks for the case file's passphrase; emits `unlocked` with the open store."""

    unlocked = Signal(object)

    def __init__(self, db_path: Path, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db_path = db_path
        self._actor = actor
        self.setWindowTitle(f"{APP_NAME} \N{EN DASH} Locked")
        self.setObjectName("unlockWindow")

        title = QLabel(APP_NAME)
        title_font = title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.6)
        title_font.setBold(True)
        title.setFont(title_font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.file_label = QLabel(f"Case file: {db_path.name}")
        self.file_label.setToolTip(str(db_path))
        self.file_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.file_label.setWordWrap(True)

        # "Message:" leads every message, so its meaning never depends on colour.
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setFrameShape(QFrame.Shape.StyledPanel)
        self.message.setMargin(8)
        self.message.hide()

        self.passphrase = _password_field("Passphrase")
        self.unlock_button = QPushButton("&Unlock")
        self.unlock_button.setDefault(True)
        self.forgot_button = QPushButton("&Forgotten your passphrase?")
        self.forgot_button.setFlat(True)
        passphrase_page = QWidget()
        passphrase_label = QLabel("&Passphrase")
        passphrase_label.setBuddy(self.passphrase)
        passphrase_layout = QVBoxLayout(passphrase_page)
        passphrase_layout.setContentsMargins(0, 0, 0, 0)
        passphrase_layout.addWidget(passphrase_label)
        passphrase_layout.addWidget(self.passphrase)
        passphrase_layout.addWidget(self.unlock_button)
        passphrase_layout.addWidget(self.forgot_button, 0, Qt.AlignmentFlag.AlignCenter)

        self.recovery_key = QLineEdit()
        self.recovery_key.setAccessibleName("Recovery key")
        self.recovery_key.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.recovery_key.setPlaceholderText("ABCD-EFGH-… from your recovery sheet")
        self.new_passphrase = _password_field("New passphrase")
        self.new_passphrase_again = _password_field("New passphrase again")
        self.new_problems = QLabel()
        self.new_problems.setWordWrap(True)
        self.recover_button = QPushButton("Unlock and &set new passphrase")
        self.back_button = QPushButton("&Back to passphrase")
        self.back_button.setFlat(True)
        recovery_page = QWidget()
        recovery_intro = QLabel(
            "Type the recovery key from your recovery sheet, then choose a new passphrase. "
            "Your cases stay as they are."
        )
        recovery_intro.setWordWrap(True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for text, field in (
            ("&Recovery key", self.recovery_key),
            ("&New passphrase", self.new_passphrase),
            ("New passphrase &again", self.new_passphrase_again),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        recovery_layout = QVBoxLayout(recovery_page)
        recovery_layout.setContentsMargins(0, 0, 0, 0)
        recovery_layout.addWidget(recovery_intro)
        recovery_layout.addLayout(form)
        recovery_layout.addWidget(self.new_problems)
        recovery_layout.addWidget(self.recover_button)
        recovery_layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignCenter)

        self.quit_button = QPushButton("&Quit")
        nothing_page = QWidget()
        nothing_layout = QVBoxLayout(nothing_page)
        nothing_layout.setContentsMargins(0, 0, 0, 0)
        nothing_layout.addWidget(self.quit_button, 0, Qt.AlignmentFlag.AlignCenter)

        self.pages = QStackedWidget()
        for page in (passphrase_page, recovery_page, nothing_page):
            self.pages.addWidget(page)
        self.pages.currentChanged.connect(self._on_pages_current_changed)
        self._on_pages_current_changed(PASSPHRASE_PAGE)

        panel = QFrame()
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel.setMaximumWidth(self.fontMetrics().averageCharWidth() * 64)
        panel_layout = QVBoxLayout(panel)
        margin = self.fontMetrics().height() * 2
        panel_layout.setContentsMargins(margin, margin, margin, margin)
        panel_layout.setSpacing(self.fontMetrics().height() // 2)
        panel_layout.addWidget(title)
        panel_layout.addWidget(self.file_label)
        panel_layout.addSpacing(self.fontMetrics().height())
        panel_layout.addWidget(self.message)
        panel_layout.addWidget(self.pages)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel, 3)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

        self._countdown = QTimer(self)
        self._countdown.setInterval(TICK_MS)
        self._countdown.timeout.connect(self._on_countdown_timeout)
        self.unlock_button.clicked.connect(self._on_unlock_button_clicked)
        self.passphrase.returnPressed.connect(self._on_unlock_button_clicked)
        self.forgot_button.clicked.connect(self._on_forgot_button_clicked)
        self.back_button.clicked.connect(self._on_back_button_clicked)
        self.recover_button.clicked.connect(self._on_recover_button_clicked)
        self.new_passphrase_again.returnPressed.connect(self._on_recover_button_clicked)
        self.new_passphrase.textChanged.connect(self._on_new_passphrase_changed)
        self.new_passphrase_again.textChanged.connect(self._on_new_passphrase_changed)
        self.quit_button.clicked.connect(self.close)
        self.setFocusProxy(self.passphrase)
        self._check_wait()

    # -- public --------------------------------------------------------------------------

    def show_problem(self, text: str) -> None:
        """Say what went wrong, above the fields."""
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.message.show()

    def show_not_encrypted(self) -> None:
        """The case file is a plain one from an earlier version: say so and offer only Quit."""
        self.show_problem(NOT_ENCRYPTED)
        self.pages.setCurrentIndex(NOTHING_PAGE)
        self.quit_button.setFocus()

    def waiting(self) -> bool:
        """Whether a countdown is running (too many wrong tries)."""
        return self._countdown.isActive()

    def reset(self) -> None:
        """Back to the passphrase page, all fields empty (for when the app locks again)."""
        for field in (
            self.passphrase,
            self.recovery_key,
            self.new_passphrase,
            self.new_passphrase_again,
        ):
            field.clear()
        self.message.hide()
        self.pages.setCurrentIndex(PASSPHRASE_PAGE)
        self._check_wait()
        self.passphrase.setFocus()

    # -- unlocking -----------------------------------------------------------------------

    def _on_unlock_button_clicked(self) -> None:
        if self.waiting():
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            self.show_problem(EMPTY_PASSPHRASE)
            return
        from restorative_desk.access import open_case_file

        self._try(lambda: open_case_file(self._db_path, passphrase, actor=self._actor))

    def _on_recover_button_clicked(self) -> None:
        if self.waiting():
            return
        key = self.recovery_key.text()
        new = self.new_passphrase.text()
        if not key.strip():
            self.show_problem(EMPTY_RECOVERY_KEY)
            self.recovery_key.setFocus()
            return
        problems = passphrase_problems(new)
        if problems:
            self.show_problem(" ".join(problems))
            self.new_passphrase.setFocus()
            return
        if new != self.new_passphrase_again.text():
            self.show_problem(NOT_THE_SAME)
            self.new_passphrase_again.setFocus()
            return
        from restorative_desk.access import open_with_recovery_key

        self._try(
            lambda: open_with_recovery_key(
                self._db_path, key, actor=self._actor, new_passphrase=new
            )
        )

    def _try(self, open_store: Callable[[], Store]) -> None:
        # The case file's machinery loads only now: the unlock screen itself stays light.
        from restorative_desk.access import PassphraseRefused
        from restorative_desk.store import DatabaseNotEncrypted, StoreError

        self.show_problem("Checking…")
        self.message.repaint()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            store = open_store()
        except (WrongPassphrase, WrongRecoveryKey) as error:
            self.show_problem(str(error))
            self.passphrase.clear()
            if error.wait_seconds > 0:
                self._check_wait()
            return
        except TooManyAttempts:
            self._check_wait()
            return
        except PassphraseRefused as error:
            self.show_problem(str(error))
            return
        except DatabaseNotEncrypted:
            self.show_not_encrypted()
            return
        except (VaultError, StoreError) as error:
            self.show_problem(str(error))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.passphrase.clear()
        self.new_passphrase.clear()
        self.new_passphrase_again.clear()
        self.recovery_key.clear()
        self.message.hide()
        self.unlocked.emit(store)

    # -- waiting -------------------------------------------------------------------------

    def _remaining_wait(self) -> float:
        try:
            return wait_before_next_try(self._db_path)
        except VaultError:
            return 0.0  # a missing or damaged key file is reported when unlocking

    def _check_wait(self) -> None:
        wait = self._remaining_wait()
        if wait > 0:
            self.show_problem(describe_wait(wait))
            if not self._countdown.isActive():
                self._countdown.start()
        elif self._countdown.isActive():
            self._countdown.stop()
            self.show_problem("You can try again now.")
        self._set_enabled(wait <= 0)

    def _set_enabled(self, enabled: bool) -> None:
        self.unlock_button.setEnabled(enabled)
        self.recover_button.setEnabled(enabled)

    def _on_countdown_timeout(self) -> None:
        self._check_wait()

    # -- switching pages -----------------------------------------------------------------

    def _on_forgot_button_clicked(self) -> None:
        self.passphrase.clear()
        self.pages.setCurrentIndex(RECOVERY_PAGE)
        if not self.waiting():
            self.message.hide()
        self.recovery_key.setFocus()

    def _on_back_button_clicked(self) -> None:
        self.recovery_key.clear()
        self.new_passphrase.clear()
        self.new_passphrase_again.clear()
        self.pages.setCurrentIndex(PASSPHRASE_PAGE)
        if not self.waiting():
            self.message.hide()
        self.passphrase.setFocus()

    def _on_pages_current_changed(self, index: int) -> None:
        # The panel fits the page shown, not the tallest page (the recovery form).
        for number in range(self.pages.count()):
            policy = (
                QSizePolicy.Policy.Preferred if number == index else QSizePolicy.Policy.Ignored
            )
            page = self.pages.widget(number)
            if page is not None:
                page.setSizePolicy(policy, policy)
        self.pages.adjustSize()

    def _on_new_passphrase_changed(self) -> None:
        new = self.new_passphrase.text()
        if not new:
            self.new_problems.clear()
            return
        problems = passphrase_problems(new)
        again = self.new_passphrase_again.text()
        if problems:
            self.new_problems.setText("Not yet: " + " ".join(problems))
        elif again and again != new:
            self.new_problems.setText("Not yet: " + NOT_THE_SAME)
        elif again:
            self.new_problems.setText("Good: the new passphrase is strong enough and matches.")
        else:
            self.new_problems.setText("Good: that passphrase is strong enough. Type it again.")
