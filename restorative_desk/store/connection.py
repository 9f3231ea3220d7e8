"""The one place a database connection is opened, and where its encryption key is applied."""

from __future__ import annotations

import os
from pathlib import Path

from ..paths import is_plain_sqlite
from . import driver as sqlite3
from .errors import (
    DatabaseBusy,
    DatabaseCorrupt,
    DatabaseNotEncrypted,
    DatabaseReadOnly,
    WrongKey,
)
from .search import FOLD_FUNCTION, fold

BUSY_TIMEOUT_MS = 5_000
CACHE_KIB = 32 * 1024
KEY_BYTES = 32
# Opens a file without encryption, only so scripts/bench.py can measure what encryption costs
# in the same run. The app and rdesk never pass it: every case file they open is encrypted.
UNENCRYPTED_FOR_BENCHMARKS = b"unencrypted, for benchmarks only"
PAGE_HMAC = "HMAC_SHA256"


def open_connection(
    path: Path | None, key: bytes | None, *, read_only: bool = False
) -> sqlite3.Connection:
    """Open `path` with the pragmas every Restorative Desk connection uses.

    A file is always opened with its 256-bit key (SQLCipher encrypts every page, the WAL
    included). None as the path gives a throwaway database held only in memory. Transactions
    are explicit (the store's BEGIN/COMMIT).
    """
    if path is None:
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        _add_functions(conn)
        return conn
    if key is UNENCRYPTED_FOR_BENCHMARKS:
        return _open_file(path, None, read_only=read_only)
    if key is None or len(key) != KEY_BYTES:
        raise ValueError("a database file is only ever opened with its 256-bit key")
    return _open_file(path, key, read_only=read_only)


def _open_file(path: Path, key: bytes | None, *, read_only: bool) -> sqlite3.Connection:
    if key is not None and path.exists() and is_plain_sqlite(path):
        raise DatabaseNotEncrypted(
            f"{path} is not encrypted, so Restorative Desk will not open it: case files are "
            "always kept encrypted. Nothing in it was changed."
        )
    if read_only:
        if not path.exists():
            raise DatabaseCorrupt(f"There is no database at {path}.")
        uri = path.resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    else:
        folder = path.parent
        if path.exists() and not os.access(path, os.W_OK):
            raise DatabaseReadOnly(
                f"The database {path} is read-only, so nothing could be saved. "
                "Ask whoever manages this computer to make it writable, or open a copy."
            )
        if not folder.is_dir():
            raise DatabaseReadOnly(
                f"The folder {folder} does not exist, so no database can be made there."
            )
        if not path.exists() and not os.access(folder, os.W_OK):
            raise DatabaseReadOnly(
                f"A new database cannot be created in {folder}: it is read-only."
            )
        conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        if key is not None:
            # The key must be the first statement; nothing is read from the file before it.
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            # Each page is sealed with HMAC-SHA256 (SQLCipher's default is SHA-512): as strong
            # for tamper detection, and about a third cheaper per page written on this hardware.
            conn.execute(f"PRAGMA cipher_hmac_algorithm = {PAGE_HMAC}")
        # SQLCipher would otherwise write its own warnings to stderr; problems reach the user
        # as the store's own messages instead.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Sorting and temporary tables stay in memory, never in plain temporary files; erased
        # records are overwritten rather than left in free pages.
        conn.execute("PRAGMA temp_store = MEMORY")
        # A page cache large enough for the list's indexes: each page read from disk must be
        # decrypted and its seal checked, so keeping the busy ones in memory matters.
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute("PRAGMA secure_delete = ON")
        # Reading the schema is the first moment SQLCipher decrypts the file.
        _check_key(conn, path)  # closes the connection itself when the key does not fit
        if not read_only:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        _add_functions(conn)
    except sqlite3.OperationalError as error:
        conn.close()
        if "locked" in str(error) or "busy" in str(error):
            raise DatabaseBusy(
                f"{path} is in use by another program and did not become free. Try again shortly."
            ) from error
        if "readonly" in str(error) or "read-only" in str(error):
            raise DatabaseReadOnly(f"The database {path} cannot be written to.") from error
        raise DatabaseCorrupt(_corrupt_message(path, error)) from error
    except sqlite3.DatabaseError as error:
        conn.close()
        raise DatabaseCorrupt(_corrupt_message(path, error)) from error
    return conn


def _add_functions(conn: sqlite3.Connection) -> None:
    """SQL functions the schema uses (the search index folds names through rd_fold)."""
    conn.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)


def _check_key(conn: sqlite3.Connection, path: Path) -> None:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error) and path.stat().st_size > 0:
            conn.close()
            raise WrongKey(
                f"{path} could not be opened with its key: the file is damaged, or its key file "
                "belongs to another case file. Nothing in it was changed. Restore it from a "
                "backup."
            ) from error
        raise


def _corrupt_message(path: Path, error: Exception) -> str:
    return (
        f"{path} is damaged or is not a Restorative Desk database ({error}). "
        "Nothing in it was changed. Restore it from a backup or choose another file."
    )
