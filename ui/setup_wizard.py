"""The first-run wizard: choose a passphrase, then keep the recovery key safe."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from restorative_desk import APP_NAME
from restorative_desk.access import NewCaseFile, PassphraseRefused, create_case_file
from restorative_desk.security import VaultError, describe_policy, keys_path, passphrase_problems
from restorative_desk.store import StoreError

from .locking import ClipboardGuard

WHY = (
    "Restorative Desk keeps what children and families tell you, so it locks everything with "
    "a passphrase. Without it, nobody can read their information, even if this laptop is "
    "lost. You'll type it each time you open the app."
)
NOT_THE_SAME = "The two passphrases are not the same yet."
KEY_INTRO = (
    "This is your recovery key. If the passphrase is ever forgotten, it is the only way to "
    "open your cases. It is shown only now: save or print the recovery sheet and keep it "
    "somewhere safe, away from this laptop."
)
STORED = "I have stored the recovery key safely"
SHEET_NAME = "Restorative Desk recovery sheet.pdf"

SaveChooser = Callable[[QWidget, str], str]


def choose_save_path(parent: QWidget, suggested: str) -> str:
    """Ask where to save a PDF; an empty string means the user changed their mind."""
    path, _ = QFileDialog.getSaveFileName(
        parent, "Save recovery sheet", suggested, "PDF documents (*.pdf)"
    )
    return path


def key_in_two_lines(recovery_key: str) -> str:
    """The key's groups split over two lines, as on the sheet (line breaks are ignored when it
    is typed back)."""
    groups = recovery_key.split("-")
    half = (len(groups) + 1) // 2
    return "-".join(groups[:half]) + "\n" + "-".join(groups[half:])


class PassphrasePage(QWizardPage):
    """Why a passphrase, the rule, and the passphrase typed twice."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Protect the children's information")
        why = QLabel(WHY)
        why.setWordWrap(True)
        policy = QLabel(describe_policy())
        policy.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setAccessibleName("Passphrase again")
        self.show_box = QCheckBox("S&how what I type")
        self.organisation = QLineEdit()
        self.organisation.setAccessibleName("Organisation")
        self.organisation.setPlaceholderText("Printed on the recovery sheet (optional)")
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for text, field in (
            ("&Passphrase", self.passphrase),
            ("&Again", self.again),
            ("", self.show_box),
            ("&Organisation", self.organisation),
        ):
            if text:
                label = QLabel(text)
                label.setBuddy(field)
                form.addRow(label, field)
            else:
                form.addRow(field)
        layout = QVBoxLayout(self)
        layout.setSpacing(self.fontMetrics().height())
        layout.addWidget(why)
        layout.addWidget(policy)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addStretch(1)
        # Moving on makes the case file, so there is no way back to this page afterwards.
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Create case file")
        self.passphrase.textChanged.connect(self._on_text_changed)
        self.again.textChanged.connect(self._on_text_changed)
        self.show_box.toggled.connect(self._on_show_box_toggled)

    def problems(self) -> list[str]:
        """What still stands in the way of this passphrase (empty when it can be used)."""
        found = passphrase_problems(self.passphrase.text())
        if not found and self.passphrase.text() != self.again.text():
            found.append(NOT_THE_SAME)
        return found

    def validatePage(self) -> bool:
        problems = self.problems()
        if problems:
            self.feedback.setText("Not yet: " + " ".join(problems))
            self.passphrase.setFocus()
            return False
        return self._wizard.make_case_file(self.passphrase.text())

    def _on_text_changed(self) -> None:
        if not self.passphrase.text():
            self.feedback.clear()
            return
        problems = self.problems()
        if problems == [NOT_THE_SAME] and not self.again.text():
            self.feedback.setText("Good: that passphrase is strong enough. Type it again below.")
        elif problems:
            self.feedback.setText("Not yet: " + " ".join(problems))
        else:
            self.feedback.setText("Good: the passphrase is strong enough and both match.")

    def _on_show_box_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.again.setEchoMode(mode)


