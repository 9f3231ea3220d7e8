"""Dashboard figures about people: feedback from three perspectives, the whole-school pilot, and
who reaches each stage by the characteristics recorded (to spot disproportionality)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..monitoring import CareStatus, EthnicGroup, Ethnicity, Gender, SendStatus
from ..pilots.records import PilotActivity, PilotOutcome
from ..records import AgeBand, Role
from .figures import (
    ChartKind,
    Count,
    FigureRow,
    FigureTable,
    Measure,
    share,
    withheld_because,
)
from .suppression import protect_grid
from .tallies import AnswerTally, ReportTallies, StageTally

NOT_RECORDED = "Not recorded"
PREFERS_NOT_TO_SAY = "Prefers not to say"
NOT_ASKED = "not asked"
SMALL_NOTE = ("Counts of 1 to 4 are shown as <5; a percentage is shown only when neither the "
              "people it counts nor the rest are 1 to 4.")  # fmt: skip

# Neutral role words that fit every setting.
ROLE_GROUPS = (
    ("Person harmed", (Role.PERSON_HARMED,)),
    ("Person responsible", (Role.PERSON_RESPONSIBLE,)),
    ("Supporters", (Role.SUPPORTER,)),
    ("Others", (Role.COMMUNITY_MEMBER, Role.PROFESSIONAL, Role.FACILITATOR, Role.CO_FACILITATOR)),
)
QUESTION_COLUMNS = (
    ("satisfied", "Satisfied"),
    ("felt_safe", "Felt safe"),
    ("felt_heard", "Felt heard"),
    ("understood_next", "Understood what would happen"),
    ("real_choice", "Had a real choice"),
    ("would_recommend", "Would recommend"),
)


def who_were_positive(tallies: ReportTallies, role: str) -> Callable[[str], Measure]:
    """For one role: question -> the share of those who answered it who answered positively."""
    tally = tallies.participants.get(role, AnswerTally())
    return lambda question: share(tally.positive[question], tally.answered[question])


def satisfaction_tables(tallies: ReportTallies) -> tuple[FigureTable, FigureTable]:
    """Participants' answers by role; staff reflections and partner agencies."""
    rows = []
    for label, roles in ROLE_GROUPS:
        tally = AnswerTally()
        for role in roles:
            tally.add(tallies.participants.get(role.value, AnswerTally()))
        rows.append(FigureRow(label, (
            Count.of(tally.forms),
            *(share(tally.positive[q], tally.answered[q]) for q, _ in QUESTION_COLUMNS),
        )))  # fmt: skip
    by_role = FigureTable(
        "satisfaction_by_role", "What participants said, by role", "Role",
        ("Answers", *(title for _, title in QUESTION_COLUMNS)), tuple(rows), ChartKind.BARS,
        "Feedback forms given in the period (by the day given). Satisfied means 4 or 5 on the "
        "scale of 1 to 5; the other columns mean they answered yes. Each share is of those who "
        "answered that question. " + SMALL_NOTE,
    )  # fmt: skip
    not_asked = Measure(None, "%", NOT_ASKED)
    staff, partners = tallies.staff, tallies.partners
    both = FigureTable(
        "staff_and_partners", "Staff and partner agencies", "Who answered",
        ("Answers", "High impact on practice", "Satisfied", "Would refer again"),
        (
            FigureRow("Staff reflections", (
                Count.of(staff.forms),
                share(staff.positive["high_impact"], staff.answered["high_impact"]),
                not_asked, not_asked,
            )),
            FigureRow("Partner agencies", (
                Count.of(partners.forms), not_asked,
                share(partners.positive["satisfied"], partners.answered["satisfied"]),
                share(partners.positive["would_refer_again"],
                      partners.answered["would_refer_again"]),
            )),
        ),
        ChartKind.BARS,
        "Staff reflections and partner agency feedback given in the period. High impact means "
        "4 or 5 for impact on their own practice; satisfied means 4 or 5 of 5. Feedback not "
        "about one case counts only when no setting is chosen. " + SMALL_NOTE,
    )  # fmt: skip
    return by_role, both


def _casefolded(names: set[str]) -> list[str]:
    return sorted(names, key=lambda name: (name.casefold(), name))


