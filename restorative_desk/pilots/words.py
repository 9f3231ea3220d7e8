"""Pilot entries in a few plain words, for the quick entry's confirmation and the day view."""

from __future__ import annotations

from .checks import year_groups_words
from .records import PilotEntry


def people_words(pupils: int, staff: int) -> str:
    """"28 pupils", "1 pupil and 2 staff", "30 staff"."""
    parts = []
    if pupils:
        parts.append(f"{pupils} pupil{'s' if pupils != 1 else ''}")
    if staff:
        parts.append(f"{staff} staff")
    return " and ".join(parts) or "nobody counted"


def entry_summary(entry: PilotEntry) -> str:
    """"class circle, Year 7, 28 pupils" (the words a calm confirmation needs)."""
    parts = [entry.activity.label.lower()]
    if entry.year_groups:
        parts.append(year_groups_words(entry.year_groups))
    if entry.pupils:
        parts.append(people_words(entry.pupils, 0))
    else:
        parts.append(people_words(0, entry.staff))
    return ", ".join(parts)
