"""Problems opening or writing the database, each with a message a facilitator can act on."""

from __future__ import annotations


class StoreError(Exception):
    """A database problem; `str(error)` is a plain sentence for the user."""


class DatabaseCorrupt(StoreError):
    """The file is damaged or is not a Restorative Desk database."""


class DatabaseReadOnly(StoreError):
    """The file (or its folder) cannot be written to."""


class DatabaseTooNew(StoreError):
    """The file was written by a newer version of the app."""


class DatabaseBusy(StoreError):
    """Another program holds the database and did not let go in time."""


class DatabaseNotEncrypted(StoreError):
    """A plain SQLite file where an encrypted case file was expected."""


class WrongKey(DatabaseCorrupt):
    """The key does not open the file (damaged, or the key belongs to another database)."""


class NotFound(StoreError):
    """A record asked for by id or reference does not exist."""
