"""Choose a backup, open it with its passphrase and check it, before anything is replaced.

The dialog only checks (restorative_desk.store.restore.check_backup). Putting the checked copy
in place needs the open case file closed first, so whoever owns the store does that part with
put_backup_in_place (see MainWindow.set_restore_handler).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.store import StoreError
from restorative_desk.store.backup import SUFFIX, aside_path
from restorative_desk.store.restore import CheckedBackup, WrongBackupPassphrase, check_backup

from .settings_dialog import describe_backup_time
from .widgets import confirm


@dataclass(frozen=True)
class RestoreChoice:
    """A checked backup the user chose to put in place, and the time the old file is named by."""

    checked: CheckedBackup
    at: datetime


class RestoreDialog(QDialog):
    """Pick a .rdbackup file, type its passphrase, Check, then Restore."""

    def __init__(
        self,
        parent: QWidget | None,
        db_path: Path,
        *,
        actor: str,
        start_folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from a backup")
        self._db_path = db_path
        self._actor = actor
        self._start_folder = start_folder
        self._checked: CheckedBackup | None = None
        self._choice: RestoreChoice | None = None

        self.backup = QLineEdit()
        self.backup.setAccessibleName("Backup file")
        self.backup.setPlaceholderText(f"A file ending in {SUFFIX}")
        self.choose_button = QPushButton("C&hoose…")
        self.choose_button.setAccessibleName("Choose backup file")
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("The backup's passphrase")
        self.check_button = QPushButton("Chec&k backup")
        self.status = QLabel("Choose a backup and type its passphrase, then check it.")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("About this backup")
        self.status.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )

        intro = QLabel(
            "Restoring puts a backup in place of the case file you have now. Your current case "
            "file is not deleted: it is kept aside in the same folder."
        )
        intro.setWordWrap(True)
        file_row = QHBoxLayout()
        file_row.addWidget(self.backup, 1)
        file_row.addWidget(self.choose_button)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        file_label = QLabel("&Backup")
        file_label.setBuddy(self.backup)
        form.addRow(file_label, file_row)
        passphrase_label = QLabel("&Passphrase")
        passphrase_label.setBuddy(self.passphrase)
        form.addRow(passphrase_label, self.passphrase)
        hint = QLabel("A backup opens with the passphrase that was in use on the day it was made.")
        hint.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(
            "&Restore this backup", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.check_button.clicked.connect(self._on_check_button_clicked)
        self.backup.textChanged.connect(self._on_input_changed)
        self.passphrase.textChanged.connect(self._on_input_changed)
        self.passphrase.returnPressed.connect(self._on_check_button_clicked)
        self.setMinimumWidth(560)
        self.resize(600, 300)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        db_path: Path,
        *,
        actor: str,
        start_folder: Path | None = None,
    ) -> RestoreChoice | None:
        """Show the dialog; the checked backup to put in place, or None (nothing is left over)."""
        dialog = cls(parent, db_path, actor=actor, start_folder=start_folder)
        dialog.exec()
        return dialog.choice()

    def choice(self) -> RestoreChoice | None:
        """What the user chose to restore, once they confirmed."""
        return self._choice

    def checked_backup(self) -> CheckedBackup | None:
        """The backup as last checked (None until Check succeeds)."""
        return self._checked

    def check(self) -> bool:
        """Unpack and check the chosen backup with the typed passphrase; True when it passed."""
        self._forget_checked()
        text = self.backup.text().strip()
        if not text:
            self._say("Choose a backup first.")
            return False
        if not self.passphrase.text():
            self._say("Type the backup's passphrase.")
            self.passphrase.setFocus()
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            checked = check_backup(
                Path(text).expanduser(), self._db_path, self.passphrase.text(), actor=self._actor
            )
        except WrongBackupPassphrase as error:
            self._say(str(error))
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return False
        except StoreError as error:
            self._say(str(error))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._checked = checked
        made = f"made on {describe_backup_time(checked.made_at)}, " if checked.made_at else ""
        cases = "1 case" if checked.case_count == 1 else f"{checked.case_count:,} cases"
        self._say(
            f"This backup is whole: {made}holding {cases}. After restoring, the case file "
            "opens with this backup's passphrase."
        )
        self.restore_button.setEnabled(True)
        self.restore_button.setDefault(True)
        self.restore_button.setFocus()
        return True

    def accept(self) -> None:
        """Confirm, then close with the checked backup as the choice."""
        if self._checked is None:
            return
        now = datetime.now()
        aside = aside_path(self._db_path, now)
        if not confirm(
            self,
            "Restore this backup?",
            "The case file you have now will be kept aside as "
            f"{aside.name}, in {aside.parent}.\n\nRestorative Desk then opens the backup.",
            "Restore",
        ):
            return
        self._choice = RestoreChoice(self._checked, now)
        self._checked = None  # handed over: the caller puts it in place or discards it
        super().accept()

    def done(self, result: int) -> None:
        """Clean up an unpacked copy that was not chosen, however the dialog ends."""
        self._forget_checked()
        super().done(result)

    def _forget_checked(self) -> None:
        if self._checked is not None:
            self._checked.discard()
            self._checked = None
        self.restore_button.setEnabled(False)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _on_input_changed(self, _text: str) -> None:
        if self._checked is not None:
            self._forget_checked()
            self._say("Check the backup again before restoring it.")

    def _on_choose_button_clicked(self) -> None:
        start = self._start_folder if self._start_folder is not None else Path.home()
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Choose a backup", str(start), f"Restorative Desk backups (*{SUFFIX})"
        )
        if chosen:
            self.backup.setText(chosen)
            self.passphrase.setFocus()

    def _on_check_button_clicked(self) -> None:
        self.check()
