"""Fixtures for the interface tests: fictional cases made through the store, throwaway settings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from restorative_desk.records import Case, ReferralSource, Setting, Status
from restorative_desk.store import Store
from restorative_desk.wording import RoleWording, load_role_wording

SCHOOLS = ("Hillside Primary School", "Riverside Academy", "Northgate High School")


AddCases = Callable[..., list[Case]]


def _add_cases(store: Store, count: int, *, start: date = date(2026, 11, 20)) -> list[Case]:
    """`count` fictional cases, a few a day going back from `start`, in one transaction."""
    settings = list(Setting)
    made = []
    with store.batch():
        for number in range(count):
            setting = settings[number % len(settings)]
            made.append(
                store.create_case(
                    Case(
                        setting=setting,
                        organisation=(
                            SCHOOLS[number % len(SCHOOLS)] if setting is Setting.SCHOOL
                            else f"Oak House {number % 5}"
                        ),
                        referral_source=ReferralSource.EDUCATION,
                        referral_date=start - timedelta(days=number // 3),
                        summary=f"Falling out at lunch, case number {number}.",
                        facilitator="Jo Adeyemi" if number % 2 else "",
                        status=Status.REFERRED,
                    )
                )
            )
    return made


@pytest.fixture
def add_cases() -> AddCases:
    """Make fictional cases: `add_cases(store, count, start=date(...))`."""
    return _add_cases


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Settings in a throwaway ini file, never the user's own."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(scope="session")
def wording() -> RoleWording:
    """The shipped role wording."""
    return load_role_wording()
