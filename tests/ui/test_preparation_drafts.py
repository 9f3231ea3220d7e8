"""Typing on the Preparation and Conference tabs survives the app locking: kept as drafts in the
case file (only what is unsaved), offered again after unlocking, restored as unsaved or let go."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Never

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from restorative_desk.access import NewCaseFile, create_case_file
from restorative_desk.records import Case, Person, ReferralSource, Role, Setting
from restorative_desk.store import Store
from restorative_desk.wording import RoleWording
from tests.conftest import TEST_PASSPHRASE
from ui.asking import SaveChoice as PreparationChoice
from ui.case_detail import (
    CONFERENCE_TAB,
    PEOPLE_TAB,
    PREPARATION_TAB,
    REFERRAL_TAB,
    CaseDetailPanel,
    SaveChoice,
)
from ui.main_window import MainWindow
from ui.session import Session

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise"
)

ZOE_SAFE = "Zoë wants her mum there; loud voices frighten her"
ZOE_HOPES = "That Łukasz says sorry — and means it."
VENUE = "Nguyễn Community Centre, the quiet room"


@dataclass
class Folk:
    case: Case
    zoe: Person
    lukasz: Person


def make_case(store: Store) -> Folk:
    case = store.create_case(
        Case(setting=Setting.SCHOOL, organisation="Hillside Primary School",
             referral_source=ReferralSource.EDUCATION, referral_date=date(2026, 11, 2),
             summary="A falling-out at lunch.")
    )
    zoe = store.add_person(Person(case_id=case.id, role=Role.PERSON_HARMED, name="Zoë Nguyễn",
                                  is_child=True, date_of_birth=date(2014, 3, 2)))
    lukasz = store.add_person(Person(case_id=case.id, role=Role.PERSON_RESPONSIBLE,
                                     name="Łukasz Kowalski", is_child=True,
                                     date_of_birth=date(2013, 9, 14)))
    store.add_person(Person(case_id=case.id, role=Role.SUPPORTER, name="Siobhán O'Neill",
                            supports_person_id=zoe.id))
    return Folk(store.get_case(case.id), zoe, lukasz)


@pytest.fixture
def folk(store: Store) -> Folk:
    return make_case(store)


def never_asked(_parent: QWidget) -> Never:
    raise AssertionError("nothing should be left unsaved to ask about")


def open_panel(qtbot: QtBot, store: Store, wording: RoleWording, case_id: str) -> CaseDetailPanel:
    panel = CaseDetailPanel(store, wording)
    qtbot.addWidget(panel)
    panel.resize(1000, 760)
    panel.show_case(case_id)
    return panel


def type_for_zoe(panel: CaseDetailPanel, folk: Folk) -> None:
    """Zoë's answers and an information note on the Preparation tab; a venue on the plan."""
    panel.tabs.setCurrentIndex(PREPARATION_TAB)
    panel.preparation.select_person(folk.zoe.id)
    panel.preparation.answers.boxes["feels_safe"].setPlainText(ZOE_SAFE)
    panel.preparation.answers.boxes["hopes"].setPlainText(ZOE_HOPES)
    panel.preparation.information.note.setPlainText("Explained the four-week check-in.")
    panel.conference.form.venue.setText(VENUE)


def offered(panel: CaseDetailPanel) -> bool:
    return not panel.draft_bar.isHidden()


# -- keeping --------------------------------------------------------------------------------


def test_keeping_stores_only_the_unsaved_parts_and_saves_no_record(
    qtbot: QtBot, store: Store, wording: RoleWording, folk: Folk
) -> None:
    panel = open_panel(qtbot, store, wording, folk.case.id)
    type_for_zoe(panel, folk)

    panel.keep_draft()

    kept = store.draft("preparation", folk.zoe.id)
    assert kept == {
        "sections": {
            "information": {"date": None, "note": "Explained the four-week check-in."},
            "answers": {"feels_safe": ZOE_SAFE, "hopes": ZOE_HOPES},
        }
    }, "the acknowledgement was not touched, so it is not kept"
    plan = store.draft("conference_plan", folk.case.id)
    assert plan is not None and plan["venue"] == VENUE
    assert {(d.kind, d.record_id, d.case_id) for d in store.drafts()} == {
        ("preparation", folk.zoe.id, folk.case.id),
        ("conference_plan", folk.case.id, folk.case.id),
    }
    assert store.participant_preparation(folk.zoe.id).answers == {}, "no record was saved"
    assert store.conference_plan(folk.case.id) is None


