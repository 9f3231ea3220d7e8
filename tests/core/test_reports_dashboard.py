"""Each dashboard table's figures on a small hand-built case file, the filters (dates inclusive at
both ends, settings, organisation in any capitals), cancelling, and an anonymised CSV with no
names, notes, references or dates of birth."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from restorative_desk.feedback.records import Answer
from restorative_desk.monitoring import Ethnicity, Gender
from restorative_desk.pilots.records import PilotActivity
from restorative_desk.records import Role, Setting
from restorative_desk.reports.export import write_anonymised_csv
from restorative_desk.reports.figures import Cancelled, Dashboard, ReportFilter
from restorative_desk.store import Store
from tests.reporting import (
    NAMES,
    add_case,
    add_feedback,
    add_reflection,
    add_school,
    add_sessions,
    hold_conference,
)

SEPTEMBER = ReportFilter(date(2026, 9, 1), date(2026, 10, 31))


def _cells(dashboard: Dashboard, key: str) -> dict[str, list[str]]:
    return {row.label: [cell.text for cell in row.cells] for row in dashboard.table(key).rows}


@pytest.fixture
def filled(store: Store) -> Store:
    """Seven school cases referred on 1 September (five held on 10 September with feedback), two
    YOS cases on 31 October, one school case on 31 August (outside), pilot sessions."""
    for number in range(7):
        case = add_case(store, date(2026, 9, 1), ethnicity=Ethnicity.AFRICAN,
                        gender=Gender.GIRL_OR_WOMAN, born=date(2013, 5, 1))
        if number < 5:
            hold_conference(store, case, date(2026, 9, 10))
            add_feedback(store, case, date(2026, 9, 12), satisfaction=5 if number else 2,
                         recommend=Answer.YES)
            add_reflection(store, case, date(2026, 9, 12), impact=4 + (number == 0))
    for _ in range(2):
        add_case(store, date(2026, 10, 31), setting=Setting.YOS, organisation="Eastvale YOS")
    add_case(store, date(2026, 8, 31))
    oak, zoe = add_school(store, "Oakfield Academy"), add_school(store, "Zoë's Primary")
    add_sessions(store, oak, date(2026, 9, 2), 6)
    add_sessions(store, oak, date(2026, 9, 3), 2, PilotActivity.TWILIGHT_TRAINING)
    add_sessions(store, zoe, date(2026, 10, 31), 5, PilotActivity.CLASS_CIRCLE)
    add_sessions(store, zoe, date(2026, 11, 1), 9)  # the day after the period
    return store


def test_referrals_and_conferences_by_month_and_setting(filled: Store) -> None:
    dashboard = filled.dashboard(SEPTEMBER)
    referrals = dashboard.table("referrals_by_month")
    assert referrals.columns == ("School", "Youth Offending Service")
    assert _cells(dashboard, "referrals_by_month") == {"Sep 2026": ["7", "0"],
                                                       "Oct 2026": ["0", "<5"]}
    assert _cells(dashboard, "conferences_by_month") == {"Sep 2026": ["5", "0"],
                                                         "Oct 2026": ["0", "0"]}
    headlines = {h.label: h.cell.text for h in dashboard.headlines}
    assert headlines["Referrals"] == "9"  # 31 August is outside, 31 October inside
    assert headlines["Conferences held"] == "5"
    assert headlines["Median days from referral to conference"] == "9 days"


def test_time_to_conference(filled: Store) -> None:
    dashboard = filled.dashboard(SEPTEMBER)
    timing = _cells(dashboard, "time_to_conference")
    assert timing["School"] == ["5", "9 days", "100%"]
    assert timing["All settings"] == ["5", "9 days", "100%"]
    bands = _cells(dashboard, "time_to_conference_bands")
    assert bands["Up to 2 weeks"] == ["5", "0"]


def test_feedback_shares_and_published_figures(filled: Store) -> None:
    dashboard = filled.dashboard(SEPTEMBER)
    by_role = _cells(dashboard, "satisfaction_by_role")
    # Five answers, one not satisfied: 4 of 5 would be 80% but the one is 1 to 4 people.
    assert by_role["Person harmed"][:2] == ["5", "<5"]
    assert by_role["Person harmed"][-1] == "100%"
    assert by_role["Person responsible"][0] == "0"
    headlines = {h.label: h for h in dashboard.headlines}
    recommend = headlines["People harmed who would recommend it"]
    assert recommend.cell.text == "100%" and "78%" in recommend.published
    assert headlines["Staff: high impact on practice"].cell.text == "100%"
    assert _cells(dashboard, "staff_and_partners")["Partner agencies"][0] == "0"


def test_stages_by_characteristic(filled: Store) -> None:
    dashboard = filled.dashboard(SEPTEMBER)
    ethnicity = _cells(dashboard, "stages_by_ethnicity")
    black = "Black, Black British, Black Welsh, Caribbean or African"
    # 14 children on 7 school cases; 10 on the held cases consented and reached conference.
    # The 4 YOS children are "Not recorded": withheld, and so is the 14 beside them ("hidden",
    # not "<5"), or the total of children (in every other table) would give the 4 away.
    assert ethnicity[black] == ["hidden", "10", "10", "0", "hidden"]
    assert ethnicity["Not recorded"] == ["<5", "0", "0", "0", "<5"]
    assert _cells(dashboard, "stages_by_send")["Not recorded"][:3] == ["18", "10", "10"]
    assert _cells(dashboard, "stages_by_age_band")["10 to 13"][:3] == ["hidden", "10", "10"]
    assert "25 or over" not in _cells(dashboard, "stages_by_age_band")
    assert _cells(dashboard, "stages_by_gender")["Girl or woman"][1:3] == ["10", "10"]


def test_pilot_sessions_by_school(filled: Store) -> None:
    dashboard = filled.dashboard(SEPTEMBER)
    activity = dashboard.table("pilot_activity_by_school")
    assert activity.columns == ("Restorative conversation", "Class circle",
                                "Twilight training session")
    # Oakfield's 2 training sessions are withheld, and its 6 too ("hidden"): the school's total
    # of sessions (its outcomes) would give the 2 away.
    assert _cells(dashboard, "pilot_activity_by_school") == {
        "Oakfield Academy": ["hidden", "0", "<5"], "Zoë's Primary": ["0", "5", "0"],
    }
    outcomes = _cells(dashboard, "pilot_outcomes")
    assert outcomes == {"Resolved": ["6", "5"]}


def test_filters_setting_and_organisation_in_any_capitals(filled: Store) -> None:
    yos = filled.dashboard(ReportFilter(SEPTEMBER.start, SEPTEMBER.end,
                                        settings=frozenset({Setting.YOS})))
    assert yos.table("referrals_by_month").columns == ("Youth Offending Service",)
    assert yos.table("pilot_activity_by_school").is_empty  # pilot sessions are school ones
    named = filled.dashboard(ReportFilter(SEPTEMBER.start, SEPTEMBER.end,
                                          organisation="hillside PRIMARY school"))
    assert {h.label: h.cell.text for h in named.headlines}["Referrals"] == "7"
    zoe = filled.dashboard(ReportFilter(SEPTEMBER.start, SEPTEMBER.end,
                                        organisation="ZOË'S PRIMARY"))
    assert list(_cells(zoe, "pilot_activity_by_school")) == ["Zoë's Primary"]


def test_the_last_day_counts(filled: Store) -> None:
    one_day = filled.dashboard(ReportFilter(date(2026, 10, 31), date(2026, 10, 31)))
    assert _cells(one_day, "pilot_activity_by_school") == {"Zoë's Primary": ["5"]}
    first_day = filled.dashboard(ReportFilter(date(2026, 9, 10), date(2026, 9, 10)))
    assert {h.label: h.cell.text for h in first_day.headlines}["Conferences held"] == "5"


def test_progress_can_stop_it(filled: Store) -> None:
    seen: list[tuple[int, int]] = []

    def stop_at_third(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 3

    with pytest.raises(Cancelled):
        filled.dashboard(SEPTEMBER, stop_at_third)
    assert seen[-1][0] == 3


def test_csv_has_figures_only(filled: Store, tmp_path: Path) -> None:
    target = tmp_path / "figures.csv"
    written = write_anonymised_csv(filled.dashboard(SEPTEMBER), target)
    text = target.read_text(encoding="utf-8")
    lines = list(csv.DictReader(text.splitlines()))
    assert len(lines) == written and text.startswith("table,table_title,row,column,value,")
    for secret in (*NAMES, "Zoë Nguyễn", "lunchtime", "07700", "RD-2026", "2013-05-01",
                   "Jo Adeyemi", "ZN", "listened"):
        assert secret not in text
    period = {(line["row"], line["column"]): line["value"] for line in lines
              if line["table"] == "filter"}
    assert period[("Period", "From")] == "2026-09-01"
    assert period[("Period", "To")] == "2026-10-31"
    assert not list(tmp_path.glob(".*part"))


def test_a_cancelled_export_leaves_no_file(filled: Store, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "figures.csv"
    target.write_text("the older export\n", encoding="utf-8")
    with pytest.raises(Cancelled):
        write_anonymised_csv(filled.dashboard(SEPTEMBER), target, lambda done, _: done == 0)
    assert target.read_text(encoding="utf-8") == "the older export\n"
    assert sorted(p.name for p in folder.iterdir()) == ["figures.csv"]


def test_an_empty_case_file_has_every_table(store: Store) -> None:
    dashboard = store.dashboard(SEPTEMBER)
    assert dashboard.table("referrals_by_month").columns == tuple(s.label for s in Setting)
    assert {h.label: h.cell.text for h in dashboard.headlines}["Referrals"] == "0"
    assert _cells(dashboard, "satisfaction_by_role")["Others"][0] == "0"
    assert Role.PERSON_HARMED  # the roles' words are the neutral ones, whatever the setting
