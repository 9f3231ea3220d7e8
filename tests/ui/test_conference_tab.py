"""The Conference tab: readiness, the plan saved and read back, and the seating drawn from who
attends."""

from __future__ import annotations

from datetime import date, time

import pytest
from pytestqt.qtbot import QtBot

from restorative_desk.preparation.records import ConferencePlan, ParticipantPreparation, Seat
from restorative_desk.preparation.seating import CO_FACILITATOR, FACILITATOR
from restorative_desk.records import (
    Case,
    NotProceedingReason,
    Person,
    ReferralSource,
    Role,
    Setting,
    Status,
)
from restorative_desk.rules import ValidationError
from restorative_desk.store import Store
from restorative_desk.store.errors import StoreError
from restorative_desk.wording import RoleWording
from tests.preparing import prepare_for_conference
from ui.conference_tab import ConferenceTab

VENUE = "Centre communautaire Łódź — salle Zoë"


def _case(store: Store) -> Case:
    case = store.create_case(
        Case(setting=Setting.SCHOOL, organisation="Riverside Academy",
             referral_source=ReferralSource.EDUCATION, referral_date=date(2026, 11, 2),
             summary="Phone taken in Year 9.", facilitator="Jo Adeyemi",
             co_facilitator="Siobhán Kelly")
    )
    harmed = store.add_person(
        Person(case_id=case.id, role=Role.PERSON_HARMED, name="Zoë Martin", is_child=True)
    )
    responsible = store.add_person(
        Person(case_id=case.id, role=Role.PERSON_RESPONSIBLE, name="Łukasz Nowak", is_child=True)
    )
    store.add_person(Person(case_id=case.id, role=Role.SUPPORTER, name="Claire Martin",
                            supports_person_id=harmed.id))
    store.add_person(Person(case_id=case.id, role=Role.SUPPORTER, name="Agnieszka Nowak",
                            supports_person_id=responsible.id, interpreter_language="Polish"))
    store.add_person(Person(case_id=case.id, role=Role.PROFESSIONAL, name="Mr Okafor"))
    return store.get_case(case.id)


def _tab(qtbot: QtBot, store: Store, wording: RoleWording, case: Case) -> ConferenceTab:
    tab = ConferenceTab(store, wording)
    qtbot.addWidget(tab)
    tab.show_case(case)
    return tab


def _ids(store: Store, case: Case) -> dict[str, str]:
    return {p.name: p.id for p in store.people(case.id)}


def test_a_case_not_ready_shows_what_to_put_right(
    qtbot: QtBot, store: Store, wording: RoleWording
) -> None:
    tab = _tab(qtbot, store, wording, _case(store))
    assert tab.readiness.texts()[0].startswith("✗ Not ready yet:")
    assert not tab.readiness.isHidden()


def test_a_ready_case_says_so(qtbot: QtBot, store: Store, wording: RoleWording) -> None:
    case = _case(store)
    prepare_for_conference(store, case.id)
    tab = _tab(qtbot, store, wording, case)
    assert tab.readiness.texts()[0] == "✓ Ready for the conference"


def test_after_the_conference_the_panel_gives_way_to_a_note(
    qtbot: QtBot, store: Store, wording: RoleWording
) -> None:
    case = _case(store)
    store.move_case(case.id, Status.NOT_PROCEEDING, reason=NotProceedingReason.DECLINED)
    tab = _tab(qtbot, store, wording, store.get_case(case.id))
    assert tab.readiness.isHidden()
    assert "not going ahead" in tab.stage_note.text()


def test_the_plan_is_saved_and_read_back(qtbot: QtBot, store: Store, wording: RoleWording) -> None:
    case = _case(store)
    tab = _tab(qtbot, store, wording, case)
    assert not tab.has_changes()
    tab.form.date.set_value(date(2026, 12, 3))
    tab.form.start_time.set_value(time(14, 30))
    tab.form.venue.setText(VENUE)
    tab.form.room.setText("Library")
    tab.form.interpreters.setPlainText("Polish for Agnieszka: Ewa Kowalska booked")
    tab.form.breaks.setPlainText("A break after everyone has spoken.")
    tab.form.refreshments.setPlainText("Juice and biscuits, 15 minutes together afterwards.")
    tab.form.notes.setPlainText("Step-free entrance at the back.")
    assert tab.has_changes()
    with qtbot.waitSignal(tab.plan_changed):
        tab.save_button.click()
    assert not tab.has_changes()
    assert tab.status_label.text() == "✓ Plan saved."

    saved = store.conference_plan(case.id)
    assert saved is not None
    assert (saved.date, saved.start_time, saved.venue) == (date(2026, 12, 3), time(14, 30), VENUE)
    assert saved.refreshments == "Juice and biscuits, 15 minutes together afterwards."
    assert saved.seating == tab.seating.seats()

    again = _tab(qtbot, store, wording, case)
    assert again.form.date.value() == date(2026, 12, 3)
    assert again.form.start_time.value() == time(14, 30)
    assert again.form.venue.text() == VENUE
    assert again.form.notes.toPlainText() == "Step-free entrance at the back."
    assert again.seating.seats() == saved.seating
    # Date and venue set: the reminders for them are gone.
    assert "The conference has no venue yet." not in "\n".join(again.readiness.texts())


