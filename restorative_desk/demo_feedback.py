"""Demo feedback (fictional) after each held conference: most people who came answer (on paper,
or with the facilitator), satisfaction leaning positive as in the published evaluations (about
85% of people harmed satisfied) with some "not sure" and the odd unhappy answer; a staff
reflection from the facilitator; now and then the referring agency's view. A few partner
agencies also give feedback about the service in general.

Each case's feedback has its own random generator, so the rest of the demo stays the same;
every date follows the store's clock and none is after it."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from .conference.records import Attendance
from .demo_dates import at, weekday
from .feedback.records import (
    Answer,
    FeedbackMethod,
    ParticipantFeedback,
    PartnerFeedback,
    StaffReflection,
)
from .records import Case, ReferralSource, Role
from .store import Store

ASKED_SHARE = 0.85  # of the people who came, how many give feedback
# Satisfaction 1 to 5, weighted per role: people harmed about 85% satisfied (4 or 5), people
# responsible a little less, supporters and others in between.
SCORE_WEIGHTS = {
    Role.PERSON_HARMED: (2, 4, 9, 35, 50),
    Role.PERSON_RESPONSIBLE: (3, 6, 14, 40, 37),
}
OTHER_WEIGHTS = (2, 4, 10, 38, 46)
COMMENTS = {
    "good": (
        "I was nervous but it helped to say how I felt.",
        "Everyone listened. I didn't think they would.",
        "Glad we did it. Things are better now.",
        "The facilitator explained everything first, which helped.",
        "It was hard but fair.",
        "I got to say sorry properly.",
        "Good to sit down together instead of it going round and round.",
    ),
    "middle": (
        "It went on a bit long.",
        "Some of it was useful. Not sure it will last.",
        "I would have liked more time to get ready.",
    ),
    "low": (
        "I didn't feel I could say everything.",
        "It felt rushed at the end.",
    ),
}
WENT_WELL = (
    "Both young people were well prepared and spoke for themselves.",
    "The supporters helped keep things calm.",
    "The agreement came from them, not from us.",
    "A good break at the right moment.",
    "Time for a drink and a biscuit afterwards helped everyone settle.",
)
DO_DIFFERENTLY = (
    "Book a bigger room; it felt cramped.",
    "Check the seating plan with the school beforehand.",
    "Another preparation visit for the person harmed.",
    "Keep the opening shorter.",
    "",
)
PARTNER_COMMENTS = (
    "Kept well informed throughout; thank you.",
    "A clear summary of the agreement came back to us quickly.",
    "Would like updates a little sooner after the conference.",
    "The young person has settled well since.",
    "",
)
GENERAL_PARTNERS = (
    (ReferralSource.POLICE, "Safer Schools team"),
    (ReferralSource.CHILDRENS_SOCIAL_CARE, "South locality team"),
    (ReferralSource.HEALTH, "CAMHS"),
    (ReferralSource.EDUCATION, "Inclusion service"),
    (ReferralSource.YOUTH_OFFENDING_TEAM, "Youth offending service"),
)
STAFF = (Role.FACILITATOR, Role.CO_FACILITATOR)


def give_feedback(store: Store, case: Case, held_on: date, now: datetime, seed: str) -> None:
    """Feedback after `case`'s conference held on `held_on`, none later than `now`."""
    rng = random.Random(f"{seed}-feedback")
    runs = store.conference_runs(case.id)
    if not runs:
        return
    came = store.attendance(runs[-1].id)
    today = now.date()
    people = [p for p in store.people(case.id)
              if came.get(p.id) is Attendance.PRESENT and p.role not in STAFF]
    for person in people:
        if rng.random() > ASKED_SHARE:
            continue
        given_on = _soon_after(rng, held_on, today, (0, 0, 1, 2, 3, 5, 7))
        score = rng.choices((1, 2, 3, 4, 5), SCORE_WEIGHTS.get(person.role, OTHER_WEIGHTS))[0]
        method = FeedbackMethod.PAPER if rng.random() < 0.6 else FeedbackMethod.WITH_THEM
        # A paper form carries no name; often the facilitator knows whose it is, not always.
        named = method is FeedbackMethod.WITH_THEM or rng.random() < 0.7
        record = ParticipantFeedback(
            case_id=case.id,
            role=person.role,
            given_on=given_on,
            method=method,
            person_id=person.id if named else None,
            satisfaction=score if rng.random() < 0.96 else None,
            felt_safe=_answer(rng, score, 0.93),
            felt_heard=_answer(rng, score, 0.9),
            understood_next=_answer(rng, score, 0.85),
            real_choice=_answer(rng, score, 0.9),
            would_recommend=_answer(rng, score, 0.8),
            comment=_comment(rng, score),
        )
        with store.recording_as(_moment(rng, given_on, now), case.facilitator):
            store.add_participant_feedback(record)
    with store.recording_as(_moment(rng, held_on, now), case.facilitator):
        store.add_staff_reflection(StaffReflection(
            case_id=case.id,
            given_on=held_on,
            by_whom=case.facilitator or "Facilitator",
            prepared=rng.choices((2, 3, 4, 5), (1, 3, 8, 6))[0],
            impact=rng.choices((1, 2, 3, 4, 5), (1, 3, 6, 8, 5))[0],
            went_well=rng.choice(WENT_WELL),
            do_differently=rng.choice(DO_DIFFERENTLY),
            support_needed=rng.random() < 0.15,
        ))
    if case.referral_source is not ReferralSource.SELF_OR_FAMILY and rng.random() < 0.35:
        given_on = _soon_after(rng, held_on, today, (7, 10, 14, 21, 28))
        with store.recording_as(_moment(rng, given_on, now), case.facilitator):
            store.add_partner_feedback(_partner(rng, case.referral_source, given_on, case.id))


