"""The Preparation tab: who takes part, and each part of their preparation saved through the
store. Dialogs are answered by stand-ins (never exec'd)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from restorative_desk.preparation.catalogue import catalogue
from restorative_desk.preparation.records import (
    Consent,
    ConsentGiver,
    ConsentMethod,
    ParticipantPreparation,
    Way,
)
from restorative_desk.records import (
    Case,
    Contact,
    ContactType,
    Person,
    ReferralSource,
    Role,
    Setting,
)
from restorative_desk.rules import Problem, ValidationError
from restorative_desk.store import Store
from restorative_desk.store.errors import DatabaseReadOnly
from restorative_desk.wording import RoleWording
from tests.ui.helpers import Answers
from ui.answers_dialog import ReadBackDialog
from ui.asking import SaveChoice
from ui.consent_dialog import ConsentDialog, WithdrawConsentDialog
from ui.contact_dialog import ContactDialog
from ui.preparation_tab import PreparationTab

TODAY = date(2026, 11, 26)


@dataclass
class Folk:
    case: Case
    zoe: Person
    lukasz: Person
    siobhan: Person


def make_case(store: Store, setting: Setting = Setting.SCHOOL) -> Folk:
    case = store.create_case(
        Case(setting=setting, organisation="Hillside Primary School",
             referral_source=ReferralSource.EDUCATION, referral_date=date(2026, 11, 2),
             summary="A falling-out at lunch.")
    )
    zoe = store.add_person(Person(case_id=case.id, role=Role.PERSON_HARMED, name="Zoë Nguyễn",
                                  is_child=True, date_of_birth=date(2014, 3, 2)))
    lukasz = store.add_person(Person(case_id=case.id, role=Role.PERSON_RESPONSIBLE,
                                     name="Łukasz Kowalski", is_child=True,
                                     date_of_birth=date(2013, 9, 14)))
    siobhan = store.add_person(Person(case_id=case.id, role=Role.SUPPORTER,
                                      name="Siobhán O'Neill", supports_person_id=zoe.id))
    store.add_person(Person(case_id=case.id, role=Role.PROFESSIONAL, name="Dana Whitfield"))
    return Folk(store.get_case(case.id), zoe, lukasz, siobhan)


@pytest.fixture
def folk(store: Store) -> Folk:
    return make_case(store)


def make_tab(qtbot: QtBot, store: Store, wording: RoleWording, case: Case) -> PreparationTab:
    tab = PreparationTab(store, wording)
    qtbot.addWidget(tab)
    tab.show_case(case)
    return tab


@pytest.fixture
def tab(qtbot: QtBot, store: Store, wording: RoleWording, folk: Folk) -> PreparationTab:
    return make_tab(qtbot, store, wording, folk.case)


def own_consent(folk: Folk, person: Person, **changes: object) -> Consent:
    values: dict[str, object] = {
        "case_id": folk.case.id, "person_id": person.id, "given_by": ConsentGiver.SELF,
        "given_on": date(2026, 11, 20), "method": ConsentMethod.SIGNED_FORM,
        "ways": (Way.FACE_TO_FACE,),
    }
    values.update(changes)
    return Consent(**values)  # type: ignore[arg-type]


def line(tab: PreparationTab, label: str) -> str:
    return next(text for text in tab.checklist.texts() if label in text)


# -- who takes part ----------------------------------------------------------------------------


def test_lists_the_people_taking_part_in_the_settings_words(
    qtbot: QtBot, store: Store, wording: RoleWording
) -> None:
    folk = make_case(store, Setting.YOS)
    tab = make_tab(qtbot, store, wording, folk.case)
    texts = tab.people_list.texts()
    assert [t.split("\n")[0] for t in texts] == [
        "Zoë Nguyễn", "Łukasz Kowalski", "Siobhán O'Neill"
    ]  # professionals are there in their work, so they are not prepared here
    assert texts[0].split("\n")[1].startswith("Victim · 0 of 5 done")
    assert texts[1].split("\n")[1].startswith("Young person · 0 of 6 done")
    assert texts[2].split("\n")[1].startswith("Supporter of Zoë Nguyễn · 0 of 4 done")
    assert tab.people_list.accessibleName() == "People taking part"
    assert tab.page.role_label.text() == "Victim"


def test_with_nobody_taking_part_it_says_where_to_add_them(
    qtbot: QtBot, store: Store, wording: RoleWording
) -> None:
    case = store.create_case(
        Case(setting=Setting.SCHOOL, organisation="Hillside", summary="Lunch.",
             referral_source=ReferralSource.EDUCATION, referral_date=date(2026, 11, 2))
    )
    tab = make_tab(qtbot, store, wording, case)
    assert tab.empty_label.text() == (
        "Add the person harmed and the person responsible on the People tab first."
    )
    assert tab.selected_person() is None


def test_the_first_person_is_shown_and_another_can_be_chosen(
    tab: PreparationTab, folk: Folk
) -> None:
    assert tab.selected_person() == folk.zoe
    assert tab.page.name_label.text() == "Zoë Nguyễn"
    assert tab.acknowledgement.isHidden()
    tab.select_person(folk.lukasz.id)
    assert tab.selected_person() == folk.lukasz
    assert not tab.acknowledgement.isHidden()


# -- recording each part -----------------------------------------------------------------------


def test_a_preparation_meeting_is_logged_for_the_person(
    qtbot: QtBot, tab: PreparationTab, store: Store, folk: Folk, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting = Contact(case_id=folk.case.id, contact_date=date(2026, 11, 25),
                      contact_type=ContactType.PREPARATION, by_whom="Test Facilitator",
                      person_id=folk.zoe.id, note="Met in the library; she chose the seat.")
    ask = Answers(meeting)
    monkeypatch.setattr(ContactDialog, "ask", ask)
    assert line(tab, "Preparation meeting").startswith("○")
    with qtbot.waitSignal(tab.preparation_changed):
        tab.meetings.add_button.click()
    draft = ask.calls[0][0][2]
    assert isinstance(draft, Contact)
    assert (draft.contact_type, draft.person_id, draft.contact_date) == (
        ContactType.PREPARATION, folk.zoe.id, TODAY
    )
    assert store.preparation_meetings(folk.case.id) == {folk.zoe.id: (date(2026, 11, 25),)}
    assert line(tab, "Preparation meeting") == (
        "✓ Preparation meeting: 1 so far, last on 25 Nov 2026"
    )
    assert tab.meetings.list.texts() == [
        "25 Nov 2026 · by Test Facilitator\nMet in the library; she chose the seat."
    ]


def test_information_given_is_saved_with_what_it_covered(
    qtbot: QtBot, tab: PreparationTab, store: Store, folk: Folk
) -> None:
    tab.information.given_on.set_value(date(2026, 11, 24))
    tab.information.note.setPlainText("Explained what happens next, and the 4-week check-in.")
    assert tab.information.status.text() == "Changes not saved yet."
    with qtbot.waitSignal(tab.preparation_changed):
        tab.information.save_button.click()
    saved = store.participant_preparation(folk.zoe.id)
    assert saved.information_given_on == date(2026, 11, 24)
    assert saved.information_note == "Explained what happens next, and the 4-week check-in."
    assert line(tab, "Full information given") == "✓ Full information given: 24 Nov 2026"
    assert tab.information.status.text() == "Saved."
    assert not tab.is_dirty()


def test_a_future_information_date_is_shown_beside_it_and_the_typing_kept(
    qtbot: QtBot, tab: PreparationTab, store: Store, folk: Folk
) -> None:
    tab.information.given_on.set_value(date(2026, 12, 1))
    tab.information.note.setPlainText("Siobhán was there too.")
    with qtbot.assertNotEmitted(tab.preparation_changed):
        tab.information.save_button.click()
    message = tab.information.messages.messages["information_given_on"]
    assert not message.isHidden()
    assert "future" in message.text()
    assert tab.information.note.toPlainText() == "Siobhán was there too."
    assert store.participant_preparation(folk.zoe.id).information_given_on is None


def test_a_store_that_cannot_write_says_so_and_keeps_the_typing(
    qtbot: QtBot, tab: PreparationTab, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(_participant: ParticipantPreparation) -> None:
        raise DatabaseReadOnly("The case file is read-only.")

    monkeypatch.setattr(store, "save_participant_preparation", refuse)
    tab.answers.boxes["hopes"].setPlainText("That we can be friends again.")
    with qtbot.assertNotEmitted(tab.preparation_changed):
        tab.answers.save_button.click()
    assert "read-only" in tab.answers.messages.general.text()
    assert tab.answers.boxes["hopes"].toPlainText() == "That we can be friends again."
    assert tab.is_dirty()


def test_consent_is_recorded_through_the_dialog(
    qtbot: QtBot, tab: PreparationTab, store: Store, folk: Folk, monkeypatch: pytest.MonkeyPatch
) -> None:
    ask = Answers(own_consent(folk, folk.zoe, ways=(Way.FACE_TO_FACE, Way.LETTER)))
    monkeypatch.setattr(ConsentDialog, "ask", ask)
    with qtbot.waitSignal(tab.preparation_changed):
        tab.consent.record_button.click()
    assert ask.calls[0][1]["default_giver"] is ConsentGiver.SELF
    assert [c.ways for c in store.consents(folk.case.id)] == [(Way.FACE_TO_FACE, Way.LETTER)]
    assert line(tab, "Their consent") == (
        "✓ Their consent: Given on 20 Nov 2026 (face to face, letter)"
    )
    assert tab.consent.list.texts()[0].startswith("✓ Zoë Nguyễn's own consent, given on")


def test_a_parent_or_carer_is_asked_for_next_when_the_policy_needs_it(
    qtbot: QtBot, tab: PreparationTab, store: Store, folk: Folk, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_consent(own_consent(folk, folk.zoe))
    tab.show_case(folk.case)
    assert "parent's or carer's consent for Zoë Nguyễn" in tab.consent.parent_note.text()
    carer = own_consent(folk, folk.zoe, given_by=ConsentGiver.PARENT_CARER,
                        giver_name="Mai Nguyễn")
    ask = Answers(carer)
    monkeypatch.setattr(ConsentDialog, "ask", ask)
    tab.consent.record_button.click()
    assert ask.calls[0][1]["default_giver"] is ConsentGiver.PARENT_CARER
    assert line(tab, "Parent or carer consent").startswith("✓")


def test_a_consent_the_store_refuses_reopens_as_typed_with_the_reason(
    qtbot: QtBot, tab: PreparationTab, store: Store, folk: Folk, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = own_consent(folk, folk.zoe)
    ask = Answers(typed, None)
    monkeypatch.setattr(ConsentDialog, "ask", ask)

    def refuse(_consent: Consent) -> Consent:
        raise ValidationError("ways", "Not today.")

    monkeypatch.setattr(store, "add_consent", refuse)
    with qtbot.assertNotEmitted(tab.preparation_changed):
        tab.consent.record_button.click()
    again = ask.calls[1][1]
    assert again["draft"] == typed
    assert again["problem"] == Problem("ways", "Not today.")


def test_a_withdrawal_shows_in_words_and_blocks_the_conference(
    qtbot: QtBot, tab: PreparationTab, store: Store, folk: Folk, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_consent(own_consent(folk, folk.lukasz))
    tab.show_case(folk.case)
    tab.select_person(folk.lukasz.id)
    assert tab.consent.withdraw_button.isEnabled()
    monkeypatch.setattr(
        WithdrawConsentDialog, "ask", Answers((date(2026, 11, 24), "Not ready to meet yet."))
    )
    with qtbot.waitSignal(tab.preparation_changed):
        tab.consent.withdraw_button.click()
    attention = tab.consent.attention.text()
    assert "was withdrawn on 24 Nov 2026 (“Not ready to meet yet.”)" in attention
    assert "cannot go ahead until new consent is recorded" in attention
    assert "Withdrawn on 24 Nov 2026: Not ready to meet yet." in tab.consent.list.texts()[0]
    assert "✗ Consent withdrawn: needs attention" in tab.people_list.texts()[1]
    assert line(tab, "Their consent") == "○ Their consent: Withdrawn on 24 Nov 2026"
    assert not tab.consent.withdraw_button.isEnabled()
    codes = {b.code for b in store.readiness(folk.case.id).blockers}
    assert any(code.endswith(":withdrawn") and folk.lukasz.id in code for code in codes)


def test_a_consent_recorded_in_error_is_removed_after_confirming(
    qtbot: QtBot, tab: PreparationTab, store: Store, folk: Folk
) -> None:
    store.add_consent(own_consent(folk, folk.zoe))
    tab.show_case(folk.case)
    asked = Answers(False, True)
    tab.confirm = asked  # type: ignore[assignment]
    tab.consent.remove_button.click()
    assert len(store.consents(folk.case.id)) == 1
    assert "use Withdraw instead" in str(asked.calls[0][0][2])
    with qtbot.waitSignal(tab.preparation_changed):
        tab.consent.remove_button.click()
    assert store.consents(folk.case.id) == []
    assert tab.consent.list.texts() == []


def test_the_acknowledgement_is_recorded_for_the_person_responsible(
    qtbot: QtBot, tab: PreparationTab, store: Store, folk: Folk
) -> None:
    tab.select_person(folk.lukasz.id)
    assert "cannot go to a conference" in " ".join(
        label.text() for label in tab.acknowledgement.findChildren(QLabel)
    )
    tab.acknowledgement.acknowledged.setChecked(True)
    tab.acknowledgement.note.setPlainText("Said he took Zoë's bag and is sorry.")
    with qtbot.waitSignal(tab.preparation_changed):
        tab.acknowledgement.save_button.click()
    saved = store.participant_preparation(folk.lukasz.id)
    assert saved.facts_acknowledged_on == TODAY
    assert saved.acknowledgement_note == "Said he took Zoë's bag and is sorry."
    assert line(tab, "Acknowledged").startswith("✓")
    codes = {b.code for b in store.readiness(folk.case.id).blockers}
    assert f"acknowledgement:{folk.lukasz.id}" not in codes


def test_not_attending_is_saved_and_a_supporter_then_needs_no_preparation(
    qtbot: QtBot, tab: PreparationTab, store: Store, folk: Folk
) -> None:
    tab.select_person(folk.siobhan.id)
    assert tab.attending.attending.isChecked()
    with qtbot.waitSignal(tab.preparation_changed):
        tab.attending.attending.setChecked(False)
    assert store.participant_preparation(folk.siobhan.id).attending is False
    assert tab.people_list.texts()[2].endswith("Supporter of Zoë Nguyễn · not attending")


# -- answers in their own words ----------------------------------------------------------------


def test_answers_round_trip_and_are_read_back(
    qtbot: QtBot, store: Store, wording: RoleWording, tab: PreparationTab, folk: Folk,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tab.answers.boxes["feels_safe"].setPlainText("Sitting near the door — with Mẹ beside me.")
    tab.answers.boxes["hopes"].setPlainText("That Łukasz understands.\nAnd says sorry.")
    with qtbot.waitSignal(tab.preparation_changed):
        tab.answers.save_button.click()
    again = make_tab(qtbot, store, wording, folk.case)
    assert again.answers.boxes["feels_safe"].toPlainText() == (
        "Sitting near the door — with Mẹ beside me."
    )
    assert again.answers.boxes["regulation"].toPlainText() == ""
    assert line(again, "Talked through").endswith("2 of 9 questions so far")

    shown = Answers(None)
    monkeypatch.setattr(ReadBackDialog, "show_for", shown)
    again.answers.read_back_button.click()
    _parent, name, questions, answers = shown.calls[0][0]
    assert questions == catalogue().questions
    assert isinstance(answers, dict)
    dialog = ReadBackDialog(None, str(name), catalogue().questions, answers)
    qtbot.addWidget(dialog)
    assert dialog.pairs() == [
        ("To feel safe, you told us this would help:",
         "Sitting near the door — with Mẹ beside me."),
        ("You hope the meeting will lead to:", "That Łukasz understands.\nAnd says sorry."),
    ]
    assert "To feel safe, you told us this would help:" in dialog.view.toPlainText()
    assert "Sitting near the door — with Mẹ beside me." in dialog.view.toPlainText()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.text()
    assert dialog.text().startswith("What Zoë Nguyễn told us")


def test_the_questions_show_what_to_ask(tab: PreparationTab) -> None:
    box = tab.answers.boxes["feels_safe"]
    assert box.accessibleName() == "What helps them feel safe"
    assert box.accessibleDescription().startswith("What would help you feel safe")


def test_unsaved_answers_are_not_lost_when_choosing_another_person(
    tab: PreparationTab, store: Store, folk: Folk
) -> None:
    tab.answers.boxes["strengths"].setPlainText("Good at football, and kind to her brother.")
    tab.ask_save_changes = lambda _parent: SaveChoice.CANCEL
    tab.select_person(folk.lukasz.id)
    assert tab.selected_person() == folk.zoe
    assert tab.people_list.selected_id() == folk.zoe.id
    assert tab.answers.boxes["strengths"].toPlainText() == (
        "Good at football, and kind to her brother."
    )
    tab.ask_save_changes = lambda _parent: SaveChoice.SAVE
    tab.select_person(folk.lukasz.id)
    assert tab.selected_person() == folk.lukasz
    assert store.participant_preparation(folk.zoe.id).answer("strengths") == (
        "Good at football, and kind to her brother."
    )


def test_discarding_unsaved_answers_moves_on(tab: PreparationTab, store: Store, folk: Folk) -> None:
    tab.answers.boxes["strengths"].setPlainText("Drawing.")
    tab.ask_save_changes = lambda _parent: SaveChoice.DISCARD
    tab.select_person(folk.lukasz.id)
    assert tab.selected_person() == folk.lukasz
    assert store.participant_preparation(folk.zoe.id).answers == {}


def test_refreshing_the_same_case_keeps_what_is_being_typed(
    tab: PreparationTab, store: Store, folk: Folk
) -> None:
    tab.answers.boxes["supporters"].setPlainText("Siobhán, and Mum.")
    store.add_consent(own_consent(folk, folk.zoe))  # changed elsewhere meanwhile
    tab.show_case(folk.case)
    assert tab.answers.boxes["supporters"].toPlainText() == "Siobhán, and Mum."
    assert line(tab, "Their consent").startswith("✓")
    assert tab.is_dirty()


# -- keyboard and screen readers ---------------------------------------------------------------


def test_every_button_is_reachable_by_keyboard_and_every_input_is_named(
    tab: PreparationTab, folk: Folk
) -> None:
    tab.select_person(folk.lukasz.id)
    buttons = tab.findChildren(QPushButton)
    assert len(buttons) >= 9
    assert all(b.focusPolicy() & Qt.FocusPolicy.TabFocus for b in buttons)
    inputs = [
        w for kind in (QLineEdit, QPlainTextEdit, QDateEdit, QCheckBox)
        for w in tab.findChildren(kind) if w.objectName() != "qt_spinbox_lineedit"
    ]
    unnamed = [w for w in inputs if not w.accessibleName()]
    assert inputs and not unnamed, unnamed


def test_the_documents_button_opens_the_case_documents(
    tab: PreparationTab, folk: Folk
) -> None:
    opened = Answers(None)
    tab.open_documents = opened  # type: ignore[assignment]
    tab.information.documents_button.click()
    assert opened.calls[0][0][2] == folk.case


def test_read_back_with_nothing_answered_says_so(qtbot: QtBot) -> None:
    dialog = ReadBackDialog(None, "Siobhán", catalogue().questions, {"hopes": "  "})
    qtbot.addWidget(dialog)
    assert dialog.pairs() == []
    assert "Nothing has been written down yet" in dialog.view.toPlainText()
