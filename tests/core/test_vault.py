"""The key vault: wrapping, recovery, throttling and a key file that may be damaged or edited."""

from __future__ import annotations

import base64
import json
import os
import stat
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from restorative_desk.security import (
    FAST_TEST_PARAMS,
    KdfParams,
    KeyFileDamaged,
    KeyFileExists,
    KeyFileMissing,
    RecoveryKeyTypo,
    TooManyAttempts,
    VaultError,
    WrongPassphrase,
    WrongRecoveryKey,
    calibrate,
    change_passphrase,
    copy_keys,
    create_vault,
    failed_attempts,
    format_recovery_key,
    keys_path,
    parse_recovery_key,
    reset_with_recovery,
    unlock,
    unlock_with_recovery,
    vault,
    wait_before_next_try,
)

PASSPHRASE = "otter lamp river quietly"
T0 = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
JsonEdit = Callable[[dict[str, Any]], None]


def make(db_path: Path, passphrase: str = PASSPHRASE) -> tuple[bytes, str]:
    return create_vault(db_path, passphrase, params=FAST_TEST_PARAMS, now=T0)


def read_json(db_path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(keys_path(db_path).read_text("utf-8"))
    return document


def write_json(db_path: Path, document: dict[str, Any]) -> None:
    keys_path(db_path).write_text(json.dumps(document), "utf-8")


def fail(db_path: Path, at: datetime) -> WrongPassphrase:
    with pytest.raises(WrongPassphrase) as caught:
        unlock(db_path, "not the passphrase", now=at)
    return caught.value


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


# --- round trips -------------------------------------------------------------------------------


def test_the_passphrase_opens_what_it_created(db_path: Path) -> None:
    key, _ = make(db_path)
    opened = unlock(db_path, PASSPHRASE, now=T0)
    assert len(key) == 32
    assert opened.key == key
    assert opened.failed_attempts_before == 0
    assert key.hex() not in repr(opened)


def test_the_key_file_sits_beside_the_database(db_path: Path) -> None:
    make(db_path)
    assert keys_path(db_path) == db_path.parent / "cases.db.keys"
    assert keys_path(db_path).exists()
    assert not db_path.exists()  # the vault never touches the database itself


def test_the_key_file_has_the_documented_shape(db_path: Path) -> None:
    make(db_path)
    document = read_json(db_path)
    assert document["format"] == 1
    assert document["kdf"] == {
        "name": "argon2id",
        "time_cost": FAST_TEST_PARAMS.time_cost,
        "memory_cost_kib": FAST_TEST_PARAMS.memory_cost_kib,
        "parallelism": FAST_TEST_PARAMS.parallelism,
        "salt": document["kdf"]["salt"],
    }
    assert set(document["by_passphrase"]) == {"nonce", "ciphertext"}
    assert set(document["by_recovery"]) == {"salt", "nonce", "ciphertext"}
    assert document["failures"] == {"count": 0, "last_failed_at": None}
    assert datetime.fromisoformat(document["created_at"]) == T0


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_key_file_is_private_and_written_without_leftovers(db_path: Path) -> None:
    make(db_path)
    fail(db_path, T0)
    assert stat.S_IMODE(keys_path(db_path).stat().st_mode) == 0o600
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["cases.db.keys"]


def test_the_key_file_holds_neither_key_nor_passphrase_in_any_common_form(db_path: Path) -> None:
    key, recovery_text = make(db_path)
    recovery = parse_recovery_key(recovery_text)
    raw = keys_path(db_path).read_bytes()
    for secret in (key, recovery, PASSPHRASE.encode()):
        forms = [
            secret,
            secret.hex().encode(),
            secret.hex().upper().encode(),
            base64.b64encode(secret),
            base64.urlsafe_b64encode(secret).rstrip(b"="),
            base64.b32encode(secret).rstrip(b"="),
        ]
        for form in forms:
            assert form not in raw
            assert form[:16] not in raw  # not even a recognisable part
    assert recovery_text.encode() not in raw
    assert recovery_text.replace("-", "").encode() not in raw


def test_a_second_vault_never_replaces_the_first(db_path: Path) -> None:
    key, _ = make(db_path)
    with pytest.raises(KeyFileExists, match="already a key file"):
        make(db_path, "another passphrase entirely")
    assert unlock(db_path, PASSPHRASE, now=T0).key == key


def test_a_missing_key_file_is_named(db_path: Path) -> None:
    with pytest.raises(KeyFileMissing) as caught:
        unlock(db_path, PASSPHRASE)
    assert str(keys_path(db_path)) in str(caught.value)
    assert caught.value.path == keys_path(db_path)


def test_times_must_carry_a_time_zone(db_path: Path) -> None:
    with pytest.raises(ValueError, match="timezone"):
        create_vault(db_path, PASSPHRASE, params=FAST_TEST_PARAMS, now=datetime(2026, 1, 1))


# --- wrong passphrases and throttling ----------------------------------------------------------


def test_a_wrong_passphrase_never_gives_a_key(db_path: Path) -> None:
    make(db_path)
    error = fail(db_path, T0)
    assert str(error) == (
        "That passphrase doesn't open this case file. "
        "You can try 4 more times before you'll need to wait."
    )
    assert error.tries_before_waiting == 4
    assert error.wait_seconds == 0
    assert failed_attempts(db_path) == 1


def test_five_tries_are_free_then_waits_double(db_path: Path) -> None:
    make(db_path)
    for attempt in range(1, 5):
        assert fail(db_path, at(attempt)).tries_before_waiting == 5 - attempt
        assert wait_before_next_try(db_path, now=at(attempt)) == 0
    fifth = fail(db_path, at(5))
    assert fifth.tries_before_waiting == 0
    assert fifth.wait_seconds == 2
    assert str(fifth).endswith("Please wait 2 seconds before trying again.")

    with pytest.raises(TooManyAttempts) as caught:
        unlock(db_path, PASSPHRASE, now=at(6))  # even the right passphrase must wait
    assert caught.value.wait_seconds == pytest.approx(1)
    assert str(caught.value) == "Too many tries. Please wait 1 second before trying again."
    assert failed_attempts(db_path) == 5  # waiting is not a failure

    assert fail(db_path, at(7)).wait_seconds == 4
    assert wait_before_next_try(db_path, now=at(8)) == pytest.approx(3)
    assert fail(db_path, at(11)).wait_seconds == 8
    assert wait_before_next_try(db_path, now=at(11)) == pytest.approx(8)


def test_a_wait_does_not_run_the_kdf(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, recovery_text = make(db_path)
    for attempt in range(5):
        fail(db_path, at(attempt))

    def no_kdf(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("the KDF ran while a wait was due")

    monkeypatch.setattr(vault, "_derive_from_passphrase", no_kdf)  # Argon2id
    monkeypatch.setattr(vault, "_derive_from_recovery_key", no_kdf)  # HKDF
    with pytest.raises(TooManyAttempts):
        unlock(db_path, PASSPHRASE, now=at(5))
    with pytest.raises(TooManyAttempts):
        unlock_with_recovery(db_path, recovery_text, now=at(5))
    assert failed_attempts(db_path) == 5


def test_the_wait_survives_a_restart_and_success_resets_it(db_path: Path) -> None:
    key, _ = make(db_path)
    for attempt in range(6):
        with pytest.raises((WrongPassphrase, TooManyAttempts)):
            unlock(db_path, "wrong", now=at(attempt * 10))
    # Nothing is held in memory: every call reads the file, as a restarted app would.
    assert failed_attempts(db_path) == 6
    assert wait_before_next_try(db_path, now=at(51)) == pytest.approx(3)
    with pytest.raises(TooManyAttempts):
        unlock(db_path, PASSPHRASE, now=at(52))
    opened = unlock(db_path, PASSPHRASE, now=at(54))
    assert opened.key == key
    assert opened.failed_attempts_before == 6
    assert failed_attempts(db_path) == 0
    assert wait_before_next_try(db_path, now=at(54)) == 0
    assert unlock(db_path, PASSPHRASE, now=at(55)).failed_attempts_before == 0


def test_the_wait_is_capped_at_fifteen_minutes(db_path: Path) -> None:
    make(db_path)
    document = read_json(db_path)
    document["failures"] = {"count": 500, "last_failed_at": T0.isoformat()}
    write_json(db_path, document)
    assert wait_before_next_try(db_path, now=T0) == 15 * 60
    with pytest.raises(TooManyAttempts, match="wait 15 minutes before"):
        unlock(db_path, PASSPHRASE, now=T0)
    assert unlock(db_path, PASSPHRASE, now=at(15 * 60)).failed_attempts_before == 500


def test_a_clock_set_back_does_not_lengthen_the_wait(db_path: Path) -> None:
    make(db_path)
    for attempt in range(5):
        fail(db_path, at(attempt))
    assert wait_before_next_try(db_path, now=T0 - timedelta(days=1)) == 2


def test_recovery_key_failures_count_with_passphrase_failures(db_path: Path) -> None:
    make(db_path)
    _, stranger = make(db_path.with_name("other.db"))
    for attempt in range(3):
        fail(db_path, at(attempt))
    with pytest.raises(WrongRecoveryKey) as caught:
        unlock_with_recovery(db_path, stranger, now=at(3))
    assert caught.value.tries_before_waiting == 1
    fail(db_path, at(4))
    with pytest.raises(TooManyAttempts):
        unlock_with_recovery(db_path, stranger, now=at(5))
    assert failed_attempts(db_path) == 5


def test_a_failure_that_cannot_be_saved_is_still_reported(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(db_path)

    def read_only(path: Path, key_file: object) -> None:
        raise VaultError("The key file could not be saved.")

    monkeypatch.setattr(vault, "_save", read_only)
    fail(db_path, T0)


# --- the recovery key --------------------------------------------------------------------------


def test_the_recovery_key_is_fourteen_groups_of_four(db_path: Path) -> None:
    _, text = make(db_path)
    groups = text.split("-")
    assert [len(group) for group in groups] == [4] * 14
    assert set(text) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567-")


def test_the_recovery_key_opens_the_vault_however_it_is_typed(db_path: Path) -> None:
    key, text = make(db_path)
    typings = [
        text,
        text.lower(),
        text.replace("-", " "),
        text.replace("-", ""),
        f"  {text.replace('-', '  ').lower()}\n",
        text.replace("O", "0").replace("I", "1").replace("B", "8"),
        text.replace("-", "\u2011"),  # a non-breaking hyphen pasted from a document
    ]
    for typed in typings:
        assert unlock_with_recovery(db_path, typed, now=T0).key == key
    assert failed_attempts(db_path) == 0


def test_a_typo_in_the_recovery_key_is_reported_as_a_typo(db_path: Path) -> None:
    _, text = make(db_path)
    position = 10
    swapped = "A" if text[position] != "A" else "C"
    typo = text[:position] + swapped + text[position + 1 :]
    with pytest.raises(RecoveryKeyTypo, match="typo"):
        unlock_with_recovery(db_path, typo, now=T0)
    assert failed_attempts(db_path) == 0  # the file is not even consulted


@pytest.mark.parametrize(
    ("typed", "complaint"),
    [
        ("ABCD-EFGH", "56 characters in 14 groups of 4; this one has 8"),
        ("ABCD-EFG9", "“9” must be a typo"),
        ("", "this one has 0"),
    ],
)
def test_a_malformed_recovery_key_says_what_is_wrong(typed: str, complaint: str) -> None:
    with pytest.raises(RecoveryKeyTypo) as caught:
        parse_recovery_key(typed)
    assert complaint in str(caught.value)


def test_another_files_recovery_key_is_a_wrong_key(db_path: Path) -> None:
    make(db_path)
    _, stranger = make(db_path.with_name("other.db"))
    with pytest.raises(WrongRecoveryKey, match="doesn't open this case file"):
        unlock_with_recovery(db_path, stranger, now=T0)
    assert failed_attempts(db_path) == 1


@given(st.binary(min_size=32, max_size=32))
def test_recovery_key_text_round_trips(recovery: bytes) -> None:
    assert parse_recovery_key(format_recovery_key(recovery)) == recovery


# --- changing and resetting the passphrase -----------------------------------------------------


def test_changing_the_passphrase_rewraps_only(db_path: Path) -> None:
    key, recovery_text = make(db_path)
    db_path.write_bytes(b"\0" * 1024)
    with db_path.open("r+b") as big:  # a large (sparse) case file must not slow the change
        big.truncate(2 * 1024**3)
    before = db_path.stat()

    kdf_started = time.perf_counter()
    vault._derive_from_passphrase("one run", FAST_TEST_PARAMS, os.urandom(16))
    one_kdf = time.perf_counter() - kdf_started
    started = time.perf_counter()
    change_passphrase(db_path, key, "a whole new passphrase")
    took = time.perf_counter() - started

    assert took < 1 + one_kdf
    assert db_path.stat().st_mtime_ns == before.st_mtime_ns
    with pytest.raises(WrongPassphrase):
        unlock(db_path, PASSPHRASE, now=T0)
    assert unlock(db_path, "a whole new passphrase", now=T0).key == key
    assert unlock_with_recovery(db_path, recovery_text, now=T0).key == key


def test_changing_the_passphrase_keeps_or_raises_the_cost(db_path: Path) -> None:
    key, _ = make(db_path)
    change_passphrase(db_path, key, "kept cost passphrase")
    assert read_json(db_path)["kdf"]["memory_cost_kib"] == FAST_TEST_PARAMS.memory_cost_kib
    stronger = vault.KdfParams(time_cost=2, memory_cost_kib=16 * 1024, parallelism=2)
    change_passphrase(db_path, key, "raised cost passphrase", params=stronger)
    kdf = read_json(db_path)["kdf"]
    assert (kdf["time_cost"], kdf["memory_cost_kib"], kdf["parallelism"]) == (2, 16 * 1024, 2)
    assert unlock(db_path, "raised cost passphrase", now=T0).key == key


def test_a_forgotten_passphrase_is_reset_with_the_recovery_key(db_path: Path) -> None:
    key, recovery_text = make(db_path)
    fail(db_path, T0)
    reset = reset_with_recovery(db_path, recovery_text.lower(), "remembered this time")
    assert reset.key == key
    assert reset.failed_attempts_before == 1
    with pytest.raises(WrongPassphrase):
        unlock(db_path, PASSPHRASE, now=T0)
    assert unlock(db_path, "remembered this time", now=T0).key == key
    # The recovery key keeps working: it is the same key, wrapped once at creation.
    assert unlock_with_recovery(db_path, recovery_text, now=T0).key == key


def test_a_reset_with_the_wrong_recovery_key_changes_nothing(db_path: Path) -> None:
    key, _ = make(db_path)
    _, stranger = make(db_path.with_name("other.db"))
    with pytest.raises(WrongRecoveryKey):
        reset_with_recovery(db_path, stranger, "an attacker's passphrase", now=T0)
    assert unlock(db_path, PASSPHRASE, now=at(1)).key == key


# --- copies for backups ------------------------------------------------------------------------


def test_copied_keys_open_the_copy(db_path: Path) -> None:
    key, recovery_text = make(db_path)
    backup = db_path.parent / "backups" / "cases-2026-11-26.db"
    backup.parent.mkdir()
    copy_keys(db_path, backup)
    assert keys_path(backup).read_bytes() == keys_path(db_path).read_bytes()
    assert unlock(backup, PASSPHRASE, now=T0).key == key
    assert unlock_with_recovery(backup, recovery_text, now=T0).key == key


def test_restoring_replaces_the_keys_beside_the_restored_file(db_path: Path) -> None:
    key, _ = make(db_path)
    backup = db_path.with_name("backup.db")
    copy_keys(db_path, backup)
    change_passphrase(db_path, key, "changed after the backup")
    copy_keys(backup, db_path)  # restore
    assert unlock(db_path, PASSPHRASE, now=T0).key == key


def test_a_damaged_key_file_is_not_copied(db_path: Path) -> None:
    make(db_path)
    keys_path(db_path).write_text("{", "utf-8")
    with pytest.raises(KeyFileDamaged):
        copy_keys(db_path, db_path.with_name("backup.db"))
    assert not keys_path(db_path.with_name("backup.db")).exists()


# --- damaged or edited key files ---------------------------------------------------------------


def _flip_first_byte(field: str, part: str) -> JsonEdit:
    def edit(document: dict[str, Any]) -> None:
        raw = bytearray(base64.b64decode(document[part][field]))
        raw[0] ^= 0x01
        document[part][field] = base64.b64encode(bytes(raw)).decode()

    return edit


def _set(part: str, field: str, value: object) -> JsonEdit:
    def edit(document: dict[str, Any]) -> None:
        document[part][field] = value

    return edit


def _drop(part: str) -> JsonEdit:
    def edit(document: dict[str, Any]) -> None:
        del document[part]

    return edit


def _set_top(field: str, value: object) -> JsonEdit:
    def edit(document: dict[str, Any]) -> None:
        document[field] = value

    return edit


WRONG_BUT_WELL_FORMED: dict[str, JsonEdit] = {
    "ciphertext byte flipped": _flip_first_byte("ciphertext", "by_passphrase"),
    "nonce byte flipped": _flip_first_byte("nonce", "by_passphrase"),
    "salt byte flipped": _flip_first_byte("salt", "kdf"),
    "time cost lowered": _set("kdf", "time_cost", 2),
    "memory lowered": _set("kdf", "memory_cost_kib", 1024),
    "parallelism changed": _set("kdf", "parallelism", 2),
}

DAMAGED: dict[str, JsonEdit] = {
    "ciphertext cut short": _set("by_passphrase", "ciphertext", "AAAA"),
    "ciphertext not base64": _set("by_passphrase", "ciphertext", "not base64!"),
    "nonce missing": _set("by_passphrase", "nonce", None),
    "salt a number": _set("kdf", "salt", 7),
    "huge memory": _set("kdf", "memory_cost_kib", 2**40),
    "zero passes": _set("kdf", "time_cost", 0),
    "passes a string": _set("kdf", "time_cost", "3"),
    "passes a boolean": _set("kdf", "time_cost", True),
    "other kdf": _set("kdf", "name", "scrypt"),
    "newer format": _set_top("format", 2),
    "unknown format": _set_top("format", "one"),
    "no recovery wrapping": _drop("by_recovery"),
    "kdf a list": _set_top("kdf", []),
    "negative failures": _set("failures", "count", -1),
    "failure time garbage": _set("failures", "last_failed_at", "yesterday"),
    "failure time without zone": _set("failures", "last_failed_at", "2026-11-26T10:00:00"),
    "no creation time": _drop("created_at"),
}


@pytest.mark.parametrize("edit", WRONG_BUT_WELL_FORMED.values(), ids=WRONG_BUT_WELL_FORMED)
def test_an_edited_wrapping_fails_like_a_wrong_passphrase(db_path: Path, edit: JsonEdit) -> None:
    make(db_path)
    document = read_json(db_path)
    edit(document)
    write_json(db_path, document)
    with pytest.raises(WrongPassphrase):
        unlock(db_path, PASSPHRASE, now=T0)


@pytest.mark.parametrize("edit", DAMAGED.values(), ids=DAMAGED)
def test_a_damaged_key_file_is_named(db_path: Path, edit: JsonEdit) -> None:
    make(db_path)
    document = read_json(db_path)
    edit(document)
    write_json(db_path, document)
    for attempt in (
        lambda: unlock(db_path, PASSPHRASE, now=T0),
        lambda: failed_attempts(db_path),
        lambda: change_passphrase(db_path, bytes(32), "whatever it may be"),
    ):
        with pytest.raises(KeyFileDamaged) as caught:
            attempt()
        assert str(keys_path(db_path)) in str(caught.value)


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"[]", b"null", b"\xff\xfe garbage", b'{"format": 1}', b" " * 70_000],
    ids=["empty", "truncated", "list", "null", "not utf-8", "bare", "huge"],
)
def test_a_file_that_is_not_a_key_file_is_named(db_path: Path, content: bytes) -> None:
    keys_path(db_path).write_bytes(content)
    with pytest.raises(KeyFileDamaged, match=str(keys_path(db_path))):
        unlock(db_path, PASSPHRASE, now=T0)


def test_a_newer_format_says_so(db_path: Path) -> None:
    make(db_path)
    document = read_json(db_path)
    document["format"] = 2
    write_json(db_path, document)
    with pytest.raises(KeyFileDamaged, match="newer version of Restorative Desk"):
        unlock(db_path, PASSPHRASE, now=T0)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_corruption_gives_the_key_or_a_vault_error(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "cases.db"
        key, _ = make(db_path)
        raw = bytearray(keys_path(db_path).read_bytes())
        cut = data.draw(st.integers(0, len(raw)), label="cut")
        position = data.draw(st.integers(0, len(raw) - 1), label="position")
        raw[position] = data.draw(st.integers(0, 255), label="byte")
        keys_path(db_path).write_bytes(bytes(raw[:cut]))
        try:
            opened = unlock(db_path, PASSPHRASE, now=T0)
        except VaultError as error:
            if isinstance(error, KeyFileDamaged):
                assert str(keys_path(db_path)) in str(error)
        else:
            assert opened.key == key  # e.g. only a space or the creation time changed


# --- Unicode -----------------------------------------------------------------------------------


def test_composed_and_decomposed_forms_are_the_same_passphrase(db_path: Path) -> None:
    composed = "Zo\u00eb's otter lamp"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    key, _ = make(db_path, composed)
    assert unlock(db_path, decomposed, now=T0).key == key
    change_passphrase(db_path, key, decomposed)
    assert unlock(db_path, composed, now=T0).key == key


@settings(max_examples=20, deadline=None)
@given(st.text())
def test_any_passphrase_round_trips(passphrase: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "cases.db"
        key, _ = make(db_path, passphrase)
        assert unlock(db_path, passphrase, now=T0).key == key
        assert unlock(db_path, unicodedata.normalize("NFD", passphrase), now=T0).key == key


def test_odd_strings_never_crash_the_derivation(db_path: Path) -> None:
    lone_surrogate = "otter \ud800 lamp"
    key, _ = make(db_path, lone_surrogate)
    assert unlock(db_path, lone_surrogate, now=T0).key == key


# --- calibration -------------------------------------------------------------------------------


@pytest.mark.parametrize("seconds_per_mib_pass", [0.0004, 0.0015, 0.004, 0.02])
def test_calibration_aims_for_the_target_on_fast_and_slow_machines(
    monkeypatch: pytest.MonkeyPatch, seconds_per_mib_pass: float
) -> None:
    """Calibration's logic, on a simulated machine (real timings belong in scripts/bench.py,
    which reports the unlock time the calibrated parameters give on this machine)."""

    def simulated(params: KdfParams) -> float:
        work = params.time_cost * params.memory_cost_kib / 1024
        return work * seconds_per_mib_pass / params.parallelism + 0.01

    monkeypatch.setattr(vault, "_time_kdf", simulated)
    params = calibrate(0.7)
    assert params.parallelism == 2
    assert 19 * 1024 <= params.memory_cost_kib <= 256 * 1024
    took = simulated(params)
    slowest_possible = simulated(KdfParams(1, 19 * 1024, 2))
    assert 0.5 <= took <= 1.0 or slowest_possible > 1.0, (params, took)
