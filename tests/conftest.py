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
os.environ.pop("RESTORATIVE_DESK_SCRIPTS", None)

from restorative_desk.security import FAST_TEST_PARAMS, vault
from restorative_desk.store import Store

TEST_PASSPHRASE = "heron teapot glacier"
FIXED_NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


@pytest.fixture
def db_key() -> bytes:
    """A fresh random 256-bit database key (what the vault would unwrap)."""
    return os.urandom(32)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database lives."""
    return tmp_path / "cases.db"


@pytest.fixture
def store(db_path: Path, db_key: bytes) -> Iterator[Store]:
    """A fresh encrypted database with every migration applied, clock fixed at FIXED_NOW."""
    opened = Store.open(db_path, key=db_key, actor="Test Facilitator", clock=lambda: FIXED_NOW)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def _fast_key_derivation(monkeypatch: pytest.MonkeyPatch) -> None:
    """New vaults use tiny Argon2 parameters in tests (real ones take most of a second)."""
    monkeypatch.setattr(vault, "calibrate", lambda *_args, **_kw: FAST_TEST_PARAMS)


@pytest.fixture
def passphrase_env(monkeypatch: pytest.MonkeyPatch) -> str:
    """rdesk reads the test passphrase from the environment, as automation would."""
    monkeypatch.setenv("RESTORATIVE_DESK_PASSPHRASE", TEST_PASSPHRASE)
    return TEST_PASSPHRASE


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
