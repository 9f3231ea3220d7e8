"""Helpers shared by the interface tests."""

from __future__ import annotations


class Answers:
    """Stands in for a dialog's ask(): gives queued answers and records what it was given."""

    def __init__(self, *answers: object) -> None:
        self.answers = list(answers)
        self.calls: list[tuple[tuple[object, ...], dict[str, object]]] = []

    def __call__(self, *args: object, **kwargs: object) -> object:
        self.calls.append((args, kwargs))
        return self.answers.pop(0)
