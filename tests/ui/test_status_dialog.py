"""The move dialog asks for a named facilitator's reason before a case that is not ready goes on
towards its conference, and carries that override to the store."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from restorative_desk.preparation.records import ReadinessOverride
from restorative_desk.records import Case, Person, ReferralSource, Role, Setting, Status
from restorative_desk.store import Store
from tests.preparing import prepare_for_conference
from ui.status_dialog import OVERRIDE_WARNING, MoveCaseDialog, MoveChoice

REASON = "Both families agreed on the phone today; signed forms come on Monday."


def _preparing_case(store: Store) -> Case:
    case = store.create_case(
        Case(setting=Setting.SCHOOL, organisation="Riverside Academy",
             referral_source=ReferralSource.EDUCATION, referral_date=date(2026, 11, 2),
             summary="Phone taken in Year 9.", facilitator="Jo Adeyemi")
    )
    store.add_person(Person(case_id=case.id, role=Role.PERSON_HARMED, name="Zoë Martin",
                            is_child=True))
    store.add_person(Person(case_id=case.id, role=Role.PERSON_RESPONSIBLE, name="Łukasz Nowak",
                            is_child=True))
    for status in (Status.INITIAL_ENGAGEMENT, Status.RISK_ASSESSMENT, Status.PREPARING):
        store.move_case(case.id, status)
    return case


def _dialog(qtbot: QtBot, store: Store, case: Case) -> MoveCaseDialog:
    dialog = MoveCaseDialog(
        None, store.get_case(case.id).status, readiness=store.readiness(case.id),
        facilitator=store.actor,
    )
    qtbot.addWidget(dialog)
    return dialog


def test_moving_a_case_that_is_not_ready_shows_what_stands_in_the_way(
    qtbot: QtBot, store: Store
) -> None:
    case = _preparing_case(store)
    dialog = _dialog(qtbot, store, case)
    dialog.choose(Status.READY)
    assert dialog.needs_override()
    assert not dialog.override_group.isHidden()
    plain = dialog.blocker_list.accessibleDescription()
    assert "✗ Zoë Martin has had no preparation meeting." in plain.splitlines()
    assert dialog.overridden_by.text() == "Test Facilitator"
    assert any(OVERRIDE_WARNING in label.text()
               for label in dialog.override_group.findChildren(QLabel))

    dialog.choose(Status.NOT_PROCEEDING)
    assert dialog.override_group.isHidden()


def test_the_override_must_be_complete_before_the_move(qtbot: QtBot, store: Store) -> None:
    case = _preparing_case(store)
    dialog = _dialog(qtbot, store, case)
    dialog.choose(Status.READY)
    dialog.accept()
    assert dialog.result_choice() is None
    assert not dialog.messages.messages["reason_to_go_ahead"].isHidden()

    dialog.overridden_by.clear()
    dialog.override_reason.setPlainText(REASON)
    dialog.accept()
    assert dialog.result_choice() is None
    assert not dialog.messages.messages["overridden_by"].isHidden()
    assert dialog.override_reason.toPlainText() == REASON  # nothing typed is lost

    dialog.overridden_by.setText("Siobhán Kelly")
    dialog.accept()
    choice = dialog.result_choice()
    assert choice is not None
    assert choice == (Status.READY, None, "")
    assert choice.override is not None
    assert (choice.override.overridden_by, choice.override.reason) == ("Siobhán Kelly", REASON)
    assert "meeting:" in " ".join(choice.override.blockers)


def test_the_store_accepts_the_override_the_dialog_gives(qtbot: QtBot, store: Store) -> None:
    case = _preparing_case(store)
    dialog = _dialog(qtbot, store, case)
    dialog.choose(Status.READY)
    dialog.override_reason.setPlainText(REASON)
    dialog.accept()
    choice = dialog.result_choice()
    assert choice is not None
    status, reason, note = choice
    store.move_case(case.id, status, reason=reason, note=note, override=choice.override)
    assert store.get_case(case.id).status is Status.READY
    [logged] = store.readiness_overrides(case.id)
    assert (logged.overridden_by, logged.reason, logged.case_id) == (
        "Test Facilitator", REASON, case.id
    )
    assert "Zoë Martin has had no preparation meeting." in logged.blocker_messages


def test_a_ready_case_needs_no_override(qtbot: QtBot, store: Store) -> None:
    case = _preparing_case(store)
    prepare_for_conference(store, case.id)
    dialog = _dialog(qtbot, store, case)
    dialog.choose(Status.READY)
    assert dialog.override_group.isHidden()
    dialog.accept()
    choice = dialog.result_choice()
    assert choice == (Status.READY, None, "")
    assert choice is not None and choice.override is None


def test_without_readiness_the_dialog_asks_nothing_more(qtbot: QtBot) -> None:
    dialog = MoveCaseDialog(None, Status.PREPARING)
    qtbot.addWidget(dialog)
    dialog.choose(Status.READY)
    assert dialog.override_group.isHidden()
    dialog.accept()
    choice = dialog.result_choice()
    assert choice == (Status.READY, None, "")
    assert choice is not None and choice.override is None


def test_a_draft_brings_back_the_override_as_typed(qtbot: QtBot, store: Store) -> None:
    case = _preparing_case(store)
    dialog = _dialog(qtbot, store, case)
    draft = MoveChoice(
        Status.READY, None, "Going ahead on Thursday.",
        ReadinessOverride(case_id="", overridden_by="Nguyễn Văn An", reason=REASON, blockers=()),
    )
    dialog.set_choice(draft)
    assert dialog.overridden_by.text() == "Nguyễn Văn An"
    assert dialog.override_reason.toPlainText() == REASON
    assert dialog.note.toPlainText() == "Going ahead on Thursday."


def test_ask_passes_readiness_and_facilitator(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = _preparing_case(store)
    seen: list[MoveCaseDialog] = []

    def fake_exec(dialog: MoveCaseDialog) -> int:
        qtbot.addWidget(dialog)
        seen.append(dialog)
        dialog.choose(Status.READY)
        dialog.override_reason.setPlainText(REASON)
        dialog.accept()
        return 1

    monkeypatch.setattr(MoveCaseDialog, "exec", fake_exec)
    choice = MoveCaseDialog.ask(
        None, Status.PREPARING, readiness=store.readiness(case.id), facilitator="Jo Adeyemi"
    )
    assert choice is not None and choice.override is not None
    assert choice.override.overridden_by == "Jo Adeyemi"


def test_a_move_choice_still_unpacks_and_compares_as_three_values() -> None:
    choice = MoveChoice(Status.READY, None, "note")
    status, reason, note = choice
    assert (status, reason, note) == (Status.READY, None, "note")
    assert choice == (Status.READY, None, "note")
    assert (choice.status, choice.reason, choice.note, choice.override) == (
        Status.READY, None, "note", None
    )
