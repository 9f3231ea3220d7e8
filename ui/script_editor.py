"""The conference script library (Tools ▸ Conference scripts…): every script with a preview of
how it reads; a shipped script can be copied, and an organisation's copy put in its own words
(ui/script_wording.py) or removed. Shipped scripts are never changed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from restorative_desk.resources import ResourceError
from restorative_desk.scripts.library import (
    copy_for_organisation,
    organisation_folder,
    remove_organisation_script,
    usable_scripts,
)
from restorative_desk.scripts.model import Script
from restorative_desk.scripts.preview import KIND_WORDS

from .script_preview import script_html
from .script_wording import ScriptWordingDialog
from .widgets import FieldMessage, confirm

__all__ = ["KEY_ROLE", "ScriptLibraryDialog", "ScriptWordingDialog", "script_line"]

KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the script key of a list row


def origin_words(script: Script) -> str:
    return "shipped, read-only" if script.shipped else "our wording"


def script_line(script: Script) -> str:
    """A script in the list: its title, then what kind, which version and whose it is."""
    kind = KIND_WORDS[script.kind]
    return f"{script.title}\n{kind} · version {script.version} · {origin_words(script)}"


class ScriptLibraryDialog(QDialog):
    """The scripts to choose from, each previewed as it reads in the room."""

    scripts_changed = Signal()  # a copy was made, saved or removed

    def __init__(self, parent: QWidget | None = None, *, facilitator: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Conference scripts")
        self._facilitator = facilitator
        self._scripts: dict[str, Script] = {}

        intro = QLabel(
            "Scripts give the words to say in the room. Those that come with the app stay as "
            "they are; make a copy of one to put it in your organisation's own words."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Scripts")
        self.list.setSpacing(5)
        self.list.setWordWrap(True)
        list_label = QLabel("&Scripts")
        list_label.setBuddy(self.list)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(list_label)
        left_layout.addWidget(self.list, 1)

        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        font = QFont(self.title_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title_label.setFont(font)
        self.about_label = QLabel()
        self.about_label.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.preview = QTextBrowser()
        self.preview.setAccessibleName("How the script reads, with sample names")
        self.preview.setOpenLinks(False)
        preview_font = self.preview.font()
        preview_font.setPointSizeF(preview_font.pointSizeF() * 1.1)
        self.preview.setFont(preview_font)
        self.preview.document().setDocumentMargin(12)
        self.copy_button = QPushButton("Make a &copy to adjust")
        self.edit_button = QPushButton("&Edit wording…")
        self.remove_button = QPushButton("&Remove copy…")
        actions = QHBoxLayout()
        for button in (self.copy_button, self.edit_button, self.remove_button):
            button.setAutoDefault(False)
            actions.addWidget(button)
        actions.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.title_label)
        right_layout.addWidget(self.about_label)
        right_layout.addWidget(self.summary_label)
        right_layout.addWidget(self.preview, 1)
        right_layout.addLayout(actions)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 720])

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("What happened")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()
        self.problem = FieldMessage()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.reload()
        self.resize(1100, 740)
        self.list.setFocus()

    @classmethod
    def show_for(cls, parent: QWidget | None, *, facilitator: str = "") -> None:
        """Open the library and wait until it is closed."""
        cls(parent, facilitator=facilitator).exec()

    # --- what it shows -----------------------------------------------------------------

    def script_keys(self) -> list[str]:
        """The listed scripts' keys, in order."""
        return [str(self.list.item(row).data(KEY_ROLE)) for row in range(self.list.count())]

    def current_script(self) -> Script | None:
        item = self.list.currentItem()
        return self._scripts.get(str(item.data(KEY_ROLE))) if item is not None else None

    def select(self, key: str) -> None:
        """Show the script with `key` (the first one when it is not listed)."""
        rows = self.script_keys()
        self.list.setCurrentRow(rows.index(key) if key in rows else 0)

    def reload(self, select: str = "") -> None:
        """Read the scripts again and show `select` (else the one shown before)."""
        current = self.current_script()
        keep = select or (current.key if current is not None else "")
        self.problem.clear_message()
        try:
            scripts, problems = usable_scripts()
        except (ResourceError, OSError) as error:
            scripts, problems = [], [" ".join(str(error).split())]
        if problems:
            self.problem.show_message(
                "Some of your organisation's script files could not be read, so they are not "
                "listed: " + " ".join(problems)
            )
        self._scripts = {script.key: script for script in scripts}
        self.list.blockSignals(True)
        self.list.clear()
        for script in scripts:
            item = QListWidgetItem(script_line(script))
            item.setData(KEY_ROLE, script.key)
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole, script_line(script).replace("\n", ", ")
            )
            self.list.addItem(item)
        self.list.blockSignals(False)
        if scripts:
            self.select(keep)
        self._show(self.current_script())

    def _show(self, script: Script | None) -> None:
        self.copy_button.setVisible(script is not None and script.shipped)
        self.edit_button.setVisible(script is not None and not script.shipped)
        self.remove_button.setVisible(script is not None and not script.shipped)
        if script is None:
            self.title_label.setText("No scripts to show")
            self.about_label.clear()
            self.summary_label.clear()
            self.preview.clear()
            return
        self.title_label.setText(script.title)
        kind = KIND_WORDS[script.kind]
        if script.shipped:
            about = (
                f"{kind} · version {script.version} · comes with the app, so it is read-only. "
                "Make a copy to put it in your own words."
            )
        else:
            about = (
                f"{kind} · version {script.version} · your organisation's wording, kept in "
                f"{organisation_folder()}"
            )
        self.about_label.setText(about)
        self.summary_label.setText(script.summary)
        self.preview.setHtml(script_html(script, facilitator=self._facilitator))

    def _tell(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    # --- slots ---------------------------------------------------------------------------

    def _on_list_current_item_changed(self) -> None:
        self._tell("")
        self._show(self.current_script())

    def _on_copy_button_clicked(self) -> None:
        script = self.current_script()
        if script is None or not script.shipped:
            return
        try:
            copy = copy_for_organisation(script)
        except (ResourceError, OSError, ValueError) as error:
            self.problem.show_message(f"No copy was made: {error}")
            return
        self.reload(select=copy.key)
        self._tell(
            f"Copied as “{copy.title}”. Choose Edit wording… to put it in your own words. "
            f"{script.title} stays as it was."
        )
        self.edit_button.setFocus()
        self.scripts_changed.emit()

    def _on_edit_button_clicked(self) -> None:
        script = self.current_script()
        if script is None or script.shipped:
            return
        saved = ScriptWordingDialog.ask(self, script, facilitator=self._facilitator)
        if saved is None:
            return
        self.reload(select=saved.key)
        if saved.version == script.version:
            self._tell("Nothing had changed, so nothing was saved.")
            return
        self._tell(f"Saved “{saved.title}” as version {saved.version}.")
        self.scripts_changed.emit()

    def _on_remove_button_clicked(self) -> None:
        script = self.current_script()
        if script is None or script.shipped:
            return
        if not confirm(
            self,
            "Remove this copy?",
            f"“{script.title}” will no longer be offered for new conferences. Conferences "
            "already held keep the name and version of the script they used.\n\nThe file is "
            "moved to the “earlier” folder beside your scripts, so it can be put back by hand.",
            "&Remove copy",
        ):
            return
        try:
            kept = remove_organisation_script(script)
        except (OSError, ValueError) as error:
            self.problem.show_message(f"The copy was not removed: {error}")
            return
        self.reload()
        self._tell(f"Removed “{script.title}”. Its file is kept as {kept}.")
        self.scripts_changed.emit()
