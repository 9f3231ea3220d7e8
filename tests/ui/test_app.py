"""The entry point: arguments, screenshots, and refusing files it must not open."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile, QSettings
from PySide6.QtGui import QImage

from restorative_desk.access import create_case_file
from restorative_desk.records import Case, ReferralSource, Setting
from tests.conftest import TEST_PASSPHRASE
from ui.app import ALREADY_OPEN, main

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _own_settings(tmp_path: Path) -> None:
    """Keep the app's default settings inside the test's folder."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))


def _one_case(path: Path) -> str:
    with create_case_file(path, TEST_PASSPHRASE, actor="Test Facilitator").store as store:
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


def _empty_case_file(path: Path) -> None:
    create_case_file(path, TEST_PASSPHRASE, actor="Test Facilitator").store.close()


@pytest.mark.usefixtures("passphrase_env")
def test_screenshot_writes_a_png_of_the_window(qapp: object, db_path: Path, tmp_path: Path) -> None:
    reference = _one_case(db_path)
    shot = tmp_path / "shot.png"
    assert main(["--db", str(db_path), "--screenshot", str(shot), "--select", reference]) == 0
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1366, 768)
    assert not Path(str(db_path) + ".lock").exists(), "the lock is let go on exit"


@pytest.mark.usefixtures("passphrase_env")
def test_screenshot_size_can_be_chosen(qapp: object, db_path: Path, tmp_path: Path) -> None:
    _empty_case_file(db_path)
    shot = tmp_path / "small.png"
    assert main(["--db", str(db_path), "--screenshot", str(shot), "--size", "1024x700"]) == 0
    assert QImage(str(shot)).width() == 1024


@pytest.mark.usefixtures("passphrase_env")
@pytest.mark.parametrize("view", ["pilots", "figures"])
def test_a_screenshot_of_a_view_beside_the_case(
    qapp: object, db_path: Path, tmp_path: Path, view: str
) -> None:
    _one_case(db_path)
    shot = tmp_path / f"{view}.png"
    assert main(["--db", str(db_path), "--screenshot", str(shot), "--view", view]) == 0
    assert QImage(str(shot)).width() == 1366


@pytest.mark.usefixtures("passphrase_env")
def test_the_database_can_come_from_the_environment(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "from-env.db"
    _empty_case_file(chosen)
    monkeypatch.setenv("RESTORATIVE_DESK_DB", str(chosen))
    assert main(["--screenshot", str(tmp_path / "shot.png")]) == 0
    assert chosen.exists()
    assert not Path(str(chosen) + ".lock").exists(), "that file was the one locked and opened"


def test_unattended_runs_need_the_passphrase(
    qapp: object, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _empty_case_file(db_path)
    shot = tmp_path / "shot.png"
    assert main(["--db", str(db_path), "--screenshot", str(shot)]) == 2
    assert main(["--db", str(db_path), "--exit-when-shown"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all("RESTORATIVE_DESK_PASSPHRASE" in line for line in err)
    assert not shot.exists()


@pytest.mark.usefixtures("passphrase_env")
def test_unattended_runs_do_not_make_a_case_file(
    qapp: object, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "--screenshot", str(tmp_path / "shot.png")]) == 2
    assert "no case file" in capsys.readouterr().err
    assert not db_path.exists()


@pytest.mark.parametrize("screen", ["unlock", "setup"])
def test_the_unlock_and_setup_screens_can_be_pictured_without_a_passphrase(
    qapp: object, db_path: Path, tmp_path: Path, screen: str
) -> None:
    shot = tmp_path / f"{screen}.png"
    assert main(["--db", str(db_path), "--screen", screen, "--screenshot", str(shot)]) == 0
    assert not QImage(str(shot)).isNull()
    assert not db_path.exists(), "looking at a screen writes nothing"


@pytest.mark.usefixtures("passphrase_env")
def test_a_wrong_passphrase_is_refused_in_one_line(
    qapp: object,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _empty_case_file(db_path)
    monkeypatch.setenv("RESTORATIVE_DESK_PASSPHRASE", "not the right words at all")
    assert main(["--db", str(db_path), "--screenshot", str(tmp_path / "shot.png")]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "doesn't open" in err


@pytest.mark.usefixtures("passphrase_env")
def test_a_damaged_file_is_refused_in_one_line(
    qapp: object, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _empty_case_file(db_path)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
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


@pytest.mark.usefixtures("passphrase_env")
def test_an_unknown_case_to_select_is_reported(
    qapp: object, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _empty_case_file(db_path)
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


def test_the_tabs_named_for_screenshots_are_the_case_windows_tabs(qapp: object) -> None:
    from restorative_desk.store import Store
    from restorative_desk.wording import load_role_wording
    from ui.app import CASE_TABS
    from ui.case_detail import AGREEMENT_TAB, CONFERENCE_TAB, SAFETY_TAB, CaseDetailPanel

    store = Store.open(None, actor="Test Facilitator")
    panel = CaseDetailPanel(store, load_role_wording())
    try:
        assert len(CASE_TABS) == panel.tabs.count()
        assert CASE_TABS.index("conference") == CONFERENCE_TAB
        assert CASE_TABS.index("safety") == SAFETY_TAB
        assert CASE_TABS.index("agreement") == AGREEMENT_TAB
    finally:
        panel.deleteLater()
        store.close()


def test_a_screenshot_of_one_tab_of_a_demo_case(qapp: object, tmp_path: Path) -> None:
    shot = tmp_path / "conference.png"
    arguments = ["--demo", "--select", "RD-2026-0009", "--tab", "conference"]
    assert main([*arguments, "--screenshot", str(shot), "--size", "1280x720"]) == 0
    assert QImage(str(shot)).width() == 1280
    assert main([*arguments[:-1], "seating", "--screenshot", str(shot)]) == 2


@pytest.mark.usefixtures("passphrase_env")
def test_exit_when_shown_reports_the_window(
    qapp: object, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _empty_case_file(db_path)
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
