"""Encrypted backups: made while the app works, kept as 7 daily and 4 weekly, and restored.

A backup is one file, `restorative-desk-YYYY-MM-DD-HHMMSS.rdbackup`: a zip holding an
encrypted copy of the case file (SQLite's online backup, never a file copy) and its key file,
so it can be opened on another laptop with the passphrase or the recovery key of its day.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..security import keys_path
from .errors import StoreError
from .store import Store

SUFFIX = ".rdbackup"
PREFIX = "restorative-desk-"
DB_MEMBER = "case-file.db"
KEYS_MEMBER = "case-file.db.keys"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
_NAME = re.compile(r"^restorative-desk-(\d{4}-\d{2}-\d{2})-(\d{6})\.rdbackup$")


class BackupError(StoreError):
    """A backup that could not be made or used; the message says what to do."""


@dataclass(frozen=True)
class Backup:
    """A backup file and when it was made."""

    path: Path
    made_at: datetime


def make_backup(store: Store, folder: Path, *, now: datetime) -> Backup:
    """Write a backup of `store` into `folder`; the trail notes it. Returns the new backup."""
    if store.path is None:
        raise BackupError("A demo case file is not backed up.")
    if not folder.is_dir():
        raise BackupError(f"The backup folder {folder} is not there. Is the USB stick plugged in?")
    target = folder / f"{PREFIX}{now:%Y-%m-%d-%H%M%S}{SUFFIX}"
    if target.exists():
        raise BackupError(f"A backup called {target.name} is already there.")
    try:
        with tempfile.TemporaryDirectory(dir=folder, prefix=".rd-backup-") as scratch:
            copy = Path(scratch) / DB_MEMBER
            store.copy_to(copy)
            partial = Path(scratch) / "partial.zip"
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as archive:
                archive.write(copy, DB_MEMBER)
                archive.write(keys_path(store.path), KEYS_MEMBER)
            _fsync(partial)
            os.replace(partial, target)
    except OSError as error:
        raise BackupError(
            f"The backup could not be written to {folder}: {error.strerror}"
        ) from error
    from .audit import AuditAction

    store.record_event(AuditAction.BACKUP, detail=target.name)
    return Backup(target, now)


def backups_in(folder: Path) -> list[Backup]:
    """The backups in `folder`, newest first (other files are left alone)."""
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            made = made_at(path)
            if made is not None:
                found.append(Backup(path, made))
    return sorted(found, key=lambda b: b.made_at, reverse=True)


def made_at(backup: Path) -> datetime | None:
    """When a backup was made (local time), read from its name; None for other names."""
    match = _NAME.match(backup.name)
    if match is None:
        return None
    return datetime.strptime(f"{match[1]} {match[2]}", "%Y-%m-%d %H%M%S")


def backups_to_keep(backups: Iterable[Backup]) -> set[Path]:
    """The newest backup of each of the last 7 days that have one, and of the last 4 weeks."""
    keep: set[Path] = set()
    days: list[date] = []
    weeks: list[tuple[int, int]] = []
    for backup in sorted(backups, key=lambda b: b.made_at, reverse=True):
        day = backup.made_at.date()
        week = day.isocalendar()[:2]
        if day not in days and len(days) < KEEP_DAILY:
            days.append(day)
            keep.add(backup.path)
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.append(week)
            keep.add(backup.path)
    return keep


def prune_backups(folder: Path) -> list[Path]:
    """Delete the backups the 7 daily / 4 weekly rule no longer keeps; returns what went."""
    backups = backups_in(folder)
    keep = backups_to_keep(backups)
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def backup_due(folder: Path, today: date) -> bool:
    """Whether today has no backup yet (the first unlock of each day makes one)."""
    return not any(b.made_at.date() == today for b in backups_in(folder))


def unpack_backup(backup: Path, destination_db: Path) -> None:
    """Unpack a backup's case file and key file beside each other as `destination_db`.

    The caller opens the result with its passphrase or recovery key to check it, before it
    replaces anything.
    """
    try:
        with zipfile.ZipFile(backup) as archive:
            names = set(archive.namelist())
            if not {DB_MEMBER, KEYS_MEMBER} <= names:
                raise BackupError(f"{backup.name} is not a Restorative Desk backup.")
            for member, target in (
                (DB_MEMBER, destination_db),
                (KEYS_MEMBER, keys_path(destination_db)),
            ):
                with archive.open(member) as source, target.open("xb") as sink:
                    shutil.copyfileobj(source, sink)
    except zipfile.BadZipFile as error:
        raise BackupError(f"{backup.name} is damaged and cannot be used.") from error
    except FileNotFoundError as error:
        raise BackupError(f"There is no backup at {backup}.") from error


def aside_path(db_path: Path, now: datetime) -> Path:
    """Where replace_case_file keeps the current case file when a backup replaces it at `now`."""
    return db_path.with_name(f"{db_path.name}.before-restore-{now:%Y%m%d-%H%M%S}")


def replace_case_file(restored_db: Path, db_path: Path, *, now: datetime) -> Path | None:
    """Put a checked, restored case file in place of the current one.

    The current file (and its key file) is kept beside it as `…before-restore-<time>` so
    nothing is lost if the wrong backup was chosen. Returns where it was kept, if anywhere.
    """
    kept: Path | None = None
    if db_path.exists():
        kept = aside_path(db_path, now)
        os.replace(db_path, kept)
        if keys_path(db_path).exists():
            os.replace(keys_path(db_path), keys_path(kept))
        for suffix in ("-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    os.replace(keys_path(restored_db), keys_path(db_path))
    os.replace(restored_db, db_path)
    return kept


def _fsync(path: Path) -> None:
    with path.open("rb") as file:
        os.fsync(file.fileno())
