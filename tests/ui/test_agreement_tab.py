"""The Agreement tab: start from a conference's actions, write the draft with gentle checks,
agree and freeze it, change it as a new version, review it and close it."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from restorative_desk.agreements.records import (
    ActionResult,
    AgreementAction,
    AgreementStatus,
    SignoffHow,
)
from restorative_desk.conference.records import ProposedAction
from restorative_desk.records import Case, Person, Status
from restorative_desk.rules import MAX_LONG_TEXT
from restorative_desk.store import Store
from restorative_desk.wording import RoleWording
from tests.ui.conference_helpers import ready_case, start_run
from ui.agreement_parts import ActionDialog, AgreeDialog, ChangeDialog
from ui.agreement_tab import AgreementTab
from ui.review_dialog import CloseDialog, ReviewDialog


def _conference_case(store: Store) -> tuple[Case, dict[str, Person]]:
    case, people = ready_case(store)
    run = start_run(store, case)
    store.save_proposed_action(ProposedAction(run.id, case.id, "Say sorry to Zoë",
                                              who="Luke", by_when=date(2026, 12, 4)))
    store.save_proposed_action(ProposedAction(run.id, case.id, "Return the phone case",
                                              who="Luke"))
    return store.get_case(case.id), people


def _whats(store: Store, case: Case) -> list[str]:
    agreement = store.current_agreement(case.id)
    assert agreement is not None
    return [action.what for action in agreement.actions]


def _tab(qtbot: QtBot, store: Store, wording: RoleWording, case: Case) -> AgreementTab:
    tab = AgreementTab(store, wording)
    qtbot.addWidget(tab)
    tab.show_case(case)
    return tab


def _agree(qtbot: QtBot, store: Store, wording: RoleWording, tab: AgreementTab,
           people: dict[str, Person], monkeypatch: pytest.MonkeyPatch) -> None:
    """Agree the draft shown: Zoë signed, Luke agreed out loud."""
    agreement = tab.agreement()
    assert agreement is not None

    def answer(parent: object, *args: object) -> object:
        dialog = AgreeDialog(None, store, agreement, list(people.values()), wording,
                             tab._case.setting)  # type: ignore[union-attr]
        qtbot.addWidget(dialog)
        dialog.set_how(people["zoe"].id, SignoffHow.SIGNED)
        dialog.set_how(people["luke"].id, SignoffHow.VERBAL)
        dialog.accept()
        return dialog.result_agreement()

    monkeypatch.setattr(AgreeDialog, "ask", answer)
    with qtbot.waitSignal(tab.agreement_changed):
        tab.agree_button.click()


def test_starting_carries_over_the_conference_actions(
    qtbot: QtBot, store: Store, wording: RoleWording
) -> None:
    case, _people = _conference_case(store)
    tab = _tab(qtbot, store, wording, case)
    assert "2 actions proposed at the conference" in tab.note.text()
    assert not tab.body.isVisibleTo(tab)
    with qtbot.waitSignal(tab.agreement_changed):
        tab.start_button.click()
    assert tab.body.isVisibleTo(tab)
    texts = tab.action_list.texts()
    assert texts[0].startswith("1. Luke: Say sorry to Zoë")
    # Gentle checks beside each action, never blocking.
    assert "⚠ It does not say how everyone will know it is done." in texts[0]
    assert "⚠ There is no date for this yet." in texts[1]
    assert "Version 1 · Draft" in tab.heading.text()


def test_starting_without_a_conference(qtbot: QtBot, store: Store, wording: RoleWording) -> None:
    case, _people = ready_case(store)
    tab = _tab(qtbot, store, wording, case)
    assert "without" not in tab.note.text() and "restorative conversation" in tab.note.text()
    tab.start_button.click()
    assert tab.no_actions.isVisibleTo(tab)
    assert tab.agreement() is not None and tab.agreement().actions == ()  # type: ignore[union-attr]


def test_editing_the_draft_with_warnings_for_vague_and_punitive_words(
    qtbot: QtBot, store: Store, wording: RoleWording, monkeypatch: pytest.MonkeyPatch
) -> None:
    case, _people = ready_case(store)
    tab = _tab(qtbot, store, wording, case)
    tab.start_button.click()
    tab.summary.setPlainText("Łukasz took Zoë's phone; the punishment is not the point.")
    tab.own_words.setPlainText("I'm going to say sorry to Zoë properly — Łukasz")
    assert tab.has_changes()
    assert "“punishment” can sound like a punishment" in tab.overall_warnings.text()

    action = AgreementAction(what="Łukasz will try to be better at lunch", who="Łukasz",
                             by_when=date(2026, 12, 10), how_known="Siobhán will ask Zoë")
    monkeypatch.setattr(ActionDialog, "ask", classmethod(lambda cls, *a, **k: action))
    with qtbot.waitSignal(tab.agreement_changed):
        tab.add_button.click()
    text = tab.action_list.texts()[0]
    assert "⚠ “will try” is hard to check" in text
    assert "⚠ “be better” is hard to check" in text
    saved = store.current_agreement(case.id)
    assert saved is not None and saved.summary.startswith("Łukasz took Zoë's phone")
    assert saved.own_words == "I'm going to say sorry to Zoë properly — Łukasz"
    assert saved.actions[0].what == action.what
    assert not tab.has_changes()

    second = AgreementAction(what="Help tidy the library, not a detention", who="Łukasz",
                             by_when=date(2026, 12, 11), how_known="Ms Shah will see it")
    monkeypatch.setattr(ActionDialog, "ask", classmethod(lambda cls, *a, **k: second))
    tab.add_button.click()
    assert "“detention” can sound like a punishment" in tab.action_list.texts()[1]
    # Move the second up, then remove the first.
    tab.action_list.setCurrentRow(1)
    tab.up_button.click()
    assert _whats(store, case)[0] == second.what
    monkeypatch.setattr(tab, "confirm", lambda *a: True)
    tab.action_list.setCurrentRow(1)
    tab.remove_button.click()
    assert _whats(store, case) == [second.what]


def test_a_problem_is_shown_inline_and_the_typing_kept(
    qtbot: QtBot, store: Store, wording: RoleWording
) -> None:
    case, _people = ready_case(store)
    tab = _tab(qtbot, store, wording, case)
    tab.start_button.click()
    tab.summary.setPlainText("Zoë " * (MAX_LONG_TEXT // 4 + 1))
    assert not tab.save()
    assert tab.messages.messages["summary"].isVisibleTo(tab)
    assert tab.summary.toPlainText().startswith("Zoë Zoë")


def test_the_action_dialog_checks_as_you_type(qtbot: QtBot, store: Store) -> None:
    dialog = ActionDialog(None, None, today=store.today())
    qtbot.addWidget(dialog)
    dialog.what.setPlainText("Jay will behave")
    assert "“behave” is hard to check" in dialog.warnings.text()
    dialog.accept()
    assert dialog.result_action() is not None  # a suggestion never blocks
    empty = ActionDialog(None, None, today=store.today())
    qtbot.addWidget(empty)
    empty.accept()
    assert empty.result_action() is None
    assert "write what will be done" in empty.messages.messages["what"].text()


def test_agreeing_freezes_and_a_change_makes_version_two(
    qtbot: QtBot, store: Store, wording: RoleWording, monkeypatch: pytest.MonkeyPatch
) -> None:
    case, people = _conference_case(store)
    tab = _tab(qtbot, store, wording, case)
    tab.start_button.click()
    _agree(qtbot, store, wording, tab, people, monkeypatch)
    assert "✓ Agreed on 26 Nov 2026" in tab.heading.text()
    assert "Zoë Nguyễn (signed, 26 Nov 2026), Luke (out loud, 26 Nov 2026)" in tab.note.text()
    assert tab.summary.isReadOnly() and tab.own_words.isReadOnly()
    assert not tab.add_button.isEnabled() and not tab.review_date.isEnabled()
    assert tab.save_button.isHidden() and not tab.change_button.isHidden()
    assert "⚠" not in "".join(tab.action_list.texts())

    agreed = tab.agreement()
    assert agreed is not None

    def change(cls: object, parent: object, store_: Store, agreement: object) -> object:
        dialog = ChangeDialog(None, store, agreed)
        qtbot.addWidget(dialog)
        dialog.reason.setPlainText("Zoë asked for the apology after the holiday")
        dialog.accept()
        return dialog.result_agreement()

    monkeypatch.setattr(ChangeDialog, "ask", classmethod(change))
    tab.change_button.click()
    assert "Version 2 · Draft" in tab.heading.text()
    assert "Version 1 stays in force" in tab.note.text()
    assert not tab.summary.isReadOnly()
    items = [tab.versions.topLevelItem(i) for i in range(tab.versions.topLevelItemCount())]
    rows = [[item.text(c) for c in range(4)] for item in items if item is not None]
    assert rows == [
        ["Version 1", "Agreed", "26 Nov 2026", "The first version"],
        ["Version 2", "Draft", "Not agreed yet", "Zoë asked for the apology after the holiday"],
    ]


def test_a_review_is_recorded_and_the_agreement_closed_with_a_letter_offered(
    qtbot: QtBot, store: Store, wording: RoleWording, monkeypatch: pytest.MonkeyPatch
) -> None:
    case, people = _conference_case(store)
    store.move_case(case.id, Status.CONFERENCE_HELD)
    tab = _tab(qtbot, store, wording, case)
    tab.start_button.click()
    _agree(qtbot, store, wording, tab, people, monkeypatch)
    agreed = tab.agreement()
    assert agreed is not None

    def review(cls: object, *args: object) -> object:
        dialog = ReviewDialog(None, store, agreed)
        qtbot.addWidget(dialog)
        dialog.present.setText("Luke, Mark, Siobhán")
        dialog.set_result(agreed.actions[0].id, ActionResult.DONE, "Said in the library")
        dialog.set_result(agreed.actions[1].id, ActionResult.PARTLY_DONE)
        dialog.accept()
        return dialog.result_review()

    monkeypatch.setattr(ReviewDialog, "ask", classmethod(review))
    tab.review_button.click()
    text = tab.reviews.texts()[0]
    assert text.startswith("Review on 26 Nov 2026")
    assert "✓ Done: 1. Say sorry to Zoë (Said in the library)" in text
    assert "◐ Partly done: 2. Return the phone case" in text

    def close(cls: object, *args: object) -> object:
        dialog = CloseDialog(None, store, agreed)
        qtbot.addWidget(dialog)
        dialog.set_outcome(AgreementStatus.PARTLY_COMPLETED)
        dialog.accept()  # needs the note: kept open
        assert dialog.result_agreement() is None
        assert dialog.messages.messages["outcome_note"].isVisibleTo(dialog)
        dialog.outcome_note.setPlainText("The phone case is being repaired; Zoë is happy.")
        dialog.close_case.setChecked(True)
        dialog.closure_summary.setPlainText("Things put right between Zoë and Luke.")
        dialog.accept()
        return dialog.result_agreement()

    monkeypatch.setattr(CloseDialog, "ask", classmethod(close))
    offered: list[str] = []

    def answer(_parent: object, title: str, *_args: object) -> bool:
        offered.append(title)
        return False

    monkeypatch.setattr(tab, "confirm", answer)
    tab.close_button.click()
    assert offered == ["Closure letter"]
    assert "Partly completed" in tab.heading.text()
    assert store.get_case(case.id).status is Status.CLOSED
    assert tab.review_button.isHidden() and tab.close_button.isHidden()
    assert not tab.start_button.isEnabled()  # the case is closed: reopen it first
