"""What makes a preparation record valid: each check lists its problems (field and message),
so forms can show them all beside their inputs."""

from __future__ import annotations

from datetime import date

from ..rules import MAX_LONG_TEXT, MAX_SHORT_TEXT, Problem
from .catalogue import catalogue
from .records import (
    BiasCheck,
    ConferencePlan,
    Consent,
    ConsentGiver,
    ConsentMethod,
    Finding,
    ParticipantPreparation,
    ReadinessOverride,
    RiskAssessment,
)


def _long(problems: list[Problem], field: str, value: str, what: str) -> None:
    if len(value) > MAX_LONG_TEXT:
        limit = f"{MAX_LONG_TEXT:,}"
        problems.append(Problem(field, f"{what} is too long (at most {limit} characters)."))


def _short(problems: list[Problem], field: str, value: str, what: str) -> None:
    if len(value) > MAX_SHORT_TEXT:
        limit = MAX_SHORT_TEXT
        problems.append(Problem(field, f"{what} is too long (at most {limit} characters)."))


def _not_future(
    problems: list[Problem], field: str, value: date | None, today: date, what: str
) -> None:
    if value is not None and value > today:
        problems.append(Problem(field, f"{what} cannot be in the future."))


def consent_problems(consent: Consent, today: date) -> list[Problem]:
    """Why a consent record cannot be saved as it is."""
    problems: list[Problem] = []
    _not_future(problems, "given_on", consent.given_on, today, "The date consent was given")
    if not consent.ways:
        problems.append(Problem("ways", "Choose at least one way they agreed to take part."))
    if len(set(consent.ways)) != len(consent.ways):
        problems.append(Problem("ways", "Each way should be chosen once."))
    if consent.given_by is ConsentGiver.PARENT_CARER and not consent.giver_name.strip():
        problems.append(Problem("giver_name", "Write the name of the parent or carer."))
    if consent.method is ConsentMethod.VERBAL_WITNESSED and not consent.witness.strip():
        problems.append(Problem("witness", "Consent said out loud needs the witness's name."))
    _short(problems, "giver_name", consent.giver_name, "The name")
    _short(problems, "witness", consent.witness, "The witness's name")
    _long(problems, "note", consent.note, "The note")
    if consent.withdrawn_on is not None:
        _not_future(problems, "withdrawn_on", consent.withdrawn_on, today, "The withdrawal date")
        if consent.withdrawn_on < consent.given_on:
            problems.append(
                Problem("withdrawn_on", "Consent cannot be withdrawn before it was given.")
            )
    _long(problems, "withdrawal_note", consent.withdrawal_note, "The note")
    return problems


def participant_problems(participant: ParticipantPreparation, today: date) -> list[Problem]:
    """Why a person's preparation record cannot be saved as it is."""
    problems: list[Problem] = []
    _not_future(problems, "information_given_on", participant.information_given_on, today,
                "The date information was given")
    _not_future(problems, "facts_acknowledged_on", participant.facts_acknowledged_on, today,
                "The date the facts were acknowledged")
    _long(problems, "information_note", participant.information_note, "The note")
    _long(problems, "acknowledgement_note", participant.acknowledgement_note, "The note")
    known = {q.key for q in catalogue().questions}
    for key, answer in participant.answers.items():
        if key not in known:
            problems.append(Problem(key, f'"{key}" is not one of the preparation questions.'))
        _long(problems, key, answer, "The answer")
    return problems


def assessment_problems(assessment: RiskAssessment, today: date) -> list[Problem]:
    """Why a risk and safety assessment cannot be saved as it is."""
    problems: list[Problem] = []
    _not_future(problems, "assessed_on", assessment.assessed_on, today, "The assessment date")
    if not assessment.assessed_by.strip():
        problems.append(Problem("assessed_by", "Write who made the assessment."))
    _short(problems, "assessed_by", assessment.assessed_by, "The name")
    book = catalogue()
    seen: set[str] = set()
    for finding in assessment.findings:
        item = book.risk_item(finding.item)
        if item is None:
            problems.append(Problem(finding.item, f'"{finding.item}" is not a risk question.'))
            continue
        if finding.item in seen:
            problems.append(Problem(finding.item, f"{item.label} is answered twice."))
        seen.add(finding.item)
        unknown = set(finding.kinds) - set(item.kinds)
        if unknown:
            kind = sorted(unknown)[0]
            problems.append(Problem(finding.item, f"{item.label}: unknown kind {kind}."))
        if finding.finding is not Finding.CONCERN and finding.mitigation.strip():
            problems.append(
                Problem(finding.item, f"{item.label}: a mitigation only goes with a concern.")
            )
        _long(problems, finding.item, finding.note, f"{item.label}: the note")
        _long(problems, finding.item, finding.mitigation, f"{item.label}: the mitigation")
    if assessment.decision is not None:
        if not assessment.decided_by.strip():
            problems.append(Problem("decided_by", "Write who made the decision."))
        if not assessment.decision_reason.strip():
            problems.append(Problem("decision_reason", "Write why this was decided."))
    _short(problems, "decided_by", assessment.decided_by, "The name")
    _long(problems, "decision_reason", assessment.decision_reason, "The reason")
    _not_future(problems, "safeguarding_followed_on", assessment.safeguarding_followed_on, today,
                "The safeguarding date")
    _long(problems, "safeguarding_note", assessment.safeguarding_note, "The note")
    return problems


def bias_check_problems(check: BiasCheck, today: date) -> list[Problem]:
    """Why a bias check cannot be saved as it is."""
    problems: list[Problem] = []
    _not_future(problems, "recorded_on", check.recorded_on, today, "The date")
    known = {d.key for d in catalogue().bias.dimensions}
    unknown = set(check.dimensions) - known
    if unknown:
        problems.append(Problem("dimensions", f'"{sorted(unknown)[0]}" is not a GRACES dimension.'))
    if not check.done and (check.dimensions or check.reflection.strip() or check.reframed.strip()):
        problems.append(Problem("done", "A skipped check has no reflections; mark it as done."))
    _long(problems, "reflection", check.reflection, "The reflection")
    _long(problems, "reframed", check.reframed, "The note")
    return problems


def plan_problems(plan: ConferencePlan) -> list[Problem]:
    """Why a conference plan cannot be saved as it is."""
    problems: list[Problem] = []
    for name, what in (("venue", "The venue"), ("room", "The room")):
        _short(problems, name, getattr(plan, name), what)
    for name in ("interpreters", "breaks", "refreshments", "notes"):
        _long(problems, name, getattr(plan, name), "The note")
    keys = [seat.key for seat in plan.seating]
    if len(set(keys)) != len(keys):
        problems.append(Problem("seating", "Someone has two seats in the seating plan."))
    if plan.start_time is not None and plan.date is None:
        problems.append(Problem("date", "Choose the date as well as the time."))
    return problems


def override_problems(override: ReadinessOverride) -> list[Problem]:
    """Why an override cannot be logged as it is: it needs a named facilitator and a reason."""
    problems: list[Problem] = []
    if not override.overridden_by.strip():
        problems.append(Problem("overridden_by", "Write the name of the facilitator deciding."))
    _short(problems, "overridden_by", override.overridden_by, "The name")
    if len(override.reason.strip()) < 10:
        problems.append(
            Problem("reason", "Explain why it is safe to go ahead (a sentence at least).")
        )
    _long(problems, "reason", override.reason, "The reason")
    return problems
