"""What makes a pilot entry or an organisation valid (problems by field, for forms to show beside
the input), and the small text helpers the quick entry uses: year groups typed as "7, 8" or
"R-2", and staff initials in any alphabet."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from ..rules import Problem
from .records import (
    YEAR_GROUPS,
    Organisation,
    PilotActivity,
    PilotEntry,
    PilotOutcome,
    year_group_label,
)

MAX_COUNT = 999
MAX_INITIALS = 5
MAX_NOTE = 200
MAX_ORGANISATION_NAME = 120
# Nothing in the pilot log happened before this: an earlier date is a mistyped year.
EARLIEST_SESSION = date(2000, 1, 1)

# Sessions that respond to harm say what it was about; staff circles may, training never does.
_TOPIC_NOT_ASKED = frozenset(a for a in PilotActivity if a.is_training)
_TOPIC_OPTIONAL = frozenset({PilotActivity.STAFF_CIRCLE, PilotActivity.CLASS_CIRCLE})


def asks_topic(activity: PilotActivity) -> bool:
    """Whether the form asks what the session was about (never for training)."""
    return activity not in _TOPIC_NOT_ASKED


def needs_topic(activity: PilotActivity) -> bool:
    """Whether what it was about must be given: sessions that respond to harm."""
    return activity not in _TOPIC_NOT_ASKED | _TOPIC_OPTIONAL


def normalise_initials(text: str) -> str:
    """Initials as stored: trimmed, composed (so "Ö" is one letter) and in capitals where the
    capital is a single letter too."""
    initials = unicodedata.normalize("NFC", text.strip())
    upper = initials.upper()
    return upper if len(upper) == len(initials) else initials


def normalised(entry: PilotEntry) -> PilotEntry:
    """The entry as stored: initials and note trimmed, year groups in order once each, and no
    topic on training (the form does not ask for one)."""
    return replace(
        entry,
        staff_initials=normalise_initials(entry.staff_initials),
        note=entry.note.strip(),
        year_groups=tuple(sorted(set(entry.year_groups))),
        topic=entry.topic if asks_topic(entry.activity) else None,
    )


def entry_problems(entry: PilotEntry, today: date) -> list[Problem]:
    """Everything that stops `entry` being saved, in the order of the form."""
    problems: list[Problem] = []
    if entry.session_date > today:
        problems.append(Problem("session_date", "The session date cannot be in the future."))
    elif entry.session_date < EARLIEST_SESSION:
        problems.append(Problem("session_date", "That date is too long ago; check the year."))
    if not entry.organisation_id:
        problems.append(Problem("organisation_id", "Choose the school or organisation."))
    for field, label, count in (("pupils", "pupils", entry.pupils),
                                ("staff", "staff", entry.staff)):
        if not 0 <= count <= MAX_COUNT:
            problems.append(
                Problem(field, f"The number of {label} must be between 0 and {MAX_COUNT}.")
            )
    if entry.pupils <= 0 and entry.staff <= 0:
        problems.append(Problem("pupils", "Add how many pupils or staff took part."))
    unknown = [year for year in entry.year_groups if year not in YEAR_GROUPS]
    if unknown:
        problems.append(
            Problem("year_groups", "Year groups run from Reception (R) to Year 13.")
        )
    if needs_topic(entry.activity) and entry.topic is None:
        problems.append(Problem("topic", "Choose what the session was about."))
    if entry.outcome is PilotOutcome.FOLLOW_UP_NEEDED and entry.follow_up_date is None:
        problems.append(Problem("follow_up_date", "Add the date for the follow-up."))
    if entry.follow_up_date is not None and entry.follow_up_date < entry.session_date:
        problems.append(
            Problem("follow_up_date", "The follow-up cannot be before the session.")
        )
    problems += initials_problems(entry.staff_initials)
    if len(entry.note.strip()) > MAX_NOTE:
        problems.append(
            Problem("note", f"The note is {len(entry.note.strip())} characters long; keep it "
                    f"to {MAX_NOTE}.")
        )
    if "\x00" in entry.note:
        problems.append(Problem("note", "The note contains a character that cannot be saved."))
    return problems


def initials_problems(text: str) -> list[Problem]:
    """Staff initials: 1 to 5 letters of any alphabet ("JS", "ZÖ", "ŁK")."""
    initials = normalise_initials(text)
    if not initials:
        return [Problem("staff_initials", "Add your initials.")]
    if not all(char.isalpha() for char in initials):
        return [Problem("staff_initials", "Initials are letters only, such as JS.")]
    if len(initials) > MAX_INITIALS:
        return [Problem("staff_initials", f"Initials are at most {MAX_INITIALS} letters.")]
    return []


def organisation_problems(
    organisation: Organisation, others: Iterable[Organisation]
) -> list[Problem]:
    """A name of 1 to 120 characters that no other organisation has (in any capitals)."""
    name = organisation.name.strip()
    if not name:
        return [Problem("name", "Add the organisation's name.")]
    if len(name) > MAX_ORGANISATION_NAME:
        return [
            Problem("name", f"The name is {len(name)} characters long; keep it to "
                    f"{MAX_ORGANISATION_NAME}.")
        ]
    if "\x00" in name:
        return [Problem("name", "The name contains a character that cannot be saved.")]
    key = name_key(name)
    for other in others:
        if other.id != organisation.id and name_key(other.name) == key:
            retired = "" if other.active else " (retired; restore it instead)"
            return [Problem("name", f"There is already an organisation called "
                            f"{other.name}{retired}.")]
    return []


def name_key(name: str) -> str:
    """An organisation name compared in any capitals and accents composed the same way."""
    return unicodedata.normalize("NFC", name.strip()).casefold()


def sort_key(name: str) -> tuple[str, str]:
    """Names in alphabetical order whatever their accents ("Ángel" before "Bryn")."""
    plain = "".join(
        char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char)
    )
    return plain.casefold(), name_key(name)


# -- year groups as typed -----------------------------------------------------------------------

_RECEPTION = ("r", "rec", "reception", "0")


class YearGroupsError(ValueError):
    """Typed year groups that cannot be read; the message says what to type."""


def parse_year_groups(text: str) -> tuple[int, ...]:
    """Year groups from "7", "7, 8", "7-9", "7 to 9", "R-2" or "Y10 Y11" (Reception is R); in
    order, each once. Raises YearGroupsError with a message to show beside the field."""
    text = re.sub(r"\byears?\s*", "", text.lower().replace("\N{EN DASH}", "-"))
    text = re.sub(r"\s*(?:-|\bto\b)\s*", "-", text)
    groups: set[int] = set()
    for part in re.split(r"[,;/&\s]+|\band\b", text):
        if not part.strip():
            continue
        ends = part.split("-")
        if len(ends) > 2 or not all(ends):
            raise YearGroupsError(
                f"'{part}' is not a year group: type numbers such as 7, 8 or 7-9 "
                "(R for Reception)."
            )
        first, last = _year(ends[0]), _year(ends[-1])
        groups.update(range(min(first, last), max(first, last) + 1))
    return tuple(sorted(groups))


def _year(word: str) -> int:
    word = word.strip().lower()
    if word in _RECEPTION:
        return 0
    if word.startswith("year"):
        word = word[4:].strip()
    elif word.startswith("y"):
        word = word[1:]
    if word.isdigit() and int(word) in YEAR_GROUPS:
        return int(word)
    raise YearGroupsError(
        f"'{word or '?'}' is not a year group: type numbers such as 7, 8 or 7-9 (R for Reception)."
    )


def year_groups_text(groups: Sequence[int]) -> str:
    """Year groups as the field shows them: "R, 1", "7-9", "7, 9-11"."""
    runs: list[list[int]] = []
    for year in sorted(set(groups)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])

    def short(year: int) -> str:
        return "R" if year == 0 else str(year)

    parts = [
        short(run[0]) if len(run) == 1 else
        f"{short(run[0])}, {short(run[1])}" if len(run) == 2 else
        f"{short(run[0])}-{short(run[-1])}"
        for run in runs
    ]
    return ", ".join(parts)


def year_groups_words(groups: Sequence[int]) -> str:
    """Year groups in words: "Year 7", "Years 7 and 8", "Years 7 to 9", "Reception and Year 1"."""
    ordered = sorted(set(groups))
    if not ordered:
        return "no year group given"
    years = [year for year in ordered if year]
    if not years:
        words = ""
    elif len(years) == 1:
        words = year_group_label(years[0])
    elif len(years) > 2 and years == list(range(years[0], years[-1] + 1)):
        words = f"Years {years[0]} to {years[-1]}"
    else:
        numbers = [str(year) for year in years]
        words = f"Years {', '.join(numbers[:-1])} and {numbers[-1]}"
    if ordered[0] == 0:
        return f"Reception and {words}" if words else "Reception"
    return words
