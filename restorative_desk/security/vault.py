"""The key vault: the database key, wrapped by a passphrase and by a recovery key, beside the db.

The case file is encrypted with a random 256-bit key that never touches disk in the clear. The
sidecar `<db>.keys` (JSON) holds that key twice, each copy sealed with AES-256-GCM:

- under a key derived from the passphrase with Argon2id (parameters stored, so they can rise);
- under a key derived from the recovery key with HKDF-SHA256 (the recovery key is 256 random
  bits, so a slow KDF would add nothing).

AES-GCM's tag is the only check: a wrong passphrase and a tampered wrapping look the same
(`WrongPassphrase`), and nothing in the file lets an attacker test a guess more cheaply than a
full Argon2id run. Failed tries are counted in the file so that restarting the app does not
reset the wait; this only slows people at the keyboard. Someone who copies the file can guess
offline, and only the passphrase's strength and Argon2id's cost stand in their way.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import math
import os
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..formatting import format_wait

FORMAT = 1
KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
WRAPPED_BYTES = KEY_BYTES + 16  # ciphertext plus the GCM tag
PASSPHRASE_AAD = b"restorative-desk:passphrase:v1"
RECOVERY_AAD = b"restorative-desk:recovery:v1"
RECOVERY_INFO = b"restorative-desk:recovery:v1"

FREE_ATTEMPTS = 5
MAX_WAIT_SECONDS = 15 * 60

CALIBRATION_TOLERANCE = 0.15
CALIBRATION_BUDGET_SECONDS = 3.0  # a measurement is started only if it should end in time
CALIBRATION_START_MEMORY_KIB = 64 * 1024
# Beyond this a modest school laptop may swap, which slows the user more than an attacker.
CALIBRATION_MAX_MEMORY_KIB = 256 * 1024
CALIBRATION_MIN_MEMORY_KIB = 19 * 1024  # OWASP's floor for Argon2id with time_cost 2

# Checked when reading, so an edited file cannot make unlocking eat all memory or hang.
_MAX_TIME_COST = 64
_MAX_MEMORY_KIB = 2 * 1024 * 1024
_MAX_PARALLELISM = 16
_MAX_FILE_BYTES = 64 * 1024

# A recovery key is 32 random bytes and a 3-byte SHA-256 checksum: 35 bytes are exactly 56
# base32 characters (no padding), shown as 14 groups of 4.
RECOVERY_CHECKSUM_BYTES = 3
RECOVERY_CHARACTERS = 56
RECOVERY_GROUP = 4
_BASE32_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})
_SEPARATORS = frozenset(" \t\r\n-\u2010\u2011\u2012\u2013\u2014\u2212\u00a0")


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: passes over memory, memory in KiB, and lanes."""

    time_cost: int
    memory_cost_kib: int
    parallelism: int

    def __post_init__(self) -> None:
        if self.time_cost < 1 or self.parallelism < 1:
            raise ValueError("time_cost and parallelism must be at least 1")
        if self.memory_cost_kib < 8 * self.parallelism:
            raise ValueError("Argon2 needs at least 8 KiB of memory per lane")


FAST_TEST_PARAMS = KdfParams(time_cost=1, memory_cost_kib=8 * 1024, parallelism=1)


@dataclass(frozen=True)
class Unlocked:
    """An opened vault: the database key, and how many tries failed since the last success.

    The store writes "N failed unlock attempts" into its audit trail, because failures cannot be
    recorded inside the database they failed to open.
    """

    key: bytes = field(repr=False)
    failed_attempts_before: int


class VaultError(Exception):
    """A key-file problem; `str(error)` is a plain sentence for the user."""


class WrongPassphrase(VaultError):
    """The passphrase does not open the key file (or the wrapping was tampered with)."""

    def __init__(self, message: str, *, tries_before_waiting: int, wait_seconds: float) -> None:
        super().__init__(message)
        self.tries_before_waiting = tries_before_waiting
        self.wait_seconds = wait_seconds