def test_after_keeping_the_tabs_let_the_typing_go_so_closing_does_not_ask(
    qtbot: QtBot, store: Store, wording: RoleWording, folk: Folk
) -> None:
    panel = open_panel(qtbot, store, wording, folk.case.id)
    type_for_zoe(panel, folk)
    panel.keep_draft()

    panel.discard_changes()

    assert not panel.preparation.is_dirty()
    assert not panel.conference.has_changes()
    assert panel.preparation.answers.boxes["feels_safe"].toPlainText() == ""
    assert panel.conference.form.venue.text() == ""
    panel.ask_save_changes = never_asked
    panel.ask_save_plan = never_asked
    panel.preparation.ask_save_changes = never_asked
    assert panel.maybe_save()


def test_nothing_is_kept_when_nothing_was_typed(
    qtbot: QtBot, store: Store, wording: RoleWording, folk: Folk
) -> None:
    panel = open_panel(qtbot, store, wording, folk.case.id)
    panel.keep_draft()
    assert store.drafts() == []


# -- offering again -------------------------------------------------------------------------


def test_restore_puts_the_typing_back_as_unsaved_and_save_then_saves_it(
    qtbot: QtBot, store: Store, wording: RoleWording, folk: Folk
) -> None:
    first = open_panel(qtbot, store, wording, folk.case.id)
    type_for_zoe(first, folk)
    first.keep_draft()
    first.discard_changes()

    panel = open_panel(qtbot, store, wording, folk.case.id)
    assert offered(panel)
    assert panel.draft_bar.label.text() == (
        "You have unsaved changes from before the app locked: Zoë Nguyễn's preparation and "
        "the conference plan."
    )
    panel.tabs.setCurrentIndex(PEOPLE_TAB)
    panel.preparation.select_person(folk.lukasz.id)

    panel.restore_draft()

    assert not offered(panel)
    assert panel.tabs.currentIndex() == PREPARATION_TAB
    person = panel.preparation.selected_person()
    assert person is not None and person.id == folk.zoe.id, "the person it belongs to is chosen"
    answers = panel.preparation.answers
    assert answers.boxes["feels_safe"].toPlainText() == ZOE_SAFE
    assert answers.boxes["hopes"].toPlainText() == ZOE_HOPES
    assert answers.is_dirty() and answers.status.text() == "Changes not saved yet."
    assert panel.preparation.information.is_dirty()
    assert panel.conference.form.venue.text() == VENUE
    assert panel.conference.has_changes()
    assert "save the plan" in panel.conference.status_label.text().lower()
    assert store.drafts() == [], "restored drafts are let go"
    assert store.participant_preparation(folk.zoe.id).answers == {}, "still only typed"

    answers.save_button.click()
    panel.preparation.information.save_button.click()
    assert panel.conference.save()

    saved = store.participant_preparation(folk.zoe.id)
    assert dict(saved.answers) == {"feels_safe": ZOE_SAFE, "hopes": ZOE_HOPES}
    assert saved.information_note == "Explained the four-week check-in."
    plan = store.conference_plan(folk.case.id)
    assert plan is not None and plan.venue == VENUE
    assert not panel.preparation.is_dirty() and not panel.conference.has_changes()


def test_a_kept_plan_alone_opens_the_conference_tab(
    qtbot: QtBot, store: Store, wording: RoleWording, folk: Folk
) -> None:
    first = open_panel(qtbot, store, wording, folk.case.id)
    form = first.conference.form
    form.date.set_value(date(2026, 12, 9))
    form.start_time.set_value(time(15, 30))
    form.room.setText("Room 4, by the library")
    form.breaks.setPlainText("A break after everyone has spoken; Zoë can step out any time.")
    seating = first.conference.seating
    seating.list.setCurrentRow(1)
    assert seating.move_selected(+1)
    typed = first.conference.current_plan()
    first.keep_draft()
    assert store.draft("preparation", folk.zoe.id) is None

    panel = open_panel(qtbot, store, wording, folk.case.id)
    panel.restore_draft()
    assert panel.tabs.currentIndex() == CONFERENCE_TAB
    assert panel.conference.current_plan() == typed, "date, time, room, breaks and seating"
    assert panel.conference.has_changes()


