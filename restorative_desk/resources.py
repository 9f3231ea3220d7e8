"""Finding the shipped resources (wording, scripts, templates), installed or in a checkout."""

from __future__ import annotations

import json
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The resources folder: inside the installed package, or at the top of a checkout."""
    for candidate in (_HERE / "resources", _HERE.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("The app's resources folder is missing; reinstall Restorative Desk.")


class ResourceError(ValueError):
    """A resource file that cannot be used; the message names the file and the line."""


def line_of(text: str, needle: str, after_line: int = 1) -> int:
    """The first line at or after `after_line` that contains `needle` (else `after_line`)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if number >= after_line and needle in line:
            return number
    return after_line


def load_json(path: Path, error: type[ValueError] = ResourceError) -> tuple[object, str]:
    """A resource file's parsed JSON and its text (to find lines to blame in messages)."""
    text = path.read_text(encoding="utf-8")
    try:
        return json.loads(text), text
    except json.JSONDecodeError as problem:
        raise error(f"{path}, line {problem.lineno}: {problem.msg}") from problem
