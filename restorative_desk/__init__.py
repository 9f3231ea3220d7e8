"""Restorative Desk: the Qt-free core (records, rules, storage, command line)."""

__version__ = "0.1.0"
APP_NAME = "Restorative Desk"
