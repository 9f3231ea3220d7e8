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
