"""rdesk: encrypted case files, listing, checks, backups, erasure, and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from restorative_desk.access import create_case_file, open_case_file
from restorative_desk.cli import main
from restorative_desk.preparation.records import ConsentGiver, ReadinessOverride
from restorative_desk.records import CaseFilter, Person, Role, Status
from restorative_desk.security import keys_path
from restorative_desk.store import Store
from restorative_desk.store.audit import AuditAction
from tests.conftest import TEST_PASSPHRASE
from tests.core.test_store import make_case
from tests.preparing import prepare_for_conference

pytestmark = pytest.mark.usefixtures("passphrase_env")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as leaving:  # argparse exits for --help and usage errors
        code = int(leaving.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_init_makes_an_encrypted_file_and_shows_the_recovery_key_once(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["--db", str(db_path), "init"], capsys)
    assert code == 0 and "Recovery key (shown only this once)" in out
    assert db_path.exists() and keys_path(db_path).exists()
    assert not db_path.read_bytes().startswith(b"SQLite format 3")
    code, _, err = run(["--db", str(db_path), "init"], capsys)
    assert code == 2 and "already a case file" in err


def test_a_weak_passphrase_is_refused_before_anything_is_written(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RESTORATIVE_DESK_PASSPHRASE", "short")
    code, _, err = run(["--db", str(db_path), "init"], capsys)
    assert code == 2 and "12 characters" in err
    assert not db_path.exists() and not keys_path(db_path).exists()


def test_the_wrong_passphrase_never_opens_the_file(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(["--db", str(db_path), "demo", "--cases", "5"], capsys)
    monkeypatch.setenv("RESTORATIVE_DESK_PASSPHRASE", "hazel kettle moon")
    code, out, err = run(["--db", str(db_path), "cases", "--json"], capsys)
    assert code == 2 and out == "" and "passphrase" in err
    assert len(err.strip().splitlines()) == 1


def test_demo_then_list_as_json(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--db", str(db_path), "demo", "--cases", "40"], capsys)
    assert code == 0 and "40" in out and "Recovery key" in out
    code, out, _ = run(["--db", str(db_path), "cases", "--json"], capsys)
    cases = json.loads(out)
    assert code == 0 and len(cases) == 40
    assert {"reference", "setting", "status", "summary"} <= cases[0].keys()
    with open_case_file(db_path, TEST_PASSPHRASE, actor="t") as store:
        assert store.count_cases() == 40
        assert store.integrity_problems() == []


def test_search_and_status_filters(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["--db", str(db_path), "demo", "--cases", "60"], capsys)
    only_ended = ["--status", "closed", "--status", "not-proceeding", "--json"]
    code, out, _ = run(["--db", str(db_path), "cases", *only_ended], capsys)
    assert code == 0
    assert {c["status"] for c in json.loads(out)} <= {"closed", "not_proceeding"}
    with open_case_file(db_path, TEST_PASSPHRASE, actor="t") as store:
        expected = store.count_cases(CaseFilter(search="oak house"))
    code, out, err = run(["--db", str(db_path), "cases", "--search", "Oak House"], capsys)
    assert code == 0 and len(out.splitlines()) == expected
    assert f"{expected} case" in err


def test_check_passes_on_a_good_file_and_finds_damage(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["--db", str(db_path), "demo", "--cases", "30"], capsys)
    code, out, _ = run(["--db", str(db_path), "check"], capsys)
    assert code == 0 and "all checks passed" in out
    # One changed byte in the middle of the file (a page of case data) is found.
    data = bytearray(db_path.read_bytes())
    data[len(data) // 2] ^= 0x01
    db_path.write_bytes(bytes(data))
    code, out, err = run(["--db", str(db_path), "check"], capsys)
    assert code in (1, 2) and ("Encrypted pages" in out or "damaged" in err)


def test_audit_verify(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["--db", str(db_path), "demo", "--cases", "10"], capsys)
    code, out, _ = run(["--db", str(db_path), "audit", "verify"], capsys)
    assert code == 0 and "whole" in out
    with open_case_file(db_path, TEST_PASSPHRASE, actor="t") as store:
        store._conn.execute("DELETE FROM audit_log WHERE seq = 3")  # someone with the key
    code, out, _ = run(["--db", str(db_path), "audit", "verify"], capsys)
    assert code == 1 and "Entry 3 is missing" in out


def test_backup_then_restore_gives_identical_records(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["--db", str(db_path), "demo", "--cases", "25"], capsys)
    folder = tmp_path / "usb"
    folder.mkdir()
    code, out, _ = run(["--db", str(db_path), "backup", "--out", str(folder)], capsys)
    assert code == 0
    (backup,) = folder.glob("*.rdbackup")
    with open_case_file(db_path, TEST_PASSPHRASE, actor="t") as store:
        before = store.case_rows(CaseFilter(), limit=100)
        case = before[0]
        store.erase_case(case.id)
    code, out, _ = run(["--db", str(db_path), "restore", str(backup)], capsys)
    assert code == 0 and "Restored 25 cases" in out
    with open_case_file(db_path, TEST_PASSPHRASE, actor="t") as store:
        assert store.case_rows(CaseFilter(), limit=100) == before
        assert store.audit.entries(actions=[AuditAction.RESTORE])
        assert store.integrity_problems() == []
    assert list(tmp_path.glob("cases.db.before-restore-*"))


def test_erase_by_reference(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["--db", str(db_path), "demo", "--cases", "5"], capsys)
    with open_case_file(db_path, TEST_PASSPHRASE, actor="t") as store:
        reference = store.case_rows(CaseFilter())[0].reference
    code, _, err = run(["--db", str(db_path), "erase", reference], capsys)
    assert code == 2 and "--yes" in err
    code, out, _ = run(["--db", str(db_path), "erase", reference, "--yes"], capsys)
    assert code == 0 and "Erased" in out
    code, out, _ = run(["--db", str(db_path), "cases", "--json"], capsys)
    assert reference not in out and len(json.loads(out)) == 4


@pytest.mark.parametrize(
    "argv",
    [
        ["cases", "--status", "sleeping"],
        ["demo", "--cases", "lots"],
        ["demo", "--cases", "0"],
        ["frobnicate"],
        ["audit"],
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
        ["--db", str(tmp_path / "x.db"), "restore", str(tmp_path / "nothing.rdbackup")],
    ):
        code, _, err = run(argv, capsys)
        assert code == 2, argv
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, argv


def test_no_passphrase_and_no_terminal_is_explained(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(["--db", str(db_path), "init"], capsys)
    monkeypatch.delenv("RESTORATIVE_DESK_PASSPHRASE")
    monkeypatch.setattr(sys, "stdin", open(os.devnull))  # noqa: SIM115
    code, _, err = run(["--db", str(db_path), "cases"], capsys)
    assert code == 2 and "RESTORATIVE_DESK_PASSPHRASE" in err


def test_help_everywhere(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        ["--help"],
        ["init", "--help"],
        ["demo", "--help"],
        ["cases", "--help"],
        ["check", "--help"],
        ["audit", "verify", "--help"],
        ["backup", "--help"],
        ["restore", "--help"],
        ["erase", "--help"],
        ["documents", "--help"],
        ["readiness", "--help"],
    ):
        code, out, _ = run(argv, capsys)
        assert code == 0 and "usage: rdesk" in out
    run(["--help"], capsys)


def test_the_command_runs_without_qt(db_path: Path) -> None:
    """rdesk starts as its own process and never loads Qt."""
    probe = (
        "import sys; sys.argv = ['rdesk', '--db', sys.argv[1], 'demo', '--cases', '3'];"
        "from restorative_desk.cli import main; code = main(sys.argv[1:]);"
        "assert not any(m.startswith('PySide6') for m in sys.modules); sys.exit(code)"
    )
    env = {**os.environ, "RESTORATIVE_DESK_PASSPHRASE": TEST_PASSPHRASE}
    done = subprocess.run(
        [sys.executable, "-c", probe, str(db_path)],
        capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_documents_for_everyone_taking_part(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["--db", str(db_path), "demo", "--cases", "3"], capsys)
    with open_case_file(db_path, TEST_PASSPHRASE, actor="t") as store:
        case = store.case_rows(CaseFilter())[0]
        names = [p.name for p in store.people(case.id)]
    out_dir = tmp_path / "letters"
    out_dir.mkdir()
    code, out, err = run(
        ["--db", str(db_path), "documents", case.reference, "--kind", "consent", "--out",
         str(out_dir)],
        capsys,
    )  # fmt: skip
    assert code == 0, err
    files = sorted(out_dir.glob("*.pdf"))
    assert len(files) == len(names) and all(f.read_bytes().startswith(b"%PDF") for f in files)
    assert len(out.splitlines()) == len(files)
    for name in names:  # file names never carry a child's name
        assert all(part not in f.name for f in files for part in name.split())
    with open_case_file(db_path, TEST_PASSPHRASE, actor="t") as store:
        (export,) = store.audit.entries(actions=[AuditAction.EXPORT])
        assert export.case_id == case.id and export.detail == f"consent x{len(files)}"
    code, _, err = run(
        ["--db", str(db_path), "documents", case.reference, "--kind", "consent", "--out",
         str(tmp_path / "missing")],
        capsys,
    )  # fmt: skip
    assert code == 2 and "does not exist" in err


def _case_at_preparing(store: Store, **changes: object) -> str:
    """A case being prepared, with Siobhán (called Shiv) harmed and Łukasz responsible."""
    case = store.create_case(make_case(referral_date=store.today(), **changes))
    store.add_person(Person(case_id=case.id, role=Role.PERSON_HARMED, name="Siobhán Ó Briain",
                            preferred_name="Shiv", is_child=True))
    store.add_person(Person(case_id=case.id, role=Role.PERSON_RESPONSIBLE,
                            name="Łukasz Wiśniewski", is_child=True))
    for status in (Status.INITIAL_ENGAGEMENT, Status.RISK_ASSESSMENT, Status.PREPARING):
        store.move_case(case.id, status)
    return case.reference


@pytest.fixture
def references(db_path: Path) -> dict[str, str]:
    """A case file with a ready case, a blocked one and one that went ahead on an override."""
    with create_case_file(db_path, TEST_PASSPHRASE, actor="Jo Adeyemi").store as store:
        ready = _case_at_preparing(store)
        prepare_for_conference(store, store.case_by_reference(ready).id, on=store.today())
        blocked = _case_at_preparing(store)
        override = _case_at_preparing(store)
        case_id = store.case_by_reference(override).id
        prepare_for_conference(store, case_id, on=store.today())
        shiv = next(p for p in store.people(case_id) if p.role is Role.PERSON_HARMED)
        parent = next(c for c in store.consents(case_id) if c.person_id == shiv.id
                      and c.giver_name)
        store.remove_consent(parent.id)
        store.move_case(case_id, Status.READY, override=ReadinessOverride(
            case_id=case_id, overridden_by="Jo Adeyemi", blockers=(),
            reason="Shiv's mum agreed by phone; the signed form is in the post."))
    return {"ready": ready, "blocked": blocked, "override": override}


def test_readiness_of_a_ready_case(
    db_path: Path, references: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["--db", str(db_path), "readiness", references["ready"]], capsys)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(references["ready"]) and "Preparing participants" in lines[0]
    assert lines[1] == "Ready for the conference."
    assert "✗" not in out


def test_readiness_of_a_blocked_case_lists_every_blocker_in_order(
    db_path: Path, references: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["--db", str(db_path), "readiness", references["blocked"]], capsys)
    assert code == 1
    with open_case_file(db_path, TEST_PASSPHRASE, actor="t") as store:
        readiness = store.readiness(store.case_by_reference(references["blocked"]).id)
    lines = out.splitlines()
    count = len(readiness.blockers)
    assert lines[1] == f"Not ready: {count} things to put right:"
    assert lines[2 : 2 + count] == [f"  ✗ {b.message}" for b in readiness.blockers]
    assert "  ✗ Shiv has had no preparation meeting." in lines
    assert "Reminders:" in lines and "  • The conference has no date yet." in lines


def test_readiness_as_json_names_nobody_beyond_the_messages(
    db_path: Path, references: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--db", str(db_path), "readiness", references["blocked"], "--json"]
    code, out, _ = run(argv, capsys)
    assert code == 1
    found = json.loads(out)
    assert set(found) == {
        "reference", "status", "ready", "cleared", "blockers", "override", "reminders"
    }  # fmt: skip
    assert found["reference"] == references["blocked"] and found["status"] == "preparing"
    assert found["ready"] is False and found["cleared"] is False and found["override"] is None
    assert all(set(b) == {"code", "area", "message", "person_id"} for b in found["blockers"])
    assert {"message", "area"} == set(found["reminders"][0])
    assert "Shiv" in out  # the name she is called by, in the messages; never her full name
    assert "Siobhán" not in out and "Ó Briain" not in out


def test_readiness_shows_the_override_a_case_went_ahead_on(
    db_path: Path, references: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["--db", str(db_path), "readiness", references["override"]], capsys)
    assert code == 0  # blocked, but every blocker is covered by the logged override
    assert "Not ready: 1 thing to put right:" in out
    assert "(covered by the override)" in out
    assert "Going ahead on an override by Jo Adeyemi on " in out
    assert "Shiv's mum agreed by phone; the signed form is in the post." in out
    covered = "A parent's or carer's consent for Shiv has not been recorded."
    assert f"  It covered:\n    • {covered}" in out
    code, out, _ = run(
        ["--db", str(db_path), "readiness", references["override"], "--json"], capsys
    )
    found = json.loads(out)
    assert code == 0 and found["cleared"] is True and found["ready"] is False
    assert found["override"]["overridden_by"] == "Jo Adeyemi"
    assert found["override"]["blockers"] == [b["code"] for b in found["blockers"]]


def test_an_override_no_longer_needed_is_shown_as_history(
    db_path: Path, references: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    with open_case_file(db_path, TEST_PASSPHRASE, actor="Jo Adeyemi") as store:
        case_id = store.case_by_reference(references["override"]).id
        shiv = next(p for p in store.people(case_id) if p.role is Role.PERSON_HARMED)
        own = next(c for c in store.consents(case_id) if c.person_id == shiv.id)
        store.add_consent(replace(own, id="", given_by=ConsentGiver.PARENT_CARER,
                                  giver_name="Aoife Ó Briain", note="The signed form arrived."))
    code, out, _ = run(["--db", str(db_path), "readiness", references["override"]], capsys)
    assert code == 0
    assert out.splitlines()[1] == "Ready for the conference."
    assert "An override was logged by Jo Adeyemi on " in out and "Going ahead" not in out


def test_readiness_only_reads(
    db_path: Path, references: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    with open_case_file(db_path, TEST_PASSPHRASE, actor="t", read_only=True) as store:
        before = store.audit.entries(limit=10_000)
    run(["--db", str(db_path), "readiness", references["blocked"]], capsys)
    with open_case_file(db_path, TEST_PASSPHRASE, actor="t", read_only=True) as store:
        assert store.audit.entries(limit=10_000) == before


@pytest.mark.parametrize("argv", [["RD-1999-0001"], ["RD-1999-0001", "--json"], ["nonsense"]])
def test_readiness_of_an_unknown_case_is_one_line(
    argv: list[str], db_path: Path, references: dict[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(["--db", str(db_path), "readiness", *argv], capsys)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("rdesk: ")
    assert "There is no case" in err and "Traceback" not in err


def test_readiness_of_demo_cases(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every demo case that reached "ready" or beyond passes the command's check."""
    run(["--db", str(db_path), "demo", "--cases", "40"], capsys)
    stages = ("ready", "conference-held", "monitoring", "follow-up", "closed")
    later = [word for stage in stages for word in ("--status", stage)]
    code, out, _ = run(["--db", str(db_path), "cases", "--json", *later], capsys)
    references = [c["reference"] for c in json.loads(out)]
    assert references
    for reference in references:
        code, out, _ = run(["--db", str(db_path), "readiness", reference], capsys)
        assert code == 0, out


