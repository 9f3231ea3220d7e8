"""Asking about unsaved typing, and asking with a dialog until what it gives is saved."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from restorative_desk.rules import Problem, ValidationError
from restorative_desk.store.errors import StoreError

from .widgets import FormMessages

T = TypeVar("T")
C = TypeVar("C")


class SaveChoice(enum.Enum):
    """What to do with unsaved typing before moving on."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_three_ways(
    parent: QWidget,
    title: str,
    text: str,
    question: str,
    choices: tuple[tuple[str, C], tuple[str, C], tuple[str, C]],
) -> C:
    """A question with three answers: (go on, the risky one, stay where you are), each a
    button label and the value it gives; Enter gives the first, Escape the last."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(question)
    roles = (
        QMessageBox.ButtonRole.AcceptRole,
        QMessageBox.ButtonRole.DestructiveRole,
        QMessageBox.ButtonRole.RejectRole,
    )
    buttons = [box.addButton(label, role) for (label, _), role in zip(choices, roles, strict=True)]
    box.setDefaultButton(buttons[0])
    box.setEscapeButton(buttons[2])
    box.exec()
    clicked = box.clickedButton()
    chosen = next((i for i, button in enumerate(buttons) if button is clicked), 2)
    return choices[chosen][1]


def ask_to_save(
    parent: QWidget, text: str, question: str = "Do you want to save them?"
) -> SaveChoice:
    """Save, discard or keep editing: the one question about unsaved typing, worded per place."""
    return ask_three_ways(
        parent,
        "Unsaved changes",
        text,
        question,
        (
            ("&Save", SaveChoice.SAVE),
            ("&Discard changes", SaveChoice.DISCARD),
            ("&Keep editing", SaveChoice.CANCEL),
        ),
    )


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


def saved_or_shown(
    messages: FormMessages,
    save: Callable[[], T],
    not_saved: str,
    *,
    field: Callable[[str], str] = lambda name: name,
) -> T | None:
    """Run one store write for a form: what it saved, or None with the reason shown beside the
    field it concerns (`field` maps the store's field names to the form's), typing kept."""
    try:
        return save()
    except ValidationError as error:
        messages.show([Problem(field(error.field), error.message)])
    except StoreError as error:
        messages.show([Problem("", f"{not_saved} {error}")])
    return None
