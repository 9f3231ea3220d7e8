"""Settings: when the app locks, the passphrase, where backups go, how long cases are kept, and
the organisation's letterhead and consent policy."""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.documents.agreement import PAPER_SETTING_KEY, Paper
from restorative_desk.documents.letterhead import (
    MAX_DETAIL_LENGTH,
    OrganisationDetails,
    organisation_details,
    organisation_problems,
    read_logo,
    save_organisation_details,
)
from restorative_desk.formatting import format_date
from restorative_desk.preparation.records import PARENT_CONSENT_SETTING_KEY, ParentConsentPolicy
from restorative_desk.records import Setting
from restorative_desk.retention import (
    MAX_RETENTION_MONTHS,
    MIN_RETENTION_MONTHS,
    POLICY_NOTE,
    RETENTION_SETTING_KEY,
    retention_periods,
)
from restorative_desk.rules import Problem, ValidationError
from restorative_desk.security import (
    TooManyAttempts,
    VaultError,
    WrongPassphrase,
    change_passphrase,
    describe_policy,
    passphrase_problems,
    unlock,
)
from restorative_desk.store import Store, StoreError
from restorative_desk.store.audit import AuditAction
from restorative_desk.store.backup import backups_in, make_backup, prune_backups

from .locking import (
    AUTO_LOCK_KEY,
    MAX_AUTO_LOCK_MINUTES,
    MIN_AUTO_LOCK_MINUTES,
    auto_lock_minutes,
)
from .organisations_page import OrganisationsPage
from .preferences import BACKUP_FOLDER_KEY
from .widgets import FormMessages, ValueComboBox, tell

BACKUP_NOTE = "Backups are encrypted. Keep them on a separate drive such as an encrypted USB stick."
NO_BACKUPS = "No backups in this folder yet."
NO_FOLDER = "Choose a folder for backups first."
NO_LOGO = "No logo"
LOGO_PREVIEW_SIZE = (180, 90)

Clock = Callable[[], datetime]


class SettingsPage(enum.Enum):
    """The dialog's tabs, in order."""

    SECURITY = 0
    BACKUPS = 1
    RETENTION = 2
    ORGANISATION = 3
    SCHOOLS = 4


# -- small helpers the main window uses too ---------------------------------------------------


def backup_folder(settings: QSettings) -> Path | None:
    """The saved backup folder, if one was chosen."""
    text = str(settings.value(BACKUP_FOLDER_KEY, "") or "").strip()
    return Path(text) if text else None


def back_up_now(store: Store, folder: Path, now: datetime) -> str:
    """Make a backup in `folder` and tidy old ones; what happened, in words.

    Raises StoreError (BackupError) with a message for the user when it could not be made.
    """
    made = make_backup(store, folder, now=now)
    removed = prune_backups(folder)
    text = f"Backed up at {now:%H:%M} as {made.path.name}."
    if removed:
        older = "1 older backup" if len(removed) == 1 else f"{len(removed)} older backups"
        text += f" {older} no longer needed {'was' if len(removed) == 1 else 'were'} removed."
    return text


def inform(parent: QWidget, title: str, text: str) -> None:
    """Say that something went well (no decision needed)."""
    QMessageBox.information(parent, title, text)


def describe_backup_time(made_at: datetime) -> str:
    """A backup's time as "26 Nov 2026, 14:05"."""
    return f"{format_date(made_at.date())}, {made_at:%H:%M}"


def months_in_words(months: int) -> str:
    """12 -> "1 year", 30 -> "2 years 6 months", 5 -> "5 months"."""
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append("1 year" if years == 1 else f"{years} years")
    if rest or not years:
        parts.append("1 month" if rest == 1 else f"{rest} months")
    return " ".join(parts)


class _WaitCursor:
    """A busy cursor while slow work (key derivation, writing a backup) runs."""

    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc: object) -> None:
        QGuiApplication.restoreOverrideCursor()


