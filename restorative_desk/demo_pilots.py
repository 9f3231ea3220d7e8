"""Demo whole-school pilot log (fictional): three schools, a children's care home and a YOS team
as organisations, and the schools' sessions over the current school year: many restorative
conversations, weekly class circles, some mini-conferences, peer mediation, a twilight training
session each month and some coaching. Nothing at weekends or in the usual school holidays.

The log has its own random generator, so the rest of the demo stays the same; every date
follows the store's clock."""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from .demo_dates import Moments, latest_moment, weekday
from .pilots.checks import asks_topic
from .pilots.records import (
    Organisation,
    OrganisationKind,
    PilotActivity,
    PilotEntry,
    PilotOutcome,
    PilotTopic,
)
from .store import Store

A = PilotActivity
T = TypeVar("T")


@dataclass(frozen=True)
class DemoPlace:
    """A fictional organisation and how its pilot runs."""

    name: str
    kind: OrganisationKind
    years: tuple[int, ...]  # its year groups (none outside schools)
    initials: tuple[str, ...]
    busy: float  # how many responses to harm on a usual day


PLACES = (
    DemoPlace("Larkspur Hill Primary", OrganisationKind.SCHOOL, tuple(range(0, 7)),
              ("JS", "AK", "ZÖ", "MN"), 0.35),
    DemoPlace("Kestrel Bank Academy", OrganisationKind.SCHOOL, tuple(range(7, 12)),
              ("ŁK", "TO", "SB", "RD", "HP"), 0.55),
    DemoPlace("Willowmere Green School", OrganisationKind.SCHOOL, tuple(range(7, 14)),
              ("NQ", "EW", "SÓ"), 0.4),
    DemoPlace("Bramble House", OrganisationKind.CARE_HOME, (), ("CF", "DM"), 0.0),
    DemoPlace("Northgate YOS team", OrganisationKind.YOS, (), ("PA",), 0.0),
)
TOPIC_WEIGHTS = {
    PilotTopic.RELATIONSHIP: 35, PilotTopic.BULLYING: 18, PilotTopic.ONLINE: 16,
    PilotTopic.PHYSICAL: 12, PilotTopic.DAMAGE: 8, PilotTopic.OTHER: 11,
}
OUTCOME_WEIGHTS = {
    PilotOutcome.RESOLVED: 52, PilotOutcome.AGREEMENT_MADE: 26,
    PilotOutcome.FOLLOW_UP_NEEDED: 16, PilotOutcome.REFERRED_SAFEGUARDING: 5,
    PilotOutcome.REFERRED_YOS: 1,
}
NOTES = (
    "Lunchtime falling-out on the field",
    "Both agreed to check in on Friday",
    "Quiet room used; calm by the end",
    "Circle on kindness after half term",
    "Group chat messages; parents told",
    "Talking piece worked well",
    "Follow-up with form tutor",
)
# Roughly the usual English term dates: (first day, last day) of each holiday by month and day.
HOLIDAYS = (
    ((7, 22), (9, 2)),  # summer
    ((10, 26), (11, 1)),  # October half term
    ((12, 20), (1, 3)),  # Christmas
    ((2, 14), (2, 22)),  # February half term
    ((3, 30), (4, 12)),  # Easter
    ((5, 23), (5, 31)),  # May half term
)


def school_year_start(today: date) -> date:
    """1 September of the school year `today` falls in; before mid-October, the year before too,
    so a demo made early in the year still has a story to tell."""
    start = date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    return start.replace(year=start.year - 1) if (today - start).days < 45 else start


def is_school_day(day: date) -> bool:
    """A weekday outside the usual holidays (and not the early-May bank holiday)."""
    if day.weekday() >= 5 or (day.month == 5 and day.day <= 7 and day.weekday() == 0):
        return False
    here = (day.month, day.day)
    for first, last in HOLIDAYS:
        inside = first <= here <= last if first <= last else here >= first or here <= last
        if inside:
            return False
    return True


