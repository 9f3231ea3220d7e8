"""Turning what a facilitator types into a safe full-text query, and folding names so that
"lukasz" finds Łukasz, "dang" finds Đặng and "oyvind" finds Øyvind."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+", re.UNICODE)
FOLD_FUNCTION = "rd_fold"

# Letters that Unicode does not decompose into a base letter and a mark; SQLite's own
# diacritic removal leaves them as they are, so a plain keyboard could never find them.
_SPECIAL_LETTERS = str.maketrans(
    {
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae",
        "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ı": "i",  # noqa: RUF001 - dotless i is the point
        "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T",
    }
)  # fmt: skip


def fold(text: str | None) -> str:
    """`text` without accents and with special letters spelt as a plain keyboard would."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fts_query(text: str) -> str:
    """An FTS5 query matching every word of `text` as a prefix; '' when there are no words.

    Words are quoted, so punctuation and FTS5 operators typed by the user are never interpreted.
    """
    words = _WORD.findall(fold(text))
    return " ".join(f'"{word}"*' for word in words)


# The rows of the case search index: a case's details and the names of its people.
SEARCH_ROWS_SQL = f"""
    (rowid, reference, organisation, summary, facilitator, people)
    SELECT c.seq, c.reference, {FOLD_FUNCTION}(c.organisation), {FOLD_FUNCTION}(c.summary),
           {FOLD_FUNCTION}(c.facilitator || ' ' || c.co_facilitator),
           {FOLD_FUNCTION}(coalesce((SELECT group_concat(p.name || ' ' || p.preferred_name, ' ')
                                     FROM people p WHERE p.case_id = c.id), ''))
    FROM cases c
"""
