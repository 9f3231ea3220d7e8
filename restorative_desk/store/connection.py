"""The one place a database connection is opened (so that encryption can be switched on here)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .errors import DatabaseBusy, DatabaseCorrupt, DatabaseReadOnly

BUSY_TIMEOUT_MS = 5_000


def open_connection(path: Path | None, *, read_only: bool = False) -> sqlite3.Connection:
    """Open `path` (a throwaway in-memory database when None) with the pragmas every
    Restorative Desk connection uses. Transactions are explicit (the store's BEGIN/COMMIT).
    """
    if path is None:
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        return conn
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
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Reading the schema is the first moment SQLite looks at the file's contents.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if not read_only:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
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


def _corrupt_message(path: Path, error: Exception) -> str:
    return (
        f"{path} is damaged or is not a Restorative Desk database ({error}). "
        "Nothing in it was changed. Restore it from a backup or choose another file."
    )