def test_referral_and_preparation_typing_are_restored_together(
    qtbot: QtBot, store: Store, wording: RoleWording, folk: Folk
) -> None:
    first = open_panel(qtbot, store, wording, folk.case.id)
    first.referral.venue.setText("Hillside, the library")
    first.preparation.select_person(folk.lukasz.id)
    first.preparation.acknowledgement.acknowledged.setChecked(True)
    first.preparation.acknowledgement.note.setPlainText("Said he took Zoë's bag; he is sorry.")
    first.keep_draft()
    first.discard_changes()
    note = "Said he took Zoë's bag; he is sorry."
    today = store.today().isoformat()
    assert store.draft("preparation", folk.lukasz.id) == {
        "sections": {"acknowledgement": {"date": today, "note": note}}
    }

    panel = open_panel(qtbot, store, wording, folk.case.id)
    panel.restore_draft()
    assert panel.referral.venue.text() == "Hillside, the library" and panel.is_dirty()
    assert panel.tabs.currentIndex() == PREPARATION_TAB
    acknowledgement = panel.preparation.acknowledgement
    assert acknowledgement.acknowledged.isChecked() and acknowledgement.is_dirty()
    assert store.drafts() == []


def test_discard_lets_every_kept_draft_go(
    qtbot: QtBot, store: Store, wording: RoleWording, folk: Folk
) -> None:
    first = open_panel(qtbot, store, wording, folk.case.id)
    type_for_zoe(first, folk)
    first.referral.summary.setPlainText("A falling-out at lunch, and after school.")
    first.keep_draft()
    first.discard_changes()

    panel = open_panel(qtbot, store, wording, folk.case.id)
    panel.discard_draft()

    assert not offered(panel)
    assert store.drafts() == []
    assert not panel.preparation.is_dirty() and not panel.conference.has_changes()
    assert not panel.is_dirty()
    assert not offered(open_panel(qtbot, store, wording, folk.case.id))


def test_a_draft_whose_person_was_removed_is_let_go_quietly(
    qtbot: QtBot, store: Store, wording: RoleWording, folk: Folk
) -> None:
    first = open_panel(qtbot, store, wording, folk.case.id)
    first.preparation.select_person(folk.lukasz.id)
    first.preparation.answers.boxes["hopes"].setPlainText("To go back to football.")
    first.keep_draft()
    first.discard_changes()
    store.remove_person(folk.lukasz.id)

    panel = open_panel(qtbot, store, wording, folk.case.id)

    assert not offered(panel)
    assert store.drafts() == []


def test_saving_a_part_lets_its_earlier_kept_typing_go(
    qtbot: QtBot, store: Store, wording: RoleWording, folk: Folk
) -> None:
    first = open_panel(qtbot, store, wording, folk.case.id)
    type_for_zoe(first, folk)
    first.keep_draft()
    first.discard_changes()

    panel = open_panel(qtbot, store, wording, folk.case.id)
    panel.preparation.select_person(folk.zoe.id)
    panel.preparation.information.note.setPlainText("Went through the leaflet together.")
    panel.preparation.information.save_button.click()

    kept = store.draft("preparation", folk.zoe.id)
    assert kept == {"sections": {"answers": {"feels_safe": ZOE_SAFE, "hopes": ZOE_HOPES}}}
    assert offered(panel), "the answers are still offered"
    panel.preparation.answers.boxes["hopes"].setPlainText("To be friends again.")
    panel.preparation.answers.save_button.click()
    assert store.draft("preparation", folk.zoe.id) is None
    panel.conference.form.venue.setText("The hall")
    assert panel.conference.save()
    assert store.drafts() == []
    assert not offered(panel)


def test_typing_kept_for_two_people_is_offered_one_after_the_other(
    qtbot: QtBot, store: Store, wording: RoleWording, folk: Folk
) -> None:
    store.save_draft("preparation", folk.zoe.id, folk.case.id,
                     {"sections": {"answers": {"feels_safe": ZOE_SAFE}}})
    store.save_draft("preparation", folk.lukasz.id, folk.case.id,
                     {"sections": {"answers": {"hopes": "To go back to football."}}})
    panel = open_panel(qtbot, store, wording, folk.case.id)
    panel.preparation.ask_save_changes = lambda _parent: PreparationChoice.SAVE

    panel.restore_draft()
    assert offered(panel) and len(store.drafts()) == 1
    panel.restore_draft()

    assert not offered(panel) and store.drafts() == []
    saved = {folk.zoe.id: {"feels_safe": ZOE_SAFE},
             folk.lukasz.id: {"hopes": "To go back to football."}}
    shown = panel.preparation.selected_person()
    assert shown is not None
    first_id = folk.lukasz.id if shown.id == folk.zoe.id else folk.zoe.id
    assert dict(store.participant_preparation(first_id).answers) == saved[first_id], (
        "moving on to the second person saved the first person's restored typing"
    )
    assert panel.preparation.answers.values() == saved[shown.id]
    assert panel.preparation.people_list.selected_id() == shown.id, "the list agrees"


