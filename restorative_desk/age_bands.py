"""Ages and age bands on a given day, for counting people by age band (never an exact date)."""

from __future__ import annotations

from datetime import date

from .records import AgeBand, Person

# The youngest age in each band, oldest band first.
_BAND_FROM = (
    (25, AgeBand.AGE_25_PLUS),
    (18, AgeBand.AGE_18_24),
    (16, AgeBand.AGE_16_17),
    (14, AgeBand.AGE_14_15),
    (10, AgeBand.AGE_10_13),
)


def age_on(born: date, day: date) -> int:
    """Whole years from `born` to `day` (a birthday on 29 February counts from 1 March)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def band_of_age(age: int) -> AgeBand:
    """The band an age falls in."""
    for youngest, band in _BAND_FROM:
        if age >= youngest:
            return band
    return AgeBand.UNDER_10


def age_band_on(person: Person, day: date) -> AgeBand | None:
    """The person's age band on `day`: from their date of birth when it is known, else the band
    recorded for them; None when neither is recorded."""
    if person.date_of_birth is not None:
        return band_of_age(age_on(person.date_of_birth, day))
    return person.age_band
