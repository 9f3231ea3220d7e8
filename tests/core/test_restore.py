"""Restoring in two steps: check a backup beside the case file, then put it in place."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from restorative_desk.access import create_case_file, open_case_file
from restorative_desk.demo import fill_demo
from restorative_desk.records import CaseFilter
from restorative_desk.security import keys_path
from restorative_desk.store.audit import AuditAction
from restorative_desk.store.backup import BackupError, aside_path, make_backup
from restorative_desk.store.restore import (
    SCRATCH_PREFIX,
    WrongBackupPassphrase,
    check_backup,
    put_backup_in_place,
)
from tests.conftest import TEST_PASSPHRASE

MADE = datetime(2026, 11, 20, 9, 30, 0)
RESTORED = datetime(2026, 11, 26, 14, 5, 0)


@pytest.fixture
def backup(db_path: Path, tmp_path: Path) -> Path:
    """A backup of a case file with eight fictional cases."""
    folder = tmp_path / "usb"
    folder.mkdir()
    with create_case_file(db_path, TEST_PASSPHRASE, actor="Sam").store as store:
        fill_demo(store, 8, people=False)
        return make_backup(store, folder, now=MADE).path


def scratch_folders(db_path: Path) -> list[Path]:
    return list(db_path.parent.glob(f"{SCRATCH_PREFIX}*"))


def test_a_checked_backup_replaces_the_case_file_and_the_old_one_is_kept(
    db_path: Path, backup: Path
) -> None:
    with open_case_file(db_path, TEST_PASSPHRASE, actor="Sam") as store:
        store.erase_case(store.case_rows(CaseFilter())[0].id)

    checked = check_backup(backup, db_path, TEST_PASSPHRASE, actor="Sam")
    assert checked.case_count == 8 and checked.made_at == MADE
    assert checked.restored_db.parent.parent == db_path.parent  # beside, so replacing is a rename

    kept = put_backup_in_place(checked, db_path, now=RESTORED)
    assert kept == aside_path(db_path, RESTORED) and kept.exists() and keys_path(kept).exists()
    assert scratch_folders(db_path) == []
    with open_case_file(db_path, TEST_PASSPHRASE, actor="Sam") as store:
        assert store.count_cases() == 8
        (entry,) = store.audit.entries(actions=[AuditAction.RESTORE])
        assert entry.detail == backup.name and entry.actor == "Sam"
        assert store.audit.verify().ok


def test_a_wrong_passphrase_changes_nothing_and_leaves_nothing(db_path: Path, backup: Path) -> None:
    before = db_path.read_bytes()
    with pytest.raises(WrongBackupPassphrase, match="doesn't open"):
        check_backup(backup, db_path, "not the passphrase", actor="Sam")
    assert db_path.read_bytes() == before and scratch_folders(db_path) == []


def test_a_damaged_or_foreign_file_is_refused_in_words(
    db_path: Path, backup: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.rdbackup"
    broken.write_bytes(b"not a zip at all")
    other = tmp_path / "other.rdbackup"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("photo.jpg", b"...")
    for path, words in (
        (broken, "damaged"),
        (other, "not a Restorative Desk backup"),
        (tmp_path / "missing.rdbackup", "There is no backup"),
    ):
        with pytest.raises(BackupError, match=words):
            check_backup(path, db_path, TEST_PASSPHRASE, actor="Sam")
    assert scratch_folders(db_path) == []


def test_a_backup_with_a_broken_trail_is_refused(db_path: Path, backup: Path) -> None:
    with zipfile.ZipFile(backup) as archive:
        archive.extractall(db_path.parent / "unpacked")
    unpacked = db_path.parent / "unpacked" / "case-file.db"
    with open_case_file(unpacked, TEST_PASSPHRASE, actor="t") as store:
        store._conn.execute("DELETE FROM audit_log WHERE seq = 2")
    tampered = db_path.parent / "tampered.rdbackup"
    with zipfile.ZipFile(tampered, "w") as archive:
        archive.write(unpacked, "case-file.db")
        archive.write(keys_path(unpacked), "case-file.db.keys")
    with pytest.raises(BackupError, match="did not pass its checks"):
        check_backup(tampered, db_path, TEST_PASSPHRASE, actor="Sam")
    assert scratch_folders(db_path) == []


def test_discarding_a_checked_backup_leaves_the_case_file_alone(
    db_path: Path, backup: Path
) -> None:
    before = db_path.read_bytes()
    checked = check_backup(backup, db_path, TEST_PASSPHRASE, actor="Sam")
    checked.discard()
    checked.discard()
    assert db_path.read_bytes() == before and scratch_folders(db_path) == []
