"""The printed recovery sheet carries the key, readable, and the same input gives the same bytes."""

from __future__ import annotations

import io
import os
from datetime import date

from pypdf import PdfReader

from restorative_desk.documents.recovery_sheet import render_recovery_sheet
from restorative_desk.security.vault import format_recovery_key, parse_recovery_key


def test_the_key_on_the_sheet_opens_the_vault_again() -> None:
    raw = os.urandom(32)
    key = format_recovery_key(raw)
    pdf = render_recovery_sheet(key, "Łukasz's school — Zoë's team", "cases.db", date(2026, 11, 26))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Łukasz's school — Zoë's team" in text and "26 Nov 2026" in text
    typed_back = "".join(line for line in text.splitlines() if " - " in line)
    assert parse_recovery_key(typed_back) == raw


def test_same_input_same_bytes() -> None:
    key = format_recovery_key(bytes(range(32)))
    first = render_recovery_sheet(key, "Oak House", "cases.db", date(2026, 1, 2))
    assert first == render_recovery_sheet(key, "Oak House", "cases.db", date(2026, 1, 2))
    assert first.startswith(b"%PDF")
