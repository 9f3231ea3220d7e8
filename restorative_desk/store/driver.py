"""The SQLite driver: SQLCipher 4 (through sqlcipher3), which encrypts every page on disk.

Everything in the store uses these names, so the exceptions caught are the driver's own.
"""

from __future__ import annotations

from sqlcipher3 import dbapi2 as sqlite

Connection = sqlite.Connection
DatabaseError = sqlite.DatabaseError
OperationalError = sqlite.OperationalError
IntegrityError = sqlite.IntegrityError
connect = sqlite.connect

__all__ = ["Connection", "DatabaseError", "IntegrityError", "OperationalError", "connect"]
