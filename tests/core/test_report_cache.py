"""The dashboard's in-memory facts (store/report_facts.py) never serve stale figures: random
sequences of real store writes, and after each one the counts from the facts equal the counts
read straight from the case file, for several filters. Also: another Store on the same file
sees each write; a person moved to another case; the facts kept in memory only."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import hypothesis.strategies as st
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from restorative_desk.agreements.records import AgreementStatus
from restorative_desk.feedback.records import Answer, PartnerFeedback
from restorative_desk.monitoring import Ethnicity, Gender
from restorative_desk.pilots.records import PilotActivity, PilotOutcome
from restorative_desk.records import AgeBand, Person, ReferralSource, Role, Setting, Status
from restorative_desk.reports.figures import ReportFilter
from restorative_desk.store import Store
from tests.agreeing import closed_agreement
from tests.conftest import FIXED_NOW
from tests.reporting import add_case, add_feedback, add_school, add_sessions, at, hold_conference

TODAY = FIXED_NOW.date()
FILTERS = (
    ReportFilter(date(2026, 1, 1), TODAY),
    ReportFilter(date(2026, 9, 1), date(2026, 10, 31)),
    ReportFilter(date(2026, 1, 1), TODAY, frozenset({Setting.SCHOOL})),
    ReportFilter(date(2026, 1, 1), TODAY, organisation="HILLSIDE primary school"),
    ReportFilter(date(2026, 1, 1), TODAY, frozenset({Setting.YOS, Setting.CARE_HOME}),
                 "eastvale yos"),
)  # fmt: skip
ORGANISATIONS = {Setting.SCHOOL: ("Hillside Primary School", "Zoë's Primary"),
                 Setting.YOS: ("Eastvale YOS",), Setting.CARE_HOME: ("Oak Lodge",)}  # fmt: skip
DAYS = st.integers(min_value=0, max_value=320).map(lambda n: TODAY - timedelta(days=n))


def assert_same(store: Store) -> None:
    """The facts' counts equal the case file's, for every filter (and so the figures)."""
    for report_filter in FILTERS:
        cached = store.report_tallies(report_filter)
        fresh = store.report_tallies(report_filter, cached=False)
        assert cached == fresh, report_filter


def fresh_dashboard(store: Store, report_filter: ReportFilter) -> object:
    from restorative_desk.reports.dashboard import build_dashboard

    return build_dashboard(report_filter, store.report_tallies(report_filter, cached=False))


class ReportWrites(RuleBasedStateMachine):
    """Writes through the store's public methods, with a second Store on the same file."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="rd-facts-"))
        key = os.urandom(32)
        path = self.folder / "cases.db"
        self.store = Store.open(path, key=key, actor="Test Facilitator", clock=lambda: FIXED_NOW)
        self.other = Store.open(path, key=key, actor="Other Laptop", clock=lambda: FIXED_NOW)
        self.cases: list[str] = []
        self.held: list[str] = []
        self.school = add_school(self.store, "Zoë's Primary")

    def teardown(self) -> None:
        self.store.close()
        self.other.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _writer(self, other: bool) -> Store:
        return self.other if other else self.store

    @rule(referred=DAYS, setting=st.sampled_from(sorted(ORGANISATIONS, key=str)),
          choice=st.integers(0, 1), ethnicity=st.sampled_from([None, *Ethnicity]),
          gender=st.sampled_from([None, *Gender]), age=st.integers(0, 20) | st.none(),
          other=st.booleans())  # fmt: skip
    def add_case(self, referred: date, setting: Setting, choice: int,
                 ethnicity: Ethnicity | None, gender: Gender | None, age: int | None,
                 other: bool) -> None:  # fmt: skip
        names = ORGANISATIONS[setting]
        born = None if age is None else referred - timedelta(days=365 * age + 40)
        case = add_case(self._writer(other), referred, setting=setting,
                        organisation=names[choice % len(names)], ethnicity=ethnicity,
                        gender=gender, born=born)  # fmt: skip
        self.cases.append(case.id)

    @precondition(lambda self: self.cases)
    @rule(pick=st.integers(0, 99), band=st.sampled_from([None, *AgeBand]), other=st.booleans())
    def add_child_without_birthday(self, pick: int, band: AgeBand | None, other: bool) -> None:
        case_id = self.cases[pick % len(self.cases)]
        with self.store.recording_as(at(TODAY)):
            self._writer(other).add_person(Person(
                case_id=case_id, role=Role.PERSON_RESPONSIBLE, name="Siobhán Walsh",
                is_child=True, age_band=band, gender=Gender.ANOTHER_WAY,
            ))  # fmt: skip

    @precondition(lambda self: self.cases)
    @rule(pick=st.integers(0, 99), ethnicity=st.sampled_from([None, *Ethnicity]),
          age=st.integers(5, 19), other=st.booleans())  # fmt: skip
    def update_person(self, pick: int, ethnicity: Ethnicity | None, age: int,
                      other: bool) -> None:  # fmt: skip
        people = self.store.people(self.cases[pick % len(self.cases)])
        if not people:
            return
        person = people[pick % len(people)]
        born = TODAY - timedelta(days=365 * age)
        self._writer(other).update_person(replace(person, ethnicity=ethnicity, date_of_birth=born))

    @precondition(lambda self: len(self.cases) > 1)
    @rule(pick=st.integers(0, 99), to=st.integers(0, 99))
    def move_person_to_another_case(self, pick: int, to: int) -> None:
        people = self.store.people(self.cases[pick % len(self.cases)])
        target = self.cases[to % len(self.cases)]
        if people:
            self.store.update_person(replace(people[0], case_id=target, supports_person_id=None))

    @precondition(lambda self: self.cases)
    @rule(pick=st.integers(0, 99), setting=st.sampled_from(sorted(ORGANISATIONS, key=str)),
          days=st.integers(0, 30))  # fmt: skip
    def update_case(self, pick: int, setting: Setting, days: int) -> None:
        case = self.store.get_case(self.cases[pick % len(self.cases)])
        self.store.update_case(replace(
            case, setting=setting, organisation=ORGANISATIONS[setting][0],
            referral_date=case.referral_date - timedelta(days=days),
        ))  # fmt: skip

    @precondition(lambda self: self.cases)
    @rule(pick=st.integers(0, 99), held=st.integers(0, 40), other=st.booleans())
    def hold_conference(self, pick: int, held: int, other: bool) -> None:
        case_id = self.cases[pick % len(self.cases)]
        store = self._writer(other)
        case = store.get_case(case_id)
        if case.status is not Status.REFERRED:
            return
        hold_conference(store, case, min(TODAY, case.referral_date + timedelta(days=held)))
        self.held.append(case_id)

    @precondition(lambda self: self.cases)
    @rule(pick=st.integers(0, 99), other=st.booleans())
    def withdraw_consent(self, pick: int, other: bool) -> None:
        consents = [c for c in self.store.consents(self.cases[pick % len(self.cases)])
                    if c.withdrawn_on is None]  # fmt: skip
        if consents:
            self._writer(other).withdraw_consent(consents[0].id, TODAY)

    @precondition(lambda self: self.held)
    @rule(pick=st.integers(0, 99), satisfaction=st.integers(1, 5),
          role=st.sampled_from([Role.PERSON_HARMED, Role.PERSON_RESPONSIBLE, Role.SUPPORTER]),
          other=st.booleans())  # fmt: skip
    def feedback(self, pick: int, satisfaction: int, role: Role, other: bool) -> None:
        case = self.store.get_case(self.held[pick % len(self.held)])
        add_feedback(self._writer(other), case, TODAY, role=role,
                     satisfaction=satisfaction,
                     recommend=Answer.YES if satisfaction > 2 else Answer.NOT_SURE)  # fmt: skip

    @rule(outcome=st.sampled_from([AgreementStatus.COMPLETED, AgreementStatus.PARTLY_COMPLETED,
                                   AgreementStatus.NOT_COMPLETED]),
          other=st.booleans())  # fmt: skip
    def closed_agreement(self, outcome: AgreementStatus, other: bool) -> None:
        agreement = closed_agreement(self._writer(other), outcome)
        self.cases.append(agreement.case_id)

    @rule(pick=st.integers(0, 99), other=st.booleans())
    def partner_feedback(self, pick: int, other: bool) -> None:
        case_id = self.cases[pick % len(self.cases)] if self.cases and pick % 2 else None
        self._writer(other).add_partner_feedback(PartnerFeedback(
            ReferralSource.POLICE, TODAY, case_id=case_id,
            organisation="Eastvale YOS", satisfaction=1 + pick % 5,
            would_refer_again=Answer.YES,
        ))  # fmt: skip

    @rule(day=DAYS, how_many=st.integers(1, 3), other=st.booleans())
    def pilot_sessions(self, day: date, how_many: int, other: bool) -> None:
        add_sessions(self._writer(other), self.school, day, how_many,
                     PilotActivity.CLASS_CIRCLE, PilotOutcome.AGREEMENT_MADE)  # fmt: skip

    @precondition(lambda self: self.cases)
    @rule(pick=st.integers(0, 99), other=st.booleans())
    def erase_case(self, pick: int, other: bool) -> None:
        case_id = self.cases.pop(pick % len(self.cases))
        if case_id in self.held:
            self.held.remove(case_id)
        self._writer(other).erase_case(case_id)

    @invariant()
    def facts_match_the_case_file(self) -> None:
        assert_same(self.store)
        assert_same(self.other)
        report_filter = FILTERS[0]
        assert self.store.dashboard(report_filter) == fresh_dashboard(self.store, report_filter)


