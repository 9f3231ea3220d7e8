"""The Feedback tab and its dialogs: the list of what was said (scores in words and numbers), who
is still to be asked, entering feedback by keyboard alone, problems shown beside the input with
the typing kept, staff reflections, partner agencies (from the tab and from the Tools menu),
changing and deleting, and printing blank forms without opening a modal dialog."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from restorative_desk.documents.letterhead import OrganisationDetails, save_organisation_details
from restorative_desk.feedback.records import (
    Answer,
    FeedbackMethod,
    ParticipantFeedback,
    PartnerFeedback,
    StaffReflection,
)
from restorative_desk.records import ReferralSource, Role
from restorative_desk.store import Store
from restorative_desk.store.audit import AuditAction
from restorative_desk.wording import RoleWording
from tests.feedbacking import HeldCase, held_case
from ui import agreement_print
from ui.feedback_dialog import NOT_NAMED, FeedbackDialog
from ui.feedback_partner_list import PartnerFeedbackListDialog
from ui.feedback_print import FeedbackFormPrintDialog
from ui.feedback_tab import EVERYONE_ASKED, FeedbackTab
from ui.partner_feedback_dialog import PartnerFeedbackDialog
from ui.staff_reflection_dialog import StaffReflectionDialog

TODAY = date(2026, 11, 26)


@pytest.fixture
def held(store: Store) -> HeldCase:
    return held_case(store)


@pytest.fixture
def tab(qtbot: QtBot, store: Store, wording: RoleWording, held: HeldCase) -> FeedbackTab:
    shown = FeedbackTab(store, wording)
    qtbot.addWidget(shown)
    shown.show_case(held.case)
    return shown


def test_the_tab_lists_feedback_in_words_and_numbers(
    store: Store, tab: FeedbackTab, held: HeldCase
) -> None:
    assert "0 of the 3 people who came" in tab.heading.text()
    assert all(name in tab.to_ask.text()
               for name in ("Zoë Nguyễn", "Łukasz Kowalski", "Siobhán Kelly"))
    assert "يوسف" not in tab.to_ask.text()  # did not come
    assert tab.nothing.isVisibleTo(tab) and not tab.list.isVisibleTo(tab)
    store.add_participant_feedback(ParticipantFeedback(
        held.case.id, Role.PERSON_HARMED, TODAY, FeedbackMethod.PAPER, person_id=held.harmed.id,
        satisfaction=4, felt_safe=Answer.YES, felt_heard=Answer.NOT_SURE,
        comment="Glad I came — merci.",
    ))
    store.add_staff_reflection(StaffReflection(held.case.id, TODAY, "Jo Adeyemi", prepared=5,
                                               support_needed=True))
    store.add_partner_feedback(PartnerFeedback(ReferralSource.POLICE, TODAY, case_id=held.case.id,
                                               satisfaction=3, would_refer_again=Answer.YES))
    tab.show_case(held.case)
    texts = tab.list.texts()
    assert len(texts) == 3
    assert "Zoë Nguyễn (Person harmed)" in texts[0] and "paper form" in texts[0]
    assert "Satisfaction: 4, Satisfied" in texts[0] and "Felt heard: Not sure" in texts[0]
    assert "“Glad I came — merci.”" in texts[0]
    assert "Staff reflection by Jo Adeyemi" in texts[1]
    assert "Everyone prepared: 5, Very well prepared" in texts[1]
    assert "Would like support" in texts[1]
    assert "Partner agency: Police" in texts[2] and "3, In between" in texts[2]
    assert tab.heading.text() == "1 of the 3 people who came has given feedback."
    assert "Zoë" not in tab.to_ask.text()


def test_feedback_is_entered_by_keyboard_alone(
    qtbot: QtBot, store: Store, wording: RoleWording, held: HeldCase
) -> None:
    dialog = FeedbackDialog(None, store, wording, held.case, came=frozenset(
        {held.harmed.id, held.responsible.id, held.supporter.id}))
    qtbot.addWidget(dialog)
    assert dialog.who.currentText() == "Zoë Nguyễn (Person harmed)"
    dialog.who.setCurrentIndex(1)  # Łukasz, as a keyboard user would with the arrow keys
    assert dialog.role.value() is Role.PERSON_RESPONSIBLE and not dialog.role.isEnabled()
    QTest.keyClick(dialog.satisfaction.buttons[0], Qt.Key.Key_4)
    assert dialog.satisfaction.value() == 4
    assert dialog.satisfaction.focusProxy() is dialog.satisfaction.buttons[4]  # Tab comes back
    QTest.keyClick(dialog.satisfaction.buttons[4], Qt.Key.Key_5)
    assert dialog.satisfaction.value() == 5
    for row, key in zip(dialog.answers.values(), "yysnY", strict=True):
        QTest.keyClicks(row.buttons[0], key)
    assert [row.value() for row in dialog.answers.values()] == [
        Answer.YES, Answer.YES, Answer.NOT_SURE, Answer.NO, Answer.YES]
    QTest.keyClicks(dialog.comment, "It was fair")
    QTest.keyClick(dialog.with_them, Qt.Key.Key_Space)
    dialog.accept()
    saved = dialog.result_feedback()
    assert saved is not None
    assert store.participant_feedback(held.case.id) == [saved]
    assert (saved.person_id, saved.role, saved.satisfaction, saved.method, saved.comment) == (
        held.responsible.id, Role.PERSON_RESPONSIBLE, 5, FeedbackMethod.WITH_THEM, "It was fair")


def test_problems_show_beside_the_input_and_typing_is_kept(
    qtbot: QtBot, store: Store, wording: RoleWording, held: HeldCase
) -> None:
    dialog = FeedbackDialog(None, store, wording, held.case)
    qtbot.addWidget(dialog)
    dialog.who.set_value("")
    assert dialog.who.currentText() == NOT_NAMED and dialog.role.isEnabled()
    dialog.role.set_value(Role.SUPPORTER)
    dialog.accept()  # nothing answered
    assert dialog.result_feedback() is None
    assert "at least one answer" in dialog.messages.messages["satisfaction"].text()
    dialog.comment.setPlainText("Zoë's mum: “too long, but worth it”")
    dialog.given_on.setDate(dialog.given_on.date().addYears(-1))
    dialog.accept()
    assert "before the referral" in dialog.messages.messages["given_on"].text()
    assert dialog.comment.toPlainText() == "Zoë's mum: “too long, but worth it”"
    dialog.given_on.setDate(dialog.given_on.date().addYears(1))
    dialog.accept()
    saved = dialog.result_feedback()
    assert saved is not None and saved.person_id is None and saved.role is Role.SUPPORTER


def test_changing_and_deleting_from_the_tab(
    store: Store, wording: RoleWording, tab: FeedbackTab, held: HeldCase
) -> None:
    saved = store.add_participant_feedback(ParticipantFeedback(
        held.case.id, Role.PERSON_HARMED, TODAY, FeedbackMethod.PAPER, person_id=held.harmed.id,
        satisfaction=2))
    tab.show_case(held.case)
    tab.list.setCurrentRow(0)
    assert tab.edit_button.isEnabled() and tab.delete_button.isEnabled()

    def change(parent: object, store_: Store, wording_: RoleWording, case: object,
               feedback: ParticipantFeedback | None, *, came: frozenset[str]) -> object:
        assert feedback == saved and held.harmed.id in came
        dialog = FeedbackDialog(None, store_, wording_, held.case, feedback, came=came)
        assert dialog.satisfaction.value() == 2
        dialog.satisfaction.set_value(3)
        dialog.accept()
        return dialog.result_feedback()

    tab.ask_feedback = change  # type: ignore[assignment]
    tab.edit_button.click()
    assert "3, In between" in tab.list.texts()[0]
    assert tab.status_label.text() == "✓ Changes saved."
    tab.list.setCurrentRow(0)
    tab.confirm = lambda *_args: True
    tab.delete_button.click()
    assert store.participant_feedback(held.case.id) == []
    assert tab.list.texts() == [] and not tab.list.isVisibleTo(tab)


def test_staff_reflection_dialog(qtbot: QtBot, store: Store, held: HeldCase) -> None:
    dialog = StaffReflectionDialog(None, store, held.case)
    qtbot.addWidget(dialog)
    assert dialog.by_whom.text() == "Test Facilitator"
    dialog.by_whom.clear()
    dialog.accept()
    assert "who is reflecting" in dialog.messages.messages["by_whom"].text()
    dialog.by_whom.setText("JA")
    QTest.keyClick(dialog.prepared.buttons[0], Qt.Key.Key_4)
    QTest.keyClick(dialog.impact.buttons[0], Qt.Key.Key_5)
    dialog.went_well.setPlainText("Siobhán's calm opening.")
    dialog.support_needed.setChecked(True)
    dialog.accept()
    saved = dialog.result_reflection()
    assert saved is not None and (saved.prepared, saved.impact, saved.support_needed) == (
        4, 5, True)
    again = StaffReflectionDialog(None, store, held.case, saved)
    qtbot.addWidget(again)
    assert again.prepared.value() == 4 and again.went_well.toPlainText() == (
        "Siobhán's calm opening.")


def test_partner_feedback_about_a_case_and_in_general(
    qtbot: QtBot, store: Store, held: HeldCase
) -> None:
    about_case = PartnerFeedbackDialog(None, store, held.case)
    qtbot.addWidget(about_case)
    assert about_case.agency.value() is ReferralSource.EDUCATION  # who referred the case
    QTest.keyClick(about_case.kept_informed.buttons[0], Qt.Key.Key_Y)
    about_case.accept()
    saved = about_case.result_feedback()
    assert saved is not None and saved.case_id == held.case.id
    general = PartnerFeedbackDialog(None, store, None)
    qtbot.addWidget(general)
    general.agency.set_value(ReferralSource.HEALTH)
    general.organisation.setText("CAMHS")
    general.comment.setPlainText("Clear updates.")
    general.accept()
    made = general.result_feedback()
    assert made is not None and made.case_id is None
    assert store.partner_feedback(general_only=True) == [made]


def test_printing_blank_forms_for_everyone_who_came(
    qtbot: QtBot, store: Store, wording: RoleWording, held: HeldCase,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent: list[bytes] = []

    def fake_print_pdf(pdf: bytes, _printer: QPrinter) -> bool:
        sent.append(pdf)
        return True

    monkeypatch.setattr(agreement_print, "print_pdf", fake_print_pdf)
    save_organisation_details(store, OrganisationDetails("Hillside Primary School"))
    dialog = FeedbackFormPrintDialog(None, store, held.case, wording,
                                     [held.harmed, held.responsible, held.supporter])
    qtbot.addWidget(dialog)
    dialog.ask_printer = lambda _parent: QPrinter()
    assert dialog.preview.page_count() == 1
    dialog.print_all_button.click()
    assert len(sent) == 3
    texts = [" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
             for pdf in sent]
    assert "How did it go?" in texts[0] and "How did it go?" in texts[1]  # the children's
    assert "How was it for you?" in texts[2]
    assert all(held.case.reference in text and "Zoë" not in text for text in texts)
    dialog.form.setCurrentIndex(2)
    assert dialog.filename() == f"{held.case.reference}-staff-reflection-form.pdf"
    dialog.form.setCurrentIndex(4)
    assert dialog.filename() == "partner-feedback-form.pdf"
    dialog.print_button.click()
    general = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(sent[-1])).pages)
    assert "in general" in general and held.case.reference not in general
    prints = [e.detail for e in store.audit.entries(actions=[AuditAction.PRINT])]
    assert prints == ["partner general", "participant forms for everyone who came x3"]


def test_everyone_asked(store: Store, tab: FeedbackTab, held: HeldCase) -> None:
    for person in (held.harmed, held.responsible, held.supporter):
        store.add_participant_feedback(ParticipantFeedback(
            held.case.id, person.role, TODAY, FeedbackMethod.WITH_THEM, person_id=person.id,
            satisfaction=5))
    tab.show_case(held.case)
    assert tab.to_ask.text() == EVERYONE_ASKED and tab.still_to_ask() == []


def test_general_partner_feedback_from_the_tools_menu(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    store.add_partner_feedback(PartnerFeedback(ReferralSource.POLICE, date(2026, 10, 1),
                                               organisation="Safer Schools", satisfaction=5))
    dialog = PartnerFeedbackListDialog(None, store)
    qtbot.addWidget(dialog)
    assert "Safer Schools" in dialog.list.texts()[0] and "5, Very satisfied" in (
        dialog.list.texts()[0])

    def add(parent: object, store_: Store, case: object, feedback: object) -> object:
        assert case is None and feedback is None
        made = PartnerFeedbackDialog(None, store_, None)
        made.agency.set_value(ReferralSource.HEALTH)
        made.kept_informed.set_value(Answer.NOT_SURE)
        made.accept()
        return made.result_feedback()

    dialog.ask_partner = add  # type: ignore[assignment]
    dialog.add_button.click()
    texts = dialog.list.texts()
    assert len(texts) == 2 and "Health" in texts[0] and "Kept informed: Not sure" in texts[0]
    dialog.save_button.click()
    assert "cannot be made yet" in dialog.status.text()  # no organisation saved yet
    save_organisation_details(store, OrganisationDetails("Lewisham Restorative Partnership"))
    dialog.choose_save_path = lambda _parent, _suggested: str(tmp_path / "blank")
    dialog.save_button.click()
    saved = (tmp_path / "blank.pdf").read_bytes()
    assert "Partner agency feedback" in PdfReader(io.BytesIO(saved)).pages[0].extract_text()
    dialog.list.setCurrentRow(1)
    dialog.confirm = lambda *_args: True
    dialog.delete_button.click()
    assert [f.agency for f in store.partner_feedback()] == [ReferralSource.HEALTH]
