"""Turning what a facilitator types into a safe full-text query."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
    """An FTS5 query matching every word of `text` as a prefix; '' when there are no words.

    Words are quoted, so punctuation and FTS5 operators typed by the user are never interpreted.
    """
    words = _WORD.findall(text)
    return " ".join(f'"{word}"*' for word in words)


# The rows of the case search index: a case's details and the names of its people.
SEARCH_ROWS_SQL = """
    (rowid, reference, organisation, summary, facilitator, people)
    SELECT c.seq, c.reference, c.organisation, c.summary,
           c.facilitator || ' ' || c.co_facilitator,
           coalesce((SELECT group_concat(p.name || ' ' || p.preferred_name, ' ')
                     FROM people p WHERE p.case_id = c.id), '')
    FROM cases c
"""