ReportWrites.TestCase.settings = settings(
    max_examples=25, stateful_step_count=15, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)  # fmt: skip
TestReportWrites = ReportWrites.TestCase


def test_facts_are_kept_in_memory_only(store: Store) -> None:
    add_case(store, date(2026, 9, 1))
    store.dashboard(FILTERS[0])
    conn = store._conn
    assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
    tables = {row[0] for row in conn.execute("SELECT name FROM temp.sqlite_master")}
    assert "rf_children" in tables
    assert store.report_facts().memory_bytes() > 0


def test_another_store_on_the_same_file_sees_each_write(db_path: Path, db_key: bytes) -> None:
    first = Store.open(db_path, key=db_key, actor="A", clock=lambda: FIXED_NOW)
    second = Store.open(db_path, key=db_key, actor="B", clock=lambda: FIXED_NOW)
    try:
        referrals = "Referrals"
        first.dashboard(FILTERS[0])  # facts made before the other store writes
        case = add_case(second, date(2026, 9, 1))
        hold_conference(second, case, date(2026, 9, 10))
        headlines = {h.label: h.cell.text for h in first.dashboard(FILTERS[0]).headlines}
        assert headlines[referrals] == "<5"
        assert first.report_tallies(FILTERS[0]) == first.report_tallies(FILTERS[0], cached=False)
        second.erase_case(case.id)
        assert first.report_tallies(FILTERS[0]) == first.report_tallies(FILTERS[0], cached=False)
        assert sum(first.report_tallies(FILTERS[0]).referrals.values()) == 0
    finally:
        first.close()
        second.close()


def test_a_change_reads_only_its_case_again(store: Store) -> None:
    cases = [add_case(store, date(2026, 9, 1)) for _ in range(3)]
    store.dashboard(FILTERS[0])
    facts = store.report_facts()
    hold_conference(store, cases[0], date(2026, 9, 10))
    store.dashboard(FILTERS[0])
    assert facts.rebuilds == 1
    assert store.report_tallies(FILTERS[0]) == store.report_tallies(FILTERS[0], cached=False)


def test_age_bands_count_each_childs_own_band(store: Store) -> None:
    """Children of different ages with the same other answers fall in their own bands (the
    case-file query once grouped them by the stored band column instead)."""
    add_case(store, date(2026, 9, 1), born=date(2008, 1, 1))  # 18: two children
    add_case(store, date(2026, 9, 1), born=date(2016, 1, 1))  # 10
    for cached in (True, False):
        bands = store.report_tallies(FILTERS[0], cached=cached).stages["age_band"]
        assert {band: tally.referred for band, tally in bands.items()} == {
            AgeBand.AGE_18_24.value: 2, AgeBand.AGE_10_13.value: 2}
