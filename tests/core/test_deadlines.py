"""Setting deadlines in working days: the Victims' Code and referral orders."""

from __future__ import annotations

from datetime import date

import pytest

from restorative_desk.preparation.catalogue import catalogue
from restorative_desk.preparation.deadlines import (
    DeadlineState,
    add_working_days,
    deadline_status,
    working_days_between,
)
from restorative_desk.records import Setting

DEADLINES = {d.key: d for d in catalogue().deadlines_for(Setting.YOS)}
RJ_INFO = DEADLINES["victims_code_rj_information"]
PANEL = DEADLINES["referral_order_initial_panel"]


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (date(2026, 11, 20), 1, date(2026, 11, 23)),  # Friday to Monday
        (date(2026, 11, 26), 5, date(2026, 12, 3)),
        (date(2026, 12, 21), 5, date(2026, 12, 30)),  # Christmas, Boxing Day (observed)
        (date(2026, 4, 2), 1, date(2026, 4, 7)),  # Good Friday and Easter Monday
    ],
)
def test_working_days_skip_weekends_and_bank_holidays(start: date, days: int, due: date) -> None:
    assert add_working_days(start, days) == due


def test_working_days_between() -> None:
    assert working_days_between(date(2026, 11, 26), date(2026, 11, 26)) == 0
    assert working_days_between(date(2026, 11, 26), date(2026, 12, 3)) == 5
    assert working_days_between(date(2026, 11, 28), date(2026, 11, 30)) == 1  # Sat to Mon
    assert working_days_between(date(2026, 12, 3), date(2026, 11, 26)) == 0


def test_the_clock_starts_when_the_start_date_is_recorded() -> None:
    status = deadline_status(RJ_INFO, {}, date(2026, 11, 26))
    assert status.state is DeadlineState.WAITING and status.due is None
    assert "5 working days" in status.message


def test_enhanced_rights_shorten_the_victims_code_deadline() -> None:
    facts = {"victim_details_received": "2026-11-25"}
    assert deadline_status(RJ_INFO, facts, date(2026, 11, 26)).state is DeadlineState.ON_TRACK
    enhanced = deadline_status(RJ_INFO, {**facts, "enhanced_rights": "Yes"}, date(2026, 11, 26))
    assert enhanced.working_days == 1 and enhanced.due == date(2026, 11, 26)
    assert enhanced.state is DeadlineState.NEAR and enhanced.message.startswith("Due today")
    late = deadline_status(RJ_INFO, {**facts, "enhanced_rights": "Yes"}, date(2026, 11, 30))
    assert late.state is DeadlineState.OVERDUE
    assert late.message == "Overdue: due 26 Nov 2026, 2 working days ago."


def test_near_met_and_met_late() -> None:
    facts = {"referral_order_sentence": "2026-11-02"}
    due = add_working_days(date(2026, 11, 2), 20)
    assert due == date(2026, 11, 30)
    assert deadline_status(PANEL, facts, date(2026, 11, 16)).state is DeadlineState.ON_TRACK
    near = deadline_status(PANEL, facts, date(2026, 11, 24))
    assert near.state is DeadlineState.NEAR
    assert near.message == "Due 30 Nov 2026: 4 working days left."
    met = deadline_status(PANEL, {**facts, "initial_panel_held": "2026-11-27"}, date(2026, 12, 9))
    assert met.state is DeadlineState.MET and not met.state.needs_attention
    late = deadline_status(PANEL, {**facts, "initial_panel_held": "2026-12-02"}, date(2026, 12, 9))
    assert late.state is DeadlineState.MET_LATE and "2 working days late" in late.message


def test_met_at_the_weekend_after_a_friday_deadline() -> None:
    facts = {"referral_order_sentence": "2026-10-30"}  # due Friday 27 Nov
    late = deadline_status(PANEL, {**facts, "initial_panel_held": "2026-11-29"}, date(2026, 12, 1))
    assert late.state is DeadlineState.MET_LATE
    assert late.message == "Met late on 29 Nov 2026: due 27 Nov 2026."


def test_a_broken_date_is_treated_as_not_recorded() -> None:
    status = deadline_status(PANEL, {"referral_order_sentence": "soon"}, date(2026, 11, 26))
    assert status.state is DeadlineState.WAITING
