"""The bias check dialog: Reflect (GRACES), Reframe and Redirect, recorded done or skipped."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from restorative_desk.preparation.catalogue import catalogue
from restorative_desk.preparation.records import BiasStage
from restorative_desk.records import Case, ReferralSource, Setting
from restorative_desk.rules import MAX_LONG_TEXT
from restorative_desk.store import Store
from ui.bias_dialog import BiasCheckDialog

TODAY = date(2026, 11, 26)


@pytest.fixture
def case(store: Store) -> Case:
    return store.create_case(
        Case(
            setting=Setting.YOS,
            organisation="Riverside YOS",
            referral_source=ReferralSource.YOUTH_OFFENDING_TEAM,
            referral_date=date(2026, 11, 10),
            summary="Damage to a neighbour's car.",
        )
    )


def dialog_for(
    qtbot: QtBot, store: Store, case: Case, stage: BiasStage = BiasStage.REFERRAL
) -> BiasCheckDialog:
    dialog = BiasCheckDialog(None, store, case, stage)
    qtbot.addWidget(dialog)
    return dialog


def test_it_offers_the_three_moves_and_every_graces_dimension(
    qtbot: QtBot, store: Store, case: Case
) -> None:
    dialog = dialog_for(qtbot, store, case, BiasStage.AGREEMENT)
    guide = catalogue().bias
    assert len(dialog.dimension_boxes) == len(guide.dimensions) == 13
    assert [box.text() for box in dialog.dimension_boxes.values()] == [
        d.label for d in guide.dimensions
    ]
    assert "agreement" in dialog.windowTitle().lower()
    assert dialog.save_button.text().replace("&", "") == "Save check"
    assert dialog.skip_button.text().replace("&", "") == "Skip this time"
    assert dialog.colleague_checked.text().replace("&", "") == (
        "I checked my thinking with a colleague"
    )


def test_a_done_check_is_recorded_with_its_dimensions_and_notes(
    qtbot: QtBot, store: Store, case: Case
) -> None:
    dialog = dialog_for(qtbot, store, case, BiasStage.RISK_DECISION)
    dialog.dimension_boxes["age"].setChecked(True)
    dialog.dimension_boxes["class"].setChecked(True)
    dialog.reflection.setPlainText("I expected Łukasz to be defiant because of his size.")
    dialog.reframed.setPlainText("He was anxious, not defiant.")
    dialog.colleague_checked.setChecked(True)
    dialog.accept()

    result = dialog.result_check()
    assert result is not None
    assert dialog.result() == BiasCheckDialog.DialogCode.Accepted
    [stored] = store.bias_checks(case.id)
    assert stored == result
    assert stored.done
    assert stored.stage is BiasStage.RISK_DECISION
    assert stored.dimensions == ("age", "class")
    assert stored.reflection == "I expected Łukasz to be defiant because of his size."
    assert stored.reframed == "He was anxious, not defiant."
    assert stored.colleague_checked
    assert stored.recorded_by == "Test Facilitator"
    assert stored.recorded_on == TODAY


def test_skipping_records_a_check_not_done_with_no_reflections(
    qtbot: QtBot, store: Store, case: Case
) -> None:
    dialog = dialog_for(qtbot, store, case)
    dialog.skip_button.click()

    [stored] = store.bias_checks(case.id)
    assert dialog.result_check() == stored
    assert not stored.done
    assert stored.dimensions == ()
    assert stored.reflection == stored.reframed == ""
    assert stored.stage is BiasStage.REFERRAL


def test_skipping_after_noting_something_keeps_it_and_says_why(
    qtbot: QtBot, store: Store, case: Case
) -> None:
    dialog = dialog_for(qtbot, store, case)
    dialog.dimension_boxes["religion"].setChecked(True)
    dialog.reflection.setPlainText("Siobhán noticed my assumption about the family.")
    dialog.skip()

    assert store.bias_checks(case.id) == []
    assert dialog.result_check() is None
    assert not dialog.messages.general.isHidden()
    assert "Save check" in dialog.messages.general.text()
    assert dialog.dimension_boxes["religion"].isChecked()
    assert dialog.reflection.toPlainText() == "Siobhán noticed my assumption about the family."


def test_skipping_with_only_the_colleague_box_ticked_asks_to_save_instead(
    qtbot: QtBot, store: Store, case: Case
) -> None:
    dialog = dialog_for(qtbot, store, case)
    dialog.colleague_checked.setChecked(True)
    dialog.skip()
    assert store.bias_checks(case.id) == []
    assert not dialog.messages.general.isHidden()


def test_a_problem_is_shown_beside_its_note_and_nothing_is_lost(
    qtbot: QtBot, store: Store, case: Case
) -> None:
    dialog = dialog_for(qtbot, store, case)
    too_long = "x" * (MAX_LONG_TEXT + 1)
    dialog.reflection.setPlainText(too_long)
    dialog.accept()

    assert store.bias_checks(case.id) == []
    assert dialog.result_check() is None
    message = dialog.messages.messages["reflection"]
    assert not message.isHidden()
    assert "too long" in message.text()
    assert dialog.reflection.toPlainText() == too_long


def test_ask_returns_none_when_cancelled(
    qtbot: QtBot, store: Store, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(BiasCheckDialog, "exec", lambda self: self.reject() or 0)
    assert BiasCheckDialog.ask(None, store, case, BiasStage.REFERRAL) is None
    assert store.bias_checks(case.id) == []
