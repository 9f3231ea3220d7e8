"""rdesk report: the board report PDF from a real case file, figures only (no names, words or
dates of birth), progress on stderr, audited as an export; bad dates, a missing folder or a
name not ending in .pdf are one line and exit 2; Ctrl+C leaves no file (exit 130)."""

from __future__ import annotations

import io
import os
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from restorative_desk.access import create_case_file, open_case_file
from restorative_desk.agreements.records import AgreementStatus
from restorative_desk.cli_report_args import default_period
from restorative_desk.documents import board_report
from restorative_desk.formatting import format_date
from restorative_desk.records import Setting
from restorative_desk.store.audit import AuditAction
from tests.agreeing import agreed_case, closed_agreement
from tests.conftest import FIXED_NOW, TEST_PASSPHRASE

from .test_cli import run

pytestmark = pytest.mark.usefixtures("passphrase_env")
PEOPLE = (("Zoë Nguyễn", "Łukasz Kowalski"), ("Siobhán Walsh", "ليلى حداد"),
          ("Amara Mensah", "Nguyễn Văn An"))  # fmt: skip
NAME_PARTS = {part for pair in PEOPLE for name in pair for part in name.split()}


@pytest.fixture
def case_file(db_path: Path) -> Path:
    """Cases with Unicode names, summaries and agreements in several settings."""
    new = create_case_file(db_path, TEST_PASSPHRASE, actor="Jo Adeyemi")
    store = new.store
    store._clock = lambda: FIXED_NOW
    with store:
        for harmed, responsible in PEOPLE:
            agreed_case(store, harmed=harmed, responsible=responsible)
        closed_agreement(store, AgreementStatus.COMPLETED, harmed="Zoë Nguyễn",
                         setting=Setting.YOS)
    return db_path


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_writes_the_report_with_figures_only(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "board.pdf"
    code, stdout, err = run(["--db", str(case_file), "report", "--from", "2025-12",
                             "--to", "2026-11", "--out", str(out)], capsys)
    assert code == 0, err
    assert stdout == ""
    assert "Counting the figures: 100%" in err and "Writing the report: 100%" in err
    assert f"The board report was written to {out}." in err
    text = _text(out)
    assert "1 Dec 2025 to 30 Nov 2026" in text
    assert "Restorative practice: partnership" in text
    raw = out.read_bytes()
    for part in NAME_PARTS:
        assert not re.search(rf"\b{re.escape(part)}\b", text), part
    for words in ("falling-out", "lunchtime", "Say sorry", "repaint", "Jo Adeyemi"):
        assert words not in text
    assert "ليلى".encode("utf-16-be") not in raw and "حداد".encode() not in raw
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    with open_case_file(case_file, TEST_PASSPHRASE, actor="Test") as store:
        exports = [e for e in store.audit.entries() if e.action is AuditAction.EXPORT]
    assert [(e.record_type, e.case_id, e.detail) for e in exports] == [
        ("board_report", "", "pdf 2025-12-01 to 2026-11-30")
    ]


def test_the_last_twelve_whole_months_by_default(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "board.pdf"
    code, _, err = run(["--db", str(case_file), "report", "--out", str(out)], capsys)
    assert code == 0, err
    start, end = default_period(date.today())
    assert f"{format_date(start)} to {format_date(end)}" in _text(out)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--from", "2026-13-01"], "'2026-13-01' is not a date"),
        (["--from", "2026-10-01", "--to", "2026-09-30"], "--from 2026-10-01 is after --to"),
        (["--setting", "prison"], "unknown setting 'prison'"),
    ],
)
def test_a_bad_period_or_setting_is_one_line_and_exit_2(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    arguments: list[str], message: str,
) -> None:
    out = tmp_path / "board.pdf"
    code, _, err = run(["--db", str(case_file), "report", *arguments, "--out", str(out)], capsys)
    assert code == 2
    assert message in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing/board.pdf", "does not exist"),
        ("board.txt", "should end in .pdf"),
        ("folder.pdf", "is a folder"),
    ],
)
def test_a_bad_place_to_save_is_one_line_and_exit_2(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    (tmp_path / "folder.pdf").mkdir()
    code, _, err = run(["--db", str(case_file), "report", "--out", str(tmp_path / name)], capsys)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "board.txt").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_that_cannot_be_written_to(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        code, _, err = run(["--db", str(case_file), "report", "--out",
                            str(folder / "board.pdf")], capsys)
    finally:
        folder.chmod(0o700)
    assert code == 2
    assert "cannot be written to" in err


def test_stopped_with_ctrl_c_leaves_no_file_and_keeps_the_old_one(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "board.pdf"
    out.write_bytes(b"last month's report")

    def interrupted(*_args: object, **_kwargs: object) -> bytes:
        raise KeyboardInterrupt

    monkeypatch.setattr(board_report, "render_board_report", interrupted)
    code, _, err = run(["--db", str(case_file), "report", "--out", str(out)], capsys)
    assert code == 130
    assert "Stopped: no report was written." in err
    assert out.read_bytes() == b"last month's report"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != case_file.name
                  and not p.name.startswith(case_file.name)) == ["board.pdf"]


def test_a_failure_while_writing_leaves_no_partial_file(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "board.pdf"

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    code, _, err = run(["--db", str(case_file), "report", "--out", str(out)], capsys)
    assert code == 2
    assert "No space left on device" in err
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