def fill_general_partner_feedback(store: Store, seed: int) -> None:
    """A few partner agencies' views of the service in general over the last year."""
    rng = random.Random(f"{seed}-partner-feedback")
    now = store.now()
    today = now.astimezone().date()
    for agency, organisation in GENERAL_PARTNERS:
        for _ in range(rng.randint(1, 2)):
            given_on = weekday(today - timedelta(days=rng.randint(14, 330)), latest=today)
            record = _partner(rng, agency, given_on, None, organisation)
            with store.recording_as(_moment(rng, given_on, now), "Coordinator"):
                store.add_partner_feedback(record)


def _partner(
    rng: random.Random, agency: ReferralSource, given_on: date, case_id: str | None,
    organisation: str = "",
) -> PartnerFeedback:
    score = rng.choices((2, 3, 4, 5), (1, 3, 9, 7))[0]
    return PartnerFeedback(
        agency=agency,
        given_on=given_on,
        case_id=case_id,
        organisation=organisation,
        satisfaction=score,
        kept_informed=_answer(rng, score, 0.8),
        would_refer_again=_answer(rng, score, 0.9),
        comment=rng.choice(PARTNER_COMMENTS),
    )


def _answer(rng: random.Random, score: int, yes_when_satisfied: float) -> Answer | None:
    """Yes mostly, more so from people who were satisfied; sometimes left out."""
    if rng.random() < 0.04:
        return None
    yes = yes_when_satisfied if score >= 4 else yes_when_satisfied * (0.6 if score == 3 else 0.3)
    roll = rng.random()
    if roll < yes:
        return Answer.YES
    return Answer.NOT_SURE if roll < yes + (1 - yes) * 0.6 else Answer.NO


def _comment(rng: random.Random, score: int) -> str:
    if rng.random() < 0.45:
        return ""
    band = "good" if score >= 4 else "middle" if score == 3 else "low"
    return rng.choice(COMMENTS[band])


def _soon_after(rng: random.Random, day: date, today: date, offsets: tuple[int, ...]) -> date:
    """A working day a few days after `day`, never after `today`."""
    later = min(day + timedelta(days=rng.choice(offsets)), today)
    return weekday(later, day, today)


def _moment(rng: random.Random, day: date, now: datetime) -> datetime:
    """A working-hours moment on `day`, never after `now`."""
    return min(at(day, rng), now.astimezone())