class WrongRecoveryKey(VaultError):
    """A well-formed recovery key that is not this file's."""

    def __init__(self, message: str, *, tries_before_waiting: int, wait_seconds: float) -> None:
        super().__init__(message)
        self.tries_before_waiting = tries_before_waiting
        self.wait_seconds = wait_seconds


class RecoveryKeyTypo(VaultError):
    """The recovery key text is mistyped: bad characters, wrong length or a failed checksum."""


class TooManyAttempts(VaultError):
    """Too many failed tries; the next one is allowed after `wait_seconds`."""

    def __init__(self, wait_seconds: float) -> None:
        super().__init__(
            f"Too many tries. Please wait {format_wait(wait_seconds)} before trying again."
        )
        self.wait_seconds = wait_seconds


class KeyFileMissing(VaultError):
    """The `.keys` file beside the database is not there."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The key file {path} is missing. It must sit next to the case file it opens; "
            "restore it from the same backup as the case file."
        )
        self.path = path


class KeyFileDamaged(VaultError):
    """The `.keys` file cannot be read or is not a valid key file."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"The key file {path} is damaged ({reason}). Restore it from the same backup as "
            "the case file."
        )
        self.path = path


class KeyFileExists(VaultError):
    """A new vault would overwrite the key file of an existing case file."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"There is already a key file at {path}. Restorative Desk won't replace it, "
            "because the case file next to it could never be opened again."
        )
        self.path = path


# --- the public operations ---------------------------------------------------------------------


def keys_path(db_path: Path) -> Path:
    """Where the key file of `db_path` lives: beside it, named `<db file name>.keys`."""
    return db_path.with_name(db_path.name + ".keys")


def create_vault(
    db_path: Path,
    passphrase: str,
    *,
    params: KdfParams | None = None,
    now: datetime | None = None,
) -> tuple[bytes, str]:
    """Make a new database key and its key file; return the key and the recovery key text.

    The recovery key text is shown to the user once and never stored. `params` defaults to
    `calibrate()`. Checking the passphrase against the policy is the caller's job
    (`passphrase_problems`).
    """
    path = keys_path(db_path)
    if path.exists():
        raise KeyFileExists(path)
    params = params or calibrate()
    db_key = os.urandom(KEY_BYTES)
    recovery_key = os.urandom(KEY_BYTES)
    stamp = _utc(now)
    key_file = _KeyFile(
        params=params,
        by_passphrase=_wrap_by_passphrase(db_key, passphrase, params),
        by_recovery=_wrap_by_recovery(db_key, recovery_key),
        failure_count=0,
        last_failed_at=None,
        created_at=stamp,
    )
    _save(path, key_file)
    return db_key, format_recovery_key(recovery_key)


def unlock(db_path: Path, passphrase: str, *, now: datetime | None = None) -> Unlocked:
    """Open the vault with the passphrase; failures are counted and throttled."""
    path = keys_path(db_path)
    key_file = _load(path)
    _refuse_while_waiting(key_file, now)
    wrapping_key = _derive_from_passphrase(passphrase, key_file.params, key_file.by_passphrase.salt)
    db_key = _unwrap(key_file.by_passphrase, wrapping_key, PASSPHRASE_AAD)
    if db_key is None:
        failed = _record_failure(path, key_file, now)
        raise WrongPassphrase(
            "That passphrase doesn't open this case file." + _after_failure_hint(failed),
            tries_before_waiting=max(FREE_ATTEMPTS - failed.failure_count, 0),
            wait_seconds=_delay_after(failed.failure_count),
        )
    return _succeed(path, key_file, db_key)


def unlock_with_recovery(
    db_path: Path, recovery_key: str, *, now: datetime | None = None
) -> Unlocked:
    """Open the vault with the recovery key; a typo is reported before any try is counted."""
    recovery_bytes = parse_recovery_key(recovery_key)
    path = keys_path(db_path)
    key_file = _load(path)
    _refuse_while_waiting(key_file, now)
    wrapping_key = _derive_from_recovery_key(recovery_bytes, key_file.by_recovery.salt)
    db_key = _unwrap(key_file.by_recovery, wrapping_key, RECOVERY_AAD)
    if db_key is None:
        failed = _record_failure(path, key_file, now)
        raise WrongRecoveryKey(
            "That recovery key doesn't open this case file. Check it belongs to this case file."
            + _after_failure_hint(failed),
            tries_before_waiting=max(FREE_ATTEMPTS - failed.failure_count, 0),
            wait_seconds=_delay_after(failed.failure_count),
        )
    return _succeed(path, key_file, db_key)


def change_passphrase(
    db_path: Path, db_key: bytes, new_passphrase: str, *, params: KdfParams | None = None
) -> None:
    """Re-wrap the (open) database key under a new passphrase; the database is not touched.

    `params` defaults to the parameters already in the file; pass `calibrate()` to raise them.
    The caller must pass the key the database is open with: it cannot be checked here.
    """
    if len(db_key) != KEY_BYTES:
        raise ValueError("a database key is 32 bytes")
    path = keys_path(db_path)
    key_file = _load(path)
    params = params or key_file.params
    by_passphrase = _wrap_by_passphrase(db_key, new_passphrase, params)
    _save(path, replace(key_file, params=params, by_passphrase=by_passphrase))


def reset_with_recovery(
    db_path: Path,
    recovery_key: str,
    new_passphrase: str,
    *,
    params: KdfParams | None = None,
    now: datetime | None = None,
) -> Unlocked:
    """For a forgotten passphrase: open with the recovery key and set a new passphrase."""
    unlocked = unlock_with_recovery(db_path, recovery_key, now=now)
    change_passphrase(db_path, unlocked.key, new_passphrase, params=params)
    return unlocked


def failed_attempts(db_path: Path) -> int:
    """How many tries have failed since the last success."""
    return _load(keys_path(db_path)).failure_count


def wait_before_next_try(db_path: Path, *, now: datetime | None = None) -> float:
    """Seconds until the next try is allowed; 0 when it is allowed now."""
    return _remaining_wait(_load(keys_path(db_path)), _utc(now))


def copy_keys(db_path: Path, destination_db_path: Path) -> None:
    """Copy the key file of `db_path` beside `destination_db_path` (for backups and restores).

    The destination's key file is replaced: a restored case file needs the keys it was made with.
    """
    key_file = _load(keys_path(db_path))  # refuse to spread a damaged file
    _save(keys_path(destination_db_path), key_file)


def calibrate(target_seconds: float = 0.7) -> KdfParams:
    """Argon2id parameters that take about `target_seconds` on this machine (two lanes).

    Memory is spent first (it is what makes guessing on graphics cards costly), up to 256 MiB;
    then passes are added. Measuring takes one to three seconds.
    """
    started = time.perf_counter()
    probe = KdfParams(1, CALIBRATION_START_MEMORY_KIB, 2)
    params = _scaled(probe, target_seconds / _time_kdf(probe))
    # A one-pass probe is dominated by allocating memory, so aim again from real runs until one
    # lands near the target (or the time budget is spent).
    while time.perf_counter() - started + target_seconds < CALIBRATION_BUDGET_SECONDS:
        took = _time_kdf(params)
        if abs(took - target_seconds) <= CALIBRATION_TOLERANCE * target_seconds:
            break
        params = _scaled(params, target_seconds / took)
    return params


def _scaled(params: KdfParams, factor: float) -> KdfParams:
    """Parameters doing `factor` times the work: as much memory as allowed, then more passes."""
    work = params.time_cost * params.memory_cost_kib * factor
    passes = max(1, math.ceil(work / CALIBRATION_MAX_MEMORY_KIB))
    memory = round(work / passes / 1024) * 1024  # whole MiB read better in the file
    memory = min(max(memory, CALIBRATION_MIN_MEMORY_KIB), CALIBRATION_MAX_MEMORY_KIB)
    return KdfParams(passes, memory, params.parallelism)


# --- recovery key text -------------------------------------------------------------------------


def format_recovery_key(recovery_key: bytes) -> str:
    """The recovery key as the user sees it: 14 groups of 4 base32 characters."""
    checksum = hashlib.sha256(recovery_key).digest()[:RECOVERY_CHECKSUM_BYTES]
    text = base64.b32encode(recovery_key + checksum).decode("ascii")
    return "-".join(text[i : i + RECOVERY_GROUP] for i in range(0, len(text), RECOVERY_GROUP))


def parse_recovery_key(text: str) -> bytes:
    """The 32 key bytes from typed text; forgiving about case, spaces, hyphens and lookalikes.

    Raises `RecoveryKeyTypo` with a sentence saying what is wrong.
    """
    cleaned = "".join(c for c in text if c not in _SEPARATORS).upper().translate(_LOOKALIKES)
    strangers = sorted({c for c in cleaned if c not in _BASE32_ALPHABET})
    if strangers:
        shown = ", ".join(f"“{c}”" for c in strangers)
        raise RecoveryKeyTypo(
            f"A recovery key uses only the letters A to Z and the digits 2 to 7, so {shown} "
            "must be a typo. Please check it against your printed copy."
        )
    if len(cleaned) != RECOVERY_CHARACTERS:
        raise RecoveryKeyTypo(
            f"A recovery key has {RECOVERY_CHARACTERS} characters in "
            f"{RECOVERY_CHARACTERS // RECOVERY_GROUP} groups of {RECOVERY_GROUP}; this one has "
            f"{len(cleaned)}. Please check it against your printed copy."
        )
    decoded = base64.b32decode(cleaned)
    key, checksum = decoded[:KEY_BYTES], decoded[KEY_BYTES:]
    if hashlib.sha256(key).digest()[:RECOVERY_CHECKSUM_BYTES] != checksum:
        raise RecoveryKeyTypo(
            "That recovery key has a typo somewhere. Please check each group against your "
            "printed copy."
        )
    return key


# --- wrapping ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Wrapped:
    salt: bytes
    nonce: bytes
    ciphertext: bytes = field(repr=False)


def _derive_from_passphrase(passphrase: str, params: KdfParams, salt: bytes) -> bytes:
    # NFC so that "Zoë" typed as one code point or as e + combining diaeresis is the same secret;
    # surrogatepass so that no string, however odd, can crash the derivation.
    from argon2.low_level import Type, hash_secret_raw  # crypto loads when first needed

    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8", "surrogatepass")
    return hash_secret_raw(
        secret,
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _derive_from_recovery_key(recovery_key: bytes, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=RECOVERY_INFO)
    return hkdf.derive(recovery_key)


def _wrap_by_passphrase(db_key: bytes, passphrase: str, params: KdfParams) -> _Wrapped:
    salt = os.urandom(SALT_BYTES)
    return _wrap(db_key, _derive_from_passphrase(passphrase, params, salt), salt, PASSPHRASE_AAD)


def _wrap_by_recovery(db_key: bytes, recovery_key: bytes) -> _Wrapped:
    salt = os.urandom(SALT_BYTES)
    return _wrap(db_key, _derive_from_recovery_key(recovery_key, salt), salt, RECOVERY_AAD)


def _wrap(db_key: bytes, wrapping_key: bytes, salt: bytes, aad: bytes) -> _Wrapped:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    return _Wrapped(salt, nonce, AESGCM(wrapping_key).encrypt(nonce, db_key, aad))


def _unwrap(wrapped: _Wrapped, wrapping_key: bytes, aad: bytes) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(wrapping_key).decrypt(wrapped.nonce, wrapped.ciphertext, aad)
    except InvalidTag:
        return None


def _time_kdf(params: KdfParams) -> float:
    started = time.perf_counter()
    _derive_from_passphrase("calibration", params, os.urandom(SALT_BYTES))
    return time.perf_counter() - started


# --- throttling --------------------------------------------------------------------------------


def _delay_after(failure_count: int) -> float:
    """The wait owed after `failure_count` failures: none for the first five, then 2, 4, 8 s…"""
    if failure_count < FREE_ATTEMPTS:
        return 0.0
    doublings = min(failure_count - FREE_ATTEMPTS + 1, 20)  # 2**20 s is far past the cap
    return float(min(2**doublings, MAX_WAIT_SECONDS))


def _remaining_wait(key_file: _KeyFile, now: datetime) -> float:
    delay = _delay_after(key_file.failure_count)
    if delay == 0 or key_file.last_failed_at is None:
        return 0.0
    elapsed = (now - key_file.last_failed_at).total_seconds()
    # A clock set back must not stretch the wait beyond the delay itself.
    return min(max(delay - elapsed, 0.0), delay)


def _refuse_while_waiting(key_file: _KeyFile, now: datetime | None) -> None:
    wait = _remaining_wait(key_file, _utc(now))
    if wait > 0:
        raise TooManyAttempts(wait)


def _record_failure(path: Path, key_file: _KeyFile, now: datetime | None) -> _KeyFile:
    # Stamped after the KDF ran, so the wait starts when the user sees the answer.
    failed = replace(key_file, failure_count=key_file.failure_count + 1, last_failed_at=_utc(now))
    # Best effort: on read-only media the count cannot grow, but the user must still be told
    # the passphrase was wrong rather than see a disk error.
    with contextlib.suppress(VaultError):
        _save(path, failed)
    return failed


def _succeed(path: Path, key_file: _KeyFile, db_key: bytes) -> Unlocked:
    if key_file.failure_count:
        with contextlib.suppress(VaultError):
            _save(path, replace(key_file, failure_count=0, last_failed_at=None))
    return Unlocked(key=db_key, failed_attempts_before=key_file.failure_count)


def _after_failure_hint(failed: _KeyFile) -> str:
    left = FREE_ATTEMPTS - failed.failure_count
    if left > 0:
        times = "time" if left == 1 else "times"
        return f" You can try {left} more {times} before you'll need to wait."
    return f" Please wait {format_wait(_delay_after(failed.failure_count))} before trying again."


def _utc(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("times given to the vault must be timezone-aware")
    return now.astimezone(UTC)


# --- the key file ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _KeyFile:
    params: KdfParams
    by_passphrase: _Wrapped
    by_recovery: _Wrapped
    failure_count: int
    last_failed_at: datetime | None
    created_at: datetime


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _to_json(key_file: _KeyFile) -> dict[str, Any]:
    params = key_file.params
    return {
        "format": FORMAT,
        "kdf": {
            "name": "argon2id",
            "time_cost": params.time_cost,
            "memory_cost_kib": params.memory_cost_kib,
            "parallelism": params.parallelism,
            "salt": _b64(key_file.by_passphrase.salt),
        },
        "by_passphrase": {
            "nonce": _b64(key_file.by_passphrase.nonce),
            "ciphertext": _b64(key_file.by_passphrase.ciphertext),
        },
        "by_recovery": {
            "salt": _b64(key_file.by_recovery.salt),
            "nonce": _b64(key_file.by_recovery.nonce),
            "ciphertext": _b64(key_file.by_recovery.ciphertext),
        },
        "failures": {
            "count": key_file.failure_count,
            "last_failed_at": (
                None if key_file.last_failed_at is None else key_file.last_failed_at.isoformat()
            ),
        },
        "created_at": key_file.created_at.isoformat(),
    }


class _Damaged(Exception):
    """Raised while parsing; turned into KeyFileDamaged with the path."""


def _load(path: Path) -> _KeyFile:
    try:
        with path.open("rb") as handle:
            raw = handle.read(_MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise KeyFileMissing(path) from None
    except OSError as error:
        raise KeyFileDamaged(path, f"it could not be read: {error.strerror}") from None
    if len(raw) > _MAX_FILE_BYTES:
        raise KeyFileDamaged(path, "it is far too large")
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise KeyFileDamaged(path, "it is not valid JSON") from None
    try:
        return _from_json(document)
    except _Damaged as error:
        raise KeyFileDamaged(path, str(error)) from None


def _from_json(document: object) -> _KeyFile:
    root = _object(document, "the file")
    version = root.get("format")
    if version != FORMAT:
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT:
            raise _Damaged("it was written by a newer version of Restorative Desk")
        raise _Damaged("its format is not recognised")
    kdf = _object(root.get("kdf"), "kdf")
    if kdf.get("name") != "argon2id":
        raise _Damaged("its key derivation is not argon2id")
    time_cost = _int(kdf.get("time_cost"), "kdf.time_cost", 1, _MAX_TIME_COST)
    parallelism = _int(kdf.get("parallelism"), "kdf.parallelism", 1, _MAX_PARALLELISM)
    memory = _int(
        kdf.get("memory_cost_kib"), "kdf.memory_cost_kib", 8 * parallelism, _MAX_MEMORY_KIB
    )
    by_passphrase = _object(root.get("by_passphrase"), "by_passphrase")
    by_recovery = _object(root.get("by_recovery"), "by_recovery")
    failures = _object(root.get("failures"), "failures")
    last_failed = failures.get("last_failed_at")
    return _KeyFile(
        params=KdfParams(time_cost, memory, parallelism),
        by_passphrase=_Wrapped(
            salt=_bytes(kdf.get("salt"), "kdf.salt", SALT_BYTES),
            nonce=_bytes(by_passphrase.get("nonce"), "by_passphrase.nonce", NONCE_BYTES),
            ciphertext=_bytes(
                by_passphrase.get("ciphertext"), "by_passphrase.ciphertext", WRAPPED_BYTES
            ),
        ),
        by_recovery=_Wrapped(
            salt=_bytes(by_recovery.get("salt"), "by_recovery.salt", SALT_BYTES),
            nonce=_bytes(by_recovery.get("nonce"), "by_recovery.nonce", NONCE_BYTES),
            ciphertext=_bytes(
                by_recovery.get("ciphertext"), "by_recovery.ciphertext", WRAPPED_BYTES
            ),
        ),
        failure_count=_int(failures.get("count"), "failures.count", 0, 10**9),
        last_failed_at=None if last_failed is None else _time(last_failed, "last_failed_at"),
        created_at=_time(root.get("created_at"), "created_at"),
    )


def _object(value: object, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Damaged(f"{name} is missing or not an object")
    return value


def _int(value: object, name: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise _Damaged(f"{name} is missing or out of range")
    return value


def _bytes(value: object, name: str, length: int) -> bytes:
    if not isinstance(value, str):
        raise _Damaged(f"{name} is missing")
    try:
        decoded = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise _Damaged(f"{name} is not base64") from None
    if len(decoded) != length:
        raise _Damaged(f"{name} has the wrong length")
    return decoded


def _time(value: object, name: str) -> datetime:
    if not isinstance(value, str):
        raise _Damaged(f"{name} is missing")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _Damaged(f"{name} is not a date and time") from None
    if parsed.tzinfo is None:
        raise _Damaged(f"{name} has no time zone")
    return parsed.astimezone(UTC)


def _save(path: Path, key_file: _KeyFile) -> None:
    """Write atomically: a private temporary file in the same folder, fsync, then rename."""
    data = (json.dumps(_to_json(key_file), indent=2) + "\n").encode("utf-8")
    try:
        # mkstemp creates the file readable and writable by the owner only (0o600).
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise VaultError(f"The key file {path} could not be saved: {error.strerror}.") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise VaultError(f"The key file {path} could not be saved: {error.strerror}.") from None
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open folders, and needs no help.
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
