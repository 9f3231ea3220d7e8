"""rdesk export --anonymised: the figures as a CSV with no names; one-line refusals (exit 2);
Ctrl+C leaves no file (exit 130); audited as an export with its period only."""

from __future__ import annotations

import argparse
import csv
from datetime import date
from pathlib import Path

import pytest

from restorative_desk import cli_export
from restorative_desk.access import create_case_file, open_case_file
from restorative_desk.cli_report_args import add_filter_arguments, filter_from_args
from restorative_desk.records import Setting
from restorative_desk.store.audit import AuditAction
from tests.conftest import FIXED_NOW, TEST_PASSPHRASE
from tests.reporting import NAMES, add_case, hold_conference

from .test_cli import run

pytestmark = pytest.mark.usefixtures("passphrase_env")


@pytest.fixture
def case_file(db_path: Path) -> Path:
    new = create_case_file(db_path, TEST_PASSPHRASE, actor="Jo Adeyemi")
    store = new.store
    store._clock = lambda: FIXED_NOW
    with store:
        for number in range(6):
            case = add_case(store, date(2026, 9, 1 + number))
            if number < 5:
                hold_conference(store, case, date(2026, 9, 20))
    return db_path


def _export(case_file: Path, out: Path, capsys: pytest.CaptureFixture[str],
            *extra: str) -> tuple[int, str, str]:  # fmt: skip
    return run(["--db", str(case_file), "export", "--anonymised", "--out", str(out), *extra],
               capsys)


def test_writes_the_figures_without_names(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "figures.csv"
    code, stdout, err = _export(case_file, out, capsys, "--from", "2026-09", "--to", "2026-09")
    assert code == 0, err
    assert "figures for 2026-09-01 to 2026-09-30" in err and stdout == ""
    text = out.read_text(encoding="utf-8")
    assert not any(name in text for name in NAMES) and "RD-2026" not in text
    lines = list(csv.DictReader(text.splitlines()))
    referrals = {line["column"]: line["value"] for line in lines
                 if line["table"] == "referrals_by_month"}
    assert referrals == {"School": "6"}
    with open_case_file(case_file, TEST_PASSPHRASE, actor="Test") as store:
        entries = [e for e in store.audit.entries() if e.action is AuditAction.EXPORT]
    assert entries[-1].detail == "2026-09-01 to 2026-09-30"


def test_the_default_period_is_12_whole_months_to_today() -> None:
    parser = argparse.ArgumentParser()
    add_filter_arguments(parser)
    chosen = filter_from_args(parser.parse_args([]), date(2026, 11, 26))
    assert (chosen.start, chosen.end) == (date(2025, 12, 1), date(2026, 11, 26))
    chosen = filter_from_args(
        parser.parse_args(["--setting", "Care home", "--setting", "yos",
                           "--organisation", "  Oak   Park "]), date(2026, 11, 26),
    )  # fmt: skip
    assert chosen.settings == {Setting.CARE_HOME, Setting.YOS}
    assert chosen.organisation == "Oak Park"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--from", "2026-13-01"], "'2026-13-01' is not a date"),
        (["--from", "2026-10-01", "--to", "2026-09-01"], "--from 2026-10-01 is after --to"),
        (["--setting", "prison"], "unknown setting 'prison'"),
    ],
)
def test_bad_arguments_are_one_line(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str],
    message: str,
) -> None:
    out = tmp_path / "figures.csv"
    code, _, err = _export(case_file, out, capsys, *extra)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_refuses_without_anonymised_or_a_folder(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "figures.csv"
    code, _, err = run(["--db", str(case_file), "export", "--out", str(out)], capsys)
    assert code == 2 and "--anonymised" in err and not out.exists()
    code, _, err = _export(case_file, tmp_path / "missing" / "figures.csv", capsys)
    assert code == 2 and "does not exist" in err
    code, _, err = _export(case_file, tmp_path, capsys)
    assert code == 2 and "is a folder" in err


def test_refuses_a_folder_it_cannot_write(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    monkeypatch.setattr("restorative_desk.cli_export.os.access",
                        lambda path, mode: Path(path) != locked)
    code, _, err = _export(case_file, locked / "figures.csv", capsys)
    assert code == 2 and "cannot be written to" in err


def test_ctrl_c_leaves_no_file(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from restorative_desk.reports import export

    def interrupted(done: int, total: int) -> bool:
        raise KeyboardInterrupt

    real = export.write_anonymised_csv
    monkeypatch.setattr(export, "write_anonymised_csv",
                        lambda d, path, progress=None: real(d, path, interrupted))
    out = tmp_path / "figures.csv"
    code, _, err = _export(case_file, out, capsys)
    assert code == cli_export.INTERRUPTED and "nothing was written" in err
    assert sorted(p.name for p in tmp_path.iterdir() if "figures" in p.name) == []
