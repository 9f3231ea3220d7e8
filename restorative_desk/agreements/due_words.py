"""What is due, in the words a facilitator reads: the kind of thing and its date ("overdue since
20 Nov 2026", "due Fri 27 Nov 2026"). Shared by `rdesk due` and the app's due view."""

from __future__ import annotations

from datetime import date

from ..formatting import format_date
from .follow_up import DueItem

KIND_LABELS = {"review": "Review", "action": "Action", "deadline": "Deadline"}
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def day_words(day: date) -> str:
    """A date with its weekday, such as "Fri 27 Nov 2026"."""
    return f"{_DAYS[day.weekday()]} {format_date(day)}"


def what_words(item: DueItem) -> str:
    """What is due, with its kind unless the words already say it ("Action: Say sorry…")."""
    kind = KIND_LABELS[item.kind]
    return item.label if item.label.startswith(kind) else f"{kind}: {item.label}"


def when_words(item: DueItem, today: date) -> str:
    """When the item is due, in words: overdue since a date, due today, or due on a day."""
    if item.overdue:
        return f"overdue since {format_date(item.due)}"
    if item.due == today:
        return f"due today ({day_words(item.due)})"
    return f"due {day_words(item.due)}"
