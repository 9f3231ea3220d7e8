"""Restoring a backup in two steps, so an app can close its open case file in between.

`check_backup` unpacks a backup into a scratch folder beside the case file, opens it with the
backup's passphrase and checks it (encrypted pages, structure, audit trail), noting the restore
in its trail. Nothing the user has is touched. `put_backup_in_place` then swaps the checked copy
in, keeping the current case file aside. The caller closes its own store between the two.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..security import TooManyAttempts, VaultError, WrongPassphrase, unlock
from .audit import AuditAction
from .backup import BackupError, made_at, replace_case_file, unpack_backup
from .errors import StoreError
from .store import Store

SCRATCH_PREFIX = ".rd-restore-"


class WrongBackupPassphrase(BackupError):
    """The passphrase typed does not open the backup; the user may try again."""


@dataclass(frozen=True)
class CheckedBackup:
    """A backup unpacked beside the case file and checked; ready to put in place.

    Call `discard()` when it is not used (put_backup_in_place cleans up after itself).
    """

    backup: Path
    restored_db: Path
    case_count: int
    made_at: datetime | None

    @property
    def scratch(self) -> Path:
        """The scratch folder holding the unpacked copy."""
        return self.restored_db.parent

    def discard(self) -> None:
        """Delete the unpacked copy (safe to call more than once)."""
        shutil.rmtree(self.scratch, ignore_errors=True)


def check_backup(backup: Path, db_path: Path, passphrase: str, *, actor: str) -> CheckedBackup:
    """Unpack `backup` beside `db_path`, open it with `passphrase` and check it.

    Raises WrongBackupPassphrase for a passphrase that does not open it and BackupError (with a
    message for the user) for anything else; nothing is left behind either way.
    """
    folder = db_path.parent
    if not folder.is_dir():
        raise BackupError(f"The folder {folder} for the case file is not there.")
    if not backup.is_file():
        raise BackupError(f"There is no backup at {backup}.")
    try:
        scratch = Path(tempfile.mkdtemp(dir=folder, prefix=SCRATCH_PREFIX))
    except OSError as error:
        raise BackupError(
            f"The backup could not be unpacked in {folder}: {error.strerror}"
        ) from error
    restored = scratch / db_path.name
    try:
        unpack_backup(backup, restored)
        count = _check(backup, restored, passphrase, actor)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return CheckedBackup(backup, restored, count, made_at(backup))


def put_backup_in_place(checked: CheckedBackup, db_path: Path, *, now: datetime) -> Path | None:
    """Replace the (closed) case file at `db_path` with the checked backup.

    The current case file is kept beside it (see backup.aside_path); returns where, if anywhere.
    """
    try:
        return replace_case_file(checked.restored_db, db_path, now=now)
    except OSError as error:
        raise BackupError(
            f"The backup could not be put in place: {error.strerror}. The case file you had "
            "is unchanged."
        ) from error
    finally:
        checked.discard()


def _check(backup: Path, restored: Path, passphrase: str, actor: str) -> int:
    try:
        key = unlock(restored, passphrase).key
    except WrongPassphrase as error:
        raise WrongBackupPassphrase(
            f"That passphrase doesn't open {backup.name}. A backup opens with the passphrase "
            "that was in use on the day it was made."
        ) from error
    except TooManyAttempts as error:
        raise BackupError(str(error)) from error
    except VaultError as error:
        raise BackupError(f"{backup.name} is damaged and cannot be used.") from error
    try:
        store = Store.open(restored, key=key, actor=actor)
    except StoreError as error:
        raise BackupError(f"{backup.name} is damaged and cannot be used.") from error
    with store:
        if store.integrity_problems() or not store.audit.verify().ok:
            raise BackupError(f"{backup.name} did not pass its checks; nothing was changed.")
        count = store.count_cases()
        store.record_event(AuditAction.RESTORE, detail=backup.name)
    return count
