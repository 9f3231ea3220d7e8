"""The raw tallies the store counts for the dashboard (store/reports.py fills them with a handful
of GROUP BY queries; reports/dashboard.py turns them into suppressed figures).

Tallies hold exact counts and never leave the core: only the figures built from them are shown
or exported. Keys are the stored values (enum values, "YYYY-MM" months, organisation names)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

# The feedback questions in the order the dashboard shows them.
QUESTIONS = ("satisfied", "felt_safe", "felt_heard", "understood_next", "real_choice",
             "would_recommend")  # fmt: skip


@dataclass
class AnswerTally:
    """For one group of answers: how many forms, and per question how many answered it and how
    many of those answered it positively (satisfaction 4 or 5, or "yes")."""

    forms: int = 0
    answered: Counter[str] = field(default_factory=Counter)
    positive: Counter[str] = field(default_factory=Counter)

    def add(self, other: AnswerTally) -> None:
        """Add another tally's counts to this one."""
        self.forms += other.forms
        self.answered.update(other.answered)
        self.positive.update(other.positive)


@dataclass
class StageTally:
    """Children in the cohort and how many reached each later stage."""

    referred: int = 0
    consented: int = 0
    conference_held: int = 0
    agreement_completed: int = 0


@dataclass
class ReportTallies:
    """Everything the dashboard counts, for one filter."""

    # (month "YYYY-MM", setting value) -> cases referred in that month
    referrals: Counter[tuple[str, str]] = field(default_factory=Counter)
    # (month, setting value) -> conferences first held in that month
    conferences: Counter[tuple[str, str]] = field(default_factory=Counter)
    # setting value -> {days from referral to conference: conferences}
    days_to_conference: dict[str, Counter[int]] = field(default_factory=dict)
    # (setting value, agreement status value) -> closed agreements
    agreement_outcomes: Counter[tuple[str, str]] = field(default_factory=Counter)
    # participant role value -> answers
    participants: dict[str, AnswerTally] = field(default_factory=dict)
    staff: AnswerTally = field(default_factory=AnswerTally)
    partners: AnswerTally = field(default_factory=AnswerTally)
    # (organisation name, activity value) -> sessions, and (outcome value, organisation name)
    pilot_activity: Counter[tuple[str, str]] = field(default_factory=Counter)
    pilot_outcomes: Counter[tuple[str, str]] = field(default_factory=Counter)
    # characteristic ("ethnicity", "gender", "age_band", "send", "care_status") ->
    # stored value (None = not recorded) -> stages reached
    stages: dict[str, dict[str | None, StageTally]] = field(default_factory=dict)
