"""The entry point: arguments, screenshots, and refusing files it must not open."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile, QSettings
from PySide6.QtGui import QImage

from restorative_desk.records import Case, ReferralSource, Setting
from restorative_desk.store import Store
from ui.app import ALREADY_OPEN, main

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _own_settings(tmp_path: Path) -> None:
    """Keep the app's default settings inside the test's folder."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))


def _one_case(path: Path) -> str:
    with Store.open(path, actor="Test Facilitator") as store:
        case = store.create_case(
            Case(
                setting=Setting.SCHOOL,
                organisation="Riverside Academy",
                referral_source=ReferralSource.EDUCATION,
                referral_date=store.today(),
                summary="A shove in the lunch queue; both want to sort it out.",
            )
        )
    return case.reference


def test_screenshot_writes_a_png_of_the_window(qapp: object, db_path: Path, tmp_path: Path) -> None:
    reference = _one_case(db_path)
    shot = tmp_path / "shot.png"
    assert main(["--db", str(db_path), "--screenshot", str(shot), "--select", reference]) == 0
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1366, 768)
    assert not Path(str(db_path) + ".lock").exists(), "the lock is let go on exit"


def test_screenshot_size_can_be_chosen(qapp: object, db_path: Path, tmp_path: Path) -> None:
    shot = tmp_path / "small.png"
    assert main(["--db", str(db_path), "--screenshot", str(shot), "--size", "1024x700"]) == 0
    assert QImage(str(shot)).width() == 1024


def test_the_database_can_come_from_the_environment(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "from-env.db"
    monkeypatch.setenv("RESTORATIVE_DESK_DB", str(chosen))
    assert main(["--screenshot", str(tmp_path / "shot.png")]) == 0
    assert chosen.exists()


def test_a_damaged_file_is_refused_in_one_line(
    qapp: object, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path.write_bytes(os.urandom(4096))
    assert main(["--db", str(db_path), "--screenshot", str(tmp_path / "shot.png")]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert str(db_path) in err and "damaged" in err
    assert not (tmp_path / "shot.png").exists()


def test_a_second_copy_on_the_same_file_is_refused(
    qapp: object, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    held = QLockFile(str(db_path) + ".lock")
    assert held.tryLock(100)
    try:
        assert main(["--db", str(db_path)]) == 1
    finally:
        held.unlock()
    assert ALREADY_OPEN in capsys.readouterr().err


def test_an_unknown_case_to_select_is_reported(
    qapp: object, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shot = tmp_path / "shot.png"
    assert main(["--db", str(db_path), "--screenshot", str(shot), "--select", "RD-2026-9999"]) == 2
    assert "RD-2026-9999" in capsys.readouterr().err


@pytest.mark.parametrize("args", [["--size", "big"], ["--no-such-option"], ["--size", "10x10"]])
def test_bad_arguments_exit_2_with_argparse_message(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    assert "usage: restorative-desk" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert "Restorative Desk 0.1.0" in capsys.readouterr().out


def test_demo_screenshot(qapp: object, tmp_path: Path) -> None:
    shot = tmp_path / "demo.png"
    assert main(["--demo", "--screenshot", str(shot), "--size", "1280x720"]) == 0
    assert QImage(str(shot)).height() == 720


def test_exit_when_shown_reports_the_window(
    qapp: object, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "--exit-when-shown"]) == 0
    assert capsys.readouterr().out.strip() == "shown"


def test_emitting_signals_never_frees_true() -> None:
    """PySide6 6.12's emit() drops a reference to True; ui/__init__ guards against it."""
    from PySide6.QtCore import QObject, Signal

    import ui

    class Emitter(QObject):
        fired = Signal(str)

    emitter = Emitter()
    for _ in range(10_000):
        emitter.fired.emit("x")
    if ui.TRUE_KEPT_ALIVE:
        assert sys.getrefcount(True) > ui.IMMORTAL_REFERENCES // 2
