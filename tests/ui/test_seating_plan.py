"""The seating plan: the usual order, moving people, the usual plan again, the drawing."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from restorative_desk.preparation.records import Seat
from restorative_desk.preparation.seating import CO_FACILITATOR, FACILITATOR, default_seating
from restorative_desk.records import Case, Person, ReferralSource, Role, Setting
from restorative_desk.wording import RoleWording
from ui.seating_plan import SeatingPlanWidget

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

CASE = Case(
    setting=Setting.YOS, organisation="Northgate YOS", referral_source=ReferralSource.EDUCATION,
    referral_date=date(2026, 11, 2), summary="Bike taken.", facilitator="Jo Adeyemi",
    co_facilitator="Siobhán Kelly", id="case-1",
)


def _people() -> list[Person]:
    harmed = Person("case-1", Role.PERSON_HARMED, "Zoë Martin", id="zoe")
    responsible = Person("case-1", Role.PERSON_RESPONSIBLE, "Łukasz Nowak", id="lukasz")
    return [
        harmed,
        responsible,
        Person("case-1", Role.SUPPORTER, "Claire Martin", id="claire", supports_person_id="zoe"),
        Person("case-1", Role.SUPPORTER, "Agnieszka Nowak", id="agnieszka",
               supports_person_id="lukasz"),
        Person("case-1", Role.SUPPORTER, "Nguyễn Văn An", id="an", supports_person_id="lukasz"),
        Person("case-1", Role.PROFESSIONAL, "Mr Okafor", id="okafor"),
    ]


def _widget(qtbot: QtBot, wording: RoleWording) -> SeatingPlanWidget:
    widget = SeatingPlanWidget(wording)
    qtbot.addWidget(widget)
    people = _people()
    widget.set_seating(CASE, people, default_seating(CASE, people))
    return widget


def _keys(widget: SeatingPlanWidget) -> list[str]:
    return [seat.key for seat in widget.seats()]


def test_the_usual_plan_puts_each_side_beside_the_facilitator(
    qtbot: QtBot, wording: RoleWording
) -> None:
    widget = _widget(qtbot, wording)
    keys = _keys(widget)
    # Clockwise: the person responsible and supporters, across the circle, then the person
    # harmed and their supporter, next to the facilitator again.
    assert keys[0] == FACILITATOR
    assert keys[1:4] == ["lukasz", "agnieszka", "an"]
    assert keys[-2:] == ["claire", "zoe"]
    assert CO_FACILITATOR in keys and "okafor" in keys


def test_the_list_describes_every_seat_in_words(qtbot: QtBot, wording: RoleWording) -> None:
    widget = _widget(qtbot, wording)
    lines = widget.descriptions()
    assert lines[0] == "1. Jo Adeyemi · Facilitator, at the top"
    assert lines[1] == "2. Łukasz Nowak · Young person"  # the YOS's own role words
    assert "3. Agnieszka Nowak · Supporter, with Łukasz Nowak" in lines
    assert lines[-1] == f"{len(lines)}. Zoë Martin · Victim"
    assert any(line.endswith("Siobhán Kelly · Co-facilitator") for line in lines)
    assert any(line.endswith("Mr Okafor · YOS practitioner") for line in lines)


def test_moving_up_and_down_changes_the_seats(qtbot: QtBot, wording: RoleWording) -> None:
    widget = _widget(qtbot, wording)
    widget.list.setCurrentRow(2)  # Agnieszka
    assert widget.up_button.isEnabled() and widget.down_button.isEnabled()
    with qtbot.waitSignal(widget.seating_edited):
        widget.down_button.click()
    assert _keys(widget)[2:4] == ["an", "agnieszka"]
    assert widget.list.currentRow() == 3  # the moved person stays chosen
    with qtbot.waitSignal(widget.seating_edited):
        widget.up_button.click()
    assert _keys(widget)[2:4] == ["agnieszka", "an"]


def test_alt_arrows_move_the_chosen_person(qtbot: QtBot, wording: RoleWording) -> None:
    widget = _widget(qtbot, wording)
    widget.show()
    widget.activateWindow()  # shortcuts reach the active window, as when the user clicks on it
    qtbot.waitUntil(widget.isActiveWindow)
    widget.list.setFocus()
    widget.list.setCurrentRow(1)
    qtbot.keyClick(widget.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _keys(widget)[1:3] == ["agnieszka", "lukasz"]
    qtbot.keyClick(widget.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert _keys(widget)[1:3] == ["lukasz", "agnieszka"]


def test_the_facilitator_keeps_the_top_seat(qtbot: QtBot, wording: RoleWording) -> None:
    widget = _widget(qtbot, wording)
    widget.list.setCurrentRow(0)
    assert not widget.up_button.isEnabled() and not widget.down_button.isEnabled()
    widget.list.setCurrentRow(1)
    assert not widget.up_button.isEnabled()
    with qtbot.assertNotEmitted(widget.seating_edited):
        assert not widget.move_selected(-1)
    assert _keys(widget)[0] == FACILITATOR
    last = len(widget.seats()) - 1
    widget.list.setCurrentRow(last)
    assert not widget.down_button.isEnabled()


def test_a_saved_circle_is_turned_so_the_facilitator_is_at_the_top(
    qtbot: QtBot, wording: RoleWording
) -> None:
    widget = SeatingPlanWidget(wording)
    qtbot.addWidget(widget)
    seats = (Seat(person_id="zoe"), Seat(facilitator=FACILITATOR), Seat(person_id="lukasz"))
    widget.set_seating(CASE, _people()[:2], seats)
    assert _keys(widget) == [FACILITATOR, "lukasz", "zoe"]


def test_the_usual_plan_button_resets_the_order(qtbot: QtBot, wording: RoleWording) -> None:
    widget = _widget(qtbot, wording)
    usual = widget.seats()
    widget.list.setCurrentRow(1)
    widget.move_selected(+1)
    assert widget.seats() != usual
    with qtbot.waitSignal(widget.seating_edited):
        widget.usual_button.click()
    assert widget.seats() == usual


def test_the_drawing_gives_every_seat_its_own_place(qtbot: QtBot, wording: RoleWording) -> None:
    widget = _widget(qtbot, wording)
    widget.resize(900, 420)
    widget.show()
    qtbot.waitExposed(widget)
    widget.drawing.grab()  # paints without error
    rects = widget.drawing.seat_rects()
    assert len(rects) == len(widget.seats())
    for index, rect in enumerate(rects):
        assert widget.drawing.rect().toRectF().contains(rect)
        assert not any(rect.intersects(other) for other in rects[index + 1:])
    top = rects[0]
    assert all(top.center().y() < rect.center().y() for rect in rects[1:])


def test_clicking_a_seat_chooses_it_in_the_list(qtbot: QtBot, wording: RoleWording) -> None:
    widget = _widget(qtbot, wording)
    widget.resize(900, 420)
    widget.show()
    qtbot.waitExposed(widget)
    widget.drawing.grab()
    centre = widget.drawing.seat_rects()[2].center()
    qtbot.mouseClick(widget.drawing, Qt.MouseButton.LeftButton,
                     pos=QPoint(round(centre.x()), round(centre.y())))
    assert widget.list.currentRow() == 2
