"""Storage: the database connection, schema migrations and every query."""

from .errors import (
    DatabaseBusy,
    DatabaseCorrupt,
    DatabaseReadOnly,
    DatabaseTooNew,
    NotFound,
    StoreError,
)
from .store import Store, new_id, utc_now

__all__ = [
    "DatabaseBusy",
    "DatabaseCorrupt",
    "DatabaseReadOnly",
    "DatabaseTooNew",
    "NotFound",
    "Store",
    "StoreError",
    "new_id",
    "utc_now",
]
