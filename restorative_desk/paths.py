"""Where the database lives: --db, then RESTORATIVE_DESK_DB, then the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "RESTORATIVE_DESK_DB"
DB_FILENAME = "restorative-desk.db"


def database_path(explicit: str | None = None) -> Path:
    """The database file to open, creating the default folder when it is used."""
    chosen = explicit or os.environ.get(DB_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_data_path  # imported only when the default place is used

    folder = user_data_path("RestorativeDesk", appauthor=False)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / DB_FILENAME


PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"


def is_plain_sqlite(path: Path) -> bool:
    """Whether `path` is an unencrypted SQLite file (an encrypted one starts with random bytes)."""
    try:
        with path.open("rb") as file:
            return file.read(len(PLAIN_SQLITE_HEADER)) == PLAIN_SQLITE_HEADER
    except OSError:
        return False
