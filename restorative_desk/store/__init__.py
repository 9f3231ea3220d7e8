"""Storage: the database connection, schema migrations and every query."""

from . import driver
from .errors import (
    DatabaseBusy,
    DatabaseCorrupt,
    DatabaseNotEncrypted,
    DatabaseReadOnly,
    DatabaseTooNew,
    NotFound,
    StoreError,
    WrongKey,
)
from .store import Store, new_id, utc_now

__all__ = [
    "DatabaseBusy",
    "DatabaseCorrupt",
    "DatabaseNotEncrypted",
    "DatabaseReadOnly",
    "DatabaseTooNew",
    "NotFound",
    "Store",
    "StoreError",
    "WrongKey",
    "driver",
    "new_id",
    "utc_now",
]