def test_scripts_list_needs_no_case_file_and_no_passphrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RESTORATIVE_DESK_PASSPHRASE")
    monkeypatch.setattr(sys, "stdin", open(os.devnull))  # noqa: SIM115
    nowhere = tmp_path / "no" / "such" / "case.db"
    code, out, err = run(["--db", str(nowhere), "scripts", "list"], capsys)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == 7
    full = next(line for line in lines if line.startswith("full_conference "))
    assert "v1" in full and "Full restorative conference" in full and "conference" in full
    assert "school, care_home, yos, community" in full
    assert not nowhere.parent.exists()
    code, out, _ = run(["scripts", "list", "--json"], capsys)
    listed = json.loads(out)
    assert code == 0 and {s["kind"] for s in listed} == {
        "conference", "conversation", "circle", "panel", "indirect"
    }  # fmt: skip
    panel = next(s for s in listed if s["key"] == "referral_order_panel")
    assert panel["version"] == 1 and panel["settings"] == ["yos"] and panel["summary"]


def test_scripts_validate_checks_every_shipped_script(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RESTORATIVE_DESK_PASSPHRASE")
    code, out, err = run(["scripts", "validate"], capsys)
    assert (code, out, err) == (0, "7 script(s) are valid.\n", "")


def test_scripts_validate_names_the_file_and_line_of_each_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from restorative_desk.scripts.loading import shipped_folder

    good = tmp_path / "circle.json"
    good.write_text((shipped_folder() / "circle.json").read_text(encoding="utf-8"))
    code, out, _ = run(["scripts", "validate", str(good)], capsys)
    assert code == 0 and out == "1 script(s) are valid.\n"

    broken = tmp_path / "full_conference.json"
    text = (shipped_folder() / "full_conference.json").read_text(encoding="utf-8")
    broken.write_text(text.replace('"version": 1', '"version": "two"'), encoding="utf-8")
    code, out, err = run(["scripts", "validate", str(broken)], capsys)
    assert code == 2 and out == ""
    assert err == f'{broken}, line 4: "version" must be a whole number, 1 or more\n'

    not_json = tmp_path / "bad.json"
    not_json.write_text('{\n  "key": "bad",\n  oops\n}\n', encoding="utf-8")
    code, _, err = run(
        ["scripts", "validate", str(good), str(not_json), str(tmp_path / "gone.json")], capsys
    )
    lines = err.splitlines()
    assert code == 2 and len(lines) == 2 and "Traceback" not in err
    assert lines[0].startswith(f"{not_json}, line 3: ")
    assert lines[1].startswith(f"{tmp_path / 'gone.json'}: cannot be read")


def test_scripts_needs_an_action(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["scripts"], ["scripts", "frobnicate"], ["scripts", "list", "--yaml"]):
        code, _, err = run(argv, capsys)
        assert code == 2 and len(err.strip().splitlines()) == 1 and err.startswith("rdesk: ")
    for argv in (["scripts", "-h"], ["scripts", "list", "-h"], ["scripts", "validate", "-h"]):
        code, out, _ = run(argv, capsys)
        assert code == 0 and "usage: rdesk scripts" in out


def test_scripts_run_as_their_own_process_without_a_passphrase(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "RESTORATIVE_DESK_PASSPHRASE"}
    env["RESTORATIVE_DESK_DB"] = str(tmp_path / "missing" / "case.db")
    done = subprocess.run(
        [sys.executable, "-m", "restorative_desk.cli", "scripts", "validate"],
        capture_output=True, text=True, check=False, env=env, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 0 and done.stdout == "7 script(s) are valid.\n", done.stderr