def pilot_tables(tallies: ReportTallies) -> tuple[FigureTable, FigureTable]:
    """Pilot sessions by school and activity, and their outcomes by school."""
    schools = _casefolded({school for school, _ in tallies.pilot_activity})
    activities = [a for a in PilotActivity
                  if any(activity == a.value for _, activity in tallies.pilot_activity)]
    body = [[tallies.pilot_activity[(s, a.value)] for a in activities] for s in schools]
    activity = FigureTable(
        "pilot_activity_by_school", "Whole-school pilot sessions by school", "School",
        tuple(a.label for a in activities),
        _rows(schools, protect_grid(body, row_totals=True, column_totals=False)),
        ChartKind.STACKED,
        "Pilot sessions held in the period (by the session date), by the school they were "
        "held at. Pilot sessions are school sessions: they are counted when no setting or "
        "the School setting is chosen. " + SMALL_NOTE,
    )  # fmt: skip
    outcomes = [o for o in PilotOutcome
                if any(outcome == o.value for outcome, _ in tallies.pilot_outcomes)]
    body = [[tallies.pilot_outcomes[(o.value, s)] for s in schools] for o in outcomes]
    ended = FigureTable(
        "pilot_outcomes", "How pilot sessions ended", "Outcome", tuple(schools),
        _rows([o.label for o in outcomes],
              protect_grid(body, row_totals=False, column_totals=True)),
        ChartKind.BARS,
        "Pilot sessions held in the period with an outcome recorded (training sessions have "
        "none), by school. " + SMALL_NOTE,
    )  # fmt: skip
    return activity, ended


def _rows(labels: Sequence[str], cells: list[list[Count]]) -> tuple[FigureRow, ...]:
    return tuple(FigureRow(label, tuple(row)) for label, row in zip(labels, cells, strict=True))


REACHED_COLUMN = "Reached conference (share of referred)"
STAGE_COLUMNS = ("Referred", "Consented", "Conference held", "Agreement completed",
                 REACHED_COLUMN)  # fmt: skip


def _categories(name: str) -> list[tuple[str, list[str | None]]]:
    """(label, stored values counted under it) for one characteristic, in the order shown."""
    if name == "ethnicity":
        groups: list[tuple[str, list[str | None]]] = [
            (g.label, [e.value for e in Ethnicity if e.group is g]) for g in EthnicGroup
        ]
        return [*groups, (PREFERS_NOT_TO_SAY, [Ethnicity.PREFER_NOT_TO_SAY.value]),
                (NOT_RECORDED, [None])]  # fmt: skip
    kinds: dict[str, type[Gender] | type[SendStatus] | type[CareStatus] | type[AgeBand]] = {
        "gender": Gender, "send": SendStatus, "care_status": CareStatus, "age_band": AgeBand,
    }  # fmt: skip
    return [*((m.label, [m.value]) for m in kinds[name]), (NOT_RECORDED, [None])]


STAGE_TABLES = (
    ("stages_by_ethnicity", "ethnicity", "Each stage by ethnic group", "Ethnic group"),
    ("stages_by_gender", "gender", "Each stage by gender", "Gender"),
    ("stages_by_age_band", "age_band", "Each stage by age band", "Age band"),
    ("stages_by_send", "send", "Each stage by SEND or disability", "SEND or disability"),
    ("stages_by_care_status", "care_status", "Each stage by care status", "Care status"),
)
_ADULT_BANDS = {AgeBand.AGE_18_24.label, AgeBand.AGE_25_PLUS.label}


def stage_tables(tallies: ReportTallies) -> tuple[FigureTable, ...]:
    """For each characteristic: children referred, consented, whose conference was held and
    whose agreement was completed, and the share who reached a conference."""
    return tuple(
        _stage_table(key, title, heading, name, tallies.stages.get(name, {}))
        for key, name, title, heading in STAGE_TABLES
    )


def _stage_table(key: str, title: str, heading: str, name: str,
                 counted: dict[str | None, StageTally]) -> FigureTable:  # fmt: skip
    labels, body = [], []
    for label, values in _categories(name):
        tally = StageTally()
        for value in values:
            found = counted.get(value)
            if found is not None:
                tally.referred += found.referred
                tally.consented += found.consented
                tally.conference_held += found.conference_held
                tally.agreement_completed += found.agreement_completed
        if label in _ADULT_BANDS and not tally.referred:
            continue  # children are rarely 18 or over: the band is shown only when used
        labels.append(label)
        body.append([tally.referred, tally.consented, tally.conference_held,
                     tally.agreement_completed])  # fmt: skip
    # Every table counts the same children, so each column's total can be read from another.
    cells = protect_grid(body, row_totals=False, column_totals=True)
    rows = []
    for label, counts, row in zip(labels, body, cells, strict=True):
        reached = share(counts[2], counts[0])
        if row[0].withheld or row[2].withheld:
            reached = Measure(None, "%", withheld_because(row[0], row[2]))
        rows.append(FigureRow(label, (*row, reached)))
    return FigureTable(
        key, title, heading, STAGE_COLUMNS, tuple(rows), ChartKind.BARS,
        "Children harmed or responsible on cases referred in the period (by referral date), "
        "each counted once per case. Consented: their consent is on record and not withdrawn. "
        "Conference held: the case reached 'Conference held'. Agreement completed: the case's "
        "latest agreement was completed. Age band on the referral date, from the date of birth "
        "where known. The chart shows the share reaching conference, the figure to compare "
        "between groups. " + SMALL_NOTE,
        charted=(STAGE_COLUMNS.index(REACHED_COLUMN),),
    )  # fmt: skip
