"""The script library and the wording editor: scripts listed and previewed with sample names,
a shipped script copied, its wording adjusted and saved as the next version, a refused save
that keeps the typing, and a copy removed. Modal dialogs are never run: ask/confirm are
replaced."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from restorative_desk.scripts.library import SCRIPTS_ENV, copy_for_organisation, find_available
from restorative_desk.scripts.model import Script
from restorative_desk.store import Store
from restorative_desk.wording import RoleWording
from ui import script_editor, script_wording
from ui.main_window import MainWindow
from ui.script_editor import ScriptLibraryDialog
from ui.script_wording import CHANGED_MARK, ScriptWordingDialog

from .helpers import Answers


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    chosen = tmp_path / "our scripts"
    monkeypatch.setenv(SCRIPTS_ENV, str(chosen))
    return chosen


@pytest.fixture
def library(qtbot: QtBot, folder: Path) -> ScriptLibraryDialog:
    dialog = ScriptLibraryDialog(facilitator="Siobhán Nguyễn")
    qtbot.addWidget(dialog)
    return dialog


def shipped(key: str) -> Script:
    found = find_available(key)
    assert found is not None
    return found


def test_the_library_lists_every_script_and_previews_it_with_sample_names(
    library: ScriptLibraryDialog,
) -> None:
    assert len(library.script_keys()) == 7 and "full_conference" in library.script_keys()
    library.select("restorative_conversation")
    assert library.title_label.text() == "Restorative conversation"
    assert "read-only" in library.about_label.text()
    assert "Restorative conversation\nConversation · version 1 · shipped, read-only" in [
        library.list.item(row).text() for row in range(library.list.count())
    ]
    text = library.preview.toPlainText()
    assert "Sam, what happened?" in text and "Alex, what did you think" in text
    assert "{name}" not in text and "Let Sam tell it their way" in text
    assert "To the person responsible" in text and "1. Starting" in text
    library.select("full_conference")
    assert "My name is Siobhán Nguyễn, from your organisation" in library.preview.toPlainText()
    assert library.copy_button.isVisibleTo(library)
    assert not library.edit_button.isVisibleTo(library)
    assert not library.remove_button.isVisibleTo(library)


def test_copy_then_edit_then_save_makes_the_next_version(
    qtbot: QtBot, library: ScriptLibraryDialog, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library.select("restorative_conversation")
    with qtbot.waitSignal(library.scripts_changed):
        library.copy_button.click()
    copy = library.current_script()
    assert copy is not None and copy.key == "restorative_conversation_ours"
    assert (folder / "restorative_conversation_ours.json").exists()
    assert "organisation's wording" in library.about_label.text()
    assert "Copied as" in library.status.text()
    assert library.edit_button.isVisibleTo(library)
    assert not library.copy_button.isVisibleTo(library)

    editor = ScriptWordingDialog(copy, facilitator="Siobhán")
    qtbot.addWidget(editor)
    editor.title_edit.setText("Talking it through — Zoë's school")
    editor.select_step("responsible", "what_happened")
    editor.say_edit.setPlainText("{name}, can you tell me what happened, Łukasz-style?")
    assert "Sam, can you tell me what happened" in editor.preview.toPlainText()
    assert editor.steps.currentItem().text().strip().startswith(CHANGED_MARK.strip())
    editor.select_step("start", "attendance")  # a note for the facilitator: guidance only
    assert not editor.say_edit.isVisibleTo(editor) and editor.facilitator_note.isVisibleTo(editor)
    editor.guidance_edit.setPlainText("Somewhere quiet — Nguyễn's room.")
    assert "2 steps changed" in editor.changes_label.text()
    editor.select_step("responsible", "what_happened")  # typing is kept when moving about
    assert editor.say_edit.toPlainText().endswith("Łukasz-style?")
    editor.accept()
    saved = editor.saved()
    assert saved is not None and saved.version == 2
    assert saved.title == "Talking it through — Zoë's school"

    monkeypatch.setattr(ScriptWordingDialog, "ask", Answers(saved))
    with qtbot.waitSignal(library.scripts_changed):
        library.edit_button.click()
    assert library.current_script() == saved
    assert "version 2" in library.about_label.text() and "Saved" in library.status.text()
    assert "Sam, can you tell me what happened, Łukasz-style?" in library.preview.toPlainText()
    assert shipped("restorative_conversation").title == "Restorative conversation"


def test_a_refused_save_keeps_the_typing_and_says_why(
    qtbot: QtBot, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = copy_for_organisation(shipped("restorative_conversation"))
    before = copy.source.read_bytes()
    editor = ScriptWordingDialog(copy)
    qtbot.addWidget(editor)
    editor.select_step("harmed", "impact")
    editor.say_edit.setPlainText("{nmae}, what impact has this had on you, Zoë?")
    assert "{nmae} is not a name the app knows" in editor.step_problem.text()
    editor.select_step("start", "welcome")
    editor.accept()
    assert editor.saved() is None and copy.source.read_bytes() == before
    assert editor.message.text().startswith("Not saved: Unknown placeholder {nmae}")
    assert "still here" in editor.message.text()
    assert editor.current_place() == ("harmed", "impact")  # taken to the step to fix
    assert editor.say_edit.toPlainText() == "{nmae}, what impact has this had on you, Zoë?"

    # Leaving with changes asks first; saying no keeps the dialog and the typing.
    asked = Answers(False)
    monkeypatch.setattr(script_wording, "confirm", asked)
    editor.reject()
    assert asked.calls and editor.wording()[("harmed", "impact")][0].endswith("Zoë?")
    editor.say_edit.setPlainText("{name}, what impact has this had on you?")
    assert editor.step_problem.isHidden()
    editor.accept()
    assert editor.saved() is not None and editor.saved().version == 2  # type: ignore[union-attr]


def test_removing_a_copy_asks_first(
    qtbot: QtBot, library: ScriptLibraryDialog, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = copy_for_organisation(shipped("circle"))
    library.reload(select=copy.key)
    assert library.remove_button.isVisibleTo(library)
    monkeypatch.setattr(script_editor, "confirm", Answers(False, True))
    library.remove_button.click()
    assert copy.key in library.script_keys() and copy.source.exists()
    with qtbot.waitSignal(library.scripts_changed):
        library.remove_button.click()
    assert copy.key not in library.script_keys() and not copy.source.exists()
    assert "Removed" in library.status.text() and (folder / "earlier").is_dir()


def test_a_broken_file_of_ours_is_named_and_the_rest_still_listed(
    library: ScriptLibraryDialog, folder: Path
) -> None:
    folder.mkdir()
    (folder / "broken.json").write_text("{\n  oops\n}\n", encoding="utf-8")
    library.reload()
    assert len(library.script_keys()) == 7
    assert "broken.json, line 2" in library.problem.text() and library.problem.isVisibleTo(library)


def test_the_tools_menu_opens_the_library(
    qtbot: QtBot,
    store: Store,
    wording: RoleWording,
    settings: QSettings,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = MainWindow(store, wording, settings)
    qtbot.addWidget(window)
    shown = Answers(None)
    monkeypatch.setattr(ScriptLibraryDialog, "show_for", shown)
    window._tools.scripts_action.trigger()
    assert shown.calls == [((window,), {"facilitator": store.actor})]
