"""The case detail panel: the referral form, people, contacts, stage moves and unsaved changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFormLayout, QLabel
from pytestqt.qtbot import QtBot

from restorative_desk.formatting import format_date
from restorative_desk.records import (
    Case,
    Contact,
    ContactType,
    HarmCategory,
    NotProceedingReason,
    Person,
    ReferralSource,
    Role,
    Setting,
    Status,
)
from restorative_desk.rules import Problem
from restorative_desk.store import Store
from restorative_desk.wording import load_role_wording
from tests.conftest import FIXED_NOW
from ui.asking import SaveChoice
from ui.case_detail import (
    CONTACTS_TAB,
    EMPTY_TEXT,
    HISTORY_TAB,
    PEOPLE_TAB,
    CaseDetailPanel,
)
from ui.contact_dialog import ContactDialog
from ui.person_dialog import PersonDialog
from ui.status_dialog import MoveCaseDialog
from ui.widgets import to_qdate

from .helpers import Answers


@pytest.fixture
def panel(qtbot: QtBot, store: Store) -> CaseDetailPanel:
    widget = CaseDetailPanel(store, load_role_wording())
    qtbot.addWidget(widget)
    widget.confirm = lambda *_args: True
    widget.tell = _fail_tell
    return widget


def _fail_tell(_parent: object, title: str, text: str) -> None:
    raise AssertionError(f"unexpected message: {title}: {text}")


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


@pytest.fixture
def shown(panel: CaseDetailPanel, case: Case) -> CaseDetailPanel:
    panel.show_case(case.id)
    return panel


def fill_referral(panel: CaseDetailPanel, qtbot: QtBot) -> None:
    form = panel.referral
    form.setting.set_value(Setting.CARE_HOME)
    qtbot.keyClicks(form.organisation, "Maple House")  # type: ignore[no-untyped-call]
    form.venue.setText("The quiet room")
    form.referral_source.set_value(ReferralSource.CHILDRENS_SOCIAL_CARE)
    form.referral_date.setDate(to_qdate(date(2026, 11, 24)))
    form.incident_date.set_value(date(2026, 11, 22))
    form.summary.setPlainText("Two young people argued over the games console; a door was broken.")
    form.harm_boxes[HarmCategory.DAMAGE].setChecked(True)
    form.harm_boxes[HarmCategory.VERBAL].setChecked(True)
    form.co_facilitator.setText("Priya Shah")
    form.next_action_date.set_value(date(2026, 12, 2))


def test_nothing_chosen_shows_a_calm_empty_state(panel: CaseDetailPanel) -> None:
    assert panel.empty_label.text() == EMPTY_TEXT
    assert panel.current_case_id() is None
    assert not panel.is_dirty()
    assert panel.maybe_save()


def test_every_input_is_labelled_and_named(shown: CaseDetailPanel) -> None:
    form = shown.referral
    layout = form.scroll_area.widget().layout().itemAt(2).layout()  # type: ignore[union-attr]
    assert isinstance(layout, QFormLayout)
    for row in range(layout.rowCount()):
        label = layout.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()  # type: ignore[union-attr]
        assert isinstance(label, QLabel)
        assert label.buddy() is not None, label.text()
        assert "&" in label.text(), label.text()
    for field, widget in form.messages.inputs.items():
        assert widget.accessibleName(), field
    for button in (form.save_button, form.discard_button, shown.move_button):
        assert "&" in button.text()


def _mnemonic(text: str) -> str:
    return text[text.index("&") + 1].upper() if "&" in text else ""


def test_alt_letters_do_not_clash_with_each_other_or_the_menus(shown: CaseDetailPanel) -> None:
    form = shown.referral
    # Every letter is taken by the referral form and the first tabs, so the three preparation
    # tabs have none: Ctrl+Tab reaches them (test_ctrl_tab_reaches_every_tab).
    without_letters = {"Preparation", "Risk and safety", "Conference", "Agreement",
                       "Feedback"}
    tabs = [
        shown.tabs.tabText(i)
        for i in range(shown.tabs.count())
        if shown.tabs.tabText(i) not in without_letters
    ]
    assert len(tabs) == shown.tabs.count() - len(without_letters)
    labels = [
        label.text()
        for label in form.findChildren(QLabel)
        if label.buddy() is not None and label.text()
    ]
    buttons = [form.save_button.text(), form.discard_button.text(), shown.move_button.text()]
    letters = [_mnemonic(text) for text in (*tabs, *labels, *buttons)]
    assert all(letters)
    assert len(letters) == len(set(letters))
    assert not set(letters) & set("FEVH")  # the window's File, Edit, View and Help menus


def test_ctrl_tab_reaches_every_tab(shown: CaseDetailPanel, qtbot: QtBot) -> None:
    shown.tabs.setCurrentIndex(0)
    shown.tabs.setFocus()
    seen = []
    for _ in range(shown.tabs.count()):
        seen.append(shown.tabs.tabText(shown.tabs.currentIndex()))
        qtbot.keyClick(shown.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert seen == [shown.tabs.tabText(i) for i in range(shown.tabs.count())]


def test_a_missing_case_says_so(panel: CaseDetailPanel) -> None:
    panel.show_case("no-such-case")
    assert panel.current_case_id() is None
    assert "no longer exists" in panel.empty_label.text()


def test_creating_a_case_through_the_form(
    panel: CaseDetailPanel, store: Store, qtbot: QtBot
) -> None:
    panel.start_new_case()
    assert not panel.is_dirty()
    assert panel.referral.facilitator.text() == "Test Facilitator"
    fill_referral(panel, qtbot)
    assert panel.is_dirty()

    with qtbot.waitSignal(panel.case_saved) as saved:
        assert panel.save()

    case = store.get_case(saved.args[0])
    assert panel.current_case_id() == case.id
    assert (case.setting, case.organisation, case.venue) == (
        Setting.CARE_HOME,
        "Maple House",
        "The quiet room",
    )
    assert case.referral_source is ReferralSource.CHILDRENS_SOCIAL_CARE
    assert (case.referral_date, case.incident_date, case.next_action_date) == (
        date(2026, 11, 24),
        date(2026, 11, 22),
        date(2026, 12, 2),
    )
    assert set(case.harm_categories) == {HarmCategory.DAMAGE, HarmCategory.VERBAL}
    assert (case.facilitator, case.co_facilitator) == ("Test Facilitator", "Priya Shah")
    assert not panel.is_dirty()
    assert panel.title.text() == f"{case.reference} · Children's care home · Referred"


def test_a_new_case_keeps_the_other_tabs_closed_until_saved(
    panel: CaseDetailPanel, qtbot: QtBot
) -> None:
    panel.start_new_case()
    for tab in (PEOPLE_TAB, CONTACTS_TAB, HISTORY_TAB):
        assert not panel.tabs.isTabEnabled(tab)
        assert "Save the referral first" in panel.tabs.tabToolTip(tab)
    assert not panel.move_button.isEnabled()
    fill_referral(panel, qtbot)
    assert panel.save()
    for tab in (PEOPLE_TAB, CONTACTS_TAB, HISTORY_TAB):
        assert panel.tabs.isTabEnabled(tab)
    assert panel.move_button.isEnabled()


LONG = "x" * 100_000


@pytest.mark.parametrize(
    ("field", "change", "message"),
    [
        ("summary", {"summary": ""}, "Add a short summary of what happened."),
        (
            "incident_date",
            {"incident_date": date(2026, 11, 25)},
            "The incident date cannot be after the referral date.",
        ),
        (
            "referral_date",
            {"referral_date": date(2026, 11, 27)},
            "The referral date cannot be in the future.",
        ),
        ("summary", {"summary": LONG}, "The summary is 100,000 characters long"),
    ],
)
def test_problems_are_shown_beside_the_field_and_nothing_is_saved(
    panel: CaseDetailPanel,
    store: Store,
    qtbot: QtBot,
    field: str,
    change: dict[str, Any],
    message: str,
) -> None:
    panel.start_new_case()
    fill_referral(panel, qtbot)
    form = panel.referral
    if "summary" in change:
        form.summary.setPlainText(change["summary"])
    if "incident_date" in change:
        form.referral_date.setDate(to_qdate(date(2026, 11, 24)))
        form.incident_date.set_value(change["incident_date"])
    if "referral_date" in change:
        form.referral_date.setDate(to_qdate(change["referral_date"]))
    typed = form.case()

    with qtbot.assertNotEmitted(panel.case_saved):
        assert not panel.save()

    shown = form.messages.messages[field]
    assert not shown.isHidden()
    assert shown.text().startswith(message)
    assert "Not saved" in form.status_label.text()
    assert store.count_cases() == 0
    assert form.case() == typed
    assert panel.is_dirty()


def test_editing_a_case_saves_and_tells_the_window(
    shown: CaseDetailPanel, store: Store, case: Case, qtbot: QtBot
) -> None:
    assert not shown.is_dirty()
    shown.referral.venue.setText("Room 4")
    assert shown.is_dirty()
    assert "Unsaved" in shown.referral.status_label.text()
    with qtbot.waitSignal(shown.case_saved) as saved:
        assert shown.save()
    assert saved.args == [case.id]
    assert store.get_case(case.id).venue == "Room 4"
    assert not shown.is_dirty()


def test_saving_an_unchanged_case_writes_nothing(
    shown: CaseDetailPanel, store: Store, case: Case, qtbot: QtBot
) -> None:
    with qtbot.assertNotEmitted(shown.case_saved):
        assert shown.save()
    assert store.get_case(case.id) == case


@pytest.mark.parametrize("choice", list(SaveChoice))
def test_maybe_save_asks_about_unsaved_changes(
    shown: CaseDetailPanel, store: Store, case: Case, choice: SaveChoice
) -> None:
    asked: list[object] = []

    def answer(parent: object) -> SaveChoice:
        asked.append(parent)
        return choice

    shown.ask_save_changes = answer
    shown.referral.organisation.setText("Brookfield Primary School")

    result = shown.maybe_save()

    assert asked == [shown]
    assert result is (choice is not SaveChoice.CANCEL)
    saved_name = store.get_case(case.id).organisation
    if choice is SaveChoice.SAVE:
        assert saved_name == "Brookfield Primary School"
        assert not shown.is_dirty()
    elif choice is SaveChoice.DISCARD:
        assert saved_name == "Brookfield Primary"
        assert shown.referral.organisation.text() == "Brookfield Primary"
    else:
        assert saved_name == "Brookfield Primary"
        assert shown.referral.organisation.text() == "Brookfield Primary School"
        assert shown.is_dirty()


def test_maybe_save_is_false_when_the_save_fails(shown: CaseDetailPanel) -> None:
    shown.ask_save_changes = lambda _parent: SaveChoice.SAVE
    shown.referral.summary.setPlainText("")
    assert not shown.maybe_save()
    assert not shown.referral.messages.messages["summary"].isHidden()


def test_maybe_save_does_not_ask_when_nothing_changed(shown: CaseDetailPanel) -> None:
    def never(_parent: object) -> SaveChoice:
        raise AssertionError("should not ask")

    shown.ask_save_changes = never
    assert shown.maybe_save()


def test_discard_changes_puts_back_the_saved_referral(shown: CaseDetailPanel) -> None:
    assert not shown.referral.discard_button.isEnabled()
    shown.referral.summary.setPlainText("Something else entirely")
    assert shown.referral.discard_button.isEnabled()
    shown.referral.discard_button.click()
    assert shown.referral.summary.toPlainText() == "A falling-out at lunchtime."
    assert not shown.is_dirty()
    assert not shown.referral.discard_button.isEnabled()
    assert shown.referral.status_label.text() == ""


def test_adding_editing_and_removing_a_person(
    shown: CaseDetailPanel,
    store: Store,
    case: Case,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    added = Person("", Role.PERSON_RESPONSIBLE, "Łukasz Nowak", preferred_name="Luke")
    monkeypatch.setattr(PersonDialog, "ask", Answers(added))
    with qtbot.waitSignal(shown.case_changed) as changed:
        shown.people.add_button.click()
    assert changed.args == [case.id]
    [person] = store.people(case.id)
    assert (person.name, person.preferred_name, person.case_id) == (
        "Łukasz Nowak",
        "Luke",
        case.id,
    )
    row = shown.people.list.topLevelItem(0)
    assert row is not None
    assert row.text(0) == "Luke (Łukasz Nowak)"
    assert row.text(1) == "Person responsible"

    shown.people.list.setCurrentItem(row)
    edit = Answers(replace(person, pronouns="he/him"))
    monkeypatch.setattr(PersonDialog, "ask", edit)
    shown.people.edit_button.click()
    assert edit.calls[0][0][3] == person
    assert store.get_person(person.id).pronouns == "he/him"

    row = shown.people.list.topLevelItem(0)
    assert row is not None
    shown.people.list.setCurrentItem(row)
    shown.people.remove_button.click()
    assert store.people(case.id) == []
    assert shown.people.list.topLevelItemCount() == 0


def test_role_labels_follow_the_cases_setting(
    panel: CaseDetailPanel, store: Store, case: Case
) -> None:
    yos = store.update_case(replace(case, setting=Setting.YOS))
    store.add_person(Person(yos.id, Role.PERSON_HARMED, "Amara Okoye"))
    store.add_person(Person(yos.id, Role.PERSON_RESPONSIBLE, "Dylan Price"))
    panel.show_case(yos.id)
    roles = [panel.people.list.topLevelItem(i).text(1) for i in range(2)]  # type: ignore[union-attr]
    assert roles == ["Victim", "Young person"]


def test_a_person_is_kept_when_removal_is_not_confirmed(
    shown: CaseDetailPanel, store: Store, case: Case
) -> None:
    store.add_person(Person(case.id, Role.PERSON_HARMED, "Amara Okoye"))
    shown.show_case(case.id)
    shown.confirm = lambda *_args: False
    row = shown.people.list.topLevelItem(0)
    assert row is not None
    shown.people.list.setCurrentItem(row)
    shown.people.remove_button.click()
    assert len(store.people(case.id)) == 1


def test_a_refused_person_reopens_the_dialog_with_what_was_typed(
    shown: CaseDetailPanel, case: Case, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A supporter pointing at someone not on this case gets past the dialog but not the store.
    typed = Person("", Role.SUPPORTER, "Siobhán Byrne", supports_person_id="someone-else")
    ask = Answers(typed, None)
    monkeypatch.setattr(PersonDialog, "ask", ask)
    shown.people.add_button.click()
    assert len(ask.calls) == 2
    args, kwargs = ask.calls[1]
    assert args[3] == replace(typed, case_id=case.id)
    problem = kwargs["problem"]
    assert isinstance(problem, Problem)
    assert store.people(case.id) == []


def test_contacts_show_newest_first_and_can_be_edited_and_deleted(
    shown: CaseDetailPanel,
    store: Store,
    case: Case,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    zoe = store.add_person(Person(case.id, Role.PERSON_HARMED, "Zoë Adebayo", preferred_name="Zoë"))
    shown.show_case(case.id)
    first = Contact("", date(2026, 11, 21), ContactType.PHONE, "Test Facilitator", person_id=zoe.id)
    second = Contact(
        "",
        date(2026, 11, 25),
        ContactType.MEETING,
        "Test Facilitator",
        note="Met Zoë and her mum. Zoë would like to write a letter first.",
    )
    ask = Answers(first, second)
    monkeypatch.setattr(ContactDialog, "ask", ask)
    shown.contacts.log_button.click()
    shown.contacts.log_button.click()
    assert ask.calls[0][0][3] == "Test Facilitator"
    assert ask.calls[0][0][4] == date(2026, 11, 26)

    assert shown.contacts.texts() == [
        "25 Nov 2026 · Meeting (not with one person) · by Test Facilitator\n"
        "Met Zoë and her mum. Zoë would like to write a letter first.",
        "21 Nov 2026 · Phone with Zoë · by Test Facilitator",
    ]

    shown.contacts.list.setCurrentRow(1)
    [_newest, oldest] = store.contacts(case.id)
    monkeypatch.setattr(ContactDialog, "ask", Answers(replace(oldest, note="No answer.")))
    shown.contacts.edit_button.click()
    assert store.contacts(case.id)[1].note == "No answer."
    assert shown.contacts.texts()[1].endswith("\nNo answer.")

    shown.contacts.list.setCurrentRow(0)
    shown.contacts.delete_button.click()
    assert [c.id for c in store.contacts(case.id)] == [oldest.id]
    assert len(shown.contacts.texts()) == 1


def test_moving_a_case_shows_in_the_header_and_history(
    shown: CaseDetailPanel,
    store: Store,
    case: Case,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    ask = Answers((Status.INITIAL_ENGAGEMENT, None, "First call made."))
    monkeypatch.setattr(MoveCaseDialog, "ask", ask)
    with qtbot.waitSignal(shown.case_changed):
        shown.move_button.click()
    assert ask.calls[0][0][1] is Status.REFERRED
    assert shown.title.text().endswith("· Initial engagement")
    local = FIXED_NOW.astimezone()  # the history shows local time
    assert shown.history.texts()[0] == (
        f"{format_date(local.date())}, {local:%H:%M} · Test Facilitator moved the case from "
        "“Referred” to “Initial engagement”\nFirst call made."
    )

    monkeypatch.setattr(
        MoveCaseDialog, "ask", Answers((Status.NOT_PROCEEDING, NotProceedingReason.DECLINED, ""))
    )
    shown.move_button.click()
    assert store.get_case(case.id).status is Status.NOT_PROCEEDING
    assert shown.title.text().endswith("· Not proceeding")
    assert not shown.stop_reason.isHidden()
    assert shown.stop_reason.text() == "Not going ahead: Declined"
    history = shown.history.texts()
    assert history[0].endswith("to “Not proceeding”\nReason: Declined.")
    assert len(history) == 3


def test_a_move_the_store_refuses_reopens_the_dialog_as_it_was(
    shown: CaseDetailPanel, store: Store, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "Other" without a note: the store explains, and the dialog comes back with the choice.
    refused = (Status.NOT_PROCEEDING, NotProceedingReason.OTHER, "")
    ask = Answers(refused, None)
    monkeypatch.setattr(MoveCaseDialog, "ask", ask)
    shown.move_button.click()
    _args, kwargs = ask.calls[1]
    assert kwargs["draft"] == refused
    assert kwargs["problem"] == Problem("note", "Say briefly why the case is not going ahead.")
    assert store.get_case(case.id).status is Status.REFERRED


def test_moving_keeps_unsaved_referral_edits(
    shown: CaseDetailPanel, store: Store, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown.referral.venue.setText("Room 4")
    monkeypatch.setattr(MoveCaseDialog, "ask", Answers((Status.INITIAL_ENGAGEMENT, None, "")))
    shown.move_button.click()
    assert shown.referral.venue.text() == "Room 4"
    assert shown.is_dirty()
    assert shown.save()
    saved = store.get_case(case.id)
    assert (saved.venue, saved.status) == ("Room 4", Status.INITIAL_ENGAGEMENT)


def test_ctrl_l_logs_a_contact_from_any_tab(
    shown: CaseDetailPanel, store: Store, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    [shortcut] = [s for s in shown.findChildren(QShortcut) if s.key() == QKeySequence("Ctrl+L")]
    note = Contact("", date(2026, 11, 26), ContactType.MESSAGE, "Test Facilitator", note="Texted.")
    monkeypatch.setattr(ContactDialog, "ask", Answers(note))
    shortcut.activated.emit()
    assert shown.tabs.currentIndex() == CONTACTS_TAB
    assert [c.note for c in store.contacts(case.id)] == ["Texted."]