class RecoveryKeyPage(QWizardPage):
    """The recovery key, shown once, with ways to keep it and a box to confirm it is kept."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Keep your recovery key safe")
        intro = QLabel(KEY_INTRO)
        intro.setWordWrap(True)
        self.key_label = QLabel()
        self.key_label.setAccessibleName("Recovery key")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(self.font().pointSizeF() * 1.5)
        self.key_label.setFont(font)
        self.key_label.setWordWrap(True)
        self.key_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.key_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.key_label.setMargin(self.fontMetrics().height())
        self.key_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.save_button = QPushButton("&Save recovery sheet as PDF…")
        self.print_button = QPushButton("&Print…")
        self.copy_button = QPushButton("C&opy")
        self.copy_button.setToolTip("Copy the key (it is taken off the clipboard when you lock)")
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.stored_box = QCheckBox(f"&{STORED}")
        self.registerField("stored*", self.stored_box)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.print_button, self.copy_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setSpacing(self.fontMetrics().height())
        layout.addWidget(intro)
        layout.addWidget(self.key_label)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addStretch(1)
        layout.addWidget(self.stored_box)
        self.save_button.clicked.connect(self._wizard.save_sheet)
        self.print_button.clicked.connect(self._wizard.print_sheet)
        self.copy_button.clicked.connect(self._wizard.copy_key)

    def initializePage(self) -> None:
        self.key_label.setText(key_in_two_lines(self._wizard.recovery_key()))

    def validatePage(self) -> bool:
        return self.stored_box.isChecked()


class SetupWizard(QWizard):
    """Makes the encrypted case file on first run; `ask` gives the new file or None."""

    PAGES = (PassphrasePage, RecoveryKeyPage)

    def __init__(
        self,
        db_path: Path,
        actor: str,
        parent: QWidget | None = None,
        *,
        clipboard: ClipboardGuard | None = None,
    ) -> None:
        super().__init__(parent)
        self._db_path = db_path
        self._actor = actor
        self._clipboard = clipboard or ClipboardGuard(self)
        self._made: NewCaseFile | None = None
        # Replaceable so tests (and other front ends) can answer for the user.
        self.choose_save_path: SaveChooser = choose_save_path
        self.setWindowTitle(f"Welcome to {APP_NAME}")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, False)
        self.pages = [page(self) for page in self.PAGES]
        for page in self.pages:
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Finish")

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        db_path: Path,
        actor: str,
        *,
        clipboard: ClipboardGuard | None = None,
    ) -> NewCaseFile | None:
        """Run the wizard; the new, open case file, or None if the user stopped."""
        wizard = cls(db_path, actor, parent, clipboard=clipboard)
        wizard.exec()
        return wizard.result_case_file()

    @property
    def passphrase_page(self) -> PassphrasePage:
        """The first page."""
        page = self.pages[0]
        assert isinstance(page, PassphrasePage)
        return page

    @property
    def key_page(self) -> RecoveryKeyPage:
        """The second page."""
        page = self.pages[1]
        assert isinstance(page, RecoveryKeyPage)
        return page

    def result_case_file(self) -> NewCaseFile | None:
        """The case file made, once the wizard has finished (None before, or if cancelled)."""
        return self._made if self.result() == QWizard.DialogCode.Accepted else None

    def recovery_key(self) -> str:
        """The recovery key of the new case file ("" before it is made)."""
        return self._made.recovery_key if self._made else ""

    # -- the one write -------------------------------------------------------------------

    def make_case_file(self, passphrase: str) -> bool:
        """Make the case file with `passphrase`; False (with the reason shown) if it failed."""
        if self._made is not None:
            return True
        page = self.passphrase_page
        page.feedback.setText("Making your case file. This takes a few seconds…")
        page.feedback.repaint()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._made = create_case_file(self._db_path, passphrase, actor=self._actor)
        except (PassphraseRefused, VaultError, StoreError) as error:
            page.feedback.setText(f"The case file was not made. {error}")
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        page.passphrase.clear()
        page.again.clear()
        page.feedback.clear()
        return True

    def accept(self) -> None:
        if self._made is None or not self.key_page.stored_box.isChecked():
            return
        self.key_page.key_label.clear()
        super().accept()

    def reject(self) -> None:
        # A case file made but whose recovery key was never confirmed kept is removed again:
        # it holds nothing yet, and the next start begins afresh with a new key.
        if self._made is not None:
            self._made.store.close()
            for path in (
                self._db_path,
                keys_path(self._db_path),
                Path(f"{self._db_path}-wal"),
                Path(f"{self._db_path}-shm"),
            ):
                with contextlib.suppress(OSError):
                    path.unlink(missing_ok=True)
            self._made = None
        self.key_page.key_label.clear()
        super().reject()

    # -- keeping the key -----------------------------------------------------------------

    def sheet_pdf(self) -> bytes:
        """The recovery sheet as PDF bytes."""
        from restorative_desk.documents.recovery_sheet import render_recovery_sheet

        return render_recovery_sheet(
            self.recovery_key(),
            self.passphrase_page.organisation.text().strip(),
            self._db_path.name,
            date.today(),
        )

    def save_sheet(self) -> None:
        """Ask where, then save the recovery sheet as a PDF."""
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        chosen = self.choose_save_path(self, str(Path(folder) / SHEET_NAME))
        if not chosen:
            return
        target = Path(chosen)
        try:
            target.write_bytes(self.sheet_pdf())
        except OSError as error:
            self.key_page.result.setText(
                f"The sheet was not saved: {error.strerror}. Try another folder or a USB stick."
            )
            return
        self.key_page.result.setText(
            f"Saved as {target}. Print it or move it somewhere safe, away from this laptop."
        )

    def print_sheet(self) -> None:
        """Print the recovery sheet (its PDF pages drawn onto the printer)."""
        from PySide6.QtPrintSupport import QPrintDialog

        from .printing import new_printer, print_pdf

        printer = new_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print recovery sheet")
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        printed = print_pdf(self.sheet_pdf(), printer)
        if printed:
            self.key_page.result.setText("Sent to the printer. Collect the sheet straight away.")
        else:
            self.key_page.result.setText(
                "The sheet could not be printed. Save it as a PDF instead and print that."
            )

    def copy_key(self) -> None:
        """Copy the key; it is taken off the clipboard again when the app locks or closes."""
        self._clipboard.copy(self.recovery_key())
        self.key_page.result.setText(
            "Copied. Paste it somewhere safe now: it is cleared from the clipboard when the "
            "app locks or closes."
        )