def fill_demo_pilots(store: Store, seed: int = 7) -> int:
    """Add the demo organisations and their pilot log, unless the case file already has
    organisations (a second demo run adds none). Returns how many entries were added."""
    if store.organisations():
        return 0
    rng = random.Random(f"{seed}-pilots")
    today = store.today()
    moments = Moments(rng, latest_moment(store.now()))
    added = 0
    with store.batch():
        for place in PLACES:
            organisation = store.add_organisation(Organisation(place.name, place.kind))
            for entry in _sessions(rng, place, organisation.id, school_year_start(today), today):
                with store.recording_as(moments.on(entry.session_date)):
                    store.add_pilot_entry(entry)
                added += 1
    return added


def _school_days(start: date, end: date) -> Iterator[date]:
    day = start
    while day <= end:
        if is_school_day(day):
            yield day
        day += timedelta(days=1)


def _sessions(
    rng: random.Random, place: DemoPlace, organisation_id: str, start: date, today: date
) -> Iterator[PilotEntry]:
    def entry(day: date, activity: PilotActivity, pupils: int, staff: int,
              years: tuple[int, ...] = ()) -> PilotEntry:
        responding = asks_topic(activity) and activity is not A.STAFF_CIRCLE
        topic = _weighted(rng, TOPIC_WEIGHTS) if responding else None
        outcome = _weighted(rng, OUTCOME_WEIGHTS) if responding else None
        if activity is A.CLASS_CIRCLE:  # most circles are the weekly check-in, not about harm
            topic = topic if rng.random() < 0.3 else None
            outcome = outcome if topic else None
        if outcome is PilotOutcome.REFERRED_YOS and (not years or max(years) < 7):
            outcome = PilotOutcome.REFERRED_SAFEGUARDING
        follow_up = None
        if outcome is PilotOutcome.FOLLOW_UP_NEEDED:
            follow_up = weekday(day + timedelta(days=rng.randint(5, 16)))
        return PilotEntry(
            organisation_id=organisation_id, session_date=day, activity=activity,
            pupils=pupils, staff=staff, staff_initials=rng.choice(place.initials),
            year_groups=years, topic=topic, outcome=outcome, follow_up_date=follow_up,
            note=rng.choice(NOTES) if rng.random() < 0.12 else "",
        )

    def year(spread: int = 1) -> tuple[int, ...]:
        if not place.years:
            return ()
        first = rng.choice(place.years)
        return tuple(y for y in place.years if first <= y < first + spread)

    trained_this_month: set[tuple[int, int]] = set()
    for day in _school_days(start, today):
        responses = place.busy + (0.2 if place.kind is not OrganisationKind.SCHOOL else 0)
        while rng.random() < responses:
            responses -= 1
            yield entry(day, A.RESTORATIVE_CONVERSATION, rng.randint(1, 3), 1, year())
        if place.years and rng.random() < 0.07:
            yield entry(day, A.MINI_CONFERENCE, rng.randint(2, 5), rng.randint(1, 2), year(2))
        if place.years and rng.random() < 0.012:
            yield entry(day, A.FULL_CONFERENCE, rng.randint(2, 4), rng.randint(2, 3), year())
        if place.years and day.weekday() == 0:
            yield entry(day, A.CLASS_CIRCLE, rng.randint(22, 31), 1, year())
        if place.years and day.weekday() == 3 and rng.random() < 0.6:
            yield entry(day, A.PEER_MEDIATION, rng.randint(2, 4), rng.randint(0, 1), year())
        if day.weekday() == 2 and day.day <= 14 and rng.random() < 0.5:
            yield entry(day, A.STAFF_CIRCLE, 0, rng.randint(6, 18))
        if rng.random() < 0.04:
            yield entry(day, A.COACHING, 0, 2)
        if place.years and rng.random() < 0.012:
            yield entry(day, A.PEER_TRAINING, rng.randint(8, 16), rng.randint(1, 2), year(2))
        month = (day.year, day.month)
        if day.weekday() == 1 and month not in trained_this_month and (
                place.kind is OrganisationKind.SCHOOL or day.month in (9, 1, 4)):
            trained_this_month.add(month)
            yield entry(day, A.TWILIGHT_TRAINING, 0, rng.randint(12, 45))


def _weighted(rng: random.Random, weights: Mapping[T, int]) -> T:
    choices = list(weights)
    return rng.choices(choices, weights=[weights[c] for c in choices])[0]
