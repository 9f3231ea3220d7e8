"""Shared fixtures: a fresh database per test, and the offscreen Qt platform when headless."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

# pytest-qt does not choose the offscreen platform by itself; without a display Qt would abort.
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Tests must never touch the user's real database or settings.
os.environ.pop("RESTORATIVE_DESK_DB", None)

from restorative_desk.store import Store

FIXED_NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database lives."""
    return tmp_path / "cases.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """A fresh database with every migration applied, clock fixed at FIXED_NOW."""
    opened = Store.open(db_path, actor="Test Facilitator", clock=lambda: FIXED_NOW)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep settings and data folders inside the test's temporary space."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    if sys.platform == "win32":  # pragma: no cover - CI runs on Linux
        monkeypatch.setenv("APPDATA", str(home))
