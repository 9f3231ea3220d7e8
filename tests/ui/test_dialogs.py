"""The person, contact and move-case dialogs, driven through their widgets."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from restorative_desk.records import (
    AgeBand,
    Case,
    Contact,
    ContactType,
    NotProceedingReason,
    Person,
    ReferralSource,
    Role,
    Setting,
    Status,
)
from restorative_desk.rules import allowed_transitions
from restorative_desk.store import Store
from restorative_desk.wording import RoleWording
from ui.contact_dialog import ContactDialog
from ui.person_dialog import PersonDialog
from ui.status_dialog import MoveCaseDialog
from ui.widgets import to_qdate

TODAY = date(2026, 11, 26)


@pytest.fixture
def case(store: Store) -> Case:
    return store.create_case(
        Case(
            setting=Setting.SCHOOL,
            organisation="Brookfield Primary",
            referral_source=ReferralSource.EDUCATION,
            referral_date=date(2026, 11, 20),
            summary="A falling-out at lunchtime.",
        )
    )


def person_dialog(
    qtbot: QtBot,
    wording: RoleWording,
    person: Person | None = None,
    others: list[Person] | None = None,
    setting: Setting = Setting.SCHOOL,
) -> PersonDialog:
    dialog = PersonDialog(
        None, setting, wording, person, others or [], today=TODAY, case_id="case-1"
    )
    qtbot.addWidget(dialog)
    return dialog


# Names set with setText: typing non-ASCII through keyClicks aborts the test process.
UNICODE_NAMES = [
    ("Zoë Adebayo", "Zoë"),
    ("Łukasz Nowak", "Łukasz"),
    ("Nguyễn Thị Lan", "Lan"),
    ("Siobhán O'Neill", "Siobhán"),
    ("ليلى حداد", "ليلى"),
    ("נועה כהן", "נועה"),
]


@pytest.mark.parametrize(("name", "preferred"), UNICODE_NAMES)
def test_unicode_names_round_trip_through_the_dialog_and_the_store(
    qtbot: QtBot, wording: RoleWording, store: Store, case: Case, name: str, preferred: str
) -> None:
    dialog = person_dialog(qtbot, wording)
    dialog.name.setText(name)
    dialog.preferred_name.setText(preferred)
    dialog.pronouns.setText("they/them")
    dialog.accept()
    person = dialog.result_person()
    assert person is not None
    assert (person.name, person.preferred_name, person.pronouns) == (name, preferred, "they/them")

    saved = store.add_person(Person(**{**person.__dict__, "case_id": case.id}))
    assert store.get_person(saved.id) == saved
    again = person_dialog(qtbot, wording, saved)
    assert again.name.text() == name
    assert again.preferred_name.text() == preferred


def test_every_field_round_trips(qtbot: QtBot, wording: RoleWording) -> None:
    harmed = Person("case-1", Role.PERSON_HARMED, "Amara Okoye", id="p1", is_child=True)
    supporter = Person(
        "case-1",
        Role.SUPPORTER,
        "Dylan Price",
        id="p2",
        preferred_name="Dyl",
        pronouns="he/him",
        is_child=False,
        date_of_birth=date(1985, 3, 14),
        age_band=AgeBand.AGE_25_PLUS,
        supports_person_id="p1",
        relationship="Amara's uncle",
        contact_details="07700 900123",
        communication_needs="Prefers calls after 5pm",
        interpreter_language="Welsh",
    )
    dialog = person_dialog(qtbot, wording, supporter, [harmed, supporter])
    dialog.accept()
    assert dialog.result_person() == supporter


def test_an_empty_name_is_explained_and_what_was_typed_stays(
    qtbot: QtBot, wording: RoleWording
) -> None:
    dialog = person_dialog(qtbot, wording)
    dialog.pronouns.setText("she/her")
    dialog.accept()
    assert dialog.result_person() is None
    message = dialog.messages.messages["name"]
    assert not message.isHidden()
    assert message.text() == "Add the person's name."
    assert dialog.pronouns.text() == "she/her"


def test_a_supporter_must_say_who_they_support(qtbot: QtBot, wording: RoleWording) -> None:
    harmed = Person("case-1", Role.PERSON_HARMED, "Amara Okoye", id="p1")
    dialog = person_dialog(qtbot, wording, others=[harmed])
    dialog.role.set_value(Role.SUPPORTER)
    dialog.name.setText("Dylan Price")
    dialog.accept()
    assert dialog.result_person() is None
    assert not dialog.messages.messages["supports_person_id"].isHidden()

    dialog.supports.set_value("p1")
    dialog.accept()
    result = dialog.result_person()
    assert result is not None
    assert result.supports_person_id == "p1"


def test_who_they_support_is_only_asked_of_supporters(qtbot: QtBot, wording: RoleWording) -> None:
    dialog = person_dialog(qtbot, wording)
    assert not dialog.asks_who_they_support()
    dialog.role.set_value(Role.SUPPORTER)
    assert dialog.asks_who_they_support()


def test_roles_use_the_settings_words(qtbot: QtBot, wording: RoleWording) -> None:
    dialog = person_dialog(qtbot, wording, setting=Setting.YOS)
    labels = [dialog.role.itemText(i) for i in range(dialog.role.count())]
    assert labels[:2] == ["Victim", "Young person"]
    assert not any("offender" in label.lower() for label in labels)


def test_a_date_of_birth_in_the_future_is_refused(qtbot: QtBot, wording: RoleWording) -> None:
    dialog = person_dialog(qtbot, wording)
    dialog.name.setText("Amara Okoye")
    dialog.date_of_birth.set_value(date(2027, 1, 1))
    dialog.accept()
    assert dialog.result_person() is None
    assert "future" in dialog.messages.messages["date_of_birth"].text()


def test_a_contact_defaults_to_today_and_the_current_user(qtbot: QtBot) -> None:
    zoe = Person("case-1", Role.PERSON_HARMED, "Zoë Adebayo", id="p1", preferred_name="Zoë")
    dialog = ContactDialog(None, [zoe], None, "Test Facilitator", TODAY, case_id="case-1")
    qtbot.addWidget(dialog)
    assert dialog.person.itemText(0) == "Not with one person"
    assert dialog.person.itemText(1) == "Zoë"
    dialog.person.set_value("p1")
    dialog.contact_type.set_value(ContactType.VISIT)
    dialog.note.setPlainText("Home visit; Zoë's mum was there too.")
    dialog.accept()
    assert dialog.result_contact() == Contact(
        case_id="case-1",
        contact_date=TODAY,
        contact_type=ContactType.VISIT,
        by_whom="Test Facilitator",
        person_id="p1",
        note="Home visit; Zoë's mum was there too.",
    )


def test_a_contact_in_the_future_or_by_nobody_is_explained(qtbot: QtBot) -> None:
    dialog = ContactDialog(None, [], None, "Test Facilitator", TODAY, case_id="case-1")
    qtbot.addWidget(dialog)
    dialog.contact_date.setDate(to_qdate(date(2026, 12, 1)))
    dialog.by_whom.setText("")
    dialog.note.setPlainText("Planned call")
    dialog.accept()
    assert dialog.result_contact() is None
    assert not dialog.messages.messages["contact_date"].isHidden()
    assert not dialog.messages.messages["by_whom"].isHidden()
    assert dialog.note.toPlainText() == "Planned call"


def test_editing_a_contact_keeps_its_identity(qtbot: QtBot) -> None:
    logged = Contact("case-1", date(2026, 11, 2), ContactType.PHONE, "Sam Okafor", id="c1")
    dialog = ContactDialog(None, [], logged, "Test Facilitator", TODAY)
    qtbot.addWidget(dialog)
    assert dialog.by_whom.text() == "Sam Okafor"
    dialog.note.setPlainText("Left a message.")
    dialog.accept()
    result = dialog.result_contact()
    assert result is not None
    assert (result.id, result.case_id, result.note) == ("c1", "case-1", "Left a message.")


@pytest.mark.parametrize("current", list(Status))
def test_the_move_dialog_offers_only_allowed_stages(qtbot: QtBot, current: Status) -> None:
    dialog = MoveCaseDialog(None, current)
    qtbot.addWidget(dialog)
    assert tuple(dialog.stage_buttons) == allowed_transitions(current)


def test_moving_on_needs_no_reason(qtbot: QtBot) -> None:
    dialog = MoveCaseDialog(None, Status.PREPARING)
    qtbot.addWidget(dialog)
    dialog.choose(Status.READY)
    dialog.accept()
    assert dialog.result_choice() == (Status.READY, None, "")


def test_not_proceeding_needs_a_reason_and_other_needs_a_note(qtbot: QtBot) -> None:
    dialog = MoveCaseDialog(None, Status.PREPARING)
    qtbot.addWidget(dialog)
    dialog.choose(Status.NOT_PROCEEDING)
    dialog.accept()
    assert dialog.result_choice() is None
    assert not dialog.messages.messages["reason"].isHidden()

    dialog.reason.set_value(NotProceedingReason.OTHER)
    dialog.accept()
    assert dialog.result_choice() is None
    assert not dialog.messages.messages["note"].isHidden()

    dialog.note.setPlainText("The family moved away.")
    dialog.accept()
    assert dialog.result_choice() == (
        Status.NOT_PROCEEDING,
        NotProceedingReason.OTHER,
        "The family moved away.",
    )