def test_the_usual_seating_is_drawn_from_who_attends(
    qtbot: QtBot, store: Store, wording: RoleWording
) -> None:
    case = _case(store)
    ids = _ids(store, case)
    tab = _tab(qtbot, store, wording, case)
    keys = [seat.key for seat in tab.seating.seats()]
    assert keys[:3] == [FACILITATOR, ids["Łukasz Nowak"], ids["Agnieszka Nowak"]]
    assert keys[-2:] == [ids["Claire Martin"], ids["Zoë Martin"]]
    assert CO_FACILITATOR in keys and ids["Mr Okafor"] in keys


def test_moving_someone_is_saved_with_the_plan(
    qtbot: QtBot, store: Store, wording: RoleWording
) -> None:
    case = _case(store)
    tab = _tab(qtbot, store, wording, case)
    tab.seating.list.setCurrentRow(1)
    tab.seating.move_selected(+1)
    assert tab.has_changes()
    assert "save the plan" in tab.status_label.text()
    assert tab.save()
    saved = store.conference_plan(case.id)
    assert saved is not None and saved.seating == tab.seating.seats()
    assert saved.seating[2].key == _ids(store, case)["Łukasz Nowak"]


def test_someone_who_stops_attending_leaves_their_seat(
    qtbot: QtBot, store: Store, wording: RoleWording
) -> None:
    case = _case(store)
    ids = _ids(store, case)
    tab = _tab(qtbot, store, wording, case)
    tab.seating.list.setCurrentRow(1)
    tab.seating.move_selected(+1)  # the facilitator's own arrangement, kept after reconciling
    assert tab.save()
    arranged = [seat.key for seat in tab.seating.seats()]
    store.save_participant_preparation(
        ParticipantPreparation(case_id=case.id, person_id=ids["Claire Martin"], attending=False)
    )
    tab.show_case(case)
    keys = [seat.key for seat in tab.seating.seats()]
    assert keys == [key for key in arranged if key != ids["Claire Martin"]]
    assert "Claire Martin no longer attending" in tab.seating_note.text()
    assert tab.has_changes() is False  # shown as reconciled; saving keeps it
    assert tab.save()
    saved = store.conference_plan(case.id)
    assert saved is not None and [s.key for s in saved.seating] == keys


def test_the_interpreter_need_is_suggested_from_peoples_details(
    qtbot: QtBot, store: Store, wording: RoleWording
) -> None:
    tab = _tab(qtbot, store, wording, _case(store))
    assert tab.form.interpreter_hint.text() == (
        "From people's details: Polish for Agnieszka Nowak."
    )
    assert tab.form.interpreters.toPlainText() == "Polish for Agnieszka Nowak"


def test_a_time_without_a_date_is_explained_and_nothing_is_lost(
    qtbot: QtBot, store: Store, wording: RoleWording
) -> None:
    case = _case(store)
    tab = _tab(qtbot, store, wording, case)
    tab.form.start_time.set_value(time(9, 15))
    tab.form.venue.setText(VENUE)
    with qtbot.assertNotEmitted(tab.plan_changed):
        assert not tab.save()
    message = tab.form.messages.messages["date"]
    assert not message.isHidden()
    assert message.text() == "Choose the date as well as the time."
    assert tab.form.venue.text() == VENUE
    assert tab.status_label.text().startswith("✗ Not saved yet")
    assert store.conference_plan(case.id) is None


@pytest.mark.parametrize(
    ("error", "where"),
    [
        (ValidationError("seating", "Someone in the seating plan is no longer on the case."),
         "seating"),
        (StoreError("The database is read-only."), ""),
    ],
)
def test_store_refusals_are_shown_and_input_kept(
    qtbot: QtBot, store: Store, wording: RoleWording, monkeypatch: pytest.MonkeyPatch,
    error: Exception, where: str,
) -> None:
    case = _case(store)
    tab = _tab(qtbot, store, wording, case)
    tab.form.venue.setText(VENUE)

    def refuse(plan: ConferencePlan) -> ConferencePlan:
        raise error

    monkeypatch.setattr(store, "save_conference_plan", refuse)
    assert not tab.save()
    shown = tab.form.messages.messages.get(where, tab.form.messages.general)
    assert not shown.isHidden()
    assert str(error) in shown.text()
    assert tab.form.venue.text() == VENUE


def test_a_plan_naming_someone_removed_is_reconciled(
    qtbot: QtBot, store: Store, wording: RoleWording
) -> None:
    case = _case(store)
    ids = _ids(store, case)
    store.save_conference_plan(
        ConferencePlan(case_id=case.id, seating=(
            Seat(facilitator=FACILITATOR), Seat(person_id=ids["Zoë Martin"]),
            Seat(person_id=ids["Mr Okafor"]),
        ))
    )
    store.remove_person(ids["Mr Okafor"])
    tab = _tab(qtbot, store, wording, case)
    keys = [seat.key for seat in tab.seating.seats()]
    assert ids["Mr Okafor"] not in keys
    assert keys[0] == FACILITATOR and ids["Zoë Martin"] in keys
    assert "1 person taken off the case" in tab.seating_note.text()
    assert tab.save()
