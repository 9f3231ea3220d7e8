"""Small pieces shared by the table models."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt


def column_header(
    columns: Sequence[str], section: int, orientation: Qt.Orientation, role: int
) -> str | None:
    """The horizontal header's words for `section`; None for anything else."""
    if (
        orientation is Qt.Orientation.Horizontal
        and role == Qt.ItemDataRole.DisplayRole
        and 0 <= section < len(columns)
    ):
        return columns[section]
    return None
