"""One school's pilot overview: counts by month, outcomes, follow-ups and training, with every
count from 1 to 4 withheld."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from restorative_desk.pilots.overview import month_keys, month_label
from restorative_desk.pilots.records import (
    Organisation,
    OrganisationKind,
    PilotActivity,
    PilotEntry,
    PilotOutcome,
    PilotTopic,
)
from restorative_desk.reports.figures import ChartKind, Count
from restorative_desk.store import Store

TODAY = date(2026, 11, 26)
START, END = date(2026, 9, 1), date(2026, 11, 30)


def add(store: Store, org: Organisation, activity: PilotActivity, day: date, *, times: int = 1,
        pupils: int = 1, staff: int = 1, outcome: PilotOutcome | None = PilotOutcome.RESOLVED,
        follow_up: date | None = None) -> None:
    for _ in range(times):
        store.add_pilot_entry(PilotEntry(
            organisation_id=org.id, session_date=day, activity=activity, pupils=pupils,
            staff=staff, staff_initials="JS", topic=PilotTopic.RELATIONSHIP,
            outcome=None if activity.is_training else outcome, follow_up_date=follow_up))


def cells(row: object) -> list[str]:
    return [cell.text for cell in row.cells]  # type: ignore[attr-defined]


def test_months_in_a_range() -> None:
    assert month_keys(date(2025, 11, 30), date(2026, 2, 1)) == [
        "2025-11", "2025-12", "2026-01", "2026-02"]
    assert month_label("2026-09") == "Sep 2026"


def test_overview_counts_and_withholds_small_ones(store: Store) -> None:
    org = store.add_organisation(Organisation("Ysgol Gymraeg", OrganisationKind.SCHOOL))
    other = store.add_organisation(Organisation("École Saint-Loup", OrganisationKind.SCHOOL))
    add(store, org, PilotActivity.RESTORATIVE_CONVERSATION, date(2026, 9, 8), times=6, pupils=2)
    add(store, org, PilotActivity.CLASS_CIRCLE, date(2026, 9, 9), times=3, pupils=28)
    add(store, org, PilotActivity.CLASS_CIRCLE, date(2026, 11, 2), times=5, pupils=28,
        outcome=PilotOutcome.FOLLOW_UP_NEEDED, follow_up=TODAY + timedelta(days=2))
    add(store, org, PilotActivity.TWILIGHT_TRAINING, date(2026, 10, 14), staff=30, pupils=0)
    add(store, org, PilotActivity.PEER_TRAINING, date(2026, 10, 15), times=5, staff=2, pupils=3)
    add(store, org, PilotActivity.COACHING, date(2026, 8, 31), times=9)  # before the range
    add(store, other, PilotActivity.RESTORATIVE_CONVERSATION, date(2026, 9, 8), times=7)

    overview = store.pilot_overview(org.id, START, END)
    assert overview.sessions == Count(20)

    months = overview.by_month
    assert months.chart is ChartKind.STACKED
    assert months.columns == ("Restorative conversation", "Class circle", "Peer training",
                              "Twilight training session")
    assert [row.label for row in months.rows] == ["Sep 2026", "Oct 2026", "Nov 2026"]
    assert cells(months.rows[0]) == ["6", "<5", "0", "0"]
    assert cells(months.rows[1]) == ["0", "0", "5", "<5"]
    assert cells(months.rows[2]) == ["0", "5", "0", "0"]

    outcomes = {row.label: cells(row) for row in overview.outcomes.rows}
    assert outcomes["Resolved"] == ["9", "96"]
    assert outcomes["Follow-up needed"] == ["5", "140"]
    assert outcomes["Agreement made"] == ["0", "0"]

    training = {row.label: cells(row) for row in overview.training.rows}
    assert training["Twilight training session"] == ["<5", "30", "0", "30"]
    assert training["Peer training"] == ["5", "10", "15", "25"]
    assert training["Coaching or buddying"] == ["0", "0", "0", "0"]

    assert len(overview.follow_ups) == 5
    assert {e.organisation_id for e in overview.follow_ups} == {org.id}


def test_a_single_small_part_of_attendance_is_hidden_with_a_partner(store: Store) -> None:
    org = store.add_organisation(Organisation("Riverside", OrganisationKind.SCHOOL))
    add(store, org, PilotActivity.PEER_TRAINING, date(2026, 10, 15), times=5, staff=0, pupils=6)
    add(store, org, PilotActivity.PEER_TRAINING, date(2026, 10, 16), staff=3, pupils=0)
    row = store.pilot_overview(org.id, START, END).training.rows[0]
    # 3 staff is withheld, so the 30 pupils are too ("hidden"): attendance minus pupils would
    # show it.
    assert cells(row) == ["6", "<5", "hidden", "33"]


def test_an_empty_overview(store: Store) -> None:
    org = store.add_organisation(Organisation("Ladywell", OrganisationKind.SCHOOL))
    overview = store.pilot_overview(org.id, START, END)
    assert overview.sessions == Count(0)
    assert all(table.is_empty for table in overview.tables)
    assert overview.follow_ups == ()


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(PilotActivity), st.integers(0, 12),
                          st.integers(0, 40), st.integers(0, 6)), max_size=25))
def test_no_count_shown_is_between_1_and_4(
    store: Store, sessions: list[tuple[PilotActivity, int, int, int]]
) -> None:
    org = store.add_organisation(Organisation(f"School {len(store.organisations())}",
                                              OrganisationKind.SCHOOL))
    for activity, days, pupils, staff in sessions:
        if pupils or staff:
            add(store, org, activity, date(2026, 9, 1) + timedelta(days=days * 7),
                pupils=pupils, staff=staff)
    overview = store.pilot_overview(org.id, START, END)
    shown = [cell.value for table in overview.tables for row in table.rows for cell in row.cells]
    assert not [value for value in shown if value is not None and 0 < value < 5]
    assert overview.sessions.value is None or not 0 < overview.sessions.value < 5
