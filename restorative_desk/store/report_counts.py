"""The dashboard's counts for one filter, asked of the in-memory facts (store/report_facts.py):
the same groups, the same dates deciding the period and the same narrowing by setting and
organisation as the queries over the case file in store/reports.py, which stay as the
reference (`report_tallies(..., cached=False)`) and the tests compare the two after every kind
of write."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from ..agreements.records import AgreementStatus
from ..records import Setting
from ..reports.figures import ReportFilter
from ..reports.tallies import AnswerTally, ReportTallies, StageTally
from .report_facts import ReportFacts, rows_of
from .search import FOLD_FUNCTION, fold


def pilot_scope(report_filter: ReportFilter) -> bool:
    """Whether pilot sessions count under the filter's settings: they are school sessions, so
    only when no setting is chosen or School is one of them."""
    return not report_filter.settings or Setting.SCHOOL in report_filter.settings

CLOSED_OUTCOMES = (AgreementStatus.COMPLETED.value, AgreementStatus.PARTLY_COMPLETED.value,
                   AgreementStatus.NOT_COMPLETED.value)  # fmt: skip
CHARACTERISTICS = ("ethnicity", "gender", "age_band", "send", "care_status")
QUESTIONS = {
    "satisfied": ("satisfaction", "satisfaction >= 4"),
    "felt_safe": ("felt_safe", "felt_safe = 'yes'"),
    "felt_heard": ("felt_heard", "felt_heard = 'yes'"),
    "understood_next": ("understood_next", "understood_next = 'yes'"),
    "real_choice": ("real_choice", "real_choice = 'yes'"),
    "would_recommend": ("would_recommend", "would_recommend = 'yes'"),
}
STAFF = {"high_impact": ("impact", "impact >= 4")}
PARTNERS = {"satisfied": ("satisfaction", "satisfaction >= 4"),
            "would_refer_again": ("would_refer_again", "would_refer_again = 'yes'")}  # fmt: skip

Step = Callable[[ReportFacts, ReportFilter, ReportTallies], None]


def answer_columns(questions: dict[str, tuple[str, str]]) -> str:
    """count(*) AS forms, then `<q>_n` (answered) and `<q>_yes` (positive) per question."""
    parts = ["count(*) AS forms"]
    for name, (column, positive) in questions.items():
        parts.append(f"count({column}) AS {name}_n")
        parts.append(f"coalesce(sum({positive}), 0) AS {name}_yes")
    return ", ".join(parts)


def answer_tally(row: dict[str, Any], questions: dict[str, tuple[str, str]]) -> AnswerTally:
    """The tally of a row made by answer_columns."""
    tally = AnswerTally(forms=row["forms"])
    for name in questions:
        tally.answered[name] = row[f"{name}_n"]
        tally.positive[name] = row[f"{name}_yes"]
    return tally


def facts_scope(facts: ReportFacts, report_filter: ReportFilter) -> tuple[str, list[Any]]:
    """SQL narrowing facts rows (by their `place`) to the filter's settings and organisation
    (in any capitals or accents), starting with AND; and its parameters."""
    if not report_filter.settings and not report_filter.organisation.strip():
        return "", []
    settings = frozenset(s.value for s in report_filter.settings)
    # None matching: a number no place has (an empty list would stop SQLite using the index).
    places = facts.place_numbers(settings, report_filter.organisation) or [-1]
    return f" AND place IN ({', '.join('?' for _ in places)})", places


def _period(report_filter: ReportFilter) -> list[str]:
    return [report_filter.start.isoformat(), report_filter.end.isoformat()]


def _settings(facts: ReportFacts) -> dict[int, str]:
    return {number: setting for (setting, _), number in facts.places.items()}


def count_referrals(facts: ReportFacts, f: ReportFilter, tallies: ReportTallies) -> None:
    scope, params = facts_scope(facts, f)
    setting = _settings(facts)
    for month, place, n in facts.conn.execute(
        "SELECT referral_month, place, count(*) FROM temp.rf_cases "
        "INDEXED BY rf_cases_referred "
        f"WHERE referral_date BETWEEN ? AND ?{scope} GROUP BY referral_month, place",
        [*_period(f), *params],
    ):
        tallies.referrals[(month, setting[place])] += n


def count_conferences(facts: ReportFacts, f: ReportFilter, tallies: ReportTallies) -> None:
    scope, params = facts_scope(facts, f)
    setting = _settings(facts)
    # held_at is the case's first move to "conference held" (UTC, as recorded): compared as
    # the uncached query compares it, from the first day to before the day after the last.
    # Two passes, each over an index in its own grouping order: by month, and by days taken.
    period = [f.start.isoformat(), (f.end + timedelta(days=1)).isoformat(), *params]
    held = "held_at IS NOT NULL AND held_at >= ? AND held_at < ?"
    for month, place, n in facts.conn.execute(
        "SELECT held_month, place, sum(held_n) FROM temp.rf_cases INDEXED BY rf_cases_held "
        f"WHERE {held}{scope} GROUP BY held_month, place",
        period,
    ):
        tallies.conferences[(month, setting[place])] += n
    for place, days, n in facts.conn.execute(
        "SELECT place, held_days, sum(held_n) FROM temp.rf_cases INDEXED BY rf_cases_held_days "
        f"WHERE {held}{scope} GROUP BY place, held_days",
        period,
    ):
        counter = tallies.days_to_conference.setdefault(setting[place], Counter())
        counter[max(0, days)] += n


def count_agreements(facts: ReportFacts, f: ReportFilter, tallies: ReportTallies) -> None:
    scope, params = facts_scope(facts, f)
    setting = _settings(facts)
    marks = ", ".join("?" for _ in CLOSED_OUTCOMES)
    for place, status, n in facts.conn.execute(
        "SELECT place, agreement_status, count(*) FROM temp.rf_cases "
        f"WHERE closed_on BETWEEN ? AND ? AND agreement_status IN ({marks}){scope} "
        "GROUP BY place, agreement_status",
        [*_period(f), *CLOSED_OUTCOMES, *params],
    ):
        tallies.agreement_outcomes[(setting[place], status)] += n


def count_participants(facts: ReportFacts, f: ReportFilter, tallies: ReportTallies) -> None:
    scope, params = facts_scope(facts, f)
    for row in rows_of(
        facts.conn,
        f"SELECT role, {answer_columns(QUESTIONS)} FROM temp.rf_participants "
        f"INDEXED BY rf_participants_counted WHERE given_on BETWEEN ? AND ?{scope} "
        "GROUP BY role",
        [*_period(f), *params],
    ):
        tallies.participants[row["role"]] = answer_tally(row, QUESTIONS)


def count_staff_and_partners(facts: ReportFacts, f: ReportFilter, tallies: ReportTallies) -> None:
    scope, params = facts_scope(facts, f)
    rows = rows_of(
        facts.conn,
        f"SELECT {answer_columns(STAFF)} FROM temp.rf_staff "
        f"WHERE given_on BETWEEN ? AND ?{scope}",
        [*_period(f), *params],
    )
    tallies.staff = answer_tally(rows[0], STAFF)
    # Feedback about one case follows that case's setting and organisation; general feedback
    # (its place has no setting) counts only without a setting, by the organisation it names.
    rows = rows_of(
        facts.conn,
        f"SELECT {answer_columns(PARTNERS)} FROM temp.rf_partners "
        f"WHERE given_on BETWEEN ? AND ?{scope}",
        [*_period(f), *params],
    )
    tallies.partners = answer_tally(rows[0], PARTNERS)


def count_pilot_sessions(facts: ReportFacts, f: ReportFilter, tallies: ReportTallies) -> None:
    if not pilot_scope(f):
        return
    sql, params = "", _period(f)
    if f.organisation.strip():
        sql = (" AND organisation_id IN (SELECT id FROM main.organisations "
               f"WHERE {FOLD_FUNCTION}(name) = ? COLLATE NOCASE)")  # fmt: skip
        params.append(fold(f.organisation.strip()))
    for name, activity, outcome, n in facts.conn.execute(
        "SELECT o.name, e.activity, e.outcome, e.n FROM (SELECT organisation_id, activity, "
        "outcome, count(*) AS n FROM temp.rf_pilots INDEXED BY rf_pilots_counted "
        f"WHERE session_date BETWEEN ? AND ?{sql} GROUP BY organisation_id, activity, outcome) e "
        "JOIN main.organisations o ON o.id = e.organisation_id",
        params,
    ):
        tallies.pilot_activity[(name, activity)] += n
        if outcome is not None:
            tallies.pilot_outcomes[(outcome, name)] += n


def count_stages(facts: ReportFacts, f: ReportFilter, tallies: ReportTallies) -> None:
    """Children harmed or responsible on cases referred in the period, by each characteristic,
    and how many reached each stage."""
    scope, params = facts_scope(facts, f)
    stages: dict[str, dict[str | None, StageTally]] = {name: {} for name in CHARACTERISTICS}
    # The profile's answers in CHARACTERISTICS order: ethnicity, gender, age band, send, care.
    order = (0, 1, 4, 2, 3)
    for profile, referred, consented, held, completed in facts.conn.execute(
        "SELECT profile, count(*), sum(consented), sum(held), sum(completed) "
        "FROM temp.rf_children INDEXED BY rf_children_counted "
        f"WHERE referral_date BETWEEN ? AND ?{scope} GROUP BY profile",
        [*_period(f), *params],
    ):
        answers = facts.profile_of(profile)
        for name, index in zip(CHARACTERISTICS, order, strict=True):
            tally = stages[name].setdefault(answers[index], StageTally())
            tally.referred += referred
            tally.consented += consented
            tally.conference_held += held
            tally.agreement_completed += completed
    tallies.stages.update(stages)


STEPS: tuple[Step, ...] = (count_referrals, count_conferences, count_agreements,
                           count_participants, count_staff_and_partners, count_pilot_sessions,
                           count_stages)  # fmt: skip
