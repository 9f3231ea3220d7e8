"""The consent and withdrawal dialogs, driven through their widgets (never exec'd)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
)
from pytestqt.qtbot import QtBot

from restorative_desk.preparation.records import Consent, ConsentGiver, ConsentMethod, Way
from restorative_desk.records import Person, Role
from restorative_desk.rules import Problem
from ui.consent_dialog import ConsentDialog, WithdrawConsentDialog
from ui.widgets import to_qdate

TODAY = date(2026, 11, 26)
ZOE = Person(case_id="case-1", role=Role.PERSON_HARMED, name="Zoë Nguyễn", id="p-1",
             preferred_name="Zoë", is_child=True)


def consent_dialog(qtbot: QtBot, giver: ConsentGiver = ConsentGiver.SELF) -> ConsentDialog:
    dialog = ConsentDialog(None, ZOE, today=TODAY, default_giver=giver)
    qtbot.addWidget(dialog)
    return dialog


def shown(dialog: ConsentDialog | WithdrawConsentDialog, field: str) -> str:
    message = dialog.messages.messages[field]
    return "" if message.isHidden() else message.text()


def test_a_complete_consent_is_accepted(qtbot: QtBot) -> None:
    dialog = consent_dialog(qtbot)
    dialog.given_on.setDate(to_qdate(date(2026, 11, 20)))
    dialog.way_boxes[Way.FACE_TO_FACE].setChecked(True)
    dialog.way_boxes[Way.LETTER].setChecked(True)
    dialog.note.setPlainText("Wants Siobhán there too.")
    dialog.accept()
    assert dialog.result_consent() == Consent(
        case_id="case-1", person_id="p-1", given_by=ConsentGiver.SELF,
        given_on=date(2026, 11, 20), method=ConsentMethod.SIGNED_FORM,
        ways=(Way.FACE_TO_FACE, Way.LETTER), note="Wants Siobhán there too.",
    )


def test_no_way_chosen_is_shown_beside_the_ways(qtbot: QtBot) -> None:
    dialog = consent_dialog(qtbot)
    dialog.accept()
    assert dialog.result_consent() is None
    assert "at least one way" in shown(dialog, "ways")


def test_a_parent_or_carer_needs_a_name(qtbot: QtBot) -> None:
    dialog = consent_dialog(qtbot, ConsentGiver.PARENT_CARER)
    assert dialog.parent_carer.isChecked()
    assert dialog.giver_name.isVisibleTo(dialog)
    dialog.way_boxes[Way.SHUTTLE].setChecked(True)
    dialog.accept()
    assert "name of the parent or carer" in shown(dialog, "giver_name")
    dialog.giver_name.setText("Mai Nguyễn")
    dialog.accept()
    result = dialog.result_consent()
    assert result is not None
    assert (result.given_by, result.giver_name) == (ConsentGiver.PARENT_CARER, "Mai Nguyễn")


def test_consent_said_out_loud_needs_a_witness(qtbot: QtBot) -> None:
    dialog = consent_dialog(qtbot)
    assert not dialog.witness.isVisibleTo(dialog)
    dialog.verbal.setChecked(True)
    assert dialog.witness.isVisibleTo(dialog)
    dialog.way_boxes[Way.FACE_TO_FACE].setChecked(True)
    dialog.accept()
    assert "witness" in shown(dialog, "witness")
    assert dialog.result_consent() is None


def test_a_date_in_the_future_is_shown_beside_the_date(qtbot: QtBot) -> None:
    dialog = consent_dialog(qtbot)
    dialog.given_on.setDate(to_qdate(date(2026, 11, 27)))
    dialog.way_boxes[Way.FACE_TO_FACE].setChecked(True)
    dialog.accept()
    assert "cannot be in the future" in shown(dialog, "given_on")


def test_names_that_no_longer_apply_are_not_kept(qtbot: QtBot) -> None:
    dialog = consent_dialog(qtbot, ConsentGiver.PARENT_CARER)
    dialog.giver_name.setText("Mai Nguyễn")
    dialog.verbal.setChecked(True)
    dialog.witness.setText("Mr Patel")
    dialog.own.setChecked(True)
    dialog.signed.setChecked(True)
    consent = dialog.consent()
    assert (consent.giver_name, consent.witness) == ("", "")


def test_a_refused_consent_comes_back_as_it_was_typed_with_the_reason(qtbot: QtBot) -> None:
    draft = Consent(
        case_id="case-1", person_id="p-1", given_by=ConsentGiver.PARENT_CARER,
        given_on=date(2026, 11, 19), method=ConsentMethod.VERBAL_WITNESSED,
        ways=(Way.RECORDED_MESSAGE,), giver_name="Mai Nguyễn", witness="Łukasz's teacher",
        note="Asked for a break halfway.",
    )
    dialog = consent_dialog(qtbot)
    dialog.fill(draft)
    dialog.messages.show([Problem("ways", "The store said no.")])
    assert dialog.consent() == draft
    assert shown(dialog, "ways") == "The store said no."


def test_every_input_has_a_name_for_screen_readers(qtbot: QtBot) -> None:
    dialog = consent_dialog(qtbot)
    kinds = (QLineEdit, QPlainTextEdit, QDateEdit, QCheckBox, QRadioButton)
    # The date edit's own inner line edit is named through the date edit.
    inputs = [w for kind in kinds for w in dialog.findChildren(kind)
              if w.objectName() != "qt_spinbox_lineedit"]
    assert inputs
    assert all(w.accessibleName() for w in inputs), [w for w in inputs if not w.accessibleName()]


GIVEN = Consent(
    case_id="case-1", person_id="p-1", given_by=ConsentGiver.SELF, given_on=date(2026, 11, 20),
    method=ConsentMethod.SIGNED_FORM, ways=(Way.FACE_TO_FACE,), id="c-1",
)


@pytest.mark.parametrize(
    ("withdrawn_on", "message"),
    [
        (date(2026, 11, 27), "cannot be in the future"),
        (date(2026, 11, 19), "before it was given"),
    ],
)
def test_a_withdrawal_date_is_checked(qtbot: QtBot, withdrawn_on: date, message: str) -> None:
    dialog = WithdrawConsentDialog(None, GIVEN, ZOE, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.withdrawn_on.setDate(to_qdate(withdrawn_on))
    dialog.accept()
    assert dialog.result_withdrawal() is None
    assert message in shown(dialog, "withdrawn_on")


def test_a_withdrawal_says_it_blocks_the_conference_and_gives_date_and_note(
    qtbot: QtBot,
) -> None:
    dialog = WithdrawConsentDialog(None, GIVEN, ZOE, today=TODAY)
    qtbot.addWidget(dialog)
    words = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "cannot go ahead until new consent is recorded" in words
    assert dialog.withdrawn_on.date() == to_qdate(TODAY)
    dialog.note.setPlainText("Zoë said she doesn't feel ready.")
    dialog.accept()
    assert dialog.result_withdrawal() == (TODAY, "Zoë said she doesn't feel ready.")