def test_an_unreadable_draft_is_let_go(
    qtbot: QtBot, store: Store, wording: RoleWording, folk: Folk
) -> None:
    store.save_draft("preparation", folk.zoe.id, folk.case.id, {"sections": "garbled"})
    store.save_draft("conference_plan", folk.case.id, folk.case.id, {"venue": 7})
    panel = open_panel(qtbot, store, wording, folk.case.id)
    assert offered(panel)
    panel.restore_draft()
    assert store.drafts() == []
    assert not panel.preparation.is_dirty() and not panel.conference.has_changes()
    assert panel.tabs.currentIndex() == REFERRAL_TAB


def test_erasing_the_case_erases_its_drafts(
    qtbot: QtBot, store: Store, wording: RoleWording, folk: Folk
) -> None:
    panel = open_panel(qtbot, store, wording, folk.case.id)
    type_for_zoe(panel, folk)
    panel.keep_draft()
    panel.discard_changes()
    other = make_case(store)
    store.save_draft("conference_plan", other.case.id, other.case.id, {"venue": "elsewhere"})

    store.erase_case(folk.case.id)

    assert [d.case_id for d in store.drafts()] == [other.case.id]


# -- through the lock -----------------------------------------------------------------------


@pytest.fixture
def made(db_path: Path) -> Iterator[NewCaseFile]:
    new = create_case_file(db_path, TEST_PASSPHRASE, actor="Test Facilitator")
    yield new
    new.store.close()


@pytest.fixture
def session(
    qtbot: QtBot, db_path: Path, wording: RoleWording, settings: QSettings
) -> Iterator[Session]:
    started = Session(db_path, "Test Facilitator", wording, settings)
    yield started
    started.shut_down()


def lock_and_unlock(qtbot: QtBot, session: Session) -> MainWindow:
    with qtbot.waitSignal(session.locked):
        session.lock()
    unlock = session.unlock_window
    assert unlock is not None and unlock.isVisible()
    qtbot.addWidget(unlock)
    qtbot.keyClicks(unlock.passphrase, TEST_PASSPHRASE)
    with qtbot.waitSignal(session.window_opened):
        unlock.unlock_button.click()
    assert session.window is not None
    qtbot.addWidget(session.window)
    return session.window


def test_locking_keeps_the_preparation_and_plan_typing_without_asking(
    qtbot: QtBot, session: Session, made: NewCaseFile, tmp_path: Path
) -> None:
    folk = make_case(made.store)
    window = session.open_window(made.store)
    qtbot.addWidget(window)
    window.select_case(folk.case.id)
    panel = window.detail_panel
    type_for_zoe(panel, folk)
    panel.ask_save_changes = never_asked
    panel.ask_save_plan = never_asked
    panel.preparation.ask_save_changes = never_asked

    again = lock_and_unlock(qtbot, session)

    assert not window.isVisible()
    for path in (p for p in tmp_path.rglob("*") if p.is_file()):
        assert b"loud voices" not in path.read_bytes(), path.name
    restored = again.detail_panel
    assert restored.current_case_id() == folk.case.id
    assert restored.draft_bar.isVisible()
    restored.restore_draft()
    assert restored.tabs.currentIndex() == PREPARATION_TAB
    assert restored.preparation.answers.boxes["feels_safe"].toPlainText() == ZOE_SAFE
    assert restored.conference.form.venue.text() == VENUE
    assert restored.preparation.is_dirty()
    store = session.store
    assert store is not None and store.drafts() == []
    restored.preparation.answers.save_button.click()
    assert store.participant_preparation(folk.zoe.id).answers["feels_safe"] == ZOE_SAFE
    for entry in store.audit.entries():
        said = repr(entry)
        for typed in ("loud voices", "Łukasz says sorry", "four-week", "Community Centre"):
            assert typed not in said, "typing never goes into the trail"
    restored.ask_save_changes = lambda _parent: SaveChoice.DISCARD
    restored.ask_save_plan = lambda _parent: SaveChoice.DISCARD
    restored.preparation.ask_save_changes = lambda _parent: PreparationChoice.DISCARD