def _password_field(accessible_name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    return field


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _saved_paper(store: Store) -> Paper:
    """The paper the documents are laid out for (A4 unless US Letter was chosen)."""
    try:
        return Paper(store.setting(PAPER_SETTING_KEY))
    except ValueError:
        return Paper.A4


def parent_consent_policy(store: Store) -> ParentConsentPolicy:
    """The saved parent or carer consent policy (every child, when none is saved)."""
    saved = store.setting(PARENT_CONSENT_SETTING_KEY, ParentConsentPolicy.ALL_CHILDREN.value)
    try:
        return ParentConsentPolicy(saved)
    except ValueError:
        return ParentConsentPolicy.ALL_CHILDREN


# -- changing the passphrase ------------------------------------------------------------------


class ChangePassphraseDialog(QDialog):
    """The current passphrase once, the new one twice; the key file is re-wrapped on accept."""

    def __init__(self, parent: QWidget | None, store: Store) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change passphrase")
        self._store = store
        self._changed = False
        self.current = _password_field("Current passphrase")
        self.new = _password_field("New passphrase")
        self.again = _password_field("New passphrase again")
        self.advice = _wrapped("")
        self.advice.setAccessibleName("How the new passphrase looks")
        self.advice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)

        self.messages = FormMessages()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.messages.add_row(form, "&Current passphrase", "current", self.current)
        self.messages.add_row(form, "&New passphrase", "new", self.new)
        self.messages.add_row(form, "New passphrase &again", "again", self.again)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.change_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.change_button.setText("Change passphrase")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped(describe_policy()))
        layout.addWidget(self.messages.general)
        layout.addLayout(form)
        layout.addWidget(self.advice)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.new.textChanged.connect(self._on_new_text_changed)
        self.again.textChanged.connect(self._on_new_text_changed)
        self._on_new_text_changed()
        self.current.setFocus()
        self.setMinimumWidth(520)
        self.resize(560, 380)

    @classmethod
    def ask(cls, parent: QWidget | None, store: Store) -> bool:
        """Show the dialog; True when the passphrase was changed."""
        dialog = cls(parent, store)
        dialog.exec()
        return dialog.changed()

    def changed(self) -> bool:
        """Whether the passphrase was changed."""
        return self._changed

    def problems(self) -> list[Problem]:
        """What to fix before the passphrase can be changed (the current one is checked later)."""
        if not self.current.text():
            return [Problem("current", "Type the passphrase you use now.")]
        new = self.new.text()
        found = [Problem("new", problem) for problem in passphrase_problems(new)]
        if found:
            return found
        if new == self.current.text():
            return [Problem("new", "That is the passphrase you use now. Choose a new one.")]
        if self.again.text() != new:
            return [Problem("again", "The two new passphrases are not the same yet.")]
        return []

    def accept(self) -> None:
        """Check the current passphrase and change it; close only when it worked."""
        problems = self.problems()
        if problems:
            self.messages.show(problems)
            return
        path = self._store.path
        if path is None:
            self.messages.show([Problem("", "A demo case file has no passphrase to change.")])
            return
        try:
            with _WaitCursor():
                unlocked = unlock(path, self.current.text())
                change_passphrase(path, unlocked.key, self.new.text())
        except WrongPassphrase:
            self.current.selectAll()
            self.messages.show(
                [Problem("current", "That isn't the passphrase you use now. Please try again.")]
            )
            return
        except TooManyAttempts as error:
            self.messages.show([Problem("current", str(error))])
            return
        except (VaultError, OSError) as error:
            self.messages.show([Problem("", f"The passphrase was not changed: {error}")])
            return
        self._changed = True
        # The change itself is done; a file that cannot be written to cannot note it.
        with contextlib.suppress(StoreError):
            self._store.record_event(AuditAction.UPDATE, record_type="passphrase")
        super().accept()

    def _on_new_text_changed(self, _text: str = "") -> None:
        new = self.new.text()
        if not new:
            words = "Type a new passphrase to see whether it is strong enough."
        else:
            problems = passphrase_problems(new)
            if problems:
                words = " ".join(problems)
            elif self.again.text() and self.again.text() != new:
                words = "Good passphrase. The two new passphrases are not the same yet."
            elif self.again.text() == new:
                words = "Good passphrase, typed the same twice."
            else:
                words = "Good passphrase. Now type it again below."
        self.advice.setText(words)


