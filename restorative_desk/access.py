"""Opening a case file: the vault gives the key, the store opens with it, the trail notes it.

Encryption is not optional: every case file on disk is a SQLCipher database whose key is kept
only in its vault (wrapped under the passphrase and under the recovery key).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .security import (
    KdfParams,
    VaultError,
    create_vault,
    keys_path,
    passphrase_problems,
    unlock,
    unlock_with_recovery,
)
from .security.vault import reset_with_recovery
from .store import Store, StoreError
from .store.audit import AuditAction


class PassphraseRefused(VaultError):
    """A new passphrase that does not meet the policy; the message says why."""


@dataclass(frozen=True)
class NewCaseFile:
    """A freshly made case file, open, and the recovery key to show the user once."""

    store: Store
    recovery_key: str


def case_file_exists(db_path: Path) -> bool:
    """Whether there is a case file (or its key file) at this place already."""
    return db_path.exists() or keys_path(db_path).exists()


def create_case_file(
    db_path: Path, passphrase: str, *, actor: str, params: KdfParams | None = None
) -> NewCaseFile:
    """Make a new encrypted case file; nothing is written before the passphrase is accepted."""
    problems = passphrase_problems(passphrase)
    if problems:
        raise PassphraseRefused(" ".join(problems))
    if case_file_exists(db_path):
        raise StoreError(f"There is already a case file at {db_path}.")
    key, recovery = create_vault(db_path, passphrase, params=params)
    try:
        store = Store.open(db_path, key=key, actor=actor)
    except BaseException:
        keys_path(db_path).unlink(missing_ok=True)
        raise
    store.record_event(AuditAction.CREATE, record_type="case file")
    return NewCaseFile(store, recovery)


def open_case_file(
    db_path: Path, passphrase: str, *, actor: str, read_only: bool = False
) -> Store:
    """Unlock the vault with the passphrase and open the store; the unlock goes in the trail."""
    unlocked = unlock(db_path, passphrase)
    return _opened(db_path, unlocked.key, unlocked.failed_attempts_before, actor, read_only)


def open_with_recovery_key(
    db_path: Path, recovery_key: str, *, actor: str, new_passphrase: str | None = None
) -> Store:
    """Open with the recovery key (for a forgotten passphrase, setting a new one at once)."""
    if new_passphrase is None:
        unlocked = unlock_with_recovery(db_path, recovery_key)
    else:
        problems = passphrase_problems(new_passphrase)
        if problems:
            raise PassphraseRefused(" ".join(problems))
        unlocked = reset_with_recovery(db_path, recovery_key, new_passphrase)
    store = _opened(db_path, unlocked.key, unlocked.failed_attempts_before, actor, False)
    store.record_event(AuditAction.UPDATE, record_type="passphrase", detail="recovery key used")
    return store


def demo_store(actor: str) -> Store:
    """A throwaway case file held only in memory (never written to disk)."""
    return Store.open(None, key=os.urandom(32), actor=actor)


def _opened(
    db_path: Path, key: bytes, failures: int, actor: str, read_only: bool
) -> Store:
    store = Store.open(db_path, key=key, actor=actor, read_only=read_only)
    if failures and not read_only:
        store.record_event(
            AuditAction.FAILED_UNLOCK, detail=f"{failures} failed attempt(s) before this unlock"
        )
    if not read_only:
        store.record_event(AuditAction.UNLOCK)
    return store
