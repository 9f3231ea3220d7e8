"""Complementary suppression over a whole table: protected_counts (figures.py) for one row,
extended to rows and columns whose totals are shown or can be worked out elsewhere.

A withheld cell ("<5") must not be recoverable by subtracting the shown cells of its row from
the row's total, or of its column from the column's total. So in every such line, a withheld
cell never stands alone: while some line has exactly one, the smallest other non-zero shown
cell of that line is withheld too ("hidden": it is 5 or more). Withholding only ever adds, so
this ends."""

from __future__ import annotations

from collections.abc import Sequence

from .figures import Count, is_small


def protect_grid(
    counts: Sequence[Sequence[int]], *, row_totals: bool, column_totals: bool
) -> list[list[Count]]:
    """The grid of counts as shown: 1 to 4 withheld, and more where a total would reveal one."""
    height = len(counts)
    width = len(counts[0]) if height else 0
    hidden = [[is_small(count) for count in row] for row in counts]
    lines: list[list[tuple[int, int]]] = []
    if row_totals:
        lines += [[(r, c) for c in range(width)] for r in range(height)]
    if column_totals:
        lines += [[(r, c) for r in range(height)] for c in range(width)]
    changed = True
    while changed:
        changed = False
        for line in lines:
            withheld = [(r, c) for r, c in line if hidden[r][c]]
            if len(withheld) != 1:
                continue
            others = [
                (counts[r][c], r, c) for r, c in line if counts[r][c] > 0 and not hidden[r][c]
            ]
            if others:
                _, r, c = min(others)
                hidden[r][c] = True
                changed = True
    return [[_shown(counts[r][c], hidden[r][c]) for c in range(width)] for r in range(height)]


def _shown(count: int, hidden: bool) -> Count:
    """The cell as shown: "<5" when small, "hidden" when withheld to protect another."""
    if not hidden:
        return Count(count)
    return Count(None) if is_small(count) else Count(None, shields=True)

