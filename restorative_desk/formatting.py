"""Dates and times in the words facilitators read, the same in every locale."""

from __future__ import annotations

from datetime import date

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(value: date) -> str:
    """A date such as "26 Nov 2026"."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
