"""When demonstration records happen: working days, in working hours, never after now."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta


def at(day: date, rng: random.Random) -> datetime:
    """A moment in working hours on `day`, in local time (so the store's date is `day`)."""
    return datetime.combine(day, time(rng.randint(8, 16), rng.choice((0, 15, 30, 45)))).astimezone()


class Moments:
    """Moments for one case's records: on any one day, each is later than the one before, so
    the latest record of a kind (such as the assessment after preparation) is the last one
    written even when several fall on the same day."""

    def __init__(self, rng: random.Random, now: datetime) -> None:
        self.rng = rng
        self.now = now  # nothing is recorded later than this
        self.latest: dict[date, datetime] = {}

    def on(self, day: date) -> datetime:
        moment = at(day, self.rng)
        before = self.latest.get(day)
        if before is not None and moment <= before:
            end_of_day = datetime.combine(day, time(23, 59)).astimezone()
            moment = min(before + timedelta(minutes=self.rng.choice((5, 10, 20))), end_of_day)
        moment = min(moment, self.now) if day == self.now.date() else moment
        self.latest[day] = moment
        return moment


def latest_moment(now: datetime) -> datetime:
    """The moment demo records may go up to: the store's own clock, never the wall clock, so the
    same seed and clock always give the same demo."""
    return now.astimezone()


def between(rng: random.Random, start: date, end: date) -> date:
    """A working day from `start` to `end` if there is one (`start` when they are the wrong
    way round)."""
    day = start + timedelta(days=rng.randint(0, max(0, (end - start).days)))
    return weekday(day, start, end)


def weekday(day: date, earliest: date = date.min, latest: date = date.max) -> date:
    """`day`, or the Monday after it, or the Friday before it, whichever stays in bounds:
    meetings, consents and panels happen on working days."""
    if day.weekday() < 5:
        return day
    monday = day + timedelta(days=7 - day.weekday())
    if monday <= latest:
        return monday
    friday = day - timedelta(days=day.weekday() - 4)
    return friday if friday >= earliest else day
