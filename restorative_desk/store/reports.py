"""The dashboard's counts: a handful of GROUP BY queries over the whole case file. A mixin of
Store; the figures (and the small-count rule) are built in reports/dashboard.py, which never
sees a row about one person.

Which date decides the period: a case's referral date (referrals, and the children counted at
each stage), the day a case first moved to "conference held" (conferences and time to
conference), the day an agreement closed, the day feedback was given, the day of a pilot
session. Settings and organisation narrow by the case's own setting and organisation (pilot
sessions: see pilot_scope)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from ..agreements.records import AgreementStatus
from ..records import Status
from ..reports.figures import Dashboard, Progress, ReportFilter, report_progress
from ..reports.tallies import AnswerTally, ReportTallies, StageTally
from .internals import StoreInternals
from .report_counts import STEPS, pilot_scope
from .report_facts import BAND_SQL, BUILD_STEPS, COHORT_SQL, ReportFacts
from .search import FOLD_FUNCTION, fold

HELD = Status.CONFERENCE_HELD.value
CLOSED_OUTCOMES = (AgreementStatus.COMPLETED.value, AgreementStatus.PARTLY_COMPLETED.value,
                   AgreementStatus.NOT_COMPLETED.value)  # fmt: skip
CHARACTERISTICS = ("ethnicity", "gender", "age_band", "send", "care_status")
QUERY_GROUPS = 7  # progress is told after each group

_BAND_SQL, _COHORT_SQL = BAND_SQL, COHORT_SQL  # the same rules as the in-memory facts
_QUESTION_SQL = {
    "satisfied": ("satisfaction", "satisfaction >= 4"),
    "felt_safe": ("felt_safe", "felt_safe = 'yes'"),
    "felt_heard": ("felt_heard", "felt_heard = 'yes'"),
    "understood_next": ("understood_next", "understood_next = 'yes'"),
    "real_choice": ("real_choice", "real_choice = 'yes'"),
    "would_recommend": ("would_recommend", "would_recommend = 'yes'"),
}


def _answer_columns(questions: dict[str, tuple[str, str]]) -> str:
    """count(*) AS forms, then `<q>_n` (answered) and `<q>_yes` (positive) per question."""
    parts = ["count(*) AS forms"]
    for name, (column, positive) in questions.items():
        parts.append(f"count({column}) AS {name}_n")
        parts.append(f"coalesce(sum({positive}), 0) AS {name}_yes")
    return ", ".join(parts)


def _answer_tally(row: dict[str, Any], questions: dict[str, tuple[str, str]]) -> AnswerTally:
    tally = AnswerTally(forms=row["forms"])
    for name in questions:
        tally.answered[name] = row[f"{name}_n"]
        tally.positive[name] = row[f"{name}_yes"]
    return tally


def case_scope(report_filter: ReportFilter, alias: str = "c") -> tuple[str, list[Any]]:
    """SQL narrowing cases (`alias`) to the filter's settings and organisation (any capitals or
    accents), starting with AND; and its parameters."""
    sql, params = "", []
    if report_filter.settings:
        values = sorted(s.value for s in report_filter.settings)
        sql += f" AND {alias}.setting IN ({', '.join('?' for _ in values)})"
        params += values
    if report_filter.organisation.strip():
        sql += f" AND {FOLD_FUNCTION}({alias}.organisation) = ? COLLATE NOCASE"
        params.append(fold(report_filter.organisation.strip()))
    return sql, params


class ReportQueries(StoreInternals):
    """Report methods of Store."""

    # The facts the dashboard is counted from, made on the first read (report_facts.py).
    _report_facts: ReportFacts | None = None

    def dashboard(
        self, report_filter: ReportFilter, progress: Progress | None = None, *,
        cached: bool = True,
    ) -> Dashboard:
        """Every dashboard figure for the filter, small counts withheld. `progress(done, total)`
        is told after each group of queries; returning False stops with figures.Cancelled.

        The first call reads the facts into memory (a few seconds over 100,000 cases); later
        calls, whatever the filter, take a fraction of a second. `cached=False` reads the case
        file directly instead: quicker for a single report from a store opened just for it."""
        from ..reports.dashboard import build_dashboard

        tallies = self.report_tallies(report_filter, progress, cached=cached)
        dashboard = build_dashboard(report_filter, tallies)
        report_progress(progress, QUERY_GROUPS + 1, QUERY_GROUPS + 1)
        return dashboard

    def report_tallies(
        self, report_filter: ReportFilter, progress: Progress | None = None, *,
        cached: bool = True,
    ) -> ReportTallies:
        """The exact counts behind the dashboard (never shown as they are): from the facts kept
        in memory, brought up to date first; with `cached=False`, straight from the case file
        (the reference the facts are tested against, and the benchmark's floor)."""
        if not cached:
            return self._uncached_tallies(report_filter, progress)
        # Reading the facts again (the first time) counts as BUILD_STEPS more steps.
        total = BUILD_STEPS + QUERY_GROUPS + 1
        report_progress(progress, 0, total)
        facts = self.report_facts()
        facts.current(lambda done: report_progress(progress, done, total))
        tallies = ReportTallies()
        for done, step in enumerate(STEPS, start=BUILD_STEPS + 1):
            step(facts, report_filter, tallies)
            report_progress(progress, done, total)
        return tallies

    def report_facts(self) -> ReportFacts:
        """The in-memory facts of this store (made, empty, on first use)."""
        if self._report_facts is None:
            self._report_facts = ReportFacts(self._conn)
        return self._report_facts

    def _uncached_tallies(
        self, report_filter: ReportFilter, progress: Progress | None = None
    ) -> ReportTallies:
        steps = (self._count_referrals, self._count_conferences, self._count_agreements,
                 self._count_participant_feedback, self._count_staff_and_partners,
                 self._count_pilot_sessions, self._count_stages)  # fmt: skip
        tallies = ReportTallies()
        total = len(steps) + 1
        report_progress(progress, 0, total)
        for done, step in enumerate(steps, start=1):
            step(report_filter, tallies)
            report_progress(progress, done, total)
        return tallies

    def _period(self, report_filter: ReportFilter) -> list[str]:
        """The first and last days, for BETWEEN over ISO dates."""
        return [report_filter.start.isoformat(), report_filter.end.isoformat()]

    def _moments(self, report_filter: ReportFilter) -> list[str]:
        """The first day and the day after the last, for >= and < over ISO moments (recorded
        in UTC, so the day is UTC's)."""
        return [report_filter.start.isoformat(),
                (report_filter.end + timedelta(days=1)).isoformat()]  # fmt: skip

    def _count_referrals(self, report_filter: ReportFilter, tallies: ReportTallies) -> None:
        scope, params = case_scope(report_filter)
        for row in self._rows(
            "SELECT substr(c.referral_date, 1, 7) AS month, c.setting, count(*) AS n "
            f"FROM cases c WHERE c.referral_date BETWEEN ? AND ?{scope} "
            "GROUP BY month, c.setting",
            [*self._period(report_filter), *params],
        ):
            tallies.referrals[(row["month"], row["setting"])] = row["n"]

    def _count_conferences(self, report_filter: ReportFilter, tallies: ReportTallies) -> None:
        # A case's first move to "conference held" in the period (moved there again later
        # counts once, on the first day).
        scope, params = case_scope(report_filter)
        for row in self._rows(
            "SELECT substr(s.changed_at, 1, 7) AS month, c.setting, "
            "CAST(julianday(substr(s.changed_at, 1, 10)) - julianday(c.referral_date) "
            "AS INTEGER) AS days, count(*) AS n FROM status_changes s "
            "JOIN cases c ON c.id = s.case_id "
            f"WHERE s.to_status = ? AND s.changed_at >= ? AND s.changed_at < ?{scope} "
            "AND NOT EXISTS (SELECT 1 FROM status_changes e WHERE e.to_status = s.to_status "
            "AND e.case_id = s.case_id AND e.changed_at < s.changed_at) "
            "GROUP BY month, c.setting, days",
            [HELD, *self._moments(report_filter), *params],
        ):
            tallies.conferences[(row["month"], row["setting"])] += row["n"]
            days = tallies.days_to_conference.setdefault(row["setting"], Counter())
            days[max(0, row["days"])] += row["n"]

    def _count_agreements(self, report_filter: ReportFilter, tallies: ReportTallies) -> None:
        scope, params = case_scope(report_filter)
        marks = ", ".join("?" for _ in CLOSED_OUTCOMES)
        for row in self._rows(
            "SELECT c.setting, a.status, count(*) AS n FROM agreements a "
            "JOIN cases c ON c.id = a.case_id "
            f"WHERE a.status IN ({marks}) AND a.closed_on BETWEEN ? AND ?{scope} "
            "AND NOT EXISTS (SELECT 1 FROM agreements b "
            "WHERE b.case_id = a.case_id AND b.version > a.version) "
            "GROUP BY c.setting, a.status",
            [*CLOSED_OUTCOMES, *self._period(report_filter), *params],
        ):
            tallies.agreement_outcomes[(row["setting"], row["status"])] = row["n"]

    def _count_participant_feedback(
        self, report_filter: ReportFilter, tallies: ReportTallies
    ) -> None:
        scope, params = case_scope(report_filter)
        cases = "JOIN cases c ON c.id = f.case_id " if scope else ""
        for row in self._rows(
            f"SELECT f.role, {_answer_columns(_QUESTION_SQL)} FROM participant_feedback f "
            f"{cases}WHERE f.given_on BETWEEN ? AND ?{scope} GROUP BY f.role",
            [*self._period(report_filter), *params],
        ):
            tallies.participants[row["role"]] = _answer_tally(row, _QUESTION_SQL)

    def _count_staff_and_partners(
        self, report_filter: ReportFilter, tallies: ReportTallies
    ) -> None:
        scope, params = case_scope(report_filter)
        staff = {"high_impact": ("impact", "impact >= 4")}
        cases = "JOIN cases c ON c.id = s.case_id " if scope else ""
        row = self._row(
            f"SELECT {_answer_columns(staff)} FROM staff_reflections s "
            f"{cases}WHERE s.given_on BETWEEN ? AND ?{scope}",
            [*self._period(report_filter), *params],
        )
        if row is not None:
            tallies.staff = _answer_tally(row, staff)
        partners = {"satisfied": ("satisfaction", "satisfaction >= 4"),
                    "would_refer_again": ("would_refer_again", "would_refer_again = 'yes'")}
        # Feedback about one case follows that case's setting and organisation; general
        # feedback counts only without a setting, matched by the organisation it names.
        scope_p, params_p = case_scope(report_filter, "p")
        general = "" if report_filter.settings else f" OR (p.case_id IS NULL{scope_p})"
        row = self._row(
            f"SELECT {_answer_columns(partners)} FROM partner_feedback p "
            "LEFT JOIN cases c ON c.id = p.case_id WHERE p.given_on BETWEEN ? AND ? "
            f"AND ((c.id IS NOT NULL{scope}){general})",
            [*self._period(report_filter), *params, *(params_p if general else [])],
        )
        if row is not None:
            tallies.partners = _answer_tally(row, partners)

    def _count_pilot_sessions(self, report_filter: ReportFilter, tallies: ReportTallies) -> None:
        if not pilot_scope(report_filter):
            return
        sql, params = "", self._period(report_filter)
        if report_filter.organisation.strip():
            sql = f" AND {FOLD_FUNCTION}(o.name) = ? COLLATE NOCASE"
            params.append(fold(report_filter.organisation.strip()))
        for row in self._rows(
            "SELECT o.name, e.activity, e.outcome, count(*) AS n "
            "FROM pilot_entries e INDEXED BY pilot_entries_for_reports "
            "JOIN organisations o ON o.id = e.organisation_id "
            f"WHERE e.session_date BETWEEN ? AND ?{sql} "
            "GROUP BY e.organisation_id, e.activity, e.outcome",
            params,
        ):
            tallies.pilot_activity[(row["name"], row["activity"])] += row["n"]
            if row["outcome"] is not None:
                tallies.pilot_outcomes[(row["outcome"], row["name"])] += row["n"]

    def _count_stages(self, report_filter: ReportFilter, tallies: ReportTallies) -> None:
        """Children harmed or responsible on cases referred in the period, by each
        characteristic, and how many reached each stage."""
        scope, params = case_scope(report_filter)
        # One pass, grouped by all five characteristics at once (a few thousand groups), then
        # summed per characteristic here. The children's index is read in case order (CROSS
        # JOIN keeps that order), so each probe lands next to the one before.
        rows = self._rows(
            "SELECT p.ethnicity, p.gender, p.send, p.care_status, "
            f"{_BAND_SQL} AS age_band, count(*) AS referred, "
            "sum(EXISTS (SELECT 1 FROM consents k WHERE k.case_id = p.case_id "
            "AND k.person_id = p.id AND k.withdrawn_on IS NULL)) AS consented, "
            "sum(EXISTS (SELECT 1 FROM status_changes s WHERE s.to_status = ? "
            "AND s.case_id = p.case_id)) AS held, "
            "sum(coalesce((SELECT a.status = ? FROM agreements a WHERE a.case_id = p.case_id "
            "ORDER BY a.version DESC LIMIT 1), 0)) AS completed "
            "FROM people p CROSS JOIN cases c ON c.id = p.case_id "
            f"WHERE {_COHORT_SQL} AND c.referral_date BETWEEN ? AND ?{scope} "
            # By position: "age_band" here would name the column people.age_band, not the band
            # worked out above (SQLite prefers a column to a result's name in GROUP BY).
            "GROUP BY 1, 2, 3, 4, 5",
            [HELD, AgreementStatus.COMPLETED.value, *self._period(report_filter), *params],
        )
        for name in CHARACTERISTICS:
            tallies.stages[name] = {}
        for row in rows:
            for name in CHARACTERISTICS:
                tally = tallies.stages[name].setdefault(row[name], StageTally())
                tally.referred += row["referred"]
                tally.consented += row["consented"]
                tally.conference_held += row["held"]
                tally.agreement_completed += row["completed"]
