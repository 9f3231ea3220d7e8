"""rdesk: demo data, listing, checks, and one-line errors with exit status 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from restorative_desk.cli import main
from restorative_desk.records import CaseFilter
from restorative_desk.store import Store


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as leaving:  # argparse exits for --help and usage errors
        code = int(leaving.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_list_as_json(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--db", str(db_path), "demo", "--cases", "40"], capsys)
    assert code == 0 and "40" in out
    code, out, _ = run(["--db", str(db_path), "cases", "--json"], capsys)
    cases = json.loads(out)
    assert code == 0 and len(cases) == 40
    assert {"reference", "setting", "status", "summary"} <= cases[0].keys()
    with Store.open(db_path) as store:
        assert store.count_cases() == 40
        assert store.integrity_problems() == []


def test_search_and_status_filters(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["--db", str(db_path), "demo", "--cases", "60"], capsys)
    code, out, _ = run(
        [
            "--db",
            str(db_path),
            "cases",
            "--status",
            "closed",
            "--status",
            "not-proceeding",
            "--json",
        ],
        capsys,
    )
    assert code == 0
    assert {c["status"] for c in json.loads(out)} <= {"closed", "not_proceeding"}
    with Store.open(db_path) as store:
        expected = store.count_cases(CaseFilter(search="oak house"))
    code, out, err = run(["--db", str(db_path), "cases", "--search", "Oak House"], capsys)
    assert code == 0 and len(out.splitlines()) == expected
    assert f"{expected} case" in err


def test_check_passes_on_a_good_database_and_fails_on_damage(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["--db", str(db_path), "demo", "--cases", "30"], capsys)
    code, out, _ = run(["--db", str(db_path), "check"], capsys)
    assert code == 0 and "all checks passed" in out
    with Store.open(db_path) as store:  # damage the search index behind the store's back
        store._conn.execute("DELETE FROM case_search WHERE rowid = (SELECT max(seq) FROM cases)")
    code, out, _ = run(["--db", str(db_path), "check"], capsys)
    assert code == 1 and "Search index" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["cases", "--status", "sleeping"],
        ["demo", "--cases", "lots"],
        ["demo", "--cases", "0"],
        ["frobnicate"],
        [],
    ],
)
def test_bad_arguments_get_one_line_and_exit_2(
    argv: list[str], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["--db", str(db_path), *argv], capsys)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("rdesk: ")


def test_bad_paths_get_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(os.urandom(4096))
    for argv in (
        ["--db", str(tmp_path / "missing.db"), "cases"],
        ["--db", str(corrupt), "check"],
        ["--db", str(tmp_path), "cases"],
        ["--db", str(tmp_path / "no" / "such" / "folder" / "x.db"), "demo"],
    ):
        code, _, err = run(argv, capsys)
        assert code == 2, argv
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, argv


def test_help_everywhere(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["demo", "--help"], ["cases", "--help"], ["check", "--help"]):
        code, out, _ = run(argv, capsys)
        assert code == 0 and "usage: rdesk" in out


def test_the_installed_command_runs_without_qt(db_path: Path) -> None:
    """rdesk starts as its own process and never loads Qt."""
    probe = (
        "import sys, runpy; sys.argv = ['rdesk', '--db', sys.argv[1], 'demo', '--cases', '3'];"
        "from restorative_desk.cli import main; code = main(sys.argv[1:]);"
        "assert not any(m.startswith('PySide6') for m in sys.modules); sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(db_path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
