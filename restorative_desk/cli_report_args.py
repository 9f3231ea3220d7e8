"""The period, settings and organisation arguments shared by `rdesk report` and `rdesk export`.

`--from` and `--to` take a day (2026-09-01) or a whole month (2026-09: the first day for
`--from`, the last for `--to`); both ends are included. Without them the period is the last 12
whole months up to today: from the first day of the month eleven months back to today (on
26 November 2026: 1 December 2025 to 26 November 2026). With only `--from` it runs to today;
with only `--to` it starts on the first day of the month eleven months before.
"""

from __future__ import annotations

import argparse
import calendar
import sys
from datetime import date

from .records import Setting
from .reports.figures import ReportFilter

MONTHS_BY_DEFAULT = 12


class ReportArgumentError(ValueError):
    """The period or organisation as given cannot make a filter (one line, exit status 2)."""


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    """Add --from, --to, --setting (repeatable) and --organisation to `parser`."""
    parser.add_argument(
        "--from", dest="from_day", type=_first_day, metavar="DATE",
        help="first day counted, YYYY-MM-DD or YYYY-MM (default: the first day of the month "
        "eleven months ago, so 12 whole months)",
    )
    parser.add_argument(
        "--to", dest="to_day", type=_last_day, metavar="DATE",
        help="last day counted, YYYY-MM-DD or YYYY-MM (default: today)",
    )
    parser.add_argument(
        "--setting", dest="settings", type=setting_argument, action="append", metavar="SETTING",
        help="only this setting: " + ", ".join(s.value for s in Setting)
        + " (repeatable; default: all)",
    )
    parser.add_argument(
        "--organisation", default="", metavar="NAME",
        help="only this organisation (its name, any capitals)",
    )


def filter_from_args(args: argparse.Namespace, today: date) -> ReportFilter:
    """The ReportFilter the parsed arguments ask for (ReportArgumentError if it makes no sense)."""
    end: date = args.to_day or today
    start: date = args.from_day or months_back(end, MONTHS_BY_DEFAULT - 1)
    if start > end:
        if args.from_day and args.to_day:
            raise ReportArgumentError(
                f"--from {start.isoformat()} is after --to {end.isoformat()}"
            )
        raise ReportArgumentError(
            f"--from {start.isoformat()} is after today ({end.isoformat()}); add --to"
        )
    return ReportFilter(
        start=start,
        end=end,
        settings=frozenset(args.settings or ()),
        organisation=" ".join(str(args.organisation or "").split()),
    )


def default_period(today: date) -> tuple[date, date]:
    """The last 12 whole months up to today: the first day of the month 11 months back, today."""
    return months_back(today, MONTHS_BY_DEFAULT - 1), today


def months_back(day: date, months: int) -> date:
    """The first day of the month `months` before `day`'s month."""
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def setting_argument(text: str) -> Setting:
    """A setting by its value or its label, forgiving capitals, spaces and hyphens."""
    wanted = text.strip().lower().replace(" ", "_").replace("-", "_").replace("'", "")
    for setting in Setting:
        label = setting.label.lower().replace(" ", "_").replace("'", "")
        if wanted in (setting.value, label):
            return setting
    choices = ", ".join(s.value for s in Setting)
    raise argparse.ArgumentTypeError(f"unknown setting '{text}' (choose from {choices})")


def _first_day(text: str) -> date:
    return _parse_day(text, last=False)


def _last_day(text: str) -> date:
    return _parse_day(text, last=True)


def _parse_day(text: str, *, last: bool) -> date:
    cleaned = text.strip()
    try:
        if len(cleaned) == 7:  # YYYY-MM: the whole month
            year, month = (int(part) for part in cleaned.split("-"))
            day = calendar.monthrange(year, month)[1] if last else 1
            return date(year, month, day)
        return date.fromisoformat(cleaned)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date; write it as YYYY-MM-DD (e.g. 2026-09-01) or YYYY-MM"
        ) from None


class StderrProgress:
    """Progress lines on stderr, one per tenth of the way (and the end)."""

    def __init__(self, doing: str) -> None:
        self.doing = doing
        self.shown = -1

    def __call__(self, done: int, total: int) -> bool:
        tenth = 10 * done // total if total else 10
        if tenth != self.shown:
            self.shown = tenth
            print(f"{self.doing}: {10 * tenth}%", file=sys.stderr)
        return True
