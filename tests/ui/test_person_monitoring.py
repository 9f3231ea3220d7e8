"""The person dialog's equality-monitoring section: hidden until asked for, every answer optional,
group headings that cannot be chosen, care status for children only."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from restorative_desk.monitoring import CareStatus, EthnicGroup, Ethnicity, Gender, SendStatus
from restorative_desk.records import Person, Role, Setting
from restorative_desk.wording import RoleWording
from ui.monitoring_fields import NOT_RECORDED, WHY
from ui.person_dialog import PersonDialog

TODAY = date(2026, 11, 26)


def dialog_for(qtbot: QtBot, wording: RoleWording, person: Person | None) -> PersonDialog:
    dialog = PersonDialog(None, Setting.SCHOOL, wording, person, [], today=TODAY, case_id="c1")
    qtbot.addWidget(dialog)
    return dialog


def young_person(**answers: object) -> Person:
    return Person(
        "c1", Role.PERSON_RESPONSIBLE, "Adaeze Okafor", id="p1", is_child=True,
        **answers,  # type: ignore[arg-type]
    )


ANSWERS = {
    "ethnicity": Ethnicity.WHITE_AND_BLACK_AFRICAN,
    "gender": Gender.GIRL_OR_WOMAN,
    "send": SendStatus.EHC_PLAN,
    "care_status": CareStatus.CARE_EXPERIENCED,
}


def test_the_answers_start_hidden_and_say_why(qtbot: QtBot, wording: RoleWording) -> None:
    dialog = dialog_for(qtbot, wording, young_person(**ANSWERS))
    monitoring = dialog.monitoring
    assert not monitoring.answers_shown
    assert all(not dialog._form.isRowVisible(box) for box in (
        monitoring.ethnicity, monitoring.gender, monitoring.send, monitoring.care_status
    ))
    texts = [label.text() for label in monitoring.findChildren(QLabel)]
    assert WHY in texts and "Equality monitoring (optional)" in texts
    assert monitoring.recorded.text() == "4 of 4 recorded"
    monitoring.show_monitoring.click()
    assert monitoring.answers_shown and dialog._form.isRowVisible(monitoring.ethnicity)
    assert monitoring.show_monitoring.text() == "&Hide equality monitoring"
    monitoring.show_monitoring.click()
    assert not dialog._form.isRowVisible(monitoring.care_status)


def test_answers_are_kept_whether_shown_or_not(qtbot: QtBot, wording: RoleWording) -> None:
    dialog = dialog_for(qtbot, wording, young_person(**ANSWERS))
    dialog.accept()
    assert dialog.result_person() == young_person(**ANSWERS)


def test_a_new_person_has_nothing_recorded(qtbot: QtBot, wording: RoleWording) -> None:
    dialog = dialog_for(qtbot, wording, None)
    dialog.name.setText("Siobhán Byrne")
    assert dialog.monitoring.recorded.text() == "Nothing recorded yet"
    for box in (dialog.monitoring.ethnicity, dialog.monitoring.gender,
                dialog.monitoring.send, dialog.monitoring.care_status):
        assert box.itemText(0) == NOT_RECORDED
    dialog.accept()
    person = dialog.result_person()
    assert person is not None
    assert (person.ethnicity, person.gender, person.send, person.care_status) == (None,) * 4


def test_chosen_answers_are_saved(qtbot: QtBot, wording: RoleWording) -> None:
    dialog = dialog_for(qtbot, wording, young_person())
    monitoring = dialog.monitoring
    monitoring.show_monitoring.click()
    monitoring.ethnicity.set_value(Ethnicity.ROMA)
    monitoring.gender.set_value(Gender.ANOTHER_WAY)
    monitoring.send.set_value(SendStatus.PREFER_NOT_TO_SAY)
    monitoring.care_status.set_value(CareStatus.LOOKED_AFTER)
    assert monitoring.recorded.text() == "4 of 4 recorded"
    dialog.accept()
    assert dialog.result_person() == young_person(
        ethnicity=Ethnicity.ROMA, gender=Gender.ANOTHER_WAY, send=SendStatus.PREFER_NOT_TO_SAY,
        care_status=CareStatus.LOOKED_AFTER,
    )


def test_group_headings_cannot_be_chosen(qtbot: QtBot, wording: RoleWording) -> None:
    dialog = dialog_for(qtbot, wording, young_person())
    box = dialog.monitoring.ethnicity
    headings = [i for i in range(box.count()) if box.itemText(i) in
                {group.label for group in EthnicGroup}]
    assert len(headings) == 5
    model = box.model()
    for index in headings:
        flags = model.flags(model.index(index, 0))
        assert not flags & Qt.ItemFlag.ItemIsEnabled and not flags & Qt.ItemFlag.ItemIsSelectable
    chosen = [box.itemData(i) for i in range(box.count()) if box.itemData(i) is not None]
    assert sorted(e.value for e in chosen) == sorted(e.value for e in Ethnicity)
    # The arrow keys step over the headings and separators.
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.value() is Ethnicity.INDIAN
    box.set_value(Ethnicity.ASIAN_OTHER)
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.value() is Ethnicity.CARIBBEAN


def test_care_status_is_for_children_only(qtbot: QtBot, wording: RoleWording) -> None:
    dialog = dialog_for(qtbot, wording, young_person(care_status=CareStatus.LOOKED_AFTER))
    monitoring = dialog.monitoring
    monitoring.show_monitoring.click()
    assert monitoring.care_status.isEnabled()
    assert not dialog._form.isRowVisible(monitoring.care_note)
    dialog.adult.setChecked(True)
    assert not monitoring.care_status.isEnabled()
    assert monitoring.care_status.currentText() == NOT_RECORDED
    assert dialog._form.isRowVisible(monitoring.care_note)
    assert dialog.person().care_status is None
    dialog.child.setChecked(True)  # changed back before saving: the answer returns
    assert dialog.person().care_status is CareStatus.LOOKED_AFTER


def test_an_adult_opens_with_care_status_not_asked(qtbot: QtBot, wording: RoleWording) -> None:
    adult = Person("c1", Role.PERSON_HARMED, "Tomasz Nowak", id="p2",
                   gender=Gender.BOY_OR_MAN, care_status=CareStatus.CARE_EXPERIENCED)
    dialog = dialog_for(qtbot, wording, adult)
    assert not dialog.monitoring.care_status.isEnabled()
    assert dialog.monitoring.recorded.text() == "1 of 3 recorded"
    dialog.accept()
    saved = dialog.result_person()
    assert saved is not None and saved.gender is Gender.BOY_OR_MAN and saved.care_status is None


def test_every_answer_is_labelled_with_its_own_mnemonic(
    qtbot: QtBot, wording: RoleWording
) -> None:
    dialog = dialog_for(qtbot, wording, young_person())
    labels = [label for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    monitoring = dialog.monitoring
    for box in (monitoring.ethnicity, monitoring.gender, monitoring.send, monitoring.care_status):
        assert any(label.buddy() is box for label in labels), box.accessibleName()
        assert box.accessibleName()
    keys = [
        label.text().split("&", 1)[1][0].lower() for label in labels if "&" in label.text()
    ]
    keys += [b.text().split("&", 1)[1][0].lower() for b in (dialog.child, dialog.adult)]
    keys.append(monitoring.show_monitoring.text().split("&", 1)[1][0].lower())
    assert len(keys) == len(set(keys)), keys