# -- the settings dialog ----------------------------------------------------------------------


class SettingsDialog(QDialog):
    """Security, backups, retention and the organisation in tabs; Save keeps what changed."""

    def __init__(
        self,
        parent: QWidget | None,
        store: Store,
        settings: QSettings,
        *,
        clock: Clock = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self._store = store
        self._settings = settings
        self._clock = clock
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Settings sections")
        self.tabs.addTab(self._build_security(), "&Security")
        self.tabs.addTab(self._build_backups(), "&Backups")
        self.tabs.addTab(self._build_retention(), "&Retention")
        self.tabs.addTab(self._build_organisation(), "&Organisation")
        self.organisations_page = OrganisationsPage(store)
        self.tabs.addTab(self.organisations_page, "Sc&hools and others")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self._show_backups()
        self.resize(620, 460)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        store: Store,
        settings: QSettings,
        *,
        page: SettingsPage = SettingsPage.SECURITY,
    ) -> bool:
        """Show the dialog on `page`; True when the user saved."""
        dialog = cls(parent, store, settings)
        dialog.show_page(page)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def show_page(self, page: SettingsPage) -> None:
        """Bring one tab to the front."""
        self.tabs.setCurrentIndex(page.value)

    # -- building ---------------------------------------------------------------------------

    def _build_security(self) -> QWidget:
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(MIN_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES)
        self.auto_lock.setSuffix(" minutes")
        self.auto_lock.setValue(auto_lock_minutes(self._settings))
        self.auto_lock.setAccessibleName("Lock after this many minutes without use")
        self.change_passphrase_button = QPushButton("&Change passphrase…")
        self.change_passphrase_button.setAccessibleName("Change passphrase")
        self.change_passphrase_button.setEnabled(
            self._store.path is not None and not self._store.read_only
        )
        self.change_passphrase_button.clicked.connect(self._on_change_passphrase_button_clicked)
        self.passphrase_note = _wrapped(
            "The passphrase opens this case file. Backups keep the passphrase of the day "
            "they were made."
        )

        page = QWidget()
        row = QHBoxLayout()
        label = QLabel("&Lock after")
        label.setBuddy(self.auto_lock)
        row.addWidget(label)
        row.addWidget(self.auto_lock)
        row.addWidget(QLabel("without use"))
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(
            _wrapped(
                "When nobody has used Restorative Desk for this long, it locks and asks for "
                "the passphrase again."
            )
        )
        layout.addSpacing(12)
        layout.addWidget(self.passphrase_note)
        layout.addWidget(self.change_passphrase_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    def _build_backups(self) -> QWidget:
        saved = backup_folder(self._settings)
        self.folder = QLineEdit(str(saved) if saved else "")
        self.folder.setAccessibleName("Backup folder")
        self.folder.setPlaceholderText("For example your encrypted USB stick")
        self.choose_button = QPushButton("C&hoose…")
        self.choose_button.setAccessibleName("Choose backup folder")
        self.backup_list = QListWidget()
        self.backup_list.setAccessibleName("Backups in this folder")
        self.backup_status = _wrapped("")
        self.backup_status.setAccessibleName("Backups")
        self.back_up_button = QPushButton("Back &up now")
        self.back_up_result = _wrapped("")
        self.back_up_result.setAccessibleName("Last backup")
        self.back_up_result.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.back_up_result.hide()

        page = QWidget()
        folder_row = QHBoxLayout()
        folder_label = QLabel("Backup &folder")
        folder_label.setBuddy(self.folder)
        folder_row.addWidget(folder_label)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_button)
        list_label = QLabel("Backups &in this folder, newest first")
        list_label.setBuddy(self.backup_list)
        note = _wrapped(BACKUP_NOTE)
        layout = QVBoxLayout(page)
        layout.addLayout(folder_row)
        layout.addWidget(note)
        layout.addSpacing(8)
        layout.addWidget(list_label)
        layout.addWidget(self.backup_list, 4)
        layout.addWidget(self.backup_status)
        layout.addWidget(self.back_up_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.back_up_result)
        # Keeps the rows together at the top when the list is hidden (no backups yet).
        layout.addStretch(1)

        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.folder.editingFinished.connect(self._show_backups)
        self.folder.textChanged.connect(self._on_folder_text_changed)
        self.back_up_button.clicked.connect(self._on_back_up_button_clicked)
        return page

    def _build_retention(self) -> QWidget:
        periods = retention_periods(self._store.setting(RETENTION_SETTING_KEY))
        self._saved_periods = periods
        note = _wrapped(POLICY_NOTE)
        font = note.font()
        font.setBold(True)
        note.setFont(font)
        note.setAccessibleName("Retention policy")
        self.retention: dict[Setting, QSpinBox] = {}
        self._in_years: dict[Setting, QLabel] = {}
        form = QFormLayout()
        for setting in Setting:
            box = QSpinBox()
            box.setRange(MIN_RETENTION_MONTHS, MAX_RETENTION_MONTHS)
            box.setSuffix(" months")
            box.setValue(periods[setting])
            box.setAccessibleName(f"Keep closed {setting.label} cases for (months)")
            box.setEnabled(not self._store.read_only)
            years = QLabel(f"({months_in_words(periods[setting])})")
            box.valueChanged.connect(
                lambda value, label=years: label.setText(f"({months_in_words(value)})")
            )
            row = QHBoxLayout()
            row.addWidget(box)
            row.addWidget(years)
            row.addStretch(1)
            label = QLabel(setting.label)
            label.setBuddy(box)
            form.addRow(label, row)
            self.retention[setting] = box
            self._in_years[setting] = years

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(note)
        layout.addSpacing(8)
        layout.addWidget(_wrapped("Keep closed cases for:"))
        layout.addLayout(form)
        layout.addWidget(
            _wrapped(
                "Cases past their period are listed under Tools, Cases past retention, for "
                "you to review and erase. Nothing is erased by itself."
            )
        )
        layout.addStretch(1)
        return page

    def _build_organisation(self) -> QWidget:
        saved = organisation_details(self._store)
        self._saved_details = saved
        self._logo = saved.logo
        writable = not self._store.read_only
        self.organisation_name = QLineEdit(saved.name)
        self.organisation_name.setAccessibleName("Organisation name")
        self.organisation_name.setPlaceholderText("For example Oakfield Restorative Team")
        self.organisation_contact = QLineEdit(saved.contact)
        self.organisation_contact.setAccessibleName("Contact for questions")
        self.organisation_contact.setPlaceholderText("A phone number or email address")
        for field in (self.organisation_name, self.organisation_contact):
            field.setMaxLength(MAX_DETAIL_LENGTH)
            field.setEnabled(writable)
        self.logo_preview = QLabel()
        self.logo_preview.setAccessibleName("Logo")
        self.logo_preview.setFixedSize(*LOGO_PREVIEW_SIZE)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.choose_logo_button = QPushButton("Choose lo&go…")
        self.choose_logo_button.setAccessibleName("Choose logo")
        self.remove_logo_button = QPushButton("Re&move logo")
        self.remove_logo_button.setAccessibleName("Remove logo")
        self.choose_logo_button.setEnabled(writable)
        self.parent_consent = ValueComboBox(
            [(policy.label, policy) for policy in ParentConsentPolicy],
            "Parent or carer consent needed",
        )
        self._saved_policy = parent_consent_policy(self._store)
        self.parent_consent.set_value(self._saved_policy)
        self.parent_consent.setEnabled(writable)

        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.choose_logo_button)
        logo_buttons.addWidget(self.remove_logo_button)
        logo_buttons.addStretch(1)
        logo_row = QWidget()
        logo_layout = QHBoxLayout(logo_row)
        logo_layout.setContentsMargins(0, 0, 0, 0)
        logo_layout.addWidget(self.logo_preview)
        logo_layout.addLayout(logo_buttons)
        logo_layout.addStretch(1)
        # The logo row takes focus through its first button, so the label's mnemonic works.
        logo_row.setFocusProxy(self.choose_logo_button)

        self.organisation_messages = FormMessages()
        letterhead = QFormLayout()
        letterhead.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        add = self.organisation_messages.add_row
        add(letterhead, "Organisation &name", "name", self.organisation_name)
        add(letterhead, "Contact for &questions", "contact", self.organisation_contact)
        add(letterhead, "Logo", "logo", logo_row)
        consent = QFormLayout()
        consent.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        consent_label = QLabel("&Parent or carer consent")
        consent_label.setBuddy(self.parent_consent)
        consent.addRow(consent_label, self.parent_consent)
        self.paper = ValueComboBox([(paper.label, paper) for paper in Paper], "Paper size")
        self._saved_paper = _saved_paper(self._store)
        self.paper.set_value(self._saved_paper)
        self.paper.setEnabled(writable)
        paper_label = QLabel("Paper si&ze")
        paper_label.setBuddy(self.paper)
        letterhead.addRow(paper_label, self.paper)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            _wrapped(
                "Letters and forms carry this letterhead. Without a name here, each case's "
                "own organisation is used. The logo is a PNG or JPEG picture of at most 1 MB."
            )
        )
        layout.addWidget(self.organisation_messages.general)
        layout.addLayout(letterhead)
        layout.addSpacing(12)
        layout.addLayout(consent)
        layout.addWidget(
            _wrapped(
                "Whether a parent's or carer's consent is needed, as well as a child's own, "
                "before the child takes part."
            )
        )
        layout.addStretch(1)

        self.choose_logo_button.clicked.connect(self._on_choose_logo_button_clicked)
        self.remove_logo_button.clicked.connect(self._on_remove_logo_button_clicked)
        self._show_logo()
        return page

    # -- the organisation ------------------------------------------------------------------

    def logo(self) -> bytes | None:
        """The logo as chosen (not necessarily saved yet)."""
        return self._logo

    def choose_logo(self, path: Path) -> bool:
        """Use the picture at `path` as the logo; False (with the reason shown) when it will not do.

        A file that will not do leaves the logo as it was.
        """
        try:
            logo = read_logo(path)
        except ValidationError as error:
            self.organisation_messages.show([Problem(error.field, error.message)])
            return False
        self.organisation_messages.messages["logo"].clear_message()
        self._logo = logo
        self._show_logo()
        return True

    def organisation(self) -> OrganisationDetails:
        """The organisation's details as the form stands."""
        return OrganisationDetails(
            self.organisation_name.text().strip(),
            self.organisation_contact.text().strip(),
            self._logo,
        )

    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self._logo and pixmap.loadFromData(QByteArray(self._logo)):
            width, height = LOGO_PREVIEW_SIZE
            self.logo_preview.setPixmap(
                pixmap.scaled(
                    width - 8,
                    height - 8,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            self.logo_preview.setAccessibleDescription("A logo is chosen")
        else:
            self.logo_preview.clear()
            self.logo_preview.setText(NO_LOGO if not self._logo else "Cannot show this picture")
            self.logo_preview.setAccessibleDescription(self.logo_preview.text())
        self.remove_logo_button.setEnabled(self._logo is not None and not self._store.read_only)

    def _on_choose_logo_button_clicked(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Choose the logo", str(Path.home()), "Pictures (*.png *.jpg *.jpeg)"
        )
        if chosen:
            self.choose_logo(Path(chosen))

    def _on_remove_logo_button_clicked(self) -> None:
        self._logo = None
        self.organisation_messages.messages["logo"].clear_message()
        self._show_logo()
        self.choose_logo_button.setFocus()

    # -- backups ---------------------------------------------------------------------------

    def chosen_folder(self) -> Path | None:
        """The folder typed or chosen (not necessarily saved yet)."""
        text = self.folder.text().strip()
        return Path(text).expanduser() if text else None

    def _show_backups(self) -> None:
        self.backup_list.clear()
        folder = self.chosen_folder()
        if folder is None:
            self.backup_status.setText(NO_FOLDER)
        elif not folder.is_dir():
            self.backup_status.setText(
                "This folder is not there. If it is on a USB stick, is the stick plugged in?"
            )
        else:
            backups = backups_in(folder)
            for backup in backups:
                self.backup_list.addItem(describe_backup_time(backup.made_at))
                self.backup_list.item(self.backup_list.count() - 1).setToolTip(backup.path.name)
            if not backups:
                self.backup_status.setText(NO_BACKUPS)
            else:
                count = "1 backup" if len(backups) == 1 else f"{len(backups)} backups"
                self.backup_status.setText(
                    f"{count}. The newest of each of the last 7 days and 4 weeks are kept."
                )
        self.backup_list.setVisible(self.backup_list.count() > 0)
        can_back_up = (
            folder is not None
            and folder.is_dir()
            and self._store.path is not None
            and not self._store.read_only
        )
        self.back_up_button.setEnabled(can_back_up)

    def _on_folder_text_changed(self, _text: str) -> None:
        self.back_up_result.hide()

    def _on_choose_button_clicked(self) -> None:
        start = self.folder.text().strip() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, "Choose the backup folder", start)
        if chosen:
            self.folder.setText(chosen)
            self._show_backups()

    def _on_back_up_button_clicked(self) -> None:
        folder = self.chosen_folder()
        if folder is None:
            return
        try:
            with _WaitCursor():
                text = back_up_now(self._store, folder, self._clock())
        except StoreError as error:
            text = f"No backup was made. {error}"
        else:
            # A folder that worked is worth keeping even if the dialog is cancelled.
            self._settings.setValue(BACKUP_FOLDER_KEY, str(folder))
        self._show_backups()
        self.back_up_result.setText(text)
        self.back_up_result.show()

    # -- security ----------------------------------------------------------------------------

    def _on_change_passphrase_button_clicked(self) -> None:
        if ChangePassphraseDialog.ask(self, self._store):
            self.passphrase_note.setText(
                "Your passphrase is changed. Backups made before now still open with the "
                "passphrase of their day."
            )

    # -- saving ------------------------------------------------------------------------------

    def periods(self) -> dict[Setting, int]:
        """The retention periods as the form stands."""
        return {setting: box.value() for setting, box in self.retention.items()}

    def accept(self) -> None:
        """Save what changed; the dialog stays open if something needs fixing or the case file
        refused."""
        details = self.organisation()
        if details != self._saved_details:
            problems = organisation_problems(details)
            if problems:
                self.show_page(SettingsPage.ORGANISATION)
                self.organisation_messages.show(problems)
                return
        periods = self.periods()
        if periods != self._saved_periods:
            try:
                self._store.set_setting(
                    RETENTION_SETTING_KEY,
                    {setting.value: months for setting, months in periods.items()},
                )
            except StoreError as error:
                self.show_page(SettingsPage.RETENTION)
                tell(self, "Settings not saved", str(error))
                return
            self._saved_periods = periods
        if not self._save_organisation(details):
            return
        self._settings.setValue(AUTO_LOCK_KEY, self.auto_lock.value())
        folder = self.chosen_folder()
        self._settings.setValue(BACKUP_FOLDER_KEY, str(folder) if folder else "")
        self._settings.sync()
        super().accept()

    def _save_organisation(self, details: OrganisationDetails) -> bool:
        """Save the organisation's details and consent policy when they changed."""
        policy = self.parent_consent.value()
        try:
            if details != self._saved_details:
                self._saved_details = save_organisation_details(self._store, details)
            if policy is not self._saved_policy:
                self._store.set_setting(PARENT_CONSENT_SETTING_KEY, policy.value)
                self._saved_policy = policy
            paper = self.paper.value()
            if paper is not self._saved_paper:
                self._store.set_setting(PAPER_SETTING_KEY, paper.value)
                self._saved_paper = paper
        except ValidationError as error:
            self.show_page(SettingsPage.ORGANISATION)
            self.organisation_messages.show([Problem(error.field, error.message)])
            return False
        except StoreError as error:
            self.show_page(SettingsPage.ORGANISATION)
            tell(self, "Settings not saved", str(error))
            return False
        return True
