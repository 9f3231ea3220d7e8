"""Opening databases: migrations on old files, and clear refusals for bad ones."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlite_utils import Database

from restorative_desk.records import CaseFilter
from restorative_desk.store import (
    DatabaseCorrupt,
    DatabaseNotEncrypted,
    DatabaseReadOnly,
    DatabaseTooNew,
    Store,
    driver,
)
from restorative_desk.store.connection import PAGE_HMAC
from restorative_desk.store.schema import migrations

from .test_store import make_case


def keyed(path: Path, key: bytes) -> driver.Connection:
    """A raw connection to an encrypted file, as another tool holding the key would make."""
    conn = driver.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute(f"PRAGMA cipher_hmac_algorithm = {PAGE_HMAC}")
    return conn


def test_an_old_database_is_brought_up_to_date_and_keeps_its_cases(
    db_path: Path, db_key: bytes
) -> None:
    # A database as the first version left it: cases, but no search index yet.
    old = Database(keyed(db_path, db_key))
    migrations.apply(old, stop_before="m002_case_search")
    old["cases"].insert(
        {
            "id": "c1",
            "reference": "RD-2025-0007",
            "setting": "school",
            "organisation": "Elmwood Primary",
            "referral_source": "education",
            "referral_date": "2025-03-04",
            "summary": "Łukasz's coat was torn in the playground",
            "status": "referred",
            "created_at": "2025-03-04T09:00:00+00:00",
            "updated_at": "2025-03-04T09:00:00+00:00",
        }
    )
    old.close()
    with Store.open(db_path, key=db_key) as store:
        assert [r.reference for r in store.case_rows(CaseFilter(search="playground"))] == [
            "RD-2025-0007"
        ]
        assert store.integrity_problems() == []
        assert not migrations.pending(Database(keyed(db_path, db_key)))


def test_a_database_from_a_newer_app_is_refused_untouched(db_path: Path, db_key: bytes) -> None:
    Store.open(db_path, key=db_key).close()
    db = Database(keyed(db_path, db_key))
    db["_sqlite_migrations"].insert(
        {"migration_set": "restorative_desk", "name": "m999_future", "applied_at": "2030-01-01"}
    )
    db.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseTooNew, match="newer version"):
        Store.open(db_path, key=db_key)
    assert db_path.read_bytes() == before


def test_a_corrupt_file_is_refused_untouched(db_path: Path, db_key: bytes) -> None:
    db_path.write_bytes(os.urandom(8192))
    before = db_path.read_bytes()
    with pytest.raises(DatabaseCorrupt, match="damaged"):
        Store.open(db_path, key=db_key)
    assert db_path.read_bytes() == before


def test_another_programs_database_is_refused(db_path: Path, db_key: bytes) -> None:
    other = keyed(db_path, db_key)
    other.execute("CREATE TABLE recipes (name TEXT)")
    other.commit()
    other.close()
    with pytest.raises(DatabaseCorrupt, match="another program"):
        Store.open(db_path, key=db_key)


def test_a_plain_unencrypted_file_is_recognised(db_path: Path, db_key: bytes) -> None:
    import sqlite3

    plain = sqlite3.connect(db_path)
    plain.execute("CREATE TABLE cases (id TEXT)")
    plain.commit()
    plain.close()
    with pytest.raises(DatabaseNotEncrypted, match="not encrypted"):
        Store.open(db_path, key=db_key)


def test_a_file_is_never_opened_without_its_key(db_path: Path) -> None:
    with pytest.raises(ValueError, match="key"):
        Store.open(db_path)
    with pytest.raises(ValueError, match="key"):
        Store.open(db_path, key=b"short")


def test_a_read_only_file_is_refused_with_a_clear_message(
    db_path: Path, db_key: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(db_path, key=db_key).close()
    db_path.chmod(stat.S_IRUSR)
    if os.geteuid() == 0:  # root may write anyway; ask as an ordinary user would be answered
        real_access = os.access
        monkeypatch.setattr(
            os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode)
        )
    with pytest.raises(DatabaseReadOnly, match="read-only"):
        Store.open(db_path, key=db_key)


def test_a_store_opened_read_only_refuses_writes_and_keeps_data(
    db_path: Path, db_key: bytes
) -> None:
    with Store.open(db_path, key=db_key) as store:
        case = store.create_case(make_case())
    with (
        Store.open(db_path, key=db_key, read_only=True) as store,
        pytest.raises(DatabaseReadOnly),
    ):
        store.create_case(make_case())
    with Store.open(db_path, key=db_key) as store:
        assert [r.id for r in store.case_rows(CaseFilter())] == [case.id]


def test_wal_and_full_sync_and_foreign_keys_are_on(
    store: Store, db_path: Path, db_key: bytes
) -> None:
    pragmas = keyed(db_path, db_key)
    assert pragmas.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.integrity_problems() == []


def test_opening_an_up_to_date_database_skips_the_migration_machinery(
    db_path: Path, db_key: bytes
) -> None:
    """sqlite-utils is slow to import; a normal start needs no migration and must not pay."""
    import subprocess
    import sys

    Store.open(db_path, key=db_key).close()
    probe = (
        "import sys; from pathlib import Path; from restorative_desk.store import Store;"
        "Store.open(Path(sys.argv[1]), key=bytes.fromhex(sys.argv[2])).close();"
        "sys.exit(1 if 'sqlite_utils' in sys.modules else 0)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(db_path), db_key.hex()], check=False
    )
    assert done.returncode == 0


def test_the_quick_check_finds_a_damaged_page(db_path: Path, db_key: bytes) -> None:
    with Store.open(db_path, key=db_key) as store:
        with store.batch():
            for number in range(300):
                store.create_case(make_case(summary=f"Case {number} " + "words " * 40))
        store.compact()
        assert store.quick_problems() == []
    data = bytearray(db_path.read_bytes())
    data[len(data) - 4096 * 2 + 100] ^= 0x40  # a byte inside a late page, not the schema
    db_path.write_bytes(bytes(data))
    with Store.open(db_path, key=db_key) as store:
        assert store.quick_problems() != []
        assert store.integrity_problems() != []
