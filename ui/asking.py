"""Asking about unsaved typing, and asking with a dialog until what it gives is saved."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from restorative_desk.rules import Problem, ValidationError
from restorative_desk.store.errors import StoreError

T = TypeVar("T")


class SaveChoice(enum.Enum):
    """What to do with unsaved typing before moving on."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_to_save(
    parent: QWidget, text: str, question: str = "Do you want to save them?"
) -> SaveChoice:
    """Save, discard or keep editing: the one question about unsaved typing, worded per place."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Unsaved changes")
    box.setText(text)
    box.setInformativeText(question)
    save = box.addButton("&Save", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("&Discard changes", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("&Keep editing", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return SaveChoice.SAVE
    if clicked is discard:
        return SaveChoice.DISCARD
    return SaveChoice.CANCEL


def ask_until_saved(
    ask: Callable[[T | None, Problem | None], T | None],
    save: Callable[[T], object],
    draft: T | None,
) -> bool:
    """Ask with a dialog until what it gives is saved (True) or the user cancels (False).

    When the store refuses, the dialog opens again as it was typed, with the reason beside the
    field: nothing the user typed is lost.
    """
    problem: Problem | None = None
    while True:
        result = ask(draft, problem)
        if result is None:
            return False
        try:
            save(result)
        except ValidationError as error:
            draft, problem = result, Problem(error.field, error.message)
            continue
        except StoreError as error:
            draft, problem = result, Problem("", f"Not saved. {error}")
            continue
        return True
