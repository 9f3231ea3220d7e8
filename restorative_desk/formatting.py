"""Dates and times in the words facilitators read, the same in every locale."""

from __future__ import annotations

import math
from datetime import date

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(value: date) -> str:
    """A date such as "26 Nov 2026"."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def format_wait(seconds: float) -> str:
    """A wait in words, rounded up to the second, such as "1 minute 5 seconds"."""
    whole = max(math.ceil(seconds), 1)
    minutes, rest = divmod(whole, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} {'minute' if minutes == 1 else 'minutes'}")
    if rest:
        parts.append(f"{rest} {'second' if rest == 1 else 'seconds'}")
    return " ".join(parts)
